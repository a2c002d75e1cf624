//! What this browser leaves out: the studio keeps generating when the browser says no to storage,
//! offline files or persistent storage, and says here, once and in one place, what is off and what
//! it means for the user's work.

use super::i18n::{t, use_i18n};
use super::state::use_state;
use crate::locale::Text;
use crate::text;
use leptos::prelude::*;

/// Something this browser does not let the studio do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    /// IndexedDB is missing or refuses (a private window, site data off, a blocked third-party embed).
    HistoryOff,
    /// `localStorage` is missing or throws: settings last for this visit.
    SettingsNotKept,
    /// A write to `localStorage` failed (full): the value stays in memory.
    SettingsNotSaved,
    /// No service worker: no offline start.
    NoOffline,
    /// No `navigator.storage`: no usage figures, no persistent storage.
    NoPersistence,
}

impl Limit {
    /// The `data-testid` of its line.
    pub fn id(self) -> &'static str {
        match self {
            Limit::HistoryOff => "limit-history",
            Limit::SettingsNotKept => "limit-settings",
            Limit::SettingsNotSaved => "limit-settings-full",
            Limit::NoOffline => "limit-offline",
            Limit::NoPersistence => "limit-persistence",
        }
    }

    /// What it means for the user, in the current language.
    pub fn text(self) -> Text {
        match self {
            Limit::HistoryOff => text!(limits.history_off),
            Limit::SettingsNotKept => text!(limits.settings_not_kept),
            Limit::SettingsNotSaved => text!(limits.settings_not_saved),
            Limit::NoOffline => text!(limits.no_offline),
            Limit::NoPersistence => text!(limits.no_persistence),
        }
    }
}

/// The note listing every limit met so far; "Got it" hides it until another one comes up.
#[component]
pub fn Limits() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let seen = RwSignal::new(0usize);
    let shown = move || state.limits.with(|l| l.len() > seen.get());
    view! {
        <Show when=shown>
            <aside class="limits" data-testid="browser-limits" role="note" aria-labelledby="limits-title">
                <p id="limits-title" class="limits-title">{t!(i18n, limits.title)}</p>
                <ul>
                    <For each=move || state.limits.get() key=|l| *l let:limit>
                        <li data-testid=limit.id()>{move || limit.text().get(i18n.get_locale())}</li>
                    </For>
                </ul>
                <button
                    data-testid="limits-dismiss"
                    on:click=move |_| seen.set(state.limits.with_untracked(Vec::len))
                >
                    {t!(i18n, limits.dismiss)}
                </button>
            </aside>
        </Show>
    }
}
