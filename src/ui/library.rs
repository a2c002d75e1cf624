//! The prompt library panel: save the composer's prompt with a name and tags, search, insert, rename,
//! delete (`app::Library`). Loaded on first use.

use super::i18n::{t, t_string, use_i18n};
use crate::app::Library;
use crate::studio::prompts::SavedPrompt;
use leptos::prelude::*;

/// The panel.
#[component]
pub fn PromptLibrary() -> impl IntoView {
    let library = expect_context::<Library>();
    let i18n = use_i18n();
    if !library.loaded.get_untracked() {
        library.load();
    }
    library.follow_imports();
    let (name, tags, query) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        library.save(&name.get_untracked(), &tags.get_untracked());
        name.set(String::new());
        tags.set(String::new());
    };
    let shown = move || {
        let q = query.get();
        library.prompts.with(|l| {
            l.iter()
                .filter(|p| p.matches(&q))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="library" aria-label=move || t_string!(i18n, library.title)>
            <form class="library-save" on:submit=save>
                <label>
                    {t!(i18n, library.name)}
                    <input data-testid="library-name" prop:value=move || name.get()
                        placeholder=move || t_string!(i18n, library.name_hint)
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </label>
                <label>
                    {t!(i18n, library.tags)}
                    <input data-testid="library-tags" prop:value=move || tags.get()
                        placeholder=move || t_string!(i18n, library.tags_hint)
                        on:input=move |ev| tags.set(event_target_value(&ev))/>
                </label>
                <button type="submit" class="primary" data-testid="library-save">{t!(i18n, library.save)}</button>
            </form>
            <div class="row wrap">
                <input type="search" data-testid="library-search"
                    aria-label=move || t_string!(i18n, library.search)
                    placeholder=move || t_string!(i18n, library.search)
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))/>
                <span class="meta" data-testid="library-count">
                    {move || t_string!(i18n, library.count, n = library.prompts.with(Vec::len)).to_string()}
                </span>
            </div>
            <Show when=move || library.loaded.get() && library.prompts.with(Vec::is_empty)>
                <p class="hint" data-testid="library-empty">{t!(i18n, library.empty_library)}</p>
            </Show>
            <Show when=move || library.prompts.with(|l| !l.is_empty()) && shown().is_empty()>
                <p class="hint">{move || t_string!(i18n, library.no_match, query = query.get()).to_string()}</p>
            </Show>
            <ul class="library-list">
                <For each=shown key=|p| (p.id.clone(), p.name.clone(), p.tags.clone()) let:p>
                    <LibraryItem p/>
                </For>
            </ul>
        </section>
    }
}

/// One saved prompt: name, tags, text, Insert, Rename, Delete.
#[component]
fn LibraryItem(p: SavedPrompt) -> impl IntoView {
    let library = expect_context::<Library>();
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    let (name, tags) = (
        RwSignal::new(p.name.clone()),
        RwSignal::new(p.tags.join(", ")),
    );
    let (id_insert, id_edit, id_delete) = (p.id.clone(), p.id.clone(), p.id.clone());
    view! {
        <li class="library-item" data-testid="library-item">
            <Show when=move || editing.get()
                fallback={
                    let (n, t) = (p.name.clone(), p.tags.clone());
                    move || view! {
                        <strong data-testid="library-item-name">{n.clone()}</strong>
                        <span class="tags">{t.iter().map(|t| view! { <span class="tag">"#"{t.clone()}</span> }).collect_view()}</span>
                    }
                }>
                <input data-testid="library-edit-name" prop:value=move || name.get()
                    aria-label=move || t_string!(i18n, library.name)
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                <input data-testid="library-edit-tags" prop:value=move || tags.get()
                    aria-label=move || t_string!(i18n, library.tags)
                    on:input=move |ev| tags.set(event_target_value(&ev))/>
            </Show>
            <p class="library-text" data-testid="library-item-text">{p.text.clone()}</p>
            <div class="actions">
                <button class="primary" data-testid="library-insert"
                    title=move || t_string!(i18n, library.insert_title)
                    on:click=move |_| library.insert(&id_insert)>{t!(i18n, library.insert)}</button>
                <button class="secondary" data-testid="library-edit"
                    on:click=move |_| {
                        if editing.get_untracked() {
                            library.edit(&id_edit, &name.get_untracked(), &tags.get_untracked());
                        }
                        editing.update(|e| *e = !*e);
                    }>
                    {move || if editing.get() { t_string!(i18n, library.done) } else { t_string!(i18n, library.edit) }}
                </button>
                <button class="secondary" data-testid="library-delete"
                    on:click=move |_| library.delete(&id_delete)>{t!(i18n, library.delete)}</button>
            </div>
        </li>
    }
}
