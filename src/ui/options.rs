//! The composer: the prompt, aspect ratio, size and count, Generate and Cancel. The other options
//! (`more_options`) load on first use.

use super::i18n::{t, t_string, use_i18n};
use super::widgets::{pick_into, Choice};
use crate::app::{Composer, Generator, Prefs};
use crate::protocol::ImageSize;
use crate::studio::Settings;
use leptos::prelude::*;

/// The prompt, the options used every time, and the Generate / Cancel buttons.
#[component]
pub fn Options() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let composer = expect_context::<Composer>();
    let generator = expect_context::<Generator>();
    let lazy = expect_context::<super::lazy::Lazy>();
    let i18n = use_i18n();
    let settings = prefs.settings;
    let caps = Memo::new(move |_| settings.with(Settings::capabilities));
    let pick = move |f: fn(&mut Settings, String)| pick_into(settings, f);
    let elapsed = move || {
        generator.running.with(|r| {
            r.as_ref().map(|r| {
                // Tenths of a second, formatted as integers (no float formatting in the main module).
                let tenths = ((generator.now_ms.get() - r.started_ms) / 100.0).max(0.0) as u64;
                let s = format!("{}.{}", tenths / 10, tenths % 10);
                t_string!(i18n, units.seconds, s)
            })
        })
    };

    view! {
        <fieldset class="panel">
            <legend>{t!(i18n, options.legend)}</legend>
            // What is not needed to type a prompt and press Generate loads a moment later.
            {super::lazy::lazy_view(super::lazy_views::editing_view)}
            <textarea
                data-testid="prompt"
                rows="5"
                placeholder=move || t_string!(i18n, options.placeholder)
                prop:value=move || composer.prompt.get()
                on:input=move |ev| composer.prompt.set(event_target_value(&ev))
            ></textarea>
            <div class="grid">
                <Choice testid="aspect-ratio"
                    choices=Signal::derive(move || {
                        let mut c = vec![(String::new(), t_string!(i18n, options.auto).to_string())];
                        c.extend(caps.get().aspect_ratios.iter().map(|r| (r.to_string(), r.to_string())));
                        c
                    })
                    value=Signal::derive(move || settings.with(|s| s.aspect_ratio.clone()))
                    pick=pick(|s, v| s.aspect_ratio = v)>
                    {t!(i18n, options.aspect_ratio)}
                </Choice>
                <Show when=move || !caps.with(|c| c.image_sizes.is_empty())>
                    <Choice testid="image-size"
                        choices=Signal::derive(move || {
                            let mut c = vec![(String::new(), t_string!(i18n, options.default_size).to_string())];
                            c.extend(caps.get().image_sizes.iter().map(|s| {
                                let label = if *s == ImageSize::S512 { "512 px" } else { s.native() };
                                (s.native().to_string(), label.to_string())
                            }));
                            c
                        })
                        value=Signal::derive(move || settings.with(|s| s.image_size.map_or("", ImageSize::native).to_string()))
                        pick=pick(|s, v| s.image_size = ImageSize::parse(&v))>
                        {t!(i18n, options.image_size)}
                    </Choice>
                </Show>
                <Choice testid="count"
                    choices=Signal::derive(move || (1..=caps.get().max_count).map(|n| (n.to_string(), n.to_string())).collect())
                    value=Signal::derive(move || settings.with(|s| s.count.to_string()))
                    pick=pick(|s, v| s.count = v.parse().unwrap_or(1))>
                    {t!(i18n, options.count)}
                </Choice>
            </div>
            {super::lazy::lazy_view(super::lazy_views::more_options_view)}
            <div class="row actions">
                <button
                    class="primary"
                    data-testid="generate"
                    disabled=move || generator.running.with(Option::is_some)
                    on:click=move |_| lazy.run(super::lazy::generate(generator))
                    title="Ctrl/Cmd + Enter"
                >
                    {t!(i18n, options.generate)}
                </button>
                {super::lazy::lazy_view(super::lazy_views::estimate_view)}
                <Show when=move || generator.running.with(Option::is_some)>
                    <button class="secondary" data-testid="cancel" on:click=move |_| generator.cancel()>{t!(i18n, options.cancel)}</button>
                    <span class="elapsed" data-testid="elapsed">{elapsed}</span>
                    <span class="hint">{move || generator.running.with(|r| r.as_ref().map(|r| t_string!(i18n, options.waiting, host = &r.host)))}</span>
                </Show>
                {super::lazy::lazy_view(super::lazy_views::running_view)}
            </div>
        </fieldset>
    }
}
