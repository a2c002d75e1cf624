//! What made an image, carried inside the image file: the prompt and the settings (model, size, ratio,
//! the references' content keys, the provider's name and host), never the key or the base URL's path
//! or query. PNG keeps it in an `iTXt` chunk, JPEG and WebP in an XMP packet. Written with one copy
//! of the image's bytes (the one the new chunk has to be inserted into) and read without any.

mod jpeg;
mod png;
mod webp;
mod xmp;

use super::Settings;
use crate::protocol::image::{sniff, ImageKind};
use crate::protocol::{ImageSize, ThinkingLevel};
use serde::{Deserialize, Serialize};

/// The name our metadata goes by: the PNG keyword, and the mark in the JSON.
pub const APP: &str = "Banana Studio";

/// The prompt and settings an image was made with, as the file carries them (JSON).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Made {
    /// Always [`APP`]: tells our metadata from anything else in the file.
    pub app: String,
    /// The payload's version, 1.
    pub version: u32,
    pub prompt: String,
    pub model: String,
    /// The provider's name as the studio shows it.
    pub provider: String,
    /// The base URL's host (and port): never its user info, path or query, where secrets may sit.
    pub host: String,
    /// Wire name (`"2K"`), empty for the provider's default.
    pub image_size: String,
    /// `"16:9"`, empty when the model chose.
    pub aspect_ratio: String,
    /// Wire name, empty for the model's default.
    pub thinking: String,
    pub image_only: bool,
    pub web_search: bool,
    pub image_search: bool,
    pub system_instruction: String,
    /// The references' content keys, as the history stores them.
    pub references: Vec<String>,
    /// How the image was made beyond the prompt: `"region"` for a region edit's composite (only the
    /// region is the model's; every other pixel is the original's); empty for a plain answer.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub edit: String,
}

impl Made {
    /// What made an image: `prompt` with `settings`, and its references' content keys.
    pub fn new(prompt: &str, settings: &Settings, references: Vec<String>) -> Self {
        Made {
            app: APP.to_string(),
            version: 1,
            prompt: prompt.to_string(),
            model: settings.model.trim().to_string(),
            provider: settings.preset.label().to_string(),
            host: host_of(&settings.base_url),
            image_size: settings.image_size.map_or("", ImageSize::native).into(),
            aspect_ratio: settings.aspect_ratio.clone(),
            thinking: settings.thinking.map_or("", ThinkingLevel::wire).into(),
            image_only: settings.image_only,
            web_search: settings.web_search,
            image_search: settings.image_search,
            system_instruction: settings.system_instruction.clone(),
            references,
            edit: String::new(),
        }
    }

    /// `settings` with this image's model and options, on the user's own provider (its preset, URL
    /// and key stay), fitted to what the model offers there.
    pub fn apply_to(&self, settings: &Settings) -> Settings {
        let mut s = self.asked(settings);
        s.fit_to_model();
        s
    }

    /// `settings` with this image's choices, before they are fitted to the model.
    fn asked(&self, settings: &Settings) -> Settings {
        let mut s = settings.clone();
        if !self.model.trim().is_empty() {
            s.model = self.model.trim().to_string();
        }
        s.image_size = ImageSize::parse(&self.image_size);
        s.aspect_ratio = self.aspect_ratio.clone();
        s.thinking = ThinkingLevel::parse(&self.thinking);
        s.image_only = self.image_only;
        s.web_search = self.web_search;
        s.image_search = self.image_search;
        s.system_instruction = self.system_instruction.clone();
        s
    }

    /// What of this image's choices `applied` (from [`Made::apply_to`]) had to leave out, as the
    /// options' own names: `["4K", "21:9", "thinking: high", "web search"]`.
    pub fn dropped(&self, applied: &Settings) -> Vec<String> {
        super::compare::dropped(&self.asked(applied), applied)
    }

    fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    fn from_json(text: &str) -> Option<Made> {
        serde_json::from_str::<Made>(text)
            .ok()
            .filter(|m| m.app == APP)
    }
}

/// The host (and port) of `url`, without scheme, user info, path, query or fragment.
pub fn host_of(url: &str) -> String {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    authority
        .rsplit_once('@')
        .map_or(authority, |(_, h)| h)
        .to_string()
}

/// `bytes` with `made` written in (replacing any earlier copy of ours), or `None` for a format that
/// carries none (GIF, HEIC, SVG), a file too damaged to place it in, or a payload too large for it.
pub fn embed(bytes: &[u8], made: &Made) -> Option<Vec<u8>> {
    let json = made.to_json();
    match sniff(bytes)? {
        ImageKind::Png => png::embed(bytes, &json),
        ImageKind::Jpeg => jpeg::embed(bytes, &xmp::packet(made, &json)),
        ImageKind::Webp => webp::embed(bytes, &xmp::packet(made, &json)),
        _ => None,
    }
}

/// `bytes` as they were before [`embed`]: the same bytes without our chunk (PNG) or segment (JPEG).
/// `None` when there is none, or for WebP, whose header `embed` rewrites. The history stores a
/// conversation's model image, which is sent back unchanged, as "the entry's own image" this way.
pub fn strip(bytes: &[u8]) -> Option<Vec<u8>> {
    let span = added(bytes)?;
    let mut out = Vec::with_capacity(bytes.len() - span.len());
    out.extend_from_slice(&bytes[..span.start]);
    out.extend_from_slice(&bytes[span.end..]);
    Some(out)
}

/// Whether `bytes` are `original` with our metadata added ([`strip`] of them is `original`), found
/// without copying either.
pub fn is_original_of(bytes: &[u8], original: &[u8]) -> bool {
    added(bytes).is_some_and(|span| {
        bytes.len() - span.len() == original.len()
            && original[..span.start] == bytes[..span.start]
            && original[span.start..] == bytes[span.end..]
    })
}

/// Where [`embed`] put our metadata in `bytes`, when that can be taken out again as it was.
fn added(bytes: &[u8]) -> Option<std::ops::Range<usize>> {
    match sniff(bytes)? {
        ImageKind::Png => png::ours_at(bytes),
        ImageKind::Jpeg => jpeg::ours_at(bytes),
        _ => None,
    }
}

/// What made the image in `bytes`, when it carries our metadata. Anything else, damaged or foreign,
/// is `None`, never a panic.
pub fn read(bytes: &[u8]) -> Option<Made> {
    let json = match sniff(bytes)? {
        ImageKind::Png => png::read(bytes)?,
        ImageKind::Jpeg => xmp::made_json(jpeg::read(bytes)?)?,
        ImageKind::Webp => xmp::made_json(webp::read(bytes)?)?,
        _ => return None,
    };
    Made::from_json(&json)
}

#[cfg(test)]
mod tests;
