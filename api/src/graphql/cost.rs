//! What a query may cost, decided before anything runs.
//!
//! A field costs 1 plus what it selects, and a list field multiplies what it selects by the
//! number of items it can return: the page size (`first`, default [`DEFAULT_PAGE`]) for
//! connections, and [`ASSUMED_LIST_LENGTH`] for plain lists (more than any list of the register
//! holds per parent: a family's groups, a version's typings, a typing's bullets). So nesting a list
//! in a list in a list multiplies, as the answer does, and the cost bounds the answer's size.
//! Aliases per selection and root fields per operation are capped too, so a query cannot repeat
//! one cheap field a thousand times.
//!
//! Which fields are lists is read from the schema's own SDL once, so a new field is counted
//! correctly without annotating it.

use std::collections::HashMap;

use async_graphql::parser::types::{
    BaseType, ExecutableDocument, Selection, SelectionSet, ServiceDocument, TypeDefinition,
    TypeKind, TypeSystemDefinition,
};
use async_graphql::{Value, Variables};

use super::access::operation;

/// The page size a connection returns without `first`.
pub const DEFAULT_PAGE: u64 = 50;
/// The length assumed for a plain list: what the register's lists hold per parent, typically
/// (a version's typings, a typing's sections, a format's sections).
pub const ASSUMED_LIST_LENGTH: u64 = 10;

/// Plain lists that hold more per parent, with the length assumed for them (above the longest
/// the register holds: 19 groups in one family, 30 bullets in one typing section).
const LONG_LISTS: &[(&str, &str, u64)] = &[
    ("JobFamily", "functionGroups", 25),
    ("TypingSectionBlock", "items", 25),
    ("CoreProfile", "competences", 25),
];

/// Limits on a query, checked before it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CostLimits {
    /// Highest cost (fields the answer can hold).
    pub max_cost: u64,
    /// Most aliased fields in one selection.
    pub max_aliases: usize,
    /// Most root fields in one operation.
    pub max_root_fields: usize,
}

/// Why a query was refused, with its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// `QUERY_TOO_COSTLY`, `TOO_MANY_ALIASES` or `TOO_MANY_ROOT_FIELDS`.
    pub code: &'static str,
    /// For people.
    pub message: String,
}

/// A field's result type: its named type, and whether it is a list.
#[derive(Debug, Clone)]
struct Shape {
    target: String,
    list: bool,
}

/// The schema's fields, by type and name, as the cost rule needs them.
#[derive(Debug, Clone, Default)]
pub struct CostModel {
    fields: HashMap<(String, String), Shape>,
    query: String,
    mutation: String,
}

impl CostModel {
    /// Reads the types of `sdl` (the schema's own).
    pub fn of_sdl(sdl: &str) -> Self {
        let mut model = Self {
            query: "QueryRoot".into(),
            mutation: "MutationRoot".into(),
            ..Self::default()
        };
        let Ok(doc): Result<ServiceDocument, _> = async_graphql::parser::parse_schema(sdl) else {
            return model;
        };
        for def in doc.definitions {
            match def {
                TypeSystemDefinition::Schema(schema) => {
                    if let Some(q) = &schema.node.query {
                        model.query = q.node.to_string();
                    }
                    if let Some(m) = &schema.node.mutation {
                        model.mutation = m.node.to_string();
                    }
                }
                TypeSystemDefinition::Type(t) => {
                    let TypeDefinition { name, kind, .. } = t.node;
                    let fields = match kind {
                        TypeKind::Object(o) => o.fields,
                        TypeKind::Interface(i) => i.fields,
                        _ => continue,
                    };
                    for f in fields {
                        let (target, list) = named(&f.node.ty.node.base);
                        model.fields.insert(
                            (name.node.to_string(), f.node.name.node.to_string()),
                            Shape { target, list },
                        );
                    }
                }
                TypeSystemDefinition::Directive(_) => {}
            }
        }
        model
    }

    /// Like [`CostModel::check`] for a query's text; a text that does not parse costs nothing
    /// here (the parser reports it).
    ///
    /// # Errors
    /// The first limit it breaks.
    pub fn check_text(
        &self,
        query: &str,
        variables: &Variables,
        limits: &CostLimits,
    ) -> Result<u64, Refusal> {
        match async_graphql::parser::parse_query(query) {
            Ok(doc) => self.check(&doc, None, variables, limits),
            Err(_) => Ok(0),
        }
    }

    /// Checks the operation `operation_name` of `doc` against `limits`; its cost when it passes.
    ///
    /// # Errors
    /// The first limit it breaks.
    pub fn check(
        &self,
        doc: &ExecutableDocument,
        operation_name: Option<&str>,
        variables: &Variables,
        limits: &CostLimits,
    ) -> Result<u64, Refusal> {
        // An operation that cannot be found is the validator's to report.
        let Some(op) = operation(doc, operation_name) else {
            return Ok(0);
        };
        let root = match op.ty {
            async_graphql::parser::types::OperationType::Mutation => &self.mutation,
            _ => &self.query,
        };
        let roots = count_fields(doc, &op.selection_set.node, 0);
        if roots > limits.max_root_fields {
            return Err(Refusal {
                code: "TOO_MANY_ROOT_FIELDS",
                message: format!(
                    "de vraag heeft {roots} velden op het hoogste niveau; ten hoogste {} mag",
                    limits.max_root_fields
                ),
            });
        }
        let mut walk = Walk {
            model: self,
            doc,
            variables,
            limits,
            steps: 0,
        };
        let cost = walk.set(root, &op.selection_set.node, 1, 0)?;
        if cost > limits.max_cost {
            return Err(too_costly(cost, limits));
        }
        Ok(cost)
    }
}

