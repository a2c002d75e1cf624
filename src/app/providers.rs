//! The saved providers service: the named provider set-ups (`studio::providers::Saved`, read from this
//! browser on first use), switching between them with each one's key, and the keys typed this visit.
//! A key is kept in this browser only when "remember" is ticked for its provider ([`Prefs`] writes it to
//! that provider's own slot); the list itself never holds one.

use super::notices::Notices;
use super::persisted::Persisted;
use super::prefs::{key_slot, Prefs};
use crate::locale::Text;
use crate::studio::providers::{NameError, Saved, MAX_NAME, MAX_SAVED};
use crate::studio::Settings;
use crate::text;
use leptos::prelude::*;
use std::collections::HashMap;

const SAVED: Persisted = Persisted::named("banana-studio.providers");

/// The saved providers service. `Copy`.
#[derive(Clone, Copy)]
pub struct Providers {
    /// The saved providers; empty until [`Providers::load`] has read them.
    pub saved: RwSignal<Saved>,
    loaded: StoredValue<bool>,
    /// Keys typed this visit for providers not in use, by id (`""`: the set-up not saved).
    keys: StoredValue<HashMap<String, String>>,
    prefs: Prefs,
    notices: Notices,
}

impl Providers {
    /// Nothing read yet: the list is read when a view or a comparison first needs it.
    pub fn new(prefs: Prefs, notices: Notices) -> Self {
        Providers {
            saved: RwSignal::new(Saved::default()),
            loaded: StoredValue::new(false),
            keys: StoredValue::new(HashMap::new()),
            prefs,
            notices,
        }
    }

    /// Reads the list once (views and comparisons call it before reading [`Providers::saved`]).
    pub fn load(self) {
        if !self.loaded.get_value() {
            self.fresh();
        }
    }

    /// Reads the list as this browser keeps it now (another tab may have changed it), with the provider
    /// in use as the settings hold it. Every change starts here, so one tab never undoes another's.
    pub fn fresh(self) {
        self.loaded.set_value(true);
        let mut saved = SAVED
            .text()
            .map_or_else(Saved::default, |j| Saved::from_json(&j));
        let gone = self
            .prefs
            .settings
            .with_untracked(|s| !s.provider_id.is_empty() && saved.get(&s.provider_id).is_none());
        if gone {
            // Removed in another tab: its set-up stays in use, unsaved, its key for this visit only.
            self.prefs.remember_key.set(false);
            self.prefs.settings.update(|s| s.provider_id.clear());
        }
        self.prefs.settings.with_untracked(|s| saved.capture(s));
        self.saved.set(saved);
    }

    /// Writes the list (with the provider in use as it is now); a refusal is told, the list stays.
    fn store(self) {
        self.saved
            .update(|s| self.prefs.settings.with_untracked(|x| s.capture(x)));
        self.saved
            .with_untracked(|s| SAVED.set_text(&s.to_json(), self.notices));
    }

    /// Hands the key over from the provider `from` (kept in memory) to `to`: the one typed for it this
    /// visit, else the remembered one; "remember" shows whether one is kept for it.
    fn hand_over_key(self, from: &str, to: &str) {
        let leaving = self.prefs.key.get_untracked();
        self.keys.update_value(|k| {
            k.insert(from.to_string(), leaving);
        });
        let stored = key_slot(to).text();
        let key = self
            .keys
            .with_value(|k| k.get(to).cloned())
            .filter(|k| !k.is_empty())
            .or_else(|| stored.clone())
            .unwrap_or_default();
        self.prefs.key.set(key);
        self.prefs.remember_key.set(stored.is_some());
    }

    /// Puts `settings` (a result's, an interrupted request's) in use. When they were made with a saved
    /// provider that is still saved for the same host, that provider as it is now, with its key; else
    /// their own set-up, unsaved, with the key of the set-up not saved.
    pub fn adopt(self, mut settings: Settings) {
        self.fresh();
        let saved = self
            .saved
            .with_untracked(|s| s.made_with(&settings).cloned());
        match saved {
            Some(provider) => {
                self.switch(&provider.id);
                let model = std::mem::take(&mut settings.model);
                provider.apply_to(&mut settings);
                settings.model = model;
            }
            None => {
                settings.provider_id.clear();
                let from = self
                    .prefs
                    .settings
                    .with_untracked(|s| s.provider_id.clone());
                if !from.is_empty() {
                    self.store();
                    self.hand_over_key(&from, "");
                }
            }
        }
        settings.fit_to_model();
        self.prefs.settings.set(settings);
    }

    /// The name of the saved provider `id`.
    pub fn name_of(self, id: &str) -> Option<String> {
        self.saved
            .with_untracked(|s| s.name_of(id).map(str::to_string))
    }

