//! The audit trail for committee roles: newest first, filtered by action, actor or target, 50 a
//! page. Filters and paging live in the address (a GET form), so a view can be linked.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{Api, ApiError};
use crate::components::choices::options;
use crate::components::load_error::LoadError;
use crate::dates;
use crate::queries::catalogue::{console_audit_log, AuditPage, ConsoleAuditLog};
use crate::queries::Labels;
use crate::url::encode;

/// The filter fields, as named in the address and in `AuditLogFilter`: the first two choose
/// from the API's lists, the others take text.
const FILTERS: [(&str, &str); 4] = [
    ("action", "Actie"),
    ("targetType", "Soort doel"),
    ("actor", "Door (gebruikers-id)"),
    ("targetId", "Doel (nummer of code)"),
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
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Auditlog"</h1>
        <p class="hint">"Elke wijziging in het register, in volgorde, met wie, in welke rol, wat ervoor en erna stond. De keten is met SHA-256 verankerd; "<code>"fgr audit verify"</code>" controleert haar."</p>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let q = query.read_untracked();
                        let value_of = |name: &str| q.get(name).unwrap_or_default();
                        let actions: Labels = d.vocabulary.audit_actions.into_iter().map(|c| (c.code, c.label)).collect();
                        let targets: Labels = d.vocabulary.audit_target_types.into_iter().map(|c| (c.code, c.label)).collect();
                        view! {
                            <form method="get" class="filters" id="audit-filter">
                                <label for="audit-action">{FILTERS[0].1}</label>
                                <select class="utrecht-select utrecht-select--html-select" id="audit-action" name="action">
                                    <option value="">"alle"</option>
                                    {options(&actions, &value_of("action"))}
                                </select>
                                <label for="audit-targetType">{FILTERS[1].1}</label>
                                <select class="utrecht-select utrecht-select--html-select" id="audit-targetType" name="targetType">
                                    <option value="">"alle"</option>
                                    {options(&targets, &value_of("targetType"))}
                                </select>
                                {FILTERS[2..].iter().map(|(name, label)| view! {
                                    <label for=format!("audit-{name}")>{*label}</label>
                                    <input class="utrecht-textbox utrecht-textbox--html-input" id=format!("audit-{name}") name=*name value=value_of(name)/>
                                }).collect_view()}
                                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Filter"</button>
                            </form>
                            <AuditTable page=d.audit_log filters=current_filters(&q)/>
                        }
                        .into_any()
                    }
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
                <a class="nl-link" href="/auth/login?return_to=/audit" rel="external">"Inloggen"</a></p>
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
        <div class="scroll" role="region" tabindex="0" aria-label="Auditlog">
        <table class="utrecht-table utrecht-table--html-table audit" id="audit-log">
            <thead><tr>
                <th scope="col">"Nr."</th><th scope="col">"Tijd"</th><th scope="col">"Door"</th>
                <th scope="col">"Rol"</th><th scope="col">"Actie"</th><th scope="col">"Doel"</th>
                <th scope="col">"Voor en na"</th>
            </tr></thead>
            <tbody>
                {page.nodes.into_iter().map(|e| view! {
                    <tr>
                        <td>{e.seq}</td>
                        <td class="when">{dates::time(&e.occurred_at)}</td>
                        <td class="actor">{e.actor_label}</td>
                        <td>{e.actor_role_label}</td>
                        <td class="action">{e.action_label}</td>
                        <td>{e.target_label}</td>
                        <td>
                            <details>
                                <summary>"details"</summary>
                                <dl class="codes">
                                    <dt>"Code"</dt><dd><code>{e.action}</code>" · "<code>{e.target_type}</code>" "<code>{e.target_id}</code></dd>
                                    <dt>"Door"</dt><dd><code>{e.actor}</code>" · "<code>{e.actor_role}</code></dd>
                                    <dt>"Voor"</dt><dd><pre>{e.before.unwrap_or_else(|| "—".into())}</pre></dd>
                                    <dt>"Na"</dt><dd><pre>{e.after.unwrap_or_else(|| "—".into())}</pre></dd>
                                    <dt>"Verzoek"</dt><dd><code>{e.request_id}</code></dd>
                                    <dt>"Hash"</dt><dd class="hash"><code>{e.hash}</code></dd>
                                </dl>
                            </details>
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
        {next.map(|href| view! { <p><a class="nl-link" href=href id="audit-next">"Volgende pagina"</a></p> })}
    }
}
