//! The shape of `src/`, checked on every `cargo test`: no source file over 450 lines, no import cycle
//! among the files, and imports that run one way between the layers (ui → app → locale → browser →
//! studio → protocol; `embed` beside `ui`).
//!
//! The import graph is read from the source text: every `crate::`, `super::` and `self::` path (in `use`
//! items and inline), resolved to the file that defines the item, following `pub use` re-exports of
//! module files. A module file's own `mod` and `pub use` lines are structure, not dependencies.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 450;

/// A module path (`["ui", "history", "gallery"]`) and the file that holds it.
#[derive(Debug)]
struct Module {
    path: Vec<String>,
    file: PathBuf,
    text: String,
}

fn modules() -> Vec<Module> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Module>) {
    for entry in fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            walk(root, &p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let rel = p.strip_prefix(root).unwrap().with_extension("");
            let mut path: Vec<String> = rel
                .iter()
                .map(|s| s.to_string_lossy().into_owned())
                .collect();
            if matches!(path.last().map(String::as_str), Some("mod" | "lib")) {
                path.pop();
            }
            if path == ["main"] {
                continue;
            }
            let text = fs::read_to_string(&p).unwrap();
            out.push(Module {
                path,
                file: p,
                text,
            });
        }
    }
}

/// The text without comments, string literals and the test module at the end (so doc examples,
/// messages and test helpers are not imports).
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod ").next().unwrap();
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && b.get(i + 2) == Some(&b'\'') {
            i += 3;
        } else {
            out.push(b[i] as char);
            i += 1;
        }
    }
    out
}

/// Expands a `use` tree (`a::{b, c::{d, e as f}}`) into full paths.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let t = tree.split(" as ").next().unwrap().trim();
        return vec![t.to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(|p| expand(p.trim()))
        .map(|p| {
            if p == "self" {
                prefix.trim_end_matches("::").to_string()
            } else {
                format!("{prefix}{p}")
            }
        })
        .collect()
}

/// `(is a pub use, path)` for every `use` item and every inline `crate::`/`super::`/`self::` path.
fn paths(code: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut rest = code;
    // `use` items.
    while let Some(i) = find_word(rest, "use") {
        let before = rest[..i].trim_end();
        let public = before.ends_with("pub") || before.ends_with(')') && before.contains("pub(");
        let after = &rest[i + 3..];
        let Some(end) = after.find(';') else { break };
        for p in expand(&after[..end]) {
            out.push((public, p));
        }
        rest = &after[end..];
    }
    // Inline paths.
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(start) {
            let at = from + i;
            let prev = code[..at].chars().last();
            from = at + start.len();
            if prev.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let tail: String = code[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            if code[at + tail.len()..].starts_with('!') {
                // A macro: `#[macro_export]` puts it at the crate root; it is found by its name.
                out.push((
                    false,
                    format!("macro {}", tail.rsplit("::").next().unwrap()),
                ));
            } else if !tail.ends_with("::") {
                out.push((false, tail));
            }
        }
    }
    out
}

