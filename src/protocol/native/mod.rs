//! Dialect 1: Gemini native `generateContent` (Google, Anyfast, Tokaify, custom relays).

pub mod build;
pub mod parse;
pub mod sse;

pub use build::{body, build, path};
pub use parse::{parse, Accumulator};
pub use sse::SseDecoder;
