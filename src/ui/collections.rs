//! Collections on the stage: the dialog that puts images in one (an existing one, or a new one named
//! there), the bar over a collection shown as its own stage (rename, delete, back to all images), and
//! the list of collections in the toolbar's menu.

use super::i18n::{t, t_string, use_i18n};
use super::icons::{self, icon};
use crate::app::{History, Notices};
use leptos::prelude::*;

/// The images being put in a collection (`None`: the dialog is closed). `Copy`, provided by the stage.
#[derive(Clone, Copy)]
pub struct Picker(pub RwSignal<Option<Vec<u64>>>);

impl Picker {
    /// A closed picker, provided to the stage's views.
    pub fn provide() -> Picker {
        let picker = Picker(RwSignal::new(None));
        provide_context(picker);
        picker
    }

    /// Opens the dialog for the results `ids`.
    pub fn open(self, ids: Vec<u64>) {
        if !ids.is_empty() {
            self.0.set(Some(ids));
        }
    }
}

/// The dialog: every collection as a button, and a new one named in place.
#[component]
pub fn CollectionPicker(picker: Picker) -> impl IntoView {
    let history = expect_context::<History>();
    let notices = expect_context::<Notices>();
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let problem = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let close = move || {
        picker.0.set(None);
        name.set(String::new());
        problem.set(false);
    };
    let added = move |n: usize, collection: String| {
        notices
            .status
            .set(crate::text!(collections.added, n = n, name = collection));
    };
    let choose = move |id: String, collection: String| {
        if let Some(ids) = picker.0.get_untracked() {
            history.add_to_collection(&ids, &id);
            added(ids.len(), collection);
        }
        close();
    };
    let create = move || {
        let Some(ids) = picker.0.get_untracked() else {
            return;
        };
        let typed = name.get_untracked();
        let n = ids.len();
        if history.new_collection(&typed, ids) {
            added(
                n,
                crate::studio::library::clean_name(&typed).unwrap_or_default(),
            );
            close();
        } else {
            problem.set(true);
            if let Some(i) = input.get_untracked() {
                let _ = i.focus();
            }
        }
    };
    Effect::new(move |_| {
        if picker.0.with(Option::is_some) {
            request_animation_frame(move || {
                if let Some(i) = input.get_untracked() {
                    let _ = i.focus();
                }
            });
        }
    });
    view! {
        <Show when=move || picker.0.with(Option::is_some)>
            <div class="expand-dialog" on:click=move |e| {
                // A click on the dimmed studio around the card closes it.
                if e.target() == e.current_target() { close(); }
            }>
            <section class="expand-card collection-picker" role="dialog" aria-modal="true" data-testid="collection-picker"
                aria-label=move || t_string!(i18n, collections.choose)
                on:keydown=move |e| if e.key() == "Escape" { e.stop_propagation(); close(); }>
                <header>
                    <h2>{t!(i18n, collections.choose)}</h2>
                    <button class="icon-button" data-testid="close-collection-picker" on:click=move |_| close()
                        aria-label=move || t_string!(i18n, collections.close) title=move || t_string!(i18n, collections.close)>
                        {icon(icons::CLOSE)}
                    </button>
                </header>
                <ul class="choices">
                    <For each=move || history.collections.get() key=|c| (c.id.clone(), c.name.clone()) let:c>
                        <li>
                            <button class="item" data-testid="collection-choice"
                                on:click={
                                    let (id, n) = (c.id.clone(), c.name.clone());
                                    move |_| choose(id.clone(), n.clone())
                                }>
                                {icon(icons::COLLECTION)}{c.name.clone()}
                            </button>
                        </li>
                    </For>
                </ul>
                <form class="new-collection" on:submit=move |e| { e.prevent_default(); create(); }>
                    <input data-testid="new-collection-name" node_ref=input maxlength="80"
                        placeholder=move || t_string!(i18n, collections.new_name)
                        aria-label=move || t_string!(i18n, collections.new_name)
                        aria-invalid=move || problem.get().to_string()
                        prop:value=move || name.get() on:input=move |e| { name.set(event_target_value(&e)); problem.set(false); }/>
                    <button data-testid="new-collection-create">{icon(icons::COLLECTION_ADD)}{t!(i18n, collections.create)}</button>
                </form>
                <Show when=move || problem.get()>
                    <p class="meta warn" role="alert" data-testid="collection-name-error">{t!(i18n, collections.empty_name)}</p>
                </Show>
            </section>
            </div>
        </Show>
    }
}

