//! FUWASYS score strings: 14 one-digit scores grouped 5-5-2-2, e.g. `44443 44434 43 43`, with a
//! total that must equal the sum of the digits.

use crate::error::{DomainError, DomainResult};

/// A validated FUWASYS score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuwasysScore {
    /// The 14 scores in order.
    pub digits: [u8; 14],
    /// Their sum.
    pub total: i32,
}

impl FuwasysScore {
    /// Parses `ddddd ddddd dd dd` and checks `total` against the sum of its digits.
    ///
    /// # Errors
    /// `BAD_USER_INPUT` when the string is not 14 digits grouped 5-5-2-2, or the total differs.
    pub fn parse(scores: &str, total: i32) -> DomainResult<Self> {
        let groups: Vec<&str> = scores.split(' ').collect();
        let shape_ok = groups.len() == 4
            && groups.iter().map(|g| g.len()).eq([5, 5, 2, 2])
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
        if !shape_ok {
            return Err(DomainError::bad_input(
                "fuwasysScores",
                format!("FUWASYS-score '{scores}' heeft niet de vorm 'ddddd ddddd dd dd'"),
            ));
        }
        let mut digits = [0u8; 14];
        for (slot, b) in digits.iter_mut().zip(groups.concat().bytes()) {
            *slot = b - b'0';
        }
        let sum: i32 = digits.iter().map(|d| i32::from(*d)).sum();
        if sum != total {
            return Err(DomainError::bad_input(
                "fuwasysTotal",
                format!("FUWASYS-totaal {total} is niet de som van de scores ({sum})"),
            ));
        }
        Ok(Self { digits, total })
    }

    /// The canonical display form, e.g. `44443 44434 43 43 (52)`.
    pub fn display(scores: &str, total: i32) -> String {
        format!("{scores} ({total})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confirmed_score_parses_and_sums() {
        let s = FuwasysScore::parse("44443 44434 43 43", 52).unwrap();
        assert_eq!(s.total, 52);
        assert_eq!(s.digits[0], 4);
        assert_eq!(s.digits[13], 3);
    }

    #[test]
    fn a_total_that_is_not_the_sum_is_rejected() {
        let err = FuwasysScore::parse("44443 44434 43 43", 53).unwrap_err();
        assert_eq!(err.code(), "BAD_USER_INPUT");
    }

    #[test]
    fn a_malformed_score_is_rejected() {
        for bad in [
            "4444 44434 43 43",
            "44443 44434 43",
            "4444a 44434 43 43",
            "",
        ] {
            assert!(FuwasysScore::parse(bad, 52).is_err(), "{bad:?} accepted");
        }
    }
}
