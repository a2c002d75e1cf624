//! Setting up a region edit, a detail edit or an expansion for the next Generate: the image the model
//! is sent (the original, a crop round the region, or the canvas), the copy that shows it where, the
//! aspect ratio the answer must come back in, and the instruction; and ending it again.

use super::{blob_of, stem, Annotation, Source, Target};
use crate::browser::region::{self, RegionError};
use crate::locale;
use crate::studio::region::{
    detail_crop, expand_feather, new_area, Detail, Expansion, Placed, RegionEdit, RegionOp,
};
use crate::text;
use bytes::Bytes;
use leptos::prelude::*;
use std::sync::Arc;

/// What Edit region was asked to do (the editor's options).
#[derive(Clone, Debug)]
pub struct RegionAsk {
    /// The region, in the image's pixels.
    pub ops: Vec<RegionOp>,
    /// In the image's pixels.
    pub feather: u32,
    pub colour_match: bool,
    /// Whether a copy with the region outlined goes beside the image sent.
    pub outline: bool,
    /// Whether only a crop round the region is sent (detail mode).
    pub detail: bool,
    /// Added to the prompt.
    pub instruction: String,
}

fn failed(reason: String) -> RegionError {
    RegionError::Failed(reason)
}

impl Annotation {
    /// Sets up an expansion of the open result to `placed`: the canvas (the original at 1:1, grey
    /// around) as the first reference, the canvas's aspect ratio asked for, `instruction` added to the
    /// prompt, and the expansion kept for the next Generate, which puts the original back into each
    /// answer byte for byte. Then runs `then` (Generate).
    pub fn expand(self, placed: Placed, instruction: String, then: impl FnOnce() + 'static) {
        let Some(t) = self.expanding.get_untracked() else {
            return;
        };
        self.busy.set(true);
        self.tasks.spawn(async move {
            let made = match blob_of(&t.bytes) {
                Ok(blob) => region::placed(&blob, &placed).await,
                Err(reason) => Err(failed(reason)),
            };
            self.busy.set(false);
            let canvas = match made {
                Ok(png) => Bytes::from(png),
                Err(e) => {
                    let reason = e.reason();
                    self.notices
                        .fail_with("annotate", text!(expand.failed, reason = reason));
                    return;
                }
            };
            self.undo_made().await;
            let name = format!("{}-canvas.png", stem(&t.name));
            if let Err(m) = self.composer.add_reference(&name, canvas.clone()).await {
                // The edit before this one lost its copies: it ends too.
                self.end_region();
                self.notices.fail_with("reference", m);
                return;
            }
            self.composer
                .references
                .update(|r| r.sort_by_key(|i| i.original != canvas));
            let before = self.composer.ask_ratio(placed.ratio);
            self.asked(before);
            self.composer.add_instruction(instruction);
            self.made.set_value(vec![canvas.clone()]);
            self.region.set(Some(Arc::new(RegionEdit {
                name: t.name.clone(),
                original: t.bytes.clone(),
                dims: (placed.width, placed.height),
                ops: new_area(&placed),
                feather: expand_feather(placed.width, placed.height),
                colour_match: false,
                expand: Some(Expansion { placed, canvas }),
                detail: None,
            })));
            self.expanding.set(None);
            self.notices.error.set(None);
            then();
        });
    }

    /// The crop a detail edit of the open image would send for `ops` (and the ratio it asks for):
    /// none without a region, or when the region is too large for one.
    pub fn detail_of(
        self,
        dims: (u32, u32),
        ops: &[RegionOp],
        feather: u32,
    ) -> Option<(crate::studio::region::Rect, &'static str)> {
        detail_crop(dims, ops, feather, self.composer.ratios())
    }

    /// [`Annotation::detail_of`], following the model in use (tracked).
    pub fn detail_tracked(
        self,
        dims: (u32, u32),
        ops: &[RegionOp],
        feather: u32,
    ) -> Option<(crate::studio::region::Rect, &'static str)> {
        detail_crop(dims, ops, feather, self.composer.ratios_tracked())
    }

