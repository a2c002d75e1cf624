//! The translations: English and Simplified Chinese, from `locales/*.json` (build.rs). A text is looked
//! up by a key checked at compile time (`t!(i18n, app.tagline)`; a misspelt key does not build), and its
//! `{{ name }}` variables filled in from the call (`t_string!(i18n, refs.count, n, max = 14)`;
//! `tests/locales.rs` checks that every call names exactly the template's variables).
//!
//! English is compiled in; in a split build only the first screen's sections, the rest fetched before
//! the first chunk runs ([`load_english`], build.rs says which). In the browser the Chinese table is not:
//! it is fetched the first time the language is used ([`load`]; the service worker keeps both for
//! offline starts), so the first load carries one language. Until it is here a Chinese lookup gives the
//! English text; the language switch waits for it and says so. Natively (tests) both are compiled in.
//!
//! - `t!(i18n, key, vars…)`: a reactive text for a view (follows the language).
//! - `t_string!(i18n, key, vars…)`: the text now, in the current language (tracked when read in a
//!   reactive closure): `&'static str`, or a `String` with variables.
//! - `td_string!(locale, key, vars…)`: the text in a given locale.

use leptos::prelude::*;
use std::fmt::Display;
use std::str::FromStr;

include!(concat!(env!("OUT_DIR"), "/i18n.rs"));

/// One text of the tables: its place in the sorted keys (`keys::section::name`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(pub usize);

/// The studio's languages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types)]
pub enum Locale {
    #[default]
    en,
    zh_CN,
}

impl Locale {
    /// Its BCP 47 tag (`<html lang>`, the saved choice).
    pub const fn as_str(self) -> &'static str {
        match self {
            Locale::en => "en",
            Locale::zh_CN => "zh-CN",
        }
    }

    /// Every language, in the order the switch lists them.
    pub fn get_all() -> &'static [Locale] {
        &[Locale::en, Locale::zh_CN]
    }

    /// Whether its table is here: English always, Chinese natively or once [`load`]ed.
    pub fn is_loaded(self) -> bool {
        match self {
            Locale::en => true,
            Locale::zh_CN => zh_cn().is_some(),
        }
    }
}

impl FromStr for Locale {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "en" => Ok(Locale::en),
            "zh-CN" => Ok(Locale::zh_CN),
            _ => Err(()),
        }
    }
}

/// The text of `key` in `locale` (English while that locale's table is not here).
pub fn text(locale: Locale, key: Key) -> &'static str {
    match (locale, zh_cn()) {
        (Locale::zh_CN, Some(table)) => table[key.0],
        _ => english(key),
    }
}

/// The English text of `key`: compiled in, or from the fetched table (empty until it is here).
fn english(key: Key) -> &'static str {
    match EN[key.0] {
        "" if EN_FETCHED => EN_LOADED.get().map_or("", |t| t[key.0]),
        text => text,
    }
}

/// The English table, once fetched (a split build only).
static EN_LOADED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();

thread_local! {
    /// Notified when a fetched table arrives: every text read in a reactive closure is read again.
    static ARRIVED: ArcTrigger = ArcTrigger::new();
}

/// Makes the English of the later screens available (a split build leaves it out of the main module),
/// fetching it once: calls while it is on its way wait for the same download, and a failed one is
/// tried again by the next call. Every chunk's first use waits for it (`ui::lazy`), so no view that
/// shows those texts is drawn without them. Nothing to do in other builds.
pub fn load_english() -> impl std::future::Future<Output = Result<(), LoadError>> {
    use futures::FutureExt;
    let pending = (EN_FETCHED && EN_LOADED.get().is_none()).then(|| {
        EN_FETCH.with(|f| {
            f.borrow_mut()
                .get_or_insert_with(|| fetch_english().boxed_local().shared())
                .clone()
        })
    });
    async move {
        match pending {
            Some(fetch) => fetch.await,
            None => Ok(()),
        }
    }
}

/// The English table's download in flight, shared by every caller.
type Fetch =
    futures::future::Shared<futures::future::LocalBoxFuture<'static, Result<(), LoadError>>>;

thread_local! {
    static EN_FETCH: std::cell::RefCell<Option<Fetch>> = const { std::cell::RefCell::new(None) };
}

async fn fetch_english() -> Result<(), LoadError> {
    #[cfg(target_arch = "wasm32")]
    {
        let fetched = fetch_table(EN_FILE).await;
        // The next call starts afresh (after a failure, it tries again).
        EN_FETCH.with(|f| f.borrow_mut().take());
        if EN_LOADED.set(fetched?).is_ok() {
            ARRIVED.with(|a| a.notify());
        }
    }
    Ok(())
}

/// A table file beside the app, checked against this build's keys and kept for the visit.
#[cfg(target_arch = "wasm32")]
async fn fetch_table(file: &str) -> Result<Vec<&'static str>, LoadError> {
    let texts = crate::browser::asset::json_strings(file)
        .await
        .ok_or(LoadError::Unreachable)?;
    if texts.len() != COUNT {
        return Err(LoadError::Mismatched);
    }
    // Kept for the rest of the visit, as the compiled-in table is.
    Ok(texts
        .into_iter()
        .map(|t| &*Box::leak(t.into_boxed_str()))
        .collect())
}

