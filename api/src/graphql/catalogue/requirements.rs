//! GraphQL objects for responsibility requirements and their coverage.

use std::sync::Arc;

use async_graphql::{Context, Enum, Object, SimpleObject, ID};
use chrono::NaiveDate;
use fgr_entities::requirement_coverage;

use super::families::JobFamily;
use crate::domain::requirements::Theme as DomainTheme;
use crate::graphql::ids;
use crate::graphql::register;
use crate::graphql::scalars::Date;
use crate::register::Requirement;

/// Themes of requirements.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Sociale veiligheid.
    SocialSafety,
    /// Inclusie en diversiteit.
    Inclusion,
    /// Discriminatie en racisme.
    DiscriminationRacism,
    /// Integriteit, e.g. the Gedragscode Integriteit Rijk.
    Integrity,
    /// Ongewenst en grensoverschrijdend gedrag.
    UnwantedBehaviour,
}

impl From<DomainTheme> for Theme {
    fn from(t: DomainTheme) -> Self {
        match t {
            DomainTheme::SocialSafety => Self::SocialSafety,
            DomainTheme::Inclusion => Self::Inclusion,
            DomainTheme::DiscriminationRacism => Self::DiscriminationRacism,
            DomainTheme::Integrity => Self::Integrity,
            DomainTheme::UnwantedBehaviour => Self::UnwantedBehaviour,
        }
    }
}

/// A responsibility requirement.
#[derive(Clone)]
pub struct ResponsibilityRequirement {
    entry: Arc<Requirement>,
    as_of: NaiveDate,
}

impl ResponsibilityRequirement {
    /// Wraps a requirement read on `as_of`.
    pub fn new(entry: Arc<Requirement>, as_of: NaiveDate) -> Self {
        Self { entry, as_of }
    }
}

/// A responsibility requirement (verantwoordelijkheid) that job profiles must cover, such as the
/// one the motie Bamenga asks for in every manager profile.
#[Object]
impl ResponsibilityRequirement {
    /// Global id.
    pub async fn id(&self) -> ID {
        ids::encode("ResponsibilityRequirement", self.entry.model.id)
    }
    /// Stable code, e.g. `MOTIE_BAMENGA`.
    async fn code(&self) -> &str {
        &self.entry.model.code
    }
    /// Short title.
    async fn title(&self) -> &str {
        &self.entry.model.title
    }
    /// The requirement, verbatim from its source.
    async fn text(&self) -> &str {
        &self.entry.model.text
    }
    /// Its theme; null if the stored theme is unknown to this version of the API.
    async fn theme(&self) -> Option<Theme> {
        DomainTheme::from_code(&self.entry.model.theme).map(Theme::from)
    }
    /// The citation, e.g. "Motie Bamenga, Kamerstukken II 2024/25, 30 950, nr. 415".
    async fn source_reference(&self) -> &str {
        &self.entry.model.source_reference
    }
    /// The source document it comes from, when the register holds it (the minister's letter of
    /// 14 April 2025, with its parliamentary reference and URL).
    async fn source_document(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<crate::graphql::sources::SourceDocument>> {
        let Some(id) = self.entry.model.source_document_id else {
            return Ok(None);
        };
        Ok(crate::graphql::register(ctx)
            .await?
            .source(id)
            .map(|s| crate::graphql::sources::SourceDocument::from(&**s)))
    }
    /// Where the source can be read.
    async fn source_url(&self) -> Option<&str> {
        self.entry.model.source_url.as_deref()
    }
    /// From when the requirement applies, where known.
    async fn required_from(&self) -> Option<Date> {
        self.entry.model.required_from.map(Date)
    }
    /// True when the wording or scope is ours rather than the source's.
    async fn illustrative(&self) -> bool {
        self.entry.model.illustrative
    }
    /// The families in whose groups the requirement is required.
    async fn required_in_families(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<JobFamily>> {
        let register = register(ctx).await?;
        // In official order, each family once.
        Ok(register
            .families()
            .iter()
            .filter(|f| self.entry.scopes.iter().any(|s| s.family_id == Some(f.id)))
            .map(|model| JobFamily {
                model: model.clone(),
                as_of: self.as_of,
            })
            .collect())
    }
}

/// Where a profile covers a requirement.
#[derive(SimpleObject, Clone)]
pub struct Coverage {
    /// The typing whose text covers it; null when the core profile covers it for every typing.
    pub typing_scale: Option<i32>,
    /// Where in the profile, e.g. "Typering schaal 12 › Resultaten › ...".
    pub location: String,
    /// The covering text, quoted.
    pub quote: String,
    /// True when this is an assessment of ours, not a committee finding.
    pub illustrative: bool,
    /// A remark on the assessment, e.g. what the quote leaves uncovered.
    pub note: Option<String>,
}

/// A requirement as it stands in one group version: covered or missing.
#[derive(SimpleObject, Clone)]
pub struct RequirementStatus {
    /// The requirement.
    pub requirement: ResponsibilityRequirement,
    /// Whether the version's content covers it.
    pub covered: bool,
    /// Where it is covered.
    pub coverage: Vec<Coverage>,
}

impl RequirementStatus {
    /// The status of `requirement` given the version's coverage `links` to it.
    pub fn new(
        requirement: Arc<Requirement>,
        links: Vec<requirement_coverage::Model>,
        as_of: NaiveDate,
    ) -> Self {
        Self {
            requirement: ResponsibilityRequirement::new(requirement, as_of),
            covered: !links.is_empty(),
            coverage: links.into_iter().map(Coverage::from).collect(),
        }
    }
}

impl From<requirement_coverage::Model> for Coverage {
    fn from(c: requirement_coverage::Model) -> Self {
        Self {
            typing_scale: c.typing_scale,
            location: c.location,
            quote: c.quote,
            illustrative: c.illustrative,
            note: c.note,
        }
    }
}
