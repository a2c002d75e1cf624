//! Banana Studio: a browser client for Google's Gemini image models.
//!
//! - [`protocol`]: the pure protocol core (request building, response parsing, validation, errors),
//!   tested natively with `cargo test`.

pub mod protocol;
