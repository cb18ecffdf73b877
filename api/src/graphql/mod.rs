//! The GraphQL adapter over [`crate::domain`]: resolvers check the caller, call the domain and
//! convert its answer; the rules are the domain's. This module holds the request path around them
//! (limits, cost, access, kept answers, error codes). The schema is built once at start-up;
//! reads are answered from the in-memory register ([`crate::register`]), one snapshot per
//! request. Every error leaves with an `extensions.code`.

pub mod access;
pub mod amendments;
pub mod answers;
pub mod appraisal;
pub mod audit;
pub mod catalogue;
pub mod changes;
pub mod clauses;
pub mod cost;
pub mod coverage;
pub mod diff;
pub mod errors;
pub mod identity;
pub mod ids;
pub mod paging;
pub mod scalars;
pub mod search;
pub mod sources;
pub mod vocabulary;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use arc_swap::ArcSwapOption;
use async_graphql::{Context, MergedObject, Schema};
use sea_orm::DatabaseConnection;

use crate::auth::middleware::RequestId;
use crate::config::GraphqlLimits;
use crate::domain::access::{AccessPolicy, Principal};
use crate::domain::caller::Caller;
use crate::register::{ReadModel, Register};

/// The root query: one object per domain area, merged.
#[derive(MergedObject, Default)]
pub struct QueryRoot(
    amendments::AmendmentQuery,
    appraisal::AppraisalQuery,
    audit::AuditQuery,
    catalogue::query::CatalogueQuery,
    changes::ChangeQuery,
    clauses::ClauseQuery,
    coverage::CoverageQuery,
    search::SearchQuery,
    diff::DiffQuery,
    identity::IdentityQuery,
    sources::SourceQuery,
    vocabulary::VocabularyQuery,
);

/// The root mutation: one object per domain area, merged.
#[derive(MergedObject, Default)]
pub struct MutationRoot(
    amendments::AmendmentMutation,
    catalogue::import::ImportMutation,
    clauses::ClauseMutation,
    sources::SourceMutation,
);

/// The request's database connection. Asking for it marks the request as one whose answer is
/// not the snapshot's alone (see [`answers`]).
pub(crate) fn db<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a DatabaseConnection> {
    looked_outside(ctx);
    ctx.data::<DatabaseConnection>()
}

/// Who asks. Asking marks the request as one whose answer depends on the caller, not only on
/// what they may read (see [`answers`]).
pub(crate) fn principal<'a>(ctx: &Context<'a>) -> &'a Principal {
    static ANONYMOUS: Principal = Principal::Anonymous;
    looked_outside(ctx);
    ctx.data_opt::<Principal>().unwrap_or(&ANONYMOUS)
}

/// Marks the request's answer as not to be kept.
fn looked_outside(ctx: &Context<'_>) {
    if let Some(request) = ctx.data_opt::<Arc<RequestRegister>>() {
        request.outside.store(true, Ordering::Relaxed);
    }
}

/// The snapshot one request reads: taken fresh on first use, then the same for the rest of the
/// request, so a request sees one state of the register (unless it changes it itself).
pub struct RequestRegister {
    model: Arc<ReadModel>,
    /// Lock-free: a listing asks for it once per item.
    taken: ArcSwapOption<Register>,
    /// Held while the snapshot is first taken, so fields that ask at once (the items of a list
    /// resolve together) check the register's freshness once, not once each.
    taking: tokio::sync::Mutex<()>,
    /// Whether a resolver read the database or looked at who asks: then the answer is not the
    /// snapshot's alone and is not kept for the next identical request.
    outside: AtomicBool,
}

