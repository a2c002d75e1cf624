//! The command palette (Ctrl/⌘+K, `command-palette`): every action of the studio by name, fuzzy
//! matched, each with its shortcut; the shortcuts sheet (`?`), where a shortcut is changed by pressing
//! the new one; and the listener that runs the shortcuts, kept as the user set them.

use super::i18n::{t, t_string, use_i18n};
use super::icons::{self, icon};
use crate::app::{Notices, Shortcuts};
use crate::studio::palette::{fuzzy, Press, Shortcut};
use leptos::prelude::*;
use std::rc::Rc;

mod actions;
mod sheet;

use actions::actions;
use sheet::ShortcutSheet;

/// One thing the palette can do.
#[derive(Clone)]
struct Action {
    id: String,
    name: String,
    /// Its shortcut unless the user changed it.
    default: Option<Shortcut>,
    /// Shown but not changed here (Generate's Ctrl+Enter belongs to the composer).
    fixed: bool,
    run: Rc<dyn Fn()>,
}

/// What the palette and the sheet share: whether each is open.
#[derive(Clone, Copy)]
struct Open {
    palette: RwSignal<bool>,
    sheet: RwSignal<bool>,
}

fn key(text: &str) -> Option<Shortcut> {
    Shortcut::parse(text)
}

/// The key press of a keyboard event.
fn press(e: &leptos::ev::KeyboardEvent) -> Press {
    Press {
        key: e.key(),
        code: e.code(),
        ctrl: e.ctrl_key(),
        meta: e.meta_key(),
        alt: e.alt_key(),
        shift: e.shift_key(),
    }
}

/// Whether the event's target takes text (a plain key there is typing, not a shortcut).
fn typing(e: &leptos::ev::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        })
}

/// Mounted with the studio: runs the shortcuts and draws the palette and the sheet when open.
#[component]
pub fn PaletteHost() -> impl IntoView {
    let notices = expect_context::<Notices>();
    let shortcuts = Shortcuts::new(notices);
    provide_context(shortcuts);
    let open = Open {
        palette: RwSignal::new(false),
        sheet: RwSignal::new(false),
    };
    // Made once per use, so names follow the language and the model's choices the settings.
    let owner = Owner::current().expect("a reactive owner");
    let current = move || owner.with(|| actions(open));
    let shell = expect_context::<super::shell::Shell>();
    let listener = window_event_listener(leptos::ev::keydown, move |e| {
        if e.default_prevented() || e.repeat() || open.sheet.get_untracked() && is_capturing() {
            return;
        }
        // Embedded, the studio answers only keys pressed inside it: the host page keeps its own.
        if shell.embedded && !inside(shell, &e) {
            return;
        }
        let p = press(&e);
        let Some(pressed) = Shortcut::of(&p) else {
            return;
        };
        // In a text field only Ctrl/⌘ combinations are shortcuts: plain keys, and Option or Alt ones
        // (ś, ł, ß on a Mac), are typing.
        if !pressed.r#mod && typing(&e) {
            return;
        }
        for action in current() {
            if action.fixed {
                continue;
            }
            if shortcuts.get(&action.id, action.default.as_ref()).as_ref() == Some(&pressed) {
                e.prevent_default();
                (action.run)();
                return;
            }
        }
    });
    on_cleanup(move || listener.remove());
    view! {
        <Show when=move || open.palette.get()>
            <Palette open/>
        </Show>
        <Show when=move || open.sheet.get()>
            <ShortcutSheet open/>
        </Show>
    }
}

/// Whether the key press happened inside the studio's own area.
fn inside(shell: super::shell::Shell, e: &leptos::ev::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    let target = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    shell
        .root
        .get_untracked()
        .is_some_and(|root| root.contains(target.as_ref()))
}