    /// Sets up a region edit of the open image: the image sent (the original, untouched, at its full
    /// size unless a limit shrinks it; in detail mode a crop round the region instead, in the place
    /// of a reference that held the original), with `outline` a copy with the region outlined after it
    /// (both first among the references), the shape the answer must have asked for, the instruction
    /// added to the prompt, and the region kept for the next Generate, which composites each answer
    /// back over the original.
    pub fn edit_region(self, ask: RegionAsk) {
        let Some(t) = self.target.get_untracked() else {
            return;
        };
        let detail = match ask.detail {
            false => None,
            true => match self.detail_of(t.dims, &ask.ops, ask.feather) {
                Some(plan) => Some(plan),
                None => {
                    self.notices
                        .fail_with("region", text!(region.detail_too_large));
                    return;
                }
            },
        };
        self.busy.set(true);
        self.tasks.spawn(async move {
            match self.set_up(&t, ask, detail).await {
                Ok(problems) => {
                    self.target.set(None);
                    if problems.is_empty() {
                        self.notices.error.set(None);
                    } else {
                        self.notices
                            .fail_with("reference", locale::joined(problems));
                    }
                    let name = t.name.clone();
                    self.notices.status.set(match detail {
                        Some((r, _)) => text!(
                            region.ready_detail,
                            name = name,
                            size = format!("{}×{}", r.width, r.height)
                        ),
                        None => text!(region.ready, name = name),
                    });
                }
                // Nothing was set up: the editor stays open with the region.
                Err(m) => self.notices.fail_with("region", m),
            }
            self.busy.set(false);
        });
    }

