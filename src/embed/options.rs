//! What a host page passes to `generate({...})`, checked and turned into the protocol core's request,
//! and the typed error it gets back. Pure: the JS glue reads the images and the signal itself.

use crate::protocol::retry::{DEFAULT_RETRIES, DEFAULT_TIMEOUT_S, MAX_RETRIES};
use crate::protocol::{
    ApiKey, AuthPlacement, Dialect, Error, GenerationRequest, ImageSize, Preset, Provider,
    Reference, RetryHint, ThinkingLevel,
};
use crate::studio::plan::{self, Attempt};
use crate::studio::settings::{MAX_TIMEOUT_S, MIN_TIMEOUT_S};
use crate::studio::Settings;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

/// The options object of `generate`, as JSON (camelCase). Unknown fields are refused rather than
/// ignored, so a misspelt `imageSize` fails loudly instead of silently giving a 1K image.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenerateOptions {
    /// A preset id (`google`, `anyfast`, `tokaify`, `gccai`, `openrouter`, `custom`); default `google`.
    pub provider: Option<String>,
    /// Overrides the preset's base URL (required for `custom`).
    pub base_url: Option<String>,
    /// `gemini`, `task` or `openai` (custom providers; presets know theirs).
    pub dialect: Option<Dialect>,
    /// `header`, `bearer` or `query` (custom providers; presets know theirs).
    pub auth: Option<AuthPlacement>,
    /// The caller's own CORS proxy (`Provider::proxy`).
    pub proxy: Option<String>,
    pub api_key: Option<String>,
    /// Default: the preset's model.
    pub model: Option<String>,
    pub prompt: Option<String>,
    pub aspect_ratio: Option<String>,
    /// `512`, `1K`, `2K` or `4K`.
    pub image_size: Option<String>,
    /// Images wanted, 1 to 4.
    pub count: Option<u8>,
    /// `minimal` or `high`.
    pub thinking: Option<String>,
    pub web_search: Option<bool>,
    pub image_search: Option<bool>,
    /// Ask for images without text.
    pub image_only: Option<bool>,
    pub system_instruction: Option<String>,
    /// Retries after passing failures (network, 429, 5xx); default 2, at most 5.
    pub retries: Option<u8>,
    /// Seconds one attempt may take; default 300.
    pub timeout_seconds: Option<u32>,
    /// Read by the glue (Blobs or Files), not here.
    pub images: Option<IgnoredAny>,
    /// Read by the glue (an AbortSignal), not here.
    pub signal: Option<IgnoredAny>,
}

/// Everything one `generate` call needs besides the reference bytes.
#[derive(Debug)]
pub struct Plan {
    pub provider: Provider,
    pub key: ApiKey,
    /// The request, without references yet.
    pub request: GenerationRequest,
    pub retries: u8,
    pub timeout_s: u32,
}

impl GenerateOptions {
    /// Parses the options' JSON (as `JSON.stringify` gives it).
    pub fn from_json(json: &str) -> Result<GenerateOptions, ApiError> {
        serde_json::from_str(json).map_err(|e| ApiError::options(format!("{e}.")))
    }

