//! Every failure the studio can show, as one typed enum with a user-facing message and a retry hint.
//!
//! Messages say what went wrong and what to do. They are built only from text that has already been
//! redacted (see [`super::http_error`]), so they never contain the API key.

use super::cors::CorsWhy;
pub use super::format::{excerpt, human_size};
use super::terms::{Accepted, Cut, Feature, Found, NoImageWhy, RetryCause, Setting};
use std::time::Duration;
use thiserror::Error;

/// Whether trying again can help.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RetryHint {
    /// The same request will fail again: the user has to change something first.
    Never,
    /// Try again after the given delay (the provider said so).
    After(Duration),
    /// A passing failure: try again with backoff.
    Backoff,
}

/// The studio's error type. `Display` is the user-facing message.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum Error {
    // ---- before sending ----
    #[error("Write a prompt first: the model needs a description of the image you want.")]
    EmptyPrompt,
    #[error("Paste your API key for {provider} first.")]
    MissingKey { provider: String },
    #[error("The base URL \"{url}\" is not a valid http(s) address. Enter something like https://api.example.com.")]
    InvalidBaseUrl { url: String },
    #[error("The CORS proxy \"{url}\" must be an https:// address (http:// only on this machine), such as https://my-proxy.example.workers.dev: your key passes through it. Correct it, or clear the field.")]
    InvalidProxyUrl { url: String },
    #[error("Enter a model id.")]
    MissingModel,
    #[error("{model} does not support {option} \"{value}\". Choose one of: {supported}.")]
    Unsupported {
        model: String,
        option: Setting,
        value: String,
        supported: Accepted,
    },
    #[error("{what} is not available with {model} on this provider. Turn it off to continue.")]
    OptionUnavailable { model: String, what: Feature },
    #[error("{given} reference images is more than {model} takes ({max}). Remove {excess} of them.", excess = given - max)]
    TooManyReferences {
        model: String,
        given: usize,
        max: usize,
    },
    #[error("Reference {index} ({name}) is {size}, more than the {max} this provider accepts per image. Use a smaller image.", size = human_size(*size), max = human_size(*max))]
    ReferenceTooLarge {
        index: usize,
        name: String,
        size: usize,
        max: usize,
    },
    #[error("Reference {index} ({name}) is empty. Choose the file again.")]
    ReferenceEmpty { index: usize, name: String },
    #[error("Reference {index} ({name}) is cut short: the file ends before the image does. Save or download it again, then add it.")]
    ReferenceTruncated { index: usize, name: String },
    #[error(
        "Reference {index} ({name}) is {found}, which this provider does not take. Use {accepted}."
    )]
    UnsupportedReference {
        index: usize,
        name: String,
        found: Found,
        accepted: String,
    },
    #[error("The request would be {size}, more than the {max} this provider accepts. Remove some references, or pick a smaller \"Shrink to\" size in the References panel.", size = human_size(*size), max = human_size(*max))]
    RequestTooLarge { size: usize, max: usize },

    // ---- transport ----
    #[error("Could not reach {host}: nothing answered there. Check your connection and the base URL with its port (and the CORS proxy, if you set one).")]
    Network { host: String },
    #[error("{}", why.message(host))]
    Cors { host: String, why: CorsWhy },
    #[error("{host} did not answer within {seconds} s. Try again, or pick a smaller image size.")]
    Timeout { host: String, seconds: u64 },
    #[error("Cancelled.")]
    Cancelled,

    // ---- provider answered with an error ----
    #[error("{0}")]
    Http(HttpError),

    // ---- provider answered, but not with something usable ----
    #[error("The answer from the provider was cut off before it ended ({detail}). Try again.")]
    Truncated { detail: Cut },
    #[error("The provider answered with something the studio cannot read ({detail}). Check the base URL and dialect of the provider.")]
    Malformed { detail: String },
    #[error("The provider sent image data that is not valid base64. Try again; if it keeps happening, the relay is corrupting images.")]
    InvalidBase64,
    #[error("The provider sent an image that is {found}, not PNG, JPEG or WebP; it was refused for safety.")]
    UnsafeImage { found: Found },
    #[error("The prompt was blocked ({reason}). Rephrase the prompt or change the references.")]
    Blocked { reason: String },
    #[error("{}", no_image_message(finish_reason.as_deref(), text.as_deref()))]
    NoImage {
        finish_reason: Option<String>,
        text: Option<String>,
    },
    #[error("The provider's answer grew past {max}, far more than any image needs, so reading stopped. Check that the base URL points at an image API; if it does, tell the provider.", max = human_size(*max))]
    ResponseTooLarge { max: usize },

    // ---- task API ----
    #[error("The provider reports the task failed: {message}. Your prompt and references are kept; try again.")]
    TaskFailed { message: String },
    #[error("The provider cancelled the task. Try again.")]
    TaskCancelled,
    #[error("The task did not finish within {seconds} s. It may still complete on the provider's side; try again later.")]
    TaskTimeout { seconds: u64 },
    #[error(
        "The result image link expired before it could be downloaded. Run the generation again."
    )]
    ImageExpired,
}

