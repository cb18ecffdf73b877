//! Responsibility requirements: what profiles must cover (e.g. the motie Bamenga), where they are
//! required, and where a group version's content covers them.

use std::collections::HashMap;

use chrono::NaiveDate;
use fgr_entities::{requirement_coverage, responsibility_requirement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::error::DomainResult;

/// The themes a requirement can belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

impl Theme {
    /// All themes.
    pub const ALL: [Self; 5] = [
        Self::SocialSafety,
        Self::Inclusion,
        Self::DiscriminationRacism,
        Self::Integrity,
        Self::UnwantedBehaviour,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::SocialSafety => "SOCIAL_SAFETY",
            Self::Inclusion => "INCLUSION",
            Self::DiscriminationRacism => "DISCRIMINATION_RACISM",
            Self::Integrity => "INTEGRITY",
            Self::UnwantedBehaviour => "UNWANTED_BEHAVIOUR",
        }
    }

    /// The theme stored under `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// Every requirement, in listing order.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn list(
    db: &impl ConnectionTrait,
) -> DomainResult<Vec<responsibility_requirement::Model>> {
    Ok(responsibility_requirement::Entity::find()
        .order_by_asc(responsibility_requirement::Column::SortOrder)
        .order_by_asc(responsibility_requirement::Column::Id)
        .all(db)
        .await?)
}

/// Whether a requirement applies on `day` (requirements without a date always apply).
pub fn applies_on(requirement: &responsibility_requirement::Model, day: NaiveDate) -> bool {
    requirement.required_from.is_none_or(|from| from <= day)
}

/// The coverage links of each group version (one statement).
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn coverage_of_versions(
    db: &impl ConnectionTrait,
    versions: crate::domain::profiles::Versions<'_>,
) -> DomainResult<HashMap<i32, Vec<requirement_coverage::Model>>> {
    let mut by_version: HashMap<i32, Vec<requirement_coverage::Model>> = HashMap::new();
    let mut query = requirement_coverage::Entity::find();
    if let crate::domain::profiles::Versions::Only(ids) = versions {
        query =
            query.filter(requirement_coverage::Column::GroupVersionId.is_in(ids.iter().copied()));
    }
    for c in query
        .order_by_asc(requirement_coverage::Column::Id)
        .all(db)
        .await?
    {
        by_version.entry(c.group_version_id).or_default().push(c);
    }
    Ok(by_version)
}
