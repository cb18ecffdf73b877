//! One clause's page: its current version, its version history and the diff between two chosen
//! versions, with the revise and retire forms below for those who may edit.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::editor::ClauseEditor;
use crate::api::Api;
use crate::components::as_of::use_as_of;
use crate::components::badges::{IllustrativeBadge, SourceLink};
use crate::components::load_error::LoadError;
use crate::components::version_compare::{chosen_diff, VersionCompare};
use crate::dates;
use crate::pages::not_found::NotFound;
use crate::queries::amendments::FieldChange;
use crate::queries::clauses::{
    console_clause, console_clause_version_diff, ClauseChoices, ClauseDetail, ConsoleClause,
    ConsoleClauseVersionDiff,
};
use crate::queries::{label_of, Labels, Operation};

/// One clause: `/clauses/:code?from=&to=`.
#[component]
pub fn ClausePage() -> impl IntoView {
    let api = Api::from_context();
    let params = use_params_map();
    let query = use_query_map();
    let as_of = use_as_of();
    let reload = RwSignal::new(0_u32);
    let number = move |name: &str| query.read().get(name).and_then(|n| n.parse::<i64>().ok());
    let data = Resource::new(
        move || {
            (
                params.read().get("code").unwrap_or_default(),
                as_of.get(),
                number("from"),
                number("to"),
                reload.get(),
            )
        },
        move |(code, on, from, to, _)| {
            let api = api.clone();
            async move {
                let data = api
                    .run::<ConsoleClause>(console_clause::Variables {
                        code: code.clone(),
                        on,
                    })
                    .await?;
                let diff = chosen_diff::<ConsoleClauseVersionDiff, _>(
                    &api,
                    from,
                    to,
                    |from, to| console_clause_version_diff::Variables { code, from, to },
                    |d| d.clause_version_diff,
                )
                .await?;
                Ok::<_, crate::api::ApiError>((data, diff))
            }
        },
    );
    view! {
        <Transition fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((console_clause::ResponseData { vacancy_clause: Some(clause), me, vocabulary }, clause_version_diff)) => {
                        let may_edit = me.may(Operation::EDIT_CLAUSES);
                        let choices = ClauseChoices::from(vocabulary);
                        view! {
                            <ClauseView clause=clause.clone() statuses=choices.statuses.clone() diff=clause_version_diff from=number("from") to=number("to")/>
                            {may_edit.then(|| view! { <ClauseEditor clause reload choices/> })}
                        }.into_any()
                    }
                    Ok((console_clause::ResponseData { vacancy_clause: None, .. }, _)) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ClauseView(
    clause: ClauseDetail,
    statuses: Labels,
    diff: Option<Vec<FieldChange>>,
    from: Option<i64>,
    to: Option<i64>,
) -> impl IntoView {
    let v = clause.version;
    let numbers: Vec<i64> = clause.versions.iter().map(|v| v.number).collect();
    let code = clause.code.clone();
    view! {
        <nav class="crumbs"><a class="nl-link" href="/clauses">"Standaardclausules"</a>" › "<code>{code.clone()}</code></nav>
        <h1 class="nl-heading nl-heading--level-1">{v.title.clone()}" "<IllustrativeBadge on=v.illustrative/></h1>
        <dl class="facts">
            <dt>"Status"</dt><dd id="clause-status">{label_of(&statuses, &clause.status)}</dd>
            <dt>"Versie"</dt><dd>{format!("{} (sinds {})", v.number, dates::date(&v.effective_from))}{v.effective_to.clone().map(|t| format!(", tot {}", dates::date(&t)))}</dd>
            <dt>"Categorie"</dt><dd>{v.category_label.clone()}</dd>
            <dt>"Sectie"</dt><dd>{format!("{} (volgorde {})", v.section_label, v.section_order)}</dd>
            <dt>"Geldt voor"</dt><dd>{v.applies_to.clone()}</dd>
            <dt>"Verplicht"</dt><dd>{if v.mandatory { "ja" } else { "nee" }}</dd>
            <dt>"Bron"</dt><dd>{v.source_reference.clone()}" "<SourceLink url=v.source_url.clone()/></dd>
        </dl>
        <h2 class="nl-heading nl-heading--level-2">"Tekst"</h2>
        <blockquote class="utrecht-blockquote utrecht-blockquote--html-blockquote" lang="nl" id="clause-text-nl">{v.text_nl.clone()}</blockquote>
        {match v.text_en.clone() {
            Some(en) => view! { <blockquote class="utrecht-blockquote utrecht-blockquote--html-blockquote" lang="en" id="clause-text-en">{en}</blockquote> }.into_any(),
            None => view! { <p class="note">"Geen Engelse tekst: Engelstalige vacatureteksten tonen de Nederlandse."</p> }.into_any(),
        }}
        <h2 class="nl-heading nl-heading--level-2">"Versies"</h2>
        <table class="utrecht-table utrecht-table--html-table history" id="clause-versions">
            <thead><tr>
                <th scope="col">"Versie"</th><th scope="col">"Geldig vanaf"</th><th scope="col">"Geldig tot"</th>
                <th scope="col">"Titel"</th><th scope="col">"Toelichting"</th><th scope="col">"Door"</th>
            </tr></thead>
            <tbody>
                {clause.versions.into_iter().map(|r| view! {
                    <tr class:current=r.number == v.number>
                        <td>{format!("v{}", r.number)}</td>
                        <td>{dates::date(&r.effective_from)}</td>
                        <td>{dates::until(r.effective_to.as_deref())}</td>
                        <td>{r.title}" "<IllustrativeBadge on=r.illustrative/></td>
                        <td>{r.change_note.unwrap_or_default()}</td>
                        <td>{r.created_by}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <VersionCompare numbers from to diff id="clause-compare"/>
    }
}
