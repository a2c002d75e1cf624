//! The locale files agree: the same keys, the same variables, no empty text, and Chinese wherever
//! the English is words.

use serde_json::Value;
use std::collections::BTreeMap;

/// Keys whose Chinese may equal the English (brand names, symbols). Keep it short.
const SAME_IN_BOTH: &[&str] = &["cost.result", "refs.found_settings", "results.compared"];

/// Every `a.b.c` key of a locale file with its text.
fn flat(path: &str) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = BTreeMap::new();
    walk(&json, String::new(), &mut out);
    out
}

fn walk(value: &Value, prefix: String, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                walk(v, key, out);
            }
        }
        Value::String(s) => {
            out.insert(prefix, s.clone());
        }
        other => panic!("{prefix}: not a string but {other}"),
    }
}

/// The `{{ name }}` variables of a text, sorted.
fn variables(text: &str) -> Vec<String> {
    let mut vars: Vec<String> = text
        .split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}"))
        .map(|(name, _)| name.trim().to_string())
        .collect();
    vars.sort();
    vars
}

#[test]
fn both_locales_have_the_same_keys_and_variables() {
    let (en, zh) = (flat("locales/en.json"), flat("locales/zh-CN.json"));
    let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        only_en.is_empty() && only_zh.is_empty(),
        "only in en: {only_en:?}; only in zh-CN: {only_zh:?}"
    );
    for (key, text) in &en {
        assert_eq!(variables(text), variables(&zh[key]), "variables of {key}");
    }
}

#[test]
fn no_text_is_empty_and_chinese_differs_from_english() {
    let (en, zh) = (flat("locales/en.json"), flat("locales/zh-CN.json"));
    for (key, text) in en.iter().chain(&zh) {
        assert!(!text.trim().is_empty(), "{key} is empty");
    }
    let untranslated: Vec<_> = en
        .iter()
        .filter(|(k, v)| zh.get(*k) == Some(v) && !SAME_IN_BOTH.contains(&k.as_str()))
        .map(|(k, _)| k)
        .collect();
    assert!(untranslated.is_empty(), "not translated: {untranslated:?}");
    // Chinese, not merely different: every value with letters outside its variables has Han characters
    // or Chinese (full-width) punctuation.
    let cjk = |c: char| {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    };
    let not_chinese: Vec<_> = zh
        .iter()
        .filter(|(k, v)| {
            let words = strip_variables(v);
            words.chars().any(char::is_alphabetic)
                && !words.chars().any(cjk)
                && !SAME_IN_BOTH.contains(&k.as_str())
        })
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    assert!(not_chinese.is_empty(), "not Chinese: {not_chinese:?}");
}

/// `text` without its `{{ name }}` variables.
fn strip_variables(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("}}")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

/// Every `t!`, `t_string!`, `td_string!` and `text!` call in `src/`: its key and the variables it names.
fn calls() -> Vec<(String, String, Vec<String>)> {
    let mut out = Vec::new();
    let mut files = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (name, skip) in [
            ("t!(", 1),
            ("t_string!(", 1),
            ("td_string!(", 1),
            ("text!(", 0),
        ] {
            let mut from = 0;
            while let Some(i) = text[from..].find(name) {
                let at = from + i;
                from = at + name.len();
                let before = text[..at].chars().last();
                let line = &text[text[..at].rfind('\n').map_or(0, |n| n + 1)..at];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') || line.contains("//") {
                    continue;
                }
                // The arguments, up to the closing parenthesis, split at the top-level commas.
                let (mut depth, mut args, mut current) = (1, Vec::new(), String::new());
                let mut in_str = false;
                for c in text[from..].chars() {
                    match c {
                        '"' => in_str = !in_str,
                        '(' | '[' | '{' if !in_str => depth += 1,
                        ')' | ']' | '}' if !in_str => depth -= 1,
                        ',' if depth == 1 && !in_str => {
                            args.push(std::mem::take(&mut current));
                            continue;
                        }
                        _ => {}
                    }
                    if depth == 0 {
                        break;
                    }
                    current.push(c);
                }
                args.push(current);
                let args: Vec<String> = args
                    .into_iter()
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect();
                let Some(key) = args.get(skip) else { continue };
                if key.contains('$') || !key.contains('.') {
                    continue; // the macros' own definitions
                }
                let mut vars: Vec<String> = args[skip + 1..]
                    .iter()
                    .map(|a| a.split('=').next().unwrap().trim().to_string())
                    .collect();
                vars.sort();
                out.push((format!("{}", path.display()), key.clone(), vars));
            }
        }
    }
    out
}

/// A text's variables, each once.
fn distinct(text: &str) -> Vec<String> {
    let mut vars = variables(text);
    vars.dedup();
    vars
}

/// A misspelt key does not build (`locale::i18n::keys`); a variable named wrong, or left out, would
/// show as `{{ name }}` on screen: every call names exactly its text's variables.
#[test]
fn every_call_names_its_texts_variables() {
    let en = flat("locales/en.json");
    let calls = calls();
    assert!(calls.len() > 300, "the calls are found: {}", calls.len());
    let wrong: Vec<String> = calls
        .iter()
        .filter(|(_, key, vars)| en.get(key).is_none_or(|text| distinct(text) != *vars))
        .map(|(file, key, vars)| {
            let want = en.get(key).map(|t| distinct(t));
            format!("{file}: {key} with {vars:?}, the text has {want:?}")
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}
