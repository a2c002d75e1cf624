//! Parses Gemini native answers (camelCase or snake_case), whole or as a stream of chunks.

use crate::protocol::b64;
use crate::protocol::error::{Error, Result};
use crate::protocol::http_error::{describe_body, from_embedded};
use crate::protocol::provider::ApiKey;
use crate::protocol::request::{Part, PartData, Role, Turn};
use crate::protocol::response::{
    checked_image, FinishReason, Generation, Grounding, RemoteImage, Source, Usage,
};
use crate::protocol::text_images::take_from_text;
use bytes::Bytes;
use serde::de::{DeserializeOwned, Deserializer};
use serde::Deserialize;
use serde_json::Value;
use std::borrow::Cow;

/// Parses a whole (non-streamed) `generateContent` answer.
pub fn parse(body: &[u8], key: &ApiKey) -> Result<Generation> {
    let mut acc = Accumulator::default();
    acc.push(body, key)?;
    acc.finish().map_err(|e| e.redacted(key))
}

/// Parses an answer read with a [`Scanner`](super::scan::Scanner): the skeleton, with its images
/// already decoded.
pub fn parse_scanned(mut scanned: super::scan::Scanned, key: &ApiKey) -> Result<Generation> {
    let skeleton = std::mem::take(&mut scanned.skeleton);
    let mut acc = Accumulator {
        scanned,
        ..Accumulator::default()
    };
    acc.push(&skeleton, key)?;
    acc.finish().map_err(|e| e.redacted(key))
}

/// Collects the chunks of a streamed answer (each one a whole `GenerateContentResponse`) into one
/// [`Generation`]. A plain answer is a stream of one chunk.
#[derive(Default)]
pub struct Accumulator {
    gen: Generation,
    parts: Vec<Part>,
    chunks: usize,
    /// Images decoded while the answer arrived, for the placeholders in it.
    scanned: super::scan::Scanned,
}

impl Accumulator {
    /// Images and text received so far, for a live preview.
    pub fn so_far(&self) -> &Generation {
        &self.gen
    }

    /// Adds one chunk (a whole JSON document).
    pub fn push(&mut self, chunk: &[u8], key: &ApiKey) -> Result<()> {
        self.push_inner(chunk, key).map_err(|e| e.redacted(key))
    }

    fn push_inner(&mut self, chunk: &[u8], key: &ApiKey) -> Result<()> {
        let wire: WireResponse =
            serde_json::from_slice(chunk).map_err(|e| json_error(&e, chunk, key))?;
        self.chunks += 1;
        let candidates = wire.candidates.unwrap_or_default();
        if candidates.is_empty() {
            if let Some(err) = wire
                .error
                .as_ref()
                .and_then(|e| from_embedded(&serde_json::json!({ "error": e }), key))
            {
                return Err(err);
            }
        }
        if let Some(reason) = wire
            .prompt_feedback
            .as_ref()
            .and_then(|f| f.block_reason.as_deref())
            .filter(|r| !r.is_empty() && *r != "BLOCK_REASON_UNSPECIFIED")
        {
            let detail = wire
                .prompt_feedback
                .as_ref()
                .and_then(|f| f.block_reason_message.as_deref())
                .map_or(String::new(), |m| format!(": {m}"));
            return Err(Error::Blocked {
                reason: format!("{reason}{detail}"),
            });
        }
        if let Some(u) = wire.usage_metadata {
            self.gen.usage = Some(u);
        }
        if let Some(v) = wire.model_version {
            self.gen.model_version = Some(v);
        }
        // Image models answer with one candidate; a second one would be a repeat of the request.
        if let Some(cand) = candidates.into_iter().next() {
            if let Some(f) = cand.finish_reason {
                self.gen.finish_reason = Some(FinishReason::from_wire(&f));
            }
            if let Some(g) = cand.grounding_metadata {
                merge_grounding(&mut self.gen.grounding, g);
            }
            for part in cand.content.and_then(|c| c.parts).unwrap_or_default() {
                self.push_part(part)?;
            }
        }
        Ok(())
    }

    fn push_part(&mut self, part: WirePart<'_>) -> Result<()> {
        let thought = part.thought.unwrap_or(false);
        let signature = part.thought_signature.filter(|s| !s.is_empty());
        if let Some(blob) = part.inline_data {
            let bytes = match self.scanned.take(&blob.data) {
                Some(decoded) => decoded,
                None => b64::decode(&blob.data),
            }
            .ok_or(Error::InvalidBase64)?;
            let declared = blob.mime_type.unwrap_or_default();
            let image = checked_image(Bytes::from(bytes), &declared)?;
            let (kind, bytes) = (image.kind, image.bytes.clone());
            if thought {
                self.gen.drafts.push(image);
            } else {
                self.gen.images.push(image);
            }
            self.parts.push(Part {
                data: PartData::Inline {
                    mime_type: if declared.is_empty() {
                        kind.mime().to_string()
                    } else {
                        declared
                    },
                    data: bytes,
                },
                thought,
                thought_signature: signature,
            });
        } else if let Some(file) = part.file_data {
            if !thought {
                self.gen.remote.push(RemoteImage {
                    url: file.file_uri.clone(),
                    expires_at: None,
                });
            }
            self.parts.push(Part {
                data: PartData::File {
                    mime_type: file.mime_type,
                    uri: file.file_uri,
                },
                thought,
                thought_signature: signature,
            });
        } else if let Some(text) = part.text {
            if thought {
                self.gen.thoughts.push_str(&text);
            } else {
                self.gen.text.push_str(&text);
            }
            // Streamed text arrives in pieces: join them so the turn sent back stays one part.
            match self.parts.last_mut() {
                Some(Part {
                    data: PartData::Text(prev),
                    thought: t,
                    ..
                }) if *t == thought && signature.is_none() => prev.push_str(&text),
                _ => self.parts.push(Part {
                    data: PartData::Text(text.into_owned()),
                    thought,
                    thought_signature: signature,
                }),
            }
        } else if let Some(sig) = signature {
            // A signature on an otherwise empty part still has to go back.
            self.parts.push(Part {
                data: PartData::Text(String::new()),
                thought,
                thought_signature: Some(sig),
            });
        }
        Ok(())
    }

