//! The history as a ZIP: export (images, manifest, the parts they point to) and import without
//! duplicates.

use super::gallery::{full_image_of, merge, saved_item};
use super::{db, refresh_usage};
use crate::browser::blob_url::bytes_to_blob;
use crate::browser::{clock, file, history_db, resize, tabs, BlobUrl};
use crate::studio::archive;
use crate::text;
use crate::ui::i18n::td_string;
use crate::ui::messages::{self, Text};
use crate::ui::state::AppState;
use leptos::prelude::*;

/// Downloads a ZIP of the given saved entries (all of them with `None`): images plus `manifest.json`.
pub fn export(state: AppState, only: Option<Vec<String>>) {
    state.spawn(async move {
        let zipped = async {
            let db = db(state).await.map_err(|e| messages::history(&e))?;
            let mut entries = history_db::all(&db)
                .await
                .map_err(|e| messages::history(&e))?;
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
            for (key, blob) in history_db::parts(&db, keys)
                .await
                .map_err(|e| messages::history(&e))?
            {
                let bytes = file::read_bytes(&blob)
                    .await
                    .map_err(|_| text!(history.file_unreadable))?;
                parts.push((key, bytes));
            }
            let count = with_images.len();
            archive::export(&with_images, &parts)
                .map(|zip| (zip, count))
                .map_err(|e| messages::archive(&e))
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
                            .set(text!(history.exported, n = count, name = name.clone()));
                        // Keep the URL alive long enough for the download to start.
                        gloo_timers::callback::Timeout::new(60_000, move || drop(url)).forget();
                    }
                    _ => state.fail_with("history", text!(history.zip_failed)),
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
    state.spawn(async move {
        let imported = async {
            let bytes = file::read_bytes(&zip)
                .await
                .map_err(|_| text!(history.file_unreadable))?;
            let found = archive::import(&bytes).map_err(|e| messages::archive(&e))?;
            let db = db(state).await.map_err(|e| messages::history(&e))?;
            let (mut added, mut already) = (Vec::new(), 0);
            let unreadable = || text!(history.zip_image_unreadable);
            for (entry, image) in found.entries {
                if history_db::exists(&db, &entry.id).await.unwrap_or(false) {
                    already += 1;
                    continue;
                }
                let blob = bytes_to_blob(&image, &entry.mime).map_err(|_| unreadable())?;
                let Some(full) = full_image_of(image, &entry.mime, &blob) else {
                    continue;
                };
                let (w, h) =
                    crate::protocol::image::dimensions(&full.image.bytes).unwrap_or((0, 0));
                let thumb = resize::thumbnail(&blob, w, h).await.ok();
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
                .map_err(|e| messages::history(&e))?;
                tabs::tell(&tabs::Change::Saved(entry.id.clone()));
                added.push(saved_item(entry, Some(full), None));
            }
            Ok::<_, Text>((added, already, found.skipped))
        }
        .await;
        match imported {
            Ok((added, already, skipped)) => {
                let n = added.len();
                merge(state, added);
                state.status.set(Text::new(move |l| {
                    let mut note = td_string!(l, history.imported, n).to_string();
                    if already > 0 {
                        note = td_string!(l, history.already, note, n = already).to_string();
                    }
                    if skipped > 0 {
                        note = td_string!(l, history.skipped, note, n = skipped).to_string();
                    }
                    note
                }));
                refresh_usage(state).await;
            }
            Err(message) => state.fail_with("history", message),
        }
    });
}
