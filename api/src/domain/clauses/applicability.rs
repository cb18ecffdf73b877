//! When a clause applies: the rule (scales, ABD posts, manager families, families, groups), how
//! it matches a post, how it reads in words, and how it is stored on a version row.

use fgr_entities::vacancy_clause_version;

use super::Post;

/// When a clause applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applicability {
    /// Lowest scale.
    pub scale_min: Option<i32>,
    /// Highest scale.
    pub scale_max: Option<i32>,
    /// Only groups of the manager families.
    pub manager_only: bool,
    /// Only ABD posts (from the scale the ABD rule in force names; see [`crate::domain::abd`]).
    pub abd_only: bool,
    /// Only these families (empty: all).
    pub family_codes: Vec<String>,
    /// Only these groups (empty: all).
    pub group_codes: Vec<String>,
}

impl Applicability {
    /// Whether the clause applies to `post`, when posts from `abd_min` up are ABD posts (`None`:
    /// no ABD rule in force, no ABD posts).
    pub fn applies_to(&self, post: &Post, abd_min: Option<i32>) -> bool {
        self.scale_min.is_none_or(|min| post.scale >= min)
            && self.scale_max.is_none_or(|max| post.scale <= max)
            && (!self.abd_only || abd_min.is_some_and(|m| post.scale >= m))
            && (!self.manager_only || post.manager_family)
            && (self.family_codes.is_empty() || self.family_codes.contains(&post.family_code))
            && (self.group_codes.is_empty() || self.group_codes.contains(&post.group_code))
    }

    /// Whether the clause can apply at `scale` at all (for filtering the library by scale).
    pub fn allows_scale(&self, scale: i32, abd_min: Option<i32>) -> bool {
        self.scale_min.is_none_or(|min| scale >= min)
            && self.scale_max.is_none_or(|max| scale <= max)
            && (!self.abd_only || abd_min.is_some_and(|m| scale >= m))
    }

    /// The rule in words (Dutch), for people; `abd_min` is the ABD rule in force on the date the
    /// text is for.
    pub fn describe(&self, abd_min: Option<i32>) -> String {
        let mut parts = Vec::new();
        match (self.scale_min, self.scale_max) {
            (Some(a), Some(b)) => parts.push(format!("schaal {a} t/m {b}")),
            (Some(a), None) => parts.push(format!("schaal {a} en hoger")),
            (None, Some(b)) => parts.push(format!("tot en met schaal {b}")),
            (None, None) => {}
        }
        if self.abd_only {
            parts.push(match abd_min {
                Some(m) => format!("ABD-functies (schaal {m} en hoger)"),
                None => "ABD-functies".to_owned(),
            });
        }
        if self.manager_only {
            parts.push("leidinggevende functiefamilies".into());
        }
        if !self.family_codes.is_empty() {
            parts.push(format!("families {}", self.family_codes.join(", ")));
        }
        if !self.group_codes.is_empty() {
            parts.push(format!("functiegroepen {}", self.group_codes.join(", ")));
        }
        if parts.is_empty() {
            "alle functies".into()
        } else {
            parts.join("; ")
        }
    }
}

/// The rule of a stored version.
pub fn applicability_of(v: &vacancy_clause_version::Model) -> Applicability {
    let codes = |s: &Option<String>| -> Vec<String> {
        s.as_deref()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    };
    Applicability {
        scale_min: v.scale_min,
        scale_max: v.scale_max,
        manager_only: v.manager_only,
        abd_only: v.abd_only,
        family_codes: codes(&v.family_codes),
        group_codes: codes(&v.group_codes),
    }
}