    /// Checks every option and builds the request. Values a model does not take are refused here or
    /// by the protocol core's validation when it is built, never dropped.
    pub fn plan(self) -> Result<Plan, ApiError> {
        let preset = match self.provider.as_deref() {
            None => Preset::Google,
            Some(id) => Preset::from_id(id.trim()).ok_or_else(|| {
                let ids: Vec<&str> = Preset::ALL.iter().map(|p| p.id()).collect();
                ApiError::options(format!(
                    "Unknown provider \"{id}\". Use one of: {}.",
                    ids.join(", ")
                ))
            })?,
        };
        let mut provider = preset.provider();
        if let Some(url) = self.base_url {
            provider.base_url = url;
        }
        if let Some(d) = self.dialect {
            provider.dialect = d;
        }
        if let Some(a) = self.auth {
            provider.auth = a;
        }
        if let Some(p) = self.proxy {
            provider.proxy = p;
        }
        let key = ApiKey::new(self.api_key.unwrap_or_default().trim());
        if key.is_empty() {
            return Err(Error::MissingKey {
                provider: preset.label().to_string(),
            }
            .into());
        }
        let image_size = match self.image_size.as_deref() {
            None => None,
            Some(s) => Some(ImageSize::parse(s).ok_or_else(|| {
                ApiError::options(format!(
                    "Unknown imageSize \"{s}\". Use one of: 512, 1K, 2K, 4K."
                ))
            })?),
        };
        let thinking = match self.thinking.as_deref() {
            None => None,
            Some(s) => Some(ThinkingLevel::parse(s).ok_or_else(|| {
                ApiError::options(format!(
                    "Unknown thinking level \"{s}\". Use minimal or high."
                ))
            })?),
        };
        let count = self.count.unwrap_or(1);
        if !(1..=4).contains(&count) {
            return Err(ApiError::options(format!(
                "count must be 1 to 4, not {count}."
            )));
        }
        let retries = self.retries.unwrap_or(DEFAULT_RETRIES);
        if retries > MAX_RETRIES {
            return Err(ApiError::options(format!(
                "retries must be 0 to {MAX_RETRIES}, not {retries}."
            )));
        }
        let timeout_s = self.timeout_seconds.unwrap_or(DEFAULT_TIMEOUT_S);
        if !(MIN_TIMEOUT_S..=MAX_TIMEOUT_S).contains(&timeout_s) {
            return Err(ApiError::options(format!(
                "timeoutSeconds must be {MIN_TIMEOUT_S} to {MAX_TIMEOUT_S}, not {timeout_s}."
            )));
        }
        // The same settings the studio's form holds, so both turn them into a request one way.
        let settings = Settings {
            provider_id: String::new(),
            preset,
            base_url: provider.base_url.clone(),
            dialect: provider.dialect,
            auth: provider.auth,
            proxy: provider.proxy.clone(),
            model: self
                .model
                .unwrap_or_else(|| preset.default_model().to_string()),
            aspect_ratio: self.aspect_ratio.unwrap_or_default().trim().to_string(),
            image_size,
            count,
            thinking,
            include_thoughts: false,
            web_search: self.web_search.unwrap_or(false),
            image_search: self.image_search.unwrap_or(false),
            image_only: self.image_only.unwrap_or(false),
            system_instruction: self.system_instruction.unwrap_or_default(),
            batch: false,
            ref_long_edge: None,
            retries,
            timeout_s,
            compare: Vec::new(),
            demo: false,
        };
        let request = settings.to_request(&self.prompt.unwrap_or_default(), Vec::new(), Vec::new());
        // Checked now (with no references yet), so a bad option fails before any image is read.
        crate::protocol::validate::validate(&provider, &request)?;
        Ok(Plan {
            provider,
            key,
            request,
            retries,
            timeout_s,
        })
    }
}

impl Plan {
    /// What to send for this call with its `references` (one request per image wanted on
    /// Gemini-native providers, one task otherwise), checked as a whole (count, types, sizes) by the
    /// protocol core.
    pub fn attempts(&self, references: Vec<Reference>) -> Result<Vec<Attempt>, ApiError> {
        let mut request = self.request.clone();
        request.references = references;
        Ok(plan::attempts(&self.provider, &self.key, &request, false)?)
    }
}

/// The typed error a `generate` promise rejects with (as a JS `Error` named `BananaStudioError`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApiError {
    /// Machine-readable: the protocol core's kinds (`invalid-key`, `rate-limited`, `timeout`, ...),
    /// plus `invalid-options` and `cancelled`.
    pub kind: &'static str,
    /// What went wrong and what to do, as the studio says it.
    pub message: String,
    /// The provider's HTTP status, when it answered with an error.
    pub status: Option<u16>,
    /// Whether trying again later may help.
    pub retryable: bool,
}

impl ApiError {
    /// An options object the API cannot use.
    pub fn options(message: String) -> ApiError {
        ApiError {
            kind: "invalid-options",
            message: format!("Invalid generate() options: {message}"),
            status: None,
            retryable: false,
        }
    }