/// An error answer from the provider, already redacted.
#[derive(Clone, Debug, PartialEq)]
pub struct HttpError {
    /// HTTP status code.
    pub status: u16,
    /// Google's `error.status`, such as `RESOURCE_EXHAUSTED`.
    pub code: Option<String>,
    /// Google's `ErrorInfo.reason`, such as `API_KEY_INVALID`.
    pub reason: Option<String>,
    /// The provider's own message (JSON message, or a short excerpt of an HTML page), redacted.
    pub detail: String,
    /// `RetryInfo.retryDelay` or `Retry-After`.
    pub retry_after: Option<Duration>,
}

/// What an HTTP error answer means for the user: one reading of status and reason, shared by the
/// message, the error's kind and the UI's translation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpProblem {
    InvalidKey,
    Payment,
    Forbidden,
    NotFound,
    RateLimited,
    CancelledThere,
    BadRequest,
    Server,
    Other,
}

impl HttpProblem {
    /// The advice, in English.
    pub fn advice(self) -> &'static str {
        match self {
            HttpProblem::InvalidKey => "The API key was rejected. Check that you pasted the whole key for this provider.",
            HttpProblem::Payment => "The provider says your balance or plan does not cover this request. Top up or pick a cheaper option.",
            HttpProblem::Forbidden => "The key is not allowed to use this model or endpoint. Check the key's permissions and the model id.",
            HttpProblem::NotFound => "The provider does not know this model or address. Check the model id and base URL.",
            HttpProblem::RateLimited => "Rate limit or quota reached. Wait a moment and try again.",
            HttpProblem::CancelledThere => "The request was cancelled on the provider's side. Try again.",
            HttpProblem::BadRequest => "The provider rejected the request. Change what the message points at and try again.",
            HttpProblem::Server => "The provider had a temporary problem. Try again in a moment.",
            HttpProblem::Other => "The provider answered with an error.",
        }
    }

    /// The machine-readable kind of the error.
    pub fn kind(self) -> &'static str {
        match self {
            HttpProblem::InvalidKey => "invalid-key",
            HttpProblem::Payment => "payment-required",
            HttpProblem::Forbidden => "forbidden",
            HttpProblem::NotFound => "not-found",
            HttpProblem::RateLimited => "rate-limited",
            HttpProblem::BadRequest => "bad-request",
            HttpProblem::Server => "server-error",
            HttpProblem::CancelledThere | HttpProblem::Other => "http",
        }
    }
}

impl HttpError {
    /// What the answer means, from its status and Google's reason.
    pub fn problem(&self) -> HttpProblem {
        match (self.status, self.reason.as_deref()) {
            (_, Some("API_KEY_INVALID")) | (401, _) => HttpProblem::InvalidKey,
            (402, _) => HttpProblem::Payment,
            (403, _) => HttpProblem::Forbidden,
            (404, _) => HttpProblem::NotFound,
            (429, _) => HttpProblem::RateLimited,
            (499, _) => HttpProblem::CancelledThere,
            (400, _) => HttpProblem::BadRequest,
            (500..=599, _) => HttpProblem::Server,
            _ => HttpProblem::Other,
        }
    }
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let advice = self.problem().advice();
        write!(f, "{advice} (HTTP {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        f.write_str(")")?;
        if let Some(d) = self.retry_after {
            write!(f, " Retry in {} s.", d.as_secs_f64().ceil() as u64)?;
        }
        if !self.detail.is_empty() {
            write!(f, " Provider says: {}", self.detail)?;
        }
        Ok(())
    }
}

