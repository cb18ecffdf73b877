//! Amendment proposals: the list (all, mine, the committee's queue) and one proposal with its
//! diff, comments, advice and decision, and the workflow forms its viewer may use.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{Api, ApiError};
use crate::components::load_error::LoadError;
use crate::components::step::{Confirmation, ConfirmationBanner};
use crate::dates;
use crate::pages::not_found::NotFound;
use crate::pages::proposal_actions::actions_for;
use crate::queries::amendments::{
    console_proposal, console_proposals, ConsoleProposal, ConsoleProposals, FieldChange,
    ProposalDetail, ProposalSummary, WorkflowLabels,
};
use crate::queries::{label_of, labels_of, Labels};
use crate::queries::{ChangeKind, ProposalState, ProposalStep, ProposalTarget, WordTag};

/// Shown where a name is hidden from the reader: only the committee and FGR beheer see who did
/// what (the API leaves the name out).
const HIDDEN: &str = "afgeschermd";

/// The views of the list: everything, the viewer's own proposals, or what awaits the committee
/// or the owner.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ListView {
    All,
    Mine,
    Queue,
}

impl ListView {
    fn from_query(view: Option<&str>) -> Self {
        match view {
            Some("mine") => Self::Mine,
            Some("queue") => Self::Queue,
            _ => Self::All,
        }
    }

    fn shows(self, p: &ProposalSummary, me: Option<&str>) -> bool {
        match self {
            Self::All => true,
            Self::Mine => me.is_some() && me == p.author.as_deref(),
            Self::Queue => matches!(p.state, ProposalState::SUBMITTED | ProposalState::ADVISED),
        }
    }
}

/// Signing in helps; other failures are shown as they are.
fn refused(error: ApiError) -> AnyView {
    if error.code == "UNAUTHENTICATED" {
        view! {
            <p class="note" id="sign-in-needed">
                "Wijzigingsvoorstellen zijn alleen zichtbaar na inloggen. "
                <a class="nl-link" href="/auth/login?return_to=/proposals" rel="external">"Inloggen"</a>
            </p>
        }
        .into_any()
    } else {
        view! { <LoadError error/> }.into_any()
    }
}

