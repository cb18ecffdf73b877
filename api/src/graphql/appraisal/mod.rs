//! Appraisal formats and criteria over GraphQL, for appraisal-tool integrations and the console.
//! Thin: the rules live in [`crate::domain::appraisal`]. `types` shows formats, versions,
//! criteria and the reports from the register's snapshot; `query` holds the root fields.

use std::sync::Arc;

use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, Enum, Object, SimpleObject};

use super::catalogue::query::ConnectionTotals;
use super::errors::GqlResultExt;
use super::paging::Window;
use super::register;
use super::scalars::{day_or_today, Date};
use crate::domain::appraisal::{self, Audience, CriterionContent, FormatContent};
use crate::domain::temporal::Period;
use crate::register::{FormatHistory, FormatVersionEntry, Register};

/// Who a format is for.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum FormatAudience {
    /// Every employee.
    AllStaff,
    /// Employees in the manager families.
    Managers,
    /// Employees in the given families.
    Families,
    /// Employees in the given groups.
    Groups,
}

mod query;
mod types;

pub use query::AppraisalQuery;
pub use types::{
    AppraisalFormat, AppraisalFormatVersion, AppraisedElement, CriteriaSection, Criterion,
    FormatCoverageReport, FormatRequirementCoverage, ManagerFormatCoverage, PostCriteria,
    RatingLevel, RatingScale,
};
