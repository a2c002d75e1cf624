//! Parses chat-completion answers: a whole `chat.completion`, or the chunks of a stream
//! (`chat.completion.chunk`, `delta` in place of `message`). Field names in snake_case or camelCase,
//! `content` as a string or as parts, image URLs as strings or `{ "url": … }`, data URIs or links.

use crate::protocol::b64;
use crate::protocol::error::{Error, Result};
use crate::protocol::http_error::from_embedded;
use crate::protocol::native::parse::json_error;
use crate::protocol::native::scan::Scanned;
use crate::protocol::provider::ApiKey;
use crate::protocol::request::{Part, Role, Turn};
use crate::protocol::response::{
    checked_image, FinishReason, Generation, ModalityTokens, RemoteImage, Usage,
};
use crate::protocol::text_images::take_from_text;
use bytes::Bytes;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

/// Parses a whole (non-streamed) answer.
pub fn parse(body: &[u8], key: &ApiKey) -> Result<Generation> {
    let mut acc = Accumulator::default();
    acc.push(body, key)?;
    acc.finish().map_err(|e| e.redacted(key))
}

/// Parses an answer read with [`Scanner::with_data_uris`](crate::protocol::native::Scanner::with_data_uris):
/// the skeleton, its images already decoded.
pub fn parse_scanned(mut scanned: Scanned, key: &ApiKey) -> Result<Generation> {
    let skeleton = std::mem::take(&mut scanned.skeleton);
    let mut acc = Accumulator {
        scanned,
        ..Accumulator::default()
    };
    acc.push(&skeleton, key)?;
    acc.finish().map_err(|e| e.redacted(key))
}

/// Collects the events of a streamed answer (each a JSON chunk; `[DONE]` ends it) into one
/// [`Generation`]. A plain answer is a stream of one chunk.
#[derive(Default)]
pub struct Accumulator {
    gen: Generation,
    chunks: usize,
    scanned: Scanned,
    /// The relay's own finish reason (OpenRouter's `native_finish_reason`), preferred when given.
    native_finish: Option<String>,
}

impl Accumulator {
    /// Images and text received so far, for a live preview.
    pub fn so_far(&self) -> &Generation {
        &self.gen
    }

    /// Adds one event's data (a whole JSON document; `[DONE]` is taken and ignored).
    pub fn push(&mut self, chunk: &[u8], key: &ApiKey) -> Result<()> {
        if chunk.trim_ascii() == b"[DONE]" {
            return Ok(());
        }
        self.push_inner(chunk, key).map_err(|e| e.redacted(key))
    }

    fn push_inner(&mut self, chunk: &[u8], key: &ApiKey) -> Result<()> {
        let wire: WireResponse =
            serde_json::from_slice(chunk).map_err(|e| json_error(&e, chunk, key))?;
        self.chunks += 1;
        if let Some(error) = wire.error.filter(|e| !e.is_null()) {
            let embedded = from_embedded(&serde_json::json!({ "error": error }), key);
            return Err(embedded.unwrap_or(Error::Malformed {
                detail: "the answer carried an error without a message".to_string(),
            }));
        }
        if let Some(usage) = wire.usage {
            self.gen.usage = Some(usage.into());
        }
        if let Some(model) = wire.model.filter(|m| !m.is_empty()) {
            self.gen.model_version = Some(model);
        }
        // Image models answer with one choice; a second one would be a repeat of the request.
        let Some(choice) = wire.choices.into_iter().next() else {
            return Ok(());
        };
        if let Some(reason) = choice.finish_reason.filter(|r| !r.is_empty()) {
            self.gen.finish_reason = Some(finish_reason(&reason));
        }
        if let Some(reason) = choice.native_finish_reason.filter(|r| !r.is_empty()) {
            self.native_finish = Some(reason);
        }
        let Some(message) = choice.message.or(choice.delta) else {
            return Ok(());
        };
        match message.content {
            Some(Content::Text(text)) => self.gen.text.push_str(&text),
            Some(Content::Parts(parts)) => {
                for part in parts {
                    if let Some(text) = part.text {
                        self.gen.text.push_str(&text);
                    }
                    if let Some(url) = part.image_url {
                        self.push_url(url.0)?;
                    }
                }
            }
            None => {}
        }
        if let Some(reasoning) = message.reasoning {
            self.gen.thoughts.push_str(&reasoning);
        }
        for image in message.images {
            if let Some(url) = image.image_url.or(image.url) {
                self.push_url(url.0)?;
            }
        }
        Ok(())
    }

    /// A data URI becomes an image (its bytes checked), a link a hosted image to download.
    fn push_url(&mut self, url: String) -> Result<()> {
        let url = url.trim();
        if let Some((declared, payload)) = split_data_uri(url) {
            let bytes = match self.scanned.take(payload) {
                Some(decoded) => decoded,
                None => b64::decode(payload),
            }
            .ok_or(Error::InvalidBase64)?;
            self.gen
                .images
                .push(checked_image(Bytes::from(bytes), declared)?);
        } else if url.starts_with("https://") || url.starts_with("http://") {
            self.gen.remote.push(RemoteImage {
                url: url.to_string(),
                expires_at: None,
            });
        } else {
            return Err(Error::Malformed {
                detail: format!(
                    "an image came as \"{}\", neither a data URI nor a link",
                    crate::protocol::error::excerpt(url, 40)
                ),
            });
        }
        Ok(())
    }

