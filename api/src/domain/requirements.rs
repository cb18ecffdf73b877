//! Responsibility requirements: what profiles must cover (e.g. the motie Bamenga), where they are
//! required, and where a group version's content covers them.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use fgr_entities::{requirement_coverage, requirement_scope, responsibility_requirement};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

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
    /// Integriteit.
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

/// The scopes (families and groups where it is required) of each requirement (one statement).
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn scopes_of(
    db: &impl ConnectionTrait,
    requirement_ids: &[i32],
) -> DomainResult<HashMap<i32, Vec<requirement_scope::Model>>> {
    let mut by_req: HashMap<i32, Vec<requirement_scope::Model>> = HashMap::new();
    for s in requirement_scope::Entity::find()
        .filter(requirement_scope::Column::RequirementId.is_in(requirement_ids.iter().copied()))
        .order_by_asc(requirement_scope::Column::Id)
        .all(db)
        .await?
    {
        by_req.entry(s.requirement_id).or_default().push(s);
    }
    Ok(by_req)
}

/// A group as seen by requirement scoping: its id and its family's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GroupRef {
    /// The group.
    pub group_id: i32,
    /// Its family.
    pub family_id: i32,
}

/// The requirements required in each group, through its family or the group itself (two
/// statements), in listing order.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn required_in_groups(
    db: &impl ConnectionTrait,
    groups: &[GroupRef],
) -> DomainResult<HashMap<GroupRef, Vec<responsibility_requirement::Model>>> {
    let family_ids: HashSet<i32> = groups.iter().map(|g| g.family_id).collect();
    let group_ids: HashSet<i32> = groups.iter().map(|g| g.group_id).collect();
    let scopes = requirement_scope::Entity::find()
        .filter(
            Condition::any()
                .add(requirement_scope::Column::FamilyId.is_in(family_ids))
                .add(requirement_scope::Column::GroupId.is_in(group_ids)),
        )
        .all(db)
        .await?;
    if scopes.is_empty() {
        return Ok(HashMap::new());
    }
    let requirements = responsibility_requirement::Entity::find()
        .filter(
            responsibility_requirement::Column::Id.is_in(scopes.iter().map(|s| s.requirement_id)),
        )
        .order_by_asc(responsibility_requirement::Column::SortOrder)
        .order_by_asc(responsibility_requirement::Column::Id)
        .all(db)
        .await?;
    Ok(groups
        .iter()
        .map(|g| {
            let applicable: HashSet<i32> = scopes
                .iter()
                .filter(|s| s.family_id == Some(g.family_id) || s.group_id == Some(g.group_id))
                .map(|s| s.requirement_id)
                .collect();
            let reqs = requirements
                .iter()
                .filter(|r| applicable.contains(&r.id))
                .cloned()
                .collect();
            (*g, reqs)
        })
        .collect())
}

/// The coverage links of each group version (one statement).
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn coverage_of_versions(
    db: &impl ConnectionTrait,
    version_ids: &[i32],
) -> DomainResult<HashMap<i32, Vec<requirement_coverage::Model>>> {
    let mut by_version: HashMap<i32, Vec<requirement_coverage::Model>> = HashMap::new();
    for c in requirement_coverage::Entity::find()
        .filter(requirement_coverage::Column::GroupVersionId.is_in(version_ids.iter().copied()))
        .order_by_asc(requirement_coverage::Column::Id)
        .all(db)
        .await?
    {
        by_version.entry(c.group_version_id).or_default().push(c);
    }
    Ok(by_version)
}
