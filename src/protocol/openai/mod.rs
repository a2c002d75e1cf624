//! Dialect 3: OpenAI-compatible chat completions with image output (OpenRouter, Vercel's AI Gateway and
//! relays of the same shape): `POST {base}/v1/chat/completions` with `modalities: ["image", "text"]`,
//! images back in `choices[].message.images[].image_url.url` (data URIs or links), streamed as
//! server-sent events when drafts are asked for.

pub mod build;
pub mod parse;
#[cfg(test)]
mod tests;

pub use build::{body, build, models, MODELS_PATH, PATH};
pub use parse::{parse, parse_scanned, Accumulator};
