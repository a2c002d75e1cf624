//! The references in the composer: the thumbnails with remove and what shrinking saved, and the
//! long-edge choice among the composer's extra options. Loaded on first use (`ui::lazy`), with
//! refitting every reference when the limits change.

use crate::app::{Annotation, Composer, Prefs};
use crate::locale;
use crate::locale::i18n::{t, t_string, td_string, use_i18n};
use crate::protocol::error::human_size;
use crate::studio::downscale::{Limits, LONG_EDGES};
use crate::studio::Settings;
use crate::ui::widgets::Choice;
use leptos::prelude::*;

/// The long-edge limit for references, with what it means.
#[component]
pub fn LongEdge() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let i18n = use_i18n();
    let settings = prefs.settings;
    let edges = Signal::derive(move || {
        std::iter::once((
            String::new(),
            t_string!(i18n, refs.original_size).to_string(),
        ))
        .chain(LONG_EDGES.iter().map(|&px| {
            (
                px.to_string(),
                t_string!(i18n, refs.long_edge, px).to_string(),
            )
        }))
        .collect()
    });
    let edge = Signal::derive(move || {
        settings.with(|s| s.ref_long_edge.map(|e| e.to_string()).unwrap_or_default())
    });
    let pick_edge =
        Callback::new(move |v: String| settings.update(|s| s.ref_long_edge = v.parse().ok()));
    view! {
        <div class="row">
            <Choice testid="ref-long-edge" choices=edges value=edge pick=pick_edge>{t!(i18n, refs.shrink_to)}</Choice>
            <span class="hint">
                {move || t_string!(i18n, refs.limit_hint, max = settings.with(|s| human_size(s.capabilities().max_reference_bytes)))}
            </span>
        </div>
    }
}

/// The thumbnails and the notes on shrunk references.
#[component]
pub fn ReferenceList() -> impl IntoView {
    let prefs = expect_context::<Prefs>();
    let composer = expect_context::<Composer>();
    let annotation = expect_context::<Annotation>();
    let i18n = use_i18n();
    let settings = prefs.settings;
    // Other limits (provider, model, long edge): fit every reference again from its original.
    Effect::new(move |previous: Option<Limits>| {
        let limits = settings.with(Settings::reference_limits);
        if previous.is_some_and(|p| p != limits) {
            composer.refit_all(limits);
        }
        limits
    });
    view! {
        <ul class="thumbs">
            <For
                each=move || composer.references.get()
                key=|r| (r.id, r.bytes.len(), r.resized.is_some())
                children=move |r| {
                    let id = r.id;
                    let size = match &r.resized {
                        Some(resized) => locale::resized(resized),
                        None => {
                            let size = human_size(r.bytes.len());
                            locale::Text::new(move |_| size.clone())
                        }
                    };
                    let (title_name, remove_name, annotate_name) = (r.name.clone(), r.name.clone(), r.name.clone());
                    let badge = r.resized.as_ref().map(|r| {
                        let saved = r.saved_percent();
                        view! { <span class="badge" data-testid="ref-shrunk">{format!("−{} %", crate::protocol::format::fixed(saved, 0))}</span> }
                    });
                    view! {
                        <li data-testid="ref-thumb" title=move || {
                            let l = i18n.get_locale();
                            td_string!(l, refs.thumb_title, name = &title_name, size = size.get(l))
                        }>
                            <img src=r.thumb.url().to_string() alt=r.name.clone()/>
                            {badge}
                            <button
                                type="button"
                                class="annotate"
                                data-testid="annotate"
                                title=move || t_string!(i18n, annotate.open_title)
                                aria-label=move || t_string!(i18n, annotate.title, name = &annotate_name)
                                on:click=move |_| annotation.open_reference(id)
                            >
                                {super::icons::icon(super::icons::MARK_UP)}
                            </button>
                            <button
                                type="button"
                                class="remove"
                                data-testid="ref-remove"
                                aria-label=move || t_string!(i18n, refs.remove, name = &remove_name)
                                on:click=move |_| annotation.remove_reference(id)
                            >
                                {super::icons::icon(super::icons::CLOSE)}
                            </button>
                        </li>
                    }
                }
            />
        </ul>
        {move || annotation.region.get().map(|edit| {
            let name = edit.name.clone();
            view! {
                <p class="region-pending" data-testid="region-pending">
                    {super::icons::icon(super::icons::MARK_UP)}
                    <span>{move || t_string!(i18n, region.pending, name = &name)}</span>
                    <button type="button" class="icon-button" data-testid="region-pending-clear"
                        title=move || t_string!(i18n, region.pending_clear)
                        aria-label=move || t_string!(i18n, region.pending_clear)
                        on:click=move |_| annotation.end_region()>
                        {super::icons::icon(super::icons::CLOSE)}
                    </button>
                </p>
            }
        })}
        <ul class="ref-notes" aria-live="polite">
            {move || composer.references.with(|refs| refs.iter().filter_map(|r| {
                let summary = locale::resized(r.resized.as_ref()?);
                let name = r.name.clone();
                Some(view! { <li data-testid="ref-note">{move || {
                    let l = i18n.get_locale();
                    td_string!(l, refs.note, name = &name, summary = summary.get(l))
                }}</li> })
            }).collect_view())}
        </ul>
    }
}