fn too_costly(cost: u64, limits: &CostLimits) -> Refusal {
    Refusal {
        code: "QUERY_TOO_COSTLY",
        message: format!(
            "deze vraag kan {cost} velden opleveren; ten hoogste {} mag (lijsten in lijsten vermenigvuldigen: vraag kleinere pagina's of minder diep)",
            limits.max_cost
        ),
    }
}

/// A type's named type, and whether a list wraps it.
fn named(base: &BaseType) -> (String, bool) {
    match base {
        BaseType::Named(n) => (n.to_string(), false),
        BaseType::List(inner) => (named(&inner.base).0, true),
    }
}

/// Fields in a selection, with fragments followed (to a bounded depth).
fn count_fields(doc: &ExecutableDocument, set: &SelectionSet, depth: usize) -> usize {
    if depth > 16 {
        return usize::MAX / 2;
    }
    set.items
        .iter()
        .map(|s| match &s.node {
            Selection::Field(_) => 1,
            Selection::InlineFragment(f) => {
                count_fields(doc, &f.node.selection_set.node, depth + 1)
            }
            Selection::FragmentSpread(spread) => doc
                .fragments
                .get(&spread.node.fragment_name.node)
                .map_or(0, |f| {
                    count_fields(doc, &f.node.selection_set.node, depth + 1)
                }),
        })
        .fold(0usize, usize::saturating_add)
}

struct Walk<'a> {
    model: &'a CostModel,
    doc: &'a ExecutableDocument,
    variables: &'a Variables,
    limits: &'a CostLimits,
    /// Selections looked at: a cap, so a document of fragments cannot make the check itself slow.
    steps: usize,
}

impl Walk<'_> {
    /// The cost of `set` on `parent`, where `page` is the item count a connection above passes
    /// down to its `edges`/`nodes`.
    fn set(
        &mut self,
        parent: &str,
        set: &SelectionSet,
        page: u64,
        depth: usize,
    ) -> Result<u64, Refusal> {
        if depth > 64 {
            return Err(too_costly(u64::MAX, self.limits));
        }
        let mut aliases = 0;
        let mut total: u64 = 0;
        for item in &set.items {
            self.steps += 1;
            if self.steps > 50_000 {
                return Err(too_costly(u64::MAX, self.limits));
            }
            let cost = match &item.node {
                Selection::Field(f) => {
                    let f = &f.node;
                    if f.alias.is_some() {
                        aliases += 1;
                        if aliases > self.limits.max_aliases {
                            return Err(Refusal {
                                code: "TOO_MANY_ALIASES",
                                message: format!(
                                    "een selectie heeft meer dan {} velden met een alias",
                                    self.limits.max_aliases
                                ),
                            });
                        }
                    }
                    let name = f.name.node.as_str();
                    let shape = self
                        .model
                        .fields
                        .get(&(parent.to_owned(), name.to_owned()))
                        .cloned();
                    let first = f
                        .get_argument("first")
                        .and_then(|v| {
                            v.node
                                .clone()
                                .into_const_with(|var| self.variables.get(&var).cloned().ok_or(()))
                                .ok()
                        })
                        .and_then(|v| match v {
                            Value::Number(n) => n.as_u64(),
                            _ => None,
                        });
                    let (child_parent, times, child_page) = match &shape {
                        // Unknown fields (and __typename) are the validator's; they cost 1.
                        None => (String::new(), 1, 1),
                        Some(s) if s.list => {
                            let times = if matches!(name, "edges" | "nodes") && page > 1 {
                                page
                            } else {
                                LONG_LISTS
                                    .iter()
                                    .find(|(t, f, _)| *t == parent && *f == name)
                                    .map_or(ASSUMED_LIST_LENGTH, |(_, _, n)| *n)
                            };
                            (s.target.clone(), times, 1)
                        }
                        Some(s) => {
                            // A connection: its page size reaches its edges and nodes.
                            let page = if s.target.ends_with("Connection") {
                                first.unwrap_or(DEFAULT_PAGE).max(1)
                            } else {
                                1
                            };
                            (s.target.clone(), 1, page)
                        }
                    };
                    let children = if f.selection_set.node.items.is_empty() {
                        0
                    } else {
                        self.set(&child_parent, &f.selection_set.node, child_page, depth + 1)?
                    };
                    children.saturating_mul(times).saturating_add(1)
                }
                Selection::InlineFragment(fragment) => {
                    let on = fragment
                        .node
                        .type_condition
                        .as_ref()
                        .map_or(parent.to_owned(), |c| c.node.on.node.to_string());
                    self.set(&on, &fragment.node.selection_set.node, page, depth + 1)?
                }
                Selection::FragmentSpread(spread) => {
                    match self.doc.fragments.get(&spread.node.fragment_name.node) {
                        Some(fragment) => {
                            let on = fragment.node.type_condition.node.on.node.to_string();
                            self.set(&on, &fragment.node.selection_set.node, page, depth + 1)?
                        }
                        None => 0,
                    }
                }
            };
            total = total.saturating_add(cost);
            if total > self.limits.max_cost {
                return Err(too_costly(total, self.limits));
            }
        }
        Ok(total)
    }
}
