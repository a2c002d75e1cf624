//! Saved providers: named provider set-ups (preset, base URL, dialect, auth, proxy, default model) the
//! studio switches between, and that a comparison can mix. Never a key: the app keeps each provider's
//! key in memory, and in this browser's storage only when "remember" is ticked for that provider.
//!
//! The settings in use are the truth for the active provider ([`Settings::provider_id`]): editing them
//! edits it, and [`Saved::capture`] copies them back before the list is read or switched.

use super::Settings;
use crate::protocol::{AuthPlacement, Dialect, Preset, Provider};
use serde::{Deserialize, Serialize};

/// Most characters a provider's name may have.
pub const MAX_NAME: usize = 40;
/// Most providers one browser keeps.
pub const MAX_SAVED: usize = 20;

/// Between a saved provider's id and a model in [`Settings::compare`] (a model of the provider in use
/// is written alone). Never typed in an id or a model name.
pub const SEP: char = '\u{1f}';

/// How [`Settings::compare`] writes `model` of the saved provider `provider` (`""`: the one in use).
pub fn pick(provider: &str, model: &str) -> String {
    if provider.is_empty() {
        model.to_string()
    } else {
        format!("{provider}{SEP}{model}")
    }
}

/// An entry of [`Settings::compare`] read back: the provider's id (`""`: the one in use) and the model.
pub fn split(entry: &str) -> (&str, &str) {
    entry.split_once(SEP).unwrap_or(("", entry))
}

/// One named provider set-up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedProvider {
    /// Never reused, so nothing stale (a comparison, a history entry) points at a newer provider.
    pub id: String,
    pub name: String,
    pub preset: Preset,
    pub base_url: String,
    pub dialect: Dialect,
    pub auth: AuthPlacement,
    pub proxy: String,
    /// The model last used with it.
    pub model: String,
}

impl Default for SavedProvider {
    fn default() -> Self {
        SavedProvider::from_settings("", "", &Settings::default())
    }
}

impl SavedProvider {
    /// The provider part of `settings`, named.
    pub fn from_settings(id: &str, name: &str, s: &Settings) -> Self {
        SavedProvider {
            id: id.to_string(),
            name: name.to_string(),
            preset: s.preset,
            base_url: s.base_url.clone(),
            dialect: s.dialect,
            auth: s.auth,
            proxy: s.proxy.clone(),
            model: s.model.clone(),
        }
    }

    /// Points `settings` at this provider and its model, keeping the other choices where the model
    /// allows them; a comparison made on another provider ends.
    pub fn apply_to(&self, s: &mut Settings) {
        self.point(s);
        s.compare.clear();
        s.fit_to_model();
    }

    /// Sets the provider part of `s`, fitting nothing.
    fn point(&self, s: &mut Settings) {
        s.provider_id.clone_from(&self.id);
        s.preset = self.preset;
        s.base_url.clone_from(&self.base_url);
        s.dialect = self.dialect;
        s.auth = self.auth;
        s.proxy.clone_from(&self.proxy);
        s.model.clone_from(&self.model);
        s.demo = false;
    }

    /// Where its requests go.
    pub fn provider(&self) -> Provider {
        Provider {
            preset: self.preset,
            dialect: self.dialect,
            base_url: self.base_url.clone(),
            auth: self.auth,
            proxy: self.proxy.clone(),
        }
    }
}

/// Why a name was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("the name is empty")]
    Empty,
    #[error("the name is over {MAX_NAME} characters")]
    TooLong,
    #[error("another provider has this name")]
    Taken,
    #[error("{MAX_SAVED} providers are saved already")]
    Full,
}

/// The saved providers, as this browser keeps them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    pub list: Vec<SavedProvider>,
    /// The set-up in use before switching to a saved provider, when it was not saved itself: kept to
    /// switch back to, so switching never loses what the user typed.
    pub unsaved: Option<SavedProvider>,
    /// The number in the next new id.
    pub next: u32,
}

impl Default for Saved {
    fn default() -> Self {
        Saved {
            list: Vec::new(),
            unsaved: None,
            next: 1,
        }
    }
}

impl Saved {
    /// Reads what was stored; anything unreadable gives none, entries without an id or name and
    /// repeated ids are left out.
    pub fn from_json(json: &str) -> Self {
        serde_json::from_str::<Saved>(json)
            .unwrap_or_default()
            .sanitized()
    }

