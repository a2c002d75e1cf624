//! Language and theme, together in the settings panel (loaded with the provider panel).

use super::i18n::{t, use_i18n};
use leptos::prelude::*;

/// Language and theme, in the settings panel.
#[component]
pub fn Appearance() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="panel">
            <legend>{t!(i18n, app.appearance)}</legend>
            <super::language::LanguageSwitch/>
            <super::theme::ThemeSwitch/>
        </fieldset>
    }
}
