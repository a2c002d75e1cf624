//! The annotation editor's service: which image is open for marking up, and what Done does with the
//! marked copy (a reference, at full resolution, as PNG; optionally the clean original beside it and
//! an instruction that says what the marks mean). The marks themselves are `studio::annotate`'s.

use super::composer::Composer;
use super::history::History;
use super::notices::Notices;
use super::tasks::Tasks;
use crate::browser::{blob_url::bytes_to_blob, canvas, BlobUrl};
use crate::locale;
use crate::protocol::image::{displayed_dimensions, sniff};
use crate::studio::annotate::{Op, Sketch};
use crate::studio::region::RegionEdit;
use crate::text;
use bytes::Bytes;

mod region;

use leptos::prelude::*;
pub use region::RegionAsk;
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
    /// What the studio added to the references for the region edit pending (an outlined copy, a
    /// canvas, a crop, a result as the original): a new edit takes them away first.
    made: StoredValue<Vec<Bytes>>,
    /// The aspect ratio asked for before the pending edit asked for its own, and the one it asked
    /// for: ending the edit puts the first back unless the user changed it meanwhile.
    ratio: StoredValue<Option<(String, String)>>,
    /// A reference a detail edit's crop took the place of (its name and bytes): it comes back when
    /// the edit ends.
    replaced: StoredValue<Option<(String, Bytes)>>,
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
            made: StoredValue::new(Vec::new()),
            ratio: StoredValue::new(None),
            replaced: StoredValue::new(None),
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
        self.with_result(id, move |name, bytes| {
            let t = self.target_of(name, bytes, Source::Result);
            self.expanding.set(t);
        });
    }

    /// Runs `then` with a result's file name and full image (a saved one's read from the history
    /// first); says so when it cannot be read.
    fn with_result(self, id: u64, then: impl FnOnce(String, Bytes) + 'static) {
        self.tasks.spawn(async move {
            let name = self
                .history
                .results
                .with_untracked(|r| r.iter().find(|i| i.id == id).map(|i| i.file_name.clone()));
            match (self.history.load_full(id).await, name) {
                (Some(full), Some(name)) => then(name, full.image.bytes),
                _ => self
                    .notices
                    .fail_with("history", text!(annotate.unreadable, name = String::new())),
            }
        });
    }

    /// Opens a result (a saved one's full image is read from the history first).
    pub fn open_result(self, id: u64) {
        self.with_result(id, move |name, bytes| {
            self.open(name, bytes, Source::Result)
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
                self.end_region();
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
            let made = match blob_of(&t.bytes) {
                Ok(blob) => canvas::flatten(&blob, t.dims, &ops).await,
                Err(reason) => Err(reason),
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
            let name = format!("{}-marked.png", stem(&t.name));
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
}

/// A file name without its extension.
fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// `bytes` as a Blob of their image type, for the image worker.
fn blob_of(bytes: &[u8]) -> Result<web_sys::Blob, String> {
    let mime = sniff(bytes).map_or("image/png", |k| k.mime());
    bytes_to_blob(bytes, mime).map_err(|_| "the browser could not read the image".to_string())
}
