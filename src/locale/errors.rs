//! The core's typed errors in the user's language: each variant and the closed sets it names
//! (`protocol::terms`), never its English words.

use super::i18n::{td_string, Locale};
use super::Text;
use crate::protocol::error::{excerpt, human_size, HttpError};
use crate::protocol::format::plain;
use crate::protocol::{
    Accepted, CorsWhy, Cut, Error, Feature, Found, HttpProblem, NoImageWhy, RetryCause, Setting,
};

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
        Error::InvalidProxyUrl { url } => td_string!(l, error.invalid_proxy_url, url).to_string(),
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
        Error::Cors { host, why } => match why {
            CorsWhy::NoAllowOrigin => td_string!(l, error.cors_no_allow_origin, host).to_string(),
            CorsWhy::PreflightRefused => td_string!(l, error.cors_preflight, host).to_string(),
            CorsWhy::HeaderRefused(header) => {
                td_string!(l, error.cors_header, host, header).to_string()
            }
            CorsWhy::MixedContent => td_string!(l, error.mixed_content, host).to_string(),
            CorsWhy::AnswerHidden => td_string!(l, error.answer_hidden, host).to_string(),
        },
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
        Accepted::Range { from, to } => {
            td_string!(l, error.range, from = plain(*from), to = plain(*to)).to_string()
        }
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
    let why = match NoImageWhy::of(finish) {
        NoImageWhy::Safety => td_string!(l, error.why_safety),
        NoImageWhy::Prohibited => td_string!(l, error.why_prohibited),
        NoImageWhy::Recitation => td_string!(l, error.why_recitation),
        NoImageWhy::MaxTokens => td_string!(l, error.why_max_tokens),
        NoImageWhy::Declined => td_string!(l, error.why_no_image),
        NoImageWhy::LostSignatures => td_string!(l, error.why_signature),
        NoImageWhy::TextOnly => td_string!(l, error.why_text_only),
        NoImageWhy::StoppedEarly => td_string!(l, error.why_stopped),
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

/// The few words of the retry countdown ("Rate limited (429)"), as `Error::retry_cause` says
/// them in English.
pub fn retry_reason(e: &Error) -> Text {
    let cause = e.retry_cause();
    Text::new(move |l| match cause {
        RetryCause::RateLimited => td_string!(l, retry.rate_limited).to_string(),
        RetryCause::Server(status) => td_string!(l, retry.server, status).to_string(),
        RetryCause::Network => td_string!(l, retry.network).to_string(),
        RetryCause::CutOff => td_string!(l, retry.cut_off).to_string(),
        RetryCause::Other(kind) => kind.to_string(),
    })
}
