//! The annotation editor's service: which image is open for marking up, and what Done does with the
//! marked copy (a reference, at full resolution, as PNG; optionally the clean original beside it and
//! an instruction that says what the marks mean). The marks themselves are `studio::annotate`'s.

use super::composer::Composer;
use super::history::History;
use super::notices::Notices;
use super::tasks::Tasks;
use crate::browser::{blob_url::bytes_to_blob, canvas, region, BlobUrl};
use crate::locale;
use crate::protocol::image::{displayed_dimensions, sniff};
use crate::studio::annotate::{Op, Sketch};
use crate::studio::region::{expand_feather, new_area, Expansion, Placed, RegionEdit, RegionOp};
use crate::text;
use bytes::Bytes;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the image being marked up came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// A result (its card or the lightbox).
    Result,
    /// A reference on the composer, by id.
    Reference(u64),
}

/// The image open in the editor.
#[derive(Clone, Debug)]
pub struct Target {
    pub name: String,
    pub bytes: Bytes,
    pub url: Arc<BlobUrl>,
    /// Its size as displayed (EXIF orientation applied).
    pub dims: (u32, u32),
    pub source: Source,
}

/// The annotation service. `Copy`.
#[derive(Clone, Copy)]
pub struct Annotation {
    /// The image open in the editor, if any.
    pub target: RwSignal<Option<Target>>,
    /// The result open in the expand dialog, if any.
    pub expanding: RwSignal<Option<Target>>,
    /// The region edit (or expansion) the next Generate makes: each answer is composited back.
    pub region: RwSignal<Option<std::sync::Arc<RegionEdit>>>,
    /// Done is drawing the full-resolution copy.
    pub busy: RwSignal<bool>,
    /// The marks of an editor closed without adding them, with the image they belong to (its name and
    /// length): opening that image again brings them back.
    kept: StoredValue<Option<(String, usize, Sketch)>>,
    composer: Composer,
    history: History,
    notices: Notices,
    tasks: Tasks,
}

impl Annotation {
    pub fn new(composer: Composer, history: History, notices: Notices, tasks: Tasks) -> Self {
        Annotation {
            target: RwSignal::new(None),
            expanding: RwSignal::new(None),
            region: RwSignal::new(None),
            busy: RwSignal::new(false),
            kept: StoredValue::new(None),
            composer,
            history,
            notices,
            tasks,
        }
    }

    fn open(self, name: String, bytes: Bytes, source: Source) {
        if let Some(t) = self.target_of(name, bytes, source) {
            self.target.set(Some(t));
        }
    }

    /// The image as the editor and the expand dialog hold it; `None` (and said) when unreadable.
    fn target_of(self, name: String, bytes: Bytes, source: Source) -> Option<Target> {
        let (Some(kind), Some(dims)) = (sniff(&bytes), displayed_dimensions(&bytes)) else {
            self.notices
                .fail_with("annotate", text!(annotate.unreadable, name = name));
            return None;
        };
        match BlobUrl::new(&bytes, kind.mime()) {
            Ok(url) => Some(Target {
                name,
                bytes,
                url: Arc::new(url),
                dims,
                source,
            }),
            Err(_) => {
                self.notices.fail_with("browser", text!(alert.no_display));
                None
            }
        }
    }

