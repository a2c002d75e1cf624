//! Keeping results: each one saved to IndexedDB the moment it arrives, restored on the next visit, and
//! deleted with it. Failures keep the image on screen and say how to keep it.

use super::state::{next_id, AppState, ResultItem};
use crate::browser::blob_url::bytes_to_blob;
use crate::browser::clock;
use crate::browser::{file, history_db, storage_quota, BlobUrl};
use crate::protocol::error::human_size;
use crate::protocol::response::checked_image;
use crate::studio::{archive, HistoryEntry, Settings};
use bytes::Bytes;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rexie::Rexie;
use std::rc::Rc;
use std::sync::Arc;

/// How many of the newest entries are shown when the studio opens.
pub const RESTORE_LIMIT: u32 = 24;

async fn db(state: AppState) -> Result<Rc<Rexie>, history_db::HistoryError> {
    if let Some(db) = state.history.get_value() {
        return Ok(db);
    }
    let db = Rc::new(history_db::open().await?);
    state.history.set_value(Some(db.clone()));
    Ok(db)
}

/// Saves a result that has just arrived, and marks it as saved.
pub fn save(
    state: AppState,
    item: &ResultItem,
    settings: &Settings,
    prompt: &str,
    blob: web_sys::Blob,
) {
    let created_ms = js_sys::Date::now();
    let entry = HistoryEntry {
        id: HistoryEntry::make_id(created_ms, (item.id & 0xffff) as u16),
        created_ms,
        prompt: prompt.to_string(),
        settings: settings.clone(),
        caption: item.caption.clone(),
        usage: item.usage.clone(),
        seconds: item.seconds,
        mime: item.image.kind.mime().to_string(),
        file_name: item.file_name.clone(),
    };
    let id = item.id;
    spawn_local(async move {
        let saved = match db(state).await {
            Ok(db) => history_db::save(&db, &entry, &blob).await,
            Err(e) => Err(e),
        };
        match saved {
            Ok(()) => {
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

/// Shows the newest saved results below this session's.
pub fn restore(state: AppState) {
    load_older(state);
}

/// Shows the next page of saved results, older than the oldest one on the page.
pub fn load_older(state: AppState) {
    let oldest = state
        .results
        .with_untracked(|r| r.iter().filter_map(|i| i.entry_id.clone()).min());
    spawn_local(async move {
        let restored = async {
            let db = db(state).await?;
            let mut items = Vec::new();
            let page = history_db::older_than(&db, oldest.as_deref(), Some(RESTORE_LIMIT)).await?;
            state.more_history.set(page.len() == RESTORE_LIMIT as usize);
            for entry in page {
                let Some(blob) = history_db::image(&db, &entry.id).await? else {
                    continue;
                };
                let Ok(bytes) = file::read_bytes(&blob).await else {
                    continue;
                };
                items.extend(saved_item(entry, bytes, &blob));
            }
            Ok::<_, history_db::HistoryError>(items)
        }
        .await;
        match restored {
            Ok(items) => state.results.update(|r| r.extend(items)),
            Err(e) => state.fail_with("history", e.0),
        }
        refresh_usage(state).await;
    });
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

/// A result card for a saved entry; `None` if its bytes are not a displayable image.
fn saved_item(entry: HistoryEntry, bytes: Vec<u8>, blob: &web_sys::Blob) -> Option<ResultItem> {
    let image = checked_image(Bytes::from(bytes), &entry.mime).ok()?;
    let url = BlobUrl::from_blob(blob).ok()?;
    Some(ResultItem {
        id: next_id(),
        entry_id: Some(entry.id.clone()),
        prompt: entry.prompt,
        image,
        url: Arc::new(url),
        file_name: entry.file_name,
        caption: entry.caption,
        usage: entry.usage,
        grounding: Default::default(),
        model: entry.settings.model.clone(),
        seconds: entry.seconds,
        settings: entry.settings,
        conversation: None,
    })
}

/// Downloads a ZIP of the given saved entries (all of them with `None`): images plus `manifest.json`.
pub fn export(state: AppState, only: Option<Vec<String>>) {
    spawn_local(async move {
        let zipped = async {
            let db = db(state).await.map_err(|e| e.0)?;
            let mut entries = history_db::newest(&db, None).await.map_err(|e| e.0)?;
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
            let count = with_images.len();
            archive::export(&with_images).map(|zip| (zip, count))
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

fn download(url: &BlobUrl, name: &str) {
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
            for (entry, image) in found.entries {
                if history_db::exists(&db, &entry.id).await.unwrap_or(false) {
                    already += 1;
                    continue;
                }
                let blob = bytes_to_blob(&image, &entry.mime).map_err(|_| {
                    "The browser could not read an image of the archive.".to_string()
                })?;
                history_db::save(&db, &entry, &blob)
                    .await
                    .map_err(|e| e.0)?;
                if let Some(item) = saved_item(entry, image, &blob) {
                    added.push(item);
                }
            }
            Ok::<_, String>((added, already, found.skipped))
        }
        .await;
        match imported {
            Ok((added, already, skipped)) => {
                let n = added.len();
                state.results.update(|r| {
                    r.extend(added);
                    r.sort_by(|a, b| b.entry_id.cmp(&a.entry_id));
                });
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
pub fn keep_draft_references(state: AppState) {
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
