//! Comparing models: one click sends the same prompt, references and settings once per chosen model.
//! Each model gets the settings fitted to what it offers; whatever had to be left out is named, never
//! dropped silently.

use super::providers::{split, Saved};
use super::Settings;
use crate::protocol::{ImageSize, ThinkingLevel};

/// Most models one comparison may hold.
pub const MAX_MODELS: usize = 6;

/// One model's share of a comparison: the settings it is sent with and what they leave out of the
/// settings asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// Pointed at its provider ([`Settings::provider_id`]) and model.
    pub settings: Settings,
    /// The asked choices this model does not offer (`["4K", "21:9"]`); empty when all are kept.
    pub dropped: Vec<String>,
}

/// What one click sends: once per model of `settings.compare` (in order, on the provider in use or a
/// saved one of `saved`; duplicates, blanks and models of providers since removed left out, at most
/// [`MAX_MODELS`]), or once with the settings as they are when none is chosen.
pub fn variants(settings: &Settings, saved: &Saved) -> Vec<Variant> {
    let mut picks: Vec<(&str, &str)> = Vec::new();
    for entry in &settings.compare {
        let (provider, model) = split(entry);
        let provider = if provider == settings.provider_id {
            ""
        } else {
            provider
        };
        let model = model.trim();
        if !model.is_empty() && !picks.contains(&(provider, model)) && picks.len() < MAX_MODELS {
            picks.push((provider, model));
        }
    }
    let asked: Vec<Settings> = picks
        .into_iter()
        .filter_map(|(provider, model)| {
            let provider = if provider.is_empty() {
                settings.provider_id.as_str()
            } else {
                provider
            };
            saved.settings_for(settings, provider, model)
        })
        .collect();
    if asked.is_empty() {
        return vec![Variant {
            settings: settings.clone(),
            dropped: Vec::new(),
        }];
    }
    asked
        .into_iter()
        .map(|asked| {
            let mut fitted = asked.clone();
            fitted.fit_to_model();
            Variant {
                dropped: dropped(&asked, &fitted),
                settings: fitted,
            }
        })
        .collect()
}

/// How many of the models chosen belong to a saved provider no longer saved (removed in another tab):
/// [`variants`] leaves them out, and the studio says so rather than compare fewer.
pub fn gone(settings: &Settings, saved: &Saved) -> usize {
    settings
        .compare
        .iter()
        .map(|c| split(c).0)
        .filter(|p| !p.is_empty() && *p != settings.provider_id && saved.get(p).is_none())
        .count()
}

/// The choices of `asked` that `fitted` (the same settings fitted to a model) had to leave out, by
/// their own names: a size (`"4K"`), a ratio (`"21:9"`), `"thinking: high"`, `"web search"`, ...
pub fn dropped(asked: &Settings, fitted: &Settings) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(size) = asked.image_size.filter(|&s| fitted.image_size != Some(s)) {
        out.push(ImageSize::native(size).to_string());
    }
    if asked.aspect_ratio != fitted.aspect_ratio {
        out.push(asked.aspect_ratio.clone());
    }
    if let Some(level) = asked.thinking.filter(|&t| fitted.thinking != Some(t)) {
        out.push(format!("thinking: {}", ThinkingLevel::wire(level)));
    }
    if asked.count > fitted.count {
        out.push(format!("{} images", asked.count));
    }
    for (a, f, name) in [
        (asked.include_thoughts, fitted.include_thoughts, "drafts"),
        (asked.web_search, fitted.web_search, "web search"),
        (asked.image_search, fitted.image_search, "image search"),
        (asked.image_only, fitted.image_only, "image only"),
        (
            !asked.system_instruction.is_empty(),
            !fitted.system_instruction.is_empty(),
            "system instruction",
        ),
    ] {
        if a && !f {
            out.push(name.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Preset;
    use crate::studio::providers::pick;

    fn asked() -> Settings {
        let mut s = Settings::for_preset(Preset::Google);
        s.image_size = ImageSize::parse("4K");
        s.aspect_ratio = "8:1".into();
        s
    }

    #[test]
    fn nothing_chosen_is_one_plain_run() {
        let s = asked();
        assert_eq!(
            variants(&s, &Saved::default()),
            [Variant {
                settings: s.clone(),
                dropped: vec![]
            }]
        );
    }

    #[test]
    fn one_run_per_model_with_what_each_lacks_named() {
        let mut s = asked();
        s.compare = vec![
            "gemini-3.1-flash-image".into(),
            " gemini-2.5-flash-image ".into(),
            "gemini-3.1-flash-image".into(),
            "".into(),
        ];
        let v = variants(&s, &Saved::default());
        assert_eq!(v.len(), 2, "duplicates and blanks left out");
        assert_eq!(v[0].settings.model, "gemini-3.1-flash-image");
        assert!(v[0].dropped.is_empty(), "{:?}", v[0].dropped);
        assert_eq!(v[0].settings.image_size, ImageSize::parse("4K"));
        assert_eq!(v[1].settings.model, "gemini-2.5-flash-image");
        assert_eq!(v[1].dropped, ["4K", "8:1"]);
        assert_eq!(v[1].settings.image_size, None);
        assert!(v.iter().all(|x| x.settings.compare.is_empty()));
        s.compare = (0..10).map(|i| format!("model-{i}")).collect();
        assert_eq!(variants(&s, &Saved::default()).len(), MAX_MODELS);
    }

    #[test]
    fn a_comparison_mixes_saved_providers_each_with_its_own_set_up() {
        let mut saved = Saved::default();
        let mut s = asked();
        let google = saved.add(&mut s, "Google").unwrap();
        let mut relay = Settings::for_preset(Preset::OpenRouter);
        relay.proxy = "https://proxy.example".into();
        let relay_id = saved.add(&mut relay, "Router").unwrap();
        assert_eq!(s.provider_id, google);
        s.compare = vec![
            "gemini-3.1-flash-image".into(),
            pick(&relay_id, "google/gemini-2.5-flash-image"),
            pick(&google, "gemini-3.1-flash-image"),
            pick("p99", "gone"),
            pick(&relay_id, "google/gemini-2.5-flash-image"),
        ];
        let v = variants(&s, &saved);
        assert_eq!(
            v.len(),
            2,
            "the provider in use named or not is one; removed providers left out"
        );
        assert_eq!(gone(&s, &saved), 1);
        assert_eq!(v[0].settings.provider_id, google);
        assert_eq!(v[0].settings.provider(), s.provider());
        let other = &v[1].settings;
        assert_eq!(other.provider_id, relay_id);
        assert_eq!(
            other.provider(),
            relay.provider(),
            "the relay's URL, dialect, auth and proxy"
        );
        assert_eq!(other.model, "google/gemini-2.5-flash-image");
        assert_eq!(v[1].dropped, ["4K", "8:1"], "fitted to the relay's model");
        assert_eq!(
            split(&pick(&relay_id, "a:b/c")),
            (relay_id.as_str(), "a:b/c")
        );
        assert_eq!(split("plain"), ("", "plain"));
    }
}
