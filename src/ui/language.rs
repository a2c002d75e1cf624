//! The studio's language: English or Simplified Chinese. The user's choice is kept in `localStorage`;
//! without one, the browser's preferred languages decide. The header's switch changes every string at
//! once.

use super::i18n::{t, use_i18n, I18nKeys, Locale};
use crate::app::persisted::Persisted;
use crate::app::Notices;
use crate::browser::page;
use leptos::prelude::*;
use leptos_i18n::{I18nContext, Locale as _};

const LANGUAGE: Persisted = Persisted::named("banana-studio.language");

/// The locale for the browser's languages, most preferred first: the first that is Chinese (any
/// variant) or English wins; English when none is.
pub fn from_languages<S: AsRef<str>>(languages: &[S]) -> Locale {
    languages
        .iter()
        .map(|l| l.as_ref().to_ascii_lowercase())
        .find_map(|l| match l.split(['-', '_']).next() {
            Some("zh") => Some(Locale::zh_CN),
            Some("en") => Some(Locale::en),
            _ => None,
        })
        .unwrap_or(Locale::en)
}

/// Each language's name, in that language.
fn name(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "English",
        Locale::zh_CN => "中文（简体）",
    }
}

/// Provides the translations to the studio, in the saved language or else the browser's. With
/// `set_page_lang`, `<html lang>` follows the language; pass false when the studio is embedded in a
/// page it does not own.
pub fn provide(set_page_lang: bool) {
    let initial = LANGUAGE
        .text()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| from_languages(&page::languages()));
    let i18n: I18nContext<Locale, I18nKeys> =
        leptos_i18n::context::init_i18n_subcontext(Some(Signal::stored(initial)));
    provide_context(i18n);
    if set_page_lang {
        Effect::new(move |_| page::set_lang(i18n.get_locale().as_str()));
    }
}

/// The labelled language `<select>` of the header; the choice is remembered on this device.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let notices = expect_context::<Notices>();
    let choose = move |ev| {
        if let Ok(locale) = event_target_value(&ev).parse::<Locale>() {
            LANGUAGE.set_text(locale.as_str(), notices);
            i18n.set_locale(locale);
        }
    };
    view! {
        <label class="language">
            {t!(i18n, app.language)}
            " "
            <select data-testid="language" on:change=choose prop:value=move || i18n.get_locale().as_str()>
                {Locale::get_all()
                    .iter()
                    .map(|&l| view! {
                        <option value=l.as_str() lang=l.as_str() selected=move || i18n.get_locale() == l>{name(l)}</option>
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_of_any_kind_gets_simplified_chinese() {
        for l in ["zh-CN", "zh", "zh-TW", "zh-Hant-HK", "ZH_sg"] {
            assert_eq!(from_languages(&[l, "en-US"]), Locale::zh_CN, "{l}");
        }
        assert_eq!(from_languages(&["fr-FR", "zh-CN"]), Locale::zh_CN);
    }

    #[test]
    fn english_otherwise_and_by_preference() {
        assert_eq!(from_languages(&["en-US", "zh-CN"]), Locale::en);
        assert_eq!(from_languages(&["de-DE", "fr"]), Locale::en);
        assert_eq!(from_languages::<&str>(&[]), Locale::en);
    }
}
