//! The composer service: what the next Generate sends. The prompt (kept as a draft), the references
//! (checked, shrunk by the browser when over a limit, kept in their original form and as a draft in
//! the history for the next visit), and the conversation being continued when editing a result.
//! A dropped or pasted image that carries what made it is first offered (`found`).

mod found;

pub use found::Found;

use super::history::{History, ResultItem};
use super::notices::Notices;
use super::persisted::Persisted;
use super::prefs::Prefs;
use super::tasks::{next_id, Tasks};
use crate::browser::blob_url::bytes_to_blob;
use crate::browser::{file, resize, BlobUrl};
use crate::locale::i18n::td_string;
use crate::locale::{self, Text};
use crate::protocol::image::ImageKind;
use crate::protocol::{validate, Capabilities, Error, Reference, Turn};
use crate::studio::downscale::{Limits, Resized};
use crate::studio::made;
use crate::studio::Settings;
use crate::text;
use bytes::Bytes;
use leptos::prelude::*;
use std::sync::Arc;

const PROMPT: Persisted = Persisted::named("banana-studio.prompt");

/// A reference image on the form.
#[derive(Clone, Debug)]
pub struct RefItem {
    pub id: u64,
    pub name: String,
    /// The file as the user gave it: kept with the history, and fitted again when the limits change.
    pub original: Bytes,
    /// What is sent: the original, or a smaller copy that fits the limits.
    pub bytes: Bytes,
    /// The format of `bytes`.
    pub kind: ImageKind,
    /// What shrinking changed, when `bytes` is a smaller copy.
    pub resized: Option<Resized>,
    pub thumb: Arc<BlobUrl>,
}

/// The composer service. `Copy`.
#[derive(Clone, Copy)]
pub struct Composer {
    pub prompt: RwSignal<String>,
    pub references: RwSignal<Vec<RefItem>>,
    /// References being read or shrunk; Generate waits for none.
    pub preparing: RwSignal<u32>,
    /// The conversation being continued, when editing a result.
    pub editing: RwSignal<Option<Arc<Vec<Turn>>>>,
    /// Dropped or pasted images that carry their prompt and settings, waiting for the user's choice.
    pub found: RwSignal<Vec<Found>>,
    /// Bumped when the reference limits change, so an older refit stops.
    refit_round: StoredValue<u64>,
    /// Whether the draft references were read back; until then the form's (empty) list is not saved.
    draft_loaded: StoredValue<bool>,
    prefs: Prefs,
    notices: Notices,
    tasks: Tasks,
}

impl Composer {
    /// The prompt from the last visit; references come back with [`Composer::restore_draft`]. Made
    /// with the page (the first screen draws it); the history it keeps drafts in comes later.
    pub fn new(prefs: Prefs, notices: Notices, tasks: Tasks) -> Self {
        let composer = Composer {
            prompt: RwSignal::new(PROMPT.text().unwrap_or_default()),
            references: RwSignal::new(Vec::new()),
            preparing: RwSignal::new(0),
            editing: RwSignal::new(None),
            found: RwSignal::new(Vec::new()),
            refit_round: StoredValue::new(0),
            draft_loaded: StoredValue::new(false),
            prefs,
            notices,
            tasks,
        };
        Effect::new(move |_| {
            PROMPT.set_text(&composer.prompt.get(), notices);
        });
        composer
    }

    /// Reads files and adds the valid ones as references; each invalid one gets a message, and the valid
    /// ones around it are kept. With `offer` (dropped or pasted), an image that carries what made it is
    /// offered first: its prompt and settings, or as a reference ([`Composer::found`]).
    pub fn add_files(self, files: Vec<web_sys::File>, offer: bool) {
        if files.is_empty() {
            return;
        }
        self.tasks.spawn(async move {
            let mut problems = Vec::new();
            let mut left_out = Vec::new();
            let max = self
                .prefs
                .settings
                .with_untracked(|s| s.capabilities().max_references);
            for (i, f) in files.iter().enumerate() {
                let name = file::name_of(f, &format!("pasted-{}.png", i + 1));
                let full = || self.references.with_untracked(Vec::len) >= max;
                // Past the limit a file is only read when it may be offered for its prompt instead.
                if !offer && full() {
                    left_out.push(name);
                    continue;
                }
                let bytes = match file::read_bytes(f).await {
                    Ok(bytes) => Bytes::from(bytes),
                    Err(_) => {
                        problems.push(text!(refs.unreadable, name = name.clone()));
                        continue;
                    }
                };
                if offer {
                    if let Some(m) = made::read(&bytes) {
                        self.offer_found(name, bytes, m);
                        continue;
                    }
                }
                if full() {
                    left_out.push(name);
                    continue;
                }
                if let Err(message) = self.add_reference(&name, bytes).await {
                    problems.push(message);
                }
            }
            if !left_out.is_empty() {
                let (n, names) = (left_out.len(), left_out.join(", "));
                problems.push(if n == 1 {
                    text!(refs.left_out_one, max = max, n = n, names = names)
                } else {
                    text!(refs.left_out_many, max = max, n = n, names = names)
                });
            }
            if problems.is_empty() {
                self.notices.error.set(None);
            } else {
                self.notices
                    .fail_with("reference", locale::joined(problems));
            }
        });
    }

