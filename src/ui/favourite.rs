//! The star: on a tile's bar, in the lightbox and in the selection bar. Pressed when every one of its
//! results is a favourite; a press stars them all, or takes the star away when they all had it.

use super::i18n::{t_string, use_i18n};
use super::icons::{self, icon};
use crate::app::History;
use leptos::prelude::*;

/// The star of the results `ids`; `labelled` adds its name beside the icon (the lightbox and the
/// selection bar).
#[component]
pub fn Star(
    #[prop(into)] ids: Signal<Vec<u64>>,
    #[prop(optional)] labelled: bool,
) -> impl IntoView {
    let history = expect_context::<History>();
    let i18n = use_i18n();
    let on = Memo::new(move |_| {
        ids.with(|ids| {
            !ids.is_empty()
                && history.results.with(|r| {
                    ids.iter()
                        .all(|id| r.iter().any(|i| i.id == *id && i.favourite))
                })
        })
    });
    let name = move || {
        if on.get() {
            t_string!(i18n, results.unfavourite)
        } else {
            t_string!(i18n, results.favourite)
        }
    };
    view! {
        <button class=if labelled { "secondary star" } else { "icon-button star" } data-testid="favourite"
            class:starred=move || on.get()
            aria-pressed=move || on.get().to_string()
            aria-label=name title=name
            disabled=move || ids.with(Vec::is_empty)
            on:click=move |_| history.set_favourite(&ids.get_untracked(), !on.get_untracked())>
            {icon(icons::STAR)}
            {labelled.then(|| view! { <span>{move || if on.get() { t_string!(i18n, results.unfavourite) } else { t_string!(i18n, results.favourite) }}</span> })}
        </button>
    }
}

/// Whether the result `id` is a favourite (for its tile's badge).
pub fn is_favourite(history: History, id: u64) -> Memo<bool> {
    Memo::new(move |_| {
        history
            .results
            .with(|r| r.iter().any(|i| i.id == id && i.favourite))
    })
}
