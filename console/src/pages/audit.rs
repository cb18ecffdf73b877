//! The audit trail for committee roles: newest first, filtered by action, actor or target, 50 a
//! page. Filters and paging live in the address (a GET form), so a view can be linked.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{Api, ApiError};
use crate::components::load_error::LoadError;
use crate::dates;
use crate::queries::catalogue::{console_audit_log, AuditPage, ConsoleAuditLog};
use crate::url::encode;

/// The filter fields, as named in the address and in `AuditLogFilter`.
const FILTERS: [(&str, &str); 4] = [
    ("action", "Actie"),
    ("actor", "Actor"),
    ("targetType", "Soort doel"),
    ("targetId", "Doel"),
];

/// The audit log page.
#[component]
pub fn AuditPage() -> impl IntoView {
    let api = Api::from_context();
    let query = use_query_map();
    let source = move || {
        let q = query.read();
        let filters: Vec<(String, String)> = FILTERS
            .iter()
            .filter_map(|(name, _)| {
                q.get(name)
                    .filter(|v| !v.trim().is_empty())
                    .map(|v| ((*name).to_owned(), v.trim().to_owned()))
            })
            .collect();
        (filters, q.get("after"))
    };
    let data = Resource::new(source, move |(filters, after)| {
        let api = api.clone();
        async move {
            let value = |name: &str| {
                filters
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            };
            let filter = console_audit_log::AuditLogFilter {
                action: value("action"),
                actor: value("actor"),
                target_type: value("targetType"),
                target_id: value("targetId"),
            };
            api.run::<ConsoleAuditLog>(console_audit_log::Variables {
                filter: Some(filter),
                after,
            })
            .await
        }
    });
    let value_of = move |name: &str| query.read().get(name).unwrap_or_default();
    view! {
        <h1>"Auditlog"</h1>
        <p class="hint">"Elke wijziging in het register, in volgorde, met wie, in welke rol, wat ervoor en erna stond. De keten is met SHA-256 verankerd; "<code>"fgr audit verify"</code>" controleert haar."</p>
        <form method="get" class="filters" id="audit-filter">
            {FILTERS.iter().map(|(name, label)| view! {
                <label for=format!("audit-{name}")>{*label}</label>
                <input id=format!("audit-{name}") name=*name value=value_of(name)/>
            }).collect_view()}
            <button type="submit">"Filter"</button>
        </form>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <AuditTable page=d.audit_log filters=current_filters(&query.read())/> }.into_any(),
                    Err(error) => refused(error),
                }
            })}
        </Suspense>
    }
}

/// The filters in the address, for the "next page" link.
fn current_filters(q: &leptos_router::params::ParamsMap) -> String {
    FILTERS
        .iter()
        .filter_map(|(name, _)| {
            q.get(name)
                .filter(|v| !v.is_empty())
                .map(|v| format!("{name}={}", encode(&v)))
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn refused(error: ApiError) -> AnyView {
    match error.code.as_str() {
        "UNAUTHENTICATED" => view! {
            <p class="note" id="sign-in-needed">"Het auditlog is alleen zichtbaar na inloggen. "
                <a href="/auth/login?return_to=/audit" rel="external">"Inloggen"</a></p>
        }
        .into_any(),
        "FORBIDDEN" => view! {
            <p class="note" id="not-allowed">"Het auditlog is er voor de commissie, haar secretaris, FGR-beheer en beheerders."</p>
        }
        .into_any(),
        _ => view! { <LoadError error/> }.into_any(),
    }
}

#[component]
fn AuditTable(page: AuditPage, filters: String) -> impl IntoView {
    let next = page
        .page_info
        .has_next_page
        .then_some(page.page_info.end_cursor)
        .flatten()
        .map(|cursor| {
            let mut href = format!("/audit?after={}", encode(&cursor));
            if !filters.is_empty() {
                href.push('&');
                href.push_str(&filters);
            }
            href
        });
    view! {
        <p id="audit-count">{format!("{} vermeldingen", page.total_count)}</p>
        <table class="audit" id="audit-log">
            <thead><tr>
                <th scope="col">"Nr."</th><th scope="col">"Tijd (UTC)"</th><th scope="col">"Actor"</th>
                <th scope="col">"Rol"</th><th scope="col">"Actie"</th><th scope="col">"Doel"</th>
                <th scope="col">"Voor en na"</th>
            </tr></thead>
            <tbody>
                {page.nodes.into_iter().map(|e| view! {
                    <tr>
                        <td>{e.seq}</td>
                        <td>{dates::time(&e.occurred_at)}</td>
                        <td>{e.actor}</td>
                        <td>{e.actor_role}</td>
                        <td class="action">{e.action}</td>
                        <td>{format!("{} {}", e.target_type, e.target_id)}</td>
                        <td>
                            <details>
                                <summary>"details"</summary>
                                <p>"Voor:"</p><pre>{e.before.unwrap_or_else(|| "—".into())}</pre>
                                <p>"Na:"</p><pre>{e.after.unwrap_or_else(|| "—".into())}</pre>
                                <p class="hash">"Verzoek "{e.request_id}" · hash "<code>{e.hash}</code></p>
                            </details>
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {next.map(|href| view! { <p><a href=href id="audit-next">"Volgende pagina"</a></p> })}
    }
}
