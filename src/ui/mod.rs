//! Leptos components. They arrange state and views; what happens on a click lives in [`actions`].

pub mod actions;
mod alert;
mod app;
mod copy;
mod cost;
pub mod events;
mod history;
mod language;
mod lazy;
mod limits;
mod more_options;
mod options;
mod pending;
mod provider_panel;
mod references;
mod results;
pub mod state;

pub use app::Studio;
pub use events::{StudioError, StudioEvents, StudioResult};

// The translations (`crate::locale::i18n`), as `ui::i18n` for the views.
pub use crate::locale::i18n;
