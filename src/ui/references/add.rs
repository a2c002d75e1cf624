//! Adding, fitting and removing references. Each file is checked against the model, shrunk by the
//! browser when over a limit (`browser::resize`), and kept in its original form for the history.

use crate::browser::{file, resize, BlobUrl};
use crate::locale::i18n::td_string;
use crate::locale::{self, Text};
use crate::protocol::{validate, Capabilities, Error, Reference};
use crate::studio::downscale::Limits;
use crate::studio::Settings;
use crate::text;
use crate::ui::history;
use crate::ui::state::{next_id, AppState, RefItem, ResultItem};
use bytes::Bytes;
use leptos::prelude::*;
use std::sync::Arc;

/// Reads files and adds the valid ones as references; each invalid one gets a message, and the valid
/// ones around it are kept.
pub fn add_files(state: AppState, files: Vec<web_sys::File>) {
    if files.is_empty() {
        return;
    }
    state.spawn(async move {
        let mut problems = Vec::new();
        let mut left_out = Vec::new();
        let max = state
            .settings
            .with_untracked(|s| s.capabilities().max_references);
        for (i, f) in files.iter().enumerate() {
            let name = file::name_of(f, &format!("pasted-{}.png", i + 1));
            if state.references.with_untracked(Vec::len) >= max {
                left_out.push(name);
                continue;
            }
            let result = match file::read_bytes(f).await {
                Ok(bytes) => add_reference(state, &name, bytes.into()).await,
                Err(_) => Err(text!(refs.unreadable, name = name.clone())),
            };
            if let Err(message) = result {
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
            state.error.set(None);
        } else {
            state.fail_with("reference", locale::joined(problems));
        }
    });
}

/// Adds one image to the references if the current model takes it, shrunk to the current limits;
/// otherwise says why not.
pub async fn add_reference(state: AppState, name: &str, original: Bytes) -> Result<(), Text> {
    let count = state.references.with_untracked(Vec::len);
    let (caps, limits) = state
        .settings
        .with_untracked(|s| (s.capabilities(), s.reference_limits()));
    if count >= caps.max_references {
        return Err(locale::error(&Error::TooManyReferences {
            model: caps.model.clone(),
            given: count + 1,
            max: caps.max_references,
        }));
    }
    let twin = state.references.with_untracked(|r| {
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
    let item = fitted(
        state,
        next_id(),
        name,
        original,
        count + 1,
        (&caps, &limits),
    )
    .await?;
    state.references.update(|r| r.push(item));
    Ok(())
}

/// Puts a result back into the references (reading a saved one's image from the history first).
pub fn use_as_reference(state: AppState, item: &ResultItem) {
    let (id, name) = (item.id, item.file_name.clone());
    state.spawn(async move {
        let Some(full) = history::load_full(state, id).await else {
            return;
        };
        match add_reference(state, &name, full.image.bytes.clone()).await {
            Ok(()) => state.status.set(text!(refs.added)),
            Err(message) => state.fail_with("reference", message),
        }
    });
}

/// Removes one reference (its thumbnail URL is revoked when the last handle goes).
pub fn remove_reference(state: AppState, id: u64) {
    state.references.update(|r| r.retain(|i| i.id != id));
}

/// Fits every reference again from its original after the limits changed (another provider, model
/// or long edge). A newer change stops an older refit.
pub fn refit_all(state: AppState, limits: Limits) {
    let round = state.refit_round.get_value() + 1;
    state.refit_round.set_value(round);
    let items: Vec<(u64, String, Bytes)> = state.references.with_untracked(|r| {
        r.iter()
            .map(|i| (i.id, i.name.clone(), i.original.clone()))
            .collect()
    });
    let caps = state.settings.with_untracked(Settings::capabilities);
    state.spawn(async move {
        let mut problems = Vec::new();
        for (index, (id, name, original)) in items.into_iter().enumerate() {
            let item = fitted(state, id, &name, original, index + 1, (&caps, &limits)).await;
            if state.refit_round.get_value() != round {
                return;
            }
            match item {
                Ok(item) => state.references.update(|r| {
                    if let Some(slot) = r.iter_mut().find(|i| i.id == id) {
                        *slot = item;
                    }
                }),
                // Kept as it was: Generate says the same, and the user decides what to remove.
                Err(message) => problems.push(message),
            }
        }
        if !problems.is_empty() {
            state.fail_with("reference", locale::joined(problems));
        }
    });
}

/// The reference `original` as it will be sent to a model with `caps` under `limits`: checked, shrunk
/// when over them, with its thumbnail. The form is told a reference is being prepared meanwhile, so
/// Generate waits.
async fn fitted(
    state: AppState,
    id: u64,
    name: &str,
    original: Bytes,
    index: usize,
    (caps, limits): (&Capabilities, &Limits),
) -> Result<RefItem, Text> {
    state.preparing.update(|n| *n += 1);
    state
        .status
        .set(text!(refs.preparing, name = name.to_string()));
    let item = fit(id, name, original, index, caps, limits).await;
    state.preparing.update(|n| *n = n.saturating_sub(1));
    if state.preparing.get_untracked() == 0 {
        state.status.set(Text::default());
    }
    item
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
