//! Keeping results: each one saved to IndexedDB the moment it arrives, restored on the next visit, and
//! deleted with it. Failures keep the image on screen and say how to keep it.

use super::state::{next_id, AppState, FullImage, ResultItem};
use crate::browser::blob_url::bytes_to_blob;
use crate::browser::clock;
use crate::browser::{file, history_db, storage_quota, thumbnail, BlobUrl};
use crate::protocol::error::human_size;
use crate::protocol::image::ImageKind;
use crate::protocol::response::checked_image;
use crate::protocol::Turn;
use crate::studio::stored::{self, NewParts, StoredRef};
use crate::studio::{archive, HistoryEntry};
use bytes::Bytes;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rexie::Rexie;
use std::rc::Rc;
use std::sync::Arc;

/// How many entries one page of the gallery reads.
pub const PAGE: u32 = 24;
/// How many matches a search of the whole history shows at most.
const SEARCH_LIMIT: usize = 240;

async fn db(state: AppState) -> Result<Rc<Rexie>, history_db::HistoryError> {
    use futures::FutureExt;
    let opening = state.history.get_value().unwrap_or_else(|| {
        let opening = async { history_db::open().await.map(Rc::new) }
            .boxed_local()
            .shared();
        state.history.set_value(Some(opening.clone()));
        opening
    });
    opening.await
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
        seconds: item.seconds,
        mime: item.kind.mime().to_string(),
        file_name: item.file_name.clone(),
        width,
        height,
        references: references.0.clone(),
        thread,
    };
    let id = item.id;
    spawn_local(async move {
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
                add_thumbnail(
                    state,
                    entry.id.clone(),
                    blob,
                    (width, height),
                    THUMB_AFTER_MS,
                );
                state.results.update(|r| {
                    if let Some(i) = r.iter_mut().find(|i| i.id == id) {
                        i.entry_id = Some(entry.id.clone());
                    }
                });
                if !state.persist_asked.get_value() {
                    state.persist_asked.set_value(true);
                    storage_quota::persist().await;
                }
                refresh_usage(state).await;
            }
            Err(e) => state.fail_with("history", e.0),
        }
    });
}

/// How long after a result is shown its thumbnail is made.
const THUMB_AFTER_MS: u32 = 1500;

