//! What a generation produced, whichever dialect it came from.

use super::image::ImageKind;
use super::request::Turn;
use super::terms::Found;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

/// A decoded image whose bytes were checked to be PNG, JPEG or WebP.
#[derive(Clone, Debug, PartialEq)]
pub struct GeneratedImage {
    /// Format told from the bytes (never from the provider's `mimeType`).
    pub kind: ImageKind,
    pub bytes: Bytes,
}

/// An image the provider hosts; its bytes still have to be downloaded (and checked) by the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteImage {
    pub url: String,
    /// Unix seconds after which the URL stops working, when the provider says.
    pub expires_at: Option<i64>,
}

/// Token counts (`usageMetadata`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Usage {
    #[serde(alias = "prompt_token_count")]
    pub prompt_token_count: Option<u64>,
    #[serde(alias = "candidates_token_count")]
    pub candidates_token_count: Option<u64>,
    #[serde(alias = "thoughts_token_count")]
    pub thoughts_token_count: Option<u64>,
    #[serde(alias = "total_token_count")]
    pub total_token_count: Option<u64>,
    #[serde(default, alias = "candidates_tokens_details")]
    pub candidates_tokens_details: Vec<ModalityTokens>,
}

impl Usage {
    /// Adds `other`'s counts to these (several answers of one call), per modality too.
    pub fn add(&mut self, other: &Usage) {
        let sum = |a: Option<u64>, b: Option<u64>| match (a, b) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        };
        self.prompt_token_count = sum(self.prompt_token_count, other.prompt_token_count);
        self.candidates_token_count =
            sum(self.candidates_token_count, other.candidates_token_count);
        self.thoughts_token_count = sum(self.thoughts_token_count, other.thoughts_token_count);
        self.total_token_count = sum(self.total_token_count, other.total_token_count);
        for d in &other.candidates_tokens_details {
            match self
                .candidates_tokens_details
                .iter_mut()
                .find(|m| m.modality == d.modality)
            {
                Some(m) => m.token_count += d.token_count,
                None => self.candidates_tokens_details.push(d.clone()),
            }
        }
    }
}

/// Tokens per modality, such as `IMAGE: 1290`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModalityTokens {
    #[serde(default)]
    pub modality: String,
    #[serde(default, alias = "token_count")]
    pub token_count: u64,
}

/// Search grounding: what was searched and which pages were used.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grounding {
    pub queries: Vec<String>,
    pub sources: Vec<Source>,
}

/// A page the answer was grounded on; shown as a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub uri: String,
    pub title: String,
}

macro_rules! finish_reasons {
    ($($variant:ident => $wire:literal),* $(,)?) => {
        /// Why the model stopped. An open set: unknown values are kept in [`FinishReason::Unknown`].
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum FinishReason {
            $($variant,)*
            Unknown(String),
        }

        impl FinishReason {
            /// Parses the wire value; never fails.
            pub fn from_wire(s: &str) -> FinishReason {
                match s {
                    $($wire => FinishReason::$variant,)*
                    other => FinishReason::Unknown(other.to_string()),
                }
            }

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $(FinishReason::$variant => $wire,)*
                    FinishReason::Unknown(s) => s,
                }
            }
        }
    };
}

finish_reasons! {
    Stop => "STOP",
    MaxTokens => "MAX_TOKENS",
    Safety => "SAFETY",
    Recitation => "RECITATION",
    Other => "OTHER",
    Blocklist => "BLOCKLIST",
    ProhibitedContent => "PROHIBITED_CONTENT",
    Spii => "SPII",
    ImageSafety => "IMAGE_SAFETY",
    ImageProhibitedContent => "IMAGE_PROHIBITED_CONTENT",
    ImageOther => "IMAGE_OTHER",
    NoImage => "NO_IMAGE",
    ImageRecitation => "IMAGE_RECITATION",
    MissingThoughtSignature => "MISSING_THOUGHT_SIGNATURE",
    MalformedFunctionCall => "MALFORMED_FUNCTION_CALL",
    FinishReasonUnspecified => "FINISH_REASON_UNSPECIFIED",
}

/// The parsed result of one generation request.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Generation {
    /// Final images, in order; the last one is the final image when there are several.
    pub images: Vec<GeneratedImage>,
    /// Interim draft images (`"thought": true`), in order.
    pub drafts: Vec<GeneratedImage>,
    /// Hosted images still to download (URLs in text, `fileData`, task results).
    pub remote: Vec<RemoteImage>,
    /// Caption text (plain text; never to be rendered as HTML).
    pub text: String,
    /// Thought summaries, when thoughts were asked for.
    pub thoughts: String,
    pub usage: Option<Usage>,
    pub grounding: Grounding,
    pub finish_reason: Option<FinishReason>,
    pub model_version: Option<String>,
    /// The model's turn, verbatim, to send back when continuing to edit.
    pub turn: Option<Turn>,
}

impl Generation {
    /// The final image: the last non-thought image.
    pub fn final_image(&self) -> Option<&GeneratedImage> {
        self.images.last()
    }
}

/// Accepts downloaded or decoded bytes as an image only if they are PNG, JPEG or WebP; anything
/// else (SVG, HTML, text, truncated data) is refused whatever the provider declared.
pub fn checked_image(bytes: Bytes, declared: &str) -> super::error::Result<GeneratedImage> {
    match super::image::sniff(&bytes) {
        Some(kind) if kind.is_displayable() => Ok(GeneratedImage { kind, bytes }),
        Some(kind) => Err(super::error::Error::UnsafeImage {
            found: Found::Format(kind.name()),
        }),
        None if declared.trim().is_empty() => Err(super::error::Error::UnsafeImage {
            found: Found::NotAnImage,
        }),
        None => Err(super::error::Error::UnsafeImage {
            found: Found::Declared(super::error::excerpt(declared, 40)),
        }),
    }
}

impl RemoteImage {
    /// True when `now` (Unix seconds) is past the expiry the provider gave.
    pub fn is_expired(&self, now: i64) -> bool {
        self.expires_at.is_some_and(|t| now >= t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_adds_up_per_field_and_per_modality() {
        let one = |image, text| Usage {
            prompt_token_count: Some(10),
            candidates_token_count: Some(image + text),
            thoughts_token_count: None,
            total_token_count: Some(10 + image + text),
            candidates_tokens_details: vec![ModalityTokens {
                modality: "IMAGE".into(),
                token_count: image,
            }],
        };
        let mut sum = one(1290, 10);
        sum.add(&one(1120, 0));
        assert_eq!(sum.prompt_token_count, Some(20));
        assert_eq!(sum.candidates_token_count, Some(2420));
        assert_eq!(sum.thoughts_token_count, None);
        assert_eq!(sum.total_token_count, Some(2440));
        assert_eq!(sum.candidates_tokens_details.len(), 1);
        assert_eq!(sum.candidates_tokens_details[0].token_count, 2410);
    }
}