impl Error {
    /// The user-facing message (the same text as `Display`).
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// Whether and when a retry may help.
    pub fn retry_hint(&self) -> RetryHint {
        match self {
            Error::Network { .. }
            | Error::Truncated { .. }
            | Error::Cors {
                why: CorsWhy::AnswerHidden,
                ..
            } => RetryHint::Backoff,
            Error::Http(h) => match h.status {
                429 | 500 | 502 | 503 | 504 => {
                    h.retry_after.map_or(RetryHint::Backoff, RetryHint::After)
                }
                _ => RetryHint::Never,
            },
            _ => RetryHint::Never,
        }
    }

    /// The same error with every occurrence of `key` in its text replaced by `[redacted]`.
    /// Applied at each public parser boundary, whatever produced the text.
    pub fn redacted(self, key: &super::key::ApiKey) -> Error {
        let r = |s: String| key.redact(&s);
        match self {
            Error::InvalidBaseUrl { url } => Error::InvalidBaseUrl { url: r(url) },
            Error::InvalidProxyUrl { url } => Error::InvalidProxyUrl { url: r(url) },
            Error::Unsupported {
                model,
                option,
                value,
                supported,
            } => Error::Unsupported {
                model: r(model),
                option,
                value: r(value),
                supported,
            },
            Error::Http(mut h) => {
                h.detail = r(h.detail);
                h.code = h.code.map(r);
                h.reason = h.reason.map(r);
                Error::Http(h)
            }
            Error::Malformed { detail } => Error::Malformed { detail: r(detail) },
            Error::UnsafeImage {
                found: Found::Declared(d),
            } => Error::UnsafeImage {
                found: Found::Declared(r(d)),
            },
            Error::Blocked { reason } => Error::Blocked { reason: r(reason) },
            Error::NoImage {
                finish_reason,
                text,
            } => Error::NoImage {
                finish_reason: finish_reason.map(r),
                text: text.map(r),
            },
            Error::TaskFailed { message } => Error::TaskFailed {
                message: r(message),
            },
            other => other,
        }
    }

    /// Why a retry of this error waits, for the countdown.
    pub fn retry_cause(&self) -> RetryCause {
        match self {
            Error::Http(h) if h.status == 429 => RetryCause::RateLimited,
            Error::Http(h) => RetryCause::Server(h.status),
            Error::Network { .. }
            | Error::Cors {
                why: CorsWhy::AnswerHidden,
                ..
            } => RetryCause::Network,
            Error::Truncated { .. } => RetryCause::CutOff,
            other => RetryCause::Other(other.kind()),
        }
    }

    /// A short machine-readable kind, used by tests and the UI's `data-kind` attribute.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::EmptyPrompt => "empty-prompt",
            Error::MissingKey { .. } => "missing-key",
            Error::InvalidBaseUrl { .. } => "invalid-base-url",
            Error::InvalidProxyUrl { .. } => "invalid-proxy-url",
            Error::MissingModel => "missing-model",
            Error::Unsupported { .. } => "unsupported-option",
            Error::OptionUnavailable { .. } => "option-unavailable",
            Error::TooManyReferences { .. } => "too-many-references",
            Error::ReferenceTooLarge { .. } => "reference-too-large",
            Error::ReferenceEmpty { .. } => "reference-empty",
            Error::ReferenceTruncated { .. } => "reference-truncated",
            Error::UnsupportedReference { .. } => "unsupported-reference",
            Error::RequestTooLarge { .. } => "request-too-large",
            Error::Network { .. } => "network",
            // Not a refusal: this request's answer was lost, as on a network failure.
            Error::Cors {
                why: CorsWhy::AnswerHidden,
                ..
            } => "network",
            Error::Cors { .. } => "cors",
            Error::Timeout { .. } => "timeout",
            Error::Cancelled => "cancelled",
            Error::Http(h) => h.problem().kind(),
            Error::Truncated { .. } => "truncated",
            Error::Malformed { .. } => "malformed",
            Error::InvalidBase64 => "invalid-base64",
            Error::UnsafeImage { .. } => "unsafe-image",
            Error::Blocked { .. } => "blocked",
            Error::NoImage { .. } => "no-image",
            Error::ResponseTooLarge { .. } => "response-too-large",
            Error::TaskFailed { .. } => "task-failed",
            Error::TaskCancelled => "task-cancelled",
            Error::TaskTimeout { .. } => "task-timeout",
            Error::ImageExpired => "image-expired",
        }
    }
}

