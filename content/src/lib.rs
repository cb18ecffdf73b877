//! The documents the API and the console exchange as JSON: a function-group version's content
//! (core profile, typings, requirement coverage), as `Proposal.content` answers it and
//! `createProposal`/`updateProposal` take it. One definition for both sides, so a field added
//! here is added to both; the rules about the content (its order, its limits, what it may cite)
//! are the API's (`fgr_api::domain::content`). Also the Dutch spelling of dates ([`dates`]),
//! which both sides print.

pub mod dates;

use serde::{Deserialize, Serialize};

/// A result area of the core profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ResultAreaContent {
    /// `OPDRACHTGEVER`, `OMGEVING`, `BEDRIJFSVOERING` or `VERNIEUWEN_VERBETEREN`.
    pub code: String,
    /// The area's name as printed, e.g. "Omgeving".
    pub label: String,
    /// The results the area asks for, a bullet each, in printed order.
    pub results: Vec<String>,
    /// The behaviour that shows them ("gedragsindicatoren"), a bullet each.
    pub behaviour_indicators: Vec<String>,
}

/// The core profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CoreProfileContent {
    /// Doel van de functie.
    pub purpose: Option<String>,
    /// The four result areas.
    pub result_areas: Vec<ResultAreaContent>,
    /// Competence names (Competentietaal Rijk).
    pub competences: Vec<String>,
}

/// One bullet of a typing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct TypingItemContent {
    /// Section code, e.g. `RESULTATEN`.
    pub section: String,
    /// The heading the bullet stands under within Resultaten (e.g. "Aansturing"); `None` in the
    /// other sections.
    pub sub_category: Option<String>,
    /// The bullet; empty for a sub-category heading that has no bullets.
    pub text: String,
}

/// A typing, or one named variant of a scale's typing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct TypingContent {
    /// The salary scale the typing describes.
    pub scale: i32,
    /// 1, 2, … for the named variants of a scale ("Variant 1"); absent for a scale's only
    /// typing. A scale has either one typing without a variant or variants only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<i32>,
    /// The variant's name as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant_name: Option<String>,
    /// FUWASYS scores, e.g. `44443 44434 43 43`.
    pub fuwasys_scores: Option<String>,
    /// The sum of the FUWASYS scores, as published with them.
    pub fuwasys_total: Option<i32>,
    /// A remark on the typing's data, e.g. an official FUWASYS string that is not a valid score,
    /// quoted verbatim. Absent in content proposed before notes existed.
    #[serde(default)]
    pub note: Option<String>,
    /// Bullets in printed order.
    pub items: Vec<TypingItemContent>,
}

/// Where the content covers a requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CoverageContent {
    /// The code of the responsibility requirement covered, e.g. `SOCIALE_VEILIGHEID_LEIDINGGEVENDEN`.
    pub requirement_code: String,
    /// The typing whose text covers it; `None` for the core profile.
    pub typing_scale: Option<i32>,
    /// Where in the profile, e.g. "Kernprofiel › Omgeving › gedragsindicatoren".
    pub location: String,
    /// The profile's own words that cover it, quoted.
    pub quote: String,
    /// A remark on the assessment (how the text covers the requirement, or what it leaves open).
    pub note: Option<String>,
}

/// A group version's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct GroupContent {
    /// The profile every typing of the group shares.
    pub core_profile: CoreProfileContent,
    /// Typings, lowest scale first (variants of a scale in their number's order).
    pub typings: Vec<TypingContent>,
    /// Where the content covers each responsibility requirement it covers.
    pub coverage: Vec<CoverageContent>,
}
