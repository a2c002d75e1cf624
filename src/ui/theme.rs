//! Light, dark or the system's theme, chosen in the settings and kept on this device.

use super::i18n::{t, t_string, use_i18n};
use crate::app::persisted::Persisted;
use crate::app::Notices;
use leptos::prelude::*;

const THEME: Persisted = Persisted::named("banana-studio.theme");

/// The studio's theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follows the system (or the embedding page's `theme` attribute).
    System,
    Light,
    Dark,
}

impl Theme {
    /// The stored name.
    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Reads a stored name; anything else is the system's.
    pub fn parse(name: &str) -> Self {
        match name {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// The studio root's `data-theme`, none for the system's.
    pub fn attribute(self) -> Option<&'static str> {
        (self != Theme::System).then_some(self.name())
    }
}

/// The saved theme, provided to the views.
pub fn provide() -> RwSignal<Theme> {
    let theme = RwSignal::new(THEME.text().map_or(Theme::System, |s| Theme::parse(&s)));
    provide_context(theme);
    theme
}

/// Uses and remembers the theme `picked` (the settings' switch and the command palette).
pub fn choose(theme: RwSignal<Theme>, notices: Notices, picked: Theme) {
    THEME.set_text(picked.name(), notices);
    theme.set(picked);
}

/// The theme `<select>` of the settings.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let theme = expect_context::<RwSignal<Theme>>();
    let notices = expect_context::<Notices>();
    let i18n = use_i18n();
    let choose = move |ev| choose(theme, notices, Theme::parse(&event_target_value(&ev)));
    let option = move |t: Theme| {
        let label = move || match t {
            Theme::System => t_string!(i18n, app.theme_system),
            Theme::Light => t_string!(i18n, app.theme_light),
            Theme::Dark => t_string!(i18n, app.theme_dark),
        };
        view! { <option value=t.name() selected=move || theme.get() == t>{label}</option> }
    };
    view! {
        <label>
            {t!(i18n, app.theme)}
            <select data-testid="theme" on:change=choose prop:value=move || theme.get().name()>
                {option(Theme::System)}
                {option(Theme::Light)}
                {option(Theme::Dark)}
            </select>
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_is_the_system() {
        for t in [Theme::System, Theme::Light, Theme::Dark] {
            assert_eq!(Theme::parse(t.name()), t);
        }
        assert_eq!(Theme::parse(""), Theme::System);
        assert_eq!(Theme::parse("sepia"), Theme::System);
        assert_eq!(Theme::System.attribute(), None);
        assert_eq!(Theme::Dark.attribute(), Some("dark"));
    }
}
