//! The lightbox: one result at full size over the studio, with ←/→ through the results shown, Esc to
//! close, zoom between fit and 100 %, and its prompt, model, size, time and cost beside the actions
//! (download, continue editing, use as reference, delete). A saved result's full image is read from
//! the history when it opens.

use super::i18n::{t, t_string, use_i18n};
use crate::app::ResultItem;
use crate::app::{Annotation, Composer, Generator, History};
use leptos::portal::Portal;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Which result the lightbox shows. `Copy`, provided to the result cards.
#[derive(Clone, Copy)]
pub struct Viewer {
    open: RwSignal<Option<u64>>,
    zoomed: RwSignal<bool>,
    /// What had the focus before it opened, to give it back.
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    /// The studio, inert while the lightbox is open.
    studio: NodeRef<leptos::html::Div>,
}

impl Viewer {
    /// A closed viewer, provided to the cards.
    pub fn provide() -> Self {
        let viewer = Viewer {
            open: RwSignal::new(None),
            zoomed: RwSignal::new(false),
            opener: StoredValue::new_local(None),
            studio: expect_context::<super::shell::Shell>().root,
        };
        provide_context(viewer);
        viewer
    }

    /// Shows the result `id`.
    pub fn open(self, id: u64) {
        let focused = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        self.opener.set_value(focused);
        self.zoomed.set(false);
        self.open.set(Some(id));
    }

    /// Closes the lightbox and gives the focus back.
    pub fn close(self) {
        self.open.set(None);
        self.inert(false);
        if let Some(e) = self.opener.get_value() {
            let _ = e.focus();
        }
    }
}

impl Viewer {
    /// Makes the studio behind the lightbox inert (no focus, no clicks), as a modal dialog's page.
    fn inert(self, on: bool) {
        if let Some(root) = self.studio.get_untracked() {
            let _ = if on {
                root.set_attribute("inert", "")
            } else {
                root.remove_attribute("inert")
            };
        }
    }
}

/// The lightbox over `shown` (the results in the order the stage shows them).
#[component]
pub fn Lightbox(viewer: Viewer, shown: Signal<Vec<ResultItem>>) -> impl IntoView {
    let history = expect_context::<History>();
    let shell = expect_context::<super::shell::Shell>();
    let theme = expect_context::<RwSignal<super::theme::Theme>>();
    let i18n = use_i18n();
    let dialog = NodeRef::<leptos::html::Div>::new();
    // Beside the studio, not inside it: the studio is a size container, which would hold a fixed
    // overlay to its own (scrolling) box instead of the window.
    let mount = shell.root.get_untracked().and_then(|r| r.parent_element());
    let current = Signal::derive(move || {
        let id = viewer.open.get()?;
        shown.with(|s| s.iter().find(|i| i.id == id).cloned())
    });
    // A result deleted while shown (or gone from the list) closes it; a saved one's full image is read.
    Effect::new(move |_| match (viewer.open.get(), current.get()) {
        (Some(_), None) => viewer.open.set(None),
        (Some(id), Some(item)) if item.full.is_none() => history.read_full(id),
        _ => {}
    });
    Effect::new(move |_| {
        let open = viewer.open.with(Option::is_some);
        viewer.inert(open);
        if let (true, Some(d)) = (open, dialog.get()) {
            let _ = d.focus();
        }
    });
    on_cleanup(move || viewer.inert(false));
    let step = move |by: isize| {
        let Some(id) = viewer.open.get_untracked() else {
            return;
        };
        shown.with_untracked(|s| {
            if let Some(at) = s.iter().position(|i| i.id == id) {
                let next = at as isize + by;
                if next >= 0 && (next as usize) < s.len() {
                    viewer.zoomed.set(false);
                    viewer.open.set(Some(s[next as usize].id));
                }
            }
        });
    };
    let on_key = move |e: leptos::ev::KeyboardEvent| match e.key().as_str() {
        "Escape" => {
            e.prevent_default();
            e.stop_propagation();
            viewer.close();
        }
        "ArrowLeft" => {
            e.prevent_default();
            step(-1);
        }
        "ArrowRight" => {
            e.prevent_default();
            step(1);
        }
        _ => {}
    };
    let at = move || {
        let id = viewer.open.get()?;
        shown.with(|s| s.iter().position(|i| i.id == id).map(|p| (p, s.len())))
    };
    view! {
        <Portal mount=mount.unwrap_or_else(|| document().body().expect("a body").into())>
        <Show when=move || current.with(Option::is_some)>
            <div class="lightbox" role="dialog" aria-modal="true" tabindex="-1" node_ref=dialog
                data-theme=move || theme.get().attribute() lang=move || i18n.get_locale().as_str()
                data-testid="lightbox" aria-label=move || t_string!(i18n, lightbox.label)
                on:keydown=on_key>
                <div class="view" class:actual=move || viewer.zoomed.get() data-testid="lightbox-view">
                    {move || current.get().map(|item| view! {
                        <img data-testid="lightbox-image" src=item.shown_url()
                            width=item.dims.map(|d| d.0) height=item.dims.map(|d| d.1)
                            alt=move || t_string!(i18n, results.image_alt, name = &item.file_name)/>
                    })}
                    <button class="nav prev" data-testid="lightbox-prev"
                        aria-label=move || t_string!(i18n, lightbox.previous)
                        disabled=move || at().is_none_or(|(p, _)| p == 0)
                        on:click=move |_| step(-1)>"‹"</button>
                    <button class="nav next" data-testid="lightbox-next"
                        aria-label=move || t_string!(i18n, lightbox.next)
                        disabled=move || at().is_none_or(|(p, n)| p + 1 >= n)
                        on:click=move |_| step(1)>"›"</button>
                    <button class="close" data-testid="lightbox-close"
                        aria-label=move || t_string!(i18n, lightbox.close)
                        on:click=move |_| viewer.close()>"×"</button>
                </div>
                {move || current.get().map(|item| view! { <Info item viewer shown/> })}
            </div>
        </Show>
        </Portal>
    }
}

