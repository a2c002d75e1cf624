//! The command palette's rules: fuzzy matching of what is typed against the actions' names, and
//! keyboard shortcuts (`Mod+K`, `Shift+?`, `Alt+1`): read, written for people, matched against a key
//! press, and kept as the user changed them.

use serde::{Deserialize, Serialize};

/// How well `query` matches `name`: `None` when its letters do not all appear in order (ignoring
/// case and spaces); higher is better (letters in a row, at word starts, near the start).
pub fn fuzzy(query: &str, name: &str) -> Option<u32> {
    let query: Vec<char> = query
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if query.is_empty() {
        return Some(0);
    }
    let name: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    let mut score = 0u32;
    let mut at = 0usize;
    let mut last: Option<usize> = None;
    for q in query {
        let found = (at..name.len()).find(|&i| name[i] == q)?;
        let word_start = found == 0 || !name[found - 1].is_alphanumeric();
        score += 1;
        if word_start {
            score += 8;
        }
        if last == Some(found.wrapping_sub(1)) {
            score += 5;
        }
        if found < 4 {
            score += 2;
        }
        last = Some(found);
        at = found + 1;
    }
    // Shorter names win a tie: a whole word typed ranks its own action first.
    Some(score * 64 + 63u32.saturating_sub(name.len() as u32).min(63))
}

/// A key press as a shortcut sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Press {
    /// `KeyboardEvent.key`.
    pub key: String,
    /// `KeyboardEvent.code` (the key's place: `KeyG`), for Alt combinations that type a symbol on a
    /// Mac (⌥G is `©`).
    pub code: String,
    pub ctrl: bool,
    pub meta: bool,
    pub alt: bool,
    pub shift: bool,
}

/// A shortcut: a key with modifiers; `Mod` is Ctrl, or ⌘ on Apple's systems.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortcut {
    pub key: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub r#mod: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub alt: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub shift: bool,
}

fn is_false(b: &bool) -> bool {
    !b
}

impl Shortcut {
    /// Reads `Mod+Shift+K`, `Alt+1`, `?` (case-insensitive names; the key last).
    pub fn parse(s: &str) -> Option<Shortcut> {
        let parts: Vec<&str> = s.split('+').map(str::trim).collect();
        // A shortcut on the plus key itself ends with an empty part.
        let (key, mods) = match parts.as_slice() {
            [.., "", ""] => ("+", &parts[..parts.len() - 2]),
            [mods @ .., key] if !key.is_empty() => (*key, mods),
            _ => return None,
        };
        let mut shortcut = Shortcut {
            key: normal_key(key),
            r#mod: false,
            alt: false,
            shift: false,
        };
        for m in mods {
            match m.to_ascii_lowercase().as_str() {
                "mod" | "ctrl" | "control" | "cmd" | "meta" | "⌘" => shortcut.r#mod = true,
                "alt" | "option" | "⌥" => shortcut.alt = true,
                "shift" | "⇧" => shortcut.shift = true,
                _ => return None,
            }
        }
        Some(shortcut)
    }

    /// The shortcut of a key press (none for a press of a modifier alone).
    pub fn of(press: &Press) -> Option<Shortcut> {
        if matches!(
            press.key.as_str(),
            "Control"
                | "Meta"
                | "Alt"
                | "Shift"
                | "AltGraph"
                | "CapsLock"
                | "Dead"
                | "Unidentified"
                | ""
        ) {
            return None;
        }
        // ⌥ on a Mac types a symbol, and a non-Latin layout gives its own letter with Ctrl: the
        // key's place says which key it is.
        let typed_symbol = (press.alt || press.ctrl || press.meta) && !press.key.is_ascii();
        let key = match press
            .code
            .strip_prefix("Key")
            .or(press.code.strip_prefix("Digit"))
        {
            Some(k) if typed_symbol => k.to_lowercase(),
            _ => normal_key(&press.key),
        };
        // A printable symbol already says its Shift (`?` is Shift+/): it is not asked for twice.
        let symbol = key.chars().count() == 1 && !key.chars().all(char::is_alphanumeric);
        Some(Shortcut {
            key,
            r#mod: press.ctrl || press.meta,
            alt: press.alt,
            shift: press.shift && !symbol,
        })
    }

    /// Whether `press` is this shortcut.
    pub fn matches(&self, press: &Press) -> bool {
        Shortcut::of(press).as_ref() == Some(self)
    }

    /// For people: `Ctrl+Shift+K`, or `⌘⇧K` on Apple's systems.
    pub fn label(&self, apple: bool) -> String {
        let key = match self.key.as_str() {
            "arrowup" => "↑".to_string(),
            "arrowdown" => "↓".to_string(),
            "arrowleft" => "←".to_string(),
            "arrowright" => "→".to_string(),
            "escape" => "Esc".to_string(),
            " " => "Space".to_string(),
            k if k.chars().count() == 1 => k.to_uppercase(),
            k => {
                let mut c = k.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        };
        if apple {
            let mut s = String::new();
            if self.alt {
                s.push('⌥');
            }
            if self.shift {
                s.push('⇧');
            }
            if self.r#mod {
                s.push('⌘');
            }
            s + &key
        } else {
            let mut parts = Vec::new();
            if self.r#mod {
                parts.push("Ctrl".to_string());
            }
            if self.alt {
                parts.push("Alt".to_string());
            }
            if self.shift {
                parts.push("Shift".to_string());
            }
            parts.push(key);
            parts.join("+")
        }
    }

    /// The form [`Shortcut::parse`] reads.
    pub fn to_text(&self) -> String {
        let mut parts = Vec::new();
        if self.r#mod {
            parts.push("Mod");
        }
        if self.alt {
            parts.push("Alt");
        }
        if self.shift {
            parts.push("Shift");
        }
        let key = self.key.clone();
        parts.join("+") + if parts.is_empty() { "" } else { "+" } + &key
    }
}

