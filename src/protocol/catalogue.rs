//! What each model can do on each provider: the single source for the form's choices and for validation.

use super::provider::{Dialect, Preset, Provider};
use serde::{Deserialize, Serialize};

/// Output resolution (long edge).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ImageSize {
    #[serde(rename = "512")]
    S512,
    #[serde(rename = "1K")]
    K1,
    #[serde(rename = "2K")]
    K2,
    #[serde(rename = "4K")]
    K4,
}

impl ImageSize {
    /// All sizes, smallest first.
    pub const ALL: [ImageSize; 4] = [ImageSize::S512, ImageSize::K1, ImageSize::K2, ImageSize::K4];

    /// The Gemini native `imageSize` value (`"512"`, `"1K"`, ...).
    pub fn native(self) -> &'static str {
        match self {
            ImageSize::S512 => "512",
            ImageSize::K1 => "1K",
            ImageSize::K2 => "2K",
            ImageSize::K4 => "4K",
        }
    }

    /// The task API `resolution` value (`"0.5K"`, `"1K"`, ...).
    pub fn task(self) -> &'static str {
        match self {
            ImageSize::S512 => "0.5K",
            other => other.native(),
        }
    }

    /// Parses either spelling (`"512"`, `"0.5K"`, `"1k"`, ...).
    pub fn parse(s: &str) -> Option<ImageSize> {
        match s.trim().to_ascii_uppercase().as_str() {
            "512" | "0.5K" => Some(ImageSize::S512),
            "1K" => Some(ImageSize::K1),
            "2K" => Some(ImageSize::K2),
            "4K" => Some(ImageSize::K4),
            _ => None,
        }
    }
}

/// Gemini 3 thinking levels offered by the image models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ThinkingLevel {
    Minimal,
    High,
}

impl ThinkingLevel {
    /// The wire value.
    pub fn wire(self) -> &'static str {
        match self {
            ThinkingLevel::Minimal => "MINIMAL",
            ThinkingLevel::High => "HIGH",
        }
    }

    /// Parses the wire value, case-insensitively.
    pub fn parse(s: &str) -> Option<ThinkingLevel> {
        match s.trim().to_ascii_uppercase().as_str() {
            "MINIMAL" => Some(ThinkingLevel::Minimal),
            "HIGH" => Some(ThinkingLevel::High),
            _ => None,
        }
    }
}

/// Input image types a provider takes.
pub const BASIC_INPUT_TYPES: &[&str] = &["image/png", "image/jpeg", "image/webp"];
/// Google also takes HEIC and HEIF.
pub const GOOGLE_INPUT_TYPES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/webp",
    "image/heic",
    "image/heif",
];

const STANDARD_RATIOS: &[&str] = &[
    "1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9",
];
pub const FLASH_31_RATIOS: &[&str] = &[
    "1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9", "1:4", "4:1", "1:8",
    "8:1",
];
/// Anyfast documents a shorter list for `gemini-3.1-flash-image` (seed 000 and 002).
const ANYFAST_FLASH_RATIOS: &[&str] = &["1:1", "4:3", "3:4", "16:9", "9:16"];
const ALL_SIZES: &[ImageSize] = &ImageSize::ALL;
const PRO_SIZES: &[ImageSize] = &[ImageSize::K1, ImageSize::K2, ImageSize::K4];
const ONLY_1K: &[ImageSize] = &[ImageSize::K1];
const BOTH_LEVELS: &[ThinkingLevel] = &[ThinkingLevel::Minimal, ThinkingLevel::High];

/// A megabyte as providers count it in their limits (10^6 bytes), and as messages show sizes.
pub const MB: usize = 1000 * 1000;

/// What a model supports on a given provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capabilities {
    /// The model id as sent on the wire.
    pub model: String,
    /// Friendly name, such as "Nano Banana 2".
    pub label: &'static str,
    /// False for ids the catalogue does not know (permissive defaults apply).
    pub known: bool,
    pub dialect: Dialect,
    /// Aspect ratios the user may pick; "auto"/default means none is sent.
    pub aspect_ratios: &'static [&'static str],
    /// Sizes the user may pick; empty means the model takes no `imageSize` (fixed at about 1K).
    pub image_sizes: &'static [ImageSize],
    pub max_references: usize,
    /// Thinking levels; empty means the level cannot be set.
    pub thinking_levels: &'static [ThinkingLevel],
    /// Whether interim thoughts (draft images) can be requested.
    pub thoughts: bool,
    pub web_search: bool,
    pub image_search: bool,
    /// Images per generation (native: that many parallel requests; task API: `n`).
    pub max_count: u8,
    /// Whether system instruction, safety settings, temperature and output modalities can be sent.
    pub native_options: bool,
    /// Input image MIME types accepted.
    pub input_types: &'static [&'static str],
    /// Largest single reference, in raw bytes.
    pub max_reference_bytes: usize,
    /// Largest request body, in bytes as sent (base64 included).
    pub max_request_bytes: usize,
}

