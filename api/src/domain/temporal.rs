//! Which version of a versioned thing is in effect on a date, and where it stands then: the one
//! rule for group versions, vacancy-clause versions and appraisal-format versions.
//!
//! A version is in effect on the days `[effective_from, effective_to)`; an open end runs forever.
//! Versions of one thing never overlap (adopting or revising closes the previous version where the
//! next begins), but a version can be empty (`effective_to == effective_from`: replaced on its
//! first day); an empty version is never in effect and never stands for a date.

use chrono::NaiveDate;
use fgr_entities::{
    abd_rule_version, appraisal_format_version, group_version, vacancy_clause_version,
};

/// A version with a period of effect and a number.
pub trait Period {
    /// First day in effect.
    fn effective_from(&self) -> NaiveDate;
    /// First day no longer in effect; `None` while open-ended.
    fn effective_to(&self) -> Option<NaiveDate>;
    /// 1, 2, 3, … per versioned thing.
    fn number(&self) -> i32;

    /// Whether the version is in effect on `day`.
    fn in_effect_on(&self, day: NaiveDate) -> bool {
        self.effective_from() <= day && self.effective_to().is_none_or(|to| day < to)
    }

    /// Whether the version has no day in effect at all.
    fn is_empty(&self) -> bool {
        self.effective_to() == Some(self.effective_from())
    }
}

macro_rules! period_of {
    ($($model:ty),+) => {$(
        impl Period for $model {
            fn effective_from(&self) -> NaiveDate { self.effective_from }
            fn effective_to(&self) -> Option<NaiveDate> { self.effective_to }
            fn number(&self) -> i32 { self.version_no }
        }
    )+};
}
period_of!(
    group_version::Model,
    vacancy_clause_version::Model,
    appraisal_format_version::Model,
    abd_rule_version::Model
);

/// Where a versioned thing stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standing {
    /// A version is in effect.
    Active,
    /// Every version has ended.
    Retired,
    /// Its first version (or its next, after a gap) starts later.
    Future,
}

/// Where one version stands on `day`: in effect, not yet begun, or ended.
pub fn standing_of(version: &impl Period, day: NaiveDate) -> Standing {
    if version.effective_from() > day {
        Standing::Future
    } else if version.effective_to().is_some_and(|to| to <= day) {
        Standing::Retired
    } else {
        Standing::Active
    }
}

/// The versions of one thing, with an index by start date, so that "in effect on a date" is a
/// binary search rather than a scan of the history.
#[derive(Debug, Clone)]
pub struct Timeline<V> {
    /// By number, oldest first.
    versions: Vec<V>,
    /// Positions in `versions`, ordered by (first day, number).
    by_start: Vec<usize>,
}

impl<V> Default for Timeline<V> {
    fn default() -> Self {
        Self {
            versions: Vec::new(),
            by_start: Vec::new(),
        }
    }
}

impl<V: Period> Timeline<V> {
    /// The timeline of `versions` (any order).
    pub fn new(mut versions: Vec<V>) -> Self {
        versions.sort_by_key(Period::number);
        let mut by_start: Vec<usize> = (0..versions.len()).collect();
        by_start.sort_by_key(|i| (versions[*i].effective_from(), versions[*i].number()));
        Self { versions, by_start }
    }

    /// Every version, oldest (lowest number) first.
    pub fn all(&self) -> &[V] {
        &self.versions
    }

    /// The newest version.
    pub fn latest(&self) -> Option<&V> {
        self.versions.last()
    }

    /// The version with this number.
    pub fn number(&self, number: i32) -> Option<&V> {
        self.versions
            .binary_search_by_key(&number, Period::number)
            .ok()
            .map(|i| &self.versions[i])
    }

    /// The version in effect on `day`, if any.
    pub fn in_effect(&self, day: NaiveDate) -> Option<&V> {
        // The last version to start on or before `day` is the only candidate: periods do not
        // overlap, and of versions starting on one day only the highest-numbered can be non-empty.
        let starts = self
            .by_start
            .partition_point(|i| self.versions[*i].effective_from() <= day);
        let candidate = &self.versions[*self.by_start.get(starts.checked_sub(1)?)?];
        candidate.in_effect_on(day).then_some(candidate)
    }

