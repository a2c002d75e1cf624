//! The closed sets an [`Error`](super::Error) names: which setting a model refuses, which feature a
//! model or provider lacks, what a file turned out to be, why an answer ended early. Each `Display`s as
//! the English words of the error's own `Display`; the UI translates the variant, never the words.

use super::format::plain;
use std::fmt;

/// A setting with a set of values a model takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    AspectRatio,
    ImageSize,
    ThinkingLevel,
    Temperature,
    ImageCount,
}

impl fmt::Display for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Setting::AspectRatio => "aspect ratio",
            Setting::ImageSize => "image size",
            Setting::ThinkingLevel => "thinking level",
            Setting::Temperature => "temperature",
            Setting::ImageCount => "image count",
        })
    }
}

/// The values a setting takes: a list, or a range of numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum Accepted {
    /// The values, in order (`1:1`, `16:9`, …).
    OneOf(Vec<String>),
    /// Every number from `from` to `to`.
    Range { from: f64, to: f64 },
}

impl fmt::Display for Accepted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Accepted::OneOf(values) => f.write_str(&values.join(", ")),
            Accepted::Range { from, to } => write!(f, "{} to {}", plain(*from), plain(*to)),
        }
    }
}

/// Something a model or provider may not offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    ImageSize,
    ThinkingLevel,
    Thoughts,
    WebSearch,
    ImageSearch,
    /// Image search asked for without web search, which it needs.
    ImageSearchAlone,
    SystemInstruction,
    Safety,
    Temperature,
    Editing,
}

impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Feature::ImageSize => "Choosing an image size",
            Feature::ThinkingLevel => "Choosing a thinking level",
            Feature::Thoughts => "Showing thoughts",
            Feature::WebSearch => "Web search grounding",
            Feature::ImageSearch => "Image search grounding",
            Feature::ImageSearchAlone => "Image search without web search",
            Feature::SystemInstruction => "A system instruction",
            Feature::Safety => "Safety settings",
            Feature::Temperature => "Temperature",
            Feature::Editing => "Continuing an edit conversation",
        })
    }
}

/// What a file's bytes turned out to be, when it is not an image the studio takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// A format the studio knows by name (`GIF`, `SVG`, …).
    Format(&'static str),
    /// Image bytes of no format the studio recognises.
    Unrecognised,
    /// Not an image at all.
    NotAnImage,
    /// Not an image, though the provider said it was (its declared type, shortened).
    Declared(String),
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Format(name) => f.write_str(name),
            Found::Unrecognised => f.write_str("not an image this studio recognises"),
            Found::NotAnImage => f.write_str("not an image"),
            Found::Declared(declared) => write!(f, "not an image (declared as {declared})"),
        }
    }
}

/// Why an answer ended before it was whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cut {
    /// The connection closed while the body was arriving.
    ConnectionClosed,
    /// The JSON ended early after this many bytes.
    EndedAfter(usize),
}

impl fmt::Display for Cut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cut::ConnectionClosed => {
                f.write_str("the connection closed while the answer was arriving")
            }
            Cut::EndedAfter(n) => write!(f, "{n} bytes received"),
        }
    }
}

/// Why no image came back, read once from the finish reason for the message and its translation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoImageWhy {
    Safety,
    Prohibited,
    Recitation,
    MaxTokens,
    /// The model decided not to draw (`NO_IMAGE`).
    Declined,
    /// The conversation lost its thought signatures.
    LostSignatures,
    /// The model answered with text only.
    TextOnly,
    /// Any other reason to stop.
    StoppedEarly,
}

impl NoImageWhy {
    /// The reason for a finish reason's wire value (`None`: the answer gave none).
    pub fn of(finish: Option<&str>) -> NoImageWhy {
        match finish.unwrap_or("") {
            "SAFETY" | "IMAGE_SAFETY" => NoImageWhy::Safety,
            "PROHIBITED_CONTENT" | "IMAGE_PROHIBITED_CONTENT" | "BLOCKLIST" | "SPII" => {
                NoImageWhy::Prohibited
            }
            "RECITATION" | "IMAGE_RECITATION" => NoImageWhy::Recitation,
            "MAX_TOKENS" => NoImageWhy::MaxTokens,
            "NO_IMAGE" => NoImageWhy::Declined,
            "MISSING_THOUGHT_SIGNATURE" => NoImageWhy::LostSignatures,
            "" | "STOP" => NoImageWhy::TextOnly,
            _ => NoImageWhy::StoppedEarly,
        }
    }

    /// What happened and what to do, in English.
    pub fn advice(self) -> &'static str {
        match self {
            NoImageWhy::Safety => "it was stopped by the safety filter. Rephrase the prompt or change the references",
            NoImageWhy::Prohibited => "the request touches content the provider prohibits. Change the prompt",
            NoImageWhy::Recitation => "the result was too close to existing material. Make the prompt more original",
            NoImageWhy::MaxTokens => "the answer hit the token limit. Try a shorter prompt or image-only output",
            NoImageWhy::Declined => "the model decided not to draw. Ask for an image explicitly, e.g. \"Generate an image of ...\"",
            NoImageWhy::LostSignatures => "the conversation lost its thought signatures. Start a new edit from the latest image",
            NoImageWhy::TextOnly => "the model answered with text only. Ask for an image explicitly, or turn on image output",
            NoImageWhy::StoppedEarly => "the model stopped early. Try again or rephrase the prompt",
        }
    }
}

/// Why a request waits to be tried again, read once from its error for the countdown and its
/// translation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryCause {
    RateLimited,
    /// A server error, with its status.
    Server(u16),
    Network,
    CutOff,
    /// Anything else, by its error kind.
    Other(&'static str),
}

impl fmt::Display for RetryCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryCause::RateLimited => f.write_str("Rate limited (429)"),
            RetryCause::Server(status) => write!(f, "Server error ({status})"),
            RetryCause::Network => f.write_str("Network failure"),
            RetryCause::CutOff => f.write_str("The answer was cut off"),
            RetryCause::Other(kind) => f.write_str(kind),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_term_reads_as_the_errors_english() {
        assert_eq!(Setting::AspectRatio.to_string(), "aspect ratio");
        assert_eq!(
            Accepted::OneOf(vec!["1:1".into(), "16:9".into()]).to_string(),
            "1:1, 16:9"
        );
        assert_eq!(Accepted::Range { from: 0.0, to: 2.0 }.to_string(), "0 to 2");
        assert_eq!(Accepted::Range { from: 1.0, to: 4.0 }.to_string(), "1 to 4");
        assert_eq!(
            Feature::Editing.to_string(),
            "Continuing an edit conversation"
        );
        assert_eq!(
            Found::Declared("text/html".into()).to_string(),
            "not an image (declared as text/html)"
        );
        assert_eq!(Cut::EndedAfter(12).to_string(), "12 bytes received");
    }
}
