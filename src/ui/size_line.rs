//! What size and shape a result came back as, marked where that differs from what was asked
//! (`studio::fit`): on the result card and in the lightbox.

use super::i18n::{t_string, use_i18n};
use crate::app::ResultItem;
use leptos::prelude::*;

/// What size and shape the image came back as, marked where that differs from what was asked.
#[component]
pub fn SizeLine(item: ResultItem) -> impl IntoView {
    let i18n = use_i18n();
    let (w, h) = item.dims.unwrap_or_default();
    let fit = crate::studio::fit::fit(w, h, item.settings.image_size, &item.settings.aspect_ratio);
    fit.map(|f| {
        let asked: Vec<String> = f
            .asked_size
            .map(|s| s.native().to_string())
            .into_iter()
            .chain(f.asked_ratio.clone())
            .collect();
        let line = format!("{w}×{h} · {} · {}", f.ratio, f.size.native());
        view! {
            <p class="meta" data-testid="result-size">
                {line}
                {(!asked.is_empty()).then(|| {
                    let asked = asked.join(", ");
                    view! {
                        " "
                        <span class="mismatch" data-testid="size-mismatch"
                            title=move || t_string!(i18n, results.mismatch_title)>
                            {move || t_string!(i18n, results.mismatch, asked = &asked)}
                        </span>
                    }
                })}
            </p>
        }
    })
}

/// The tile's badge when the image came back at another size or shape than asked; nothing otherwise.
#[component]
pub fn Mismatch(item: ResultItem) -> impl IntoView {
    let i18n = use_i18n();
    let (w, h) = item.dims.unwrap_or_default();
    let fit = crate::studio::fit::fit(w, h, item.settings.image_size, &item.settings.aspect_ratio);
    fit.and_then(|f| {
        let asked: Vec<String> = f
            .asked_size
            .map(|s| s.native().to_string())
            .into_iter()
            .chain(f.asked_ratio.clone())
            .collect();
        (!asked.is_empty()).then(|| {
            let asked = asked.join(", ");
            view! {
                <span class="badge mismatch" data-testid="size-mismatch"
                    title=move || t_string!(i18n, results.mismatch_title)>
                    {move || t_string!(i18n, results.mismatch, asked = &asked)}
                </span>
            }
        })
    })
}

/// What was asked for: the size and the shape, each "auto" where the model chose.
pub fn asked(item: &ResultItem, auto: &str) -> String {
    let size = item.settings.image_size.map_or(auto, |s| s.native());
    let ratio = if item.settings.aspect_ratio.is_empty() {
        auto
    } else {
        &item.settings.aspect_ratio
    };
    format!("{size} · {ratio}")
}
