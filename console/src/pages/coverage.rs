//! The coverage page: groups × requirements of the manager families, covered or missing, with
//! totals and a CSV export; and whether the manager appraisal formats appraise each requirement.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::as_of::{href_with_as_of, use_as_of};
use crate::components::badges::IllustrativeBadge;
use crate::components::load_error::LoadError;
use crate::components::page_data::page_resource;
use crate::dates;
use crate::queries::catalogue::{
    console_coverage, ConsoleCoverage, CoverageCellView, FamilyCoverageView, FormatCoverageView,
};
use crate::queries::Operation;
use console_coverage::CoverageStatus;

/// Which rows the matrix shows (`?status=`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rows {
    All,
    Gaps,
    Covered,
}

impl Rows {
    const CHOICES: [(&'static str, &'static str); 3] = [
        ("", "alle groepen"),
        ("lacunes", "groepen met een lacune"),
        ("gedekt", "volledig gedekte groepen"),
    ];

    fn of(code: &str) -> Self {
        match code {
            "lacunes" => Self::Gaps,
            "gedekt" => Self::Covered,
            _ => Self::All,
        }
    }

    fn shows(self, cells: &[CoverageCellView]) -> bool {
        let gap = cells.iter().any(|c| c.status != CoverageStatus::COVERED);
        match self {
            Self::All => true,
            Self::Gaps => gap,
            Self::Covered => !gap,
        }
    }
}

