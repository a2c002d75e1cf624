//! Leptos components. They arrange state and views; what happens on a click lives in [`actions`].

pub mod actions;
mod alert;
mod app;
pub mod events;
mod history;
mod options;
mod pending;
mod provider_panel;
mod references;
mod results;
pub mod state;

pub use app::Studio;
pub use events::{StudioError, StudioEvents, StudioResult};
