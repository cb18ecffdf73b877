//! Who a format is for, and the criteria that apply to one employee on one date: every format
//! in effect whose audience includes their post, merged by section.

use chrono::NaiveDate;
use fgr_entities::appraisal_format_version;

use super::{in_effect, CriterionContent, FormatVersion, SECTIONS};
use crate::domain::posts::{self, Post};
use crate::error::DomainResult;
use crate::register::Register;

/// Who a format is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// Every employee.
    AllStaff,
    /// Employees in a group of the manager families.
    Managers,
    /// Employees in these families.
    Families(Vec<String>),
    /// Employees in these groups.
    Groups(Vec<String>),
}

impl Audience {
    /// The audience stored on a version.
    pub fn of(v: &appraisal_format_version::Model) -> Self {
        let codes = || -> Vec<String> {
            v.audience_codes
                .as_deref()
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect()
        };
        match v.audience.as_str() {
            "MANAGERS" => Self::Managers,
            "FAMILIES" => Self::Families(codes()),
            "GROUPS" => Self::Groups(codes()),
            _ => Self::AllStaff,
        }
    }

    /// Whether an employee in `post` is in it.
    pub fn includes(&self, post: &Post) -> bool {
        match self {
            Self::AllStaff => true,
            Self::Managers => post.manager_family,
            Self::Families(codes) => codes.contains(&post.family_code),
            Self::Groups(codes) => codes.contains(&post.group_code),
        }
    }

    /// Whether it is for managers (only).
    pub fn is_managers(&self) -> bool {
        matches!(self, Self::Managers)
    }
}

/// A criterion as it applies to a post, with the format it comes from.
#[derive(Debug, Clone)]
pub struct AppliedCriterion {
    /// The criterion.
    pub criterion: CriterionContent,
    /// The format's code.
    pub format_code: String,
    /// The format version's number.
    pub format_version: i32,
}

/// The criteria for a post on a date, by section in conversation order.
#[derive(Debug, Clone)]
pub struct PostCriteria {
    /// The post.
    pub post: Post,
    /// The date.
    pub on: NaiveDate,
    /// The formats that apply (code, version).
    pub formats: Vec<(String, i32)>,
    /// Sections (code) with their criteria; sections without criteria are left out.
    pub sections: Vec<(String, Vec<AppliedCriterion>)>,
}

/// The criteria that apply to an employee in `group_code` at `scale` on `day`.
///
/// # Errors
/// `NOT_FOUND` for a group that does not exist then; `BAD_USER_INPUT` for a scale outside its
/// range.
pub fn criteria_for(
    register: &Register,
    group_code: &str,
    scale: i32,
    day: NaiveDate,
) -> DomainResult<PostCriteria> {
    let post = posts::post(register, group_code, scale, day)?;
    let applicable: Vec<FormatVersion> = in_effect(register, day)
        .into_iter()
        .filter(|f| Audience::of(f.version).includes(&post))
        .collect();
    let mut sections: Vec<(String, Vec<AppliedCriterion>)> = SECTIONS
        .iter()
        .map(|(code, _)| ((*code).to_owned(), Vec::new()))
        .collect();
    for f in &applicable {
        for s in &f.content.sections {
            if let Some((_, list)) = sections.iter_mut().find(|(code, _)| *code == s.code) {
                list.extend(s.criteria.iter().map(|c| AppliedCriterion {
                    criterion: c.clone(),
                    format_code: f.format.code.clone(),
                    format_version: f.version.version_no,
                }));
            }
        }
    }
    sections.retain(|(_, list)| !list.is_empty());
    Ok(PostCriteria {
        post,
        on: day,
        formats: applicable
            .iter()
            .map(|f| (f.format.code.clone(), f.version.version_no))
            .collect(),
        sections,
    })
}