    /// [`Annotation::edit_region`]'s work; says what went wrong without stopping it (the outlined
    /// copy), or what stopped it.
    async fn set_up(
        self,
        t: &Target,
        ask: RegionAsk,
        detail: Option<(crate::studio::region::Rect, &'static str)>,
    ) -> Result<Vec<locale::Text>, locale::Text> {
        let blob = blob_of(&t.bytes);
        // The image sent, and the region on it.
        let (sent, sent_name, ops) = match detail {
            None => (t.bytes.clone(), t.name.clone(), ask.ops.clone()),
            Some((crop, _)) => {
                let made = match &blob {
                    Ok(blob) => region::cropped(blob, crop).await,
                    Err(reason) => Err(failed(reason.clone())),
                };
                let png = made.map_err(|e| {
                    let reason = e.reason();
                    text!(region.detail_failed, reason = reason)
                })?;
                let (dx, dy) = (f64::from(crop.x), f64::from(crop.y));
                let ops = ask.ops.iter().map(|op| op.shifted(dx, dy)).collect();
                (
                    Bytes::from(png),
                    format!("{}-detail.png", stem(&t.name)),
                    ops,
                )
            }
        };
        self.undo_made().await;
        let mut made = Vec::new();
        // A detail edit's crop takes the place of the reference that held the whole image (first
        // out, so a full list has room for the crop).
        if let (Some(_), Source::Reference(id)) = (detail, &t.source) {
            if let Some(bytes) = self.composer.remove_reference(*id) {
                self.replaced.set_value(Some((t.name.clone(), bytes)));
            }
        }
        let present = |bytes: &Bytes| {
            self.composer
                .references
                .with_untracked(|r| r.iter().any(|i| i.original == bytes))
        };
        if !present(&sent) {
            // Without the image sent there is nothing to edit: the edit before this one, which lost
            // its copies, ends, and a reference the crop replaced comes back.
            if let Err(m) = self.composer.add_reference(&sent_name, sent.clone()).await {
                self.end_region();
                return Err(m);
            }
            if detail.is_some() || t.source == Source::Result {
                made.push(sent.clone());
            }
        }
        let mut problems = Vec::new();
        let mut outlined = None;
        if ask.outline {
            let made_copy = match blob_of(&sent) {
                Ok(blob) => region::outlined(&blob, &ops).await,
                Err(reason) => Err(failed(reason)),
            };
            match made_copy {
                Ok(png) => {
                    let png = Bytes::from(png);
                    let name = format!("{}-region.png", stem(&t.name));
                    match self.composer.add_reference(&name, png.clone()).await {
                        Ok(()) => {
                            made.push(png.clone());
                            outlined = Some(png);
                        }
                        Err(m) => problems.push(m),
                    }
                }
                Err(e) => {
                    let reason = e.reason();
                    problems.push(text!(region.outline_failed, reason = reason))
                }
            }
        }
        // The answer must come back in the shape of what was sent to be put over it.
        let before = match detail {
            Some((_, ratio)) => self.composer.ask_ratio(ratio),
            None => self.composer.ask_shape(t.dims),
        };
        self.asked(before);
        // The image sent first, its outlined copy second: the instruction names them so.
        self.composer.references.update(|r| {
            r.sort_by_key(|i| {
                if i.original == sent {
                    0
                } else if outlined.as_ref() == Some(&i.original) {
                    1
                } else {
                    2
                }
            })
        });
        self.composer.add_instruction(ask.instruction);
        self.made.set_value(made);
        self.region.set(Some(Arc::new(RegionEdit {
            name: t.name.clone(),
            original: t.bytes.clone(),
            dims: t.dims,
            ops: ask.ops,
            feather: ask.feather,
            colour_match: ask.colour_match,
            expand: None,
            detail: detail.map(|(crop, _)| Detail { crop, sent }),
        })));
        Ok(problems)
    }

    /// Takes up a region edit again (continuing to edit one of its results): `edit` is pending, and
    /// `ratio`, the shape its answers came back in, is asked for. What the studio added to the
    /// references for an earlier edit stays: the conversation carries what was sent.
    pub fn resume(self, edit: Arc<RegionEdit>, ratio: &str) {
        // Taking up the edit pending again keeps what it added to the references.
        let same = self.region.with_untracked(|r| {
            r.as_ref()
                .is_some_and(|e| e.original == edit.original && e.ops == edit.ops)
        });
        if !same {
            self.made.set_value(Vec::new());
        }
        let before = self.composer.ask_ratio(ratio);
        self.asked(before);
        self.region.set(Some(edit));
    }

    /// Remembers the aspect ratio asked for `before` the edit being set up asked for its own (after an
    /// edit that follows another unchanged, the first one's `before`: that is the user's).
    fn asked(self, before: String) {
        let now = self.composer.ratio();
        self.ratio.update_value(|r| {
            // The user's choice is the earlier one while the shape is still what the earlier edit
            // asked for; a shape picked between the two edits is theirs.
            let before = match r.take() {
                Some((first, asked)) if asked == before => first,
                _ => before,
            };
            *r = Some((before, now));
        });
    }

    /// Ends the region edit pending. The references stay (a reference a detail edit's crop took the
    /// place of comes back), and so does the aspect ratio asked for before it, unless the user
    /// changed it meanwhile.
    pub fn end_region(self) {
        self.region.set(None);
        self.made.set_value(Vec::new());
        if let Some((before, asked)) = self.ratio.try_update_value(Option::take).flatten() {
            if self.composer.ratio() == asked {
                self.composer.ask_ratio(&before);
            }
        }
        if let Some((name, bytes)) = self.replaced.try_update_value(Option::take).flatten() {
            self.tasks.spawn(async move {
                if let Err(m) = self.composer.add_reference(&name, bytes).await {
                    self.notices.fail_with("reference", m);
                }
            });
        }
    }

    /// Takes away what the studio added to the references for the edit pending (its outlined copy,
    /// canvas or crop, a result added as its original) and brings back a reference a crop replaced:
    /// a new edit starts from the user's own references.
    async fn undo_made(self) {
        let made = self
            .made
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        if !made.is_empty() {
            self.composer
                .references
                .update(|r| r.retain(|i| !made.contains(&i.original)));
        }
        if let Some((name, bytes)) = self.replaced.try_update_value(Option::take).flatten() {
            if let Err(m) = self.composer.add_reference(&name, bytes).await {
                self.notices.fail_with("reference", m);
            }
        }
    }
}