/// The request's snapshot of the register (see [`RequestRegister`]).
pub(crate) async fn register(ctx: &Context<'_>) -> async_graphql::Result<Arc<Register>> {
    let request = ctx.data::<Arc<RequestRegister>>()?;
    if let Some(register) = request.taken.load_full() {
        return Ok(register);
    }
    let _taking = request.taking.lock().await;
    if let Some(register) = request.taken.load_full() {
        return Ok(register);
    }
    let fresh = errors::GqlResultExt::gql(request.model.fresh().await)?;
    request.taken.store(Some(fresh.clone()));
    Ok(fresh)
}

/// After a change this request committed: the snapshot catches up, and the rest of the request
/// (and every later one) reads the register with the change.
pub(crate) async fn changed(ctx: &Context<'_>) -> async_graphql::Result<()> {
    looked_outside(ctx);
    let request = ctx.data::<Arc<RequestRegister>>()?;
    let caught_up = errors::GqlResultExt::gql(request.model.catch_up().await)?;
    request.taken.store(Some(caught_up));
    Ok(())
}

/// Who calls, under which policy and request id, for the domain's changes.
pub(crate) fn caller<'a>(ctx: &Context<'a>) -> Caller<'a> {
    Caller {
        principal: principal(ctx),
        policy: ctx.data_opt::<AccessPolicy>().copied().unwrap_or_default(),
        request_id: ctx
            .data_opt::<RequestId>()
            .map_or("graphql", |r| r.0.as_str()),
    }
}

/// A request refused before it ran: one error with `code`, no data.
fn refused(code: &str, message: &str) -> async_graphql::Response {
    let mut error = async_graphql::ServerError::new(message, None);
    let mut extensions = async_graphql::ErrorExtensionValues::default();
    extensions.set("code", code);
    error.extensions = Some(extensions);
    async_graphql::Response::from_errors(vec![error])
}

/// Whether the query or a variable holds a control character (see
/// [`crate::domain::text::has_control_characters`]): checked before anything runs.
fn has_control_characters(request: &async_graphql::Request) -> bool {
    use crate::domain::text::has_control_characters as bad;
    fn walk(value: &async_graphql::Value) -> bool {
        match value {
            async_graphql::Value::String(s) => bad(s),
            async_graphql::Value::List(items) => items.iter().any(walk),
            async_graphql::Value::Object(fields) => {
                fields.iter().any(|(k, v)| bad(k.as_str()) || walk(v))
            }
            _ => false,
        }
    }
    bad(&request.query)
        || request
            .variables
            .iter()
            .any(|(k, v)| bad(k.as_str()) || walk(v))
}

/// The schema type.
pub type FgrSchema = Schema<QueryRoot, MutationRoot, changes::ChangeSubscription>;

/// The schema with its limits and access policy, guarded field by field by
/// [`access::AccessControl`]; the principal and the register are added per request by
/// [`GraphqlService`].
pub fn build_schema(limits: &GraphqlLimits, policy: AccessPolicy) -> FgrSchema {
    build(limits, policy, true)
}

/// The schema, with or without the per-field access extension (see [`access`]).
fn build(limits: &GraphqlLimits, policy: AccessPolicy, guarded: bool) -> FgrSchema {
    let mut builder = Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        changes::ChangeSubscription,
    )
    .data(policy);
    if guarded {
        builder = builder.extension(access::AccessControl);
    }
    builder = builder
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .limit_recursive_depth(32)
        .limit_directives(8);
    if !limits.introspection {
        builder = builder.disable_introspection().disable_suggestions();
    }
    builder.finish()
}

/// The SDL of the schema, as checked in at `schema.graphql`.
pub fn sdl() -> String {
    build_schema(&GraphqlLimits::default(), AccessPolicy::default()).sdl()
}

