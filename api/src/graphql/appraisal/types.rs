//! The formats, their versions and criteria, and the criteria and coverage reports as GraphQL
//! shows them, each built from the register's snapshot without reading the database.

use super::*;

/// A level of a rating scale.
#[derive(SimpleObject, Clone)]
pub struct RatingLevel {
    /// Code, e.g. `PLUS_PLUS`.
    pub code: String,
    /// Label, e.g. `++`.
    pub label: String,
    /// What it means.
    pub description: String,
}

/// A rating scale: ordered levels, highest first.
#[derive(SimpleObject, Clone)]
pub struct RatingScale {
    /// Stable code, e.g. `CONCLUSIE_PERSONEELSGESPREK`; a criterion names its scale by it.
    pub code: String,
    /// The scale's name, e.g. "Samenvattende conclusie".
    pub name: String,
    /// Levels, highest first.
    pub levels: Vec<RatingLevel>,
    /// Where the levels come from.
    pub source_reference: String,
    /// Where that can be checked.
    pub source_url: Option<String>,
    /// True when the scale is the register's, not an official one.
    pub illustrative: bool,
}

impl RatingScale {
    pub(super) fn of(s: &crate::register::RatingScale) -> Self {
        Self {
            code: s.model.code.clone(),
            name: s.model.name.clone(),
            levels: s
                .levels
                .iter()
                .map(|l| RatingLevel {
                    code: l.code.clone(),
                    label: l.label.clone(),
                    description: l.description.clone(),
                })
                .collect(),
            source_reference: s.model.source_reference.clone(),
            source_url: s.model.source_url.clone(),
            illustrative: s.model.illustrative,
        }
    }
}

/// What a criterion appraises.
#[derive(SimpleObject, Clone)]
pub struct AppraisedElement {
    /// The responsibility requirement, by code.
    pub requirement_code: Option<String>,
    /// The core profile's result area, by code.
    pub result_area: Option<String>,
}

/// A criterion or question of a format.
#[derive(SimpleObject, Clone)]
pub struct Criterion {
    /// Code, unique within its format.
    pub code: String,
    /// The question or criterion.
    pub text: String,
    /// Guidance for the conversation.
    pub guidance: Option<String>,
    /// How it is rated; null for an open question.
    pub rating_scale: Option<RatingScale>,
    /// Whether the conversation must cover it.
    pub mandatory: bool,
    /// What it appraises.
    pub appraises: Option<AppraisedElement>,
    /// True when the wording is the register's, not an official source's.
    pub illustrative: bool,
    /// Where the wording comes from.
    pub source: Option<String>,
    /// The format it belongs to.
    pub format_code: String,
    /// That format's version.
    pub format_version: i32,
}

/// A section of a conversation with its criteria.
#[derive(SimpleObject, Clone)]
pub struct CriteriaSection {
    /// Code, e.g. `EVALUEREN_MET_CONCLUSIE`.
    pub code: String,
    /// Its title.
    pub title: String,
    /// Criteria in order.
    pub criteria: Vec<Criterion>,
}

pub(super) fn criterion(
    c: &CriterionContent,
    register: &Register,
    format_code: &str,
    format_version: i32,
) -> Criterion {
    Criterion {
        code: c.code.clone(),
        text: c.text.clone(),
        guidance: c.guidance.clone(),
        rating_scale: c
            .rating_scale
            .as_ref()
            .and_then(|code| register.rating_scale(code))
            .map(|s| RatingScale::of(s)),
        mandatory: c.mandatory,
        appraises: c.appraises.as_ref().map(|a| AppraisedElement {
            requirement_code: a.requirement_code.clone(),
            result_area: a.result_area.clone(),
        }),
        illustrative: c.illustrative,
        source: c.source.clone(),
        format_code: format_code.to_owned(),
        format_version,
    }
}

/// A version of a format.
pub struct AppraisalFormatVersion {
    history: Arc<FormatHistory>,
    /// Its position among the history's versions.
    index: usize,
    as_of: chrono::NaiveDate,
}

impl AppraisalFormatVersion {
    fn entry(&self) -> &FormatVersionEntry {
        &self.history.versions.all()[self.index]
    }
}

