//! A region edit's answers: each is composited back over the original in the image worker, so
//! every pixel outside the region stays the original's; the raw answer is kept beside it.

use super::Generator;
use crate::app::history::{FullImage, RegionResult};
use crate::browser::blob_url::bytes_to_blob;
use crate::browser::region::{self, RegionError};
use crate::browser::BlobUrl;
use crate::protocol::image::{sniff, ImageKind};
use crate::protocol::GeneratedImage;
use crate::studio::region::RegionEdit;
use crate::text;
use std::sync::Arc;

impl Generator {
    /// The composites of `images` over `edit`'s original, each with its raw answer; an answer that
    /// cannot be lined up (another shape) or composited is shown as it came, and the studio says why.
    pub(super) async fn composite(
        self,
        images: Vec<GeneratedImage>,
        edit: &RegionEdit,
    ) -> (Vec<GeneratedImage>, Vec<Option<Arc<RegionResult>>>) {
        let mime = sniff(&edit.original).map_or("image/png", |k| k.mime());
        // What "before" shows: the original, or for an expansion the canvas that was sent.
        let before_bytes = edit.expand.as_ref().map_or(&edit.original, |x| &x.canvas);
        let before_mime = sniff(before_bytes).map_or("image/png", |k| k.mime());
        let before = bytes_to_blob(before_bytes, before_mime)
            .ok()
            .and_then(|blob| BlobUrl::from_blob(&blob).ok())
            .map(Arc::new);
        let original = bytes_to_blob(&edit.original, mime).ok().zip(before);
        // The region as a PNG mask, kept with each result.
        let mask = match region::mask_png(edit.dims.0, edit.dims.1, &edit.ops).await {
            Ok(png) => Some(bytes::Bytes::from(png)),
            Err(_) => None,
        };
        let plan = edit.plan();
        let mut shown = Vec::with_capacity(images.len());
        let mut regions = Vec::with_capacity(images.len());
        for raw in images {
            let answer = bytes_to_blob(&raw.bytes, raw.kind.mime());
            let (Some((blob, url)), Ok(answer)) = (&original, answer) else {
                shown.push(raw);
                regions.push(None);
                continue;
            };
            let made = match (&edit.expand, &edit.detail) {
                (Some(x), _) => region::expanded(blob, &answer, &x.placed, edit.feather).await,
                (None, Some(d)) => {
                    region::detailed(
                        blob,
                        &answer,
                        d.crop,
                        &edit.ops,
                        edit.feather,
                        edit.colour_match,
                    )
                    .await
                }
                (None, None) => {
                    region::composite(blob, &answer, &edit.ops, edit.feather, edit.colour_match)
                        .await
                }
            };
            let Ok(raw_url) = BlobUrl::from_blob(&answer) else {
                shown.push(raw);
                regions.push(None);
                continue;
            };
            let raw_full = FullImage {
                image: raw.clone(),
                url: Arc::new(raw_url),
            };
            let (image, misfit) = match made {
                Ok(png) => (
                    GeneratedImage {
                        kind: ImageKind::Png,
                        bytes: png.into(),
                    },
                    None,
                ),
                Err(RegionError::Misfit(w, h)) => {
                    let size = format!("{w}×{h}");
                    let message = match &edit.detail {
                        Some(d) => {
                            let crop = format!("{}×{}", d.crop.width, d.crop.height);
                            text!(region.detail_misfit, size = size, crop = crop)
                        }
                        None => {
                            let original = format!("{}×{}", edit.dims.0, edit.dims.1);
                            text!(region.misfit, size = size, original = original)
                        }
                    };
                    self.notices.fail_with("region", message);
                    (raw, Some((w, h)))
                }
                Err(RegionError::Failed(reason)) => {
                    self.notices
                        .fail_with("region", text!(region.failed, reason = reason));
                    shown.push(raw);
                    regions.push(None);
                    continue;
                }
            };
            shown.push(image);
            regions.push(Some(Arc::new(RegionResult {
                raw: raw_full,
                original_name: edit.name.clone(),
                original_bytes: before_bytes.clone(),
                kind: if edit.expand.is_some() {
                    "expand"
                } else {
                    "region"
                },
                original: url.clone(),
                mask: mask.clone(),
                misfit,
                plan: Some(plan.clone()),
            })));
        }
        (shown, regions)
    }
}
