//! FUWASYS score strings: 14 one-digit scores grouped 5-5-2-2, e.g. `44443 44434 43 43`, with a
//! total that must equal the sum of the digits.
//!
//! Official pages publish some strings with double spaces, a trailing space or another grouping
//! (`32232 33222 2332 (34)`): the digits are what count, so input is read digit by digit and
//! stored in the canonical 5-5-2-2 form. A published string that still does not add up (13 digits,
//! say) is not repaired: [`Published`] keeps it verbatim for a note and leaves the score empty.

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
    /// Parses 14 digits (any whitespace between them is ignored) and checks `total` against
    /// their sum.
    ///
    /// # Errors
    /// `BAD_USER_INPUT` when the string is not 14 digits, or the total differs.
    pub fn parse(scores: &str, total: i32) -> DomainResult<Self> {
        let compact: Vec<u8> = scores
            .bytes()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        if compact.len() != 14 || !compact.iter().all(u8::is_ascii_digit) {
            return Err(DomainError::bad_input(
                "fuwasysScores",
                format!(
                    "FUWASYS-score '{}' bestaat niet uit 14 cijfers ('ddddd ddddd dd dd')",
                    scores.trim()
                ),
            ));
        }
        let mut digits = [0u8; 14];
        for (slot, b) in digits.iter_mut().zip(compact) {
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

    /// Parses a string as the FGR site prints it, scores and total: `44443 44434 43 43 (52)`.
    ///
    /// # Errors
    /// `BAD_USER_INPUT` when there is no `(total)` or the scores do not parse.
    pub fn parse_published(published: &str) -> DomainResult<Self> {
        let bad = || {
            DomainError::bad_input(
                "fuwasys",
                format!(
                    "'{}' heeft niet de vorm 'ddddd ddddd dd dd (totaal)'",
                    published.trim()
                ),
            )
        };
        let (scores, rest) = published.split_once('(').ok_or_else(bad)?;
        let total = rest
            .trim()
            .strip_suffix(')')
            .and_then(|t| t.trim().parse().ok())
            .ok_or_else(bad)?;
        Self::parse(scores, total)
    }

    /// The scores in the canonical form, `ddddd ddddd dd dd`.
    pub fn scores(&self) -> String {
        let d: String = self.digits.iter().map(|d| char::from(b'0' + d)).collect();
        format!("{} {} {} {}", &d[..5], &d[5..10], &d[10..12], &d[12..])
    }

    /// The canonical display form, e.g. `44443 44434 43 43 (52)`.
    pub fn display(scores: &str, total: i32) -> String {
        format!("{scores} ({total})")
    }
}

/// A FUWASYS string as an official page publishes it, read for storing: the score when it is
/// valid, else the verbatim text for the record's note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Published {
    /// A valid score, canonical.
    Valid(FuwasysScore),
    /// Published, but not a valid score: the note to keep, quoting it verbatim.
    Invalid(String),
}

impl Published {
    /// Reads `published`; never fails, since an invalid official string is data too.
    pub fn read(published: &str) -> Self {
        match FuwasysScore::parse_published(published) {
            Ok(score) => Self::Valid(score),
            Err(e) => Self::Invalid(format!(
                "FUWASYS gepubliceerd als '{published}'; geen geldige score ({}), daarom leeg gelaten.",
                match e {
                    DomainError::BadInput { message, .. } => message,
                    other => other.to_string(),
                }
            )),
        }
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
        assert_eq!(err.code(), crate::error::ErrorCode::BadUserInput);
    }

    #[test]
    fn published_whitespace_and_grouping_are_normalised() {
        for (published, canonical) in [
            ("22122  21122  22  22 (25)", "22122 21122 22 22"),
            ("22122 22122 12 22  (25)", "22122 22122 12 22"),
            ("32232 33222 2332 (34)", "32232 33222 23 32"),
        ] {
            let s = FuwasysScore::parse_published(published).unwrap();
            assert_eq!(s.scores(), canonical, "{published}");
        }
    }

    #[test]
    fn an_invalid_published_string_is_kept_verbatim_in_the_note() {
        let Published::Invalid(note) = Published::read("322333222 22 22 (32)") else {
            panic!("13 digits accepted");
        };
        assert!(note.contains("'322333222 22 22 (32)'"), "{note}");
        assert!(matches!(
            Published::read("22121 11111 12 11 (18"),
            Published::Invalid(_)
        ));
        assert!(matches!(
            Published::read("44443  44444 44 44 (55)"),
            Published::Valid(_)
        ));
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
