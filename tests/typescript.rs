//! The npm package's TypeScript declarations (`npm/index.d.ts`) say what the Rust code takes: the
//! unions between its `<generated>` marks are rendered here from the crate's own tables (presets,
//! dialects, sizes, ratios, models, error kinds) and must match, and `GenerateOptions` must list
//! exactly the options `generate()` accepts. `UPDATE_TYPES=1 cargo test --test typescript` rewrites the
//! generated block.

use banana_studio::embed::options::GenerateOptions;
use banana_studio::protocol::catalogue::FLASH_31_RATIOS;
use banana_studio::protocol::retry::MAX_RETRIES;
use banana_studio::protocol::{
    capabilities, models_for, AuthPlacement, Dialect, ImageSize, Preset, ThinkingLevel,
};
use std::path::Path;

const DTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/npm/index.d.ts");

fn union<I: IntoIterator<Item = String>>(items: I) -> String {
    let mut seen: Vec<String> = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen.iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn serde_name<T: serde::Serialize>(value: T) -> String {
    serde_json::to_string(&value)
        .unwrap()
        .trim_matches('"')
        .to_string()
}

/// The string literals a source file's `kind` arms and `kind:` fields return, in order.
fn kinds_in(source: &str, marker: &str) -> Vec<String> {
    let mut found = Vec::new();
    for part in source.split(marker).skip(1) {
        if let Some(rest) = part.strip_prefix('"') {
            if let Some(end) = rest.find('"') {
                found.push(rest[..end].to_string());
            }
        }
    }
    found
}

fn error_kinds() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let error = std::fs::read_to_string(root.join("src/protocol/error.rs")).unwrap();
    // The protocol core's kinds: the arms of `HttpProblem::kind` and `Error::kind`, tests left out.
    let code = error.split("#[cfg(test)]").next().unwrap();
    let mut kinds: Vec<String> = code
        .split("pub fn kind(")
        .skip(1)
        .flat_map(|body| {
            let body = &body[..body.find("\n    }\n").unwrap()];
            kinds_in(body, "=> ")
        })
        .collect();
    // The API's own: `ApiError { kind: "…" }` in the embed module.
    for file in ["src/embed/options.rs", "src/embed/js_api.rs"] {
        let source = std::fs::read_to_string(root.join(file)).unwrap();
        let code = source.split("#[cfg(test)]").next().unwrap();
        kinds.extend(kinds_in(code, "kind: "));
    }
    kinds
}

fn generated() -> String {
    let ratios = Preset::ALL.iter().flat_map(|&p| {
        let provider = p.provider();
        models_for(p)
            .iter()
            .flat_map(move |m| capabilities(&provider, m).aspect_ratios.iter())
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
    });
    let lines = [
        "/** A provider preset: its base URL, dialect and key placement are known. `custom` needs `baseUrl`. */".to_string(),
        format!("export type ProviderId = {};", union(Preset::ALL.iter().map(|p| p.id().to_string()))),
        "/** The wire format: Gemini native, the asynchronous task API, or OpenAI-compatible chat completions. */".to_string(),
        format!("export type Dialect = {};", union(Dialect::ALL.iter().map(|d| d.id().to_string()))),
        "/** Where the key goes: the `x-goog-api-key` header, `Authorization: Bearer`, or the `key` query parameter. */".to_string(),
        format!("export type AuthPlacement = {};", union(AuthPlacement::ALL.iter().map(|&a| serde_name(a)))),
        "/** The output's long edge. */".to_string(),
        format!("export type ImageSize = {};", union(ImageSize::ALL.iter().map(|s| s.native().to_string()))),
        "/** Every aspect ratio some model takes; a model that does not take the one asked refuses it (`unsupported-option`). */".to_string(),
        format!("export type AspectRatio = {};", union(FLASH_31_RATIOS.iter().map(|r| r.to_string()).chain(ratios))),
        "/** How much the model thinks first. */".to_string(),
        format!("export type ThinkingLevel = {};", union([ThinkingLevel::Minimal, ThinkingLevel::High].iter().map(|t| t.wire().to_ascii_lowercase()))),
        "/** The models the presets list (a relay may name others: any string is accepted). */".to_string(),
        format!("export type KnownModel = {};", union(Preset::ALL.iter().flat_map(|&p| models_for(p).iter().map(|m| m.to_string())))),
        "/** Retries after passing failures (network, 429, 5xx). */".to_string(),
        format!("export type Retries = {};", (0..=MAX_RETRIES).map(|n| n.to_string()).collect::<Vec<_>>().join(" | ")),
        "/** What went wrong, machine-readable: `BananaStudioError.kind` and the element's `error` event. */".to_string(),
        format!("export type ErrorKind = {};", union(error_kinds())),
    ];
    lines.join("\n") + "\n"
}

const START: &str = "// <generated>\n";
const END: &str = "// </generated>\n";

#[test]
fn the_declared_unions_are_the_crates_own() {
    let dts = std::fs::read_to_string(DTS).unwrap();
    let (head, rest) = dts
        .split_once(START)
        .expect("npm/index.d.ts has a generated block");
    let (block, tail) = rest.split_once(END).unwrap();
    let want = generated();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(DTS, format!("{head}{START}{want}{END}{tail}")).unwrap();
        return;
    }
    assert_eq!(
        block, want,
        "npm/index.d.ts is out of date: run UPDATE_TYPES=1 cargo test --test typescript"
    );
}

#[test]
fn the_kinds_include_every_path_to_an_error() {
    let kinds = error_kinds();
    for kind in [
        "invalid-key",
        "rate-limited",
        "cors",
        "task-timeout",
        "invalid-options",
        "not-loaded",
        "browser",
        "cancelled",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} in {kinds:?}");
    }
}

/// The property names of `interface GenerateOptions` in the declarations.
fn declared_options() -> Vec<String> {
    let dts = std::fs::read_to_string(DTS).unwrap();
    let body = dts
        .split("export interface GenerateOptions {")
        .nth(1)
        .unwrap()
        .split("\n}")
        .next()
        .unwrap();
    body.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("/**") && !l.starts_with('*') && !l.is_empty())
        .map(|l| l.split(['?', ':']).next().unwrap().to_string())
        .collect()
}

#[test]
fn the_declared_options_are_the_ones_generate_takes() {
    // serde names every field it expects when it meets one it does not.
    let e = GenerateOptions::from_json(r#"{"notAnOption":1}"#).unwrap_err();
    let expected = e.message.split("expected one of ").nth(1).unwrap();
    let expected = expected.split(" at line").next().unwrap();
    let mut accepted: Vec<String> = expected
        .split(", ")
        .map(|f| f.trim_matches(|c: char| c == '`' || c == '.').to_string())
        .collect();
    let mut declared = declared_options();
    accepted.sort();
    declared.sort();
    assert_eq!(declared, accepted);
}
