//! The catalogue's root query fields.

use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Context, InputObject, Interface, Object, SimpleObject, ID};

use super::families::{FunctionGroup, FunctionGroupOrderField, JobFamily, OrderDirection};
use super::profiles::{Competence, Typing};
use super::requirements::ResponsibilityRequirement;
use crate::domain::groups::{
    self, check_scale_in_range, GroupFilter, GroupOrder, GroupOrderField, VersionedGroup,
};
use crate::error::DomainError;
use crate::graphql::errors::GqlResultExt;
use crate::graphql::ids;
use crate::graphql::register;
use crate::graphql::scalars::{day_or_today, Date};

/// The largest page a connection returns.
pub const MAX_PAGE_SIZE: i32 = 100;
/// The page size when `first` is not given.
pub const DEFAULT_PAGE_SIZE: i32 = 50;

/// Filters for `functionGroups`.
#[derive(InputObject, Default)]
pub struct FunctionGroupFilter {
    /// Only groups of the family with this code, e.g. `LIJNMANAGEMENT`.
    pub family_code: Option<String>,
    /// Only groups whose scale range contains this scale (1–19).
    pub scale: Option<i32>,
    /// Only groups in the manager families (Lijnmanagement, Project-/Programmamanagement).
    #[graphql(default)]
    pub manager_families_only: bool,
    /// Only groups whose name, code or description contains this text; case and accents are
    /// ignored.
    pub search: Option<String>,
}

/// Sort order for `functionGroups`.
#[derive(InputObject, Default)]
pub struct FunctionGroupOrder {
    /// The field to sort by.
    #[graphql(default)]
    pub field: FunctionGroupOrderField,
    /// The direction.
    #[graphql(default)]
    pub direction: OrderDirection,
}

/// A decision of the FGR's owner from the published version log.
#[derive(SimpleObject)]
pub struct HistoricalDecision {
    /// Date of the decision.
    pub decided_on: Date,
    /// Who decided, e.g. "Besluit DGOO".
    pub decision: String,
    /// What changed.
    pub summary: String,
    /// The register's groups it concerns.
    pub group_codes: Vec<String>,
    /// The published version log.
    pub source_url: String,
}

/// Totals of a connection.
#[derive(SimpleObject)]
pub struct ConnectionTotals {
    /// How many items match, over all pages.
    pub total_count: u64,
}

/// Anything with a global id.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Global id."))]
pub enum Node {
    /// A family.
    JobFamily(JobFamily),
    /// A function group.
    FunctionGroup(FunctionGroup),
    /// A typing.
    Typing(Typing),
    /// A competence.
    Competence(Competence),
    /// A requirement.
    ResponsibilityRequirement(ResponsibilityRequirement),
}

/// The catalogue's query fields.
#[derive(Default)]
pub struct CatalogueQuery;

#[Object]
impl CatalogueQuery {
    /// The eight job families, in official order.
    async fn job_families(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Read nested content as of this date (default: today).")] as_of: Option<
            Date,
        >,
    ) -> async_graphql::Result<Vec<JobFamily>> {
        let as_of = day_or_today(as_of);
        Ok(register(ctx)
            .await?
            .families()
            .iter()
            .map(|model| JobFamily {
                model: model.clone(),
                as_of,
            })
            .collect())
    }

    /// The family with this code; null if there is none.
    async fn job_family(
        &self,
        ctx: &Context<'_>,
        code: String,
        as_of: Option<Date>,
    ) -> async_graphql::Result<Option<JobFamily>> {
        let as_of = day_or_today(as_of);
        Ok(register(ctx)
            .await?
            .family_by_code(&code)
            .map(|model| JobFamily {
                model: model.clone(),
                as_of,
            }))
    }

    /// Function groups that exist on the date asked for, filtered, sorted and paginated.
    async fn function_groups(
        &self,
        ctx: &Context<'_>,
        filter: Option<FunctionGroupFilter>,
        #[graphql(desc = "Page size, 0–100 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
        order_by: Option<FunctionGroupOrder>,
        as_of: Option<Date>,
    ) -> async_graphql::Result<Connection<String, FunctionGroup, ConnectionTotals, EmptyFields>>
    {
        let as_of = day_or_today(as_of);
        let first = first.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(0..=MAX_PAGE_SIZE).contains(&first) {
            return Err(DomainError::bad_input(
                "first",
                format!("first moet tussen 0 en {MAX_PAGE_SIZE} liggen, niet {first}"),
            ))
            .gql();
        }
        let offset = match after {
            None => 0,
            Some(cursor) => ids::parse_cursor(&cursor)
                .map(|n| n + 1)
                .ok_or_else(|| DomainError::bad_input("after", "ongeldige cursor").clone())
                .gql()?,
        };
        let filter = filter.unwrap_or_default();
        let order = order_by.unwrap_or_default();
        let domain_filter = GroupFilter {
            family_code: filter.family_code,
            scale: filter.scale,
            manager_families_only: filter.manager_families_only,
            search: filter.search,
        };
        let domain_order = GroupOrder {
            field: match order.field {
                FunctionGroupOrderField::Family => GroupOrderField::Family,
                FunctionGroupOrderField::Name => GroupOrderField::Name,
                FunctionGroupOrderField::Code => GroupOrderField::Code,
                FunctionGroupOrderField::Scale => GroupOrderField::Scale,
            },
            descending: order.direction == OrderDirection::Desc,
        };
        let (rows, total) = groups::page(
            &*register(ctx).await?,
            &domain_filter,
            domain_order,
            as_of,
            offset,
            first as u64,
        )
        .gql()?;
        let end = offset + rows.len() as u64;
        let mut connection = Connection::with_additional_fields(
            offset > 0,
            end < total,
            ConnectionTotals { total_count: total },
        );
        connection
            .edges
            .extend(rows.into_iter().enumerate().map(|(i, row)| {
                Edge::new(
                    ids::cursor(offset + i as u64),
                    FunctionGroup::new(row, as_of),
                )
            }));
        Ok(connection)
    }