fn no_image_message(finish: Option<&str>, text: Option<&str>) -> String {
    let why = NoImageWhy::of(finish).advice();
    let mut msg = match finish {
        Some(f) if f != "STOP" => format!("No image was returned ({f}): {why}."),
        _ => format!("No image was returned: {why}."),
    };
    if let Some(t) = text.filter(|t| !t.trim().is_empty()) {
        msg.push_str(" The model said: ");
        msg.push_str(&excerpt(t, 300));
    }
    msg
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An HTTP error with only a status and a delay (for this module's tests and `retry`'s).
    pub(crate) fn http(status: u16, retry_after: Option<Duration>) -> Error {
        Error::Http(HttpError {
            status,
            code: None,
            reason: None,
            detail: String::new(),
            retry_after,
        })
    }

    #[test]
    fn retry_hints_follow_status() {
        assert_eq!(http(400, None).retry_hint(), RetryHint::Never);
        assert_eq!(http(401, None).retry_hint(), RetryHint::Never);
        assert_eq!(http(403, None).retry_hint(), RetryHint::Never);
        assert_eq!(http(503, None).retry_hint(), RetryHint::Backoff);
        let d = Duration::from_millis(57_200);
        assert_eq!(http(429, Some(d)).retry_hint(), RetryHint::After(d));
        assert!(http(429, Some(d)).message().contains("Retry in 58 s"));
        assert_eq!(
            Error::Blocked {
                reason: "SAFETY".into()
            }
            .retry_hint(),
            RetryHint::Never
        );
        assert_eq!(
            Error::Network { host: "h".into() }.retry_hint(),
            RetryHint::Backoff
        );
    }

    #[test]
    fn no_image_says_why() {
        let e = Error::NoImage {
            finish_reason: Some("IMAGE_SAFETY".into()),
            text: Some("I can't draw that.".into()),
        };
        let m = e.message();
        assert!(
            m.contains("IMAGE_SAFETY")
                && m.contains("safety filter")
                && m.contains("I can't draw that."),
            "{m}"
        );
        let unknown = Error::NoImage {
            finish_reason: Some("BRAND_NEW".into()),
            text: None,
        }
        .message();
        assert!(unknown.contains("BRAND_NEW"), "{unknown}");
    }

    #[test]
    fn validation_messages_name_the_fix() {
        let m = Error::TooManyReferences {
            model: "m".into(),
            given: 16,
            max: 14,
        }
        .message();
        assert!(m.contains("Remove 2"), "{m}");
        let m = Error::ReferenceTooLarge {
            index: 2,
            name: "a.png".into(),
            size: 12_000_000,
            max: 10_000_000,
        }
        .message();
        assert!(m.contains("12.0 MB") && m.contains("10.0 MB"), "{m}");
        assert_eq!(human_size(4_295_000_000), "4.3 GB");
        assert_eq!(human_size(999), "999 B");
    }

    #[test]
    fn excerpt_cuts_and_collapses() {
        assert_eq!(excerpt("  a \n\n b  ", 10), "a b");
        assert_eq!(excerpt("abcdefghijkl", 5), "abcde…");
        assert_eq!(excerpt("ééééé ééééé", 3), "ééé…");
    }
}
