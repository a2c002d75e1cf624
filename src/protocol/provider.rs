//! Who the studio talks to: dialect, base URL and where the key goes.

pub use super::key::ApiKey;
use serde::{Deserialize, Serialize};

/// The wire format a provider speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// Gemini native `generateContent` (Google and most relays).
    Gemini,
    /// Asynchronous task API: submit, then poll a task id (GCCAI, APIMart-compatible relays).
    Task,
    /// OpenAI-compatible chat completions with image output (OpenRouter, Vercel's AI Gateway).
    #[serde(rename = "openai")]
    OpenAi,
}

impl Dialect {
    /// Every dialect, in the order the UI lists them.
    pub const ALL: [Dialect; 3] = [Dialect::Gemini, Dialect::Task, Dialect::OpenAi];

    /// Stable identifier, used as the `<option>` value (the serde name).
    pub fn id(self) -> &'static str {
        match self {
            Dialect::Gemini => "gemini",
            Dialect::Task => "task",
            Dialect::OpenAi => "openai",
        }
    }

    /// Parses [`Dialect::id`].
    pub fn from_id(id: &str) -> Option<Dialect> {
        Dialect::ALL.into_iter().find(|d| d.id() == id)
    }
}

/// Where the API key travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthPlacement {
    /// `x-goog-api-key: KEY` (Google's own endpoint).
    Header,
    /// `Authorization: Bearer KEY`.
    Bearer,
    /// `?key=KEY` in the query string.
    Query,
}

impl AuthPlacement {
    /// Every placement.
    pub const ALL: [AuthPlacement; 3] = [
        AuthPlacement::Header,
        AuthPlacement::Bearer,
        AuthPlacement::Query,
    ];
}

/// The built-in provider choices; `Custom` lets the user set everything.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    Google,
    Anyfast,
    Tokaify,
    Gccai,
    #[serde(rename = "openrouter")]
    OpenRouter,
    Custom,
}

impl Preset {
    /// Every preset, in the order the UI lists them.
    pub const ALL: [Preset; 6] = [
        Preset::Google,
        Preset::Anyfast,
        Preset::Tokaify,
        Preset::Gccai,
        Preset::OpenRouter,
        Preset::Custom,
    ];

    /// Stable identifier, used in settings and as the `<option>` value.
    pub fn id(self) -> &'static str {
        match self {
            Preset::Google => "google",
            Preset::Anyfast => "anyfast",
            Preset::Tokaify => "tokaify",
            Preset::Gccai => "gccai",
            Preset::OpenRouter => "openrouter",
            Preset::Custom => "custom",
        }
    }

    /// Parses [`Preset::id`].
    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    /// Human name for the UI.
    pub fn label(self) -> &'static str {
        match self {
            Preset::Google => "Google AI (Gemini API)",
            Preset::Anyfast => "Anyfast",
            Preset::Tokaify => "Tokaify",
            Preset::Gccai => "GCCAI (task API)",
            Preset::OpenRouter => "OpenRouter",
            Preset::Custom => "Custom provider",
        }
    }

    /// The provider this preset starts from.
    pub fn provider(self) -> Provider {
        let (dialect, base_url, auth) = match self {
            Preset::Google => (
                Dialect::Gemini,
                "https://generativelanguage.googleapis.com",
                AuthPlacement::Header,
            ),
            Preset::Anyfast => (
                Dialect::Gemini,
                "https://www.anyfast.ai",
                AuthPlacement::Query,
            ),
            Preset::Tokaify => (
                Dialect::Gemini,
                "https://api.tokaify.com",
                AuthPlacement::Bearer,
            ),
            Preset::Gccai => (
                Dialect::Task,
                "https://gccai.heqingsong.uk",
                AuthPlacement::Bearer,
            ),
            Preset::OpenRouter => (
                Dialect::OpenAi,
                "https://openrouter.ai/api/v1",
                AuthPlacement::Bearer,
            ),
            Preset::Custom => (Dialect::Gemini, "", AuthPlacement::Bearer),
        };
        Provider {
            preset: self,
            dialect,
            base_url: base_url.to_string(),
            auth,
            proxy: String::new(),
        }
    }

    /// The model a fresh selection of this preset starts with.
    pub fn default_model(self) -> &'static str {
        match self {
            Preset::Gccai => "gemini-3.1-flash-image-preview",
            Preset::Tokaify => "gemini-3.1-flash-image-preview",
            Preset::OpenRouter => "google/gemini-3.1-flash-image-preview",
            _ => "gemini-3.1-flash-image",
        }
    }
}

