//! The studio's own rules, as plain Rust: persisted settings, how the form maps to a request, and file
//! names. No browser types; tested natively.

pub mod annotate;
pub mod archive;
pub mod batch;
pub mod compare;
pub mod cost;
pub mod downscale;
pub mod filename;
pub mod fit;
pub mod gallery;
pub mod history;
pub mod ledger;
pub mod library;
pub mod made;
pub mod palette;
pub mod pending;
pub mod permute;
pub mod plan;
pub mod prompts;
pub mod providers;
pub mod proxy;
pub mod region;
pub mod settings;
pub mod stored;
pub mod thumbnail;

pub use filename::download_name;
pub use history::HistoryEntry;
pub use pending::PendingJob;
pub use settings::Settings;
