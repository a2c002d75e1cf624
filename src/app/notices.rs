//! What the studio tells the user besides results: the alert (an error with what to do), the status
//! line, what this browser leaves out, a part of the app still downloading, a new version waiting. The
//! host page hears of every error shown (`events`).

use super::events::{StudioError, StudioEvents};
use crate::browser::storage;
use crate::locale::{self, i18n::Locale, Text};
use crate::protocol::Error;
use crate::text;
use leptos::prelude::*;

/// The message in the alert region.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// Machine-readable (`invalid-key`, `history`, …): the alert's `data-kind`, the host's `kind`.
    pub kind: &'static str,
    pub message: Text,
}

impl From<&Error> for Shown {
    fn from(e: &Error) -> Self {
        Shown {
            kind: e.kind(),
            message: locale::error(e),
        }
    }
}

/// Something this browser does not let the studio do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    /// IndexedDB is missing or refuses (a private window, site data off, a blocked third-party embed,
    /// an upgrade that failed).
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

/// The notices service. `Copy`.
#[derive(Clone, Copy)]
pub struct Notices {
    pub error: RwSignal<Option<Shown>>,
    pub status: RwSignal<Text>,
    /// What this browser leaves out, in the order met.
    pub limits: RwSignal<Vec<Limit>>,
    /// Actions waiting for their part of the app to download (split builds; see `ui::lazy`).
    pub loading: RwSignal<u32>,
    /// A new version of the app is installed and waits for the user to reload.
    pub update_ready: RwSignal<bool>,
    /// The host page's callbacks (embedding).
    pub events: StoredValue<StudioEvents, LocalStorage>,
}

impl Notices {
    /// No notice yet; `localStorage` missing is noted at once.
    pub fn new(events: StudioEvents) -> Self {
        Notices {
            error: RwSignal::new(None),
            status: RwSignal::new(Text::default()),
            limits: RwSignal::new(if storage::available() {
                Vec::new()
            } else {
                vec![Limit::SettingsNotKept]
            }),
            loading: RwSignal::new(0),
            update_ready: RwSignal::new(false),
            events: StoredValue::new_local(events),
        }
    }

    /// Shows an error in the alert region.
    pub fn fail(self, e: &Error) {
        self.error.set(Some(Shown::from(e)));
    }

    /// Shows a message that is not tied to an [`Error`] value.
    pub fn fail_with(self, kind: &'static str, message: Text) {
        self.error.set(Some(Shown { kind, message }));
    }

    /// Adds to what this browser leaves out (once each).
    pub fn note_limit(self, limit: Limit) {
        if !self.limits.with_untracked(|l| l.contains(&limit)) {
            self.limits.update(|l| l.push(limit));
        }
    }

    /// After a write to `localStorage`: a failed one is told once (the value stays in memory).
    pub fn kept(self, written: bool) {
        if !written && storage::available() {
            self.note_limit(Limit::SettingsNotSaved);
        }
    }

    /// Tells the host page of every error shown, in the language shown.
    pub fn tell_host(self, locale: impl Fn() -> Locale + 'static) {
        Effect::new(move |_| {
            if let Some(shown) = self.error.get() {
                let message = shown.message.get(locale());
                self.events.with_value(|e| {
                    e.error(StudioError {
                        kind: shown.kind.to_string(),
                        message,
                    })
                });
            }
        });
    }
}
