//! GraphQL objects for families, function groups and group versions.

use std::sync::Arc;

use async_graphql::{Context, Enum, Object, SimpleObject, ID};
use chrono::NaiveDate;
use fgr_entities::{group_version, job_family};

use super::profiles::{CoreProfile, Typing};
use super::requirements::RequirementStatus;
use crate::domain::groups::{self, check_scale_in_range, validate_scale, VersionedGroup};
use crate::domain::temporal::Period;
use crate::graphql::errors::GqlResultExt;
use crate::graphql::ids;
use crate::graphql::register;
use crate::graphql::scalars::Date;

/// A job family (functiefamilie).
#[derive(Clone)]
pub struct JobFamily {
    /// The row, shared with the snapshot.
    pub model: Arc<job_family::Model>,
    /// The date nested content is read on.
    pub as_of: NaiveDate,
}

/// A job family (functiefamilie): one of the eight families of the FGR.
#[Object]
impl JobFamily {
    /// Global id.
    pub async fn id(&self) -> ID {
        ids::encode("JobFamily", self.model.id)
    }
    /// Stable code, e.g. `LIJNMANAGEMENT`.
    async fn code(&self) -> &str {
        &self.model.code
    }
    /// Official name.
    async fn name(&self) -> &str {
        &self.model.name
    }
    /// Official definition, where known.
    async fn definition(&self) -> Option<&str> {
        self.model.definition.as_deref()
    }
    /// Whether the family holds manager jobs.
    async fn is_manager_family(&self) -> bool {
        self.model.manager_family
    }
    /// Where the data comes from.
    async fn source_url(&self) -> Option<&str> {
        self.model.source_url.as_deref()
    }
    /// True when the record is not confirmed by an official source.
    async fn illustrative(&self) -> bool {
        self.model.illustrative
    }
    /// What is known to be missing or uncertain.
    async fn data_note(&self) -> Option<&str> {
        self.model.data_note.as_deref()
    }
    /// The family's function groups that exist on the date asked for, in official order.
    async fn function_groups(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<FunctionGroup>> {
        Ok(
            groups::in_family_at(&*register(ctx).await?, self.model.id, self.as_of)
                .into_iter()
                .map(|row| FunctionGroup::new(row, self.as_of))
                .collect(),
        )
    }
}

/// A function group as it stands on a date.
#[derive(Clone)]
pub struct FunctionGroup {
    /// The group and its version in effect.
    pub row: VersionedGroup,
    /// The date asked for.
    pub as_of: NaiveDate,
}

impl FunctionGroup {
    /// Wraps a versioned group read on `as_of`.
    pub fn new(row: VersionedGroup, as_of: NaiveDate) -> Self {
        Self { row, as_of }
    }
}

/// A salary-scale range, both ends included.
#[derive(SimpleObject, Clone, Copy)]
pub struct ScaleRange {
    /// Lowest scale.
    pub min: i32,
    /// Highest scale.
    pub max: i32,
}

/// A function group (functiegroep) with the content of the version in effect on the date asked
/// for.
#[Object]
impl FunctionGroup {
    /// Global id.
    pub async fn id(&self) -> ID {
        ids::encode("FunctionGroup", self.row.group().id)
    }
    /// Stable code, e.g. `MANAGER`.
    async fn code(&self) -> &str {
        &self.row.group().code
    }
    /// Official name.
    async fn name(&self) -> &str {
        &self.row.group().name
    }
    /// The official one-line description.
    async fn description(&self) -> Option<&str> {
        self.row.group().description.as_deref()
    }
    /// The salary scales of the group (bandbreedte).
    async fn scale_range(&self) -> ScaleRange {
        ScaleRange {
            min: self.row.group().scale_min,
            max: self.row.group().scale_max,
        }
    }
    /// Werk- en denkniveau, e.g. `["mbo", "hbo"]`.
    async fn work_levels(&self) -> Vec<&str> {
        self.row
            .group()
            .work_levels
            .as_deref()
            .map(|l| l.split(',').filter(|s| !s.is_empty()).collect())
            .unwrap_or_default()
    }
    /// The group's id on the official FGR site.
    async fn fgr_site_id(&self) -> Option<i32> {
        self.row.group().fgr_site_id
    }
    /// The date the group was added to the FGR, where known.
    async fn added_on(&self) -> Option<Date> {
        self.row.group().added_on.map(Date)
    }
    /// Where the data comes from.
    async fn source_url(&self) -> Option<&str> {
        self.row.group().source_url.as_deref()
    }
    /// True when the record is not confirmed by an official source.
    async fn illustrative(&self) -> bool {
        self.row.group().illustrative
    }
    /// What is known to be missing or uncertain.
    async fn data_note(&self) -> Option<&str> {
        self.row.group().data_note.as_deref()
    }
    /// True when no official page states the group's family: `family` is our inference, and
    /// `dataNote` says what it rests on.
    async fn family_inferred(&self) -> bool {
        self.row.group().family_inferred
    }
    /// True when no official page states the whole scale range: typically the upper scale is
    /// unknown and `scaleRange` holds only the scales seen (`dataNote` says which).
    async fn scales_inferred(&self) -> bool {
        self.row.group().scales_inferred
    }
    /// The family.
    async fn family(&self, ctx: &Context<'_>) -> async_graphql::Result<JobFamily> {
        let model = register(ctx)
            .await?
            .family(self.row.group().family_id)
            .cloned()
            .ok_or_else(|| async_graphql::Error::new("family of group missing"))?;
        Ok(JobFamily {
            model,
            as_of: self.as_of,
        })
    }
    /// The version whose content is shown.
    async fn version(&self) -> GroupVersion {
        GroupVersion::new(self.row.version().clone(), self.as_of)
    }
    /// Every version of the group, oldest first, including future-dated ones.
    async fn versions(&self) -> Vec<GroupVersion> {
        self.row
            .history
            .versions
            .all()
            .iter()
            .map(|v| GroupVersion::new(v.version.clone(), self.as_of))
            .collect()
    }
    /// The typings, one per scale, lowest first.
    async fn typings(&self) -> Vec<Typing> {
        (0..self.row.at.typings.len())
            .map(|i| Typing::new(self.row.clone(), i, self.as_of))
            .collect()
    }
    /// The typing for one scale; `BAD_USER_INPUT` when the scale is not in the group's range.
    /// Where the scale has named variants, `variant` (1, 2, …) picks one; without it the answer
    /// is the first variant.
    async fn typing(
        &self,
        scale: i32,
        variant: Option<i32>,
    ) -> async_graphql::Result<Option<Typing>> {
        validate_scale("scale", scale).gql()?;
        check_scale_in_range(&self.row, scale).gql()?;
        Ok(Typing::at_scale(
            self.row.clone(),
            scale,
            variant,
            self.as_of,
        ))
    }
    /// The core profile (kernprofiel).
    async fn core_profile(&self) -> Option<CoreProfile> {
        CoreProfile::of(&self.row.at)
    }
    /// Each responsibility requirement required in this group on the date asked for, and whether
    /// (and where) this version covers it.
    async fn requirements(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<RequirementStatus>> {
        let register = register(ctx).await?;
        Ok(register
            .requirements()
            .iter()
            .filter(|r| r.required_in(self.row.group()) && r.applies_on(self.as_of))
            .map(|r| {
                let links = self
                    .row
                    .at
                    .coverage
                    .iter()
                    .filter(|c| c.requirement_id == r.model.id)
                    .cloned()
                    .collect();
                RequirementStatus::new(r.clone(), links, self.as_of)
            })
            .collect())
    }
}

/// Where a version comes from.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ProvenanceKind {
    /// Loaded from public sources when the register was set up.
    Seed,
    /// Adopted by the owner's decision through the amendment workflow.
    Decision,
}

/// The decision or source a version rests on.
#[derive(SimpleObject, Clone)]
pub struct Provenance {
    /// Seed data or a decision.
    pub kind: ProvenanceKind,
    /// The decision or source, e.g. "Besluit DGOO, 18-12-2017 ...".
    pub reference: Option<String>,
    /// Where it can be checked.
    pub url: Option<String>,
    /// Date of the decision, where known.
    pub decided_on: Option<Date>,
}

/// One version of a function group's content.
#[derive(Clone)]
pub struct GroupVersion {
    model: group_version::Model,
    as_of: NaiveDate,
}

impl GroupVersion {
    /// Wraps a version row, judged against `as_of`.
    pub fn new(model: group_version::Model, as_of: NaiveDate) -> Self {
        Self { model, as_of }
    }
}

/// One version of a function group's content (core profile, typings, requirement links), with
/// its period of effect and provenance.
#[Object]
impl GroupVersion {
    /// 1, 2, 3, ... per group.
    async fn number(&self) -> i32 {
        self.model.version_no
    }
    /// First day in effect.
    async fn effective_from(&self) -> Date {
        Date(self.model.effective_from)
    }
    /// First day no longer in effect; null while open-ended.
    async fn effective_to(&self) -> Option<Date> {
        self.model.effective_to.map(Date)
    }
    /// Whether this version is in effect on the date asked for.
    async fn in_effect(&self) -> bool {
        self.model.in_effect_on(self.as_of)
    }
    /// Where the version comes from.
    async fn provenance(&self) -> Provenance {
        Provenance {
            kind: if self.model.provenance_kind == "DECISION" {
                ProvenanceKind::Decision
            } else {
                ProvenanceKind::Seed
            },
            reference: self.model.provenance_reference.clone(),
            url: self.model.provenance_url.clone(),
            decided_on: self.model.decided_on.map(Date),
        }
    }
    /// True when the period or provenance is an inference, not a confirmed fact.
    async fn illustrative(&self) -> bool {
        self.model.illustrative
    }
    /// Remarks on the version.
    async fn note(&self) -> Option<&str> {
        self.model.note.as_deref()
    }
}

/// Fields to sort function groups by.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum FunctionGroupOrderField {
    /// The official listing: family order, then group order.
    #[default]
    Family,
    /// The group's name, on letters and digits only, case and accents ignored:
    /// "(Inrichtings)beveiliger" sorts under I.
    Name,
    /// The group's code, in plain character order (no case or accent folding).
    Code,
    /// Lowest scale, then highest.
    Scale,
}

/// Sort direction.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrderDirection {
    /// A to Z, lowest scale first, or the official listing as published (the default).
    #[default]
    Asc,
    /// The ascending order reversed, for `FAMILY` too.
    Desc,
}
