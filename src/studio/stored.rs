//! How a result's references and editing conversation are kept with its history entry: the JSON holds
//! text, flags and signatures verbatim, and each image by a content key into a store of parts, so a
//! reference used by a whole batch, or an image carried through a long edit, is stored once.

use super::made;
use crate::protocol::{Part, PartData, Reference, Role, Turn};
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The key of some image bytes in the parts store: a 128-bit content hash and the length.
pub fn part_key(bytes: &[u8]) -> String {
    format!(
        "{:032x}-{}",
        xxhash_rust::xxh3::xxh3_128(bytes),
        bytes.len()
    )
}

/// A reference image of a result, by name and content key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredRef {
    pub name: String,
    pub mime: String,
    pub key: String,
}

/// One turn of a stored conversation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredTurn {
    /// `user` or `model`.
    pub role: String,
    pub parts: Vec<StoredPart>,
}

/// One part, with the flags the model needs back verbatim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredPart {
    #[serde(flatten)]
    pub data: StoredData,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub thought: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thought_signature: Option<String>,
}

/// What a part holds; images by key (`None`: the entry's own image, which is stored with it anyway).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum StoredData {
    Text { text: String },
    Inline { mime: String, key: Option<String> },
    File { mime: Option<String>, uri: String },
}

/// Image bytes to write to the parts store, by key.
pub type NewParts = Vec<(String, Bytes)>;

/// The stored form of `references`, and the parts to write.
pub fn store_references(references: &[Reference]) -> (Vec<StoredRef>, NewParts) {
    let mut parts = NewParts::new();
    let stored = references
        .iter()
        .map(|r| {
            let key = part_key(&r.bytes);
            push_unique(&mut parts, &key, &r.bytes);
            StoredRef {
                name: r.name.clone(),
                mime: r.mime().to_string(),
                key,
            }
        })
        .collect();
    (stored, parts)
}

/// The stored form of a conversation whose last answer made the image `own`, and the parts to write
/// (every image but `own` and those in `known`, each once). Parts sharing memory with one in `known`
/// (the references of the same request) take its key without being hashed again.
pub fn store_turns(turns: &[Turn], own: &[u8], known: &NewParts) -> (Vec<StoredTurn>, NewParts) {
    let mut parts = NewParts::new();
    let known_key = |data: &Bytes| {
        known
            .iter()
            .find(|(_, b)| b.as_ptr() == data.as_ptr() && b.len() == data.len())
            .map(|(k, _)| k.clone())
    };
    let stored = turns
        .iter()
        .map(|t| StoredTurn {
            role: match t.role {
                Role::User => "user",
                Role::Model => "model",
            }
            .to_string(),
            parts: t
                .parts
                .iter()
                .map(|p| StoredPart {
                    data: match &p.data {
                        PartData::Text(text) => StoredData::Text { text: text.clone() },
                        PartData::Inline { mime_type, data } => StoredData::Inline {
                            mime: mime_type.clone(),
                            key: (!same(data, own)).then(|| {
                                known_key(data).unwrap_or_else(|| {
                                    let key = part_key(data);
                                    push_unique(&mut parts, &key, data);
                                    key
                                })
                            }),
                        },
                        PartData::File { mime_type, uri } => StoredData::File {
                            mime: mime_type.clone(),
                            uri: uri.clone(),
                        },
                    },
                    thought: p.thought,
                    thought_signature: p.thought_signature.clone(),
                })
                .collect(),
        })
        .collect();
    (stored, parts)
}

/// Whether `data` is the image `own`: usually the very same buffer, compared without reading it; or
/// `own` is `data` with what made it written in (`made`), as every result is saved.
fn same(data: &Bytes, own: &[u8]) -> bool {
    if data.len() == own.len() {
        return data.as_ptr() == own.as_ptr() || data.as_ref() == own;
    }
    own.len() > data.len() && made::is_original_of(own, data)
}

