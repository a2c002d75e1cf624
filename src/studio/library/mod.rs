//! Finding an image in a long history: the filter beside the search (words, model, provider, size,
//! aspect ratio, a date range, with references, region edits, favourites, a collection), what it
//! looks at in a result ([`Facts`]), and its form in the URL's hash (`#q=cat&size=2K&fav=1`), so a
//! reload or a bookmark comes back to the same stage.

use super::history::matches_words;
use crate::protocol::ImageSize;
use serde::{Deserialize, Serialize};

/// A named set of images; an image may be in several (each entry lists its collections' ids), and
/// deleting one leaves its images in the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Collection {
    pub id: String,
    pub name: String,
    pub created_ms: f64,
}

/// The longest name a collection may have, in characters.
pub const NAME_MAX: usize = 80;

impl Collection {
    /// A new collection named `name` (trimmed), or `None` when that leaves nothing.
    pub fn new(name: &str, created_ms: f64, salt: u16) -> Option<Collection> {
        Some(Collection {
            id: format!("c{:013}-{salt:04x}", created_ms.max(0.0) as u64),
            name: clean_name(name)?,
            created_ms,
        })
    }
}

/// A collection's name as kept: trimmed, inner runs of spaces made one, at most [`NAME_MAX`]
/// characters; `None` when empty.
pub fn clean_name(name: &str) -> Option<String> {
    let name: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let name: String = name.chars().take(NAME_MAX).collect();
    (!name.is_empty()).then_some(name)
}

/// What the stage shows: every result, or only those that pass each set field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Every word in the prompt or the caption (the search box).
    pub words: String,
    pub model: Option<String>,
    /// A provider key: a saved provider's id, else the preset's id ([`provider_key`]).
    pub provider: Option<String>,
    pub size: Option<ImageSize>,
    /// The ratio asked (`auto` for none).
    pub ratio: Option<String>,
    /// First and last local day, `YYYY-MM-DD`, both included.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Made with reference images.
    pub references: bool,
    /// Region edits and expansions.
    pub region: bool,
    pub favourites: bool,
    /// A collection's id.
    pub collection: Option<String>,
}

/// What a filter looks at in one result.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts<'a> {
    pub prompt: &'a str,
    pub caption: &'a str,
    pub model: &'a str,
    pub provider: &'a str,
    pub size: Option<ImageSize>,
    pub ratio: &'a str,
    /// Its local day, `YYYY-MM-DD` ([`local_day`]).
    pub day: &'a str,
    pub references: bool,
    pub region: bool,
    pub favourite: bool,
    pub collections: &'a [String],
}

/// The ratio a filter and its menu name for "no ratio asked".
pub const AUTO: &str = "auto";

/// The provider a result is filed under: its saved provider's id, else its preset's.
pub fn provider_key(settings: &super::Settings) -> String {
    if settings.provider_id.is_empty() {
        settings.preset.id().to_string()
    } else {
        settings.provider_id.clone()
    }
}

impl Filter {
    /// True when it lets every result through.
    pub fn is_empty(&self) -> bool {
        self.words.trim().is_empty() && !self.narrows()
    }

    /// True when a field besides the words is set.
    pub fn narrows(&self) -> bool {
        self.model.is_some()
            || self.provider.is_some()
            || self.size.is_some()
            || self.ratio.is_some()
            || self.from.is_some()
            || self.to.is_some()
            || self.references
            || self.region
            || self.favourites
            || self.collection.is_some()
    }

    /// Whether a result with these facts passes.
    pub fn matches(&self, f: &Facts) -> bool {
        let ratio = if f.ratio.is_empty() { AUTO } else { f.ratio };
        matches_words(f.prompt, f.caption, &self.words)
            && self.model.as_deref().is_none_or(|m| m == f.model)
            && self.provider.as_deref().is_none_or(|p| p == f.provider)
            && self.size.is_none_or(|s| Some(s) == f.size)
            && self.ratio.as_deref().is_none_or(|r| r == ratio)
            && self.from.as_deref().is_none_or(|d| f.day >= d)
            && self.to.as_deref().is_none_or(|d| f.day <= d)
            && (!self.references || f.references)
            && (!self.region || f.region)
            && (!self.favourites || f.favourite)
            && self
                .collection
                .as_deref()
                .is_none_or(|c| f.collections.iter().any(|x| x == c))
    }

