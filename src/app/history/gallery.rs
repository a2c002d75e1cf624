//! The gallery of saved results: a page of thumbnails at a time, search over the whole history, what
//! other tabs save and delete, and the full image (or conversation) read only when needed.

use super::item::{saved_item, FullImage, RegionResult, ResultItem};
use super::History;
use crate::browser::blob_url::bytes_to_blob;
use crate::browser::{file, history_db, tabs, BlobUrl};
use crate::locale::{self, Text};
use crate::protocol::response::checked_image;
use crate::protocol::Turn;
use crate::studio::stored;
use crate::studio::stored::StoredRegion;
use crate::text;
use bytes::Bytes;
use leptos::prelude::*;
use rexie::Rexie;
use std::sync::Arc;

/// How many entries one page of the gallery reads.
pub const PAGE: u32 = 24;

impl History {
    /// Shows the newest saved results below this session's, and follows what other tabs change.
    pub fn restore(self) {
        self.load_older();
        self.load_collections();
        tabs::listen(move |change| self.follow(change));
    }

    /// Shows what another tab changed in the history: its new results, without its deleted ones.
    fn follow(self, change: tabs::Change) {
        self.tasks.spawn(async move {
            match change {
                tabs::Change::Saved(id) => {
                    let Ok(db) = self.db().await else {
                        return;
                    };
                    let (Ok(Some(entry)), Ok(Some(blob))) = (
                        history_db::entry(&db, &id).await,
                        history_db::image(&db, &id).await,
                    ) else {
                        return;
                    };
                    // The full image (the tab that saved it makes the thumbnail).
                    self.count_spent(&entry);
                    if let Some(full) = full_image(&blob, &entry.mime).await {
                        self.merge(vec![saved_item(entry, Some(full), None)]);
                    }
                }
                tabs::Change::Deleted(id) => {
                    self.uncount_spent(&id);
                    self.results
                        .update(|r| r.retain(|i| i.entry_id.as_deref() != Some(id.as_str())));
                }
                tabs::Change::Marked(id) => {
                    if let Ok(db) = self.db().await {
                        if let Ok(Some(entry)) = history_db::entry(&db, &id).await {
                            self.follow_marks(entry);
                        }
                    }
                    return;
                }
                tabs::Change::Collections => {
                    self.load_collections();
                    return;
                }
            }
            self.refresh_usage().await;
        });
    }

    /// Shows the next page of saved results, older than the last page read. One page at a time.
    pub fn load_older(self) {
        let (cursor, busy) = self.cursor.get_value();
        if busy {
            return;
        }
        self.cursor.set_value((cursor.clone(), true));
        let first = cursor.is_none();
        self.tasks.spawn(async move {
            let restored = async {
                let db = self.db().await?;
                let page = history_db::page(&db, cursor.as_deref(), PAGE).await?;
                let oldest = page.last().map(|s| s.entry.id.clone()).or(cursor);
                self.more.set(page.len() == PAGE as usize);
                Ok::<_, history_db::HistoryError>((self.cards(&db, page).await, oldest))
            }
            .await;
            match restored {
                Ok((items, oldest)) => {
                    self.merge(items);
                    self.cursor.set_value((oldest, false));
                    if first {
                        // The totals read every entry: only once the first thumbnails are drawn.
                        self.load_totals();
                    }
                }
                Err(e) => {
                    self.cursor.set_value((None, false));
                    self.tell(&e);
                }
            }
            self.refresh_usage().await;
        });
    }

