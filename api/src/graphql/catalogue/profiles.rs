//! GraphQL objects for a version's content: typings and the core profile, and competences.

use std::sync::Arc;

use async_graphql::{Enum, Object, SimpleObject, ID};
use chrono::NaiveDate;
use fgr_entities::competence;

use super::families::{FunctionGroup, GroupVersion};
use crate::domain::groups::VersionedGroup;
use crate::domain::profiles::{CoreProfileContent, TypingContent, TypingSection};
use crate::graphql::ids;
use crate::register::GroupVersionEntry;

/// A typing (functietypering) with its group and version.
#[derive(Clone)]
pub struct Typing {
    group: VersionedGroup,
    /// Its position among the version's typings.
    index: usize,
    as_of: NaiveDate,
}

impl Typing {
    /// The `index`-th typing of `group`'s version read on `as_of`.
    pub fn new(group: VersionedGroup, index: usize, as_of: NaiveDate) -> Self {
        Self {
            group,
            index,
            as_of,
        }
    }

    /// The typing of `group`'s version at `scale` (and `variant`, see
    /// [`GroupVersionEntry::typing_index`]), if it has one.
    pub fn at_scale(
        group: VersionedGroup,
        scale: i32,
        variant: Option<i32>,
        as_of: NaiveDate,
    ) -> Option<Self> {
        let index = group.at.typing_index(scale, variant)?;
        Some(Self::new(group, index, as_of))
    }

    fn content(&self) -> &TypingContent {
        &self.group.at.typings[self.index]
    }
}

/// The five sections of a typing.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum TypingSectionKind {
    /// Algemene omschrijving.
    AlgemeneOmschrijving,
    /// Resultaten: the results, grouped in sub-categories such as "Aansturing".
    Resultaten,
    /// Speelruimte / Kaders.
    SpeelruimteKaders,
    /// Kennis & Vaardigheden.
    KennisVaardigheden,
    /// Contacten, the last of the five sections as printed on the FGR site.
    Contacten,
}

impl From<TypingSection> for TypingSectionKind {
    fn from(s: TypingSection) -> Self {
        match s {
            TypingSection::AlgemeneOmschrijving => Self::AlgemeneOmschrijving,
            TypingSection::Resultaten => Self::Resultaten,
            TypingSection::SpeelruimteKaders => Self::SpeelruimteKaders,
            TypingSection::KennisVaardigheden => Self::KennisVaardigheden,
            TypingSection::Contacten => Self::Contacten,
        }
    }
}

/// One bullet of a typing section.
#[derive(SimpleObject, Clone)]
pub struct TypingItem {
    /// Sub-category within Resultaten, e.g. "Aansturing".
    pub sub_category: Option<String>,
    /// The text; empty when only the sub-category heading is known.
    pub text: String,
    /// True when the text is not from an official source.
    pub illustrative: bool,
}

/// One section of a typing, always present (empty when its text is not yet in the register).
#[derive(SimpleObject, Clone)]
pub struct TypingSectionBlock {
    /// Which section.
    pub section: TypingSectionKind,
    /// The heading as printed on the FGR site.
    pub label: String,
    /// Its bullets in printed order.
    pub items: Vec<TypingItem>,
}

/// A FUWASYS score.
#[derive(SimpleObject, Clone)]
pub struct Fuwasys {
    /// 14 digits grouped 5-5-2-2, e.g. `44443 44434 43 43`.
    pub scores: String,
    /// The sum of the digits.
    pub total: i32,
    /// As printed on the FGR site, e.g. `44443 44434 43 43 (52)`.
    pub display: String,
}

/// One of the named variants of a scale's typing.
#[derive(SimpleObject)]
pub struct TypingVariant {
    /// 1, 2, … as the FGR numbers them ("Variant 1").
    pub number: i32,
    /// The variant's name as published, e.g. "Seniorschap woonbeveiliging".
    pub name: Option<String>,
}