/// Over a collection shown as its own stage: its name, rename, delete (its images stay), all images.
#[component]
pub fn CollectionBar() -> impl IntoView {
    let history = expect_context::<History>();
    let i18n = use_i18n();
    let current = move || history.filter.with(|f| f.collection.clone());
    let name = move || current().and_then(|id| history.collection_name(&id));
    let renaming = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let show_all = move || history.filter.update(|f| f.collection = None);
    view! {
        <Show when=move || name().is_some()>
            <div class="collection-bar" data-testid="collection-bar" role="region"
                aria-label=move || name().unwrap_or_default()>
                {icon(icons::COLLECTION)}
                <Show when=move || renaming.get() fallback=move || view! {
                    <h2 data-testid="collection-title">{name}</h2>
                    <button class="icon-button" data-testid="rename-collection"
                        aria-label=move || t_string!(i18n, collections.rename) title=move || t_string!(i18n, collections.rename)
                        on:click=move |_| { typed.set(name().unwrap_or_default()); renaming.set(true); }>
                        {icon(icons::RENAME)}
                    </button>
                }>
                    <form on:submit=move |e| {
                        e.prevent_default();
                        if let Some(id) = current() {
                            if history.rename_collection(&id, &typed.get_untracked()) {
                                renaming.set(false);
                            }
                        }
                    }>
                        <input data-testid="collection-name" maxlength="80" prop:value=move || typed.get()
                            aria-label=move || t_string!(i18n, collections.name)
                            on:input=move |e| typed.set(event_target_value(&e))
                            on:keydown=move |e| if e.key() == "Escape" { e.stop_propagation(); renaming.set(false); }/>
                        <button data-testid="save-collection-name">{t!(i18n, collections.save)}</button>
                    </form>
                </Show>
                <span class="spacer"></span>
                <Show when=move || confirming.get() fallback=move || view! {
                    <button class="secondary danger" data-testid="delete-collection" on:click=move |_| confirming.set(true)>
                        {icon(icons::DELETE)}{t!(i18n, collections.delete)}
                    </button>
                }>
                    <span role="alert">{move || t_string!(i18n, collections.delete_confirm, name = name().unwrap_or_default()).to_string()}</span>
                    <button class="danger" data-testid="confirm-delete-collection"
                        on:click=move |_| { if let Some(id) = current() { history.delete_collection(&id); } confirming.set(false); }>
                        {t!(i18n, collections.confirm)}
                    </button>
                    <button class="secondary" on:click=move |_| confirming.set(false)>{t!(i18n, collections.cancel)}</button>
                </Show>
                <button class="secondary" data-testid="show-all" on:click=move |_| show_all()>{t!(i18n, collections.all)}</button>
            </div>
        </Show>
    }
}

/// The collections in the toolbar's menu, each opening its own stage.
#[component]
pub fn CollectionList(menu: RwSignal<bool>) -> impl IntoView {
    let history = expect_context::<History>();
    let i18n = use_i18n();
    view! {
        <p class="meta menu-heading">{t!(i18n, collections.list)}</p>
        <Show when=move || history.collections.with(Vec::is_empty)>
            <p class="meta" data-testid="no-collections">{t!(i18n, collections.none)}</p>
        </Show>
        <For each=move || history.collections.get() key=|c| (c.id.clone(), c.name.clone()) let:c>
            <button class="item" data-testid="open-collection"
                on:click={
                    let id = c.id.clone();
                    move |_| { menu.set(false); history.filter.update(|f| f.collection = Some(id.clone())); }
                }>
                {icon(icons::COLLECTION)}{c.name.clone()}
            </button>
        </For>
    }
}
