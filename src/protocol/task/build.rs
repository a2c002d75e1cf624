//! Builds task API requests: `POST /v1/images/generations` and `GET /v1/tasks/{id}?language=en`.

use crate::protocol::b64::DataUri;
use crate::protocol::catalogue::ImageSize;
use crate::protocol::error::{Error, Result};
use crate::protocol::http::{authorized, encode_component, json_body, HttpRequest, Method};
use crate::protocol::provider::{ApiKey, Provider};
use crate::protocol::request::GenerationRequest;
use crate::protocol::validate::validate;
use bytes::Bytes;
use serde::Serialize;

/// Submit path.
pub const SUBMIT_PATH: &str = "/v1/images/generations";

/// Validates `req` and builds the one submit request (`n` images in one task).
pub fn build(provider: &Provider, key: &ApiKey, req: &GenerationRequest) -> Result<HttpRequest> {
    let caps = validate(provider, req)?;
    let body = body(req)?;
    if body.len() > caps.max_request_bytes {
        return Err(Error::RequestTooLarge {
            size: body.len(),
            max: caps.max_request_bytes,
        });
    }
    authorized(provider, key, Method::Post, SUBMIT_PATH, Some(body))
}

/// The poll request for a task id.
pub fn poll(provider: &Provider, key: &ApiKey, task_id: &str) -> Result<HttpRequest> {
    let path = format!("/v1/tasks/{}?language=en", encode_component(task_id));
    authorized(provider, key, Method::Get, &path, None)
}

/// The JSON body for `req` (no validation; see [`build`]).
pub fn body(req: &GenerationRequest) -> Result<Bytes> {
    let wire = WireSubmit {
        model: req.model.trim(),
        prompt: &req.prompt,
        size: req.aspect_ratio.as_deref().unwrap_or("auto"),
        resolution: req.image_size.unwrap_or(ImageSize::K1).task(),
        n: req.count.max(1),
        official_fallback: false,
        image_urls: req
            .references
            .iter()
            .map(|r| DataUri {
                mime: r.mime(),
                bytes: &r.bytes,
            })
            .collect(),
        google_search: req.web_search,
        google_image_search: req.web_search && req.image_search,
    };
    let refs: usize = req
        .references
        .iter()
        .map(|r| r.bytes.len() / 3 * 4 + 32)
        .sum();
    json_body(&wire, refs + req.prompt.len() + 512)
}

#[derive(Serialize)]
struct WireSubmit<'a> {
    model: &'a str,
    prompt: &'a str,
    size: &'a str,
    resolution: &'static str,
    n: u8,
    official_fallback: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image_urls: Vec<DataUri<'a>>,
    google_search: bool,
    google_image_search: bool,
}