/// `template` with each `{{ name }}` replaced by the value given for `name` (left as it is when none
/// is given; `tests/locales.rs` makes sure that never happens).
pub fn fill(template: &str, vars: &[(&str, &dyn Display)]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let Some(end) = rest.find("}}") else {
            break;
        };
        let name = rest[2..end].trim();
        match vars.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => {
                let _ = write!(out, "{value}");
            }
            None => out.push_str(&rest[..end + 2]),
        }
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(not(target_arch = "wasm32"))]
fn zh_cn() -> Option<&'static [&'static str]> {
    Some(&ZH_CN)
}

#[cfg(target_arch = "wasm32")]
static ZH_CN_LOADED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();

#[cfg(target_arch = "wasm32")]
fn zh_cn() -> Option<&'static [&'static str]> {
    ZH_CN_LOADED.get().map(Vec::as_slice)
}

/// Why a language's table could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("the language's texts could not be downloaded")]
    Unreachable,
    #[error("the language's texts do not belong to this version of the app")]
    Mismatched,
}

/// Makes `locale`'s table available, fetching it the first time (a file next to the app, kept by the
/// service worker). Nothing to do for English, or natively.
pub async fn load(locale: Locale) -> Result<(), LoadError> {
    if locale.is_loaded() {
        return Ok(());
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = ZH_CN_LOADED.set(fetch_table(ZH_CN_FILE).await?);
    }
    Ok(())
}

/// The studio's language, provided to its views. `Copy`.
#[derive(Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    /// A language shown from the start (its table must be here, else English shows until it is).
    pub fn new(locale: Locale) -> Self {
        I18n {
            locale: RwSignal::new(locale),
        }
    }

    /// The language shown (tracked, and by the arrival of a fetched table).
    pub fn get_locale(self) -> Locale {
        if EN_FETCHED {
            ARRIVED.with(|a| a.track());
        }
        self.locale.get()
    }

    /// The language shown, untracked.
    pub fn get_locale_untracked(self) -> Locale {
        self.locale.get_untracked()
    }

    /// Shows `locale` (its table should be [`load`]ed first).
    pub fn set_locale(self, locale: Locale) {
        self.locale.set(locale);
    }
}

/// The studio's language, from the context the studio provides.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The text of a key in a locale: `td_string!(locale, section.key)` is `&'static str`;
/// `td_string!(locale, section.key, a, b = expr)` fills in the variables and is a `String`.
#[macro_export]
macro_rules! td_string {
    ($locale:expr, $section:ident . $key:ident $(,)?) => {
        $crate::locale::i18n::text($locale, $crate::locale::i18n::keys::$section::$key)
    };
    ($locale:expr, $section:ident . $key:ident $(, $var:ident $(= $value:expr)?)+ $(,)?) => {
        $crate::locale::i18n::fill(
            $crate::locale::i18n::text($locale, $crate::locale::i18n::keys::$section::$key),
            &[$((
                ::core::stringify!($var),
                &$crate::__i18n_value!($var $(= $value)?) as &dyn ::core::fmt::Display,
            )),+],
        )
    };
}

/// The text of a key in the studio's current language (tracked): `t_string!(i18n, section.key, …)`.
#[macro_export]
macro_rules! t_string {
    ($i18n:expr, $($rest:tt)+) => {
        $crate::td_string!($i18n.get_locale(), $($rest)+)
    };
}

/// A reactive text for a view, following the language: `t!(i18n, section.key, …)`.
#[macro_export]
macro_rules! t {
    ($i18n:expr, $($rest:tt)+) => {{
        let i18n = $i18n;
        move || $crate::t_string!(i18n, $($rest)+)
    }};
}

/// A variable's value: `name = expr`, or `name` alone for a variable of that name.
#[macro_export]
#[doc(hidden)]
macro_rules! __i18n_value {
    ($var:ident = $value:expr) => {
        $value
    };
    ($var:ident) => {
        $var
    };
}

pub use crate::{t, t_string, td_string};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_filled_in_and_unknown_ones_left() {
        let n = 3;
        assert_eq!(
            fill("{{ n }} of {{max}}", &[("n", &n), ("max", &"14")]),
            "3 of 14"
        );
        assert_eq!(fill("a {{ b }} c", &[]), "a {{ b }} c");
        assert_eq!(fill("unclosed {{ b", &[("b", &1)]), "unclosed {{ b");
        assert_eq!(fill("no variables", &[("b", &1)]), "no variables");
    }

    #[test]
    fn keys_find_their_texts_in_both_languages() {
        let count = td_string!(Locale::en, refs.count, n = 2, max = 14);
        assert_eq!(count, "2 of 14");
        assert_ne!(
            td_string!(Locale::zh_CN, app.settings),
            td_string!(Locale::en, app.settings)
        );
        assert!(Locale::zh_CN.is_loaded());
        assert_eq!(ZH_CN_FILE.len(), "zh-CN-00000000.json".len());
    }

    #[test]
    fn locales_round_trip_through_their_tags() {
        for &l in Locale::get_all() {
            assert_eq!(l.as_str().parse::<Locale>(), Ok(l));
        }
        assert!("fr".parse::<Locale>().is_err());
    }
}
