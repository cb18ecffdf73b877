//! One change sent from a form: busy while it runs, its error shown in words when it fails, and
//! what it did said once it succeeded.

use graphql_client::GraphQLQuery;
use leptos::prelude::*;

use crate::api::{Api, ApiError};

/// Whether a step is running, and how the last one failed.
#[derive(Clone, Copy)]
pub struct StepStatus {
    busy: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
    /// Said in the page's [`Confirmation`] when the step succeeds.
    says: Option<&'static str>,
    /// The page's confirmation, taken from the context where the form is set up.
    confirmation: Option<Confirmation>,
}

impl StepStatus {
    /// Idle, without an error.
    pub fn new() -> Self {
        Self {
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
            says: None,
            confirmation: use_context::<Confirmation>(),
        }
    }

    /// The same step, confirming with `text` (e.g. "Voorstel ingediend.") when it succeeds.
    pub fn saying(mut self, text: &'static str) -> Self {
        self.says = Some(text);
        self
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
                Ok(answer) => {
                    if let (Some(text), Some(confirmation)) = (self.says, self.confirmation) {
                        confirmation.0.set(Some(text.to_owned()));
                    }
                    then(answer)
                }
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

/// What the last step on the page did, kept by the page (its forms come and go as the state
/// changes) and said in a polite live region at its top.
#[derive(Clone, Copy)]
pub struct Confirmation(RwSignal<Option<String>>);

impl Confirmation {
    /// A confirmation for the page's steps, in the context of the components below.
    pub fn provide() -> Self {
        let confirmation = Self(RwSignal::new(None));
        provide_context(confirmation);
        confirmation
    }
}

/// The page's confirmation, once a step has succeeded.
#[component]
pub fn ConfirmationBanner(
    /// The page's confirmation.
    confirmation: Confirmation,
) -> impl IntoView {
    view! {
        <p class="confirmation" id="step-done" role="status">{move || confirmation.0.get()}</p>
    }
}