    /// Adds saved results not yet shown, keeping this visit's unsaved results first, then newest first.
    pub(super) fn merge(self, items: Vec<ResultItem>) {
        if items.is_empty() {
            return;
        }
        self.results.update(|r| {
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
    pub(super) async fn cards(self, db: &Rexie, saved: Vec<history_db::Saved>) -> Vec<ResultItem> {
        let mut items = Vec::with_capacity(saved.len());
        for history_db::Saved { entry, thumb } in saved {
            let item = match thumb.and_then(|t| BlobUrl::from_blob(&t).ok()) {
                Some(url) => Some(saved_item(entry, None, Some(Arc::new(url)))),
                None => match history_db::image(db, &entry.id).await {
                    Ok(Some(blob)) => full_image(&blob, &entry.mime).await.map(|full| {
                        let dims = crate::protocol::image::dimensions(&full.image.bytes);
                        if let Some(dims) = dims {
                            self.add_thumbnail(entry.id.clone(), blob, dims);
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

    /// The full image of a result: at hand for this visit's, read from the history for a saved one (and
    /// then kept on its card). `None`, with a message, when it cannot be read.
    pub async fn load_full(self, id: u64) -> Option<FullImage> {
        let (full, entry_id) = self.results.with_untracked(|r| {
            r.iter()
                .find(|i| i.id == id)
                .map(|i| (i.full.clone(), i.entry_id.clone()))
        })?;
        if full.is_some() {
            self.load_region(id).await;
            return full;
        }
        let entry_id = entry_id?;
        let read = async {
            let db = self.db().await.ok()?;
            let blob = history_db::image(&db, &entry_id).await.ok()??;
            let mime = self.results.with_untracked(|r| {
                r.iter()
                    .find(|i| i.id == id)
                    .map(|i| i.kind.mime().to_string())
            })?;
            full_image(&blob, &mime).await
        }
        .await;
        match &read {
            Some(full) => {
                self.results.update(|r| {
                    if let Some(i) = r.iter_mut().find(|i| i.id == id) {
                        i.dims = crate::protocol::image::dimensions(&full.image.bytes);
                        i.full = Some(full.clone());
                    }
                });
                self.load_region(id).await;
            }
            None => self.notices.fail_with("history", text!(history.image_lost)),
        }
        read
    }

    /// The editing conversation saved with a result, read back with its images.
    pub async fn load_thread(self, id: u64) -> Result<Arc<Vec<Turn>>, Text> {
        let lost = text!(history.thread_lost);
        let entry_id = self
            .results
            .with_untracked(|r| {
                r.iter()
                    .find(|i| i.id == id)
                    .and_then(|i| i.entry_id.clone())
            })
            .ok_or_else(|| lost.clone())?;
        let full = self.load_full(id).await.ok_or_else(|| lost.clone())?;
        let db = self.db().await.map_err(|e| locale::history(&e))?;
        let entry = history_db::entry(&db, &entry_id)
            .await
            .map_err(|e| locale::history(&e))?
            .ok_or_else(|| lost.clone())?;
        let mut parts = std::collections::HashMap::new();
        for (key, blob) in history_db::parts(&db, entry.part_keys())
            .await
            .map_err(|e| locale::history(&e))?
        {
            let bytes = file::read_bytes(&blob)
                .await
                .map_err(|_| text!(history.file_unreadable))?;
            parts.insert(key, Bytes::from(bytes));
        }
        stored::restore_turns(&entry.thread, &parts, &full.image.bytes)
            .filter(|t| !t.is_empty())
            .map(Arc::new)
            .ok_or(lost)
    }
}

impl History {
    /// Reads a saved region edit's raw answer, original and mask into its result, unless they are
    /// there already.
    pub async fn load_region(self, id: u64) {
        let stored = self.results.with_untracked(|r| {
            r.iter()
                .find(|i| i.id == id && i.region.is_none())
                .and_then(|i| i.saved_region.clone())
        });
        let Some(stored) = stored else {
            return;
        };
        match self.read_region(&stored).await {
            Some(region) => self.results.update(|r| {
                if let Some(i) = r.iter_mut().find(|i| i.id == id) {
                    i.region = Some(region);
                }
            }),
            None => self.notices.fail_with("history", text!(history.image_lost)),
        }
    }

    /// A saved region edit's raw answer, original and mask, read from the parts store.
    async fn read_region(self, stored: &StoredRegion) -> Option<Arc<RegionResult>> {
        let db = self.db().await.ok()?;
        let parts = history_db::parts(&db, stored.keys()).await.ok()?;
        let get = |key: &str| parts.iter().find(|(k, _)| k == key).map(|(_, b)| b.clone());
        let raw = full_image(&get(&stored.raw.key)?, &stored.raw.mime).await?;
        let original_bytes = Bytes::from(file::read_bytes(&get(&stored.original.key)?).await.ok()?);
        let typed = bytes_to_blob(&original_bytes, &stored.original.mime).ok()?;
        let original = Arc::new(BlobUrl::from_blob(&typed).ok()?);
        let mask = match stored.mask.as_ref().and_then(|m| get(&m.key)) {
            Some(blob) => file::read_bytes(&blob).await.ok().map(Bytes::from),
            None => None,
        };
        Some(Arc::new(RegionResult {
            raw,
            original_name: stored.original.name.clone(),
            original_bytes,
            original,
            mask,
            kind: if stored.expand { "expand" } else { "region" },
            misfit: stored.misfit,
            plan: stored.plan.clone(),
        }))
    }
}

/// Reads and checks a stored image.
async fn full_image(blob: &web_sys::Blob, mime: &str) -> Option<FullImage> {
    let bytes = file::read_bytes(blob).await.ok()?;
    full_image_of(bytes, mime, blob)
}

/// Checks image bytes already at hand and shows them from `blob`, which holds the same bytes.
pub(super) fn full_image_of(bytes: Vec<u8>, mime: &str, blob: &web_sys::Blob) -> Option<FullImage> {
    let image = checked_image(Bytes::from(bytes), mime).ok()?;
    let url = BlobUrl::from_blob(blob).ok()?;
    Some(FullImage {
        image,
        url: Arc::new(url),
    })
}