thread_local! {
    /// The sheet is waiting for the new shortcut of an action (its key presses are not shortcuts).
    static CAPTURING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn is_capturing() -> bool {
    CAPTURING.with(std::cell::Cell::get)
}

/// Says whether the sheet waits for a new shortcut.
fn is_capturing_set(on: bool) {
    CAPTURING.with(|c| c.set(on));
}

/// A shortcut as the user's system writes it.
fn label(s: &Shortcut) -> String {
    s.label(crate::browser::page::apple())
}

/// The palette: a search field over every action, the best matches first.
#[component]
fn Palette(open: Open) -> impl IntoView {
    let i18n = use_i18n();
    let shortcuts = expect_context::<Shortcuts>();
    let all = StoredValue::new_local(actions(open));
    let query = RwSignal::new(String::new());
    let at = RwSignal::new(0usize);
    let input = NodeRef::<leptos::html::Input>::new();
    let matches = Memo::new(move |_| {
        let q = query.get();
        all.with_value(|all| {
            let mut hits: Vec<(u32, usize)> = all
                .iter()
                .enumerate()
                .filter_map(|(i, a)| fuzzy(&q, &a.name).map(|s| (s, i)))
                .collect();
            hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            hits.into_iter()
                .map(|(_, i)| i)
                .take(50)
                .collect::<Vec<_>>()
        })
    });
    let close = move || open.palette.set(false);
    let run = move |i: usize| {
        let run = all.with_value(|all| all.get(i).map(|a| a.run.clone()));
        close();
        if let Some(run) = run {
            run();
        }
    };
    Effect::new(move |_| {
        if let Some(i) = input.get() {
            let _ = i.focus();
        }
    });
    let on_key = move |e: leptos::ev::KeyboardEvent| {
        let n = matches.with(Vec::len);
        match e.key().as_str() {
            "ArrowDown" => {
                e.prevent_default();
                at.update(|a| *a = if n == 0 { 0 } else { (*a + 1) % n });
            }
            "ArrowUp" => {
                e.prevent_default();
                at.update(|a| *a = if n == 0 { 0 } else { (*a + n - 1) % n });
            }
            "Enter" => {
                e.prevent_default();
                if let Some(i) = matches.with(|m| m.get(at.get_untracked()).copied()) {
                    run(i);
                }
            }
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                close();
            }
            _ => {}
        }
    };
    view! {
        <div class="expand-dialog palette-backdrop" on:click=move |e| if e.target() == e.current_target() { close() }>
        <section class="expand-card palette" role="dialog" aria-modal="true" data-testid="command-palette"
            aria-label=move || t_string!(i18n, palette.title) on:keydown=on_key>
            <input data-testid="palette-input" node_ref=input role="combobox" aria-expanded="true"
                aria-controls="palette-list" aria-autocomplete="list"
                aria-activedescendant=move || format!("palette-item-{}", at.get())
                placeholder=move || t_string!(i18n, palette.placeholder)
                aria-label=move || t_string!(i18n, palette.placeholder)
                prop:value=move || query.get()
                on:input=move |e| { query.set(event_target_value(&e)); at.set(0); }/>
            <ul class="palette-list" id="palette-list" role="listbox" data-testid="palette-list">
                {move || matches.get().into_iter().enumerate().map(|(n, i)| {
                    let (name, shortcut) = all.with_value(|all| {
                        let a = &all[i];
                        (a.name.clone(), shortcuts.get(&a.id, a.default.as_ref()))
                    });
                    let id = all.with_value(|all| all[i].id.clone());
                    view! {
                        <li id=format!("palette-item-{n}") role="option" data-testid="palette-item" data-action=id
                            aria-selected=move || (at.get() == n).to_string() class:active=move || at.get() == n
                            on:mousemove=move |_| at.set(n) on:click=move |_| run(i)>
                            <span>{name}</span>
                            {shortcut.map(|s| view! { <kbd>{label(&s)}</kbd> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || matches.with(Vec::is_empty)>
                <p class="meta" data-testid="palette-none">{t!(i18n, palette.none)}</p>
            </Show>
            <p class="meta">{icon(icons::COMMAND)}{t!(i18n, palette.hint)}</p>
        </section>
        </div>
    }
}