/// The coverage matrix, filtered by `?family=` and `?status=`.
#[component]
pub fn CoveragePage() -> impl IntoView {
    let as_of = use_as_of();
    let query = use_query_map();
    let data = page_resource::<ConsoleCoverage>(|a| console_coverage::Variables { as_of: a.as_of });
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Dekking van de verantwoordelijkheden"</h1>
        <p class="lead">
            "Dekken de functiegroepen en typeringen van de leidinggevende families elke vereiste "
            "verantwoordelijkheid (motie Bamenga en verwante eisen)? Per groep en per typering."
        </p>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let as_of = as_of.get_untracked();
                        let family = query.read_untracked().get("family").unwrap_or_default();
                        let status = query.read_untracked().get("status").unwrap_or_default();
                        let rows = Rows::of(&status);
                        let may_propose = d.me.may(Operation::PROPOSE_AMENDMENT);
                        let csv = match &as_of {
                            Some(day) => format!("/api/coverage.csv?asOf={day}"),
                            None => "/api/coverage.csv".to_owned(),
                        };
                        let families: Vec<(String, String)> = d.profile_coverage.families.iter()
                            .map(|f| (f.family.code.clone(), f.family.name.clone())).collect();
                        view! {
                            <p>
                                "Peildatum " <strong>{dates::date(&d.profile_coverage.as_of)}</strong>". "
                                <a class="nl-link" href=csv id="coverage-csv" download="">"Download als CSV"</a>
                            </p>
                            <form class="filters" id="coverage-filters" method="get" action="/coverage">
                                <label for="coverage-family">"Familie"</label>
                                <select class="utrecht-select utrecht-select--html-select" id="coverage-family" name="family">
                                    <option value="" selected=family.is_empty()>"alle families"</option>
                                    {families.into_iter().map(|(code, name)| view! {
                                        <option value=code.clone() selected=code == family>{name}</option>
                                    }).collect_view()}
                                </select>
                                <label for="coverage-status">"Toon"</label>
                                <select class="utrecht-select utrecht-select--html-select" id="coverage-status" name="status">
                                    {Rows::CHOICES.iter().map(|(code, label)| view! {
                                        <option value=*code selected=*code == status>{*label}</option>
                                    }).collect_view()}
                                </select>
                                {as_of.clone().map(|d| view! { <input type="hidden" name="asOf" value=d/> })}
                                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Filter"</button>
                            </form>
                            {d.profile_coverage.families.into_iter()
                                .filter(|f| family.is_empty() || f.family.code == family)
                                .map(|f| view! { <FamilyMatrix family=f as_of=as_of.clone() rows may_propose/> })
                                .collect_view()}
                            <FormatCoverage coverage=d.format_coverage/>
                        }.into_any()
                    }
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FamilyMatrix(
    family: FamilyCoverageView,
    as_of: Option<String>,
    rows: Rows,
    may_propose: bool,
) -> impl IntoView {
    let t = family.totals.clone();
    // Columns: every requirement required somewhere in the family, in the order first met.
    let mut columns: Vec<(String, String)> = Vec::new();
    for g in &family.groups {
        for c in &g.requirements {
            if !columns.iter().any(|(code, _)| *code == c.requirement.code) {
                columns.push((c.requirement.code.clone(), c.requirement.title.clone()));
            }
        }
    }
    // Per requirement: the groups it applies to and those that cover it.
    let column_totals: Vec<(usize, usize)> = columns
        .iter()
        .map(|(code, _)| {
            let cells = family
                .groups
                .iter()
                .filter_map(|g| g.requirements.iter().find(|c| &c.requirement.code == code));
            cells.fold((0, 0), |(covered, all), c| {
                (
                    covered + usize::from(c.status == CoverageStatus::COVERED),
                    all + 1,
                )
            })
        })
        .collect();
    let shown: Vec<_> = family
        .groups
        .into_iter()
        .filter(|g| rows.shows(&g.requirements))
        .collect();
    let table_id = format!("coverage-{}", family.family.code);
    view! {
        <section class="coverage-family">
            <h2 class="nl-heading nl-heading--level-2">{family.family.name.clone()}</h2>
            <p class="totals">
                {format!(
                    "{} groepen, {} controles: {} gedekt, {} deels gedekt, {} ontbreken; {} van {} typeringen gedekt.",
                    t.groups, t.checks, t.covered, t.partial, t.missing, t.typings_covered, t.typing_checks
                )}
            </p>
            {if shown.is_empty() {
                view! { <p class="empty">"Geen groepen in deze selectie."</p> }.into_any()
            } else {
                view! {
            <div class="scroll" role="region" tabindex="0" aria-label=format!("Dekking in {}", family.family.name)>
                <table class="utrecht-table utrecht-table--html-table coverage" id=table_id>
                    <thead><tr>
                        <th scope="col" class="group">"Functiegroep"</th>
                        {columns.iter().map(|(code, title)| view! {
                            <th scope="col" data-requirement=code.clone()>{title.clone()}</th>
                        }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {shown.into_iter().map(|g| {
                            let href = href_with_as_of(&format!("/groups/{}", g.group.code), as_of.as_deref());
                            let group = g.group.code.clone();
                            view! {
                                <tr>
                                    <th scope="row" class="group">
                                        <a class="nl-link" href=href>{g.group.name.clone()}</a>
                                        <span class="scales">" "{g.group.scale_range.label()}" · versie "{g.group.version.number}</span>
                                    </th>
                                    {columns.iter().map(|(code, title)| {
                                        match g.requirements.iter().find(|c| &c.requirement.code == code) {
                                            Some(cell) => view! {
                                                <CoverageCell cell=cell.clone() title=title.clone() group=group.clone() as_of=as_of.clone() may_propose/>
                                            }.into_any(),
                                            None => view! { <td class="na" data-requirement=code.clone()>"niet vereist"</td> }.into_any(),
                                        }
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                    <tfoot><tr>
                        <th scope="row" class="group">"Gedekt"</th>
                        {column_totals.into_iter().map(|(covered, all)| view! {
                            <td>{format!("{covered} van {all} groepen")}</td>
                        }).collect_view()}
                    </tr></tfoot>
                </table>
            </div>
                }.into_any()
            }}
        </section>
    }
}

/// Where a proposal for a gap starts: the group's proposal form, filled in for `requirement`.
fn gap_href(group: &str, requirement: &str, as_of: Option<&str>) -> String {
    let as_of = as_of.map(|d| format!("&asOf={d}")).unwrap_or_default();
    format!("/groups/{group}?dekking={requirement}{as_of}#propose")
}

#[component]
fn CoverageCell(
    cell: CoverageCellView,
    title: String,
    group: String,
    as_of: Option<String>,
    may_propose: bool,
) -> impl IntoView {
    let (class, label) = match cell.status {
        CoverageStatus::COVERED => ("covered", "gedekt"),
        CoverageStatus::PARTIAL => ("partial", "deels gedekt"),
        _ => ("missing", "ontbreekt"),
    };
    let typings = cell.typings.len();
    let covered = cell.typings.iter().filter(|t| t.covered).count();
    let scales = (typings > 0).then(|| format!("{covered} van {typings} schalen gedekt"));
    // Where it is covered, for whoever hovers or reads the cell's description.
    let places = cell
        .covered_by
        .iter()
        .map(|c| c.location.clone())
        .collect::<Vec<_>>()
        .join("; ");
    let gap = may_propose && cell.status != CoverageStatus::COVERED;
    let code = cell.requirement.code.clone();
    view! {
        <td class=format!("cell {class}") data-requirement=code.clone() title=(!places.is_empty()).then_some(places)>
            <span class="status">{label}</span>
            {scales.map(|s| view! { <span class="typings">{s}</span> })}
            {cell.covered_by.iter().any(|c| c.illustrative).then(|| view! { <IllustrativeBadge on=true/> })}
            {gap.then(|| view! {
                // The visible words first, so a speech user can say them; the rest for a screen reader.
                <a class="nl-link gap" href=gap_href(&group, &code, as_of.as_deref())>
                    "Voorstel maken"<span class="sr-only">{format!(": {title}")}</span>
                </a>
            })}
        </td>
    }
}

/// Whether each manager format in effect appraises every requirement required of managers.
#[component]
fn FormatCoverage(coverage: FormatCoverageView) -> impl IntoView {
    view! {
        <section class="coverage-family" id="format-coverage">
            <h2 class="nl-heading nl-heading--level-2">"Beoordelingsformats voor leidinggevenden"</h2>
            {if coverage.formats.is_empty() {
                view! {
                    <p class="note" id="no-manager-format">
                        "Op deze peildatum geldt geen format voor leidinggevenden: "
                        {coverage.required_titles.join("; ")}": geen daarvan wordt in een personeelsgesprek beoordeeld."
                    </p>
                }.into_any()
            } else {
                coverage.formats.into_iter().map(|f| view! {
                    <h3 class="nl-heading nl-heading--level-3"><a class="nl-link" href=format!("/formats/{}", f.format_code)>{f.name}</a>{format!(" (v{})", f.format_version)}</h3>
                    <p class="totals">{format!("{} van {} verantwoordelijkheden ontbreken", f.missing, f.requirements.len())}</p>
                    <table class="utrecht-table utrecht-table--html-table coverage">
                        <thead><tr><th scope="col">"Verantwoordelijkheid"</th><th scope="col">"Beoordeeld door"</th></tr></thead>
                        <tbody>
                            {f.requirements.into_iter().map(|r| view! {
                                <tr>
                                    <th scope="row">{r.requirement_title}</th>
                                    <td class=if r.covered { "cell covered" } else { "cell missing" }>
                                        {if r.covered { r.criterion_texts.join("; ") } else { "ontbreekt".to_owned() }}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }).collect_view().into_any()
            }}
        </section>
    }
}