/// A configured provider, without its key (safe to persist and log).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provider {
    pub preset: Preset,
    pub dialect: Dialect,
    /// Base URL such as `https://www.anyfast.ai`; paths like `/v1beta/...` are added by the builders.
    pub base_url: String,
    pub auth: AuthPlacement,
    /// The user's own CORS proxy (`https://proxy.example`), empty for none: each request then goes to
    /// `{proxy}/{full target URL}`, with the key where it would be without it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub proxy: String,
}

impl Provider {
    /// The base URL without trailing slashes or a pasted API-version suffix.
    ///
    /// Users often paste `https://host/v1beta/` or `https://host/v1`; the builders add those paths themselves.
    pub fn normalized_base(&self) -> &str {
        let mut base = self.base_url.trim().trim_end_matches('/');
        for suffix in ["/v1beta", "/v1"] {
            if let Some(stripped) = base.strip_suffix(suffix) {
                base = stripped.trim_end_matches('/');
            }
        }
        base
    }

    /// The host name of the base URL, for messages such as "could not reach api.example.com".
    pub fn host(&self) -> &str {
        super::format::host_of(self.normalized_base())
    }

    /// The proxy URL without trailing slashes, when one is set.
    pub fn normalized_proxy(&self) -> Option<&str> {
        Some(self.proxy.trim().trim_end_matches('/')).filter(|p| !p.is_empty())
    }

    /// Where a request for `url` goes: through the proxy (`{proxy}/{url}`) when one is set and `url`
    /// is on the provider's own host (the only one a proxy forwards to), else to `url` itself.
    pub fn routed(&self, url: String) -> String {
        match self.normalized_proxy() {
            Some(proxy) if super::format::host_of(&url) == self.host() => format!("{proxy}/{url}"),
            _ => url,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_round_trip_by_id() {
        for p in Preset::ALL {
            assert_eq!(Preset::from_id(p.id()), Some(p));
            assert_eq!(p.provider().preset, p);
        }
        for d in Dialect::ALL {
            assert_eq!(Dialect::from_id(d.id()), Some(d));
            assert_eq!(
                serde_json::to_string(&d).unwrap(),
                format!("\"{}\"", d.id())
            );
        }
        assert_eq!(Preset::from_id("nope"), None);
    }

    #[test]
    fn base_url_is_normalized() {
        let mut p = Preset::Custom.provider();
        p.base_url = " https://relay.example/v1beta/ ".into();
        assert_eq!(p.normalized_base(), "https://relay.example");
        p.base_url = "https://relay.example/proxy/v1".into();
        assert_eq!(p.normalized_base(), "https://relay.example/proxy");
        p.base_url = "http://127.0.0.1:9000/".into();
        assert_eq!(p.normalized_base(), "http://127.0.0.1:9000");
        assert_eq!(p.host(), "127.0.0.1:9000");
        p.base_url = "https://user:pw@api.example.com/x".into();
        assert_eq!(p.host(), "api.example.com");
    }

    #[test]
    fn a_proxy_takes_the_whole_target_url_for_the_providers_host_only() {
        let mut p = Preset::OpenRouter.provider();
        let target = "https://openrouter.ai/api/v1/chat/completions".to_string();
        assert_eq!(p.routed(target.clone()), target, "no proxy");
        p.proxy = " https://cors.me.workers.dev/ ".into();
        assert_eq!(
            p.routed(target.clone()),
            "https://cors.me.workers.dev/https://openrouter.ai/api/v1/chat/completions"
        );
        let elsewhere = "https://cdn.example/image.png".to_string();
        assert_eq!(
            p.routed(elsewhere.clone()),
            elsewhere,
            "other hosts go direct"
        );
        // Saved without a proxy, read back without one.
        let json = serde_json::to_string(&Preset::Google.provider()).unwrap();
        assert!(!json.contains("proxy"));
        let back: Provider = serde_json::from_str(&json).unwrap();
        assert_eq!(back.proxy, "");
    }

    #[test]
    fn key_never_shows_in_debug_or_display() {
        let k = ApiKey::new("  sk-secret-123 \n");
        assert_eq!(k.expose(), "sk-secret-123");
        assert!(!format!("{k:?}{k}").contains("secret"));
        assert_eq!(
            k.redact("url?key=sk-secret-123&x=1"),
            "url?key=[redacted]&x=1"
        );
        let k = ApiKey::new("a+b/c=d");
        assert_eq!(k.redact("key=a%2Bb%2Fc%3Dd"), "key=[redacted]");
    }
}
