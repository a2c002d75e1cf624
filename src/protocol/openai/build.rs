//! Builds chat-completion requests: the prompt and references as one user message (text, then each
//! reference as an `image_url` data URI), earlier turns of an editing conversation before it.

use crate::protocol::b64::DataUri;
use crate::protocol::error::{Error, Result};
use crate::protocol::http::{authorized, json_body, HttpRequest, Method};
use crate::protocol::provider::{ApiKey, Provider};
use crate::protocol::request::{GenerationRequest, Modalities, Part, PartData, Role, Turn};
use crate::protocol::validate::validate;
use bytes::Bytes;
use serde::Serialize;

/// The chat-completions path (after the base URL without its `/v1`).
pub const PATH: &str = "/v1/chat/completions";
/// The image models' list (`GET`; OpenRouter filters by output), which "Test connection" asks for.
pub const MODELS_PATH: &str = "/v1/models?output_modalities=image";

/// Validates `req` and builds one request per wanted image (the image models answer with one image),
/// all sharing one body; `stream` asks for server-sent events.
pub fn build(
    provider: &Provider,
    key: &ApiKey,
    req: &GenerationRequest,
    stream: bool,
) -> Result<Vec<HttpRequest>> {
    let caps = validate(provider, req)?;
    let body = body(req, stream)?;
    if body.len() > caps.max_request_bytes {
        return Err(Error::RequestTooLarge {
            size: body.len(),
            max: caps.max_request_bytes,
        });
    }
    let one = authorized(provider, key, Method::Post, PATH, Some(body))?;
    Ok(vec![one; usize::from(req.count.max(1))])
}

/// The model-list request.
pub fn models(provider: &Provider, key: &ApiKey) -> Result<HttpRequest> {
    authorized(provider, key, Method::Get, MODELS_PATH, None)
}

/// The JSON body for `req` (no validation; see [`build`]).
pub fn body(req: &GenerationRequest, stream: bool) -> Result<Bytes> {
    let user = Turn::user(&req.prompt, &req.references);
    let messages = req
        .history
        .iter()
        .chain(std::iter::once(&user))
        .map(message)
        .collect();
    let image_config =
        (req.aspect_ratio.is_some() || req.image_size.is_some()).then(|| WireImageConfig {
            aspect_ratio: req.aspect_ratio.as_deref(),
            image_size: req.image_size.map(|s| s.task()),
        });
    let wire = WireRequest {
        model: req.model.trim(),
        messages,
        modalities: match req.modalities {
            Modalities::TextAndImage => &["image", "text"],
            Modalities::ImageOnly => &["image"],
        },
        image_config,
        stream,
    };
    let refs: usize = req
        .references
        .iter()
        .map(|r| r.bytes.len() / 3 * 4 + 64)
        .sum();
    json_body(&wire, refs + req.prompt.len() + 512)
}

/// One turn as a message: a user turn's text and images as content parts; a model turn's text as its
/// content and its images in `images`, the shape the relay answered with. Thoughts are not sent back.
fn message(turn: &Turn) -> WireMessage<'_> {
    let parts = turn.parts.iter().filter(|p| !p.thought);
    match turn.role {
        Role::User => WireMessage {
            role: "user",
            content: WireContents(parts.filter_map(content).collect()),
            images: Vec::new(),
        },
        Role::Model => {
            let (images, text): (Vec<&Part>, Vec<&Part>) =
                parts.partition(|p| !matches!(p.data, PartData::Text(_)));
            WireMessage {
                role: "assistant",
                content: WireContents(text.into_iter().filter_map(content).collect()),
                images: images
                    .into_iter()
                    .filter_map(|p| url(&p.data))
                    .map(|url| WireImage {
                        kind: "image_url",
                        image_url: WireUrl { url },
                    })
                    .collect(),
            }
        }
    }
}

fn content(part: &Part) -> Option<WireContent<'_>> {
    match &part.data {
        PartData::Text(text) if text.is_empty() => None,
        PartData::Text(text) => Some(WireContent::Text { text }),
        data => url(data).map(|url| WireContent::ImageUrl {
            image_url: WireUrl { url },
        }),
    }
}

fn url(data: &PartData) -> Option<WireUrlValue<'_>> {
    match data {
        PartData::Inline { mime_type, data } => Some(WireUrlValue::Data(DataUri {
            mime: mime_type,
            bytes: data,
        })),
        PartData::File { uri, .. } => Some(WireUrlValue::Link(uri)),
        PartData::Text(_) => None,
    }
}

#[derive(Serialize)]
struct WireRequest<'a> {
    model: &'a str,
    messages: Vec<WireMessage<'a>>,
    modalities: &'static [&'static str],
    #[serde(skip_serializing_if = "Option::is_none")]
    image_config: Option<WireImageConfig<'a>>,
    stream: bool,
}

#[derive(Serialize)]
struct WireMessage<'a> {
    role: &'static str,
    content: WireContents<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    images: Vec<WireImage<'a>>,
}

