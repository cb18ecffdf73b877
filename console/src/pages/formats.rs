//! Appraisal formats: the list, one format (sections, criteria, rating scales, history with
//! diffs), and a preview of the conversation form for a post as the employee and as the manager
//! see it.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{Api, ApiError};
use crate::components::as_of::use_as_of;
use crate::components::badges::IllustrativeBadge;
use crate::components::load_error::LoadError;
use crate::components::page_data::page_resource;
use crate::components::version_compare::{chosen_diff, VersionCompare};
use crate::dates;
use crate::pages::not_found::NotFound;
use crate::pages::proposal_actions::ProposeForm;
use crate::queries::amendments::FieldChange;
use crate::queries::appraisal::{
    console_appraisal_criteria, console_format, console_format_version_diff, console_formats,
    ConsoleAppraisalCriteria, ConsoleFormat, ConsoleFormatVersionDiff, ConsoleFormats,
    CriteriaSection, CriterionView, FormatDetail, SectionView,
};
use crate::queries::catalogue::{console_group_choices, ConsoleGroupChoices, GroupChoice};
use crate::queries::{label_of, labels_of, Labels, Operation, ProposalTarget};

/// `/formats`: every format with the version in effect on the peildatum.
#[component]
pub fn FormatsPage() -> impl IntoView {
    let data = page_resource::<ConsoleFormats>(|a| console_formats::Variables { as_of: a.as_of });
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Formats voor het personeelsgesprek"</h1>
        <p class="hint">
            "De criteria die beoordelingstools ophalen. Bekijk het gesprek voor een functie in de "
            <a class="nl-link" href="/appraisal-preview">"voorvertoning"</a>"."
        </p>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let audiences = labels_of!(d.vocabulary.format_audiences);
                        view! {
                        <table class="utrecht-table utrecht-table--html-table formats" id="formats">
                            <thead><tr>
                                <th scope="col">"Format"</th><th scope="col">"Voor"</th>
                                <th scope="col">"Geldende versie"</th><th scope="col">"Versies"</th>
                            </tr></thead>
                            <tbody>
                                {d.appraisal_formats.nodes.into_iter().map(|f| {
                                    let name = f.version.as_ref().map(|v| v.name.clone())
                                        .or_else(|| f.versions.last().map(|v| v.name.clone()))
                                        .unwrap_or_default();
                                    view! {
                                        <tr>
                                            <td><a class="nl-link" href=format!("/formats/{}", f.code)>{name}</a><br/><code>{f.code.clone()}</code></td>
                                            <td>{f.version.as_ref().map(|v| label_of(&audiences, &v.audience))}</td>
                                            <td>{match &f.version {
                                                Some(v) => view! { {format!("v{} sinds {} ", v.number, dates::date(&v.effective_from))}<IllustrativeBadge on=v.illustrative/> }.into_any(),
                                                None => view! { <span class="note">"geen op deze datum"</span> }.into_any(),
                                            }}</td>
                                            <td>{f.versions.iter().map(|v| format!("v{} {} – {}", v.number, dates::date(&v.effective_from), dates::until(v.effective_to.as_deref()))).collect::<Vec<_>>().join("; ")}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        }.into_any()
                    }
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/formats/:code?from=&to=`.
#[component]
pub fn FormatPage() -> impl IntoView {
    let api = Api::from_context();
    let params = use_params_map();
    let query = use_query_map();
    let as_of = use_as_of();
    let number = move |name: &str| query.read().get(name).and_then(|n| n.parse::<i64>().ok());
    let data = Resource::new(
        move || {
            (
                params.read().get("code").unwrap_or_default(),
                as_of.get(),
                number("from"),
                number("to"),
            )
        },
        move |(code, on, from, to)| {
            let api = api.clone();
            async move {
                let data = api
                    .run::<ConsoleFormat>(console_format::Variables {
                        code: code.clone(),
                        as_of: on,
                    })
                    .await?;
                let diff = chosen_diff::<ConsoleFormatVersionDiff, _>(
                    &api,
                    from,
                    to,
                    |from, to| console_format_version_diff::Variables { code, from, to },
                    |d| d.format_version_diff,
                )
                .await?;
                Ok::<_, ApiError>((data, diff))
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((console_format::ResponseData { appraisal_format: Some(format), me, vocabulary }, format_version_diff)) => {
                        let code = format.code.clone();
                        let limits = (vocabulary.limits.title, vocabulary.limits.rationale);
                        view! {
                            {me.may(Operation::PROPOSE_AMENDMENT).then(|| view! { <ProposeForm target_type=ProposalTarget::APPRAISAL_FORMAT target_code=code limits/> })}
                            <FormatView format audiences=labels_of!(vocabulary.format_audiences) diff=format_version_diff from=number("from") to=number("to")/>
                        }.into_any()
                    }
                    Ok((console_format::ResponseData { appraisal_format: None, .. }, _)) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FormatView(
    format: FormatDetail,
    audiences: Labels,
    diff: Option<Vec<FieldChange>>,
    from: Option<i64>,
    to: Option<i64>,
) -> impl IntoView {
    let numbers: Vec<i64> = format.versions.iter().map(|v| v.number).collect();
    let title = format
        .version
        .as_ref()
        .map(|v| v.name.clone())
        .or_else(|| format.versions.last().map(|v| v.name.clone()))
        .unwrap_or_else(|| format.code.clone());
    view! {
        <nav class="crumbs"><a class="nl-link" href="/formats">"Formats"</a>" › "<code>{format.code.clone()}</code></nav>
        <h1 class="nl-heading nl-heading--level-1">{title}</h1>
        {match format.version {
            Some(v) => view! {
                <dl class="facts">
                    <dt>"Versie"</dt><dd>{format!("{} sinds {}", v.number, dates::date(&v.effective_from))}{v.effective_to.map(|t| format!(", tot {}", dates::date(&t)))}" "<IllustrativeBadge on=v.illustrative/></dd>
                    <dt>"Voor"</dt><dd>{label_of(&audiences, &v.audience)}</dd>
                    <dt>"Bron"</dt><dd>{v.provenance_reference.unwrap_or_default()}</dd>
                </dl>
                {v.note.map(|n| view! { <p class="note">{n}</p> })}
                <div id="format-sections">
                    {v.sections.into_iter().map(|s| view! { <SectionPanel section=s/> }).collect_view()}
                </div>
            }.into_any(),
            None => view! { <p class="note">"Op deze peildatum geldt geen versie van dit format."</p> }.into_any(),
        }}
        <h2 class="nl-heading nl-heading--level-2">"Versies"</h2>
        <table class="utrecht-table utrecht-table--html-table history" id="format-versions">
            <thead><tr>
                <th scope="col">"Versie"</th><th scope="col">"Geldig vanaf"</th><th scope="col">"Geldig tot"</th>
                <th scope="col">"Naam"</th><th scope="col">"Herkomst"</th>
            </tr></thead>
            <tbody>
                {format.versions.into_iter().map(|v| view! {
                    <tr>
                        <td>{format!("v{}", v.number)}</td>
                        <td>{dates::date(&v.effective_from)}</td>
                        <td>{dates::until(v.effective_to.as_deref())}</td>
                        <td>{v.name}" "<IllustrativeBadge on=v.illustrative/></td>
                        <td>{v.provenance_reference.unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <VersionCompare numbers from to diff id="format-compare"/>
    }
}

#[component]
fn SectionPanel(section: SectionView) -> impl IntoView {
    view! {
        <section class="format-section">
            <h2 class="nl-heading nl-heading--level-2">{section.title}</h2>
            <ul class="criteria">
                {section.criteria.into_iter().map(|c| view! { <li><CriterionFacts criterion=c/></li> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn CriterionFacts(criterion: CriterionView) -> impl IntoView {
    let c = criterion;
    view! {
        <p><strong>{c.text}</strong>" "<IllustrativeBadge on=c.illustrative/>
            {(!c.mandatory).then(|| view! { " " <span class="badge">"optioneel"</span> })}</p>
        {c.guidance.map(|g| view! { <p class="hint">{g}</p> })}
        {c.appraises.and_then(|a| a.requirement_code).map(|r| view! { <p class="cite">"Beoordeelt: "<code>{r}</code></p> })}
        {c.rating_scale.map(|s| view! {
            <dl class="levels">
                {s.levels.into_iter().map(|l| view! { <dt>{l.label}</dt><dd>{l.description}</dd> }).collect_view()}
            </dl>
        })}
        {c.source.map(|s| view! { <p class="cite">{s}</p> })}
    }
}

/// `/appraisal-preview?group=&scale=&on=&view=employee|manager`: the conversation form as the
/// employee or the manager sees it.
#[component]
pub fn AppraisalPreviewPage() -> impl IntoView {
    let api = Api::from_context();
    let query = use_query_map();
    let get = move |name: &str| query.read().get(name).filter(|v| !v.trim().is_empty());
    let data = Resource::new(
        move || {
            (
                get("group"),
                get("scale").and_then(|s| s.parse::<i64>().ok()),
                get("on"),
            )
        },
        move |(group, scale, on)| {
            let api = api.clone();
            async move {
                let groups = api
                    .run::<ConsoleGroupChoices>(console_group_choices::Variables)
                    .await?
                    .function_groups
                    .nodes;
                let criteria = match (group, scale) {
                    (Some(group), Some(scale)) => Some(
                        api.run::<ConsoleAppraisalCriteria>(
                            console_appraisal_criteria::Variables { group, scale, on },
                        )
                        .await?
                        .appraisal_criteria,
                    ),
                    _ => None,
                };
                Ok::<_, ApiError>((groups, criteria))
            }
        },
    );
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Voorvertoning van het personeelsgesprek"</h1>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                let manager_view = get("view").as_deref() == Some("manager");
                let (group, scale, on) = (get("group").unwrap_or_default(), get("scale").unwrap_or_default(), get("on").unwrap_or_default());
                match data.await {
                    Ok((groups, criteria)) => view! {
                        <PreviewForm groups group=group.clone() scale=scale.clone() on=on.clone() manager_view/>
                        {criteria.map(|c| {
                            let base = format!("/appraisal-preview?group={group}&scale={scale}&on={on}");
                            view! {
                                <nav class="tabs" id="preview-views">
                                    <a class="nl-link" href=format!("{base}&view=employee") class:active=!manager_view>"Als medewerker"</a>
                                    <a class="nl-link" href=format!("{base}&view=manager") class:active=manager_view>"Als leidinggevende"</a>
                                </nav>
                                <p class="hint" id="preview-formats">{format!("Op {} gelden: {}", c.on, c.formats.join(", "))}</p>
                                <form class="conversation" id="conversation-form" data-view=if manager_view { "manager" } else { "employee" }>
                                    {c.sections.into_iter().map(|s| view! { <ConversationSection section=s manager_view/> }).collect_view()}
                                </form>
                            }
                        })}
                    }.into_any(),
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PreviewForm(
    groups: Vec<GroupChoice>,
    group: String,
    scale: String,
    on: String,
    manager_view: bool,
) -> impl IntoView {
    view! {
        <form method="get" class="filters" id="preview-form">
            <label for="preview-group">"Functiegroep"</label>
            <select class="utrecht-select utrecht-select--html-select" id="preview-group" name="group" required>
                <option value="">"kies…"</option>
                {groups.into_iter().map(|g| view! {
                    <option value=g.code.clone() selected=g.code == group>{format!("{} ({}–{})", g.name, g.scale_range.min, g.scale_range.max)}</option>
                }).collect_view()}
            </select>
            <label for="preview-scale">"Schaal"</label>
            <input class="utrecht-textbox utrecht-textbox--html-input" id="preview-scale" name="scale" type="number" min="1" max="19" required value=scale/>
            <label for="preview-on">"Datum"</label>
            <input class="utrecht-textbox utrecht-textbox--html-input" id="preview-on" name="on" type="date" value=on/>
            <input type="hidden" name="view" value=if manager_view { "manager" } else { "employee" }/>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">"Toon"</button>
        </form>
    }
}

/// One section of the conversation form. The manager records the ratings; the employee prepares
/// answers and sees what will be rated, without the rating inputs.
#[component]
fn ConversationSection(section: CriteriaSection, manager_view: bool) -> impl IntoView {
    view! {
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset conversation-section" data-section=section.code.clone()>
            <legend>{section.title}</legend>
            {section.criteria.into_iter().map(|c| {
                let name = format!("rating-{}", c.code);
                view! {
                    <div class="criterion" data-criterion=c.code.clone()>
                        <p><strong>{c.text.clone()}</strong>{c.mandatory.then_some(" *")}" "<IllustrativeBadge on=c.illustrative/></p>
                        {manager_view.then(|| c.guidance.clone().map(|g| view! { <p class="hint">{g}</p> }))}
                        <label class="field" for=format!("answer-{}", c.code)>
                            {if manager_view { "Notities van de leidinggevende" } else { "Mijn voorbereiding" }}
                        </label>
                        <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id=format!("answer-{}", c.code) rows="2"></textarea>
                        {c.rating_scale.clone().map(|s| if manager_view {
                            view! {
                                <div class="rating" role="radiogroup" aria-label=s.name.clone()>
                                    {s.levels.into_iter().map(|l| {
                                        let title = l.description.clone();
                                        view! {
                                            <label class="check" title=title>
                                                <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" name=name.clone() value=l.code/>" "{l.label}" — "{l.description}
                                            </label>
                                        }
                                    }).collect_view()}
                                </div>
                            }.into_any()
                        } else {
                            view! { <p class="hint">{format!("De leidinggevende beoordeelt dit op de schaal '{}'.", s.name)}</p> }.into_any()
                        })}
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
