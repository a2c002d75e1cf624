//! The protocol core: pure Rust, no browser types. Turns what the user asked for into the exact HTTP
//! request a provider expects, and whatever the provider answers into images, text or a typed error.

pub mod b64;
pub mod catalogue;
pub mod check;
pub mod cors;
pub mod error;
pub mod format;
pub mod http;
pub mod http_error;
pub mod image;
pub mod key;
pub mod native;
pub mod openai;
pub mod provider;
pub mod request;
pub mod response;
pub mod retry;
pub mod task;
pub mod terms;
pub mod text_images;
pub mod validate;

pub use catalogue::{capabilities, models_for, Capabilities, ImageSize, ThinkingLevel};
pub use cors::CorsWhy;
pub use error::{Error, HttpError, HttpProblem, Result, RetryHint};
pub use http::{HttpRequest, Method};
pub use provider::{ApiKey, AuthPlacement, Dialect, Preset, Provider};
pub use request::{
    GenerationRequest, Modalities, Part, PartData, Reference, Role, SafetySetting, Turn,
};
pub use response::{FinishReason, GeneratedImage, Generation, Grounding, RemoteImage, Usage};
pub use terms::{Accepted, Cut, Feature, Found, NoImageWhy, RetryCause, Setting};
pub use validate::validate;