    /// The version that stands for `day` and where the thing stands then: the version in effect;
    /// else the next one to begin; else the last one that ended. Empty versions never stand.
    pub fn standing(&self, day: NaiveDate) -> Option<(&V, Standing)> {
        if let Some(v) = self.in_effect(day) {
            return Some((v, Standing::Active));
        }
        let starts = self
            .by_start
            .partition_point(|i| self.versions[*i].effective_from() <= day);
        if let Some(next) = self.by_start[starts..]
            .iter()
            .map(|i| &self.versions[*i])
            .find(|v| !v.is_empty())
        {
            return Some((next, Standing::Future));
        }
        self.versions
            .iter()
            .rev()
            .find(|v| !v.is_empty())
            .map(|v| (v, Standing::Retired))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct V(i32, &'static str, Option<&'static str>);

    impl Period for V {
        fn effective_from(&self) -> NaiveDate {
            self.1.parse().unwrap()
        }
        fn effective_to(&self) -> Option<NaiveDate> {
            self.2.map(|d| d.parse().unwrap())
        }
        fn number(&self) -> i32 {
            self.0
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn number(found: Option<&V>) -> Option<i32> {
        found.map(|v| v.0)
    }

    #[test]
    fn a_period_includes_its_first_day_and_excludes_its_end() {
        let line = Timeline::new(vec![
            V(2, "2021-01-01", None),
            V(1, "2020-01-01", Some("2021-01-01")),
        ]);
        assert_eq!(number(line.in_effect(d("2019-12-31"))), None);
        assert_eq!(number(line.in_effect(d("2020-01-01"))), Some(1));
        assert_eq!(number(line.in_effect(d("2020-12-31"))), Some(1));
        assert_eq!(number(line.in_effect(d("2021-01-01"))), Some(2));
        assert_eq!(number(line.in_effect(d("2999-01-01"))), Some(2));
        assert_eq!(line.all().iter().map(|v| v.0).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(number(line.number(2)), Some(2));
    }

    #[test]
    fn an_empty_version_never_stands_and_a_gap_is_future_or_retired() {
        // v2 was replaced on its first day by v3; the thing ends on 2022-01-01.
        let line = Timeline::new(vec![
            V(1, "2020-01-01", Some("2021-01-01")),
            V(2, "2021-01-01", Some("2021-01-01")),
            V(3, "2021-01-01", Some("2022-01-01")),
        ]);
        assert_eq!(number(line.in_effect(d("2021-01-01"))), Some(3));
        assert_eq!(
            line.standing(d("2019-01-01")).map(|(v, s)| (v.0, s)),
            Some((1, Standing::Future))
        );
        assert_eq!(
            line.standing(d("2023-01-01")).map(|(v, s)| (v.0, s)),
            Some((3, Standing::Retired))
        );
        assert_eq!(
            standing_of(&line.all()[2], d("2022-01-01")),
            Standing::Retired
        );
        assert_eq!(
            standing_of(&line.all()[2], d("2020-06-01")),
            Standing::Future
        );
        assert_eq!(
            standing_of(&line.all()[2], d("2021-06-01")),
            Standing::Active
        );
    }

    #[test]
    fn binary_search_agrees_with_a_scan_on_every_day() {
        let line = Timeline::new(vec![
            V(1, "2020-01-01", Some("2020-03-01")),
            V(2, "2020-03-01", Some("2020-03-01")),
            V(3, "2020-03-01", Some("2020-05-01")),
            V(4, "2020-06-01", None),
        ]);
        let mut day = d("2019-12-25");
        while day < d("2020-07-01") {
            let scan = line.all().iter().find(|v| v.in_effect_on(day));
            assert_eq!(number(line.in_effect(day)), number(scan), "{day}");
            day = day.succ_opt().unwrap();
        }
    }
}