    /// Adds one image to the references if the current model takes it, shrunk to the current limits;
    /// otherwise says why not.
    pub async fn add_reference(self, name: &str, original: Bytes) -> Result<(), Text> {
        let count = self.references.with_untracked(Vec::len);
        let (caps, limits) = self
            .prefs
            .settings
            .with_untracked(|s| (s.capabilities(), s.reference_limits()));
        if count >= caps.max_references {
            return Err(locale::error(&Error::TooManyReferences {
                model: caps.model.clone(),
                given: count + 1,
                max: caps.max_references,
            }));
        }
        let twin = self.references.with_untracked(|r| {
            r.iter()
                .find(|i| i.original == original)
                .map(|i| i.name.clone())
        });
        if let Some(twin) = twin {
            let name = name.to_string();
            return Err(if twin == name {
                text!(refs.duplicate, name = name)
            } else {
                text!(refs.duplicate_as, name = name, twin = twin)
            });
        }
        let item = self
            .fitted(next_id(), name, original, count + 1, (&caps, &limits))
            .await?;
        self.references.update(|r| r.push(item));
        Ok(())
    }

    /// Puts a result back into the references (reading a saved one's image from the history first).
    pub fn use_as_reference(self, history: History, item: &ResultItem) {
        let (id, name) = (item.id, item.file_name.clone());
        self.tasks.spawn(async move {
            let Some(full) = history.load_full(id).await else {
                return;
            };
            match self.add_reference(&name, full.image.bytes.clone()).await {
                Ok(()) => self.notices.status.set(text!(refs.added)),
                Err(message) => self.notices.fail_with("reference", message),
            }
        });
    }

    /// Adds `instruction` to the prompt as a paragraph of its own (the whole prompt when it is empty).
    pub fn add_instruction(self, instruction: String) {
        self.prompt.update(|p| {
            *p = if p.trim().is_empty() {
                instruction
            } else {
                format!("{}\n\n{instruction}", p.trim_end())
            }
        });
    }

    /// Asks for `ratio` from now on (an expansion asks for its canvas's shape); says what was asked
    /// before.
    pub fn ask_ratio(self, ratio: &str) -> String {
        self.prefs
            .settings
            .try_update(|s| std::mem::replace(&mut s.aspect_ratio, ratio.to_string()))
            .unwrap_or_default()
    }

    /// The aspect ratio asked for now (empty: the model chooses).
    pub fn ratio(self) -> String {
        self.prefs
            .settings
            .with_untracked(|s| s.aspect_ratio.clone())
    }