    /// Opens a result in the expand dialog (a saved one's full image is read first).
    pub fn open_expand(self, id: u64) {
        self.tasks.spawn(async move {
            let name = self
                .history
                .results
                .with_untracked(|r| r.iter().find(|i| i.id == id).map(|i| i.file_name.clone()));
            match (self.history.load_full(id).await, name) {
                (Some(full), Some(name)) => {
                    let t = self.target_of(name, full.image.bytes, Source::Result);
                    self.expanding.set(t);
                }
                _ => self
                    .notices
                    .fail_with("history", text!(annotate.unreadable, name = String::new())),
            }
        });
    }

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
            let mime = sniff(&t.bytes).map_or("image/png", |k| k.mime());
            let made = match bytes_to_blob(&t.bytes, mime) {
                Ok(blob) => region::placed(&blob, &placed).await,
                Err(_) => Err(region::RegionError::Failed(
                    "the browser could not read the image".into(),
                )),
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
            let stem = t.name.rsplit_once('.').map_or(t.name.as_str(), |(s, _)| s);
            if let Err(m) = self
                .composer
                .add_reference(&format!("{stem}-canvas.png"), canvas.clone())
                .await
            {
                self.notices.fail_with("reference", m);
                return;
            }
            self.composer
                .references
                .update(|r| r.sort_by_key(|i| i.original != canvas));
            self.composer.ask_ratio(placed.ratio);
            self.composer.add_instruction(instruction);
            self.region.set(Some(std::sync::Arc::new(RegionEdit {
                name: t.name.clone(),
                original: t.bytes.clone(),
                dims: (placed.width, placed.height),
                ops: new_area(&placed),
                feather: expand_feather(placed.width, placed.height),
                colour_match: false,
                expand: Some(Expansion { placed, canvas }),
            })));
            self.expanding.set(None);
            self.notices.error.set(None);
            then();
        });
    }

    /// Opens a result (a saved one's full image is read from the history first).
    pub fn open_result(self, id: u64) {
        self.tasks.spawn(async move {
            let name = self
                .history
                .results
                .with_untracked(|r| r.iter().find(|i| i.id == id).map(|i| i.file_name.clone()));
            match (self.history.load_full(id).await, name) {
                (Some(full), Some(name)) => self.open(name, full.image.bytes, Source::Result),
                _ => self
                    .notices
                    .fail_with("history", text!(annotate.unreadable, name = String::new())),
            }
        });
    }

    /// Opens a reference of the composer, as the user gave it.
    pub fn open_reference(self, id: u64) {
        let found = self.composer.references.with_untracked(|r| {
            r.iter()
                .find(|i| i.id == id)
                .map(|i| (i.name.clone(), i.original.clone()))
        });
        if let Some((name, bytes)) = found {
            self.open(name, bytes, Source::Reference(id));
        }
    }

    /// Removes a reference from the composer; a region edit ends with its original.
    pub fn remove_reference(self, id: u64) {
        if let Some(bytes) = self.composer.remove_reference(id) {
            if self
                .region
                .with_untracked(|e| e.as_ref().is_some_and(|e| e.sent_as(&bytes)))
            {
                self.region.set(None);
            }
        }
    }

    /// Closes the editor; nothing is added, and marks made are kept for the same image.
    pub fn close(self) {
        let marked = self
            .kept
            .with_value(|k| k.as_ref().is_some_and(|(_, _, s)| !s.marks().is_empty()));
        self.target.set(None);
        if marked {
            self.notices.status.set(text!(annotate.kept));
        }
    }

    /// Keeps the editor's marks (the editor calls this as they change).
    pub fn keep(self, sketch: Sketch) {
        if let Some(t) = self.target.get_untracked() {
            self.kept.set_value(Some((t.name, t.bytes.len(), sketch)));
        }
    }

    /// The marks kept for `target`, or none.
    pub fn kept_for(self, target: &Target) -> Sketch {
        self.kept
            .with_value(|k| match k {
                Some((name, len, s)) if *name == target.name && *len == target.bytes.len() => {
                    Some(s.clone())
                }
                _ => None,
            })
            .unwrap_or_default()
    }

    /// Flattens the marks onto the image at full resolution (PNG) and adds that as a reference. With
    /// `with_original` the clean image goes beside it and the prompt says what the marks mean;
    /// without, a reference that was marked up is replaced by its marked copy. `instruction` is that
    /// sentence in the user's language.
    pub fn done(self, ops: Vec<Op>, with_original: bool, instruction: String) {
        let Some(t) = self.target.get_untracked() else {
            return;
        };
        self.busy.set(true);
        self.tasks.spawn(async move {
            let mime = sniff(&t.bytes).map_or("image/png", |k| k.mime());
            let made = match bytes_to_blob(&t.bytes, mime) {
                Ok(blob) => canvas::flatten(&blob, t.dims, &ops).await,
                Err(_) => Err("the browser could not read the image".into()),
            };
            self.busy.set(false);
            let marked = match made {
                Ok(bytes) => Bytes::from(bytes),
                Err(reason) => {
                    self.notices
                        .fail_with("annotate", text!(annotate.failed, reason = reason));
                    return;
                }
            };
            let stem = t.name.rsplit_once('.').map_or(t.name.as_str(), |(s, _)| s);
            let name = format!("{stem}-marked.png");
            let mut problems = Vec::new();
            match (&t.source, with_original) {
                (Source::Result, true) => {
                    if let Err(m) = self.composer.add_reference(&t.name, t.bytes.clone()).await {
                        problems.push(m);
                    }
                }
                // The marked copy takes the reference's place.
                (Source::Reference(id), false) => self.remove_reference(*id),
                _ => {}
            }
            if let Err(m) = self.composer.add_reference(&name, marked).await {
                problems.push(m);
            }
            if with_original {
                self.composer.add_instruction(instruction);
            }
            self.target.set(None);
            self.kept.set_value(None);
            if problems.is_empty() {
                self.notices.error.set(None);
                self.notices
                    .status
                    .set(text!(annotate.added, name = name.clone()));
            } else {
                self.notices
                    .fail_with("reference", locale::joined(problems));
            }
        });
    }

    /// Sets up a region edit of the open image: the original, untouched, as a reference (at its full
    /// size unless a limit shrinks it), with `outline` a copy with the region outlined after it (both
    /// first among the references), `instruction` added to the prompt, and the region kept for the next
    /// Generate, which composites each answer back over the original.
    pub fn edit_region(
        self,
        ops: Vec<RegionOp>,
        (feather, colour_match): (u32, bool),
        outline: bool,
        instruction: String,
    ) {
        let Some(t) = self.target.get_untracked() else {
            return;
        };
        self.busy.set(true);
        self.tasks.spawn(async move {
            let mut problems = Vec::new();
            let present = |bytes: &Bytes| {
                self.composer
                    .references
                    .with_untracked(|r| r.iter().any(|i| i.original == bytes))
            };
            if !present(&t.bytes) {
                if let Err(m) = self.composer.add_reference(&t.name, t.bytes.clone()).await {
                    // Without the original there is nothing to edit: the editor stays open.
                    self.busy.set(false);
                    self.notices.fail_with("reference", m);
                    return;
                }
            }
            let mut outlined = None;
            if outline {
                let mime = sniff(&t.bytes).map_or("image/png", |k| k.mime());
                let made = match bytes_to_blob(&t.bytes, mime) {
                    Ok(blob) => region::outlined(&blob, &ops).await,
                    Err(_) => Err(region::RegionError::Failed(
                        "the browser could not read the image".into(),
                    )),
                };
                match made {
                    Ok(png) => {
                        let png = Bytes::from(png);
                        let stem = t.name.rsplit_once('.').map_or(t.name.as_str(), |(s, _)| s);
                        match self
                            .composer
                            .add_reference(&format!("{stem}-region.png"), png.clone())
                            .await
                        {
                            Ok(()) => outlined = Some(png),
                            Err(m) => problems.push(m),
                        }
                    }
                    Err(e) => {
                        let reason = e.reason();
                        problems.push(text!(region.outline_failed, reason = reason))
                    }
                }
            }
            self.busy.set(false);
            // The answer must come back in the original's shape to be put over it.
            self.composer.ask_shape(t.dims);
            // The original first, its outlined copy second: the instruction names them so.
            self.composer.references.update(|r| {
                r.sort_by_key(|i| {
                    if i.original == t.bytes {
                        0
                    } else if outlined.as_ref() == Some(&i.original) {
                        1
                    } else {
                        2
                    }
                })
            });
            self.composer.add_instruction(instruction);
            self.region.set(Some(std::sync::Arc::new(RegionEdit {
                name: t.name.clone(),
                original: t.bytes.clone(),
                dims: t.dims,
                ops,
                feather,
                colour_match,
                expand: None,
            })));
            self.target.set(None);
            if problems.is_empty() {
                self.notices.error.set(None);
            } else {
                self.notices
                    .fail_with("reference", locale::joined(problems));
            }
            self.notices
                .status
                .set(text!(region.ready, name = t.name.clone()));
        });
    }
}
