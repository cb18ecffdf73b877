//! Relay connections over offset pages: the `first`/`after` arguments and the connection built
//! from one page of rows.

use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::OutputType;

use super::catalogue::query::{ConnectionTotals, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use super::ids;
use crate::error::{DomainError, DomainResult};

/// A page asked for: skip `offset` rows, return at most `limit`.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// Rows before the page.
    pub offset: u64,
    /// Page size.
    pub limit: u64,
}

impl Window {
    /// The window of `first` (default 50, at most 100) rows after the cursor `after`.
    ///
    /// # Errors
    /// `BAD_USER_INPUT` for a page size out of range or a cursor that is not ours.
    pub fn of(first: Option<i32>, after: Option<&str>) -> DomainResult<Self> {
        let first = first.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(0..=MAX_PAGE_SIZE).contains(&first) {
            return Err(DomainError::bad_input(
                "first",
                format!("first moet tussen 0 en {MAX_PAGE_SIZE} liggen, niet {first}"),
            ));
        }
        let offset = match after {
            None => 0,
            Some(cursor) => ids::parse_cursor(cursor)
                .map(|n| n + 1)
                .ok_or_else(|| DomainError::bad_input("after", "ongeldige cursor"))?,
        };
        Ok(Self {
            offset,
            limit: u64::try_from(first).unwrap_or_default(),
        })
    }

    /// The rows of this window out of all of them.
    pub fn slice<T>(self, all: Vec<T>) -> Vec<T> {
        all.into_iter()
            .skip(usize::try_from(self.offset).unwrap_or(usize::MAX))
            .take(usize::try_from(self.limit).unwrap_or(usize::MAX))
            .collect()
    }

    /// The connection of `rows` (this window's), out of `total`.
    pub fn connection<T: OutputType>(
        self,
        rows: Vec<T>,
        total: u64,
    ) -> Connection<String, T, ConnectionTotals, EmptyFields> {
        let end = self.offset + rows.len() as u64;
        let mut connection = Connection::with_additional_fields(
            self.offset > 0,
            end < total,
            ConnectionTotals { total_count: total },
        );
        connection.edges.extend(
            rows.into_iter()
                .enumerate()
                .map(|(i, row)| Edge::new(ids::cursor(self.offset + i as u64), row)),
        );
        connection
    }
}