/// A typing (functietypering): the description of one scale level of a function group.
#[Object]
impl Typing {
    /// Global id (of this version's typing).
    pub async fn id(&self) -> ID {
        ids::encode("Typing", self.content().typing.id)
    }
    /// The salary scale.
    async fn scale(&self) -> i32 {
        self.content().typing.scale
    }
    /// Which named variant of the scale's typing this is, when the FGR publishes several for
    /// the scale ("Variant 1", "Variant 2"); null for a scale's only typing.
    async fn variant(&self) -> Option<TypingVariant> {
        let t = &self.content().typing;
        (t.variant_no > 0).then(|| TypingVariant {
            number: t.variant_no,
            name: t.variant_name.clone(),
        })
    }
    /// A remark on the typing's data: e.g. an official FUWASYS string that is not a valid score,
    /// quoted verbatim (`fuwasys` is then empty), or the variants published for this scale.
    async fn note(&self) -> Option<&str> {
        self.content().typing.note.as_deref()
    }
    /// The FUWASYS score, where known.
    async fn fuwasys(&self) -> Option<Fuwasys> {
        let t = &self.content().typing;
        match (&t.fuwasys_scores, t.fuwasys_total) {
            (Some(scores), Some(total)) => Some(Fuwasys {
                scores: scores.clone(),
                total,
                display: crate::domain::fuwasys::FuwasysScore::display(scores, total),
            }),
            _ => None,
        }
    }
    /// The five sections in printed order.
    async fn sections(&self) -> Vec<TypingSectionBlock> {
        TypingSection::ALL
            .into_iter()
            .map(|section| TypingSectionBlock {
                section: section.into(),
                label: section.label().to_owned(),
                items: self
                    .content()
                    .items
                    .iter()
                    .filter(|i| i.section == section.code())
                    .map(|i| TypingItem {
                        sub_category: i.sub_category.clone(),
                        text: i.text.clone(),
                        illustrative: i.illustrative,
                    })
                    .collect(),
            })
            .collect()
    }
    /// Where the data comes from.
    async fn source_url(&self) -> Option<&str> {
        self.content().typing.source_url.as_deref()
    }
    /// True when the record is not confirmed by an official source.
    async fn illustrative(&self) -> bool {
        self.content().typing.illustrative
    }
    /// The group the typing belongs to.
    async fn function_group(&self) -> FunctionGroup {
        FunctionGroup::new(self.group.clone(), self.as_of)
    }
    /// The version of the group's content this typing is part of.
    async fn version(&self) -> GroupVersion {
        GroupVersion::new(self.group.version().clone(), self.as_of)
    }
}

/// A core profile (kernprofiel): the one of a group version that has one.
#[derive(Clone)]
pub struct CoreProfile(Arc<GroupVersionEntry>);

impl CoreProfile {
    /// The core profile of `version`, if it has one.
    pub fn of(version: &Arc<GroupVersionEntry>) -> Option<Self> {
        version
            .core_profile
            .is_some()
            .then(|| Self(version.clone()))
    }

    fn content(&self) -> &CoreProfileContent {
        // `of` only wraps versions that have a core profile.
        self.0
            .core_profile
            .as_ref()
            .expect("a core profile is only made for a version that has one")
    }
}

/// A result area (resultaatgebied) with its results and behaviour indicators.
#[derive(SimpleObject, Clone)]
pub struct ResultArea {
    /// `OPDRACHTGEVER`, `OMGEVING`, `BEDRIJFSVOERING` or `VERNIEUWEN_VERBETEREN`.
    pub code: String,
    /// Label as printed on the group page.
    pub label: String,
    /// The results (resultaten) the area lists, in printed order.
    pub results: Vec<String>,
    /// Behaviour indicators (gedragsindicatoren).
    pub behaviour_indicators: Vec<String>,
}

/// The core profile (kernprofiel) of a function group: purpose, the four result areas, and
/// competences.
#[Object]
impl CoreProfile {
    /// Doel van de functie, where known.
    async fn purpose(&self) -> Option<&str> {
        self.content().profile.purpose.as_deref()
    }
    /// Where the data comes from.
    async fn source_url(&self) -> Option<&str> {
        self.content().profile.source_url.as_deref()
    }
    /// True when the content is not confirmed by an official source.
    async fn illustrative(&self) -> bool {
        self.content().profile.illustrative
    }
    /// The result areas in printed order.
    async fn result_areas(&self) -> Vec<ResultArea> {
        self.content()
            .areas
            .iter()
            .map(|a| {
                let of_kind = |kind: &str| {
                    a.items
                        .iter()
                        .filter(|i| i.kind == kind)
                        .map(|i| i.text.clone())
                        .collect()
                };
                ResultArea {
                    code: a.area.code.clone(),
                    label: a.area.label.clone(),
                    results: of_kind("RESULT"),
                    behaviour_indicators: of_kind("BEHAVIOUR_INDICATOR"),
                }
            })
            .collect()
    }
    /// The competences of the profile (Competentietaal Rijk).
    async fn competences(&self) -> Vec<Competence> {
        self.content()
            .competences
            .iter()
            .cloned()
            .map(|c| Competence(Arc::new(c)))
            .collect()
    }
}

/// A competence.
#[derive(Clone)]
pub struct Competence(pub Arc<competence::Model>);

/// A competence of the Competentietaal Rijk.
#[Object]
impl Competence {
    /// Global id.
    pub async fn id(&self) -> ID {
        ids::encode("Competence", self.0.id)
    }
    /// Official name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Description, where known.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// Where the data comes from.
    async fn source_url(&self) -> Option<&str> {
        self.0.source_url.as_deref()
    }
    /// True when the record is not confirmed by an official source.
    async fn illustrative(&self) -> bool {
        self.0.illustrative
    }
}
