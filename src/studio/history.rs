//! What the history keeps of each result (never the key), and how it is searched.

use super::stored::{StoredRef, StoredRegion, StoredTurn};
use super::Settings;
use crate::protocol::Usage;
use serde::{Deserialize, Serialize};

fn one() -> u32 {
    1
}

/// One saved result. Stored as JSON next to its image bytes; `settings` holds the provider, base URL and
/// model, but never the API key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Sorts by creation time: `0001763750000000-3f2a`.
    pub id: String,
    /// Unix milliseconds.
    pub created_ms: f64,
    pub prompt: String,
    pub settings: Settings,
    #[serde(default)]
    pub caption: String,
    #[serde(default)]
    pub usage: Option<Usage>,
    /// Images in the answer that brought this one (they share its usage); 1 in older entries.
    #[serde(default = "one")]
    pub answer_images: u32,
    #[serde(default)]
    pub seconds: f64,
    /// MIME type of the stored image (PNG, JPEG or WebP, checked by its bytes).
    pub mime: String,
    pub file_name: String,
    /// Pixel size of the image (0 when unknown, in entries saved before it was kept).
    #[serde(default)]
    pub width: u32,
    #[serde(default)]
    pub height: u32,
    /// The references the prompt was sent with, by key into the parts store.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<StoredRef>,
    /// The editing conversation up to and including this answer (native dialect), for "continue
    /// editing" after a reload.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thread: Vec<StoredTurn>,
    /// Set for a region edit's result (the stored image is then the composite).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<StoredRegion>,
    /// Starred by the user.
    #[serde(default, skip_serializing_if = "is_false")]
    pub favourite: bool,
    /// The collections it is in, by id ([`super::library::Collection`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collections: Vec<String>,
}

fn is_false(b: &bool) -> bool {
    !b
}

impl HistoryEntry {
    /// What this entry's cost is worked out from.
    pub fn spent(&self) -> super::cost::Spent {
        super::cost::Spent {
            model: self.settings.model.clone(),
            usage: self.usage.clone(),
            size: self.settings.image_size,
            answer_images: self.answer_images,
        }
    }
    /// An id that sorts by creation time; `salt` separates entries made in the same millisecond.
    pub fn make_id(created_ms: f64, salt: u16) -> String {
        format!("{:016}-{salt:04x}", created_ms.max(0.0) as u64)
    }

    /// Reads a stored entry; `None` for anything unreadable (skipped rather than breaking the history).
    pub fn from_json(json: &str) -> Option<HistoryEntry> {
        serde_json::from_str(json).ok()
    }

    /// For storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Every key of the parts store this entry uses.
    pub fn part_keys(&self) -> impl Iterator<Item = &str> {
        super::stored::keys(&self.references, &self.thread)
            .chain(self.region.iter().flat_map(StoredRegion::keys))
    }

    /// Forgets references and the conversation when any of their parts is not available (an import
    /// without them), so nothing points at missing bytes.
    pub fn drop_missing_parts(&mut self, available: impl Fn(&str) -> bool) {
        self.references.retain(|r| available(&r.key));
        if !super::stored::keys(&[], &self.thread).all(&available) {
            self.thread.clear();
        }
        if let Some(r) = &mut self.region {
            if !r.mask.as_ref().is_none_or(|m| available(&m.key)) {
                r.mask = None;
            }
            if !r.keys().all(&available) {
                self.region = None;
            }
        }
    }

    /// True when every word of `query` appears in the prompt or caption, ignoring case.
    pub fn matches(&self, query: &str) -> bool {
        matches_words(&self.prompt, &self.caption, query)
    }
}

/// True when every word of `query` appears in `prompt` or `caption`, ignoring case (the history search).
pub fn matches_words(prompt: &str, caption: &str, query: &str) -> bool {
    let haystack = format!("{prompt} {caption}").to_lowercase();
    query
        .split_whitespace()
        .all(|w| haystack.contains(&w.to_lowercase()))
}

