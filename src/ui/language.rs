//! The studio's language: English or Simplified Chinese. The user's choice is kept in `localStorage`;
//! without one, the browser's preferred languages decide. The settings' switch changes every string at
//! once. Only English is in the first load: the Chinese texts are fetched the first time they are
//! used (`locale::i18n::load`): before the studio is mounted on its own page, else while English shows;
//! the switch waits for them and says so.

use super::i18n::{load, t, use_i18n, I18n, Locale};
use crate::app::persisted::Persisted;
use crate::app::{Notices, Tasks};
use crate::browser::page;
use crate::text;
use leptos::prelude::*;

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
pub fn name(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "English",
        Locale::zh_CN => "中文（简体）",
    }
}

/// The language to start in: the saved choice, else the browser's.
pub fn initial() -> Locale {
    LANGUAGE
        .text()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| from_languages(&page::languages()))
}

/// Fetches the starting language's texts when they are not in the module, so the studio's own page
/// mounts in that language; gives up after `ms` (the studio then starts in English and switches
/// when they arrive).
pub async fn prepare(ms: u32) {
    let locale = initial();
    if !locale.is_loaded() {
        let timeout = gloo_timers::future::TimeoutFuture::new(ms);
        futures::future::select(Box::pin(load(locale)), timeout).await;
    }
}

/// Provides the translations to the studio, in the starting language (English until its texts are
/// here). With `set_page_lang`, `<html lang>` follows the language; pass false when the studio is
/// embedded in a page it does not own.
pub fn provide(set_page_lang: bool, tasks: Tasks) {
    let wanted = initial();
    let loaded = wanted.is_loaded();
    let i18n = I18n::new(if loaded { wanted } else { Locale::en });
    provide_context(i18n);
    if !loaded {
        tasks.spawn(async move {
            if load(wanted).await.is_ok() {
                i18n.set_locale(wanted);
            }
        });
    }
    if set_page_lang {
        Effect::new(move |_| page::set_lang(i18n.get_locale().as_str()));
    }
}

/// Switches to `locale` and remembers it: at once when its texts are here, else once they are fetched
/// (with a note meanwhile; a failure is told and the language stays). The header's switch and the
/// command palette use it.
pub fn choose(i18n: I18n, notices: Notices, tasks: Tasks, locale: Locale) {
    if locale.is_loaded() {
        LANGUAGE.set_text(locale.as_str(), notices);
        i18n.set_locale(locale);
        return;
    }
    // The note stands in for the status line meanwhile; what it said before comes back after.
    let before = notices.status.get_untracked();
    let loading = text!(app.language_loading);
    notices.status.set(loading.clone());
    tasks.spawn(async move {
        let loaded = load(locale).await;
        if notices.status.with_untracked(|s| *s == loading) {
            notices.status.set(before);
        }
        match loaded {
            Ok(()) => {
                LANGUAGE.set_text(locale.as_str(), notices);
                i18n.set_locale(locale);
            }
            Err(_) => {
                notices.fail_with("language", text!(alert.language_failed));
                // The switch shows the language still in use.
                i18n.set_locale(i18n.get_locale_untracked());
            }
        }
    });
}

/// The labelled language `<select>` of the header; the choice is remembered on this device.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let notices = expect_context::<Notices>();
    let tasks = expect_context::<Tasks>();
    // The chosen language shows once its texts are here: fetched the first time, with a note meanwhile;
    // if they cannot be downloaded, the alert says so and the language stays as it was.
    let choose = move |ev| {
        if let Ok(locale) = event_target_value(&ev).parse::<Locale>() {
            choose(i18n, notices, tasks, locale);
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