/// The result's details and actions beside the image.
#[component]
fn Info(item: ResultItem, viewer: Viewer, shown: Signal<Vec<ResultItem>>) -> impl IntoView {
    let history = expect_context::<History>();
    let composer = expect_context::<Composer>();
    let generator = expect_context::<Generator>();
    let annotation = expect_context::<Annotation>();
    let i18n = use_i18n();
    let id = item.id;
    let seconds = crate::protocol::format::fixed(item.seconds, 1);
    let name = item.file_name.clone();
    let download = move |_| {
        let name = name.clone();
        history.with_full(id, move |full| {
            crate::app::history::download(&full.url, &name)
        });
    };
    let (for_reference, for_edit) = (item.clone(), item.clone());
    view! {
        <aside class="info">
            <p class="prompt" data-testid="lightbox-prompt">{item.prompt.clone()}</p>
            <dl>
                <dt>{t!(i18n, lightbox.model)}</dt><dd>{item.model.clone()}</dd>
                <dt>{t!(i18n, lightbox.size)}</dt><dd><super::size_line::SizeLine item=item.clone()/></dd>
                <dt>{t!(i18n, lightbox.time)}</dt><dd>{move || t_string!(i18n, units.seconds, s = &seconds)}</dd>
                <dt>{t!(i18n, lightbox.cost)}</dt><dd><super::cost::ResultCost item=item.clone()/></dd>
            </dl>
            <div class="row">
                <button data-testid="lightbox-zoom" aria-pressed=move || viewer.zoomed.get().to_string()
                    on:click=move |_| viewer.zoomed.update(|z| *z = !*z)>
                    {move || if viewer.zoomed.get() { t_string!(i18n, lightbox.fit) } else { t_string!(i18n, lightbox.actual) }}
                </button>
                <button data-testid="lightbox-download" on:click=download>{t!(i18n, results.download)}</button>
                {item.can_continue().then(|| view! {
                    <button data-testid="lightbox-continue"
                        on:click=move |_| { generator.continue_editing(&for_edit); viewer.close(); }>
                        {t!(i18n, results.continue_editing)}
                    </button>
                })}
                <button data-testid="annotate" title=move || t_string!(i18n, annotate.open_title)
                    on:click=move |_| { viewer.close(); annotation.open_result(id); }>
                    {t!(i18n, annotate.open)}
                </button>
                <button data-testid="lightbox-reference"
                    on:click=move |_| { composer.use_as_reference(history, &for_reference); viewer.close(); }>
                    {t!(i18n, results.use_as_reference)}
                </button>
                <button data-testid="lightbox-delete" title=move || t_string!(i18n, results.delete_title)
                    on:click=move |_| {
                        // The next image takes its place (the one before at the end); none left, it closes.
                        let neighbour = shown.with_untracked(|s| {
                            let at = s.iter().position(|i| i.id == id)?;
                            s.get(at + 1).or_else(|| at.checked_sub(1).and_then(|p| s.get(p))).map(|i| i.id)
                        });
                        viewer.open.set(neighbour);
                        history.delete(id);
                    }>{t!(i18n, results.delete)}</button>
            </div>
        </aside>
    }
}
