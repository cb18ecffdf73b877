//! The app shell and routes.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::header::Header;
use crate::pages::audit::AuditPage;
use crate::pages::catalogue_import::CatalogueImportPage;
use crate::pages::clauses::{ClausePage, ClausesPage};
use crate::pages::coverage::CoveragePage;
use crate::pages::family::FamilyPage;
use crate::pages::formats::{AppraisalPreviewPage, FormatPage, FormatsPage};
use crate::pages::group::GroupPage;
use crate::pages::history::HistoryPage;
use crate::pages::home::HomePage;
use crate::pages::not_found::NotFound;
use crate::pages::proposals::{ProposalPage, ProposalsPage};
use crate::pages::search::SearchPage;
use crate::pages::typing::TypingPage;
use crate::pages::vacancy_text::VacancyTextPage;

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="nl">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                // The house style first (NL Design System's Rijkshuisstijl tokens and components,
                // vendored at build time), then the console's own layout.
                {crate::THEME_STYLESHEETS.map(|href| view! { <link rel="stylesheet" href=href/> })}
                <link rel="stylesheet" href=crate::STYLESHEET_PATH/>
                <link rel="icon" href="data:,"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body class="rhc-theme utrecht-document utrecht-document--surface">
                <App/>
            </body>
        </html>
    }
}

/// The console. Pages wait for their data on the server (`SsrMode::Async`), so every page reads
/// fully without JavaScript; once hydrated, navigation happens in the browser.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="FGR Register"/>
        <Router>
            // rel="external": the browser, not the router, follows it, and so moves the focus.
            <a class="nl-skip-link nl-skip-link--visible-on-focus" href="#main" rel="external">"Naar de inhoud"</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/families/:code") view=FamilyPage ssr=SsrMode::Async/>
                    <Route path=path!("/groups/:code") view=GroupPage ssr=SsrMode::Async/>
                    <Route path=path!("/groups/:code/history") view=HistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/groups/:code/typings/:scale") view=TypingPage ssr=SsrMode::Async/>
                    <Route path=path!("/coverage") view=CoveragePage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/proposals") view=ProposalsPage ssr=SsrMode::Async/>
                    <Route path=path!("/proposals/:number") view=ProposalPage ssr=SsrMode::Async/>
                    <Route path=path!("/audit") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/catalogue/import") view=CatalogueImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/clauses") view=ClausesPage ssr=SsrMode::Async/>
                    <Route path=path!("/clauses/:code") view=ClausePage ssr=SsrMode::Async/>
                    <Route path=path!("/vacancy-text") view=VacancyTextPage ssr=SsrMode::Async/>
                    <Route path=path!("/formats") view=FormatsPage ssr=SsrMode::Async/>
                    <Route path=path!("/formats/:code") view=FormatPage ssr=SsrMode::Async/>
                    <Route path=path!("/appraisal-preview") view=AppraisalPreviewPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>
                    "Bron: "
                    <a class="nl-link" href="https://www.functiegebouwrijksoverheid.nl">"functiegebouwrijksoverheid.nl"</a>
                    ". Gegevens die niet door een officiële bron zijn bevestigd, zijn gemarkeerd als "
                    <span class="badge illustrative">"illustratief"</span>"."
                </p>
            </footer>
        </Router>
    }
}
