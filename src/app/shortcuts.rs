//! The keyboard shortcuts the user changed, over the command palette's defaults, kept on this device.

use super::persisted::Persisted;
use super::Notices;
use crate::studio::palette::{Bindings, Shortcut};
use leptos::prelude::*;

const KEPT: Persisted = Persisted::named("banana-studio.shortcuts");

/// The changed shortcuts. `Copy`.
#[derive(Clone, Copy)]
pub struct Shortcuts {
    pub bindings: RwSignal<Bindings>,
    notices: Notices,
}

impl Shortcuts {
    /// The shortcuts kept on this device.
    pub fn new(notices: Notices) -> Self {
        Shortcuts {
            bindings: RwSignal::new(KEPT.json::<Bindings>().unwrap_or_default()),
            notices,
        }
    }

    /// The shortcut of `action` now (`default` unless changed).
    pub fn get(self, action: &str, default: Option<&Shortcut>) -> Option<Shortcut> {
        self.bindings.with(|b| b.get(action, default))
    }

    /// Gives `action` the shortcut `to` (none: removes it), taken from any other action that had it;
    /// `defaults` are every action's defaults.
    pub fn set(self, action: &str, to: Option<Shortcut>, defaults: &[(&str, Option<Shortcut>)]) {
        self.bindings.update(|b| {
            b.set(action, to, defaults.iter().map(|(a, s)| (*a, s.as_ref())));
        });
        self.bindings
            .with_untracked(|b| KEPT.set_json(b, self.notices));
    }

    /// Every shortcut back to its default.
    pub fn reset(self) {
        self.bindings.set(Bindings::default());
        KEPT.remove();
    }
}
