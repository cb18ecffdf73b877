//! Who is signed in, and the way to sign in or out.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::Api;
use crate::queries::catalogue::{console_me, ConsoleMe};
use crate::queries::PrincipalKind;

/// "Inloggen", or the signed-in person with a sign-out button (a same-site POST form).
#[component]
pub fn SessionStatus() -> impl IntoView {
    let api = Api::from_context();
    let me = Resource::new(
        || (),
        move |()| {
            let api = api.clone();
            async move { api.run::<ConsoleMe>(console_me::Variables).await }
        },
    );
    let location = use_location();
    let login_href = move || {
        let search = location.search.get();
        let here = if search.is_empty() {
            location.pathname.get()
        } else {
            format!(
                "{}?{}",
                location.pathname.get(),
                search.trim_start_matches('?')
            )
        };
        format!("/auth/login?return_to={}", crate::url::encode(&here))
    };
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(console_me::ResponseData { me }) if me.kind == PrincipalKind::PERSON => {
                        let roles = me.roles.iter().map(|r| r.label.clone()).collect::<Vec<_>>().join(", ");
                        let dev = me.id.as_deref().is_some_and(|id| id.starts_with("dev:"));
                        view! {
                            <span class="session" id="session">
                                {dev.then(|| view! { <span class="badge illustrative">"ontwikkel-login"</span>" " })}
                                <span class="who">{me.name.unwrap_or_default()}</span>
                                " ("<span class="roles">{roles}</span>") "
                                <form method="post" action="/auth/logout" class="inline">
                                    <button class="utrecht-button utrecht-button--secondary-action" type="submit">"Uitloggen"</button>
                                </form>
                            </span>
                        }.into_any()
                    }
                    _ => view! { <a class="login" id="login" href=login_href rel="external">"Inloggen"</a> }.into_any(),
                }
            })}
        </Suspense>
    }
}