    /// Ends the answer: finds images in text when there were no inline ones, and explains a
    /// finish without an image.
    pub fn finish(mut self) -> Result<Generation> {
        if self.chunks == 0 {
            return Err(Error::Malformed {
                detail: "the answer held no data".to_string(),
            });
        }
        if !self.parts.is_empty() {
            self.gen.turn = Some(Turn {
                role: Role::Model,
                parts: std::mem::take(&mut self.parts),
            });
        }
        take_from_text(&mut self.gen)?;
        Ok(self.gen)
    }
}

/// Maps a serde error to "cut off" (ended early) or "unreadable" (wrong shape or not JSON).
pub(crate) fn json_error(e: &serde_json::Error, body: &[u8], key: &ApiKey) -> Error {
    if e.is_eof() {
        Error::Truncated {
            detail: crate::protocol::Cut::EndedAfter(body.len()),
        }
    } else {
        Error::Malformed {
            detail: describe_body(body, e, key),
        }
    }
}

fn merge_grounding(into: &mut Grounding, g: WireGrounding) {
    into.queries.extend(g.web_search_queries);
    into.queries.extend(g.image_search_queries);
    for chunk in g.grounding_chunks {
        if let Some(s) = chunk.web.or(chunk.image).or(chunk.retrieved_context) {
            if let Some(uri) = s
                .uri
                .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            {
                let title = s.title.unwrap_or_else(|| uri.clone());
                if !into.sources.iter().any(|x| x.uri == uri) {
                    into.sources.push(Source { uri, title });
                }
            }
        }
    }
}

/// Deserializes a field that must never fail the whole answer: anything unexpected becomes `None`.
fn lenient<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    d: D,
) -> std::result::Result<Option<T>, D::Error> {
    let v = Value::deserialize(d)?;
    Ok(T::deserialize(v).ok())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireResponse<'a> {
    #[serde(borrow, default)]
    candidates: Option<Vec<WireCandidate<'a>>>,
    #[serde(default, alias = "prompt_feedback", deserialize_with = "lenient")]
    prompt_feedback: Option<WirePromptFeedback>,
    #[serde(default, alias = "usage_metadata", deserialize_with = "lenient")]
    usage_metadata: Option<Usage>,
    #[serde(default, alias = "model_version", deserialize_with = "lenient")]
    model_version: Option<String>,
    #[serde(default)]
    error: Option<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePromptFeedback {
    #[serde(alias = "block_reason")]
    block_reason: Option<String>,
    #[serde(alias = "block_reason_message")]
    block_reason_message: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireCandidate<'a> {
    #[serde(borrow, default)]
    content: Option<WireContent<'a>>,
    #[serde(default, alias = "finish_reason", deserialize_with = "lenient")]
    finish_reason: Option<String>,
    #[serde(default, alias = "grounding_metadata", deserialize_with = "lenient")]
    grounding_metadata: Option<WireGrounding>,
}

#[derive(Deserialize)]
struct WireContent<'a> {
    #[serde(borrow, default)]
    parts: Option<Vec<WirePart<'a>>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePart<'a> {
    #[serde(borrow, default)]
    text: Option<Cow<'a, str>>,
    #[serde(borrow, default, alias = "inline_data")]
    inline_data: Option<WireBlob<'a>>,
    #[serde(default, alias = "file_data")]
    file_data: Option<WireFileData>,
    #[serde(default, deserialize_with = "lenient")]
    thought: Option<bool>,
    #[serde(default, alias = "thought_signature", deserialize_with = "lenient")]
    thought_signature: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireBlob<'a> {
    #[serde(default, alias = "mime_type")]
    mime_type: Option<String>,
    #[serde(borrow)]
    data: Cow<'a, str>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireFileData {
    #[serde(default, alias = "mime_type")]
    mime_type: Option<String>,
    #[serde(alias = "file_uri")]
    file_uri: String,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct WireGrounding {
    #[serde(default, alias = "web_search_queries")]
    web_search_queries: Vec<String>,
    #[serde(default, alias = "image_search_queries")]
    image_search_queries: Vec<String>,
    #[serde(default, alias = "grounding_chunks")]
    grounding_chunks: Vec<WireChunk>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireChunk {
    web: Option<WireSource>,
    image: Option<WireSource>,
    #[serde(alias = "retrieved_context")]
    retrieved_context: Option<WireSource>,
}

#[derive(Deserialize)]
struct WireSource {
    uri: Option<String>,
    title: Option<String>,
}
