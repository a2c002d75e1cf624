//! The history as a ZIP: export (images, manifest, the parts they point to) and import without
//! duplicates.

use super::gallery::full_image_of;
use super::item::saved_item;
use super::History;
use crate::browser::blob_url::{self, bytes_to_blob};
use crate::browser::{clock, file, history_db, resize, tabs, BlobUrl};
use crate::locale::i18n::td_string;
use crate::locale::{self, Text};
use crate::studio::{archive, prompts};
use crate::text;
use leptos::prelude::*;

/// Entries read from the history at a time while exporting.
const EXPORT_PAGE: u32 = 200;
/// How long an export holds the page before it pauses for input and drawing.
const SLICE_MS: f64 = 12.0;
/// Manifest entries written between pauses.
const MANIFEST_STEP: usize = 500;

impl History {
    /// Downloads a ZIP of the given saved entries (all of them with `None`): images plus `manifest.json`.
    pub fn export(self, only: Option<Vec<String>>) {
        self.tasks.spawn(async move {
            let zipped = async {
                let db = self.db().await.map_err(|e| locale::history(&e))?;
                let total = match &only {
                    Some(ids) => ids.len(),
                    None => history_db::count(&db).await.unwrap_or(0) as usize,
                };
                // A page of entries at a time, a file at a time, with a pause whenever the page has been
                // held for a few milliseconds: a history of thousands never freezes it.
                let mut zip = archive::ExportWriter::new();
                // The archive leaves wasm memory a slice at a time, as Blobs joined at the end.
                let mut blobs: Vec<web_sys::Blob> = Vec::new();
                let slice_blob =
                    |bytes: &[u8]| bytes_to_blob(bytes, "").map_err(|_| text!(history.zip_failed));
                let mut keys: Vec<String> = Vec::new();
                let mut after: Option<String> = None;
                let mut held = clock::now_ms();
                loop {
                    let page = history_db::entries_after(&db, after.as_deref(), EXPORT_PAGE)
                        .await
                        .map_err(|e| locale::history(&e))?;
                    let Some(last) = page.last() else {
                        break;
                    };
                    after = Some(last.id.clone());
                    for entry in page {
                        if only.as_ref().is_some_and(|ids| !ids.contains(&entry.id)) {
                            continue;
                        }
                        let Ok(Some(blob)) = history_db::image(&db, &entry.id).await else {
                            continue;
                        };
                        let Ok(bytes) = file::read_bytes(&blob).await else {
                            continue;
                        };
                        zip.add_image(&entry, &bytes)
                            .map_err(|e| locale::archive(&e))?;
                        for slice in zip.take_slices() {
                            blobs.push(slice_blob(&slice)?);
                        }
                        keys.extend(entry.part_keys().map(str::to_string));
                        if clock::now_ms() - held > SLICE_MS {
                            let done = zip.images();
                            self.notices.status.set(text!(
                                history.exporting,
                                done = done,
                                total = total
                            ));
                            gloo_timers::future::TimeoutFuture::new(0).await;
                            held = clock::now_ms();
                        }
                    }
                }
                for (key, blob) in history_db::parts(&db, keys.iter().map(String::as_str))
                    .await
                    .map_err(|e| locale::history(&e))?
                {
                    let bytes = file::read_bytes(&blob)
                        .await
                        .map_err(|_| text!(history.file_unreadable))?;
                    zip.add_part(&key, &bytes)
                        .map_err(|e| locale::archive(&e))?;
                    for slice in zip.take_slices() {
                        blobs.push(slice_blob(&slice)?);
                    }
                }
                // The prompt library travels with every export, whole.
                let prompts = history_db::prompts::all(&db)
                    .await
                    .map_err(|e| locale::history(&e))?;
                zip.add_prompts(&prompts).map_err(|e| locale::archive(&e))?;
                // So are the collections (their members are listed in the entries).
                let collections = history_db::collections(&db)
                    .await
                    .map_err(|e| locale::history(&e))?;
                zip.add_collections(&collections)
                    .map_err(|e| locale::archive(&e))?;
                let count = zip.images();
                while !zip
                    .write_manifest(MANIFEST_STEP)
                    .map_err(|e| locale::archive(&e))?
                {
                    gloo_timers::future::TimeoutFuture::new(0).await;
                }
                for slice in zip.finish().map_err(|e| locale::archive(&e))? {
                    blobs.push(slice_blob(&slice)?);
                }
                let zip = blob_url::join(&blobs, "application/zip")
                    .map_err(|_| text!(history.zip_failed))?;
                Ok::<_, Text>((zip, count))
            }
            .await;
            match zipped {
                Ok((zip, count)) => {
                    let name = format!("banana-studio-history-{}.zip", clock::stamp());
                    match BlobUrl::from_blob(&zip) {
                        Ok(url) => {
                            download(&url, &name);
                            self.notices.status.set(text!(
                                history.exported,
                                n = count,
                                name = name.clone()
                            ));
                            // Keep the URL alive long enough for the download to start.
                            gloo_timers::callback::Timeout::new(60_000, move || drop(url)).forget();
                        }
                        Err(_) => self.notices.fail_with("history", text!(history.zip_failed)),
                    }
                }
                Err(message) => self.notices.fail_with("history", message),
            }
        });
    }

