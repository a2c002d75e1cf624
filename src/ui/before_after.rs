//! A region edit's result three ways: the composite, the model's raw answer, and the original and
//! the composite under a slider (before / after). In the lightbox, and reached from the tile's menu.

use super::i18n::{t, t_string, use_i18n};
use super::icons::{self, icon};
use crate::app::ResultItem;
use leptos::prelude::*;

/// What a region edit's result shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Shown {
    /// The composite.
    #[default]
    Result,
    /// The model's answer as it came.
    Raw,
    /// The original under the composite, a slider between them.
    BeforeAfter,
}

/// The URL `item` shows as `shown` (the composite unless it is a region edit's raw answer).
pub fn url_of(item: &ResultItem, shown: Shown) -> String {
    match (&item.region, shown) {
        (Some(r), Shown::Raw) => r.raw.url.url().to_string(),
        _ => item.shown_url(),
    }
}

/// The original (before) over the result (after), the slider's share of the original shown.
#[component]
pub fn BeforeAfter(item: ResultItem) -> impl IntoView {
    let i18n = use_i18n();
    let share = RwSignal::new(50.0_f64);
    let before = item
        .region
        .as_ref()
        .map(|r| r.original.url().to_string())
        .unwrap_or_default();
    let (w, h) = item.dims.unwrap_or((1, 1));
    view! {
        <div class="before-after-wrap">
        // Set as properties, not a `style` attribute, which the Content-Security-Policy refuses.
        <div class="before-after" data-testid="before-after-view" style:aspect-ratio=format!("{w} / {h}")
            style:width=format!("min(100cqw, calc(100cqh * {w} / {h}))")>
            <img class="after" data-testid="lightbox-image" src=item.shown_url() alt="" draggable="false"/>
            <img class="before" data-testid="before-image" src=before alt="" draggable="false"
                style:clip-path=move || format!("inset(0 {}% 0 0)", crate::protocol::format::fixed(100.0 - share.get(), 2))/>
            <span class="divider" aria-hidden="true" style:left=move || format!("{}%", crate::protocol::format::fixed(share.get(), 2))></span>
            <input type="range" min="0" max="100" step="0.5" data-testid="before-after-slider"
                aria-label=move || t_string!(i18n, region.slider)
                prop:value=move || share.get().to_string()
                on:pointerdown=|e| e.stop_propagation()
                on:input=move |ev| share.set(event_target_value(&ev).parse().unwrap_or(50.0))/>
        </div>
        </div>
    }
}

/// The raw answer and before / after switches, for a region edit's result.
#[component]
pub fn RegionSwitches(shown: RwSignal<Shown>) -> impl IntoView {
    let i18n = use_i18n();
    let toggle =
        move |s: Shown| shown.update(|now| *now = if *now == s { Shown::Result } else { s });
    view! {
        <button data-testid="raw-answer" aria-pressed=move || (shown.get() == Shown::Raw).to_string()
            title=move || t_string!(i18n, region.raw_title) on:click=move |_| toggle(Shown::Raw)>
            {icon(icons::RAW)}{t!(i18n, region.raw)}
        </button>
        <button data-testid="before-after" aria-pressed=move || (shown.get() == Shown::BeforeAfter).to_string()
            title=move || t_string!(i18n, region.before_after_title) on:click=move |_| toggle(Shown::BeforeAfter)>
            {icon(icons::BEFORE_AFTER)}{t!(i18n, region.before_after)}
        </button>
    }
}