    /// The function group with this code as it stands on the date asked for; null if it does not
    /// exist (then).
    async fn function_group(
        &self,
        ctx: &Context<'_>,
        code: String,
        as_of: Option<Date>,
    ) -> async_graphql::Result<Option<FunctionGroup>> {
        let as_of = day_or_today(as_of);
        Ok(groups::by_code_at(&*register(ctx).await?, &code, as_of)
            .map(|row| FunctionGroup::new(row, as_of)))
    }

    /// The typing of a group for one scale; null when the group does not exist (then),
    /// `BAD_USER_INPUT` when the scale is not in its range. Where the FGR publishes named
    /// variants for the scale, `variant` (1, 2, …) picks one; without it the answer is the
    /// first variant (its `variant` field says so, and `functionGroup.typings` lists them all).
    async fn typing(
        &self,
        ctx: &Context<'_>,
        group_code: String,
        scale: i32,
        variant: Option<i32>,
        as_of: Option<Date>,
    ) -> async_graphql::Result<Option<Typing>> {
        let as_of = day_or_today(as_of);
        groups::validate_scale("scale", scale).gql()?;
        let Some(row) = groups::by_code_at(&*register(ctx).await?, &group_code, as_of) else {
            return Ok(None);
        };
        check_scale_in_range(&row, scale).gql()?;
        Ok(Typing::at_scale(row, scale, variant, as_of))
    }

    /// Every competence known to the register (Competentietaal Rijk; partial).
    async fn competences(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Competence>> {
        Ok(register(ctx)
            .await?
            .competences()
            .iter()
            .cloned()
            .map(Competence)
            .collect())
    }

    /// The responsibility requirements that apply on the date asked for.
    async fn responsibility_requirements(
        &self,
        ctx: &Context<'_>,
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<ResponsibilityRequirement>> {
        let as_of = day_or_today(as_of);
        Ok(register(ctx)
            .await?
            .requirements()
            .iter()
            .filter(|r| r.applies_on(as_of))
            .map(|r| ResponsibilityRequirement::new(r.clone(), as_of))
            .collect())
    }

    /// The FGR's published version log (historical decisions of the owner), oldest first; only
    /// those concerning one group when `groupCode` is given.
    async fn decision_log(
        &self,
        ctx: &Context<'_>,
        group_code: Option<String>,
    ) -> async_graphql::Result<Vec<HistoricalDecision>> {
        Ok(
            crate::domain::decisions::list(&*register(ctx).await?, group_code.as_deref())
                .map(|d| HistoricalDecision {
                    decided_on: Date(d.decided_on),
                    decision: d.decision.clone(),
                    summary: d.summary.clone(),
                    group_codes: d
                        .group_codes
                        .as_deref()
                        .map(|c| c.split(',').map(str::to_owned).collect())
                        .unwrap_or_default(),
                    source_url: d.source_url.clone(),
                })
                .collect(),
        )
    }

    /// Any object by its global id, as it stands today; null when unknown.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Node>> {
        let Some((kind, key)) = ids::decode(&id) else {
            return Err(DomainError::bad_input("id", "geen geldig id")).gql();
        };
        let as_of = crate::domain::dates::today();
        let register = register(ctx).await?;
        let found = match kind.as_str() {
            "JobFamily" => register.family(key).map(|model| {
                Node::JobFamily(JobFamily {
                    model: model.clone(),
                    as_of,
                })
            }),
            "FunctionGroup" => groups::by_id_at(&register, key, as_of)
                .map(|row| Node::FunctionGroup(FunctionGroup::new(row, as_of))),
            "Competence" => register
                .competence(key)
                .map(|c| Node::Competence(Competence(c.clone()))),
            "ResponsibilityRequirement" => register.requirement(key).map(|r| {
                Node::ResponsibilityRequirement(ResponsibilityRequirement::new(r.clone(), as_of))
            }),
            // A typing's id names one version's typing: it is shown with that version.
            "Typing" => register.typing(key).map(|(history, version, index)| {
                let row = VersionedGroup {
                    history: history.clone(),
                    at: version.clone(),
                };
                Node::Typing(Typing::new(row, index, as_of))
            }),
            _ => None,
        };
        Ok(found)
    }
}
