//! What this browser leaves out: the studio keeps generating when the browser says no to storage,
//! offline files or persistent storage, and says here, once and in one place, what is off and what
//! it means for the user's work.

use super::i18n::{t, use_i18n};
use crate::app::Notices;
use leptos::prelude::*;

/// The note listing every limit met so far; "Got it" hides it until another one comes up.
#[component]
pub fn Limits() -> impl IntoView {
    let notices = expect_context::<Notices>();
    let i18n = use_i18n();
    let seen = RwSignal::new(0usize);
    let shown = move || notices.limits.with(|l| l.len() > seen.get());
    view! {
        <Show when=shown>
            <aside class="limits" data-testid="browser-limits" role="note" aria-labelledby="limits-title">
                <p id="limits-title" class="limits-title">{t!(i18n, limits.title)}</p>
                <ul>
                    <For each=move || notices.limits.get() key=|l| *l let:limit>
                        <li data-testid=limit.id()>{move || limit.text().get(i18n.get_locale())}</li>
                    </For>
                </ul>
                <button
                    data-testid="limits-dismiss"
                    on:click=move |_| seen.set(notices.limits.with_untracked(Vec::len))
                >
                    {t!(i18n, limits.dismiss)}
                </button>
            </aside>
        </Show>
    }
}
