//! Keeping results: each one saved to IndexedDB the moment it arrives (`save`), shown again on the next
//! visit as a gallery of thumbnails (`gallery`), exported and imported as ZIP (`archive`), and deleted
//! with it. Failures keep the image on screen and say how to keep it.

mod archive;
mod gallery;

pub use archive::{download, export, import};
pub use gallery::{load_full, load_older, load_thread, restore, search};

use super::i18n::td_string;
use super::state::{AppState, ResultItem};
use crate::browser::blob_url::bytes_to_blob;
use crate::browser::{file, history_db, resize, storage_quota, tabs};
use crate::locale::{self, Text};
use crate::protocol::error::human_size;
use crate::protocol::Reference;
use crate::studio::stored::{self, NewParts, StoredRef};
use crate::studio::HistoryEntry;
use bytes::Bytes;
use leptos::prelude::*;
use rexie::Rexie;
use std::rc::Rc;
use std::sync::Arc;

/// The history database: opened on first use, then shared by every reader and writer.
async fn db(state: AppState) -> Result<Rc<Rexie>, history_db::HistoryError> {
    use futures::FutureExt;
    let opening = state.history.get_value().unwrap_or_else(|| {
        let opening = async { history_db::open().await.map(Rc::new) }
            .boxed_local()
            .shared();
        state.history.set_value(Some(opening.clone()));
        opening
    });
    let opened = opening.await;
    if opened.is_err() {
        state.note_limit(super::limits::Limit::HistoryOff);
    }
    opened
}

/// Tells a history failure. One that could not open the history is told once, with what is off in this
/// browser (`ui::limits`), not again at every save.
fn tell(state: AppState, e: &history_db::HistoryError) {
    if e.doing != history_db::Doing::Open {
        state.fail_with("history", locale::history(e));
    }
}

/// Saves a result that has just arrived (with its thumbnail, references and conversation), and marks
/// it as saved.
pub fn save(
    state: AppState,
    item: &ResultItem,
    blob: web_sys::Blob,
    references: Arc<(Vec<StoredRef>, NewParts)>,
) {
    let Some(full) = item.full.clone() else {
        return;
    };
    let created_ms = js_sys::Date::now();
    let (width, height) = item.dims.unwrap_or((0, 0));
    let (thread, thread_parts) = item.conversation.as_ref().map_or_else(
        || (Vec::new(), Vec::new()),
        |c| stored::store_turns(c, &full.image.bytes, &references.1),
    );
    let entry = HistoryEntry {
        id: HistoryEntry::make_id(created_ms, (item.id & 0xffff) as u16),
        created_ms,
        prompt: item.prompt.clone(),
        settings: item.settings.clone(),
        caption: item.caption.clone(),
        usage: item.usage.clone(),
        answer_images: item.answer_images,
        seconds: item.seconds,
        mime: item.kind.mime().to_string(),
        file_name: item.file_name.clone(),
        width,
        height,
        references: references.0.clone(),
        thread,
    };
    let id = item.id;
    state.spawn(async move {
        let parts = part_blobs(references.1.iter().chain(&thread_parts));
        let saved = match db(state).await {
            Ok(db) => {
                history_db::save(
                    &db,
                    history_db::NewEntry {
                        entry: &entry,
                        image: &blob,
                        thumb: None,
                        parts: &parts,
                    },
                )
                .await
            }
            Err(e) => Err(e),
        };
        match saved {
            Ok(()) => {
                // Saved at once; the thumbnail follows once the image is on screen, so its decoding
                // does not compete with the one the user is waiting for.
                add_thumbnail(state, entry.id.clone(), blob, (width, height));
                state.results.update(|r| {
                    if let Some(i) = r.iter_mut().find(|i| i.id == id) {
                        i.entry_id = Some(entry.id.clone());
                    }
                });
                tabs::tell(&tabs::Change::Saved(entry.id.clone()));
                count_spent(state, &entry);
                if !state.persist_asked.get_value() {
                    state.persist_asked.set_value(true);
                    storage_quota::persist().await;
                }
                refresh_usage(state).await;
            }
            Err(e) => tell(state, &e),
        }
    });
}

/// How long after a result is shown its thumbnail is made.
const THUMB_AFTER_MS: u32 = 1500;

/// Makes and stores the thumbnail of a saved entry after [`THUMB_AFTER_MS`]. A thumbnail the browser
/// cannot make is no loss: the gallery then shows the full image, and tries again on the next visit.
fn add_thumbnail(state: AppState, id: String, image: web_sys::Blob, (w, h): (u32, u32)) {
    state.spawn(async move {
        gloo_timers::future::TimeoutFuture::new(THUMB_AFTER_MS).await;
        let Ok(thumb) = resize::thumbnail(&image, w, h).await else {
            return;
        };
        if let Ok(db) = db(state).await {
            let _ = history_db::save_thumb(&db, &id, &thumb).await;
        }
    });
}

fn part_blobs<'a>(
    parts: impl Iterator<Item = &'a (String, Bytes)>,
) -> Vec<(String, web_sys::Blob)> {
    parts
        .filter_map(|(k, b)| Some((k.clone(), bytes_to_blob(b, "").ok()?)))
        .collect()
}

