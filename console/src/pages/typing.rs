//! A typing as the document people print and exchange (`/groups/:code/typings/:scale`): family,
//! group, scale, FUWASYS, version with effective date and provenance, the five sections, the
//! source. The print stylesheet drops the console around it; "Download als PDF" gets the same
//! document from the API (`/api/groups/CODE/typings/SCALE.pdf`).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::Api;
use crate::components::as_of::{href_with_as_of, use_as_of};
use crate::components::badges::{IllustrativeBadge, SourceLink};
use crate::components::load_error::LoadError;
use crate::dates;
use crate::pages::not_found::NotFound;
use crate::queries::catalogue::{console_typing, ConsoleTyping, TypingDocument};

/// The printable typing.
#[component]
pub fn TypingPage() -> impl IntoView {
    let api = Api::from_context();
    let params = use_params_map();
    let query = use_query_map();
    let as_of = use_as_of();
    let source = move || {
        let p = params.read();
        (
            p.get("code").unwrap_or_default(),
            p.get("scale").and_then(|s| s.parse::<i64>().ok()),
            query
                .read()
                .get("variant")
                .and_then(|v| v.parse::<i64>().ok()),
            as_of.get(),
        )
    };
    let data = Resource::new(source, move |(code, scale, variant, as_of)| {
        let api = api.clone();
        async move {
            match scale {
                Some(scale) => api
                    .run::<ConsoleTyping>(console_typing::Variables {
                        code,
                        scale,
                        variant,
                        as_of,
                    })
                    .await
                    .map(|d| d.typing),
                None => Ok(None),
            }
        }
    });
    view! {
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(typing)) => view! { <TypingView typing as_of=as_of.get_untracked()/> }.into_any(),
                    // A scale the group does not have is a page that does not exist.
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(error) if error.code == "BAD_USER_INPUT" => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TypingView(typing: TypingDocument, as_of: Option<String>) -> impl IntoView {
    let group = typing.function_group;
    let version = typing.version;
    let group_href = href_with_as_of(&format!("/groups/{}", group.code), as_of.as_deref());
    let mut pdf = format!("/api/groups/{}/typings/{}.pdf", group.code, typing.scale);
    let mut query = Vec::new();
    if let Some(v) = &typing.variant {
        query.push(format!("variant={}", v.number));
    }
    if let Some(day) = &as_of {
        query.push(format!("asOf={day}"));
    }
    if !query.is_empty() {
        pdf.push('?');
        pdf.push_str(&query.join("&"));
    }
    let period = dates::period(&version.effective_from, version.effective_to.as_deref());
    let provenance = match (
        &version.provenance.reference,
        &version.provenance.decided_on,
    ) {
        (Some(reference), Some(on)) => format!("{reference} ({})", dates::date(on)),
        (Some(reference), None) => reference.clone(),
        (None, _) => "startgegevens van het register".to_owned(),
    };
    let illustrative = typing.illustrative
        || typing
            .sections
            .iter()
            .any(|s| s.items.iter().any(|i| i.illustrative));
    view! {
        <nav class="crumbs no-print">
            <a class="nl-link" href=href_with_as_of("/", as_of.as_deref())>"Functiefamilies"</a>" › "
            <a class="nl-link" href=href_with_as_of(&format!("/families/{}", group.family.code), as_of.as_deref())>{group.family.name.clone()}</a>" › "
            <a class="nl-link" href=group_href.clone()>{group.name.clone()}</a>" › "{format!("schaal {}", typing.scale)}
        </nav>
        <article class="typing-document" id="typing-document">
            <h1 class="nl-heading nl-heading--level-1">{group.name.clone()}</h1>
            <p class="subtitle">{format!("Functietypering schaal {} · {}", typing.scale, group.family.name)}</p>
            <p class="actions no-print">
                <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" id="typing-pdf" href=pdf rel="external" download="">"Download als PDF"</a>
                " "
                <button class="utrecht-button utrecht-button--secondary-action" type="button" id="typing-print" on:click=move |_| print()>"Afdrukken"</button>
            </p>
            <dl class="facts">
                <dt>"Functiefamilie"</dt><dd>{group.family.name.clone()}</dd>
                <dt>"Functiegroep"</dt><dd>{format!("{} ({})", group.name, group.code)}</dd>
                <dt>"Schaal"</dt><dd>{typing.scale}</dd>
                {typing.variant.clone().map(|v| view! {
                    <dt>"Variant"</dt><dd>{match v.name { Some(n) => format!("{}: {n}", v.number), None => v.number.to_string() }}</dd>
                })}
                <dt>"FUWASYS"</dt><dd>{typing.fuwasys.map_or_else(|| "niet gepubliceerd".to_owned(), |f| f.display)}</dd>
                <dt>"Versie"</dt><dd>{format!("{}, geldig {period}", version.number)}" "<IllustrativeBadge on=version.illustrative/></dd>
                <dt>"Vastgesteld bij"</dt><dd>{provenance}</dd>
                <dt>"Peildatum"</dt><dd>{as_of.as_deref().map_or_else(|| "vandaag".to_owned(), dates::date)}</dd>
            </dl>
            {illustrative.then(|| view! {
                <p class="warning" role="note">"Illustratief: (een deel van) deze typering komt niet uit een officiële bron en is geen vastgestelde FGR-tekst."</p>
            })}
            {typing.sections.into_iter().map(|section| {
                let mut last: Option<String> = None;
                view! {
                    <section class="typing-section">
                        <h2 class="nl-heading nl-heading--level-2">{section.label}</h2>
                        {if section.items.is_empty() {
                            view! { <p class="empty">"Niet in het register."</p> }.into_any()
                        } else {
                            view! {
                                <ul>
                                    {section.items.into_iter().map(|item| {
                                        let heading = (item.sub_category != last).then(|| item.sub_category.clone()).flatten();
                                        last = item.sub_category.clone();
                                        view! {
                                            {heading.map(|h| view! { <li class="sub"><strong>{h}</strong></li> })}
                                            <li>{item.text}" "<IllustrativeBadge on=item.illustrative/></li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                }
            }).collect_view()}
            <section class="typing-section">
                <h2 class="nl-heading nl-heading--level-2">"Bron"</h2>
                <p><SourceLink url=typing.source_url/></p>
                {typing.note.map(|n| view! { <p class="note">{n}</p> })}
            </section>
        </article>
        <p class="no-print"><a class="nl-link" href=group_href>{format!("Terug naar {}", group.name)}</a></p>
    }
}

/// Opens the browser's print dialog (the button does nothing before the page has hydrated).
fn print() {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().print();
    }
}
