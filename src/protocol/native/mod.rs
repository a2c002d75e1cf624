//! Dialect 1: Gemini native `generateContent` (Google, Anyfast, Tokaify, custom relays).

pub mod build;
pub mod parse;
pub mod scan;
pub mod sse;

pub use build::{body, build, path};
pub use parse::{parse, parse_scanned, Accumulator};
pub use scan::Scanner;
pub use sse::SseDecoder;