/// A message's content parts; none is written as `""` (an empty list is refused by stricter relays).
struct WireContents<'a>(Vec<WireContent<'a>>);

impl Serialize for WireContents<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        if self.0.is_empty() {
            s.serialize_str("")
        } else {
            self.0.serialize(s)
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum WireContent<'a> {
    Text { text: &'a str },
    ImageUrl { image_url: WireUrl<'a> },
}

#[derive(Serialize)]
struct WireImage<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    image_url: WireUrl<'a>,
}

#[derive(Serialize)]
struct WireUrl<'a> {
    url: WireUrlValue<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum WireUrlValue<'a> {
    Data(DataUri<'a>),
    Link(&'a str),
}

#[derive(Serialize)]
struct WireImageConfig<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    aspect_ratio: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image_size: Option<&'static str>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::catalogue::ImageSize;
    use crate::protocol::provider::Preset;
    use crate::protocol::request::Reference;
    use serde_json::{json, Value};

    /// The seeds' 1×1 PNG.
    fn png() -> Vec<u8> {
        crate::protocol::b64::decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
        )
        .unwrap()
    }

    fn request() -> GenerationRequest {
        GenerationRequest {
            model: "google/gemini-3.1-flash-image-preview".into(),
            prompt: "a fox".into(),
            references: vec![Reference::new("a.png", png())],
            aspect_ratio: Some("16:9".into()),
            image_size: Some(ImageSize::S512),
            count: 2,
            ..GenerationRequest::default()
        }
    }

    #[test]
    fn builds_the_documented_request() {
        let provider = Preset::OpenRouter.provider();
        let sent = build(&provider, &ApiKey::new("sk-or-1"), &request(), false).unwrap();
        assert_eq!(sent.len(), 2, "one request per image");
        let r = &sent[0];
        assert_eq!(r.url, "https://openrouter.ai/api/v1/chat/completions");
        assert_eq!(r.header("authorization"), Some("Bearer sk-or-1"));
        assert_eq!(r.header("content-type"), Some("application/json"));
        let body: Value = serde_json::from_slice(r.body.as_ref().unwrap()).unwrap();
        let uri = format!(
            "data:image/png;base64,{}",
            crate::protocol::b64::encode(&png())
        );
        assert_eq!(
            body,
            json!({
                "model": "google/gemini-3.1-flash-image-preview",
                "messages": [{"role": "user", "content": [
                    {"type": "text", "text": "a fox"},
                    {"type": "image_url", "image_url": {"url": uri}}
                ]}],
                "modalities": ["image", "text"],
                "image_config": {"aspect_ratio": "16:9", "image_size": "0.5K"},
                "stream": false
            })
        );
        let streamed = build(&provider, &ApiKey::new("k"), &request(), true).unwrap();
        let body: Value = serde_json::from_slice(streamed[0].body.as_ref().unwrap()).unwrap();
        assert_eq!(body["stream"], json!(true));
    }

    #[test]
    fn no_image_config_without_ratio_or_size_and_conversations_go_back() {
        let mut req = request();
        req.aspect_ratio = None;
        req.image_size = None;
        req.references.clear();
        req.history = vec![
            Turn::user("a cat", &[]),
            Turn {
                role: Role::Model,
                parts: vec![
                    Part {
                        thought: true,
                        ..Part::text("thinking")
                    },
                    Part::text("Here it is."),
                    Part::inline("image/png", png()),
                ],
            },
        ];
        let body: Value = serde_json::from_slice(&body(&req, false).unwrap()).unwrap();
        assert!(body.get("image_config").is_none());
        let messages = body["messages"].as_array().unwrap();
        assert_eq!(messages.len(), 3);
        assert_eq!(messages[1]["role"], "assistant");
        assert_eq!(
            messages[1]["content"],
            json!([{"type": "text", "text": "Here it is."}])
        );
        assert_eq!(messages[1]["images"][0]["type"], "image_url");
        assert!(messages[1]["images"][0]["image_url"]["url"]
            .as_str()
            .unwrap()
            .starts_with("data:image/png;base64,"));
        assert_eq!(messages[2]["content"][0]["text"], "a fox");
        // An answer with an image and no text goes back with empty content, not an empty list.
        req.history[1].parts.remove(1);
        let sent: Value = serde_json::from_slice(&super::body(&req, false).unwrap()).unwrap();
        assert_eq!(sent["messages"][1]["content"], json!(""));
        assert_eq!(sent["messages"][1]["images"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn vercel_style_base_urls_get_one_v1() {
        let mut provider = Preset::OpenRouter.provider();
        provider.base_url = "https://ai-gateway.vercel.sh/v1".into();
        let r = models(&provider, &ApiKey::new("k")).unwrap();
        assert_eq!(
            r.url,
            "https://ai-gateway.vercel.sh/v1/models?output_modalities=image"
        );
        assert!(r.body.is_none());
    }
}