/// Executes GraphQL requests against the database: the one entry point for HTTP and for the
/// console's server-side rendering, so both go through the same rules.
#[derive(Clone)]
pub struct GraphqlService {
    /// Checks every root field as it resolves: for requests that ask for something refused.
    guarded: FgrSchema,
    /// Without extensions: for requests whose root fields were all allowed beforehand.
    allowed: FgrSchema,
    db: DatabaseConnection,
    policy: AccessPolicy,
    register: Arc<ReadModel>,
    cost: Arc<cost::CostModel>,
    cost_limits: cost::CostLimits,
    timeout: std::time::Duration,
    answers: Arc<answers::Answers>,
    /// Persisted operations by id, as read from the database: a document never changes under
    /// its id (the id is its hash), so what was found once is kept.
    documents: Arc<std::sync::Mutex<std::collections::HashMap<String, Arc<str>>>>,
    /// Without introspection, validation messages are masked too (they name types and arguments).
    introspection: bool,
    /// Open subscriptions and the feed's head they follow.
    push: Arc<crate::push::Push>,
}

impl GraphqlService {
    /// A service over `db` with the given limits and access policy; the register is read into
    /// memory on first use.
    pub fn new(db: DatabaseConnection, limits: &GraphqlLimits, policy: AccessPolicy) -> Self {
        let allowed = build(limits, policy, false);
        Self {
            cost: Arc::new(cost::CostModel::of_sdl(&allowed.sdl())),
            cost_limits: cost::CostLimits {
                max_cost: limits.max_cost,
                max_aliases: limits.max_aliases,
                max_root_fields: limits.max_root_fields,
            },
            timeout: limits.timeout,
            answers: Arc::default(),
            documents: Arc::default(),
            introspection: limits.introspection,
            guarded: build(limits, policy, true),
            allowed,
            register: ReadModel::new(db.clone()),
            push: crate::push::Push::new(db.clone(), limits.subscriptions),
            db,
            policy,
        }
    }

    /// The subscriptions of this process.
    pub fn push(&self) -> &Arc<crate::push::Push> {
        &self.push
    }

    /// The schema subscriptions run on (every root field checked as it resolves).
    pub fn subscription_schema(&self) -> FgrSchema {
        self.guarded.clone()
    }

    /// What every request on a subscription connection opened by `principal` carries.
    pub fn subscription_data(
        &self,
        principal: Principal,
        subscriber: crate::push::subscriptions::Subscriber,
    ) -> async_graphql::Data {
        let mut data = async_graphql::Data::default();
        data.insert(principal);
        data.insert(self.db.clone());
        data.insert(self.push.clone());
        data.insert(subscriber);
        data.insert(Arc::new(RequestRegister {
            model: self.register.clone(),
            taken: ArcSwapOption::new(None),
            taking: tokio::sync::Mutex::new(()),
            outside: AtomicBool::new(true),
        }));
        data
    }

    /// The register in memory that reads are answered from.
    pub fn read_model(&self) -> &Arc<ReadModel> {
        &self.register
    }

    /// The access policy requests are judged by.
    pub fn policy(&self) -> AccessPolicy {
        self.policy
    }

    /// The database this service reads.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Runs one request as `principal` over the current snapshot of the register; errors
    /// without a code get one, and internal details are masked.
    pub async fn execute(
        &self,
        request: async_graphql::Request,
        principal: Principal,
    ) -> async_graphql::Response {
        self.run(request, principal, None).await.0
    }

    /// Answers one request from the transport: the bytes of an answer kept from an identical
    /// earlier request on the same snapshot (see [`answers`]), or the answer computed now (then
    /// kept when it may be).
    pub async fn answer(&self, request: async_graphql::Request, principal: Principal) -> Answer {
        let day = crate::domain::dates::today();
        let Some(key) = answers::Key::of(&principal, day, &request) else {
            return Answer::Computed(self.execute(request, principal).await);
        };
        let Ok(snapshot) = self.register.fresh().await else {
            return Answer::Computed(self.execute(request, principal).await);
        };
        if let Some(kept) = self.answers.get(&snapshot, &key) {
            return Answer::Kept(kept);
        }
        let (response, outside) = self.run(request, principal, Some(snapshot.clone())).await;
        if outside || !response.errors.is_empty() || !response.http_headers.is_empty() {
            return Answer::Computed(response);
        }
        match serde_json::to_vec(&response) {
            Ok(bytes) => {
                let bytes = axum::body::Bytes::from(bytes);
                self.answers.keep(&snapshot, day, key, bytes.clone());
                Answer::Kept(bytes)
            }
            Err(_) => Answer::Computed(response),
        }
    }