/// The list of proposals.
#[component]
pub fn ProposalsPage() -> impl IntoView {
    let api = Api::from_context();
    let query = use_query_map();
    let view_of = move || ListView::from_query(query.read().get("view").as_deref());
    let data = Resource::new(
        || (),
        move |()| {
            let api = api.clone();
            async move {
                api.run::<ConsoleProposals>(console_proposals::Variables)
                    .await
            }
        },
    );
    let tab = move |which: ListView, href: &'static str, label: &'static str| {
        view! { <a class="nl-link" href=href class:active=move || view_of() == which>{label}</a> }
    };
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Wijzigingsvoorstellen"</h1>
        <nav class="tabs" id="proposal-tabs">
            {tab(ListView::All, "/proposals", "Alle")}
            {tab(ListView::Mine, "/proposals?view=mine", "Mijn voorstellen")}
            {tab(ListView::Queue, "/proposals?view=queue", "Wachtrij commissie en besluit")}
        </nav>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                let which = view_of();
                match data.await {
                    Ok(d) => {
                        let me = d.me.id.clone();
                        let shown: Vec<ProposalSummary> = d.proposals.into_iter().filter(|p| which.shows(p, me.as_deref())).collect();
                        if shown.is_empty() {
                            view! { <p class="empty">"Geen voorstellen in deze weergave."</p> }.into_any()
                        } else {
                            view! { <ProposalTable proposals=shown states=labels_of!(d.vocabulary.proposal_states)/> }.into_any()
                        }
                    }
                    Err(error) => refused(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProposalTable(proposals: Vec<ProposalSummary>, states: Labels) -> impl IntoView {
    view! {
        <table class="utrecht-table utrecht-table--html-table proposals" id="proposals">
            <thead><tr>
                <th scope="col">"Nr."</th><th scope="col">"Titel"</th><th scope="col">"Functiegroep"</th>
                <th scope="col">"Status"</th><th scope="col">"Indiener"</th><th scope="col">"Gewenste ingang"</th>
            </tr></thead>
            <tbody>
                {proposals.into_iter().map(|p| view! {
                    <tr>
                        <td>{p.number}</td>
                        <td><a class="nl-link" href=format!("/proposals/{}", p.number)>{p.title}</a></td>
                        <td>{p.function_group.map_or(p.target_code, |g| g.name)}</td>
                        <td class="state">{label_of(&states, &p.state)}</td>
                        <td>{p.author_name.unwrap_or_else(|| HIDDEN.to_owned())}</td>
                        <td>{dates::date(&p.requested_effective_from)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// One proposal, with the forms its viewer may use. After a step the page fetches the proposal
/// again and keeps showing the old one meanwhile.
#[component]
pub fn ProposalPage() -> impl IntoView {
    let api = Api::from_context();
    let params = use_params_map();
    let reload = RwSignal::new(0_u32);
    let confirmation = Confirmation::provide();
    let data = Resource::new(
        move || {
            let number = params
                .read()
                .get("number")
                .and_then(|n| n.parse::<i64>().ok());
            (number, reload.get())
        },
        move |(number, _)| {
            let api = api.clone();
            async move {
                match number {
                    Some(n) => api
                        .run::<ConsoleProposal>(console_proposal::Variables { number: n })
                        .await
                        .map(Some),
                    None => Ok(None),
                }
            }
        },
    );
    view! {
        <ConfirmationBanner confirmation/>
        <Transition fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(console_proposal::ResponseData { proposal: Some(p), responsibility_requirements, rating_scales, vocabulary })) => {
                        let scales = rating_scales.into_iter().map(|s| s.code).collect();
                        // The author of a draft sees the live diff in the editor instead.
                        let editing = p.available_steps.contains(&ProposalStep::EDIT);
                        let labels = WorkflowLabels::from(&vocabulary);
                        let actions = actions_for(&p, responsibility_requirements, scales, vocabulary, reload);
                        view! { <ProposalView proposal=p labels show_diff=!editing/>{actions} }.into_any()
                    }
                    Ok(_) => view! { <NotFound/> }.into_any(),
                    Err(error) => refused(error),
                }
            })}
        </Transition>
    }
}

#[component]
fn ProposalView(
    proposal: ProposalDetail,
    labels: WorkflowLabels,
    show_diff: bool,
) -> impl IntoView {
    let p = proposal;
    let group = p.function_group.clone();
    view! {
        <nav class="crumbs"><a class="nl-link" href="/proposals">"Wijzigingsvoorstellen"</a>" › "{format!("Nr. {}", p.number)}</nav>
        <h1 class="nl-heading nl-heading--level-1">{p.title.clone()}</h1>
        <dl class="facts">
            <dt>"Status"</dt><dd id="proposal-state">{label_of(&labels.states, &p.state)}</dd>
            <dt>{if p.target_type == ProposalTarget::APPRAISAL_FORMAT { "Format" } else { "Functiegroep" }}</dt>
            <dd>{match group {
                Some(g) => view! {
                    <a class="nl-link" href=format!("/groups/{}", g.code)>{g.name}</a>" · "
                    <a class="nl-link" href=format!("/groups/{}/history", g.code)>"versiegeschiedenis"</a>
                }.into_any(),
                None => view! { "gespreksformat "<a class="nl-link" href=format!("/formats/{}", p.target_code)>{p.target_code.clone()}</a> }.into_any(),
            }}</dd>
            <dt>"Indiener"</dt><dd>{p.author_name.clone().unwrap_or_else(|| HIDDEN.to_owned())}</dd>
            <dt>"Gewenste ingang"</dt><dd>{dates::date(&p.requested_effective_from)}</dd>
            <dt>"Basis"</dt><dd>{format!("versie {}", p.base_version_number)}{p.base_version.map(|v| format!(" (sinds {})", dates::date(&v.effective_from)))}</dd>
            {p.adopted_version.map(|v| view! { <dt>"Vastgesteld als"</dt><dd>{format!("versie {} vanaf {}", v.number, dates::date(&v.effective_from))}</dd> })}
        </dl>
        <h2 class="nl-heading nl-heading--level-2">"Toelichting"</h2>
        <p>{p.rationale.clone()}</p>
        {show_diff.then(|| view! {
            <h2 class="nl-heading nl-heading--level-2">"Wijzigingen"</h2>
            <DiffView changes=p.diff.iter().cloned().map(FieldChange::from).collect()/>
        })}
        <h2 class="nl-heading nl-heading--level-2">"Commentaar"</h2>
        {if p.comments.is_empty() {
            view! { <p class="empty">"Nog geen commentaar."</p> }.into_any()
        } else {
            view! {
                <ul class="comments" id="comments">
                    {p.comments.into_iter().map(|c| view! { <li><strong>{c.author_name.unwrap_or_else(|| HIDDEN.to_owned())}</strong>" ("{dates::time(&c.created_at)}"): "{c.text}</li> }).collect_view()}
                </ul>
            }.into_any()
        }}
        {p.advice.map(|a| view! {
            <h2 class="nl-heading nl-heading--level-2">"Advies van de Standaardisatiecommissie"</h2>
            <p id="advice">{format!("{} ({})", label_of(&labels.advice, &a.outcome), dates::date(&a.meeting_date))}": "{a.rationale}</p>
            {a.conditions.map(|c| view! { <p>"Voorwaarden: "{c}</p> })}
            <p>"Werkgevers: "{a.employer_members.join(", ")}". Vakbonden: "{a.union_members.join(", ")}"."</p>
        })}
        {p.decision.map(|d| view! {
            <h2 class="nl-heading nl-heading--level-2">"Besluit"</h2>
            <p id="decision">{format!("{}: {} ({})", label_of(&labels.decisions, &d.outcome), d.reference, dates::date(&d.decision_date))}</p>
        })}
    }
}

/// Field changes, with inserted and deleted words marked.
#[component]
pub fn DiffView(
    /// The changes.
    changes: Vec<FieldChange>,
) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p class="empty">"Geen wijzigingen ten opzichte van de basisversie."</p> }
            .into_any();
    }
    view! {
        <ul class="diff" id="diff">
            {changes.into_iter().map(|c| {
                let (label, class) = match c.kind {
                    ChangeKind::ADDED => ("toegevoegd", "added"),
                    ChangeKind::REMOVED => ("verwijderd", "removed"),
                    _ => ("gewijzigd", "changed"),
                };
                let body = if c.words.is_empty() {
                    view! { <span>{c.after.or(c.before).unwrap_or_default()}</span> }.into_any()
                } else {
                    c.words.into_iter().map(|w| match w.tag {
                        WordTag::INSERT => view! { <ins>{w.text}</ins> }.into_any(),
                        WordTag::DELETE => view! { <del>{w.text}</del> }.into_any(),
                        _ => view! { <span>{w.text}</span> }.into_any(),
                    }).collect_view().into_any()
                };
                view! {
                    <li class=format!("change {class}")>
                        <span class="path">{c.path}</span>" "<span class="kind">{label}</span>": "{body}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
