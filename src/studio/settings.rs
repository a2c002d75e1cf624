//! The settings a user picks, persisted across reloads (never the key), and their fit to the model.

use super::downscale::Limits;
use crate::protocol::retry::{DEFAULT_RETRIES, DEFAULT_TIMEOUT_S, MAX_RETRIES};
use crate::protocol::{
    capabilities, AuthPlacement, Capabilities, Dialect, GenerationRequest, ImageSize, Modalities,
    Preset, Provider, Reference, ThinkingLevel, Turn,
};
use serde::{Deserialize, Serialize};

/// Everything on the form except the prompt, references and key. Unknown or missing fields in stored
/// JSON fall back to defaults, so an old or damaged save never stops the app from starting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The saved provider these settings are (`studio::providers`); empty for a set-up not saved.
    pub provider_id: String,
    pub preset: Preset,
    pub base_url: String,
    pub dialect: Dialect,
    pub auth: AuthPlacement,
    /// The user's own CORS proxy for this provider, empty for none ([`Provider::proxy`]).
    pub proxy: String,
    pub model: String,
    /// Empty: let the model choose.
    pub aspect_ratio: String,
    /// `None`: the provider's default (1K). Kept as its wire name (`""` for none).
    #[serde(with = "named")]
    pub image_size: Option<ImageSize>,
    pub count: u8,
    /// `None`: the model's default. Kept as its wire name (`""` for none).
    #[serde(with = "named")]
    pub thinking: Option<ThinkingLevel>,
    pub include_thoughts: bool,
    pub web_search: bool,
    pub image_search: bool,
    pub image_only: bool,
    pub system_instruction: String,
    /// Treat each line of the prompt as its own prompt.
    pub batch: bool,
    /// Long edge, in pixels, above which references are shrunk before sending; `None`: as they are
    /// (unless over the provider's limit).
    pub ref_long_edge: Option<u32>,
    /// Times a request is tried again after a passing failure (network, 429, 5xx).
    pub retries: u8,
    /// Seconds a request may take before it is ended (for tasks: the whole task).
    pub timeout_s: u32,
    /// Models to compare: each gets the same prompt, references and settings (`studio::compare`), a
    /// model of another saved provider written `{provider id}\u{1f}{model}`; empty: just
    /// [`Settings::model`].
    pub compare: Vec<String>,
    /// Set when the app was started with the local test provider (`scripts/serve.sh --demo`).
    pub demo: bool,
}

/// The shortest and longest time limits the form takes, in seconds.
pub const MIN_TIMEOUT_S: u32 = 5;
pub const MAX_TIMEOUT_S: u32 = 3600;

impl Default for Settings {
    fn default() -> Self {
        Settings::for_preset(Preset::Google)
    }
}

impl Settings {
    /// Fresh settings for a preset: its URL, dialect, auth and default model.
    pub fn for_preset(preset: Preset) -> Self {
        let p = preset.provider();
        Settings {
            provider_id: String::new(),
            preset,
            base_url: p.base_url,
            dialect: p.dialect,
            auth: p.auth,
            proxy: String::new(),
            model: preset.default_model().to_string(),
            aspect_ratio: String::new(),
            image_size: None,
            count: 1,
            thinking: None,
            include_thoughts: false,
            web_search: false,
            image_search: false,
            image_only: false,
            system_instruction: String::new(),
            batch: false,
            ref_long_edge: None,
            retries: DEFAULT_RETRIES,
            timeout_s: DEFAULT_TIMEOUT_S,
            compare: Vec::new(),
            demo: false,
        }
    }

    /// Settings pointing at the local test provider at `base_url`.
    pub fn demo(base_url: &str) -> Self {
        Settings {
            base_url: base_url.to_string(),
            auth: AuthPlacement::Header,
            demo: true,
            ..Settings::for_preset(Preset::Custom)
        }
    }

    /// Switches provider preset, keeping the form's other choices where the new model allows them.
    pub fn select_preset(&mut self, preset: Preset) {
        if preset == self.preset {
            return;
        }
        let fresh = Settings::for_preset(preset);
        self.preset = preset;
        self.base_url = fresh.base_url;
        self.dialect = fresh.dialect;
        self.auth = fresh.auth;
        // A proxy forwards to one host only.
        self.proxy.clear();
        self.model = fresh.model;
        self.compare.clear();
        self.demo = false;
        self.fit_to_model();
    }

    /// Loads saved settings; anything unreadable gives the defaults.
    pub fn from_json(json: &str) -> Self {
        serde_json::from_str::<Settings>(json)
            .unwrap_or_default()
            .sanitized()
    }

