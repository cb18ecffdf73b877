//! A `<select>`'s options from a reference list the API serves (`vocabulary`).

use leptos::prelude::*;

use crate::queries::Labels;

/// `<option>`s of `choices`, with `selected` selected.
pub fn options(choices: &Labels, selected: &str) -> impl IntoView {
    choices
        .iter()
        .map(|(code, label)| {
            view! { <option selected=code == selected value=code.clone()>{label.clone()}</option> }
        })
        .collect_view()
}
