//! The shortcuts sheet (`?`): every action with a shortcut; Change waits for the new keys.

use super::actions::actions;
use super::{is_capturing_set, label, press, Open};
use crate::app::Shortcuts;
use crate::studio::palette::Shortcut;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::icons::{self, icon};
use leptos::prelude::*;

/// The shortcuts sheet: every action that has (or can have) a shortcut; Change waits for the new one.
#[component]
pub(super) fn ShortcutSheet(open: Open) -> impl IntoView {
    let i18n = use_i18n();
    let shortcuts = expect_context::<Shortcuts>();
    let all = StoredValue::new_local(actions(open));
    let waiting = RwSignal::new(None::<String>);
    let close_button = NodeRef::<leptos::html::Button>::new();
    let defaults = move || {
        all.with_value(|all| {
            all.iter()
                .map(|a| (a.id.clone(), a.default.clone()))
                .collect::<Vec<_>>()
        })
    };
    let close = move || {
        is_capturing_set(false);
        open.sheet.set(false);
    };
    // However it goes, the page does not stay waiting for keys.
    on_cleanup(|| is_capturing_set(false));
    Effect::new(move |_| {
        if let Some(b) = close_button.get() {
            let _ = b.focus();
        }
    });
    let on_key = move |e: leptos::ev::KeyboardEvent| {
        let Some(action) = waiting.get_untracked() else {
            if e.key() == "Escape" {
                e.stop_propagation();
                close();
            }
            return;
        };
        e.prevent_default();
        e.stop_propagation();
        let key = e.key();
        let to = match key.as_str() {
            "Escape" => {
                waiting.set(None);
                is_capturing_set(false);
                return;
            }
            "Backspace" | "Delete" => None,
            _ => match Shortcut::of(&press(&e)) {
                // Keys the page needs as they are (Tab, Enter, Space, the arrows without a
                // modifier) and Generate's own are not taken: wait for another.
                Some(s) if reserved(&s) => return,
                Some(s) => Some(s),
                // A modifier alone: wait for the key.
                None => return,
            },
        };
        let d = defaults();
        let d: Vec<(&str, Option<Shortcut>)> =
            d.iter().map(|(a, s)| (a.as_str(), s.clone())).collect();
        shortcuts.set(&action, to, &d);
        waiting.set(None);
        is_capturing_set(false);
    };
    // The actions one would want a key for: those with one, and the fixed list of the studio's own.
    let rows = move || {
        all.with_value(|all| {
            all.iter()
                .filter(|a| {
                    a.default.is_some()
                        || shortcuts.get(&a.id, None).is_some()
                        || matches!(a.id.as_str(), "export" | "clear-filters")
                })
                .map(|a| (a.id.clone(), a.name.clone(), a.default.clone(), a.fixed))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="expand-dialog" on:click=move |e| if e.target() == e.current_target() { close() }>
        <section class="expand-card shortcut-sheet" role="dialog" aria-modal="true" data-testid="shortcuts-sheet"
            aria-labelledby="shortcuts-title" on:keydown=on_key>
            <header>
                <h2 id="shortcuts-title">{icon(icons::SHORTCUTS)}{t!(i18n, palette.sheet_title)}</h2>
                <button class="icon-button" data-testid="close-shortcuts" node_ref=close_button on:click=move |_| close()
                    aria-label=move || t_string!(i18n, palette.close) title=move || t_string!(i18n, palette.close)>
                    {icon(icons::CLOSE)}
                </button>
            </header>
            <table class="shortcut-table">
                <tbody>
                    {move || rows().into_iter().map(|(id, name, default, fixed)| {
                        let (for_change, for_wait, action) = (id.clone(), id.clone(), id.clone());
                        let now = move || shortcuts.get(&id, default.as_ref());
                        view! {
                            <tr data-testid="shortcut-row" data-action=action>
                                <th scope="row">{name}</th>
                                <td><kbd data-testid="shortcut-key">{move || now().map(|s| label(&s)).unwrap_or_else(|| "—".into())}</kbd></td>
                                <td>
                                    {(!fixed).then(|| view! {
                                        <button class="secondary" data-testid="change-shortcut"
                                            on:click=move |_| { is_capturing_set(true); waiting.set(Some(for_change.clone())); }>
                                            {move || if waiting.get().as_deref() == Some(for_wait.as_str()) {
                                                t_string!(i18n, palette.press_keys)
                                            } else {
                                                t_string!(i18n, palette.change)
                                            }}
                                        </button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <div class="expand-actions">
                <p class="meta">{t!(i18n, palette.sheet_hint)}</p>
                <button class="secondary" data-testid="reset-shortcuts" on:click=move |_| shortcuts.reset()>{t!(i18n, palette.reset)}</button>
            </div>
        </section>
        </div>
    }
}

/// A shortcut the sheet does not give to an action: keys the page needs as they are, and Generate's.
fn reserved(s: &Shortcut) -> bool {
    let plain = !s.r#mod && !s.alt;
    let navigation = matches!(
        s.key.as_str(),
        "tab" | "enter" | " " | "arrowup" | "arrowdown" | "arrowleft" | "arrowright" | "escape"
    );
    (plain && navigation) || (s.r#mod && s.key == "enter")
}
