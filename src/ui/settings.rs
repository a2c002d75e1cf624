//! The settings panel: provider, base URL, key, retries and time limit (`provider_panel`), language and
//! theme, and the prices (`cost`). Beside the stage on a wide studio, over it on a narrow one; the
//! gear in the header opens it, Esc or its close button puts it away, and focus goes back to the gear.

use super::i18n::{t, t_string, use_i18n};
use super::language::LanguageSwitch;
use super::lazy;
use super::lazy_views;
use super::theme::ThemeSwitch;
use leptos::prelude::*;

/// What the shell shows besides the stage: the settings panel and the composer's extra options. `Copy`,
/// provided to the views.
#[derive(Clone, Copy)]
pub struct Shell {
    /// The settings panel is open.
    pub settings: RwSignal<bool>,
    /// The composer's less frequent options are open.
    pub more: RwSignal<bool>,
    /// The header's gear, where focus returns when the panel closes.
    pub gear: NodeRef<leptos::html::Button>,
    /// The studio's root element (overlays such as the lightbox mount beside it).
    pub root: NodeRef<leptos::html::Div>,
    close: NodeRef<leptos::html::Button>,
}

impl Shell {
    /// A closed shell, provided to the views.
    pub fn provide() -> Self {
        let shell = Shell {
            settings: RwSignal::new(false),
            more: RwSignal::new(false),
            gear: NodeRef::new(),
            root: NodeRef::new(),
            close: NodeRef::new(),
        };
        provide_context(shell);
        shell
    }

    /// Opens the settings with the focus on their close button, or closes them.
    pub fn toggle_settings(self) {
        if self.settings.get_untracked() {
            self.close_settings();
        } else {
            self.open_settings();
        }
    }

    /// Opens the settings panel and moves the focus into it.
    pub fn open_settings(self) {
        self.settings.set(true);
        let close = self.close;
        request_animation_frame(move || {
            if let Some(b) = close.get_untracked() {
                let _ = b.focus();
            }
        });
    }

    /// Closes the settings panel; the focus goes back to the gear.
    pub fn close_settings(self) {
        self.settings.set(false);
        if let Some(g) = self.gear.get_untracked() {
            let _ = g.focus();
        }
    }
}

/// The settings panel (`data-testid="settings"`).
#[component]
pub fn SettingsPanel() -> impl IntoView {
    let shell = expect_context::<Shell>();
    let i18n = use_i18n();
    view! {
        <aside
            id="banana-settings"
            class="settings"
            data-testid="settings"
            aria-labelledby="banana-settings-title"
            hidden=move || !shell.settings.get()
        >
            <div class="settings-head">
                <h2 id="banana-settings-title">{t!(i18n, app.settings)}</h2>
                <button
                    class="icon"
                    data-testid="close-settings"
                    node_ref=shell.close
                    aria-label=move || t_string!(i18n, app.close_settings)
                    on:click=move |_| shell.close_settings()
                >
                    "×"
                </button>
            </div>
            {lazy::lazy_view(lazy_views::provider_view)}
            <fieldset class="panel">
                <legend>{t!(i18n, app.appearance)}</legend>
                <LanguageSwitch/>
                <ThemeSwitch/>
            </fieldset>
            {lazy::lazy_view(lazy_views::costs_view)}
        </aside>
    }
}