    /// Imports a ZIP made by [`export`]: entries already in the history are skipped, images are checked.
    pub fn import(self, zip: web_sys::File) {
        self.tasks.spawn(async move {
            let imported = async {
                let bytes = file::read_bytes(&zip)
                    .await
                    .map_err(|_| text!(history.file_unreadable))?;
                let found = archive::import(&bytes).map_err(|e| locale::archive(&e))?;
                let db = self.db().await.map_err(|e| locale::history(&e))?;
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
                    .map_err(|e| locale::history(&e))?;
                    tabs::tell(&tabs::Change::Saved(entry.id.clone()));
                    self.count_spent(&entry);
                    added.push(saved_item(entry, Some(full), None));
                }
                // Prompts new to the library join it; those it has stay as they are here.
                let known = history_db::prompts::all(&db)
                    .await
                    .map_err(|e| locale::history(&e))?;
                let new_prompts = prompts::merge(&known, found.prompts);
                history_db::prompts::put(&db, &new_prompts)
                    .await
                    .map_err(|e| locale::history(&e))?;
                if !new_prompts.is_empty() {
                    self.prompts_imported.update(|n| *n += 1);
                }
                // Collections new here join; one already here keeps its name.
                let known = history_db::collections(&db)
                    .await
                    .map_err(|e| locale::history(&e))?;
                let mut joined = false;
                for c in found.collections {
                    if !known.iter().any(|k| k.id == c.id) {
                        history_db::put_collection(&db, &c)
                            .await
                            .map_err(|e| locale::history(&e))?;
                        joined = true;
                    }
                }
                if joined {
                    tabs::tell(&tabs::Change::Collections);
                    self.load_collections();
                }
                Ok::<_, Text>((added, already, found.skipped, new_prompts.len()))
            }
            .await;
            match imported {
                Ok((added, already, skipped, prompts)) => {
                    let n = added.len();
                    self.merge(added);
                    self.notices.status.set(Text::new(move |l| {
                        let mut note = td_string!(l, history.imported, n).to_string();
                        if already > 0 {
                            note = td_string!(l, history.already, note, n = already).to_string();
                        }
                        if skipped > 0 {
                            note = td_string!(l, history.skipped, note, n = skipped).to_string();
                        }
                        if prompts > 0 {
                            note = td_string!(l, history.imported_prompts, note, n = prompts)
                                .to_string();
                        }
                        note
                    }));
                    self.refresh_usage().await;
                }
                Err(message) => self.notices.fail_with("history", message),
            }
        });
    }
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

/// Downloads `text` as the file `name` of type `mime` (the spend ledger's CSV).
pub fn download_text(text: &str, name: &str, mime: &str) {
    if let Ok(blob) = bytes_to_blob(text.as_bytes(), mime) {
        if let Ok(url) = BlobUrl::from_blob(&blob) {
            download(&url, name);
        }
    }
}
