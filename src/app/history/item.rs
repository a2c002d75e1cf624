//! A result on screen: this visit's (its full image at hand) or a saved one (its thumbnail first).

use super::super::tasks::next_id;
use crate::browser::BlobUrl;
use crate::protocol::image::ImageKind;
use crate::protocol::{GeneratedImage, Grounding, Turn, Usage};
use crate::studio::cost::Spent;
use crate::studio::library::Facts;
use crate::studio::stored::StoredRegion;
use crate::studio::{HistoryEntry, Settings};
use std::sync::Arc;

/// A result's full image, in memory and on a `blob:` URL.
#[derive(Clone, Debug)]
pub struct FullImage {
    pub image: GeneratedImage,
    pub url: Arc<BlobUrl>,
}

/// One image shown in the results: this visit's (full image at hand) or a saved one (thumbnail first,
/// full image read from the history when needed).
#[derive(Clone, Debug)]
pub struct ResultItem {
    pub id: u64,
    /// Set once the result is saved in the history.
    pub entry_id: Option<String>,
    /// What made it, for "reuse settings".
    pub prompt: String,
    pub settings: Settings,
    /// Every turn up to and including the model's answer (native dialect), for "continue editing".
    pub conversation: Option<Arc<Vec<Turn>>>,
    /// A saved entry's conversation, not read back yet: loaded when editing continues.
    pub saved_thread: bool,
    pub kind: ImageKind,
    /// Pixel size, when known.
    pub dims: Option<(u32, u32)>,
    /// The image itself; `None` for a saved entry until it is opened.
    pub full: Option<FullImage>,
    /// The gallery's small copy of a saved entry.
    pub thumb: Option<Arc<BlobUrl>>,
    pub file_name: String,
    pub caption: String,
    pub usage: Option<Usage>,
    /// Images in the answer that brought this one (they share its usage).
    pub answer_images: u32,
    pub grounding: Grounding,
    pub model: String,
    pub seconds: f64,
    /// Set when the result is one model's answer in a comparison of models.
    pub compared: Option<Arc<Compared>>,
    /// Set when the result is a region edit's: the raw answer and the original it was put over.
    pub region: Option<Arc<RegionResult>>,
    /// A saved region edit's parts, read with its full image.
    pub saved_region: Option<Arc<StoredRegion>>,
    /// Unix milliseconds it was made at.
    pub created_ms: f64,
    /// Made with reference images.
    pub references: bool,
    /// Starred by the user.
    pub favourite: bool,
    /// The collections it is in, by id.
    pub collections: Vec<String>,
}

/// A region edit's result beside its composite: the model's answer as it came and the original.
#[derive(Clone, Debug)]
pub struct RegionResult {
    /// The answer as the model sent it.
    pub raw: FullImage,
    /// The original the region was painted on: its name, bytes and URL.
    pub original_name: String,
    pub original_bytes: bytes::Bytes,
    pub original: Arc<BlobUrl>,
    /// The region as a PNG mask, when it could be made.
    pub mask: Option<bytes::Bytes>,
    /// `"region"`, or `"expand"` for an expansion (what the file's metadata says).
    pub kind: &'static str,
    /// The answer's size, when it was not the original's shape and so was shown as it came.
    pub misfit: Option<(u32, u32)>,
    /// How the answer was put back (for continuing to edit it); none for an entry saved before
    /// plans were kept.
    pub plan: Option<crate::studio::region::RegionPlan>,
}

/// One model's share of a comparison: the click it belongs to and what the model had to leave out.
#[derive(Clone, Debug, PartialEq)]
pub struct Compared {
    /// The same for every result of one click.
    pub group: u64,
    /// The asked choices this model does not offer, sent without (`studio::compare::dropped`).
    pub dropped: Vec<String>,
}

impl ResultItem {
    /// What the card shows: the full image when it is at hand, else the thumbnail.
    pub fn shown_url(&self) -> String {
        match (&self.full, &self.thumb) {
            (Some(f), _) => f.url.url().to_string(),
            (None, Some(t)) => t.url().to_string(),
            (None, None) => String::new(),
        }
    }

    /// What this result cost is worked out from.
    pub fn spent(&self) -> Spent {
        Spent {
            model: self.model.clone(),
            usage: self.usage.clone(),
            size: self.settings.image_size,
            answer_images: self.answer_images,
        }
    }

    /// Whether it is a region edit's result (its parts may not be read yet).
    pub fn is_region(&self) -> bool {
        self.region.is_some() || self.saved_region.is_some()
    }

    /// Whether "continue editing" can be offered.
    pub fn can_continue(&self) -> bool {
        self.conversation.is_some() || self.saved_thread
    }

    /// What the stage's filter looks at (`day`: its local day, `browser::clock::local_day`).
    pub fn facts<'a>(&'a self, provider: &'a str, day: &'a str) -> Facts<'a> {
        Facts {
            prompt: &self.prompt,
            caption: &self.caption,
            model: &self.model,
            provider,
            size: self.settings.image_size,
            ratio: &self.settings.aspect_ratio,
            day,
            references: self.references,
            region: self.is_region(),
            favourite: self.favourite,
            collections: &self.collections,
        }
    }
}

/// A result card for a saved entry.
pub(super) fn saved_item(
    entry: HistoryEntry,
    full: Option<FullImage>,
    thumb: Option<Arc<BlobUrl>>,
) -> ResultItem {
    let kind = match &full {
        Some(f) => f.image.kind,
        None => ImageKind::displayable_from_mime(&entry.mime).unwrap_or(ImageKind::Png),
    };
    let dims = (entry.width > 0 && entry.height > 0).then_some((entry.width, entry.height));
    ResultItem {
        id: next_id(),
        entry_id: Some(entry.id.clone()),
        prompt: entry.prompt,
        kind,
        dims: dims.or_else(|| {
            full.as_ref()
                .and_then(|f| crate::protocol::image::dimensions(&f.image.bytes))
        }),
        full,
        thumb,
        file_name: entry.file_name,
        caption: entry.caption,
        usage: entry.usage,
        answer_images: entry.answer_images,
        grounding: Default::default(),
        model: entry.settings.model.clone(),
        seconds: entry.seconds,
        settings: entry.settings,
        conversation: None,
        saved_thread: !entry.thread.is_empty(),
        compared: None,
        region: None,
        saved_region: entry.region.map(Arc::new),
        created_ms: entry.created_ms,
        references: !entry.references.is_empty(),
        favourite: entry.favourite,
        collections: entry.collections,
    }
}