fn find_word(s: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(word) {
        let at = from + i;
        let before = s[..at].chars().last();
        let after = s[at + word.len()..].chars().next();
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
            && after.is_some_and(char::is_whitespace)
        {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

struct Graph {
    modules: Vec<Module>,
    index: BTreeMap<Vec<String>, usize>,
    /// Per module: re-exported name → the full path it stands for.
    reexports: Vec<BTreeMap<String, Vec<String>>>,
}

impl Graph {
    fn new() -> Self {
        let modules = modules();
        let index = modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.path.clone(), i))
            .collect();
        let mut g = Graph {
            modules,
            index,
            reexports: Vec::new(),
        };
        g.reexports = (0..g.modules.len())
            .map(|i| {
                paths(&code(&g.modules[i].text))
                    .into_iter()
                    .filter(|(public, _)| *public)
                    .filter_map(|(_, p)| {
                        let full = g.absolute(i, &p)?;
                        Some((full.last()?.clone(), full))
                    })
                    .collect()
            })
            .collect();
        g
    }

    /// A path as written in module `from`, made absolute from the crate root.
    fn absolute(&self, from: usize, path: &str) -> Option<Vec<String>> {
        let single = path
            .strip_prefix("crate::")
            .filter(|n| n.chars().all(|c| c.is_alphanumeric() || c == '_'));
        if let Some(name) = path.strip_prefix("macro ").or(single.filter(|n| {
            self.modules
                .iter()
                .any(|m| m.text.contains(&format!("macro_rules! {n} ")))
        })) {
            let defined = format!("macro_rules! {name} ");
            let m = self.modules.iter().find(|m| m.text.contains(&defined))?;
            let mut full = m.path.clone();
            full.push(name.to_string());
            return Some(full);
        }
        let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        let mut base = self.modules[from].path.clone();
        match segs.first()? {
            &"crate" => {
                base.clear();
                segs.remove(0);
            }
            &"super" | &"self" => {
                while let Some(&s) = segs.first() {
                    match s {
                        "super" => {
                            base.pop()?;
                        }
                        "self" => {}
                        _ => break,
                    }
                    segs.remove(0);
                }
            }
            // A child module named directly (`use history::Foo` in a module file).
            first => {
                let mut child = base.clone();
                child.push(first.to_string());
                if !self.index.contains_key(&child) {
                    return None;
                }
            }
        }
        base.extend(segs.into_iter().map(String::from));
        Some(base)
    }

    /// The file that defines the item at `path`.
    fn resolve(&self, path: &[String], depth: u32) -> Option<usize> {
        let mut at = *self.index.get(&Vec::new())?;
        for (n, seg) in path.iter().enumerate() {
            let mut child = self.modules[at].path.clone();
            child.push(seg.clone());
            if let Some(&c) = self.index.get(&child) {
                at = c;
            } else if let Some(target) = self.reexports[at].get(seg) {
                if depth > 8 || target.as_slice() == &path[..=n] {
                    return Some(at);
                }
                let mut full = target.clone();
                full.extend(path[n + 1..].iter().cloned());
                return self.resolve(&full, depth + 1);
            } else {
                return Some(at);
            }
        }
        Some(at)
    }

    /// Which files each file imports from.
    fn edges(&self) -> Vec<BTreeSet<usize>> {
        (0..self.modules.len())
            .map(|i| {
                let is_module_file = self.modules[i]
                    .file
                    .file_name()
                    .is_some_and(|n| n == "mod.rs" || n == "lib.rs");
                paths(&code(&self.modules[i].text))
                    .into_iter()
                    .filter(|(public, _)| !(is_module_file && *public))
                    .filter_map(|(_, p)| self.resolve(&self.absolute(i, &p)?, 0))
                    .filter(|&j| j != i)
                    // A file's own descendants (a module file's children) are its parts, not imports.
                    .filter(|&j| {
                        !self.modules[j].path.starts_with(&self.modules[i].path) || !is_module_file
                    })
                    .collect()
            })
            .collect()
    }

    fn name(&self, i: usize) -> String {
        self.modules[i]
            .file
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string()
    }
}

/// Every cycle's files, one cycle per strongly connected component (Tarjan).
fn cycles(edges: &[BTreeSet<usize>]) -> Vec<Vec<usize>> {
    struct T<'a> {
        edges: &'a [BTreeSet<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(t: &mut T, v: usize) {
        t.index[v] = Some(t.next);
        t.low[v] = t.next;
        t.next += 1;
        t.stack.push(v);
        t.on[v] = true;
        for &w in t.edges[v].iter() {
            match t.index[w] {
                None => {
                    visit(t, w);
                    t.low[v] = t.low[v].min(t.low[w]);
                }
                Some(iw) if t.on[w] => t.low[v] = t.low[v].min(iw),
                _ => {}
            }
        }
        if Some(t.low[v]) == t.index[v] {
            let mut scc = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on[w] = false;
                scc.push(w);
                if w == v {
                    break;
                }
            }
            if scc.len() > 1 {
                t.out.push(scc);
            }
        }
    }
    let n = edges.len();
    let mut t = T {
        edges,
        index: vec![None; n],
        low: vec![0; n],
        on: vec![false; n],
        stack: vec![],
        next: 0,
        out: vec![],
    };
    for v in 0..n {
        if t.index[v].is_none() {
            visit(&mut t, v);
        }
    }
    t.out
}

/// The layer a file belongs to; a file may import from its own layer and those below it.
fn layer(path: &[String]) -> u32 {
    match path.first().map(String::as_str) {
        Some("protocol") => 0,
        Some("studio") => 1,
        Some("browser") => 2,
        Some("locale") => 3,
        Some("app") => 4,
        Some("ui" | "embed") => 5,
        _ => 6, // lib.rs
    }
}

#[test]
fn no_source_file_is_over_450_lines() {
    let long: Vec<String> = modules()
        .iter()
        .filter(|m| m.text.lines().count() > MAX_LINES)
        .map(|m| format!("{} ({} lines)", m.file.display(), m.text.lines().count()))
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:#?}");
}

#[test]
fn no_import_cycle_among_the_files() {
    let g = Graph::new();
    let found: Vec<Vec<String>> = cycles(&g.edges())
        .into_iter()
        .map(|c| {
            let mut names: Vec<String> = c.into_iter().map(|i| g.name(i)).collect();
            names.sort();
            names
        })
        .collect();
    assert!(
        found.is_empty(),
        "files that import each other, directly or around a loop: {found:#?}"
    );
}

#[test]
fn imports_run_one_way_between_the_layers() {
    let g = Graph::new();
    let mut wrong = Vec::new();
    for (i, targets) in g.edges().iter().enumerate() {
        for &j in targets {
            let (from, to) = (&g.modules[i].path, &g.modules[j].path);
            let sideways = from.first() != to.first() && layer(from) == layer(to);
            if layer(to) > layer(from) || sideways && from.first().is_some_and(|f| f == "ui") {
                wrong.push(format!("{} imports {}", g.name(i), g.name(j)));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layering: {wrong:#?}");
}

/// The checker itself: a small tree with a known loop and a re-export.
#[test]
fn the_checker_finds_a_loop_through_a_reexport() {
    assert_eq!(
        expand("crate::a::{b, c::{d, e as f}, self}"),
        [
            "crate::a::b",
            "crate::a::c::d",
            "crate::a::c::e",
            "crate::a"
        ]
    );
    assert_eq!(
        code("let s = \"crate::x\"; // crate::y\ncrate::z"),
        "let s = \"\"; \ncrate::z"
    );
    let e = vec![
        BTreeSet::from([1]),
        BTreeSet::from([2]),
        BTreeSet::from([0]),
        BTreeSet::new(),
    ];
    assert_eq!(cycles(&e).len(), 1);
    let e = vec![BTreeSet::from([1]), BTreeSet::from([2]), BTreeSet::new()];
    assert!(cycles(&e).is_empty());
}
