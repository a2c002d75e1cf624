//! Checks a [`GenerationRequest`] against the model's capabilities before anything is sent.

use super::catalogue::{capabilities, Capabilities};
use super::error::{Error, Result};
use super::http::check_base_url;
use super::image::ImageKind;
use super::provider::{Dialect, Provider};
use super::request::{GenerationRequest, PartData, Reference};
use super::terms::{Accepted, Feature, Found, Setting};

/// Room for the JSON around the images (prompt, config, field names).
const JSON_OVERHEAD: usize = 64 * 1024;

/// Base64 length of `n` raw bytes.
pub fn base64_len(n: usize) -> usize {
    n.div_ceil(3) * 4
}

/// Checks one reference (the `index`-th, from 1) against the model's input types and size limit, by
/// its bytes; returns the format it has.
pub fn check_reference(caps: &Capabilities, index: usize, r: &Reference) -> Result<ImageKind> {
    let kind = reference_kind(caps, index, r)?;
    if r.bytes.len() > caps.max_reference_bytes {
        return Err(Error::ReferenceTooLarge {
            index,
            name: r.name.clone(),
            size: r.bytes.len(),
            max: caps.max_reference_bytes,
        });
    }
    Ok(kind)
}

/// The format of one reference (the `index`-th, from 1) if the model takes it, whatever its size (a
/// reference over the limit may still be shrunk).
pub fn reference_kind(caps: &Capabilities, index: usize, r: &Reference) -> Result<ImageKind> {
    if r.bytes.is_empty() {
        return Err(Error::ReferenceEmpty {
            index,
            name: r.name.clone(),
        });
    }
    match r.kind() {
        Some(_) if !super::image::is_complete(&r.bytes) => Err(Error::ReferenceTruncated {
            index,
            name: r.name.clone(),
        }),
        Some(kind) if caps.input_types.contains(&kind.mime()) => Ok(kind),
        found => Err(Error::UnsupportedReference {
            index,
            name: r.name.clone(),
            found: found.map_or(Found::Unrecognised, |k| Found::Format(k.name())),
            accepted: caps.input_types.join(", "),
        }),
    }
}

/// Validates `req` for `provider`; returns the capabilities it was checked against.
pub fn validate(provider: &Provider, req: &GenerationRequest) -> Result<Capabilities> {
    check_base_url(provider.normalized_base())?;
    let model = req.model.trim();
    // The model id goes into the URL's path for the native dialect, into the body for the others
    // (where OpenAI-compatible relays name it `vendor/model:variant`).
    let in_path = provider.dialect == Dialect::Gemini;
    if model.is_empty()
        || model.contains(['?', '#', ' '])
        || (in_path && model.contains(['/', ':']))
        || model.chars().any(char::is_control)
    {
        return Err(Error::MissingModel);
    }
    if req.prompt.trim().is_empty() {
        return Err(Error::EmptyPrompt);
    }
    let caps = capabilities(provider, model);
    let unsupported = |option: Setting, value: String, supported: Accepted| Error::Unsupported {
        model: model.to_string(),
        option,
        value,
        supported,
    };
    let unavailable = |what: Feature| Error::OptionUnavailable {
        model: model.to_string(),
        what,
    };

    if let Some(ratio) = req.aspect_ratio.as_deref() {
        if !caps.aspect_ratios.contains(&ratio) {
            return Err(unsupported(
                Setting::AspectRatio,
                ratio.to_string(),
                Accepted::OneOf(caps.aspect_ratios.iter().map(|r| r.to_string()).collect()),
            ));
        }
    }
    if let Some(size) = req.image_size {
        if caps.image_sizes.is_empty() {
            return Err(unavailable(Feature::ImageSize));
        }
        if !caps.image_sizes.contains(&size) {
            let list = caps.image_sizes.iter().map(|s| s.native().to_string());
            return Err(unsupported(
                Setting::ImageSize,
                size.native().to_string(),
                Accepted::OneOf(list.collect()),
            ));
        }
    }
    if let Some(level) = req.thinking {
        if caps.thinking_levels.is_empty() {
            return Err(unavailable(Feature::ThinkingLevel));
        }
        if !caps.thinking_levels.contains(&level) {
            let list = caps.thinking_levels.iter().map(|l| l.wire().to_string());
            return Err(unsupported(
                Setting::ThinkingLevel,
                level.wire().to_string(),
                Accepted::OneOf(list.collect()),
            ));
        }
    }
    if req.include_thoughts && !caps.thoughts {
        return Err(unavailable(Feature::Thoughts));
    }
    if req.web_search && !caps.web_search {
        return Err(unavailable(Feature::WebSearch));
    }
    if req.image_search && !caps.image_search {
        return Err(unavailable(Feature::ImageSearch));
    }
    if req.image_search && !req.web_search {
        return Err(Error::OptionUnavailable {
            model: model.to_string(),
            what: Feature::ImageSearchAlone,
        });
    }
    if !caps.native_options {
        if req
            .system_instruction
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty())
        {
            return Err(unavailable(Feature::SystemInstruction));
        }
        if !req.safety.is_empty() {
            return Err(unavailable(Feature::Safety));
        }
        if req.temperature.is_some() {
            return Err(unavailable(Feature::Temperature));
        }
    }
    if !req.history.is_empty() && provider.dialect == Dialect::Task {
        return Err(unavailable(Feature::Editing));
    }
    if let Some(t) = req.temperature {
        if !(0.0..=2.0).contains(&t) {
            return Err(unsupported(
                Setting::Temperature,
                t.to_string(),
                Accepted::Range { from: 0.0, to: 2.0 },
            ));
        }
    }
    if req.count == 0 || req.count > caps.max_count {
        return Err(unsupported(
            Setting::ImageCount,
            req.count.to_string(),
            Accepted::Range {
                from: 1.0,
                to: f64::from(caps.max_count),
            },
        ));
    }

    if req.references.len() > caps.max_references {
        return Err(Error::TooManyReferences {
            model: model.to_string(),
            given: req.references.len(),
            max: caps.max_references,
        });
    }
    let mut total = JSON_OVERHEAD + req.prompt.len();
    for (i, r) in req.references.iter().enumerate() {
        check_reference(&caps, i + 1, r)?;
        total += base64_len(r.bytes.len());
        if provider.dialect != Dialect::Gemini {
            total += "data:image/webp;base64,".len();
        }
    }
    for part in req.history.iter().flat_map(|t| &t.parts) {
        total += match &part.data {
            PartData::Text(t) => t.len(),
            PartData::Inline { data, .. } => base64_len(data.len()),
            PartData::File { uri, .. } => uri.len(),
        } + part.thought_signature.as_ref().map_or(0, String::len);
    }
    if total > caps.max_request_bytes {
        return Err(Error::RequestTooLarge {
            size: total,
            max: caps.max_request_bytes,
        });
    }
    Ok(caps)
}