/// What a region edit keeps beside its composite, by key into the parts store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredRegion {
    /// The model's answer as it came.
    pub raw: StoredRef,
    /// The image the region was painted on.
    pub original: StoredRef,
    /// The region as a PNG mask (white inside), when it could be made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask: Option<StoredRef>,
    /// The answer's size, when it was another shape than the original and was kept as it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub misfit: Option<(u32, u32)>,
    /// True for an expansion (its "original" is then the canvas that was sent).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub expand: bool,
    /// How its answers were put back (entries saved before it was kept have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<crate::studio::region::RegionPlan>,
}

impl StoredRegion {
    /// The parts it uses.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        [Some(&self.raw), Some(&self.original), self.mask.as_ref()]
            .into_iter()
            .flatten()
            .map(|r| r.key.as_str())
    }
}

/// The stored form of a region edit's images: the raw answer, the original (named `name`) and the
/// mask PNG when there is one, with whether it is an expansion and how it was put back; and the parts
/// to write.
pub fn store_region(
    raw: &Bytes,
    (name, original): (&str, &Bytes),
    mask: Option<&Bytes>,
    (misfit, expand, plan): (
        Option<(u32, u32)>,
        bool,
        Option<crate::studio::region::RegionPlan>,
    ),
) -> (StoredRegion, NewParts) {
    let mut parts = NewParts::new();
    let mut one = |name: &str, bytes: &Bytes| {
        let key = part_key(bytes);
        push_unique(&mut parts, &key, bytes);
        StoredRef {
            name: name.to_string(),
            mime: crate::protocol::image::sniff(bytes)
                .map_or("image/png", |k| k.mime())
                .to_string(),
            key,
        }
    };
    let region = StoredRegion {
        raw: one("raw", raw),
        original: one(name, original),
        mask: mask.map(|m| one("mask.png", m)),
        misfit,
        expand,
        plan,
    };
    (region, parts)
}

fn push_unique(parts: &mut NewParts, key: &str, bytes: &Bytes) {
    if !parts.iter().any(|(k, _)| k == key) {
        parts.push((key.to_string(), bytes.clone()));
    }
}

/// Every part key a stored conversation and its references use.
pub fn keys<'a>(refs: &'a [StoredRef], turns: &'a [StoredTurn]) -> impl Iterator<Item = &'a str> {
    refs.iter()
        .map(|r| r.key.as_str())
        .chain(
            turns
                .iter()
                .flat_map(|t| &t.parts)
                .filter_map(|p| match &p.data {
                    StoredData::Inline { key: Some(k), .. } => Some(k.as_str()),
                    _ => None,
                }),
        )
}