/// Models offered in the picker for a preset (any other id may still be typed).
pub fn models_for(preset: Preset) -> &'static [&'static str] {
    match preset {
        Preset::Gccai => &[
            "gemini-3.1-flash-image-preview",
            "gemini-3.1-flash-image-preview-official",
        ],
        Preset::Anyfast => &["gemini-3.1-flash-image", "gemini-3.1-flash-lite-image"],
        Preset::Tokaify => &["gemini-3.1-flash-image-preview"],
        // OpenRouter's ids (PROTOCOLS.md); the GA names follow the same pattern.
        Preset::OpenRouter => &[
            "google/gemini-3.1-flash-image-preview",
            "google/gemini-3.1-flash-image",
            "google/gemini-3.1-flash-lite-image",
            "google/gemini-3-pro-image-preview",
            "google/gemini-2.5-flash-image",
        ],
        Preset::Google | Preset::Custom => &[
            "gemini-3.1-flash-image",
            "gemini-3.1-flash-lite-image",
            "gemini-3.1-flash-image-preview",
            "gemini-3-pro-image-preview",
            "gemini-2.5-flash-image",
        ],
    }
}

/// Looks up what `model` can do on `provider`. Unknown ids get permissive defaults.
pub fn capabilities(provider: &Provider, model: &str) -> Capabilities {
    let model = model.trim();
    let google = provider.preset == Preset::Google;
    let mut caps = Capabilities {
        model: model.to_string(),
        label: "Custom model",
        known: false,
        dialect: provider.dialect,
        aspect_ratios: FLASH_31_RATIOS,
        image_sizes: ALL_SIZES,
        max_references: 14,
        thinking_levels: BOTH_LEVELS,
        thoughts: true,
        web_search: true,
        image_search: true,
        max_count: 4,
        native_options: true,
        input_types: if google {
            GOOGLE_INPUT_TYPES
        } else {
            BASIC_INPUT_TYPES
        },
        max_reference_bytes: 100 * MB,
        max_request_bytes: 100 * MB,
    };
    // OpenAI-compatible relays name models `vendor/model` (and OpenRouter adds `:variant`).
    let bare = match provider.dialect {
        Dialect::OpenAi => {
            let named = model.rsplit('/').next().unwrap_or(model);
            named.split(':').next().unwrap_or(named)
        }
        _ => model,
    };
    let known = match bare {
        "gemini-3.1-flash-image"
        | "gemini-3.1-flash-image-preview"
        | "gemini-3.1-flash-image-preview-official" => {
            caps.label = "Nano Banana 2";
            if provider.preset == Preset::Anyfast {
                caps.aspect_ratios = ANYFAST_FLASH_RATIOS;
            }
            true
        }
        "gemini-3.1-flash-lite-image" | "gemini-3.1-flash-lite-image-preview" => {
            caps.label = "Nano Banana Lite";
            caps.aspect_ratios = STANDARD_RATIOS;
            caps.image_sizes = ONLY_1K;
            caps.web_search = false;
            caps.image_search = false;
            true
        }
        "gemini-3-pro-image-preview" => {
            caps.label = "Nano Banana Pro";
            caps.aspect_ratios = STANDARD_RATIOS;
            caps.image_sizes = PRO_SIZES;
            caps.thinking_levels = &[];
            caps.image_search = false;
            true
        }
        "gemini-2.5-flash-image" | "gemini-2.5-flash-image-preview" => {
            caps.label = "Nano Banana";
            caps.aspect_ratios = STANDARD_RATIOS;
            caps.image_sizes = &[];
            caps.max_references = 3;
            caps.thinking_levels = &[];
            caps.thoughts = false;
            caps.web_search = false;
            caps.image_search = false;
            true
        }
        _ => false,
    };
    caps.known = known;
    if provider.dialect == Dialect::Task {
        // The task API (seed 003): `size` is a ratio or auto, `resolution` 0.5K..4K, `n` 1..4,
        // `image_urls` up to 14 of 10 MB each, search flags; no thinking, system or safety fields.
        caps.thinking_levels = &[];
        caps.thoughts = false;
        caps.native_options = false;
        caps.input_types = BASIC_INPUT_TYPES;
        caps.max_reference_bytes = 10 * MB;
    }
    if provider.dialect == Dialect::OpenAi {
        // Chat completions (PROTOCOLS.md): ratio and size in `image_config`, images as data URIs, drafts
        // by streaming; no thinking level, search, system or safety fields in the documented shape.
        caps.thinking_levels = &[];
        caps.web_search = false;
        caps.image_search = false;
        caps.native_options = false;
        caps.input_types = BASIC_INPUT_TYPES;
    }
    caps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_both_spellings() {
        for s in ImageSize::ALL {
            assert_eq!(ImageSize::parse(s.native()), Some(s));
            assert_eq!(ImageSize::parse(s.task()), Some(s));
        }
        assert_eq!(ImageSize::parse("1k"), Some(ImageSize::K1));
        assert_eq!(ImageSize::parse("8K"), None);
    }

    #[test]
    fn lite_is_1k_only_with_seed_ratios() {
        let caps = capabilities(&Preset::Anyfast.provider(), "gemini-3.1-flash-lite-image");
        assert_eq!(caps.image_sizes, &[ImageSize::K1]);
        assert_eq!(caps.aspect_ratios.len(), 10);
        assert!(caps.aspect_ratios.contains(&"21:9"));
        assert!(!caps.aspect_ratios.contains(&"1:8"));
        assert_eq!(caps.thinking_levels, BOTH_LEVELS);
    }

    #[test]
    fn flash_family_has_extreme_ratios_and_512() {
        let caps = capabilities(&Preset::Google.provider(), "gemini-3.1-flash-image");
        for r in ["1:4", "4:1", "1:8", "8:1"] {
            assert!(caps.aspect_ratios.contains(&r));
        }
        assert!(caps.image_sizes.contains(&ImageSize::S512));
        assert_eq!(caps.max_references, 14);
        assert!(caps.input_types.contains(&"image/heic"));
        let anyfast = capabilities(&Preset::Anyfast.provider(), "gemini-3.1-flash-image");
        assert_eq!(anyfast.aspect_ratios, ANYFAST_FLASH_RATIOS);
        assert!(!anyfast.input_types.contains(&"image/heic"));
    }

    #[test]
    fn task_dialect_drops_native_only_options() {
        let caps = capabilities(
            &Preset::Gccai.provider(),
            "gemini-3.1-flash-image-preview-official",
        );
        assert!(caps.known);
        assert!(caps.thinking_levels.is_empty());
        assert!(!caps.native_options);
        assert_eq!(caps.max_reference_bytes, 10 * MB);
        assert_eq!(caps.max_count, 4);
    }

    #[test]
    fn openai_relays_name_models_with_a_vendor() {
        let openrouter = Preset::OpenRouter.provider();
        for model in models_for(Preset::OpenRouter) {
            assert!(capabilities(&openrouter, model).known, "{model}");
        }
        let caps = capabilities(&openrouter, "google/gemini-3.1-flash-image-preview:free");
        assert_eq!(caps.label, "Nano Banana 2");
        assert_eq!(caps.model, "google/gemini-3.1-flash-image-preview:free");
        assert!(caps.thoughts && !caps.web_search && !caps.native_options);
        assert!(caps.thinking_levels.is_empty());
        let lite = capabilities(&openrouter, "google/gemini-3.1-flash-lite-image");
        assert_eq!(lite.image_sizes, ONLY_1K);
        // Elsewhere a slash is not part of a known id.
        assert!(!capabilities(&Preset::Google.provider(), "google/gemini-3.1-flash-image").known);
    }

    #[test]
    fn unknown_models_are_permissive() {
        let caps = capabilities(&Preset::Custom.provider(), " my-future-model ");
        assert!(!caps.known);
        assert_eq!(caps.model, "my-future-model");
        assert_eq!(caps.image_sizes, ALL_SIZES);
        assert!(caps.web_search && caps.image_search);
    }

    #[test]
    fn older_models_take_no_image_size() {
        let caps = capabilities(&Preset::Google.provider(), "gemini-2.5-flash-image");
        assert!(caps.image_sizes.is_empty());
        let pro = capabilities(&Preset::Google.provider(), "gemini-3-pro-image-preview");
        assert!(!pro.image_sizes.contains(&ImageSize::S512));
        assert!(pro.thinking_levels.is_empty());
    }
}
