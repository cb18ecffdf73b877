//! The coverage page: groups × requirements of the manager families, covered or missing, with
//! totals and a CSV export; and whether the manager appraisal formats appraise each requirement.

use leptos::prelude::*;

use crate::components::as_of::{href_with_as_of, use_as_of};
use crate::components::badges::IllustrativeBadge;
use crate::components::load_error::LoadError;
use crate::components::page_data::page_resource;
use crate::queries::catalogue::{
    console_coverage, ConsoleCoverage, CoverageCellView, FamilyCoverageView, FormatCoverageView,
};
use console_coverage::CoverageStatus;

/// The coverage matrix.
#[component]
pub fn CoveragePage() -> impl IntoView {
    let as_of = use_as_of();
    let data = page_resource::<ConsoleCoverage>(|a| console_coverage::Variables { as_of: a.as_of });
    view! {
        <h1>"Dekking van de verantwoordelijkheden"</h1>
        <p class="lead">
            "Dekken de functiegroepen en typeringen van de leidinggevende families elke vereiste "
            "verantwoordelijkheid (motie Bamenga en verwante eisen)? Per groep en per typering."
        </p>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let as_of = as_of.get_untracked();
                        let csv = match &as_of {
                            Some(day) => format!("/api/coverage.csv?asOf={day}"),
                            None => "/api/coverage.csv".to_owned(),
                        };
                        view! {
                            <p>
                                "Peildatum " <strong>{d.profile_coverage.as_of.clone()}</strong>". "
                                <a href=csv id="coverage-csv" download="">"Download als CSV"</a>
                            </p>
                            {d.profile_coverage.families.into_iter().map(|f| view! {
                                <FamilyMatrix family=f as_of=as_of.clone()/>
                            }).collect_view()}
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
fn FamilyMatrix(family: FamilyCoverageView, as_of: Option<String>) -> impl IntoView {
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
    let table_id = format!("coverage-{}", family.family.code);
    view! {
        <section class="coverage-family">
            <h2>{family.family.name.clone()}</h2>
            <p class="totals">
                {format!(
                    "{} groepen, {} controles: {} gedekt, {} deels, {} ontbreekt ({} van {} typering-controles gedekt)",
                    t.groups, t.checks, t.covered, t.partial, t.missing, t.typings_covered, t.typing_checks
                )}
            </p>
            <div class="scroll">
                <table class="coverage" id=table_id>
                    <thead><tr>
                        <th scope="col">"Functiegroep"</th>
                        {columns.iter().map(|(code, title)| view! {
                            <th scope="col" title=title.clone()>{code.clone()}</th>
                        }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {family.groups.into_iter().map(|g| {
                            let href = href_with_as_of(&format!("/groups/{}", g.group.code), as_of.as_deref());
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=href.clone()>{g.group.name.clone()}</a>
                                        <span class="scales">" "{g.group.scale_range.label()}" · v"{g.group.version.number}</span>
                                    </th>
                                    {columns.iter().map(|(code, _)| {
                                        match g.requirements.iter().find(|c| &c.requirement.code == code) {
                                            Some(cell) => view! { <CoverageCell cell=cell.clone() group_href=href.clone()/> }.into_any(),
                                            None => view! { <td class="na">"n.v.t."</td> }.into_any(),
                                        }
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn CoverageCell(cell: CoverageCellView, group_href: String) -> impl IntoView {
    let (class, label) = match cell.status {
        CoverageStatus::COVERED => ("covered", "gedekt"),
        CoverageStatus::PARTIAL => ("partial", "deels"),
        _ => ("missing", "ontbreekt"),
    };
    let detail = cell
        .typings
        .iter()
        .map(|t| format!("{}{}", t.scale, if t.covered { "✓" } else { "✗" }))
        .collect::<Vec<_>>()
        .join(" ");
    let gap = cell.status != CoverageStatus::COVERED;
    view! {
        <td class=format!("cell {class}")>
            <span class="status">{label}</span>
            <span class="typings">" "{detail}</span>
            {cell.covered_by.into_iter().map(|c| view! {
                <span class="by" title=c.quote>" · "{c.location}<IllustrativeBadge on=c.illustrative/></span>
            }).collect_view()}
            {gap.then(|| view! {
                <a class="gap" href=format!("{group_href}#propose")>" Wijziging voorstellen"</a>
            })}
        </td>
    }
}

/// Whether each manager format in effect appraises every requirement required of managers.
#[component]
fn FormatCoverage(coverage: FormatCoverageView) -> impl IntoView {
    view! {
        <section class="coverage-family" id="format-coverage">
            <h2>"Beoordelingsformats voor leidinggevenden"</h2>
            {if coverage.formats.is_empty() {
                view! {
                    <p class="note" id="no-manager-format">
                        "Op deze peildatum geldt geen format voor leidinggevenden: "
                        {coverage.required_codes.join(", ")}" worden in geen personeelsgesprek beoordeeld."
                    </p>
                }.into_any()
            } else {
                coverage.formats.into_iter().map(|f| view! {
                    <h3><a href=format!("/formats/{}", f.format_code)>{f.name}</a>{format!(" (v{})", f.format_version)}</h3>
                    <p class="totals">{format!("{} van {} verantwoordelijkheden ontbreken", f.missing, f.requirements.len())}</p>
                    <table class="coverage">
                        <thead><tr><th scope="col">"Verantwoordelijkheid"</th><th scope="col">"Beoordeeld door"</th></tr></thead>
                        <tbody>
                            {f.requirements.into_iter().map(|r| view! {
                                <tr>
                                    <th scope="row">{r.requirement_title}" "<code>{r.requirement_code}</code></th>
                                    <td class=if r.covered { "cell covered" } else { "cell missing" }>
                                        {if r.covered { r.criteria.join(", ") } else { "ontbreekt".to_owned() }}
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