/// Rebuilds the conversation from its stored form, the parts read back and the entry's own image;
/// `None` when a part is missing (then the conversation cannot be continued faithfully).
pub fn restore_turns(
    stored: &[StoredTurn],
    parts: &HashMap<String, Bytes>,
    own: &Bytes,
) -> Option<Vec<Turn>> {
    stored
        .iter()
        .map(|t| {
            Some(Turn {
                role: match t.role.as_str() {
                    "user" => Role::User,
                    "model" => Role::Model,
                    _ => return None,
                },
                parts: t
                    .parts
                    .iter()
                    .map(|p| {
                        Some(Part {
                            data: match &p.data {
                                StoredData::Text { text } => PartData::Text(text.clone()),
                                StoredData::Inline { mime, key } => PartData::Inline {
                                    mime_type: mime.clone(),
                                    data: match key {
                                        Some(k) => parts.get(k)?.clone(),
                                        // The model's image as it was sent, without what the
                                        // studio wrote into the saved file.
                                        None => made::strip(own)
                                            .map_or_else(|| own.clone(), Bytes::from),
                                    },
                                },
                                StoredData::File { mime, uri } => PartData::File {
                                    mime_type: mime.clone(),
                                    uri: uri.clone(),
                                },
                            },
                            thought: p.thought,
                            thought_signature: p.thought_signature.clone(),
                        })
                    })
                    .collect::<Option<Vec<_>>>()?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conversation(own: &Bytes, reference: &Bytes) -> Vec<Turn> {
        let r = Reference::new("cat.png", reference.clone());
        let mut answer = Part::inline("image/png", own.clone());
        answer.thought_signature = Some("c2lnbmF0dXJl/+==".into());
        let mut draft = Part::inline("image/png", Bytes::from_static(b"draft"));
        draft.thought = true;
        vec![
            Turn::user("make it yellow", &[r.clone(), r]),
            Turn {
                role: Role::Model,
                parts: vec![
                    draft,
                    Part::text("Here it is"),
                    answer,
                    Part {
                        data: PartData::File {
                            mime_type: None,
                            uri: "https://x/y.png".into(),
                        },
                        thought: false,
                        thought_signature: None,
                    },
                ],
            },
        ]
    }

    #[test]
    fn a_conversation_round_trips_through_json_with_each_image_once() {
        let own = Bytes::from_static(b"\x89PNG own image");
        let reference = Bytes::from_static(b"\x89PNG reference");
        let turns = conversation(&own, &reference);
        let (stored, parts) = store_turns(&turns, &own, &Vec::new());
        // The reference is used twice and stored once; the entry's own image is not stored again.
        let keys: Vec<&str> = parts.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, [part_key(&reference), part_key(b"draft")]);
        // Given as known (the request's references), it is neither hashed nor written again.
        let (_, known) = store_references(&[Reference::new("cat.png", reference.clone())]);
        let (again, rest) = store_turns(&turns, &own, &known);
        assert_eq!(again, stored);
        assert_eq!(rest.len(), 1);
        let json = serde_json::to_string(&stored).unwrap();
        assert!(json.contains("c2lnbmF0dXJl/+=="));
        let back: Vec<StoredTurn> = serde_json::from_str(&json).unwrap();
        let map: HashMap<String, Bytes> = parts.into_iter().collect();
        assert_eq!(restore_turns(&back, &map, &own), Some(turns));
    }

    #[test]
    fn the_saved_image_carrying_its_prompt_is_still_the_models_own() {
        use crate::protocol::b64;
        use crate::studio::made::{embed, Made};
        // The model's image as it came, and as the history saves it (with what made it written in).
        let raw = Bytes::from(b64::decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==").unwrap());
        let saved = Bytes::from(embed(&raw, &Made::new("p", &Default::default(), vec![])).unwrap());
        let turns = conversation(&raw, &Bytes::from_static(b"\x89PNG reference"));
        let (stored, parts) = store_turns(&turns, &saved, &Vec::new());
        assert!(
            !parts.iter().any(|(_, b)| *b == raw),
            "not stored a second time"
        );
        let map: HashMap<String, Bytes> = parts.into_iter().collect();
        // Read back, the model gets its image unchanged.
        assert_eq!(restore_turns(&stored, &map, &saved), Some(turns));
    }

    #[test]
    fn a_missing_part_means_no_conversation() {
        let own = Bytes::from_static(b"own");
        let (stored, _) = store_turns(
            &conversation(&own, &Bytes::from_static(b"r")),
            &own,
            &Vec::new(),
        );
        assert_eq!(restore_turns(&stored, &HashMap::new(), &own), None);
    }

    #[test]
    fn references_are_keyed_by_content() {
        let a = Reference::new("a.png", Bytes::from_static(b"\x89PNG\r\n\x1a\n same"));
        let b = Reference::new("b.png", Bytes::from_static(b"\x89PNG\r\n\x1a\n same"));
        let (refs, parts) = store_references(&[a, b]);
        assert_eq!(refs[0].key, refs[1].key);
        assert_eq!(refs[1].name, "b.png");
        assert_eq!(parts.len(), 1);
        assert_ne!(part_key(b"x"), part_key(b"y"));
        assert!(part_key(b"abc").ends_with("-3"));
        assert_eq!(keys(&refs, &[]).count(), 2);
    }
}
