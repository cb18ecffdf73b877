//! The clause vocabulary: categories and vacancy-text sections with their stored codes and
//! Dutch and English labels, the languages texts come in, and the output formats. Pure values,
//! shared by every other part of clauses and by the GraphQL vocabulary.

use crate::error::{DomainError, DomainResult};

macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $code:literal, $nl:literal, $en:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vdoc])* $variant,)+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];
            /// The stored code.
            pub fn code(self) -> &'static str { match self { $(Self::$variant => $code,)+ } }
            /// The value stored as `code`.
            pub fn from_code(code: &str) -> Option<Self> { Self::ALL.iter().copied().find(|v| v.code() == code) }
            /// The label in `language`.
            pub fn label(self, language: Language) -> &'static str {
                match (self, language) { $((Self::$variant, Language::Nl) => $nl, (Self::$variant, Language::En) => $en,)+ }
            }
        }
    };
}

code_enum! {
    /// What a clause is about.
    Category {
        /// Social safety, diversity and inclusion.
        SocialSafetyInclusion = "SOCIAL_SAFETY_INCLUSION", "Sociale veiligheid en inclusie", "Social safety and inclusion";
        /// Leiderschap, e.g. the ABD clause on the rijksbrede visie op publiek leiderschap.
        Leadership = "LEADERSHIP", "Leiderschap", "Leadership";
        /// Integrity and screening.
        IntegrityScreening = "INTEGRITY_SCREENING", "Integriteit en screening", "Integrity and screening";
        /// Terms of employment.
        TermsOfEmployment = "TERMS_OF_EMPLOYMENT", "Arbeidsvoorwaarden", "Terms of employment";
    }
}

code_enum! {
    /// The sections of a vacancy text, in order. (The register's own structure: the headings of
    /// ABD vacancy pages after "De opgave" are not confirmed.)
    Section {
        /// About the post.
        Position = "POSITION", "De functie", "The position";
        /// Who we are looking for.
        Profile = "PROFILE", "Wie zoeken wij", "Who we are looking for";
        /// What we offer.
        Offer = "OFFER", "Wat bieden wij", "What we offer";
        /// The procedure, last in the text, e.g. the eed of belofte and the VOG.
        Procedure = "PROCEDURE", "Procedure", "Procedure";
    }
}

/// A language of clause texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Dutch (every clause has it).
    Nl,
    /// English (where a clause has it; otherwise Dutch).
    En,
}

impl Language {
    /// The language named `code` (`nl` or `en`).
    ///
    /// # Errors
    /// `BAD_USER_INPUT` for any other code.
    pub fn parse(code: &str) -> DomainResult<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nl" => Ok(Self::Nl),
            "en" => Ok(Self::En),
            other => Err(DomainError::bad_input(
                "language",
                format!("onbekende taal '{other}'; kies nl of en"),
            )),
        }
    }

    /// `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Nl => "nl",
            Self::En => "en",
        }
    }
}

/// How an assembled text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    /// Plain text.
    Plain,
    /// Markdown: a `##` heading per section; clause texts are escaped.
    Markdown,
    /// HTML, every clause text escaped.
    Html,
}
