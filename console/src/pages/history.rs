//! A group's version history: every version with its period and provenance (for committee roles
//! also the proposal, advice and decision that made it), and the diff between any two versions,
//! chosen with a plain GET form so the comparison can be linked and read without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{Api, ApiError};
use crate::components::badges::{IllustrativeBadge, SourceLink};
use crate::components::load_error::LoadError;
use crate::components::version_compare::{chosen_diff, VersionCompare};
use crate::dates;
use crate::pages::not_found::NotFound;
use crate::queries::amendments::{
    console_adopted_proposals, AdoptedProposal, ConsoleAdoptedProposals, FieldChange,
};
use crate::queries::catalogue::{
    console_history, console_version_diff, ConsoleHistory, ConsoleVersionDiff, HistoryGroup,
};
use crate::queries::{label_of, labels_of, Labels};

/// The history page of `/groups/:code/history?from=N&to=M`.
#[component]
pub fn HistoryPage() -> impl IntoView {
    let api = Api::from_context();
    let params = use_params_map();
    let query = use_query_map();
    let number = move |name: &str| query.read().get(name).and_then(|n| n.parse::<i64>().ok());
    let source = move || {
        (
            params.read().get("code").unwrap_or_default(),
            number("from"),
            number("to"),
        )
    };
    let history = {
        let api = api.clone();
        Resource::new(source, move |(code, from, to)| {
            let api = api.clone();
            async move {
                let history = api
                    .run::<ConsoleHistory>(console_history::Variables { code: code.clone() })
                    .await?;
                let diff = chosen_diff::<ConsoleVersionDiff, _>(
                    &api,
                    from,
                    to,
                    |from, to| console_version_diff::Variables { code, from, to },
                    |d| d.version_diff,
                )
                .await?;
                Ok::<_, ApiError>((history.function_group, diff))
            }
        })
    };
    // Proposals are for signed-in committee roles; for anyone else this list stays empty.
    let adopted = Resource::new(
        move || params.read().get("code").unwrap_or_default(),
        move |code| {
            let api = api.clone();
            async move {
                api.run::<ConsoleAdoptedProposals>(console_adopted_proposals::Variables { code })
                    .await
                    .map(|d| (d.proposals, labels_of!(d.vocabulary.advice_outcomes)))
                    .unwrap_or_default()
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                let (history, (adopted, advice)) = (history.await, adopted.await);
                match history {
                    Ok((Some(group), version_diff)) => view! {
                        <HistoryView group adopted advice diff=version_diff from=number("from") to=number("to")/>
                    }.into_any(),
                    Ok((None, _)) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HistoryView(
    group: HistoryGroup,
    adopted: Vec<AdoptedProposal>,
    advice: Labels,
    diff: Option<Vec<FieldChange>>,
    from: Option<i64>,
    to: Option<i64>,
) -> impl IntoView {
    let numbers: Vec<i64> = group.versions.iter().map(|v| v.number).collect();
    let code = group.code.clone();
    view! {
        <nav class="crumbs">
            <a class="nl-link" href="/">"Functiefamilies"</a>" › "
            <a class="nl-link" href=format!("/groups/{code}")>{group.name.clone()}</a>" › versiegeschiedenis"
        </nav>
        <h1 class="nl-heading nl-heading--level-1">{format!("Versiegeschiedenis van {}", group.name)}</h1>
        <table class="utrecht-table utrecht-table--html-table history" id="version-history">
            <thead><tr>
                <th scope="col">"Versie"</th><th scope="col">"Geldig vanaf"</th><th scope="col">"Geldig tot"</th>
                <th scope="col">"Herkomst"</th><th scope="col">"Voorstel, advies en besluit"</th>
            </tr></thead>
            <tbody>
                {group.versions.into_iter().map(|v| {
                    let proposal = adopted.iter().find(|p| p.adopted_version.as_ref().is_some_and(|a| a.number == v.number)).cloned();
                    view! {
                        <tr class:current=v.in_effect>
                            <td><a class="nl-link" href=format!("/groups/{code}?asOf={}", v.effective_from)>{format!("v{}", v.number)}</a></td>
                            <td>{dates::date(&v.effective_from)}</td>
                            <td>{dates::until(v.effective_to.as_deref())}</td>
                            <td>
                                {v.provenance.reference.unwrap_or_else(|| "onbekend".to_owned())}" "
                                <SourceLink url=v.provenance.url/>" "<IllustrativeBadge on=v.illustrative/>
                            </td>
                            <td>{proposal.map(|p| view! {
                                <a class="nl-link" href=format!("/proposals/{}", p.number)>{format!("Nr. {}: {}", p.number, p.title)}</a>
                                {p.advice.map(|a| view! { <br/>{format!("Advies {} ({})", label_of(&advice, &a.outcome), dates::date(&a.meeting_date))} })}
                                {p.decision.map(|d| view! { <br/>{format!("Besluit {} ({})", d.reference, dates::date(&d.decision_date))} })}
                            })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <h2 class="nl-heading nl-heading--level-2">"Vergelijk twee versies"</h2>
        <VersionCompare numbers from to diff id="compare-form"/>
    }
}
