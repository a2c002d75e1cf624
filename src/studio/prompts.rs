//! The prompt library's rules: a saved prompt, its tags, the search over name, text and tags, and the
//! order the library lists them in. Kept in IndexedDB (`browser::history_db::prompts`) and carried in
//! the history ZIP (`prompts.json`).

use serde::{Deserialize, Serialize};

/// One saved prompt.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedPrompt {
    /// Unique within the library: the time it was saved, and a counter.
    pub id: String,
    pub name: String,
    pub text: String,
    /// Lower-case, without `#`, each once, in the order given.
    pub tags: Vec<String>,
    pub created_ms: f64,
    /// Last inserted into the composer (0: never).
    pub used_ms: f64,
}

/// Most characters of a name made from the prompt.
const NAME_CHARS: usize = 48;

impl SavedPrompt {
    /// A new prompt: named `name`, or after its first words when `name` is blank.
    pub fn new(id: String, name: &str, text: &str, tags: &str, now_ms: f64) -> Self {
        let name = name.trim();
        SavedPrompt {
            id,
            name: if name.is_empty() {
                name_from(text)
            } else {
                name.to_string()
            },
            text: text.trim().to_string(),
            tags: parse_tags(tags),
            created_ms: now_ms,
            used_ms: 0.0,
        }
    }

    /// Whether every word of `query` is in the name, text or tags (any case); `#tag` asks for that
    /// tag exactly.
    pub fn matches(&self, query: &str) -> bool {
        let hay = format!("{}\n{}", self.name, self.text).to_lowercase();
        query.split_whitespace().all(|word| {
            let word = word.to_lowercase();
            match word.strip_prefix('#') {
                Some(tag) if !tag.is_empty() => self.tags.iter().any(|t| *t == tag),
                _ => hay.contains(&word) || self.tags.iter().any(|t| t.contains(&word)),
            }
        })
    }
}

/// Tags from what the user typed: split on commas and spaces, `#` dropped, lower-case, each once.
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in text.split([',', ' ', '\n', '\t', '，']) {
        let t = t.trim().trim_start_matches('#').to_lowercase();
        if !t.is_empty() && !tags.contains(&t) {
            tags.push(t);
        }
    }
    tags
}

/// A name from a prompt: its first line, cut at a word near [`NAME_CHARS`] characters.
pub fn name_from(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or("").trim();
    if line.chars().count() <= NAME_CHARS {
        return line.to_string();
    }
    let cut: String = line.chars().take(NAME_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > NAME_CHARS / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// The library as listed: the most recently used or saved first.
pub fn sort(prompts: &mut [SavedPrompt]) {
    prompts.sort_by(|a, b| {
        let (ka, kb) = (a.used_ms.max(a.created_ms), b.used_ms.max(b.created_ms));
        kb.total_cmp(&ka).then_with(|| a.name.cmp(&b.name))
    });
}

/// `current` with `text` inserted: the prompt itself when the composer is empty, otherwise on a line
/// of its own after what is there (one prompt per line is what a batch reads).
pub fn insert(current: &str, text: &str) -> String {
    let current = current.trim_end();
    if current.is_empty() {
        text.to_string()
    } else {
        format!("{current}\n{text}")
    }
}

/// The library merged with `incoming` (an import): a prompt with a known id is kept as it is here,
/// new ones are added.
pub fn merge(library: &[SavedPrompt], incoming: Vec<SavedPrompt>) -> Vec<SavedPrompt> {
    incoming
        .into_iter()
        .filter(|p| !p.id.is_empty() && !library.iter().any(|l| l.id == p.id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(name: &str, text: &str, tags: &str) -> SavedPrompt {
        SavedPrompt::new(format!("id-{name}"), name, text, tags, 1.0)
    }

    #[test]
    fn tags_are_tidied() {
        assert_eq!(
            parse_tags(" #Portrait, studio  light,,portrait，夜景"),
            ["portrait", "studio", "light", "夜景"]
        );
        assert!(parse_tags(" , #").is_empty());
    }

    #[test]
    fn a_blank_name_comes_from_the_prompt() {
        assert_eq!(p("", "  a fox\nin snow", "").name, "a fox");
        let long = "a very long prompt about a lighthouse on a cliff at dusk with waves and gulls";
        let name = name_from(long);
        assert!(
            name.ends_with('…') && name.chars().count() <= NAME_CHARS + 1,
            "{name}"
        );
        assert!(long.starts_with(name.trim_end_matches('…')));
        assert_eq!(p("Mine", "text", "").name, "Mine");
    }

    #[test]
    fn search_covers_name_text_and_tags() {
        let fox = p("Winter fox", "a red fox in deep snow", "animals, winter");
        assert!(fox.matches(""));
        assert!(fox.matches("FOX snow"));
        assert!(fox.matches("#winter"));
        assert!(fox.matches("anim"));
        assert!(!fox.matches("#anim"), "a # tag is matched whole");
        assert!(!fox.matches("fox owl"), "every word must match");
    }

    #[test]
    fn insert_merge_and_order() {
        assert_eq!(insert("", "a fox"), "a fox");
        assert_eq!(insert("an owl\n\n", "a fox"), "an owl\na fox");
        let here = vec![p("a", "x", ""), p("b", "y", "")];
        let incoming = vec![
            p("b", "changed", ""),
            p("c", "z", ""),
            SavedPrompt::default(),
        ];
        let added = merge(&here, incoming);
        assert_eq!(
            added.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            ["c"]
        );
        let mut list = vec![p("old", "", ""), p("new", "", ""), p("used", "", "")];
        list[1].created_ms = 5.0;
        list[2].used_ms = 9.0;
        sort(&mut list);
        assert_eq!(
            list.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            ["used", "new", "old"]
        );
    }
}