    /// Ends the answer: finds images in the text when none came apart, keeps the turn for editing,
    /// and explains a finish without an image.
    pub fn finish(mut self) -> Result<Generation> {
        if self.chunks == 0 {
            return Err(Error::Malformed {
                detail: "the answer held no data".to_string(),
            });
        }
        if let Some(native) = self.native_finish.take() {
            self.gen.finish_reason = Some(FinishReason::from_wire(&native));
        }
        take_from_text(&mut self.gen)?;
        // The model's turn, to send back as the assistant message when editing goes on.
        let mut parts = Vec::with_capacity(self.gen.images.len() + 1);
        if !self.gen.text.trim().is_empty() {
            parts.push(Part::text(self.gen.text.clone()));
        }
        parts.extend(
            self.gen
                .images
                .iter()
                .map(|i| Part::inline(i.kind.mime(), i.bytes.clone())),
        );
        if self.gen.remote.is_empty() {
            self.gen.turn = Some(Turn {
                role: Role::Model,
                parts,
            });
        }
        Ok(self.gen)
    }
}

/// `data:<type>[;…];base64,<payload>` → the declared type and the payload.
fn split_data_uri(url: &str) -> Option<(&str, &str)> {
    let rest = url
        .get(..5)
        .filter(|p| p.eq_ignore_ascii_case("data:"))
        .map(|_| &url[5..])?;
    let (head, payload) = rest.split_once(',')?;
    let mime = head.strip_suffix(";base64")?;
    Some((mime.split(';').next().unwrap_or(""), payload))
}

/// OpenAI's finish reasons, in the studio's (Gemini's) terms where one matches.
fn finish_reason(reason: &str) -> FinishReason {
    match reason {
        "stop" => FinishReason::Stop,
        "length" => FinishReason::MaxTokens,
        "content_filter" => FinishReason::Safety,
        other => FinishReason::from_wire(other),
    }
}

#[derive(Deserialize)]
struct WireResponse {
    #[serde(default, deserialize_with = "list")]
    choices: Vec<WireChoice>,
    #[serde(default, deserialize_with = "lenient")]
    usage: Option<WireUsage>,
    #[serde(default)]
    error: Option<Value>,
    #[serde(default, deserialize_with = "lenient")]
    model: Option<String>,
}

#[derive(Deserialize)]
struct WireChoice {
    #[serde(default)]
    message: Option<WireMessage>,
    #[serde(default)]
    delta: Option<WireMessage>,
    #[serde(default, alias = "finishReason", deserialize_with = "lenient")]
    finish_reason: Option<String>,
    #[serde(default, alias = "nativeFinishReason", deserialize_with = "lenient")]
    native_finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct WireMessage {
    #[serde(default)]
    content: Option<Content>,
    #[serde(default, deserialize_with = "lenient")]
    reasoning: Option<String>,
    #[serde(default, deserialize_with = "list")]
    images: Vec<WireImage>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Content {
    Text(String),
    Parts(Vec<WirePart>),
}

#[derive(Deserialize)]
struct WirePart {
    #[serde(default, deserialize_with = "lenient")]
    text: Option<String>,
    #[serde(default, alias = "imageUrl")]
    image_url: Option<Url>,
}

#[derive(Deserialize)]
struct WireImage {
    #[serde(default, alias = "imageUrl")]
    image_url: Option<Url>,
    #[serde(default)]
    url: Option<Url>,
}

/// An image URL given as a string or as `{ "url": "…" }`.
struct Url(String);

impl<'de> Deserialize<'de> for Url {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Url, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Url;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a URL or an object with a url")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> std::result::Result<Url, E> {
                Ok(Url(s.to_string()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> std::result::Result<Url, E> {
                Ok(Url(s))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Url, A::Error> {
                let mut url = None;
                while let Some(k) = map.next_key::<String>()? {
                    if k == "url" && url.is_none() {
                        url = Some(map.next_value::<String>()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                url.map(Url).ok_or_else(|| de::Error::missing_field("url"))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
struct WireUsage {
    #[serde(default, alias = "promptTokens")]
    prompt_tokens: Option<u64>,
    #[serde(default, alias = "completionTokens")]
    completion_tokens: Option<u64>,
    #[serde(default, alias = "totalTokens")]
    total_tokens: Option<u64>,
    #[serde(
        default,
        alias = "completionTokensDetails",
        deserialize_with = "lenient"
    )]
    completion_tokens_details: Option<WireTokenDetails>,
}

#[derive(Deserialize)]
struct WireTokenDetails {
    #[serde(default, alias = "imageTokens")]
    image_tokens: Option<u64>,
}

impl From<WireUsage> for Usage {
    fn from(u: WireUsage) -> Usage {
        Usage {
            prompt_token_count: u.prompt_tokens,
            candidates_token_count: u.completion_tokens,
            thoughts_token_count: None,
            total_token_count: u.total_tokens,
            candidates_tokens_details: u
                .completion_tokens_details
                .and_then(|d| d.image_tokens)
                .map(|n| ModalityTokens {
                    modality: "IMAGE".to_string(),
                    token_count: n,
                })
                .into_iter()
                .collect(),
        }
    }
}

/// A list that may be written out as `null` (gateways that print every field).
fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> std::result::Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A field of the wrong shape is read as absent rather than failing the whole answer.
fn lenient<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> std::result::Result<Option<T>, D::Error> {
    let v = Value::deserialize(d)?;
    Ok(T::deserialize(v).ok())
}
