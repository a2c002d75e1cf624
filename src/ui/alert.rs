//! The alert region: errors with what to do, and a polite status line.

use super::i18n::{t, t_string, use_i18n};
use crate::app::Notices;
use leptos::prelude::*;

/// Errors (`role=alert`) and status (`aria-live=polite`).
#[component]
pub fn Alert() -> impl IntoView {
    let notices = expect_context::<Notices>();
    let i18n = use_i18n();
    view! {
        <div
            class="alert"
            role="alert"
            data-testid="error"
            data-kind=move || notices.error.with(|e| e.as_ref().map_or("", |e| e.kind))
            hidden=move || notices.error.with(Option::is_none)
        >
            <span class="alert-text">{move || notices.error.with(|e| e.as_ref().map(|e| e.message.get(i18n.get_locale())))}</span>
            <button class="link" on:click=move |_| notices.error.set(None) aria-label=move || t_string!(i18n, alert.dismiss)>{super::icons::icon(super::icons::CLOSE)}</button>
        </div>
        <p class="status" aria-live="polite" data-testid="status">{move || notices.status.with(|s| s.get(i18n.get_locale()))}</p>
        <super::lazy::MissingParts/>
        // A click that came before its part of the app downloaded: it runs as soon as it is there.
        <Show when=move || notices.loading.with(|n| *n > 0)>
            <p class="status" role="status" data-testid="loading-part">{t!(i18n, alert.loading)}</p>
        </Show>
    }
}