    /// Settings as stored, made safe to use: fitted to the model, retries and time limit in range.
    pub fn sanitized(mut self) -> Self {
        self.fit_to_model();
        self.retries = self.retries.min(MAX_RETRIES);
        self.timeout_s = self.timeout_s.clamp(MIN_TIMEOUT_S, MAX_TIMEOUT_S);
        self
    }

    /// For storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The provider these settings describe.
    pub fn provider(&self) -> Provider {
        Provider {
            preset: self.preset,
            dialect: self.dialect,
            base_url: self.base_url.clone(),
            auth: self.auth,
            proxy: self.proxy.clone(),
        }
    }

    /// What the chosen model can do on the chosen provider.
    pub fn capabilities(&self) -> Capabilities {
        capabilities(&self.provider(), &self.model)
    }

    /// What each reference must fit in: the provider's limit and the user's long edge.
    pub fn reference_limits(&self) -> Limits {
        let caps = self.capabilities();
        Limits::new(
            caps.max_reference_bytes,
            self.ref_long_edge,
            caps.input_types,
        )
    }

    /// Drops choices the current model does not offer, so the form never holds a hidden invalid value.
    pub fn fit_to_model(&mut self) {
        let caps = self.capabilities();
        if !caps.aspect_ratios.contains(&self.aspect_ratio.as_str()) {
            self.aspect_ratio.clear();
        }
        if self
            .image_size
            .is_some_and(|s| !caps.image_sizes.contains(&s))
        {
            self.image_size = None;
        }
        if self
            .thinking
            .is_some_and(|t| !caps.thinking_levels.contains(&t))
        {
            self.thinking = None;
        }
        self.include_thoughts &= caps.thoughts;
        self.web_search &= caps.web_search;
        self.image_search &= caps.image_search && self.web_search;
        self.count = self.count.clamp(1, caps.max_count);
        if !caps.native_options {
            self.system_instruction.clear();
            self.image_only = false;
        }
    }

    /// The request for `prompt` and `references` with these settings.
    pub fn to_request(
        &self,
        prompt: &str,
        references: Vec<Reference>,
        history: Vec<Turn>,
    ) -> GenerationRequest {
        GenerationRequest {
            model: self.model.trim().to_string(),
            prompt: prompt.to_string(),
            references,
            aspect_ratio: Some(self.aspect_ratio.clone()).filter(|r| !r.is_empty()),
            image_size: self.image_size,
            modalities: if self.image_only {
                Modalities::ImageOnly
            } else {
                Modalities::TextAndImage
            },
            thinking: self.thinking,
            include_thoughts: self.include_thoughts,
            web_search: self.web_search,
            image_search: self.image_search,
            system_instruction: Some(self.system_instruction.clone())
                .filter(|s| !s.trim().is_empty()),
            safety: Vec::new(),
            temperature: None,
            count: self.count,
            history,
        }
    }
}

/// A closed set kept in the settings by its wire name, with `""` for none; a name this build does
/// not know reads as none (an old or damaged save never stops the app from starting).
mod named {
    use crate::protocol::{ImageSize, ThinkingLevel};
    use serde::{Deserialize, Deserializer, Serializer};

    /// A value with a wire name.
    pub trait Named: Copy + Sized {
        fn name(self) -> &'static str;
        fn from_name(s: &str) -> Option<Self>;
    }