    /// The aspect ratios the model in use offers.
    pub fn ratios(self) -> &'static [&'static str] {
        self.prefs
            .settings
            .with_untracked(|s| s.capabilities().aspect_ratios)
    }

    /// The same, tracked: a view follows the model.
    pub fn ratios_tracked(self) -> &'static [&'static str] {
        self.prefs.settings.with(|s| s.capabilities().aspect_ratios)
    }

    /// Asks for the aspect ratio of a `dims` image when the model offers it (within 1 %), else lets
    /// the model choose (a region edit's answer must come back in its original's shape); says what
    /// was asked before.
    pub fn ask_shape(self, dims: (u32, u32)) -> String {
        let ratio = crate::studio::region::ratio_of(dims, self.ratios()).unwrap_or_default();
        self.ask_ratio(ratio)
    }

    /// Removes one reference and says which bytes it held.
    pub fn remove_reference(self, id: u64) -> Option<Bytes> {
        self.references
            .try_update(|r| {
                let at = r.iter().position(|i| i.id == id)?;
                Some(r.remove(at).original)
            })
            .flatten()
    }

    /// Fits every reference again from its original after the limits changed (another provider, model
    /// or long edge). A newer change stops an older refit.
    pub fn refit_all(self, limits: Limits) {
        let round = self.refit_round.get_value() + 1;
        self.refit_round.set_value(round);
        let items: Vec<(u64, String, Bytes)> = self.references.with_untracked(|r| {
            r.iter()
                .map(|i| (i.id, i.name.clone(), i.original.clone()))
                .collect()
        });
        let caps = self.prefs.settings.with_untracked(Settings::capabilities);
        self.tasks.spawn(async move {
            let mut problems = Vec::new();
            for (index, (id, name, original)) in items.into_iter().enumerate() {
                let item = self
                    .fitted(id, &name, original, index + 1, (&caps, &limits))
                    .await;
                if self.refit_round.get_value() != round {
                    return;
                }
                match item {
                    Ok(item) => self.references.update(|r| {
                        if let Some(slot) = r.iter_mut().find(|i| i.id == id) {
                            *slot = item;
                        }
                    }),
                    // Kept as it was: Generate says the same, and the user decides what to remove.
                    Err(message) => problems.push(message),
                }
            }
            if !problems.is_empty() {
                self.notices
                    .fail_with("reference", locale::joined(problems));
            }
        });
    }

    /// The reference `original` as it will be sent to a model with `caps` under `limits`: checked, shrunk
    /// when over them, with its thumbnail. The form is told a reference is being prepared meanwhile, so
    /// Generate waits.
    async fn fitted(
        self,
        id: u64,
        name: &str,
        original: Bytes,
        index: usize,
        (caps, limits): (&Capabilities, &Limits),
    ) -> Result<RefItem, Text> {
        self.preparing.update(|n| *n += 1);
        self.notices
            .status
            .set(text!(refs.preparing, name = name.to_string()));
        let item = fit(id, name, original, index, caps, limits).await;
        self.preparing.update(|n| *n = n.saturating_sub(1));
        if self.preparing.get_untracked() == 0 {
            self.notices.status.set(Text::default());
        }
        item
    }

    /// Puts back the references the form had on the last visit, then keeps the stored copy in step with
    /// the form (in `history`).
    pub fn restore_draft(self, history: History) {
        self.tasks.spawn(async move {
            for (name, blob) in history.draft().await {
                if let Ok(bytes) = file::read_bytes(&blob).await {
                    // A reference the current model no longer takes is left out, not an error.
                    let _ = self.add_reference(&name, bytes.into()).await;
                }
            }
            self.draft_loaded.set_value(true);
            self.keep_draft(history);
        });
        Effect::new(move |_| {
            self.references.track();
            if self.draft_loaded.get_value() {
                self.keep_draft(history);
            }
        });
    }

    fn keep_draft(self, history: History) {
        // The originals: shrinking follows the limits in force when they are read back.
        let refs: Vec<(String, Bytes, &'static str)> = self.references.with_untracked(|r| {
            r.iter()
                .map(|i| {
                    let mime = Reference::new(i.name.as_str(), i.original.clone()).mime();
                    (i.name.clone(), i.original.clone(), mime)
                })
                .collect()
        });
        self.tasks.spawn(async move {
            let blobs: Vec<(String, web_sys::Blob)> = refs
                .into_iter()
                .filter_map(|(name, bytes, mime)| Some((name, bytes_to_blob(&bytes, mime).ok()?)))
                .collect();
            history.keep_draft(blobs).await;
        });
    }
}

async fn fit(
    id: u64,
    name: &str,
    original: Bytes,
    index: usize,
    caps: &Capabilities,
    limits: &Limits,
) -> Result<RefItem, Text> {
    let kind = validate::reference_kind(caps, index, &Reference::new(name, original.clone()))
        .map_err(|e| locale::error(&e))?;
    let (bytes, resized) = match resize::fit_reference(&original, kind, limits).await {
        Ok(Some((smaller, resized))) => (Bytes::from(smaller), Some(resized)),
        Ok(None) => (original.clone(), None),
        Err(why) => {
            let name = name.to_string();
            return Err(Text::new(move |l| {
                let why = locale::shrink_in(&why, l);
                td_string!(l, refs.not_shrunk, index, name = &name, why).to_string()
            }));
        }
    };
    let kind = validate::check_reference(caps, index, &Reference::new(name, bytes.clone()))
        .map_err(|e| locale::error(&e))?;
    let thumb = BlobUrl::new(&bytes, kind.mime())
        .map_err(|_| text!(refs.cannot_show, name = name.to_string()))?;
    Ok(RefItem {
        id,
        name: name.to_string(),
        original,
        bytes,
        kind,
        resized,
        thumb: Arc::new(thumb),
    })
}