    fn sanitized(mut self) -> Self {
        let mut seen: Vec<String> = Vec::new();
        self.list.retain_mut(|p| {
            p.name = p.name.trim().chars().take(MAX_NAME).collect();
            let keep = !p.id.is_empty() && !p.name.is_empty() && !seen.contains(&p.id);
            seen.push(p.id.clone());
            keep
        });
        self.list.truncate(MAX_SAVED);
        // Ids are never reused, even when `next` was lost.
        let highest = self
            .list
            .iter()
            .filter_map(|p| p.id.strip_prefix('p')?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        self.next = self.next.max(highest + 1);
        if let Some(u) = &mut self.unsaved {
            u.id.clear();
            u.name.clear();
        }
        self
    }

    /// For storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The saved provider `id`.
    pub fn get(&self, id: &str) -> Option<&SavedProvider> {
        self.list.iter().find(|p| p.id == id)
    }

    /// Its name, when `id` is a saved provider.
    pub fn name_of(&self, id: &str) -> Option<&str> {
        self.get(id).map(|p| p.name.as_str())
    }

    /// The saved provider `settings` were made with, when it is still saved for the same host (an id in
    /// an imported history may name another provider of this browser).
    pub fn made_with(&self, settings: &Settings) -> Option<&SavedProvider> {
        let host = settings.provider();
        self.get(&settings.provider_id)
            .filter(|p| p.provider().host() == host.host())
    }

    /// Copies the settings in use into the active saved provider (the panel and the model chip edit
    /// the settings).
    pub fn capture(&mut self, settings: &Settings) {
        if let Some(p) = self.list.iter_mut().find(|p| p.id == settings.provider_id) {
            *p = SavedProvider::from_settings(&p.id, &p.name, settings);
        }
    }

    /// Checks a name for the provider `id` (`""` for a new one): trimmed, not empty, not too long, not
    /// another provider's (case aside).
    pub fn check_name(&self, id: &str, name: &str) -> Result<String, NameError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(NameError::Empty);
        }
        if name.chars().count() > MAX_NAME {
            return Err(NameError::TooLong);
        }
        if self
            .list
            .iter()
            .any(|p| p.id != id && p.name.to_lowercase() == name.to_lowercase())
        {
            return Err(NameError::Taken);
        }
        Ok(name.to_string())
    }

    /// Saves the provider of `settings` as a new provider named `name`, and makes it the active one;
    /// its id.
    pub fn add(&mut self, settings: &mut Settings, name: &str) -> Result<String, NameError> {
        let name = self.check_name("", name)?;
        if self.list.len() >= MAX_SAVED {
            return Err(NameError::Full);
        }
        self.capture(settings);
        if settings.provider_id.is_empty() {
            // The set-up not saved is saved now.
            self.unsaved = None;
        }
        let id = format!("p{}", self.next);
        self.next += 1;
        self.list
            .push(SavedProvider::from_settings(&id, &name, settings));
        settings.provider_id.clone_from(&id);
        Ok(id)
    }

    /// Renames the saved provider `id`.
    pub fn rename(&mut self, id: &str, name: &str) -> Result<(), NameError> {
        let name = self.check_name(id, name)?;
        if let Some(p) = self.list.iter_mut().find(|p| p.id == id) {
            p.name = name;
        }
        Ok(())
    }

    /// Forgets the saved provider `id`; when it is the active one, the settings keep its set-up,
    /// unsaved. Comparisons lose its models. False when there was none.
    pub fn remove(&mut self, settings: &mut Settings, id: &str) -> bool {
        let before = self.list.len();
        self.list.retain(|p| p.id != id);
        if settings.provider_id == id {
            settings.provider_id.clear();
        }
        let prefix = format!("{id}{SEP}");
        settings.compare.retain(|c| !c.starts_with(&prefix));
        self.list.len() < before
    }

    /// Points `settings` at the saved provider `to` (`""`: the unsaved set-up kept when switching
    /// away from it), first keeping what the settings hold for the one they leave. False when `to` is
    /// unknown or already in use.
    pub fn switch(&mut self, settings: &mut Settings, to: &str) -> bool {
        if settings.provider_id == to {
            return false;
        }
        let target = if to.is_empty() {
            self.unsaved.clone()
        } else {
            self.get(to).cloned()
        };
        let Some(target) = target else {
            return false;
        };
        if settings.provider_id.is_empty() {
            self.unsaved = Some(SavedProvider::from_settings("", "", settings));
        } else {
            self.capture(settings);
        }
        target.apply_to(settings);
        true
    }

    /// The settings a comparison sends to `model` on the saved provider `id`: `settings` with that
    /// provider's set-up, not yet fitted to the model. `None` for an unknown provider.
    pub fn settings_for(&self, settings: &Settings, id: &str, model: &str) -> Option<Settings> {
        let mut s = settings.clone();
        if id != settings.provider_id {
            self.get(id)?.point(&mut s);
        }
        s.model = model.to_string();
        s.compare.clear();
        Some(s)
    }
}

#[cfg(test)]
mod tests;
