//! Words for the user that are put together now and shown later (status line, alert, notes), and the
//! localized texts of the pure core's errors and summaries. The core keeps its English `Display` for
//! logs and tests; here each variant and its fields go through the locale files, so the English
//! translation reads exactly as `Display` does.

use super::i18n::{td_string, Locale};
use crate::browser::history_db::{Doing, HistoryError};
use crate::browser::resize::ShrinkError;
use crate::protocol::error::{excerpt, human_size, HttpError};
use crate::protocol::{Accepted, Cut, Error, Feature, Found, HttpProblem, Setting};
use crate::studio::archive::ArchiveError;
use crate::studio::downscale::{Reason, Resized};
use std::sync::Arc;

/// A message kept as a function of the locale, so switching the language translates what is
/// already on screen.
#[derive(Clone)]
pub struct Text(Arc<dyn Fn(Locale) -> String + Send + Sync>);

impl Text {
    /// A message written by `f` in the locale it is given.
    pub fn new(f: impl Fn(Locale) -> String + Send + Sync + 'static) -> Self {
        Text(Arc::new(f))
    }

    /// The message in `locale`.
    pub fn get(&self, locale: Locale) -> String {
        (self.0)(locale)
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::new(|_| String::new())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Text({:?})", self.get(Locale::en))
    }
}

