//! Builds Gemini native `generateContent` requests (camelCase, as Google documents them).

use crate::protocol::b64::Base64Str;
use crate::protocol::error::{Error, Result};
use crate::protocol::http::{authorized, encode_component, json_body, HttpRequest, Method};
use crate::protocol::provider::{ApiKey, Provider};
use crate::protocol::request::{GenerationRequest, Modalities, Part, PartData, Turn};
use crate::protocol::validate::validate;
use bytes::Bytes;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// The `generateContent` path for `model` (`stream`: `streamGenerateContent?alt=sse`).
pub fn path(model: &str, stream: bool) -> String {
    let model = encode_component(model.trim());
    if stream {
        format!("/v1beta/models/{model}:streamGenerateContent?alt=sse")
    } else {
        format!("/v1beta/models/{model}:generateContent")
    }
}

/// Validates `req` and builds one request per wanted image (`count` parallel requests sharing
/// one body, since image models reject `candidateCount > 1`).
pub fn build(
    provider: &Provider,
    key: &ApiKey,
    req: &GenerationRequest,
    stream: bool,
) -> Result<Vec<HttpRequest>> {
    let caps = validate(provider, req)?;
    let body = body(req)?;
    if body.len() > caps.max_request_bytes {
        return Err(Error::RequestTooLarge {
            size: body.len(),
            max: caps.max_request_bytes,
        });
    }
    let one = authorized(
        provider,
        key,
        Method::Post,
        &path(&req.model, stream),
        Some(body),
    )?;
    Ok(vec![one; usize::from(req.count.max(1))])
}

/// The JSON body for `req` (no validation; see [`build`]).
pub fn body(req: &GenerationRequest) -> Result<Bytes> {
    let user = Turn::user(&req.prompt, &req.references);
    let contents: Vec<WireContent> = req
        .history
        .iter()
        .chain(std::iter::once(&user))
        .map(|t| WireContent {
            role: t.role.as_str(),
            parts: t.parts.iter().map(WirePart).collect(),
        })
        .collect();
    let system_instruction = req
        .system_instruction
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(|s| WireSystem {
            parts: [WireText { text: s }],
        });
    let image_config =
        (req.aspect_ratio.is_some() || req.image_size.is_some()).then(|| WireImageConfig {
            aspect_ratio: req.aspect_ratio.as_deref(),
            image_size: req.image_size.map(|s| s.native()),
        });
    let thinking_config =
        (req.thinking.is_some() || req.include_thoughts).then(|| WireThinkingConfig {
            thinking_level: req.thinking.map(|l| l.wire()),
            include_thoughts: req.include_thoughts,
        });
    let tools = if req.web_search {
        vec![WireTool {
            google_search: WireSearch {
                search_types: req.image_search.then_some(WireSearchTypes {
                    web_search: Empty {},
                    image_search: Empty {},
                }),
            },
        }]
    } else {
        Vec::new()
    };
    let wire = WireRequest {
        contents,
        system_instruction,
        generation_config: WireGenerationConfig {
            response_modalities: match req.modalities {
                Modalities::TextAndImage => &["TEXT", "IMAGE"],
                Modalities::ImageOnly => &["IMAGE"],
            },
            image_config,
            thinking_config,
            temperature: req.temperature,
        },
        tools,
        safety_settings: req
            .safety
            .iter()
            .map(|s| WireSafety {
                category: &s.category,
                threshold: &s.threshold,
            })
            .collect(),
    };
    json_body(&wire, estimated_len(req))
}

fn estimated_len(req: &GenerationRequest) -> usize {
    let images: usize = req
        .references
        .iter()
        .map(|r| r.bytes.len())
        .chain(
            req.history
                .iter()
                .flat_map(|t| &t.parts)
                .map(|p| match &p.data {
                    PartData::Inline { data, .. } => data.len(),
                    _ => 0,
                }),
        )
        .map(crate::protocol::validate::base64_len)
        .sum();
    images + req.prompt.len() + 1024
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireRequest<'a> {
    contents: Vec<WireContent<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    system_instruction: Option<WireSystem<'a>>,
    generation_config: WireGenerationConfig<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tools: Vec<WireTool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    safety_settings: Vec<WireSafety<'a>>,
}

#[derive(Serialize)]
struct WireContent<'a> {
    role: &'static str,
    parts: Vec<WirePart<'a>>,
}

/// Serializes a [`Part`] exactly as the model expects it back: payload, then `thought`, then
/// `thoughtSignature`.
struct WirePart<'a>(&'a Part);

impl Serialize for WirePart<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let part = self.0;
        let mut map = s.serialize_map(None)?;
        match &part.data {
            PartData::Text(text) => map.serialize_entry("text", text)?,
            PartData::Inline { mime_type, data } => map.serialize_entry(
                "inlineData",
                &WireInline {
                    mime_type,
                    data: Base64Str::new(data),
                },
            )?,
            PartData::File { mime_type, uri } => map.serialize_entry(
                "fileData",
                &WireFile {
                    mime_type: mime_type.as_deref(),
                    file_uri: uri,
                },
            )?,
        }
        if part.thought {
            map.serialize_entry("thought", &true)?;
        }
        if let Some(sig) = &part.thought_signature {
            map.serialize_entry("thoughtSignature", sig)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireInline<'a> {
    mime_type: &'a str,
    data: Base64Str<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireFile<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    mime_type: Option<&'a str>,
    file_uri: &'a str,
}

#[derive(Serialize)]
struct WireSystem<'a> {
    parts: [WireText<'a>; 1],
}

#[derive(Serialize)]
struct WireText<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireGenerationConfig<'a> {
    response_modalities: &'static [&'static str],
    #[serde(skip_serializing_if = "Option::is_none")]
    image_config: Option<WireImageConfig<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thinking_config: Option<WireThinkingConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f32>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireImageConfig<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    aspect_ratio: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image_size: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireThinkingConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    thinking_level: Option<&'static str>,
    include_thoughts: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireTool {
    google_search: WireSearch,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireSearch {
    #[serde(skip_serializing_if = "Option::is_none")]
    search_types: Option<WireSearchTypes>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireSearchTypes {
    web_search: Empty,
    image_search: Empty,
}

#[derive(Serialize)]
struct Empty {}

#[derive(Serialize)]
struct WireSafety<'a> {
    category: &'a str,
    threshold: &'a str,
}