    /// Whether the filter looks at the day (so a caller need not work it out otherwise).
    pub fn uses_day(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// False only when an entry stored as `json` ([`super::HistoryEntry::to_json`]) cannot pass: a
    /// quick test on its text before it is parsed (a long history is mostly skipped this way).
    pub fn may_match_json(&self, json: &str) -> bool {
        self.json_test()(json)
    }

    /// [`Filter::may_match_json`] with what it looks for worked out once, for a whole history.
    pub fn json_test(&self) -> impl Fn(&str) -> bool + '_ {
        let quoted = |v: &Option<String>| {
            v.as_deref()
                .map(|v| serde_json::to_string(v).unwrap_or_default())
        };
        let mut needles: Vec<String> = [quoted(&self.model), quoted(&self.collection)]
            .into_iter()
            .flatten()
            .collect();
        for (on, needle) in [
            (self.favourites, "\"favourite\":true"),
            (self.references, "\"references\":[{"),
            (self.region, "\"region\":{"),
        ] {
            if on {
                needles.push(needle.to_string());
            }
        }
        move |json: &str| {
            needles.iter().all(|n| json.contains(n.as_str()))
                && super::history::may_match(json, &self.words)
        }
    }

    /// The filter as a URL hash (without `#`; empty for none): `q=red+hat&model=…&fav=1`.
    pub fn to_hash(&self) -> String {
        let mut parts = Vec::new();
        let mut put = |name: &str, value: &str| {
            parts.push(format!("{name}={}", encode(value)));
        };
        if !self.words.trim().is_empty() {
            put("q", self.words.trim());
        }
        for (name, value) in [
            ("model", &self.model),
            ("provider", &self.provider),
            ("ratio", &self.ratio),
            ("from", &self.from),
            ("to", &self.to),
            ("in", &self.collection),
        ] {
            if let Some(v) = value {
                put(name, v);
            }
        }
        if let Some(s) = self.size {
            put("size", s.native());
        }
        for (name, on) in [
            ("refs", self.references),
            ("region", self.region),
            ("fav", self.favourites),
        ] {
            if on {
                put(name, "1");
            }
        }
        parts.join("&")
    }

    /// Reads [`Filter::to_hash`]'s form (with or without `#`); unknown or unreadable parts are left
    /// out, so an old or edited bookmark still opens.
    pub fn from_hash(hash: &str) -> Filter {
        let mut filter = Filter::default();
        for part in hash.trim_start_matches('#').split('&') {
            let Some((name, value)) = part.split_once('=') else {
                continue;
            };
            let value = decode(value);
            let text = || (!value.is_empty()).then(|| value.clone());
            match name {
                "q" => filter.words = value.clone(),
                "model" => filter.model = text(),
                "provider" => filter.provider = text(),
                "ratio" => filter.ratio = text(),
                "from" if is_day(&value) => filter.from = text(),
                "to" if is_day(&value) => filter.to = text(),
                "in" => filter.collection = text(),
                "size" => filter.size = ImageSize::parse(&value),
                "refs" => filter.references = value == "1",
                "region" => filter.region = value == "1",
                "fav" => filter.favourites = value == "1",
                _ => {}
            }
        }
        filter
    }
}

/// `YYYY-MM-DD`.
fn is_day(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn encode(s: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b':')
        .remove(b'/');
    utf8_percent_encode(s, KEEP).to_string()
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The local day (`YYYY-MM-DD`) of Unix milliseconds `ms` where the clock is `offset_minutes` ahead
/// of UTC (the negative of JavaScript's `getTimezoneOffset()`).
pub fn local_day(ms: f64, offset_minutes: i32) -> String {
    let days = ((ms / 60_000.0).floor() as i64 + i64::from(offset_minutes)).div_euclid(1440);
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Year, month, day of a count of days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests;