/// A [`Text`] from a translation key and its variables, which are evaluated once, here:
/// `text!(status.done)`, `text!(refs.preparing, name = name.clone())`.
#[macro_export]
macro_rules! text {
    ($($key:ident).+ $(, $var:ident = $value:expr)* $(,)?) => {{
        $(#[allow(clippy::redundant_locals)] let $var = $value;)*
        $crate::ui::messages::Text::new(move |locale| {
            $crate::ui::i18n::td_string!(locale, $($key).+ $(, $var = &$var)*).to_string()
        })
    }};
}

/// `message`, then how many times the request was tried.
pub fn tried(message: Text, times: u8) -> Text {
    Text::new(move |l| td_string!(l, alert.tried, message = message.get(l), n = times).to_string())
}

/// `message` about one prompt of a batch, quoting the prompt.
pub fn in_batch(prompt: String, message: Text) -> Text {
    Text::new(move |l| {
        td_string!(
            l,
            alert.in_batch,
            prompt = &prompt,
            message = message.get(l)
        )
        .to_string()
    })
}

/// Several messages as one, in the order they arose.
pub fn joined(messages: Vec<Text>) -> Text {
    Text::new(move |l| {
        let parts: Vec<String> = messages.iter().map(|m| m.get(l)).collect();
        // Chinese sentences end in full-width stops and are not separated by spaces.
        parts.join(if l == Locale::en { " " } else { "" })
    })
}

/// What `e` says, in the language current when it is shown.
pub fn error(e: &Error) -> Text {
    let e = e.clone();
    Text::new(move |l| error_in(&e, l))
}

/// What `e` says in `l`: the same words as `e`'s `Display` in English.
pub fn error_in(e: &Error, l: Locale) -> String {
    let s = |n: &usize| human_size(*n);
    match e {
        Error::EmptyPrompt => td_string!(l, error.empty_prompt).to_string(),
        Error::MissingKey { provider } => td_string!(l, error.missing_key, provider).to_string(),
        Error::InvalidBaseUrl { url } => td_string!(l, error.invalid_base_url, url).to_string(),
        Error::MissingModel => td_string!(l, error.missing_model).to_string(),
        Error::Unsupported {
            model,
            option,
            value,
            supported,
        } => td_string!(
            l,
            error.unsupported,
            model,
            option = setting(*option, l),
            value,
            supported = accepted(supported, l)
        )
        .to_string(),
        Error::OptionUnavailable { model, what } => {
            td_string!(l, error.option_unavailable, what = feature(*what, l), model).to_string()
        }
        Error::TooManyReferences { model, given, max } => {
            let excess = given.saturating_sub(*max);
            td_string!(l, error.too_many_references, given, model, max, excess).to_string()
        }
        Error::ReferenceTooLarge {
            index,
            name,
            size,
            max,
        } => td_string!(
            l,
            error.reference_too_large,
            index,
            name,
            size = s(size),
            max = s(max)
        )
        .to_string(),
        Error::ReferenceEmpty { index, name } => {
            td_string!(l, error.reference_empty, index, name).to_string()
        }
        Error::ReferenceTruncated { index, name } => {
            td_string!(l, error.reference_truncated, index, name).to_string()
        }
        Error::UnsupportedReference {
            index,
            name,
            found,
            accepted,
        } => td_string!(
            l,
            error.unsupported_reference,
            index,
            name,
            found = found_in(found, l),
            accepted
        )
        .to_string(),
        Error::RequestTooLarge { size, max } => {
            td_string!(l, error.request_too_large, size = s(size), max = s(max)).to_string()
        }
        Error::Network { host } => td_string!(l, error.network, host).to_string(),
        Error::Timeout { host, seconds } => td_string!(l, error.timeout, host, seconds).to_string(),
        Error::Cancelled => td_string!(l, error.cancelled).to_string(),
        Error::Http(h) => http_in(h, l),
        Error::Truncated { detail } => {
            td_string!(l, error.truncated, detail = cut(detail, l)).to_string()
        }
        Error::Malformed { detail } => td_string!(l, error.malformed, detail).to_string(),
        Error::InvalidBase64 => td_string!(l, error.invalid_base64).to_string(),
        Error::UnsafeImage { found } => {
            td_string!(l, error.unsafe_image, found = found_in(found, l)).to_string()
        }
        Error::Blocked { reason } => td_string!(l, error.blocked, reason).to_string(),
        Error::NoImage {
            finish_reason,
            text,
        } => no_image_in(finish_reason.as_deref(), text.as_deref(), l),
        Error::ResponseTooLarge { max } => {
            td_string!(l, error.response_too_large, max = s(max)).to_string()
        }
        Error::TaskFailed { message } => td_string!(l, error.task_failed, message).to_string(),
        Error::TaskCancelled => td_string!(l, error.task_cancelled).to_string(),
        Error::TaskTimeout { seconds } => td_string!(l, error.task_timeout, seconds).to_string(),
        Error::ImageExpired => td_string!(l, error.image_expired).to_string(),
    }
}

/// A setting's name in `l`.
fn setting(s: Setting, l: Locale) -> String {
    match s {
        Setting::AspectRatio => td_string!(l, error.option_aspect_ratio),
        Setting::ImageSize => td_string!(l, error.option_image_size),
        Setting::ThinkingLevel => td_string!(l, error.option_thinking_level),
        Setting::Temperature => td_string!(l, error.option_temperature),
        Setting::ImageCount => td_string!(l, error.option_image_count),
    }
    .to_string()
}

/// The values a setting takes, in `l` (the values themselves as they are).
fn accepted(a: &Accepted, l: Locale) -> String {
    match a {
        Accepted::OneOf(values) => values.join(", "),
        Accepted::Range { from, to } => td_string!(l, error.range, from, to).to_string(),
    }
}

/// A feature's name in `l`.
fn feature(f: Feature, l: Locale) -> String {
    match f {
        Feature::ImageSize => td_string!(l, error.what_image_size),
        Feature::ThinkingLevel => td_string!(l, error.what_thinking_level),
        Feature::Thoughts => td_string!(l, error.what_thoughts),
        Feature::WebSearch => td_string!(l, error.what_web_search),
        Feature::ImageSearch => td_string!(l, error.what_image_search),
        Feature::ImageSearchAlone => td_string!(l, error.what_image_search_alone),
        Feature::SystemInstruction => td_string!(l, error.what_system),
        Feature::Safety => td_string!(l, error.what_safety),
        Feature::Temperature => td_string!(l, error.what_temperature),
        Feature::Editing => td_string!(l, error.what_edit),
    }
    .to_string()
}

/// What a file turned out to be, in `l` (a format's name as it is).
fn found_in(f: &Found, l: Locale) -> String {
    match f {
        Found::Format(name) => name.to_string(),
        Found::Unrecognised => td_string!(l, error.not_recognised).to_string(),
        Found::NotAnImage => td_string!(l, error.not_an_image).to_string(),
        Found::Declared(declared) => {
            td_string!(l, error.not_an_image_declared, declared).to_string()
        }
    }
}

/// Why an answer ended early, in `l`.
fn cut(c: &Cut, l: Locale) -> String {
    match c {
        Cut::ConnectionClosed => td_string!(l, error.connection_closed).to_string(),
        Cut::EndedAfter(n) => td_string!(l, error.bytes_received, n).to_string(),
    }
}

/// An HTTP error: advice for its status, then the status, the provider's delay and its own words.
fn http_in(h: &HttpError, l: Locale) -> String {
    let advice = match h.problem() {
        HttpProblem::InvalidKey => td_string!(l, http.invalid_key),
        HttpProblem::Payment => td_string!(l, http.payment),
        HttpProblem::Forbidden => td_string!(l, http.forbidden),
        HttpProblem::NotFound => td_string!(l, http.not_found),
        HttpProblem::RateLimited => td_string!(l, http.rate_limited),
        HttpProblem::CancelledThere => td_string!(l, http.cancelled),
        HttpProblem::BadRequest => td_string!(l, http.bad_request),
        HttpProblem::Server => td_string!(l, http.server),
        HttpProblem::Other => td_string!(l, http.other),
    };
    let status = match &h.code {
        Some(code) => format!("{} {code}", h.status),
        None => h.status.to_string(),
    };
    let mut message = td_string!(l, http.status, advice, status).to_string();
    if let Some(d) = h.retry_after {
        let seconds = d.as_secs_f64().ceil() as u64;
        message = td_string!(l, http.retry_in, message, seconds).to_string();
    }
    if !h.detail.is_empty() {
        message = td_string!(l, http.provider_says, message, detail = &h.detail).to_string();
    }
    message
}

/// Why no image came back, and what the model said instead.
fn no_image_in(finish: Option<&str>, text: Option<&str>, l: Locale) -> String {
    let why = match finish.unwrap_or("") {
        "SAFETY" | "IMAGE_SAFETY" => td_string!(l, error.why_safety),
        "PROHIBITED_CONTENT" | "IMAGE_PROHIBITED_CONTENT" | "BLOCKLIST" | "SPII" => {
            td_string!(l, error.why_prohibited)
        }
        "RECITATION" | "IMAGE_RECITATION" => td_string!(l, error.why_recitation),
        "MAX_TOKENS" => td_string!(l, error.why_max_tokens),
        "NO_IMAGE" => td_string!(l, error.why_no_image),
        "MISSING_THOUGHT_SIGNATURE" => td_string!(l, error.why_signature),
        "" | "STOP" => td_string!(l, error.why_text_only),
        _ => td_string!(l, error.why_stopped),
    };
    let message = match finish {
        Some(finish) if finish != "STOP" => {
            td_string!(l, error.no_image_because, finish, why).to_string()
        }
        _ => td_string!(l, error.no_image, why).to_string(),
    };
    match text.filter(|t| !t.trim().is_empty()) {
        Some(t) => td_string!(l, error.model_said, message, text = excerpt(t, 300)).to_string(),
        None => message,
    }
}

/// The few words of the retry countdown ("Rate limited (429)"), as `protocol::retry::reason` says
/// them in English.
pub fn retry_reason(e: &Error) -> Text {
    let e = e.clone();
    Text::new(move |l| match &e {
        Error::Http(h) if h.status == 429 => td_string!(l, retry.rate_limited).to_string(),
        Error::Http(h) => td_string!(l, retry.server, status = h.status).to_string(),
        Error::Network { .. } => td_string!(l, retry.network).to_string(),
        Error::Truncated { .. } => td_string!(l, retry.cut_off).to_string(),
        other => other.kind().to_string(),
    })
}

/// What shrinking a reference changed, and why (`Resized::summary` in English).
pub fn resized(r: &Resized) -> Text {
    let r = r.clone();
    Text::new(move |l| {
        let saved = r.saved_percent();
        let saving = if saved >= 0.5 {
            td_string!(l, refs.smaller, percent = format!("{saved:.0}")).to_string()
        } else {
            td_string!(l, refs.not_smaller).to_string()
        };
        let why = match r.reason {
            Reason::LongEdge(px) => td_string!(l, refs.over_long_edge, px).to_string(),
            Reason::Bytes(max) => td_string!(l, refs.over_bytes, max = human_size(max)).to_string(),
        };
        td_string!(
            l,
            refs.summary,
            from = format!("{}×{}", r.from.0, r.from.1),
            to = format!("{}×{}", r.to.0, r.to.1),
            kind = r.kind.name(),
            from_bytes = human_size(r.from_bytes),
            to_bytes = human_size(r.to_bytes),
            saving,
            why
        )
        .to_string()
    })
}

/// Why a reference could not be shrunk, as a clause ("the browser could not shrink it").
pub fn shrink_in(e: &ShrinkError, l: Locale) -> String {
    match e {
        ShrinkError::CannotDecode { max, kind } => td_string!(
            l,
            refs.shrink_cannot_decode,
            max = human_size(*max),
            kind = kind.name()
        )
        .to_string(),
        ShrinkError::Unreadable => td_string!(l, refs.shrink_unreadable).to_string(),
        ShrinkError::Failed => td_string!(l, refs.shrink_failed).to_string(),
        ShrinkError::TooLarge { max } => {
            td_string!(l, refs.shrink_too_large, max = human_size(*max)).to_string()
        }
    }
}

/// Why the history could not be read or written.
pub fn history(e: &HistoryError) -> Text {
    let e = e.clone();
    Text::new(move |l| {
        let action = match e.doing {
            Doing::Open => td_string!(l, history.open),
            Doing::Save => td_string!(l, history.save),
            Doing::SaveThumb => td_string!(l, history.save_thumb),
            Doing::Read => td_string!(l, history.read),
            Doing::Search => td_string!(l, history.search),
            Doing::ReadImage => td_string!(l, history.read_image),
            Doing::ReadReferences => td_string!(l, history.read_references),
            Doing::Delete => td_string!(l, history.delete),
            Doing::KeepDraft => td_string!(l, history.keep_draft),
            Doing::ReadDraft => td_string!(l, history.read_draft),
        };
        if e.doing == Doing::Open && !e.full {
            td_string!(l, limits.history_off).to_string()
        } else if e.full {
            td_string!(l, history.full, action).to_string()
        } else {
            td_string!(l, history.failed, action, detail = &e.detail).to_string()
        }
    })
}

/// Why a history ZIP could not be written or read.
pub fn archive(e: &ArchiveError) -> Text {
    let e = e.clone();
    Text::new(move |l| match &e {
        ArchiveError::Write(detail) => td_string!(l, history.zip_write, detail).to_string(),
        ArchiveError::NotZip => td_string!(l, history.not_zip).to_string(),
        ArchiveError::NotOurs => td_string!(l, history.not_ours).to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::image::ImageKind;
    use std::time::Duration;

    /// Variants with every kind of field: the English translation is the core's `Display`, word
    /// for word.
    #[test]
    fn english_is_the_display_text() {
        let http = |status, code: Option<&str>, reason: Option<&str>, detail: &str, after| {
            Error::Http(HttpError {
                status,
                code: code.map(Into::into),
                reason: reason.map(Into::into),
                detail: detail.into(),
                retry_after: after,
            })
        };
        let errors = [
            Error::EmptyPrompt,
            Error::MissingKey {
                provider: "Google AI".into(),
            },
            Error::InvalidBaseUrl {
                url: "ftp://x".into(),
            },
            Error::Unsupported {
                model: "m".into(),
                option: Setting::AspectRatio,
                value: "7:3".into(),
                supported: Accepted::OneOf(vec!["1:1".into(), "16:9".into()]),
            },
            Error::OptionUnavailable {
                model: "m".into(),
                what: Feature::ImageSearchAlone,
            },
            Error::TooManyReferences {
                model: "m".into(),
                given: 16,
                max: 14,
            },
            Error::ReferenceTooLarge {
                index: 2,
                name: "a.png".into(),
                size: 12_000_000,
                max: 10_000_000,
            },
            Error::UnsupportedReference {
                index: 1,
                name: "a.gif".into(),
                found: Found::Format("GIF"),
                accepted: "image/png".into(),
            },
            Error::RequestTooLarge {
                size: 30_000_000,
                max: 20_000_000,
            },
            Error::Network { host: "h".into() },
            Error::Timeout {
                host: "h".into(),
                seconds: 300,
            },
            Error::Truncated {
                detail: Cut::ConnectionClosed,
            },
            Error::Blocked {
                reason: "SAFETY".into(),
            },
            Error::NoImage {
                finish_reason: Some("IMAGE_SAFETY".into()),
                text: Some("I can't draw that.".into()),
            },
            Error::NoImage {
                finish_reason: None,
                text: None,
            },
            Error::ResponseTooLarge { max: 64_000_000 },
            Error::TaskFailed {
                message: "overloaded".into(),
            },
            Error::TaskTimeout { seconds: 60 },
            http(
                400,
                None,
                Some("API_KEY_INVALID"),
                "API key not valid.",
                None,
            ),
            http(
                429,
                Some("RESOURCE_EXHAUSTED"),
                None,
                "Quota",
                Some(Duration::from_millis(57_200)),
            ),
            http(503, None, None, "", None),
            http(418, None, None, "teapot", None),
        ];
        let more = [
            Error::Unsupported {
                model: "m".into(),
                option: Setting::ImageCount,
                value: "9".into(),
                supported: Accepted::Range { from: 1.0, to: 4.0 },
            },
            Error::Unsupported {
                model: "m".into(),
                option: Setting::Temperature,
                value: "3".into(),
                supported: Accepted::Range { from: 0.0, to: 2.0 },
            },
            Error::UnsafeImage {
                found: Found::Declared("text/html".into()),
            },
        ];
        for e in &more {
            let zh = error_in(e, Locale::zh_CN);
            assert!(
                !zh.contains(" to ")
                    && !zh.contains("declared")
                    && !zh.contains("image count")
                    && !zh.contains("temperature"),
                "{zh}"
            );
        }
        for e in errors.into_iter().chain(more) {
            assert_eq!(error_in(&e, Locale::en), e.to_string());
            assert_ne!(error_in(&e, Locale::zh_CN), e.to_string(), "{e}");
        }
    }

    #[test]
    fn retry_reasons_and_summaries_match_the_core() {
        let e = Error::Network { host: "h".into() };
        assert_eq!(
            retry_reason(&e).get(Locale::en),
            crate::protocol::retry::reason(&e)
        );
        let r = Resized {
            from: (4032, 3024),
            from_bytes: 6_000_000,
            to: (2048, 1536),
            to_bytes: 800_000,
            kind: ImageKind::Jpeg,
            reason: Reason::LongEdge(2048),
        };
        assert_eq!(resized(&r).get(Locale::en), r.summary());
        assert_eq!(
            resized(&r).get(Locale::zh_CN),
            "4032×3024 → 2048×1536 JPEG，6.0 MB → 800 KB（缩小 87%；超过你设定的 2048 px 上限）"
        );
    }

    #[test]
    fn text_macro_interpolates_in_each_locale() {
        let t = crate::text!(status.generating_one, model = "gemini".to_string());
        assert_eq!(t.get(Locale::en), "Generating with gemini…");
        assert_eq!(t.get(Locale::zh_CN), "正在使用 gemini 生成…");
    }
}