#[Object]
impl AppraisalFormatVersion {
    /// 1, 2, 3, ... per format.
    async fn number(&self) -> i32 {
        self.entry().version.version_no
    }
    /// First day in effect.
    async fn effective_from(&self) -> Date {
        Date(self.entry().version.effective_from)
    }
    /// First day no longer in effect; null while open-ended.
    async fn effective_to(&self) -> Option<Date> {
        self.entry().version.effective_to.map(Date)
    }
    /// Whether it is in effect on the date asked for.
    async fn in_effect(&self) -> bool {
        self.entry().in_effect_on(self.as_of)
    }
    /// The version's name, e.g. "Personeelsgesprek sector Rijk"; a later version can rename the
    /// format, and a version adopted through an amendment keeps the previous one's name.
    async fn name(&self) -> &str {
        &self.entry().version.name
    }
    /// Who it is for.
    async fn audience(&self) -> FormatAudience {
        match Audience::of(&self.entry().version) {
            Audience::AllStaff => FormatAudience::AllStaff,
            Audience::Managers => FormatAudience::Managers,
            Audience::Families(_) => FormatAudience::Families,
            Audience::Groups(_) => FormatAudience::Groups,
        }
    }
    /// The families or groups, for `FAMILIES`/`GROUPS`.
    async fn audience_codes(&self) -> Vec<String> {
        match Audience::of(&self.entry().version) {
            Audience::Families(c) | Audience::Groups(c) => c,
            _ => Vec::new(),
        }
    }
    /// `SEED` or `DECISION`.
    async fn provenance_kind(&self) -> &str {
        &self.entry().version.provenance_kind
    }
    /// The decision or source.
    async fn provenance_reference(&self) -> Option<&str> {
        self.entry().version.provenance_reference.as_deref()
    }
    /// The date of that decision, where known; the version can take effect later.
    async fn decided_on(&self) -> Option<Date> {
        self.entry().version.decided_on.map(Date)
    }
    /// True when the period, audience or wording is the register's inference.
    async fn illustrative(&self) -> bool {
        self.entry().version.illustrative
    }
    /// A remark on the version, e.g. what is confirmed and what is assumed; null for versions
    /// adopted through an amendment.
    async fn note(&self) -> Option<&str> {
        self.entry().version.note.as_deref()
    }
    /// Sections with their criteria, in conversation order.
    async fn sections(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CriteriaSection>> {
        let register = register(ctx).await?;
        let entry = self.entry();
        Ok(entry
            .content
            .sections
            .iter()
            .map(|s| CriteriaSection {
                code: s.code.clone(),
                title: appraisal::section_label(&s.code).to_owned(),
                criteria: s
                    .criteria
                    .iter()
                    .map(|c| {
                        criterion(
                            c,
                            &register,
                            &self.history.format.code,
                            entry.version.version_no,
                        )
                    })
                    .collect(),
            })
            .collect())
    }
    /// The document of sections and criteria, as the amendment workflow edits it.
    async fn content(&self) -> async_graphql::Json<FormatContent> {
        async_graphql::Json(self.entry().content.clone())
    }
}

/// An appraisal format (a form of the personeelsgesprek).
pub struct AppraisalFormat {
    pub(super) history: Arc<FormatHistory>,
    pub(super) as_of: chrono::NaiveDate,
}

impl AppraisalFormat {
    fn wrap(&self, index: usize) -> AppraisalFormatVersion {
        AppraisalFormatVersion {
            history: self.history.clone(),
            index,
            as_of: self.as_of,
        }
    }
}

#[Object]
impl AppraisalFormat {
    /// Stable code, e.g. `PERSONEELSGESPREK_RIJK`, as `appraisalFormat(code:)` and
    /// `createProposal(input: {formatCode})` take it.
    async fn code(&self) -> &str {
        &self.history.format.code
    }
    /// The version in effect on the date asked for; null when none is.
    async fn version(&self) -> Option<AppraisalFormatVersion> {
        let number = self.history.versions.in_effect(self.as_of)?.number();
        let all = self.history.versions.all();
        all.iter()
            .position(|v| v.number() == number)
            .map(|i| self.wrap(i))
    }
    /// Every version, oldest first.
    async fn versions(&self) -> Vec<AppraisalFormatVersion> {
        (0..self.history.versions.all().len())
            .map(|i| self.wrap(i))
            .collect()
    }
}

/// The criteria for an employee in one typing on one date.
#[derive(SimpleObject)]
pub struct PostCriteria {
    /// The group.
    pub group_code: String,
    /// The scale.
    pub scale: i32,
    /// The date.
    pub on: Date,
    /// The formats that apply, as `CODE@version`.
    pub formats: Vec<String>,
    /// Sections in conversation order, with their criteria.
    pub sections: Vec<CriteriaSection>,
}

/// A requirement required of managers and the criteria of one manager format that appraise it.
#[derive(SimpleObject)]
pub struct FormatRequirementCoverage {
    /// The requirement's code.
    pub requirement_code: String,
    /// Its title.
    pub requirement_title: String,
    /// Codes of the criteria that appraise it; empty when missing.
    pub criteria: Vec<String>,
    /// The texts of those criteria (what the conversation asks), in the same order.
    pub criterion_texts: Vec<String>,
    /// Whether at least one criterion appraises it.
    pub covered: bool,
}

/// One manager format in effect and what it appraises.
#[derive(SimpleObject)]
pub struct ManagerFormatCoverage {
    /// The format.
    pub format_code: String,
    /// Its version.
    pub format_version: i32,
    /// Its name.
    pub name: String,
    /// Each requirement required of managers.
    pub requirements: Vec<FormatRequirementCoverage>,
    /// How many are missing.
    pub missing: i32,
}

/// Whether the manager formats in effect appraise the responsibilities required of managers.
#[derive(SimpleObject)]
pub struct FormatCoverageReport {
    /// The date.
    pub as_of: Date,
    /// The requirements required in the manager families on that date.
    pub required_codes: Vec<String>,
    /// Their titles, in the same order.
    pub required_titles: Vec<String>,
    /// Each manager format in effect; empty when none is (then every requirement is missing).
    pub formats: Vec<ManagerFormatCoverage>,
}
