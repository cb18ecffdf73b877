//! The group page: version and provenance, typings per scale side by side, core profile,
//! competences, responsibility requirements and version history.

use leptos::prelude::*;

use crate::components::as_of::{href_with_as_of, use_as_of};
use crate::components::badges::{IllustrativeBadge, InferredBadge, SourceLink};
use crate::components::load_error::LoadError;
use crate::components::page_data::page_resource;
use crate::dates;
use crate::pages::not_found::NotFound;
use crate::pages::proposal_actions::ProposeForm;
use crate::queries::catalogue::{
    console_group, ConsoleGroup, CoreProfileView, DecisionView, GroupData, GroupDetail,
    RequirementStatusView, TypingItemView, TypingView, VersionDetail, VersionListItem,
};
use crate::queries::{Operation, ProposalTarget, ProvenanceKind};

/// One function group.
#[component]
pub fn GroupPage() -> impl IntoView {
    let as_of = use_as_of();
    let query = leptos_router::hooks::use_query_map();
    let data = page_resource::<ConsoleGroup>(|a| console_group::Variables {
        code: a.code,
        as_of: a.as_of,
    });
    view! {
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(GroupData { function_group: Some(g), decision_log, me, vocabulary }) => {
                        let may_propose = me.may(Operation::PROPOSE_AMENDMENT);
                        let code = g.code.clone();
                        // A gap link from the coverage page names the requirement to cover.
                        let wanted = query.read_untracked().get("dekking");
                        let gap = g.requirements.iter()
                            .find(|r| wanted.as_deref() == Some(r.requirement.code.as_str()))
                            .map(|r| (r.requirement.title.clone(), g.name.clone()));
                        view! {
                            {may_propose.then(|| view! { <ProposeForm target_type=ProposalTarget::FUNCTION_GROUP target_code=code gap limits=(vocabulary.limits.title, vocabulary.limits.rationale)/> })}
                            <GroupView group=g as_of=as_of.get_untracked()/>
                            <DecisionsPanel decisions=decision_log/>
                        }.into_any()
                    }
                    Ok(GroupData { function_group: None, .. }) => view! {
                        <NotFound/>
                        <p>"Deze functiegroep bestaat niet, of bestond niet op de gekozen peildatum."</p>
                    }.into_any(),
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GroupView(group: GroupDetail, as_of: Option<String>) -> impl IntoView {
    let family_href = href_with_as_of(
        &format!("/families/{}", group.family.code),
        as_of.as_deref(),
    );
    view! {
        <nav class="crumbs">
            <a class="nl-link" href=href_with_as_of("/", as_of.as_deref())>"Functiefamilies"</a>" › "
            <a class="nl-link" href=family_href>{group.family.name.clone()}</a>" › "{group.name.clone()}
        </nav>
        <h1 class="nl-heading nl-heading--level-1">{group.name.clone()}" "<IllustrativeBadge on=group.illustrative/></h1>
        <dl class="facts">
            <dt>"Familie"</dt>
            <dd>{group.family.name.clone()}" "<InferredBadge on=group.family_inferred what="familie" why=group.data_note.clone()/></dd>
            <dt>"Schalen"</dt>
            <dd>{group.scale_range.label()}" "<InferredBadge on=group.scales_inferred what="schalen" why=group.data_note.clone()/></dd>
            <dt>"Werk- en denkniveau"</dt>
            <dd>{if group.work_levels.is_empty() { "onbekend".to_owned() } else { group.work_levels.join(", ") }}</dd>
            {group.fgr_site_id.map(|id| view! { <dt>"FGR-site-id"</dt><dd>{id}</dd> })}
            {group.added_on.clone().map(|d| view! { <dt>"Toegevoegd op"</dt><dd>{d}</dd> })}
            <dt>"Bron"</dt><dd><SourceLink url=group.source_url.clone()/></dd>
        </dl>
        {group.description.clone().map(|d| view! { <p class="definition">{d}</p> })}
        {group.data_note.clone().map(|n| view! { <p class="note">{n}</p> })}
        <VersionPanel version=group.version.clone()/>
        <h2 class="nl-heading nl-heading--level-2">"Functietyperingen"</h2>
        <TypingsTable typings=group.typings.clone() code=group.code.clone() as_of=as_of.clone()/>
        <h2 class="nl-heading nl-heading--level-2">"Kernprofiel"</h2>
        {match group.core_profile.clone() {
            Some(profile) => view! { <CoreProfilePanel profile/> }.into_any(),
            None => view! { <p>"Geen kernprofiel vastgelegd."</p> }.into_any(),
        }}
        <h2 class="nl-heading nl-heading--level-2">"Verantwoordelijkheden"</h2>
        <RequirementsPanel requirements=group.requirements.clone()/>
        <h2 class="nl-heading nl-heading--level-2">"Versiegeschiedenis"</h2>
        <HistoryPanel versions=group.versions.clone() code=group.code.clone()/>
        <p><a class="nl-link" href=format!("/groups/{}/history", group.code) id="history-link">"Alle versies met herkomst, en wat er tussen twee versies veranderde"</a></p>
    }
}

#[component]
fn VersionPanel(version: VersionDetail) -> impl IntoView {
    let period = dates::period(&version.effective_from, version.effective_to.as_deref());
    view! {
        <section class="version" id="version">
            <p>
                <strong>{format!("Versie {}", version.number)}</strong>", geldig "{period}" "
                <IllustrativeBadge on=version.illustrative/>
            </p>
            <p class="provenance">
                {if version.provenance.kind == ProvenanceKind::DECISION { "Besluit: " } else { "Herkomst: " }}
                {version.provenance.reference.clone().unwrap_or_else(|| "onbekend".to_owned())}
                " "<SourceLink url=version.provenance.url.clone()/>
            </p>
            {version.note.map(|n| view! { <p class="note">{n}</p> })}
        </section>
    }
}

/// Items of one section, with their Resultaten sub-category as a heading where it changes.
fn section_items(items: Vec<TypingItemView>) -> AnyView {
    if items.is_empty() {
        return view! { <span class="empty">"—"</span> }.into_any();
    }
    let mut last_sub: Option<String> = None;
    view! {
        <ul>
            {items.into_iter().map(|item| {
                let heading = (item.sub_category != last_sub)
                    .then(|| item.sub_category.clone())
                    .flatten();
                last_sub = item.sub_category.clone();
                view! {
                    <li>
                        {heading.map(|h| view! { <strong class="sub">{h}</strong> })}
                        {(!item.text.is_empty()).then(|| view! { <span>{item.text.clone()}</span> })}
                        <IllustrativeBadge on=item.illustrative/>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The printable page of typing `t` of group `code`, on the page's peildatum.
fn typing_href(code: &str, t: &TypingView, as_of: Option<&str>) -> String {
    let mut href = format!("/groups/{code}/typings/{}", t.scale);
    if let Some(v) = &t.variant {
        href.push_str(&format!("?variant={}", v.number));
    }
    match as_of {
        Some(day) if href.contains('?') => format!("{href}&asOf={day}"),
        _ => href_with_as_of(&href, as_of),
    }
}

#[component]
fn TypingsTable(typings: Vec<TypingView>, code: String, as_of: Option<String>) -> impl IntoView {
    if typings.is_empty() {
        return view! { <p>"Er zijn geen typeringen vastgelegd."</p> }.into_any();
    }
    let labels: Vec<String> = typings[0]
        .sections
        .iter()
        .map(|s| s.label.clone())
        .collect();
    view! {
        <div class="scroll">
            <table class="utrecht-table utrecht-table--html-table typings" id="typings">
                <thead>
                    <tr>
                        <th scope="col">"Onderdeel"</th>
                        {typings.iter().map(|t| view! {
                            <th scope="col">
                                <span class="scale-label">{format!("Schaal {}", t.scale)}</span>
                                <a class="nl-link print-link no-print" href=typing_href(&code, t, as_of.as_deref())>"afdrukbaar"</a>
                                {t.variant.clone().map(|v| view! {
                                    <span class="variant">{match v.name { Some(n) => format!("Variant {}: {n}", v.number), None => format!("Variant {}", v.number) }}</span>
                                })}
                            </th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <tr class="fuwasys">
                        <th scope="row">"FUWASYS-score"</th>
                        {typings.iter().map(|t| view! {
                            <td>{t.fuwasys.as_ref().map_or_else(|| "niet bekend".to_owned(), |f| f.display.clone())}</td>
                        }).collect_view()}
                    </tr>
                    {typings.iter().any(|t| t.note.is_some()).then(|| view! {
                        <tr class="typing-notes">
                            <th scope="row">"Opmerking"</th>
                            {typings.iter().map(|t| view! {
                                <td>{t.note.clone().map(|n| view! { <p class="note">{n}</p> })}</td>
                            }).collect_view()}
                        </tr>
                    })}
                    {labels.into_iter().enumerate().map(|(i, label)| view! {
                        <tr>
                            <th scope="row">{label}</th>
                            {typings.iter().map(|t| view! {
                                <td>{section_items(t.sections.get(i).map(|s| s.items.clone()).unwrap_or_default())}</td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn CoreProfilePanel(profile: CoreProfileView) -> impl IntoView {
    view! {
        <section class="core-profile" id="core-profile">
            <p>
                "Doel van de functie: "
                {profile.purpose.unwrap_or_else(|| "nog niet vastgelegd".to_owned())}
                " "<IllustrativeBadge on=profile.illustrative/>" "<SourceLink url=profile.source_url/>
            </p>
            <div class="areas">
                {profile.result_areas.into_iter().map(|a| view! {
                    <article class="area">
                        <h3 class="nl-heading nl-heading--level-3">{a.label}</h3>
                        {if a.results.is_empty() && a.behaviour_indicators.is_empty() {
                            view! { <p class="empty">"Resultaten en gedragsindicatoren nog niet vastgelegd."</p> }.into_any()
                        } else {
                            view! {
                                <ul>{a.results.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                                <ul class="indicators">{a.behaviour_indicators.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                            }.into_any()
                        }}
                    </article>
                }).collect_view()}
            </div>
            <h3 class="nl-heading nl-heading--level-3">"Competenties"</h3>
            {if profile.competences.is_empty() {
                view! { <p class="empty">"Geen competenties vastgelegd."</p> }.into_any()
            } else {
                view! {
                    <ul class="competences" id="competences">
                        {profile.competences.into_iter().map(|c| view! { <li>{c.name}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn RequirementsPanel(requirements: Vec<RequirementStatusView>) -> impl IntoView {
    if requirements.is_empty() {
        return view! { <p>"Voor deze functiegroep gelden geen vastgelegde verantwoordelijkheden."</p> }.into_any();
    }
    view! {
        <ul class="requirements" id="requirements">
            {requirements.into_iter().map(|s| view! {
                <li class:covered=s.covered class:missing=!s.covered>
                    <span class="status">{if s.covered { "gedekt" } else { "ontbreekt" }}</span>" "
                    <strong>{s.requirement.title.clone()}</strong>" "
                    <IllustrativeBadge on=s.requirement.illustrative/>
                    <blockquote class="utrecht-blockquote utrecht-blockquote--html-blockquote">{s.requirement.text.clone()}</blockquote>
                    <p class="cite">{s.requirement.source_reference.clone()}</p>
                    {s.coverage.into_iter().map(|c| view! {
                        <p class="coverage">
                            {c.location}": “"{c.quote}"” "<IllustrativeBadge on=c.illustrative/>
                            {c.note.map(|n| view! { <span class="note">" "{n}</span> })}
                        </p>
                    }).collect_view()}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn DecisionsPanel(decisions: Vec<DecisionView>) -> impl IntoView {
    (!decisions.is_empty()).then(|| {
        view! {
            <h2 class="nl-heading nl-heading--level-2">"Besluiten uit het versiebeheer van het FGR"</h2>
            <ul class="decisions" id="decisions">
                {decisions.into_iter().map(|d| view! {
                    <li>
                        <strong>{d.decided_on}</strong>" · "{d.decision}": "{d.summary}" "
                        <SourceLink url=Some(d.source_url)/>
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
fn HistoryPanel(versions: Vec<VersionListItem>, code: String) -> impl IntoView {
    view! {
        <table class="utrecht-table utrecht-table--html-table history" id="history">
            <thead><tr>
                <th scope="col">"Versie"</th><th scope="col">"Geldig vanaf"</th>
                <th scope="col">"Geldig tot"</th><th scope="col">"Herkomst"</th>
            </tr></thead>
            <tbody>
                {versions.into_iter().map(|v| {
                    let href = format!("/groups/{code}?asOf={}", v.effective_from);
                    view! {
                        <tr class:current=v.in_effect>
                            <td><a class="nl-link" href=href>{format!("v{}", v.number)}</a></td>
                            <td>{dates::date(&v.effective_from)}</td>
                            <td>{dates::until(v.effective_to.as_deref())}</td>
                            <td>{v.provenance.reference.unwrap_or_default()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
