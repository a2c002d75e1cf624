//! The user's preferences: settings (provider, model, options), the key of the provider in use (kept
//! only when "remember" is ticked for it), the price table. Read once, written on every change through
//! [`Persisted`].

use super::notices::Notices;
use super::persisted::Persisted;
use crate::studio::cost::Prices;
use crate::studio::Settings;
use crate::text;
use leptos::prelude::*;

const SETTINGS: Persisted = Persisted::named("banana-studio.settings");
const API_KEY: Persisted = Persisted::named("banana-studio.api-key");
const PRICES: Persisted = Persisted::named("banana-studio.prices");

/// Where the key of the provider `id` is kept when remembered: the set-up not saved keeps the one
/// place it always had; each saved provider (`studio::providers`) has its own.
pub fn key_slot(id: &str) -> Persisted {
    if id.is_empty() {
        API_KEY
    } else {
        Persisted {
            key: format!("{}.{id}", API_KEY.key).into(),
        }
    }
}

/// The local test provider's URL when built by `scripts/serve.sh --demo`.
pub const DEMO_PROVIDER: Option<&str> = option_env!("BANANA_DEMO_PROVIDER");

/// The preferences service. `Copy`.
#[derive(Clone, Copy)]
pub struct Prefs {
    pub settings: RwSignal<Settings>,
    /// The key of the provider in use ([`Settings::provider_id`]).
    pub key: RwSignal<String>,
    /// Whether that key is kept in this browser.
    pub remember_key: RwSignal<bool>,
    /// The user's price table.
    pub prices: RwSignal<Prices>,
    notices: Notices,
}

impl Prefs {
    /// Reads settings, a remembered key and prices; in a demo build, preselects the local test
    /// provider. Every later change is saved.
    pub fn new(notices: Notices) -> Self {
        let mut settings = SETTINGS
            .json::<Settings>()
            .map_or_else(Settings::default, Settings::sanitized);
        let stored_key = key_slot(&settings.provider_id).text();
        let mut key = stored_key.clone().unwrap_or_default();
        if let Some(url) = DEMO_PROVIDER {
            settings = Settings::demo(url);
            key = "demo-key".to_string();
        }
        let prefs = Prefs {
            settings: RwSignal::new(settings),
            key: RwSignal::new(key),
            remember_key: RwSignal::new(stored_key.is_some()),
            prices: RwSignal::new(PRICES.json::<Prices>().unwrap_or_default()),
            notices,
        };
        prefs.persist();
        prefs
    }

    /// Saves settings and prices on every change, and the key (in its provider's slot) only while
    /// "remember" is ticked. A write that fails is told once; the value stays in use.
    fn persist(self) {
        let notices = self.notices;
        Effect::new(move |_| {
            self.settings.with(|s| SETTINGS.set_json(s, notices));
        });
        Effect::new(move |_| {
            self.prices.with(|p| PRICES.set_json(p, notices));
        });
        let provider = Memo::new(move |_| self.settings.with(|s| s.provider_id.clone()));
        // Unticking "remember" forgets the key; switching provider never touches what another slot keeps.
        Effect::new(move |before: Option<String>| {
            let remember = self.remember_key.get();
            let key = self.key.get();
            let id = provider.get();
            let slot = key_slot(&id);
            if remember && !key.trim().is_empty() && DEMO_PROVIDER.is_none() {
                slot.set_text(key.trim(), notices);
            } else if !remember && before.is_none_or(|b| b == id) {
                slot.remove();
            }
            id
        });
    }

    /// Points the studio at the demo build's local test provider, with its placeholder key. Nothing
    /// without one.
    pub fn use_demo(self) {
        if let Some(url) = DEMO_PROVIDER {
            self.settings.set(Settings::demo(url));
            self.key.set("demo-key".to_string());
        }
    }

    /// Clears the provider's key from the form, from memory and from this browser's storage.
    pub fn forget_key(self) {
        self.remember_key.set(false);
        self.key.set(String::new());
        key_slot(&self.settings.with_untracked(|s| s.provider_id.clone())).remove();
        self.notices.status.set(text!(status.key_forgotten));
    }

    /// Applies what a host page presets: a provider preset id, a base URL, a model. An unknown preset
    /// is told.
    pub fn preset(self, provider: Option<String>, base_url: Option<String>, model: Option<String>) {
        let mut unknown = None;
        self.settings.update(|s| {
            if provider.is_some() || base_url.is_some() {
                // The host's provider, not the user's saved one (`app::Providers`) edited.
                s.provider_id.clear();
            }
            if let Some(id) = provider.as_deref().map(str::trim) {
                match crate::protocol::Preset::from_id(id) {
                    Some(p) => s.select_preset(p),
                    None => unknown = Some(id.to_string()),
                }
            }
            if let Some(url) = base_url.filter(|u| !u.trim().is_empty()) {
                s.base_url = url.trim().to_string();
            }
            if let Some(m) = model.filter(|m| !m.trim().is_empty()) {
                s.model = m.trim().to_string();
            }
            s.fit_to_model();
        });
        if let Some(id) = unknown {
            self.notices
                .fail_with("embedding", text!(app.unknown_provider, id = id));
        }
    }
}
