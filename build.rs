//! Generates the `i18n` module (locales, keys, `t!` support) from `locales/*.json` with
//! `leptos_i18n_build`; `src/ui/mod.rs` includes it as `ui::i18n`.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let config = Config::new("en")
        .and_then(|c| c.add_locale("zh-CN"))
        .expect("valid locale names")
        // `t_string!`/`td_string!` with variables give plain strings (status lines, attributes).
        .parse_options(ParseOptions::new().interpolate_display(true));
    let translations = TranslationsInfos::parse(config).expect("locales/*.json parse");
    translations.rerun_if_locales_changed();
    translations.emit_diagnostics();
    translations
        .generate_i18n_module(out.join("i18n"))
        .expect("the i18n module is written");
}
