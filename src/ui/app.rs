//! The whole studio: provider, form, references, results, and page-wide keyboard, drop and paste.

use super::actions;
use super::alert::Alert;
use super::i18n::{t, use_i18n};
use super::language::{self, LanguageSwitch};
use super::options::Options;
use super::provider_panel::ProviderPanel;
use super::references;
use super::references::References;
use super::results::Results;
use super::state::{AppState, DEMO_PROVIDER};
use crate::browser::{clock, file};
use leptos::ev;
use leptos::prelude::*;

/// The studio component; mount it anywhere (`mount_to_body(Studio)`).
#[component]
pub fn Studio() -> impl IntoView {
    let state = AppState::load();
    state.persist();
    provide_context(state);
    language::provide(true);
    let i18n = use_i18n();
    // The first page of the history, then the draft's references (one database opening for both).
    super::history::restore(state);
    super::pending::restore(state);

    // Page-wide shortcuts and inputs.
    let _ = window_event_listener(ev::keydown, move |e| {
        if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
            e.prevent_default();
            actions::generate(state);
        }
    });
    let _ = window_event_listener(ev::dragover, move |e| e.prevent_default());
    let _ = window_event_listener(ev::drop, move |e| {
        e.prevent_default();
        references::add_files(state, file::transfer_files(e.data_transfer()));
    });
    let _ = window_event_listener(ev::paste, move |e| {
        let files = file::transfer_files(e.clipboard_data());
        if !files.is_empty() {
            e.prevent_default();
            references::add_files(state, files);
        }
    });
    // The elapsed-time display ticks only while something runs.
    let _ = set_interval_with_handle(
        move || {
            if state.running.with_untracked(Option::is_some) {
                state.now_ms.set(clock::now_ms());
            }
        },
        std::time::Duration::from_millis(100),
    );

    view! {
        <header class="top">
            <h1>"Banana Studio"</h1>
            <LanguageSwitch/>
            <p class="tagline">{t!(i18n, app.tagline)}</p>
            {DEMO_PROVIDER.map(|url| view! {
                <p class="demo-banner" data-testid="demo-banner">{t!(i18n, app.demo_banner, url)}</p>
            })}
        </header>
        <main class="layout">
            <section class="controls">
                <ProviderPanel/>
                <Options/>
                <References/>
            </section>
            <section class="output">
                <Alert/>
                <super::pending::PendingList/>
                <Results/>
            </section>
        </main>
    }
}