/// False only when the entry stored as `json` (its [`HistoryEntry::to_json`]) cannot match `query`:
/// a quick test on the text before parsing it. Every query word must appear in the lowercased JSON,
/// as it does when it is in the prompt or caption (JSON escapes only quotes, backslashes and control
/// characters: a word with one of them skips the test).
pub fn may_match(json: &str, query: &str) -> bool {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty()
        || words
            .iter()
            .any(|w| w.chars().any(|c| c == '"' || c == '\\' || c.is_control()))
    {
        return true;
    }
    let text = json.to_lowercase();
    words.iter().all(|w| text.contains(w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(prompt: &str) -> HistoryEntry {
        HistoryEntry {
            id: HistoryEntry::make_id(1_763_750_000_123.0, 7),
            created_ms: 1_763_750_000_123.0,
            prompt: prompt.into(),
            settings: Settings::default(),
            caption: "Here it is".into(),
            usage: None,
            answer_images: 1,
            seconds: 3.5,
            mime: "image/png".into(),
            file_name: "banana-1.png".into(),
            width: 1024,
            height: 1024,
            references: Vec::new(),
            thread: Vec::new(),
            region: None,
            favourite: false,
            collections: Vec::new(),
        }
    }

    fn plan() -> crate::studio::region::RegionPlan {
        crate::studio::region::RegionPlan {
            steps: vec![2.0, 1.0, 2.0, 30.0, 40.5],
            dims: (64, 48),
            feather: 3,
            colour_match: true,
            crop: Some([1, 2, 40, 30]),
            placed: None,
        }
    }

    #[test]
    fn a_region_edit_keeps_its_parts_and_loses_them_together() {
        let png = |n: u8| {
            bytes::Bytes::from([&[0x89, b'P', b'N', b'G', 13, 10, 26, 10][..], &[n; 40]].concat())
        };
        let (region, parts) = super::super::stored::store_region(
            &png(1),
            ("photo.png", &png(2)),
            Some(&png(3)),
            (None, false, Some(plan())),
        );
        assert_eq!(parts.len(), 3);
        assert_eq!(region.original.name, "photo.png");
        assert_eq!(region.raw.mime, "image/png");
        let mut e = entry("sea");
        e.region = Some(region.clone());
        let keys: Vec<&str> = e.part_keys().collect();
        assert_eq!(
            keys,
            parts.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>()
        );
        // It survives the JSON the history stores, with how it was put back.
        assert_eq!(HistoryEntry::from_json(&e.to_json()), Some(e.clone()));
        assert_eq!(region.plan, Some(plan()));
        // Without the mask it stays, without the mask only; without the raw answer it goes.
        let mask = region.mask.clone().unwrap().key;
        let mut no_mask = e.clone();
        no_mask.drop_missing_parts(|k| k != mask);
        assert!(no_mask.region.as_ref().is_some_and(|r| r.mask.is_none()));
        let raw = region.raw.key.clone();
        e.drop_missing_parts(|k| k != raw);
        assert_eq!(e.region, None);
        // Older entries (no region) still read.
        let old = r#"{"id":"1","created_ms":1,"prompt":"p","settings":{},"mime":"image/png","file_name":"a.png"}"#;
        assert!(HistoryEntry::from_json(old).is_none_or(|e| e.region.is_none()));
    }

    #[test]
    fn ids_sort_by_time() {
        let a = HistoryEntry::make_id(9_999.0, 0xffff);
        let b = HistoryEntry::make_id(10_000.0, 0);
        assert!(a < b, "{a} {b}");
        assert_eq!(HistoryEntry::make_id(1.0, 10), "0000000000000001-000a");
    }

    #[test]
    fn round_trips_and_skips_damage() {
        let e = entry("a cat");
        assert_eq!(HistoryEntry::from_json(&e.to_json()), Some(e));
        assert_eq!(HistoryEntry::from_json("{\"id\": 3}"), None);
    }

    #[test]
    fn search_by_words_in_any_order() {
        let e = entry("A yellow Banana on the Moon");
        assert!(e.matches("moon banana"));
        assert!(e.matches("  "));
        assert!(e.matches("here"), "the caption counts too");
        assert!(!e.matches("banana mars"));
    }

    #[test]
    fn entries_saved_before_parts_existed_still_read() {
        let old = r#"{"id":"1","created_ms":1,"prompt":"p","settings":{},"mime":"image/png","file_name":"f.png"}"#;
        let e = HistoryEntry::from_json(old).expect("old entry");
        assert!(e.references.is_empty() && e.thread.is_empty());
        assert_eq!((e.width, e.height), (0, 0));
    }

    #[test]
    fn missing_parts_are_dropped_not_pointed_at() {
        use crate::protocol::{Reference, Turn};
        let r = Reference::new("a.png", b"\x89PNG\r\n\x1a\nref".to_vec());
        let mut e = entry("x");
        (e.references, _) = super::super::stored::store_references(std::slice::from_ref(&r));
        (e.thread, _) =
            super::super::stored::store_turns(&[Turn::user("x", &[r])], b"own", &Vec::new());
        assert_eq!(e.part_keys().count(), 2);
        let mut kept = e.clone();
        kept.drop_missing_parts(|_| true);
        assert_eq!(kept, e);
        e.drop_missing_parts(|_| false);
        assert!(e.references.is_empty() && e.thread.is_empty());
    }

    #[test]
    fn never_holds_a_key() {
        assert!(!entry("x").to_json().to_lowercase().contains("api_key"));
    }
}
