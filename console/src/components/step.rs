//! One change sent from a form: busy while it runs, its error shown in words when it fails.

use graphql_client::GraphQLQuery;
use leptos::prelude::*;

use crate::api::{Api, ApiError};

/// Whether a step is running, and how the last one failed.
#[derive(Clone, Copy)]
pub struct StepStatus {
    busy: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
}

impl StepStatus {
    /// Idle, without an error.
    pub fn new() -> Self {
        Self {
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    /// Runs the mutation `Q`; on success hands its answer to `then`, on failure shows the
    /// API's error.
    pub fn run<Q: GraphQLQuery + 'static>(
        self,
        api: Api,
        variables: Q::Variables,
        then: impl FnOnce(Q::ResponseData) + 'static,
    ) {
        self.busy.set(true);
        self.error.set(None);
        leptos::task::spawn_local(async move {
            let result = api.run::<Q>(variables).await;
            self.busy.set(false);
            match result {
                Ok(answer) => then(answer),
                Err(error) => self.error.set(Some(error)),
            }
        });
    }

    /// Whether a step is running (to disable its button).
    pub fn busy(self) -> bool {
        self.busy.get()
    }
}

impl Default for StepStatus {
    fn default() -> Self {
        Self::new()
    }
}

/// The last step's error, if any.
#[component]
pub fn StepError(
    /// The step.
    status: StepStatus,
) -> impl IntoView {
    move || {
        status.error.get().map(|e| {
            let hint = match e.code.as_str() {
                "CONFLICT" => " Laad de pagina opnieuw om de laatste stand te zien.",
                "UNAUTHENTICATED" => " Log opnieuw in.",
                _ => "",
            };
            view! {
                <p class="error action-error" role="alert">
                    {e.message}{hint}" "<span class="code">{e.code}</span>
                </p>
            }
        })
    }
}
