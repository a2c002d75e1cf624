//! The running generation as a tile in the gallery, where its images will appear: the requested shape,
//! the model's draft while it thinks, elapsed time, the retry countdown, the task's progress, the
//! offline note and Cancel.

use super::i18n::{t, t_string, use_i18n};
use crate::app::{Generator, Prefs};
use leptos::prelude::*;

/// The asked shape as width / height (square for auto or anything unreadable), which reserves the
/// image's place while it is made.
pub fn asked_ratio(aspect_ratio: &str) -> f64 {
    crate::studio::fit::parse_ratio(aspect_ratio).unwrap_or(1.0)
}

/// The tile of the generation running now, if any, at its place in the gallery (`size`).
#[component]
pub fn JobCard(size: super::tile::Size) -> impl IntoView {
    let generator = expect_context::<Generator>();
    let prefs = expect_context::<Prefs>();
    let i18n = use_i18n();
    let running = move || generator.running.with(Option::is_some);
    // The asked shape reserves the image's place (width / height; square for auto).
    let shape = move || prefs.settings.with(|s| asked_ratio(&s.aspect_ratio));
    let elapsed = move || {
        generator.running.with(|r| {
            r.as_ref().map(|r| {
                let s = crate::protocol::format::fixed(
                    ((generator.now_ms.get() - r.started_ms) / 1000.0).max(0.0),
                    1,
                );
                t_string!(i18n, units.seconds, s)
            })
        })
    };
    let pending = move || {
        generator
            .running
            .with(|r| r.as_ref().map_or(0, |r| r.pending))
    };
    view! {
        <Show when=running>
            <article class="job" data-testid="job-card" aria-busy="true"
                style:--r=move || crate::protocol::format::fixed(shape(), 4)
                style:width=move || size.get().map(|(w, _)| super::tile::px(w))
                style:height=move || size.get().map(|(_, h)| super::tile::px(h))>
                <div class="shape">
                    {move || generator.running.with(|r| r.as_ref().and_then(|r| r.preview.clone())).map(|p| view! {
                        <figure class="preview" data-testid="preview">
                            <img src=p.url().to_string() alt=move || t_string!(i18n, options.draft_alt)/>
                        </figure>
                    })}
                </div>
                <div class="body-text">
                    <p class="meta" role="status">
                        <span class="elapsed" data-testid="elapsed">{elapsed}</span>
                        " · "
                        {move || generator.running.with(|r| r.as_ref().map(|r| t_string!(i18n, options.waiting, host = &r.host)))}
                        {move || (pending() > 1).then(|| format!(" · ×{}", pending()))}
                    </p>
                    {move || generator.running.with(|r| r.as_ref().and_then(|r| r.retry.clone())).map(|w| {
                        let left = (((w.until_ms - generator.now_ms.get()) / 1000.0).ceil().max(0.0) as u64).to_string();
                        let reason = w.reason.get(i18n.get_locale());
                        view! {
                            <p class="retry" data-testid="retry-note" role="status">
                                {t_string!(i18n, options.retry_note, reason, left, retry = w.retry, of = w.of)}
                            </p>
                        }
                    })}
                    <Show when=move || !generator.online.get()>
                        <p class="retry" data-testid="offline-note" role="status">{t!(i18n, options.offline_note)}</p>
                    </Show>
                    <Show when=move || generator.running.with(|r| r.as_ref().is_some_and(|r| r.progress.is_some()))>
                        <progress
                            data-testid="progress"
                            max="100"
                            prop:value=move || generator.running.with(|r| r.as_ref().and_then(|r| r.progress).unwrap_or(0) as f64)
                        ></progress>
                    </Show>
                    <div class="row">
                        <button class="secondary" data-testid="cancel" on:click=move |_| generator.cancel()>{t!(i18n, options.cancel)}</button>
                    </div>
                </div>
            </article>
        </Show>
    }
}