/// Keys compared as written lowercase (`K` and `k` are one key; `Escape`, `ArrowUp` as named).
fn normal_key(key: &str) -> String {
    match key {
        "Space" | "Spacebar" => " ".to_string(),
        "Esc" => "escape".to_string(),
        k => k.to_lowercase(),
    }
}

/// The shortcuts a user changed, by action id, over the defaults.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bindings(pub std::collections::BTreeMap<String, Option<Shortcut>>);

impl Bindings {
    /// The shortcut of `action` (its default unless changed; `None` when removed).
    pub fn get(&self, action: &str, default: Option<&Shortcut>) -> Option<Shortcut> {
        match self.0.get(action) {
            Some(changed) => changed.clone(),
            None => default.cloned(),
        }
    }

    /// Gives `action` the shortcut `to` (or none), taking it from any other action that had it.
    pub fn set<'a>(
        &mut self,
        action: &str,
        to: Option<Shortcut>,
        defaults: impl IntoIterator<Item = (&'a str, Option<&'a Shortcut>)>,
    ) {
        if let Some(s) = &to {
            for (other, default) in defaults {
                if other != action && self.get(other, default).as_ref() == Some(s) {
                    self.0.insert(other.to_string(), None);
                }
            }
        }
        self.0.insert(action.to_string(), to);
    }

    pub fn from_json(json: &str) -> Bindings {
        serde_json::from_str(json).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(key: &str, ctrl: bool, shift: bool) -> Press {
        Press {
            key: key.into(),
            ctrl,
            shift,
            ..Press::default()
        }
    }

    #[test]
    fn fuzzy_finds_letters_in_order_and_ranks_word_starts_and_runs_first() {
        assert!(fuzzy("gen", "Generate").is_some());
        assert!(fuzzy("opst", "Open settings").is_some());
        assert_eq!(fuzzy("xyz", "Generate"), None);
        assert_eq!(fuzzy("tg", "Generate"), None, "in order only");
        let names = ["Change size", "Open settings", "Switch theme", "Export all"];
        let best = |q: &str| {
            names
                .iter()
                .filter_map(|n| fuzzy(q, n).map(|s| (s, *n)))
                .max()
                .map(|(_, n)| n)
        };
        assert_eq!(best("set"), Some("Open settings"));
        assert_eq!(best("th"), Some("Switch theme"));
        assert_eq!(best("SIZE"), Some("Change size"));
        assert_eq!(best("ex"), Some("Export all"));
        assert!(fuzzy("", "anything").is_some());
    }

    #[test]
    fn shortcuts_read_print_and_match_presses() {
        let k = Shortcut::parse("Mod+K").unwrap();
        assert!(k.matches(&press("k", true, false)));
        assert!(k.matches(&Press {
            key: "K".into(),
            meta: true,
            ..Press::default()
        }));
        assert!(!k.matches(&press("k", false, false)));
        assert!(!k.matches(&press("k", true, true)));
        assert_eq!(k.label(false), "Ctrl+K");
        assert_eq!(k.label(true), "⌘K");
        let help = Shortcut::parse("?").unwrap();
        assert!(
            help.matches(&press("?", false, true)),
            "? is typed with Shift"
        );
        assert_eq!(
            Shortcut::parse("Shift+Alt+ArrowUp").unwrap().label(false),
            "Alt+Shift+↑"
        );
        assert_eq!(Shortcut::parse("Mod++").unwrap().key, "+");
        assert_eq!(Shortcut::parse("Hyper+K"), None);
        assert_eq!(Shortcut::parse(""), None);
        for text in ["Mod+Shift+p", "Alt+1", "?", "escape"] {
            let s = Shortcut::parse(text).unwrap();
            assert_eq!(Shortcut::parse(&s.to_text()), Some(s));
        }
        assert_eq!(Shortcut::of(&press("Control", true, false)), None);
        // ⌥G on a Mac types ©: the key's place says G.
        let mac = Press {
            key: "©".into(),
            code: "KeyG".into(),
            alt: true,
            ..Press::default()
        };
        assert!(Shortcut::parse("Alt+G").unwrap().matches(&mac));
    }

    #[test]
    fn bindings_override_defaults_and_a_shortcut_has_one_action() {
        let k = Shortcut::parse("Mod+K").unwrap();
        let j = Shortcut::parse("Mod+J").unwrap();
        let defaults = [("palette", Some(&k)), ("settings", Some(&j))];
        let mut b = Bindings::default();
        assert_eq!(b.get("palette", Some(&k)), Some(k.clone()));
        b.set("settings", Some(k.clone()), defaults);
        assert_eq!(b.get("settings", Some(&j)), Some(k.clone()));
        assert_eq!(b.get("palette", Some(&k)), None, "taken from the palette");
        let back = Bindings::from_json(&b.to_json());
        assert_eq!(back, b);
        assert_eq!(Bindings::from_json("not json"), Bindings::default());
    }
}
