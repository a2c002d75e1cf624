//! The settings panel: provider, base URL, key, retries and time limit (`provider_panel`), language and
//! theme, and the prices (`cost`). Beside the stage on a wide studio, over it on a narrow one; the
//! gear in the header opens it, Esc or its close button puts it away, and focus goes back to the gear.

use super::i18n::{t, t_string, use_i18n};
use super::lazy;
use super::lazy_views;
use super::shell::Shell;
use leptos::prelude::*;

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
                    {super::icons::icon(super::icons::CLOSE)}
                </button>
            </div>
            // The panel's contents load with the rest of the controls (at idle, before a click).
            {lazy::lazy_view(lazy_views::provider_view)}
            {lazy::lazy_view(lazy_views::costs_view)}
        </aside>
    }
}