/// Makes and stores the thumbnail of a saved entry after `delay_ms`. A thumbnail the browser cannot
/// make is no loss: the gallery then shows the full image, and tries again on the next visit.
fn add_thumbnail(
    state: AppState,
    id: String,
    image: web_sys::Blob,
    (w, h): (u32, u32),
    delay_ms: u32,
) {
    spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(delay_ms).await;
        let Ok(thumb) = thumbnail::make(&image, w, h).await else {
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

/// Shows the newest saved results below this session's, and puts back the draft's references.
pub fn restore(state: AppState) {
    load_older(state);
    keep_draft_references(state);
}

/// Shows the next page of saved results, older than the last page read. One page at a time.
pub fn load_older(state: AppState) {
    let (cursor, busy) = state.history_cursor.get_value();
    if busy {
        return;
    }
    state.history_cursor.set_value((cursor.clone(), true));
    spawn_local(async move {
        let restored = async {
            let db = db(state).await?;
            let page = history_db::page(&db, cursor.as_deref(), PAGE).await?;
            let oldest = page.last().map(|s| s.entry.id.clone()).or(cursor);
            state.more_history.set(page.len() == PAGE as usize);
            Ok::<_, history_db::HistoryError>((cards(state, &db, page).await, oldest))
        }
        .await;
        match restored {
            Ok((items, oldest)) => {
                merge(state, items);
                state.history_cursor.set_value((oldest, false));
            }
            Err(e) => {
                state.history_cursor.set_value((None, false));
                state.fail_with("history", e.0);
            }
        }
        refresh_usage(state).await;
    });
}

/// Brings every saved entry matching `query` (up to a limit) into the results, so a search covers
/// the whole history and not only what has been scrolled to.
pub fn search(state: AppState, query: String) {
    if query.trim().is_empty() {
        return;
    }
    spawn_local(async move {
        let found = async {
            let db = db(state).await?;
            let (hits, total) = history_db::search(&db, &query, SEARCH_LIMIT).await?;
            let new: Vec<_> = state.results.with_untracked(|r| {
                hits.into_iter()
                    .filter(|h| !r.iter().any(|i| i.entry_id.as_ref() == Some(&h.entry.id)))
                    .collect()
            });
            Ok::<_, history_db::HistoryError>((cards(state, &db, new).await, total))
        }
        .await;
        match found {
            Ok((items, total)) => {
                merge(state, items);
                if total > SEARCH_LIMIT {
                    state.status.set(format!(
                        "Showing the newest {SEARCH_LIMIT} of {total} matches in the history; add words to narrow the search."
                    ));
                }
            }
            Err(e) => state.fail_with("history", e.0),
        }
    });
}

/// Adds saved results not yet shown, keeping this visit's unsaved results first, then newest first.
fn merge(state: AppState, items: Vec<ResultItem>) {
    if items.is_empty() {
        return;
    }
    state.results.update(|r| {
        for item in items {
            if !r
                .iter()
                .any(|i| i.entry_id.is_some() && i.entry_id == item.entry_id)
            {
                r.push(item);
            }
        }
        r.sort_by_key(|i| std::cmp::Reverse((i.entry_id.is_none(), i.entry_id.clone())));
    });
}

/// Result cards for saved entries: the thumbnail when there is one, else the full image.
/// Entries saved without a thumbnail get one made in the background.
async fn cards(state: AppState, db: &Rexie, saved: Vec<history_db::Saved>) -> Vec<ResultItem> {
    let mut items = Vec::with_capacity(saved.len());
    for history_db::Saved { entry, thumb } in saved {
        let item = match thumb.and_then(|t| BlobUrl::from_blob(&t).ok()) {
            Some(url) => Some(saved_item(entry, None, Some(Arc::new(url)))),
            None => match history_db::image(db, &entry.id).await {
                Ok(Some(blob)) => full_image(&entry, &blob).await.map(|full| {
                    let dims = crate::protocol::image::dimensions(&full.image.bytes);
                    if let Some(dims) = dims {
                        add_thumbnail(state, entry.id.clone(), blob, dims, THUMB_AFTER_MS);
                    }
                    saved_item(entry, Some(full), None)
                }),
                _ => None,
            },
        };
        items.extend(item);
    }
    items
}

/// Reads and checks a stored image.
async fn full_image(entry: &HistoryEntry, blob: &web_sys::Blob) -> Option<FullImage> {
    let bytes = file::read_bytes(blob).await.ok()?;
    let image = checked_image(Bytes::from(bytes), &entry.mime).ok()?;
    let url = BlobUrl::from_blob(blob).ok()?;
    Some(FullImage {
        image,
        url: Arc::new(url),
    })
}

/// The full image of a result: at hand for this visit's, read from the history for a saved one (and
/// then kept on its card). `None`, with a message, when it cannot be read.
pub async fn load_full(state: AppState, id: u64) -> Option<FullImage> {
    let (full, entry_id) = state.results.with_untracked(|r| {
        r.iter()
            .find(|i| i.id == id)
            .map(|i| (i.full.clone(), i.entry_id.clone()))
    })?;
    if full.is_some() {
        return full;
    }
    let entry_id = entry_id?;
    let read = async {
        let db = db(state).await.ok()?;
        let blob = history_db::image(&db, &entry_id).await.ok()??;
        let mime = state.results.with_untracked(|r| {
            r.iter()
                .find(|i| i.id == id)
                .map(|i| i.kind.mime().to_string())
        })?;
        let bytes = file::read_bytes(&blob).await.ok()?;
        let image = checked_image(Bytes::from(bytes), &mime).ok()?;
        Some(FullImage {
            image,
            url: Arc::new(BlobUrl::from_blob(&blob).ok()?),
        })
    }
    .await;
    match &read {
        Some(full) => state.results.update(|r| {
            if let Some(i) = r.iter_mut().find(|i| i.id == id) {
                i.dims = crate::protocol::image::dimensions(&full.image.bytes);
                i.full = Some(full.clone());
            }
        }),
        None => state.fail_with(
            "history",
            "This image could not be read back from the history; it may have been deleted in another tab. Reload the page to see the history as it is now.",
        ),
    }
    read
}

/// The editing conversation saved with a result, read back with its images.
pub async fn load_thread(state: AppState, id: u64) -> Result<Arc<Vec<Turn>>, String> {
    let lost = "The conversation of this image could not be read back from the history, so it cannot be continued. Use the image as a reference instead.".to_string();
    let entry_id = state
        .results
        .with_untracked(|r| {
            r.iter()
                .find(|i| i.id == id)
                .and_then(|i| i.entry_id.clone())
        })
        .ok_or_else(|| lost.clone())?;
    let full = load_full(state, id).await.ok_or_else(|| lost.clone())?;
    let db = db(state).await.map_err(|e| e.0)?;
    let entry = history_db::entry(&db, &entry_id)
        .await
        .map_err(|e| e.0)?
        .ok_or_else(|| lost.clone())?;
    let mut parts = std::collections::HashMap::new();
    for (key, blob) in history_db::parts(&db, entry.part_keys())
        .await
        .map_err(|e| e.0)?
    {
        let bytes = file::read_bytes(&blob).await?;
        parts.insert(key, Bytes::from(bytes));
    }
    stored::restore_turns(&entry.thread, &parts, &full.image.bytes)
        .filter(|t| !t.is_empty())
        .map(Arc::new)
        .ok_or(lost)
}

/// Updates the line that says how much the history holds and how much room is left.
async fn refresh_usage(state: AppState) {
    let count = match db(state).await {
        Ok(db) => history_db::count(&db).await.unwrap_or(0),
        Err(_) => return,
    };
    let mut note = match count {
        1 => "1 image in the history".to_string(),
        n => format!("{n} images in the history"),
    };
    if let Some((used, quota)) = storage_quota::estimate().await {
        note.push_str(&format!(
            " · {} of {} used",
            human_size(used as usize),
            human_size(quota as usize)
        ));
    }
    state.storage_note.set(note);
}

/// A result card for a saved entry.
fn saved_item(
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
        grounding: Default::default(),
        model: entry.settings.model.clone(),
        seconds: entry.seconds,
        settings: entry.settings,
        conversation: None,
        saved_thread: !entry.thread.is_empty(),
    }
}

/// Downloads a ZIP of the given saved entries (all of them with `None`): images plus `manifest.json`.
pub fn export(state: AppState, only: Option<Vec<String>>) {
    spawn_local(async move {
        let zipped = async {
            let db = db(state).await.map_err(|e| e.0)?;
            let mut entries = history_db::all(&db).await.map_err(|e| e.0)?;
            if let Some(ids) = &only {
                entries.retain(|e| ids.contains(&e.id));
            }
            let mut with_images = Vec::with_capacity(entries.len());
            for entry in entries {
                if let Ok(Some(blob)) = history_db::image(&db, &entry.id).await {
                    if let Ok(bytes) = file::read_bytes(&blob).await {
                        with_images.push((entry, bytes));
                    }
                }
            }
            let keys = with_images.iter().flat_map(|(e, _)| e.part_keys());
            let mut parts = Vec::new();
            for (key, blob) in history_db::parts(&db, keys).await.map_err(|e| e.0)? {
                parts.push((key, file::read_bytes(&blob).await?));
            }
            let count = with_images.len();
            archive::export(&with_images, &parts).map(|zip| (zip, count))
        }
        .await;
        match zipped {
            Ok((zip, count)) => {
                let name = format!("banana-studio-history-{}.zip", clock::stamp());
                match bytes_to_blob(&zip, "application/zip").map(|b| BlobUrl::from_blob(&b)) {
                    Ok(Ok(url)) => {
                        download(&url, &name);
                        state
                            .status
                            .set(format!("Exported {count} images to {name}."));
                        // Keep the URL alive long enough for the download to start.
                        gloo_timers::callback::Timeout::new(60_000, move || drop(url)).forget();
                    }
                    _ => state.fail_with(
                        "history",
                        "The browser could not prepare the ZIP; it may be out of memory.",
                    ),
                }
            }
            Err(message) => state.fail_with("history", message),
        }
    });
}

/// Starts the download of a `blob:` URL under `name`.
pub fn download(url: &BlobUrl, name: &str) {
    use wasm_bindgen::JsCast;
    let Some(a) = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    a.set_href(url.url());
    a.set_download(name);
    a.click();
}

/// Imports a ZIP made by [`export`]: entries already in the history are skipped, images are checked.
pub fn import(state: AppState, zip: web_sys::File) {
    spawn_local(async move {
        let imported = async {
            let bytes = file::read_bytes(&zip).await?;
            let found = archive::import(&bytes)?;
            let db = db(state).await.map_err(|e| e.0)?;
            let (mut added, mut already) = (Vec::new(), 0);
            let unreadable = || "The browser could not read an image of the archive.".to_string();
            for (entry, image) in found.entries {
                if history_db::exists(&db, &entry.id).await.unwrap_or(false) {
                    already += 1;
                    continue;
                }
                let blob = bytes_to_blob(&image, &entry.mime).map_err(|_| unreadable())?;
                let Some(full) = full_image(&entry, &blob).await else {
                    continue;
                };
                let (w, h) =
                    crate::protocol::image::dimensions(&full.image.bytes).unwrap_or((0, 0));
                let thumb = thumbnail::make(&blob, w, h).await.ok();
                let mut parts = Vec::new();
                for key in entry.part_keys() {
                    if let Some((_, bytes)) = found.parts.iter().find(|(k, _)| k == key) {
                        parts.push((
                            key.to_string(),
                            bytes_to_blob(bytes, "").map_err(|_| unreadable())?,
                        ));
                    }
                }
                history_db::save(
                    &db,
                    history_db::NewEntry {
                        entry: &entry,
                        image: &blob,
                        thumb: thumb.as_ref(),
                        parts: &parts,
                    },
                )
                .await
                .map_err(|e| e.0)?;
                added.push(saved_item(entry, Some(full), None));
            }
            Ok::<_, String>((added, already, found.skipped))
        }
        .await;
        match imported {
            Ok((added, already, skipped)) => {
                let n = added.len();
                merge(state, added);
                let mut note = format!("Imported {n} images.");
                if already > 0 {
                    note.push_str(&format!(" {already} were already in the history."));
                }
                if skipped > 0 {
                    note.push_str(&format!(" {skipped} could not be read and were left out."));
                }
                state.status.set(note);
                refresh_usage(state).await;
            }
            Err(message) => state.fail_with("history", message),
        }
    });
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
        spawn_local(async move {
            let deleted = match db(state).await {
                Ok(db) => history_db::delete(&db, &entry_id).await,
                Err(e) => Err(e),
            };
            if let Err(e) = deleted {
                state.fail_with("history", e.0);
            }
            refresh_usage(state).await;
        });
    }
}

/// Puts back the references the form had on the last visit, then keeps the stored copy in step with
/// the form.
fn keep_draft_references(state: AppState) {
    spawn_local(async move {
        if let Ok(db) = db(state).await {
            if let Ok(refs) = history_db::load_draft(&db).await {
                for (name, blob) in refs {
                    if let Ok(bytes) = file::read_bytes(&blob).await {
                        // A reference the current model no longer takes is left out, not an error.
                        let _ = super::actions::add_reference(state, &name, bytes);
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
    let refs: Vec<(String, Bytes, &'static str)> = state.references.with_untracked(|r| {
        r.iter()
            .map(|i| (i.name.clone(), i.bytes.clone(), i.kind.mime()))
            .collect()
    });
    spawn_local(async move {
        let blobs: Vec<(String, web_sys::Blob)> = refs
            .into_iter()
            .filter_map(|(name, bytes, mime)| Some((name, bytes_to_blob(&bytes, mime).ok()?)))
            .collect();
        if let Ok(db) = db(state).await {
            if let Err(e) = history_db::save_draft(&db, &blobs).await {
                state.fail_with("history", e.0);
            }
        }
    });
}
