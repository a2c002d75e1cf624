//! Generates the translation tables from `locales/*.json` into `OUT_DIR/i18n.rs`, which
//! `src/locale/i18n.rs` includes: one constant per key (`keys::app::tagline`, so a misspelt key is a
//! compile error), the English table, and (natively, for tests) the Chinese one. In the browser the
//! Chinese table is not compiled in: `scripts/locales.mjs` writes it next to the app as
//! `zh-CN-<fingerprint>.json`, fetched when the language is first used.
//!
//! In a split build for the browser (feature `split` on wasm32) only the sections the first screen shows
//! ([`FIRST_SCREEN`]) keep their English in the module: the others' entries are empty there, and
//! `scripts/locales.mjs` writes the whole English table beside the app as `en-<fingerprint>.json`,
//! fetched before the first chunk runs (every view that shows those sections is in a chunk), so the
//! main module carries only the first screen's words.
//!
//! Keys are `section.key`, sorted; a key's number is its place in that order. The fingerprint (FNV-1a,
//! 32 bits, of the sorted keys joined by newlines) names the fetched file, so a table always matches
//! the build that asks for it; `scripts/locales.mjs` computes the same.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

/// Every `section.key` of a locale file with its text, sorted.
fn flat(name: &str) -> BTreeMap<String, String> {
    let path = format!("locales/{name}.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = BTreeMap::new();
    for (section, keys) in json.as_object().expect("an object of sections") {
        for (key, text) in keys.as_object().expect("each section an object of texts") {
            let text = text
                .as_str()
                .unwrap_or_else(|| panic!("{section}.{key}: not a string"));
            out.insert(format!("{section}.{key}"), text.to_string());
        }
    }
    out
}

/// FNV-1a, 32 bits (the same in `scripts/locales.mjs`).
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h: u32, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

/// The English the first screen may show before any chunk has loaded (the shell, the composer, its
/// notices and limits), compiled into a split build's main module: whole sections, or single
/// `section.key`s of sections the first screen uses only a little of (the composer's buttons of the
/// prompt library and the options; what adding references may say). Every other text is fetched
/// with the first chunk. e2e/split.test.mjs fails when a first-screen word is missing here.
const FIRST_SCREEN: &[&str] = &[
    "alert",
    "app",
    "limits",
    "status",
    "units",
    "welcome",
    "library.open",
    "library.open_title",
    "options.generate",
    "options.legend",
    "options.more",
    "options.placeholder",
    "refs.add",
    "refs.added",
    "refs.cannot_show",
    "refs.count",
    "refs.drop",
    "refs.duplicate",
    "refs.duplicate_as",
    "refs.left_out_many",
    "refs.left_out_one",
    "refs.made_used",
    "refs.made_used_partly",
    "refs.not_shrunk",
    "refs.not_smaller",
    "refs.over_bytes",
    "refs.over_long_edge",
    "refs.preparing",
    "refs.shrink_cannot_decode",
    "refs.shrink_failed",
    "refs.shrink_too_large",
    "refs.shrink_unreadable",
    "refs.smaller",
    "refs.still_preparing",
    "refs.summary",
    "refs.unreadable",
];

/// A table of `texts`; with `only`, the texts of other sections and keys are left empty.
fn table(name: &str, texts: &BTreeMap<String, String>, only: Option<&[&str]>) -> String {
    let mut out = format!("pub(super) static {name}: [&str; COUNT] = [\n");
    for (key, text) in texts {
        let section = key.split_once('.').map_or("", |(s, _)| s);
        let text = match only {
            Some(first) if !first.contains(&section) && !first.contains(&key.as_str()) => "",
            _ => text.as_str(),
        };
        writeln!(out, "    {text:?},").unwrap();
    }
    out.push_str("];\n");
    out
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    let en = flat("en");
    let zh = flat("zh-CN");
    assert!(
        en.keys().eq(zh.keys()),
        "locales/en.json and locales/zh-CN.json must have the same keys (tests/locales.rs says which)"
    );
    let keys: Vec<&String> = en.keys().collect();
    let joined = keys
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join("\n");

    let mut out = String::new();
    writeln!(out, "/// How many texts each table has.").unwrap();
    writeln!(out, "pub const COUNT: usize = {};", keys.len()).unwrap();
    writeln!(
        out,
        "/// The file the Chinese table is fetched from, named by the keys' fingerprint.\npub const ZH_CN_FILE: &str = \"zh-CN-{:08x}.json\";",
        fnv1a(joined.as_bytes())
    )
    .unwrap();
    out.push_str("/// One constant per text, by section.\n#[allow(non_upper_case_globals)]\npub mod keys {\n");
    let mut section = "";
    for (i, key) in keys.iter().enumerate() {
        let (s, k) = key.split_once('.').expect("section.key");
        if s != section {
            if !section.is_empty() {
                out.push_str("    }\n");
            }
            writeln!(out, "    pub mod {s} {{\n        use super::super::Key;").unwrap();
            section = s;
        }
        writeln!(out, "        pub const {k}: Key = Key({i});").unwrap();
    }
    out.push_str("    }\n}\n");
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some()
        && std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    writeln!(
        out,
        "/// Whether the English of later screens is fetched (`EN_FILE`) rather than compiled in.\npub const EN_FETCHED: bool = {split};\n/// The file the whole English table is fetched from.\npub const EN_FILE: &str = \"en-{:08x}.json\";",
        fnv1a(joined.as_bytes())
    )
    .unwrap();
    out.push_str(&table("EN", &en, split.then_some(FIRST_SCREEN)));
    out.push_str("#[cfg(not(target_arch = \"wasm32\"))]\n");
    out.push_str(&table("ZH_CN", &zh, None));

    let dest =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("i18n.rs");
    std::fs::write(dest, out).expect("the tables are written");
}
