//! The one way anything is kept in Web Storage: a named value read once and written on every change,
//! with a write the browser refuses (storage full, storage off) told to the user through
//! [`Notices::kept`] while the value stays in use in memory.

use super::notices::Notices;
use crate::browser::storage;
use std::borrow::Cow;

/// A value kept in `localStorage` under `key`: a fixed name, or one made at run time (a saved
/// provider's key: `"banana-studio.api-key.p1"`).
#[derive(Clone, Debug)]
pub struct Persisted {
    pub key: Cow<'static, str>,
}

impl Persisted {
    /// A value kept under the fixed name `key`.
    pub const fn named(key: &'static str) -> Self {
        Persisted {
            key: Cow::Borrowed(key),
        }
    }

    /// The stored text, if any.
    pub fn text(&self) -> Option<String> {
        storage::get(&self.key)
    }

    /// The stored value, read with the browser's JSON parser (no parser of ours in the first module).
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        storage::get_json(&self.key)
    }

    /// Writes text; false (and the user told) when the browser would not keep it.
    pub fn set_text(&self, value: &str, notices: Notices) -> bool {
        let written = storage::set(&self.key, value);
        notices.kept(written);
        written
    }

    /// Writes a value as JSON; false (and the user told) when the browser would not keep it.
    pub fn set_json<T: serde::Serialize>(&self, value: &T, notices: Notices) -> bool {
        let written = storage::set_json(&self.key, value);
        notices.kept(written);
        written
    }

    /// Forgets the value.
    pub fn remove(&self) {
        storage::remove(&self.key);
    }
}