/// Entries parsed between pauses when the history's totals are worked out.
const SPENT_SLICE: usize = 500;

/// Reads what every entry of the history cost (priced with the table as it is, so edits apply to
/// it too): once, when the page is idle, a slice at a time, so a long history holds up neither the
/// first thumbnails nor the page. Saves and deletes then keep it in step ([`count_spent`]).
fn load_totals(state: AppState) {
    use crate::browser::chunks::{after_paint, when_idle};
    state.spawn(async move {
        after_paint().await;
        when_idle(move || load_totals_now(state));
    });
}

fn load_totals_now(state: AppState) {
    state.spawn(async move {
        let Ok(db) = db(state).await else {
            return;
        };
        let Ok(stored) = history_db::all_stored(&db).await else {
            return;
        };
        let mut spent = Vec::with_capacity(stored.len());
        for slice in stored.chunks(SPENT_SLICE) {
            spent.extend(
                slice
                    .iter()
                    .filter_map(|json| HistoryEntry::from_json(json))
                    .map(|entry| (entry.id.clone(), entry.spent())),
            );
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
        // Entries saved meanwhile (a few at most) are counted already.
        state.history_spent.update(|h| {
            let meanwhile = std::mem::take(h);
            spent.retain(|(id, _)| !meanwhile.iter().any(|(m, _)| m == id));
            *h = spent;
            h.extend(meanwhile);
        });
    });
}

/// Counts a saved entry in the history's totals.
fn count_spent(state: AppState, entry: &HistoryEntry) {
    state.history_spent.update(|h| {
        h.retain(|(id, _)| *id != entry.id);
        h.push((entry.id.clone(), entry.spent()));
    });
}

/// Takes a deleted entry out of the history's totals.
fn uncount_spent(state: AppState, id: &str) {
    state.history_spent.update(|h| h.retain(|(k, _)| k != id));
}

/// Updates the line that says how much the history holds and how much room is left.
async fn refresh_usage(state: AppState) {
    let Ok(db) = db(state).await else {
        return;
    };
    let count = history_db::count(&db).await.unwrap_or(0);
    let usage = storage_quota::estimate()
        .await
        .map(|(used, quota)| (human_size(used as usize), human_size(quota as usize)));
    state.storage_note.set(Text::new(move |l| {
        let count = match count {
            1 => td_string!(l, history.count_one).to_string(),
            n => td_string!(l, history.count_many, n).to_string(),
        };
        match &usage {
            Some((used, quota)) => td_string!(l, history.usage, count, used, quota).to_string(),
            None => count,
        }
    }));
}

/// Removes a result from the page and, when it was saved, from the history.
pub fn delete(state: AppState, id: u64) {
    let entry_id = state.results.with_untracked(|r| {
        r.iter()
            .find(|i| i.id == id)
            .and_then(|i| i.entry_id.clone())
    });
    state.results.update(|r| r.retain(|i| i.id != id));
    if let Some(entry_id) = entry_id {
        state.spawn(async move {
            let deleted = match db(state).await {
                Ok(db) => history_db::delete(&db, &entry_id).await,
                Err(e) => Err(e),
            };
            match deleted {
                Ok(()) => {
                    uncount_spent(state, &entry_id);
                    tabs::tell(&tabs::Change::Deleted(entry_id));
                }
                Err(e) => tell(state, &e),
            }
            refresh_usage(state).await;
        });
    }
}

/// Puts back the references the form had on the last visit, then keeps the stored copy in step with
/// the form.
fn keep_draft_references(state: AppState) {
    state.spawn(async move {
        if let Ok(db) = db(state).await {
            if let Ok(refs) = history_db::load_draft(&db).await {
                for (name, blob) in refs {
                    if let Ok(bytes) = file::read_bytes(&blob).await {
                        // A reference the current model no longer takes is left out, not an error.
                        let _ = super::references::add_reference(state, &name, bytes.into()).await;
                    }
                }
            }
        }
        state.draft_loaded.set_value(true);
        save_draft_now(state);
    });
    Effect::new(move |_| {
        state.references.track();
        if state.draft_loaded.get_value() {
            save_draft_now(state);
        }
    });
}

fn save_draft_now(state: AppState) {
    // The originals: shrinking follows the limits in force when they are read back.
    let refs: Vec<(String, Bytes, &'static str)> = state.references.with_untracked(|r| {
        r.iter()
            .map(|i| {
                let mime = Reference::new(i.name.as_str(), i.original.clone()).mime();
                (i.name.clone(), i.original.clone(), mime)
            })
            .collect()
    });
    state.spawn(async move {
        let blobs: Vec<(String, web_sys::Blob)> = refs
            .into_iter()
            .filter_map(|(name, bytes, mime)| Some((name, bytes_to_blob(&bytes, mime).ok()?)))
            .collect();
        if let Ok(db) = db(state).await {
            if let Err(e) = history_db::save_draft(&db, &blobs).await {
                tell(state, &e);
            }
        }
    });
}