    /// Switches to the saved provider `id` (`""`: the set-up not saved, kept when switching away from
    /// it): its URL, dialect, auth, proxy and model, and its key, typed this visit or remembered. The
    /// prompt, references and other options stay.
    pub fn switch(self, id: &str) {
        self.fresh();
        let mut settings = self.prefs.settings.get_untracked();
        let from = settings.provider_id.clone();
        let mut switched = false;
        self.saved
            .update(|s| switched = s.switch(&mut settings, id));
        if !switched {
            return;
        }
        self.hand_over_key(&from, id);
        self.prefs.settings.set(settings);
        self.store();
        let name = self.name_of(id).unwrap_or_default();
        self.notices.status.set(if id.is_empty() {
            text!(providers.switched_unsaved)
        } else {
            text!(providers.switched, name = name)
        });
    }

    /// Saves the provider in use as a new provider named `name`, which becomes the one in use. The set-up
    /// not saved takes its key along; a copy of a saved provider starts without one (keys are never
    /// copied to another provider, whose host may change next). False when the name is refused (the
    /// alert says why).
    pub fn save_as(self, name: &str) -> bool {
        self.fresh();
        let mut settings = self.prefs.settings.get_untracked();
        let from = settings.provider_id.clone();
        let mut outcome = Ok(String::new());
        self.saved.update(|s| outcome = s.add(&mut settings, name));
        match outcome {
            Ok(id) => {
                let copy = !from.is_empty();
                if copy {
                    self.hand_over_key(&from, &id);
                } else {
                    // The set-up became the saved provider: its key goes with it.
                    key_slot("").remove();
                }
                self.prefs.settings.set(settings);
                self.store();
                let name = self.name_of(&id).unwrap_or_default();
                self.notices.error.set(None);
                self.notices.status.set(if copy {
                    text!(providers.added_copy, name = name)
                } else {
                    text!(providers.added, name = name)
                });
                true
            }
            Err(e) => {
                self.notices.fail_with("providers", name_refused(&e));
                false
            }
        }
    }

    /// Renames the saved provider `id`. False when the name is refused (the alert says why).
    pub fn rename(self, id: &str, name: &str) -> bool {
        self.fresh();
        let mut outcome = Ok(());
        self.saved.update(|s| outcome = s.rename(id, name));
        match outcome {
            Ok(()) => {
                self.store();
                self.notices.error.set(None);
                let name = self.name_of(id).unwrap_or_default();
                self.notices
                    .status
                    .set(text!(providers.renamed, name = name));
                true
            }
            Err(e) => {
                self.notices.fail_with("providers", name_refused(&e));
                false
            }
        }
    }

    /// Forgets the saved provider `id` and its key wherever it was kept. When it is the one in use, the
    /// studio goes back to the set-up not saved that was left for it, or else keeps its set-up in use,
    /// unsaved, with its key for this visit only.
    pub fn remove(self, id: &str) {
        self.fresh();
        let name = self.name_of(id).unwrap_or_default();
        let active = self.prefs.settings.with_untracked(|s| s.provider_id == id);
        if active && self.saved.with_untracked(|s| s.unsaved.is_some()) {
            self.switch("");
        }
        let mut settings = self.prefs.settings.get_untracked();
        let active = settings.provider_id == id;
        let mut removed = false;
        self.saved.update(|s| removed = s.remove(&mut settings, id));
        if !removed {
            return;
        }
        key_slot(id).remove();
        self.keys.update_value(|k| {
            k.remove(id);
        });
        if active {
            self.prefs.remember_key.set(false);
        }
        self.prefs.settings.set(settings);
        self.store();
        self.notices
            .status
            .set(text!(providers.removed, name = name));
    }

    /// The key for the provider `id`: the one in the form for the provider in use, else one typed this
    /// visit, else a remembered one; empty when there is none.
    pub fn key_for(self, id: &str) -> String {
        if self.prefs.settings.with_untracked(|s| s.provider_id == id) {
            return self.prefs.key.get_untracked();
        }
        self.keys
            .with_value(|k| k.get(id).cloned())
            .filter(|k| !k.trim().is_empty())
            .or_else(|| key_slot(id).text())
            .unwrap_or_default()
    }
}

/// Why a provider's name was refused, in words.
fn name_refused(e: &NameError) -> Text {
    match e {
        NameError::Empty => text!(providers.name_empty),
        NameError::TooLong => text!(providers.name_long, max = MAX_NAME),
        NameError::Taken => text!(providers.name_taken),
        NameError::Full => text!(providers.full, max = MAX_SAVED),
    }
}
