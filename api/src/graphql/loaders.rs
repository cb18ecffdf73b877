//! DataLoaders: every nested field of a listing is fetched in one batch per kind, so a page of
//! groups costs the same number of SQL statements whatever its size.

use std::collections::{BTreeMap, HashMap};

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use chrono::NaiveDate;
use fgr_entities::{
    group_version, job_family, requirement_coverage, requirement_scope, responsibility_requirement,
};
use sea_orm::DatabaseConnection;

use crate::domain::families;
use crate::domain::groups::{self, VersionedGroup};
use crate::domain::profiles::{self, CoreProfileContent, TypingContent};
use crate::domain::requirements::{self, GroupRef};
use crate::error::DomainError;

/// The loaders of one request. Their cache lives as long as the request, so lists can prefetch
/// what their items will ask for (see `catalogue::prefetch`).
pub type Loaders = DataLoader<CatalogueLoader, HashMapCache>;

/// Batches catalogue reads; one key type per kind of read.
pub struct CatalogueLoader {
    db: DatabaseConnection,
}

impl CatalogueLoader {
    /// A fresh DataLoader over `db`.
    pub fn new_loader(db: DatabaseConnection) -> Loaders {
        DataLoader::with_cache(Self { db }, tokio::spawn, HashMapCache::default())
    }
}

/// A family by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FamilyKey(pub i32);

/// The groups of a family that exist on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FamilyGroupsKey(pub i32, pub NaiveDate);

/// The typings of a group version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TypingsKey(pub i32);

/// The core profile of a group version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CoreProfileKey(pub i32);

/// The coverage links of a group version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CoverageKey(pub i32);

/// The requirements required in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RequiredKey(pub GroupRef);

/// All versions of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VersionsKey(pub i32);

/// Where a requirement is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ScopesKey(pub i32);

/// Every key with its value from `found` (looked up by `id(key)`), or the default (an empty
/// list) when there is none, so that absence is cached too.
pub(crate) fn every_key<K, Q, V>(
    keys: &[K],
    mut found: HashMap<Q, V>,
    id: impl Fn(K) -> Q,
) -> HashMap<K, V>
where
    K: Copy + Eq + std::hash::Hash,
    Q: Eq + std::hash::Hash,
    V: Default,
{
    keys.iter()
        .map(|k| (*k, found.remove(&id(*k)).unwrap_or_default()))
        .collect()
}

/// Maps a by-id result onto the loader's key type.
fn keyed<K: Copy + Eq + std::hash::Hash, V>(
    keys: &[K],
    mut found: HashMap<i32, V>,
    id: impl Fn(K) -> i32,
) -> HashMap<K, V> {
    keys.iter()
        .filter_map(|k| found.remove(&id(*k)).map(|v| (*k, v)))
        .collect()
}

impl Loader<FamilyKey> for CatalogueLoader {
    type Value = job_family::Model;
    type Error = DomainError;

    async fn load(
        &self,
        keys: &[FamilyKey],
    ) -> Result<HashMap<FamilyKey, Self::Value>, Self::Error> {
        let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
        Ok(keyed(keys, families::by_ids(&self.db, &ids).await?, |k| {
            k.0
        }))
    }
}

impl Loader<FamilyGroupsKey> for CatalogueLoader {
    type Value = Vec<VersionedGroup>;
    type Error = DomainError;

    async fn load(
        &self,
        keys: &[FamilyGroupsKey],
    ) -> Result<HashMap<FamilyGroupsKey, Self::Value>, Self::Error> {
        // One query per distinct date; a page almost always asks for one date.
        let mut by_day: BTreeMap<NaiveDate, Vec<i32>> = BTreeMap::new();
        for k in keys {
            by_day.entry(k.1).or_default().push(k.0);
        }
        let mut out = HashMap::new();
        for (day, family_ids) in by_day {
            let mut found = groups::in_families_at(&self.db, &family_ids, day).await?;
            for family in family_ids {
                out.insert(
                    FamilyGroupsKey(family, day),
                    found.remove(&family).unwrap_or_default(),
                );
            }
        }
        Ok(out)
    }
}

impl Loader<TypingsKey> for CatalogueLoader {
    type Value = Vec<TypingContent>;
    type Error = DomainError;

    async fn load(
        &self,
        keys: &[TypingsKey],
    ) -> Result<HashMap<TypingsKey, Self::Value>, Self::Error> {
        let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
        let found = profiles::typings_for_versions(&self.db, &ids).await?;
        Ok(every_key(keys, found, |k| k.0))
    }
}

impl Loader<CoreProfileKey> for CatalogueLoader {
    /// `None` for a version without a core profile, so that absence is cached too.
    type Value = Option<CoreProfileContent>;
    type Error = DomainError;

    async fn load(
        &self,
        keys: &[CoreProfileKey],
    ) -> Result<HashMap<CoreProfileKey, Self::Value>, Self::Error> {
        let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
        let mut found = profiles::core_profiles_for_versions(&self.db, &ids).await?;
        Ok(keys.iter().map(|k| (*k, found.remove(&k.0))).collect())
    }
}

impl Loader<CoverageKey> for CatalogueLoader {
    type Value = Vec<requirement_coverage::Model>;
    type Error = DomainError;

    async fn load(
        &self,
        keys: &[CoverageKey],
    ) -> Result<HashMap<CoverageKey, Self::Value>, Self::Error> {
        let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
        let found = requirements::coverage_of_versions(&self.db, &ids).await?;
        Ok(every_key(keys, found, |k| k.0))
    }
}

impl Loader<RequiredKey> for CatalogueLoader {
    type Value = Vec<responsibility_requirement::Model>;
    type Error = DomainError;

    async fn load(
        &self,
        keys: &[RequiredKey],
    ) -> Result<HashMap<RequiredKey, Self::Value>, Self::Error> {
        let refs: Vec<GroupRef> = keys.iter().map(|k| k.0).collect();
        let found = requirements::required_in_groups(&self.db, &refs).await?;
        Ok(every_key(keys, found, |k| k.0))
    }
}

impl Loader<VersionsKey> for CatalogueLoader {
    type Value = Vec<group_version::Model>;
    type Error = DomainError;

    async fn load(
        &self,
        keys: &[VersionsKey],
    ) -> Result<HashMap<VersionsKey, Self::Value>, Self::Error> {
        let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
        let found = groups::versions_of(&self.db, &ids).await?;
        Ok(every_key(keys, found, |k| k.0))
    }
}

impl Loader<ScopesKey> for CatalogueLoader {
    type Value = Vec<requirement_scope::Model>;
    type Error = DomainError;

    async fn load(
        &self,
        keys: &[ScopesKey],
    ) -> Result<HashMap<ScopesKey, Self::Value>, Self::Error> {
        let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
        let found = requirements::scopes_of(&self.db, &ids).await?;
        Ok(every_key(keys, found, |k| k.0))
    }
}
