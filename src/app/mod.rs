//! The services between the views and the rest: each owns its signals and the work on them, and is
//! provided to the views separately (`use_context::<Generator>()` and so on). Views read signals and
//! call methods; the services call the browser glue and the pure core. Imports run one way:
//! `ui` → `app` → `locale` → `browser` → `studio` → `protocol` (checked by `tests/structure.rs`).
//!
//! - [`Notices`]: the alert, the status line, what this browser leaves out, a new version waiting.
//! - [`Prefs`]: settings, the key, prices, kept in Web Storage through [`persisted::Persisted`].
//! - [`History`]: the results on screen, the IndexedDB history behind them, its totals, ZIP files.
//! - [`Composer`]: the prompt, the references, the conversation being continued.
//! - [`Generator`]: Generate, its queue and cancellation, showing what arrives.
//! - [`Pending`]: requests a reload cut off, resumed or offered again.
//! - [`Library`]: the prompt library (saved prompts with names and tags).
//! - [`Annotation`]: the image open for marking up, and the marked copy made a reference.
//! - [`Providers`]: the saved providers, switching between them, each one's key.
//! - [`Connection`]: "Test connection" in the provider settings, and the CORS proxy scripts.
//!
//! Only [`Notices`], [`Prefs`] and [`Composer`] start with the page ([`Services`]); the others are made together in a chunk
//! on first use ([`Later::work`]), so the main module holds none of their code.

pub mod annotation;
pub mod composer;
pub mod connection;
pub mod events;
pub mod generation;
pub mod history;
pub mod later;
pub mod library;
pub mod notices;
pub mod pending;
pub mod persisted;
pub mod prefs;
pub mod providers;
pub mod shortcuts;
pub mod tasks;

pub use annotation::{Annotation, RegionAsk};
pub use composer::{Composer, RefItem};
pub use connection::Connection;
pub use events::{StudioError, StudioEvents, StudioResult};
pub use generation::Generator;
pub use history::{Compared, FullImage, History, ResultItem};
pub use later::{Later, Work};
pub use library::Library;
pub use notices::{Limit, Notices};
pub use pending::Pending;
pub use prefs::Prefs;
pub use providers::Providers;
pub use shortcuts::Shortcuts;
pub use tasks::Tasks;

use leptos::prelude::*;

/// The services the first screen draws, made with the page: the alert and status, the settings and the
/// key, the prompt and references; and the handle to the rest ([`Later`]), which a chunk makes on first
/// use.
#[derive(Clone, Copy)]
pub struct Services {
    pub notices: Notices,
    pub prefs: Prefs,
    pub composer: Composer,
    pub later: Later,
    /// The studio's owner for spawned work, shared by all of them.
    pub tasks: Tasks,
}

impl Services {
    /// Makes the first screen's services (reading what was kept).
    pub fn new(events: StudioEvents) -> Self {
        let tasks = Tasks::new();
        let notices = Notices::new(events);
        let prefs = Prefs::new(notices);
        let composer = Composer::new(prefs, notices, tasks);
        let later = Later::new(prefs, composer, notices, tasks);
        Services {
            notices,
            prefs,
            composer,
            later,
            tasks,
        }
    }

    /// Provides each service to the views below, separately.
    pub fn provide(self) {
        provide_context(self.notices);
        provide_context(self.prefs);
        provide_context(self.composer);
        provide_context(self.later);
        provide_context(self.tasks);
    }
}
