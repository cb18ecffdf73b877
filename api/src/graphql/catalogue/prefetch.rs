//! Prefetching for lists of function groups.
//!
//! DataLoaders batch by time: keys that arrive within a short window share a statement. A long
//! list is resolved in several slices, so a time window alone would let the statement count grow
//! with the list. A list resolver therefore looks ahead at what its items' selection asks for,
//! loads each kind once for the whole list, and feeds the request's loader cache; the items'
//! own resolvers then find everything cached. The statement count of a listing is fixed by the
//! shape of the query, never by the number of groups.

use std::collections::BTreeSet;

use async_graphql::{Context, Lookahead};

use super::super::errors::GqlResultExt;
use super::super::loaders::{
    every_key, CoreProfileKey, CoverageKey, FamilyKey, RequiredKey, ScopesKey, TypingsKey,
    VersionsKey,
};
use crate::domain::groups::{self, VersionedGroup};
use crate::domain::requirements::{self, GroupRef};
use crate::domain::{families, profiles};

/// Loads what `node` (the selection on each group) needs for all `rows`, in one statement per
/// kind, into the request's loader cache.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn function_groups(
    ctx: &Context<'_>,
    node: &Lookahead<'_>,
    rows: &[VersionedGroup],
) -> async_graphql::Result<()> {
    if rows.is_empty() || !node.exists() {
        return Ok(());
    }
    let loaders = super::loaders(ctx)?;
    let db = ctx.data::<sea_orm::DatabaseConnection>()?;
    let version_ids: Vec<i32> = rows.iter().map(|r| r.version.id).collect();
    let group_ids: Vec<i32> = rows.iter().map(|r| r.group.id).collect();

    let mut family_ids: BTreeSet<i32> = BTreeSet::new();
    if node.field("family").exists() {
        family_ids.extend(rows.iter().map(|r| r.group.family_id));
    }
    if node.field("typings").exists() || node.field("typing").exists() {
        let found = profiles::typings_for_versions(db, &version_ids)
            .await
            .gql()?;
        let keys: Vec<TypingsKey> = version_ids.iter().copied().map(TypingsKey).collect();
        loaders.feed_many(every_key(&keys, found, |k| k.0)).await;
    }
    if node.field("coreProfile").exists() {
        let found = profiles::core_profiles_for_versions(db, &version_ids)
            .await
            .gql()?;
        let keys: Vec<CoreProfileKey> = version_ids.iter().copied().map(CoreProfileKey).collect();
        let found = found.into_iter().map(|(k, v)| (k, Some(v))).collect();
        loaders.feed_many(every_key(&keys, found, |k| k.0)).await;
    }
    if node.field("versions").exists() {
        let found = groups::versions_of(db, &group_ids).await.gql()?;
        let keys: Vec<VersionsKey> = group_ids.iter().copied().map(VersionsKey).collect();
        loaders.feed_many(every_key(&keys, found, |k| k.0)).await;
    }
    let wanted = node.field("requirements");
    if wanted.exists() {
        let keys: Vec<RequiredKey> = rows
            .iter()
            .map(|r| {
                RequiredKey(GroupRef {
                    group_id: r.group.id,
                    family_id: r.group.family_id,
                })
            })
            .collect();
        let refs: Vec<GroupRef> = keys.iter().map(|k| k.0).collect();
        let required = requirements::required_in_groups(db, &refs).await.gql()?;
        let requirement_ids: Vec<i32> = required
            .values()
            .flatten()
            .map(|r| r.id)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        loaders.feed_many(every_key(&keys, required, |k| k.0)).await;
        // A group's requirement statuses always consult its coverage.
        let coverage = requirements::coverage_of_versions(db, &version_ids)
            .await
            .gql()?;
        let keys: Vec<CoverageKey> = version_ids.iter().copied().map(CoverageKey).collect();
        loaders.feed_many(every_key(&keys, coverage, |k| k.0)).await;
        if wanted
            .field("requirement")
            .field("requiredInFamilies")
            .exists()
        {
            let scopes = requirements::scopes_of(db, &requirement_ids).await.gql()?;
            family_ids.extend(scopes.values().flatten().filter_map(|s| s.family_id));
            let keys: Vec<ScopesKey> = requirement_ids.iter().copied().map(ScopesKey).collect();
            loaders.feed_many(every_key(&keys, scopes, |k| k.0)).await;
        }
    }
    if !family_ids.is_empty() {
        let ids: Vec<i32> = family_ids.into_iter().collect();
        let found = families::by_ids(db, &ids).await.gql()?;
        loaders
            .feed_many(found.into_iter().map(|(id, f)| (FamilyKey(id), f)))
            .await;
    }
    Ok(())
}
