//! Banana Studio: a browser client for Google's Gemini image models.
//!
//! - [`protocol`]: the pure protocol core (request building, response parsing, validation, errors).
//! - [`studio`]: the app's own rules (settings, file names), also pure.
//! - [`browser`]: thin glue over web-sys (fetch, files, blob URLs, storage).
//! - [`ui`]: Leptos components that arrange state and views.

pub mod browser;
pub mod protocol;
pub mod studio;
pub mod ui;

pub use ui::Studio;
