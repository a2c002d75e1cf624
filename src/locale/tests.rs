//! English is each error's `Display`; every variant has its words in each language.

use super::i18n::Locale;
use super::*;
use crate::protocol::image::ImageKind;
use crate::protocol::{Accepted, Cut, Error, Feature, Found, HttpError, Setting};
use crate::studio::downscale::{Reason, Resized};
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
        Error::InvalidProxyUrl {
            url: "proxy.example".into(),
        },
        Error::Cors {
            host: "relay.example".into(),
            why: crate::protocol::CorsWhy::NoAllowOrigin,
        },
        Error::Cors {
            host: "relay.example".into(),
            why: crate::protocol::CorsWhy::PreflightRefused,
        },
        Error::Cors {
            host: "relay.example".into(),
            why: crate::protocol::CorsWhy::HeaderRefused("x-goog-api-key".into()),
        },
        Error::Cors {
            host: "relay.example".into(),
            why: crate::protocol::CorsWhy::MixedContent,
        },
        Error::Cors {
            host: "relay.example".into(),
            why: crate::protocol::CorsWhy::AnswerHidden,
        },
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
    let rest = [
        Error::MissingModel,
        Error::ReferenceEmpty {
            index: 1,
            name: "a.png".into(),
        },
        Error::ReferenceTruncated {
            index: 2,
            name: "b.png".into(),
        },
        Error::Cancelled,
        Error::Malformed {
            detail: "expected value at line 1".into(),
        },
        Error::InvalidBase64,
        Error::TaskCancelled,
        Error::ImageExpired,
    ];
    let mut covered = [false; VARIANTS];
    for e in errors.into_iter().chain(more).chain(rest) {
        covered[variant(&e)] = true;
        assert_eq!(error_in(&e, Locale::en), e.to_string());
        assert_ne!(error_in(&e, Locale::zh_CN), e.to_string(), "{e}");
    }
    let missing: Vec<usize> = (0..VARIANTS).filter(|&i| !covered[i]).collect();
    assert!(
        missing.is_empty(),
        "variants without a case above: {missing:?}"
    );
}

/// How many variants `Error` has.
const VARIANTS: usize = 29;

/// Each variant's number: a new variant does not compile here until it is numbered, and then fails
/// the test above until it has a case (so its English and Chinese words are checked).
fn variant(e: &Error) -> usize {
    match e {
        Error::EmptyPrompt => 0,
        Error::MissingKey { .. } => 1,
        Error::InvalidBaseUrl { .. } => 2,
        Error::MissingModel => 3,
        Error::Unsupported { .. } => 4,
        Error::OptionUnavailable { .. } => 5,
        Error::TooManyReferences { .. } => 6,
        Error::ReferenceTooLarge { .. } => 7,
        Error::ReferenceEmpty { .. } => 8,
        Error::ReferenceTruncated { .. } => 9,
        Error::UnsupportedReference { .. } => 10,
        Error::RequestTooLarge { .. } => 11,
        Error::Network { .. } => 12,
        Error::Timeout { .. } => 13,
        Error::Cancelled => 14,
        Error::Http(_) => 15,
        Error::Truncated { .. } => 16,
        Error::Malformed { .. } => 17,
        Error::InvalidBase64 => 18,
        Error::UnsafeImage { .. } => 19,
        Error::Blocked { .. } => 20,
        Error::NoImage { .. } => 21,
        Error::ResponseTooLarge { .. } => 22,
        Error::TaskFailed { .. } => 23,
        Error::TaskCancelled => 24,
        Error::TaskTimeout { .. } => 25,
        Error::ImageExpired => 26,
        Error::InvalidProxyUrl { .. } => 27,
        Error::Cors { .. } => 28,
    }
}

/// Every value of the closed sets errors name has its own words in each language (English as its
/// `Display`), so nothing reaches the screen as the core's English inside a Chinese sentence.
#[test]
fn every_term_has_words_in_each_language() {
    let model = || "m".to_string();
    let settings = [
        Setting::AspectRatio,
        Setting::ImageSize,
        Setting::ThinkingLevel,
        Setting::Temperature,
        Setting::ImageCount,
    ];
    let features = [
        Feature::ImageSize,
        Feature::ThinkingLevel,
        Feature::Thoughts,
        Feature::WebSearch,
        Feature::ImageSearch,
        Feature::ImageSearchAlone,
        Feature::SystemInstruction,
        Feature::Safety,
        Feature::Temperature,
        Feature::Editing,
    ];
    let found = [
        Found::Format("GIF"),
        Found::Unrecognised,
        Found::NotAnImage,
        Found::Declared("text/html".into()),
    ];
    let mut errors: Vec<Error> = Vec::new();
    errors.extend(settings.iter().map(|&option| Error::Unsupported {
        model: model(),
        option,
        value: "v".into(),
        supported: Accepted::OneOf(vec!["a".into()]),
    }));
    errors.extend(features.iter().map(|&what| Error::OptionUnavailable {
        model: model(),
        what,
    }));
    errors.extend(
        found
            .iter()
            .map(|f| Error::UnsafeImage { found: f.clone() }),
    );
    errors.extend(
        [Cut::ConnectionClosed, Cut::EndedAfter(12)]
            .into_iter()
            .map(|detail| Error::Truncated { detail }),
    );
    let mut chinese = std::collections::HashSet::new();
    for e in &errors {
        assert_eq!(error_in(e, Locale::en), e.to_string());
        let zh = error_in(e, Locale::zh_CN);
        for english in [
            "aspect ratio",
            "image size",
            "thinking level",
            "temperature",
            "image count",
            "Choosing",
            "Showing",
            "grounding",
            "instruction",
            "Safety",
            "Continuing",
            "recognises",
            "not an image",
            "connection",
            "bytes received",
        ] {
            assert!(!zh.contains(english), "{zh}");
        }
        chinese.insert(zh);
    }
    assert_eq!(chinese.len(), errors.len(), "each value its own words");
}

#[test]
fn retry_reasons_and_summaries_match_the_core() {
    let e = Error::Network { host: "h".into() };
    assert_eq!(
        retry_reason(&e).get(Locale::en),
        e.retry_cause().to_string()
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
