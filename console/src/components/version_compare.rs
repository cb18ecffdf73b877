//! "Vergelijk versie A met versie B": a GET form over a thing's version numbers and, when two are
//! chosen, the diff between them. Used by groups, clauses and formats.

use graphql_client::GraphQLQuery;
use leptos::prelude::*;

use crate::api::{Api, ApiError};

use crate::pages::proposals::DiffView;
use crate::queries::amendments::FieldChange;

/// The form and the diff. Without a choice in the address, the newest version is compared with
/// the one before it.
#[component]
pub fn VersionCompare(
    /// The version numbers, oldest first.
    numbers: Vec<i64>,
    /// `from` in the address.
    from: Option<i64>,
    /// `to` in the address.
    to: Option<i64>,
    /// The diff, when the address chose two versions.
    diff: Option<Vec<FieldChange>>,
    /// The form's id.
    id: &'static str,
) -> impl IntoView {
    let latest = numbers.last().copied().unwrap_or(1);
    let (from, to) = (
        from.unwrap_or(latest.saturating_sub(1).max(1)),
        to.unwrap_or(latest),
    );
    let options = move |selected: i64| {
        numbers
            .iter()
            .map(|n| view! { <option value=n.to_string() selected=*n == selected>{format!("versie {n}")}</option> })
            .collect_view()
    };
    view! {
        <form method="get" class="compare" id=id>
            <label for=format!("{id}-from")>"Vergelijk"</label>
            <select class="utrecht-select utrecht-select--html-select" id=format!("{id}-from") name="from">{options.clone()(from)}</select>
            <label for=format!("{id}-to")>"met"</label>
            <select class="utrecht-select utrecht-select--html-select" id=format!("{id}-to") name="to">{options(to)}</select>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">"Vergelijk"</button>
        </form>
        {diff.map(|changes| view! {
            <h3 class="nl-heading nl-heading--level-3">{format!("Wijzigingen van versie {from} naar versie {to}")}</h3>
            <DiffView changes/>
        })}
    }
}

/// The diff the address chose (`?from=&to=`), read with the operation `Q`: `None` unless both
/// numbers are there.
///
/// # Errors
/// The API's, as [`Api::run`].
pub async fn chosen_diff<Q, C>(
    api: &Api,
    from: Option<i64>,
    to: Option<i64>,
    variables: impl FnOnce(i64, i64) -> Q::Variables,
    changes: fn(Q::ResponseData) -> Vec<C>,
) -> Result<Option<Vec<FieldChange>>, ApiError>
where
    Q: GraphQLQuery,
    C: Into<FieldChange>,
{
    let (Some(from), Some(to)) = (from, to) else {
        return Ok(None);
    };
    let answer = api.run::<Q>(variables(from, to)).await?;
    Ok(Some(changes(answer).into_iter().map(Into::into).collect()))
}
