//! Leptos components: they arrange views and call the services (`crate::app`), which do the work and
//! own the state.

mod alert;
mod annotate;
mod app;
mod appearance;
mod before_after;
mod chip;
mod collections;
mod compare_models;
mod compared;
mod composer;
mod connection;
mod cost;
mod expand;
mod favourite;
mod filter;
mod found;
mod icons;
mod jobs;
mod language;
mod lazy;
mod lazy_views;
mod ledger;
mod library;
mod lightbox;
mod limits;
mod menu;
mod more_options;
mod option_chips;
mod palette;
mod pending;
mod provider_panel;
mod providers;
mod references;
mod region_tool;
mod results;
mod selection;
mod settings;
mod shell;
mod size_line;
mod theme;
mod tile;
mod update;
mod welcome;
mod widgets;

pub use crate::app::{StudioError, StudioEvents, StudioResult};
pub use app::Studio;

/// Fetches the starting language's texts if they are not in the module (Chinese), waiting at most
/// `ms`, so the studio mounts in that language.
pub async fn prepare_language(ms: u32) {
    language::prepare(ms).await;
}

// The translations (`crate::locale::i18n`), as `ui::i18n` for the views.
pub use crate::locale::i18n;