    impl Named for ImageSize {
        fn name(self) -> &'static str {
            self.native()
        }
        fn from_name(s: &str) -> Option<Self> {
            ImageSize::parse(s)
        }
    }

    impl Named for ThinkingLevel {
        fn name(self) -> &'static str {
            self.wire()
        }
        fn from_name(s: &str) -> Option<Self> {
            ThinkingLevel::parse(s)
        }
    }

    pub fn serialize<S: Serializer, T: Named>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(v.map_or("", T::name))
    }

    pub fn deserialize<'de, D: Deserializer<'de>, T: Named>(d: D) -> Result<Option<T>, D::Error> {
        let name = Option::<String>::deserialize(d)?;
        Ok(name.as_deref().and_then(T::from_name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_thinking_are_kept_by_their_wire_names() {
        let mut s = Settings::for_preset(Preset::Google);
        s.image_size = Some(ImageSize::K4);
        s.thinking = Some(ThinkingLevel::High);
        let json = s.to_json();
        assert!(
            json.contains(r#""image_size":"4K""#) && json.contains(r#""thinking":"HIGH""#),
            "{json}"
        );
        assert_eq!(Settings::from_json(&json), s);
        // What earlier versions kept: "" for none, and any spelling the core reads.
        let old = Settings::from_json(r#"{"image_size":"","thinking":"high"}"#);
        assert_eq!(
            (old.image_size, old.thinking),
            (None, Some(ThinkingLevel::High))
        );
        let odd = Settings::from_json(r#"{"image_size":"8K","thinking":null,"model":"m"}"#);
        assert_eq!(
            (odd.image_size, odd.thinking, odd.model.as_str()),
            (None, None, "m")
        );
    }

    #[test]
    fn damaged_or_old_saves_fall_back_to_defaults() {
        assert_eq!(Settings::from_json("not json"), Settings::default());
        let s = Settings::from_json(
            r#"{"preset":"anyfast","model":"gemini-3.1-flash-lite-image","extra":1}"#,
        );
        assert_eq!(s.preset, Preset::Anyfast);
        assert_eq!(s.count, 1);
        let round = Settings::from_json(&s.to_json());
        assert_eq!(round, s);
    }

    #[test]
    fn reference_limits_follow_the_provider_and_the_users_long_edge() {
        let mut s = Settings::from_json(r#"{"ref_long_edge":2048}"#);
        assert_eq!(s.reference_limits().long_edge, Some(2048));
        assert_eq!(
            s.reference_limits().max_bytes,
            s.capabilities().max_reference_bytes
        );
        s.select_preset(Preset::Gccai);
        let task = s.reference_limits();
        assert_eq!(s.ref_long_edge, Some(2048), "kept across providers");
        assert_eq!(task.max_bytes, crate::protocol::catalogue::MB * 10);
        assert_eq!(Settings::default().reference_limits().long_edge, None);
    }

    #[test]
    fn retries_and_time_limit_default_and_stay_in_range() {
        let s = Settings::default();
        assert_eq!((s.retries, s.timeout_s), (2, 300));
        let odd = Settings::from_json(r#"{"retries":40,"timeout_s":1}"#);
        assert_eq!((odd.retries, odd.timeout_s), (MAX_RETRIES, MIN_TIMEOUT_S));
        let mut kept = Settings::from_json(r#"{"retries":0,"timeout_s":90}"#);
        kept.select_preset(Preset::Gccai);
        assert_eq!(
            (kept.retries, kept.timeout_s),
            (0, 90),
            "kept across providers"
        );
    }

    #[test]
    fn switching_model_drops_what_it_lacks() {
        let mut s = Settings::for_preset(Preset::Google);
        s.image_size = Some(ImageSize::K4);
        s.aspect_ratio = "8:1".into();
        s.thinking = Some(ThinkingLevel::High);
        s.web_search = true;
        s.image_search = true;
        s.model = "gemini-3.1-flash-lite-image".into();
        s.fit_to_model();
        assert_eq!(
            (s.image_size, s.aspect_ratio.as_str(), s.thinking),
            (None, "", Some(ThinkingLevel::High))
        );
        assert!(!s.web_search && !s.image_search);
        s.model = "gemini-3-pro-image-preview".into();
        s.fit_to_model();
        assert_eq!(s.thinking, None);
    }

    #[test]
    fn preset_switch_sets_dialect_auth_and_model() {
        let mut s = Settings {
            count: 3,
            system_instruction: "be brief".into(),
            ..Settings::default()
        };
        s.select_preset(Preset::Gccai);
        assert_eq!((s.dialect, s.auth), (Dialect::Task, AuthPlacement::Bearer));
        assert_eq!(s.model, "gemini-3.1-flash-image-preview");
        assert_eq!(s.count, 3, "the task API takes n up to 4");
        assert_eq!(
            s.system_instruction, "",
            "the task API has no system instruction"
        );
        s.select_preset(Preset::Anyfast);
        assert_eq!(s.auth, AuthPlacement::Query);
        assert_eq!(s.base_url, "https://www.anyfast.ai");
    }

    #[test]
    fn to_request_maps_every_field() {
        let mut s = Settings::for_preset(Preset::Google);
        s.aspect_ratio = "16:9".into();
        s.image_size = Some(ImageSize::K2);
        s.thinking = Some(ThinkingLevel::Minimal);
        s.image_only = true;
        s.web_search = true;
        s.image_search = true;
        s.count = 2;
        s.system_instruction = "  ".into();
        let r = s.to_request("a cat", vec![], vec![]);
        assert_eq!(r.aspect_ratio.as_deref(), Some("16:9"));
        assert_eq!(r.image_size, Some(ImageSize::K2));
        assert_eq!(r.thinking, Some(ThinkingLevel::Minimal));
        assert_eq!(r.modalities, Modalities::ImageOnly);
        assert!(r.web_search && r.image_search);
        assert_eq!(r.count, 2);
        assert_eq!(r.system_instruction, None);
        assert!(crate::protocol::validate(&s.provider(), &r).is_ok());
    }

    #[test]
    fn settings_never_hold_a_key() {
        let json = Settings::default().to_json();
        assert!(!json.to_lowercase().contains("key\""), "{json}");
    }
}
