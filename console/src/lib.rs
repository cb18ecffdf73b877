#![recursion_limit = "256"]
//! The FGR Register console: a Dutch-language Leptos app, rendered on the server and hydrated in
//! the browser.
//!
//! It reads and writes only through the GraphQL API ([`api::Api`]): in the browser over HTTP, and
//! during server rendering through a [`api::GraphqlTransport`] that the server hands it, so every
//! rule the API enforces holds for the console too.

pub mod api;
pub mod app;
pub mod components;
pub mod content;
pub mod dates;
pub mod pages;
pub mod queries;
pub mod url;

/// The console's stylesheet, served by the server at [`STYLESHEET_PATH`].
pub const STYLESHEET: &str = include_str!("../style/console.css");
/// Where the server serves [`STYLESHEET`].
pub const STYLESHEET_PATH: &str = "/console.css";
/// Where the server serves the house style: the design tokens of the Rijkshuisstijl theme
/// (`.rhc-theme`) and the NL Design System component CSS, in that order. `cargo xtask console`
/// copies them from their npm packages (pinned in `style/package-lock.json`) into
/// `target/site/style`; a page without them still reads, in the console's own fallback colours.
pub const THEME_STYLESHEETS: [&str; 2] = ["/style/design-tokens.css", "/style/components.css"];

/// Entry point of the browser build: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // A marker for people and browser tests: the page is now interactive.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
