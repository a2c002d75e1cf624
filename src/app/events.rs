//! What the studio tells the page around it: each finished generation and each error shown. The custom
//! element turns these into DOM events; a Leptos app passes callbacks to `ui::Studio`.

use crate::protocol::{GeneratedImage, Usage};
use leptos::prelude::*;

/// One generation's images and text, as they arrived.
#[derive(Clone, Debug)]
pub struct StudioResult {
    pub prompt: String,
    pub model: String,
    pub images: Vec<GeneratedImage>,
    pub text: String,
    pub usage: Option<Usage>,
}

/// An error the studio showed the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StudioError {
    /// Machine-readable (`invalid-key`, `rate-limited`, ...), as the protocol core names it.
    pub kind: String,
    /// What went wrong and what to do, as shown.
    pub message: String,
}

/// The callbacks a host gave the studio.
#[derive(Clone, Default)]
pub struct StudioEvents {
    pub on_result: Option<UnsyncCallback<StudioResult>>,
    pub on_error: Option<UnsyncCallback<StudioError>>,
}

impl StudioEvents {
    /// Tells the host about a finished generation.
    pub fn result(&self, r: StudioResult) {
        if let Some(f) = &self.on_result {
            f.run(r);
        }
    }

    /// Tells the host about an error shown.
    pub fn error(&self, e: StudioError) {
        if let Some(f) = &self.on_error {
            f.run(e);
        }
    }
}