    /// The part of the studio that runs `generate()` could not be downloaded (split builds).
    pub fn not_loaded() -> ApiError {
        ApiError {
            kind: "not-loaded",
            message: "Part of Banana Studio could not be downloaded; check the connection to the \
                      site that hosts it and call generate() again."
                .into(),
            status: None,
            retryable: true,
        }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        ApiError {
            kind: e.kind(),
            status: match &e {
                Error::Http(h) => Some(h.status),
                _ => None,
            },
            retryable: e.retry_hint() != RetryHint::Never,
            message: e.message(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(json: &str) -> Result<Plan, ApiError> {
        GenerateOptions::from_json(json)?.plan()
    }

    #[test]
    fn a_minimal_call_uses_googles_defaults() {
        let p = plan(r#"{"apiKey":" k ","prompt":"a cat"}"#).unwrap();
        assert_eq!(p.provider, Preset::Google.provider());
        assert_eq!(p.key.expose(), "k");
        assert_eq!(p.request.model, Preset::Google.default_model());
        assert_eq!(p.request.count, 1);
        assert_eq!(
            (p.retries, p.timeout_s),
            (DEFAULT_RETRIES, DEFAULT_TIMEOUT_S)
        );
    }

    #[test]
    fn every_option_reaches_the_request() {
        let p = plan(
            r#"{"provider":"custom","baseUrl":"https://relay.example","dialect":"gemini","auth":"query",
                "apiKey":"k","model":"gemini-3.1-flash-image","prompt":"p","aspectRatio":"16:9",
                "imageSize":"4k","thinking":"HIGH","imageOnly":true,"systemInstruction":"s",
                "retries":0,"timeoutSeconds":60,"images":[{}],"signal":{}}"#,
        )
        .unwrap();
        assert_eq!(p.provider.base_url, "https://relay.example");
        assert_eq!(p.provider.auth, AuthPlacement::Query);
        let r = &p.request;
        assert_eq!(r.aspect_ratio.as_deref(), Some("16:9"));
        assert_eq!(r.image_size, Some(ImageSize::K4));
        assert_eq!(r.thinking, Some(ThinkingLevel::High));
        assert_eq!(r.modalities, crate::protocol::Modalities::ImageOnly);
        assert_eq!(r.system_instruction.as_deref(), Some("s"));
        assert_eq!((p.retries, p.timeout_s), (0, 60));
    }

    #[test]
    fn misspelt_or_unknown_options_are_refused_not_ignored() {
        for (json, needle) in [
            (
                r#"{"apiKey":"k","prompt":"p","imagesize":"4K"}"#,
                "imagesize",
            ),
            (r#"{"apiKey":"k","prompt":"p","provider":"nope"}"#, "nope"),
            (r#"{"apiKey":"k","prompt":"p","imageSize":"8K"}"#, "8K"),
            (r#"{"apiKey":"k","prompt":"p","count":9}"#, "count"),
            (r#"{"apiKey":"k","prompt":"p","retries":9}"#, "retries"),
            (
                r#"{"apiKey":"k","prompt":"p","timeoutSeconds":1}"#,
                "timeoutSeconds",
            ),
            (r#"{"apiKey":"k","prompt":"p","thinking":"max"}"#, "max"),
        ] {
            let e = plan(json).unwrap_err();
            assert_eq!(e.kind, "invalid-options", "{json}");
            assert!(e.message.contains(needle), "{json}: {}", e.message);
            assert!(!e.retryable);
        }
    }

    #[test]
    fn the_protocol_cores_checks_apply() {
        assert_eq!(plan(r#"{"prompt":"p"}"#).unwrap_err().kind, "missing-key");
        assert_eq!(
            plan(r#"{"apiKey":"k","prompt":" "}"#).unwrap_err().kind,
            "empty-prompt"
        );
        let lite =
            r#"{"apiKey":"k","prompt":"p","model":"gemini-3.1-flash-lite-image","imageSize":"4K"}"#;
        let e = plan(lite).unwrap_err();
        assert!(
            e.kind.starts_with("unsupported") || e.kind == "option-unavailable",
            "{e:?}"
        );
        let p = plan(r#"{"apiKey":"k","prompt":"p"}"#).unwrap();
        let too_many = (0..15)
            .map(|i| Reference::new(format!("{i}.png"), vec![0u8; 4]))
            .collect();
        assert_eq!(
            p.attempts(too_many).unwrap_err().kind,
            "too-many-references"
        );
        let built = p.attempts(Vec::new()).unwrap();
        assert_eq!(built.len(), 1);
        assert!(
            built[0].request.url.contains(":generateContent"),
            "{}",
            built[0].request.url
        );
    }

    #[test]
    fn provider_errors_keep_status_and_retryability() {
        let e = ApiError::from(crate::protocol::error::tests::http(429, None));
        assert_eq!(
            (e.kind, e.status, e.retryable),
            ("rate-limited", Some(429), true)
        );
        let e = ApiError::from(crate::protocol::error::tests::http(401, None));
        assert_eq!(
            (e.kind, e.status, e.retryable),
            ("invalid-key", Some(401), false)
        );
    }
}
