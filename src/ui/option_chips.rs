//! The composer's chips for the options used every time: model, aspect ratio, size and count. They
//! load with the `controls` chunk, a moment after the prompt (the settings they show are already
//! applied: Generate uses them either way).

use super::chip::ChipMenu;
use super::i18n::{t_string, use_i18n};
use super::icons;
use super::widgets::pick_into;
use crate::app::Prefs;
use crate::protocol::{models_for, ImageSize};
use crate::studio::Settings;
use leptos::prelude::*;

/// Model, aspect ratio, image size (when the model has sizes) and count.
#[component]
pub fn OptionChips() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let i18n = use_i18n();
    let settings = prefs.settings;
    let caps = Memo::new(move |_| settings.with(Settings::capabilities));
    let pick = move |f: fn(&mut Settings, String)| pick_into(settings, f);
    view! {
        <ModelChip/>
        <ChipMenu testid="aspect-ratio" glyph=icons::RATIO shapes=true
            name=Signal::derive(move || t_string!(i18n, options.aspect_ratio).to_string())
            choices=Signal::derive(move || {
                let mut c = vec![(String::new(), t_string!(i18n, options.auto).to_string())];
                c.extend(caps.get().aspect_ratios.iter().map(|r| (r.to_string(), r.to_string())));
                c
            })
            value=Signal::derive(move || settings.with(|s| s.aspect_ratio.clone()))
            pick=pick(|s, v| s.aspect_ratio = v)/>
        <Show when=move || !caps.with(|c| c.image_sizes.is_empty())>
            <ChipMenu testid="image-size" glyph=icons::SIZE
                name=Signal::derive(move || t_string!(i18n, options.image_size).to_string())
                choices=Signal::derive(move || {
                    let mut c = vec![(String::new(), t_string!(i18n, options.default_size).to_string())];
                    c.extend(caps.get().image_sizes.iter().map(|s| {
                        let label = if *s == ImageSize::S512 { "512 px" } else { s.native() };
                        (s.native().to_string(), label.to_string())
                    }));
                    c
                })
                value=Signal::derive(move || settings.with(|s| s.image_size.map_or("", ImageSize::native).to_string()))
                pick=pick(|s, v| s.image_size = ImageSize::parse(&v))/>
        </Show>
        <ChipMenu testid="count" glyph=icons::COUNT
            name=Signal::derive(move || t_string!(i18n, options.count).to_string())
            choices=Signal::derive(move || (1..=caps.get().max_count).map(|n| (n.to_string(), n.to_string())).collect())
            value=Signal::derive(move || settings.with(|s| s.count.to_string()))
            pick=pick(|s, v| s.count = v.parse().unwrap_or(1))/>
    }
}

/// The model, chosen among the provider's known ones (the settings take any other id).
#[component]
fn ModelChip() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let i18n = use_i18n();
    let settings = prefs.settings;
    let choices = Signal::derive(move || {
        let (preset, current) = settings.with(|s| (s.preset, s.model.clone()));
        let mut c: Vec<(String, String)> = models_for(preset)
            .iter()
            .map(|m| (m.to_string(), m.to_string()))
            .collect();
        if !current.is_empty() && !c.iter().any(|(v, _)| *v == current) {
            c.insert(0, (current.clone(), current));
        }
        c
    });
    view! {
        <ChipMenu testid="model-chip" glyph=icons::MODEL
            name=Signal::derive(move || t_string!(i18n, provider.model).to_string())
            choices
            value=Signal::derive(move || settings.with(|s| s.model.clone()))
            pick=Callback::new(move |v: String| settings.update(|s| {
                s.model = v;
                s.fit_to_model();
            }))/>
    }
}