    /// The registered document with this id (see [`crate::domain::operations`]), if any.
    ///
    /// # Errors
    /// `INTERNAL` when the database fails.
    pub async fn document(&self, id: &str) -> crate::error::DomainResult<Option<Arc<str>>> {
        if let Some(known) = self.documents.lock().expect("documents lock").get(id) {
            return Ok(Some(known.clone()));
        }
        let Some(found) = crate::domain::operations::find(&self.db, id).await? else {
            return Ok(None);
        };
        let document: Arc<str> = found.document.into();
        let mut documents = self.documents.lock().expect("documents lock");
        // Bounded: registered operations are few; a flood of ids finds none to keep.
        if documents.len() < 4096 {
            documents.insert(found.document_id, document.clone());
        }
        Ok(Some(document))
    }

    /// The kept answers (for tests).
    pub fn kept_answers(&self) -> &answers::Answers {
        &self.answers
    }

    /// [`GraphqlService::execute`] on `snapshot` when given (else the current one); also says
    /// whether a resolver looked outside the snapshot.
    async fn run(
        &self,
        request: async_graphql::Request,
        principal: Principal,
        snapshot: Option<Arc<Register>>,
    ) -> (async_graphql::Response, bool) {
        let mut request = request;
        if has_control_characters(&request) {
            return (
                refused(
                    "BAD_USER_INPUT",
                    &format!("de aanvraag {}", crate::domain::text::CONTROL_CHARACTER),
                ),
                true,
            );
        }
        let operation_name = request.operation_name.clone();
        // Taken out and put back, not cloned: the document borrows the request.
        let variables = std::mem::take(&mut request.variables);
        let cost = request.parsed_query().map(|doc| {
            self.cost.check(
                doc,
                operation_name.as_deref(),
                &variables,
                &self.cost_limits,
            )
        });
        request.variables = variables;
        if let Ok(Err(refusal)) = cost {
            return (refused(refusal.code, &refusal.message), true);
        }
        let allowed = request.parsed_query().is_ok_and(|doc| {
            access::all_root_fields_allowed(doc, operation_name.as_deref(), &principal, self.policy)
        });
        let schema = if allowed {
            &self.allowed
        } else {
            &self.guarded
        };
        let register = Arc::new(RequestRegister {
            model: self.register.clone(),
            taken: ArcSwapOption::new(snapshot),
            taking: tokio::sync::Mutex::new(()),
            outside: AtomicBool::new(false),
        });
        // Execution reads the parsed document only; the text is kept for telling errors apart.
        let query = if request.parsed_query().is_ok() {
            std::mem::take(&mut request.query)
        } else {
            request.query.clone()
        };
        let request = request
            .data(principal)
            .data(self.db.clone())
            .data(register.clone());
        let Ok(mut response) = tokio::time::timeout(self.timeout, schema.execute(request)).await
        else {
            return (
                refused(
                    "TIMEOUT",
                    &format!("de vraag duurde langer dan {} s", self.timeout.as_secs()),
                ),
                true,
            );
        };
        errors::classify(&mut response.errors, &query);
        if !self.introspection {
            errors::mask_validation(&mut response.errors);
        }
        (response, register.outside.load(Ordering::Relaxed))
    }
}

/// What [`GraphqlService::answer`] gives the transport.
pub enum Answer {
    /// The serialized answer, without errors: the same bytes for every identical request on one
    /// snapshot.
    Kept(axum::body::Bytes),
    /// An answer computed for this request alone (with errors, or not the snapshot's alone).
    Computed(async_graphql::Response),
}
