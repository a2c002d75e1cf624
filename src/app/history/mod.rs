//! The history service: each result saved to IndexedDB the moment it arrives (`save`), shown again on
//! the next visit as a gallery of thumbnails a page at a time (`gallery`), its totals kept in step
//! (`totals`), exported and imported as ZIP (`archive`), deleted. It owns the database handle and the
//! results on screen. Failures keep the image on screen and say how to keep it.

mod archive;
mod copy;
mod gallery;
mod item;
mod library;
mod totals;

pub use archive::{download, download_text};
pub use copy::can_copy;
pub use item::{Compared, FullImage, RegionResult, ResultItem};
pub use library::LedgerLine;

use super::notices::{Limit, Notices};
use super::tasks::Tasks;
use crate::browser::blob_url::bytes_to_blob;
use crate::browser::{history_db, resize, storage_quota, tabs};
use crate::locale::{self, Text};
use crate::studio::cost::Spent;
use crate::studio::library::{Collection, Filter};
use crate::studio::stored::{self, NewParts, StoredRef};
use crate::studio::HistoryEntry;
use bytes::Bytes;
use leptos::prelude::*;
use rexie::Rexie;
use std::rc::Rc;
use std::sync::Arc;

/// The opening of the history database, awaited by every user (a failure is kept, and told to each).
type Opening = futures::future::Shared<
    futures::future::LocalBoxFuture<'static, Result<Rc<Rexie>, history_db::HistoryError>>,
>;

/// The history service. `Copy`.
#[derive(Clone, Copy)]
pub struct History {
    /// The results on screen: this visit's first, then the saved ones paged in, newest first.
    pub results: RwSignal<Vec<ResultItem>>,
    /// Whether older saved results may be loaded.
    pub more: RwSignal<bool>,
    /// "12 images in the history · 35 MB of 2 GB used".
    pub storage_note: RwSignal<Text>,
    /// What every image in the history cost is worked out from, by entry id: read once (at idle), then
    /// kept in step with every save, import and delete, here and in other tabs. (A list, not a map: no
    /// hashing code in the first module.)
    pub spent: RwSignal<Vec<(String, Spent)>>,
    /// Bumped when an import added prompts to the library (`app::Library` reads it again).
    pub prompts_imported: RwSignal<u32>,
    /// The collections, oldest first.
    pub collections: RwSignal<Vec<Collection>>,
    /// What the stage shows: the search words and the filter beside them.
    pub filter: RwSignal<Filter>,
    /// The filter's fields are shown (the toolbar's button, the command palette).
    pub filter_open: RwSignal<bool>,
    /// How many saved results the filter lets through (`None` with no filter, or until counted).
    pub found: RwSignal<Option<usize>>,
    /// Whether more of the filter's matches may be read in.
    pub more_found: RwSignal<bool>,
    /// Bumped when a saved entry is added, deleted or marked (the filter's count is worked out again).
    pub changed: Trigger,
    /// The newest filter asked for (an older one's answer is dropped).
    finding: StoredValue<u32>,
    /// The database, opened once on first use and shared by everything that reads or writes it.
    db_handle: StoredValue<Option<Opening>, LocalStorage>,
    /// The id of the oldest entry the gallery has paged to, and whether a page is being read.
    cursor: StoredValue<(Option<String>, bool)>,
    /// Whether persistent storage was already requested this visit.
    persist_asked: StoredValue<bool>,
    notices: Notices,
    tasks: Tasks,
}

impl History {
    /// Nothing read yet: the database opens on first use.
    pub fn new(notices: Notices, tasks: Tasks) -> Self {
        History {
            results: RwSignal::new(Vec::new()),
            more: RwSignal::new(false),
            storage_note: RwSignal::new(Text::default()),
            spent: RwSignal::new(Vec::new()),
            prompts_imported: RwSignal::new(0),
            collections: RwSignal::new(Vec::new()),
            filter: RwSignal::new(Filter::default()),
            filter_open: RwSignal::new(false),
            found: RwSignal::new(None),
            more_found: RwSignal::new(false),
            changed: Trigger::new(),
            finding: StoredValue::new(0),
            db_handle: StoredValue::new_local(None),
            cursor: StoredValue::new((None, false)),
            persist_asked: StoredValue::new(false),
            notices,
            tasks,
        }
    }

    /// The history database: opened on first use, then shared by every reader and writer.
    /// The database, opened on first use (a refusal is noted once as "no history here").
    pub async fn db(self) -> Result<Rc<Rexie>, history_db::HistoryError> {
        use futures::FutureExt;
        let opening = self.db_handle.get_value().unwrap_or_else(|| {
            let opening = async { history_db::open().await.map(Rc::new) }
                .boxed_local()
                .shared();
            self.db_handle.set_value(Some(opening.clone()));
            opening
        });
        let opened = opening.await;
        if opened.is_err() {
            self.notices.note_limit(Limit::HistoryOff);
        }
        opened
    }

    /// Tells a history failure. One that could not open the history is told once, with what is off in this
    /// browser (`ui::limits`), not again at every save.
    pub(super) fn tell(self, e: &history_db::HistoryError) {
        if e.doing != history_db::Doing::Open {
            self.notices.fail_with("history", locale::history(e));
        }
    }

    /// Saves a result that has just arrived (with its thumbnail, references and conversation), and marks
    /// it as saved.
    pub fn save(
        self,
        item: &ResultItem,
        blob: web_sys::Blob,
        references: Arc<(Vec<StoredRef>, NewParts)>,
    ) {
        let Some(full) = item.full.clone() else {
            return;
        };
        let created_ms = item.created_ms;
        let (width, height) = item.dims.unwrap_or((0, 0));
        let (thread, thread_parts) = item.conversation.as_ref().map_or_else(
            || (Vec::new(), Vec::new()),
            |c| stored::store_turns(c, &full.image.bytes, &references.1),
        );
        let region = item.region.as_ref().map(|r| {
            stored::store_region(
                &r.raw.image.bytes,
                (&r.original_name, &r.original_bytes),
                r.mask.as_ref(),
                (r.misfit, r.kind == "expand", r.plan.clone()),
            )
        });
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
            region: region.as_ref().map(|(r, _)| r.clone()),
            favourite: item.favourite,
            collections: item.collections.clone(),
        };
        let id = item.id;
        self.tasks.spawn(async move {
            let region_parts = region
                .as_ref()
                .map(|(_, p)| p.as_slice())
                .unwrap_or_default();
            let parts = part_blobs(references.1.iter().chain(&thread_parts).chain(region_parts));
            let saved = match self.db().await {
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
                    self.add_thumbnail(entry.id.clone(), blob, (width, height));
                    self.results.update(|r| {
                        if let Some(i) = r.iter_mut().find(|i| i.id == id) {
                            i.entry_id = Some(entry.id.clone());
                        }
                    });
                    tabs::tell(&tabs::Change::Saved(entry.id.clone()));
                    self.keep_marks(id, &entry);
                    self.changed.notify();
                    self.count_spent(&entry);
                    if !self.persist_asked.get_value() {
                        self.persist_asked.set_value(true);
                        storage_quota::persist().await;
                    }
                    self.refresh_usage().await;
                }
                Err(e) => self.tell(&e),
            }
        });
    }

    /// Makes and stores the thumbnail of a saved entry after [`THUMB_AFTER_MS`]. A thumbnail the browser
    /// cannot make is no loss: the gallery then shows the full image, and tries again on the next visit.
    pub(super) fn add_thumbnail(self, id: String, image: web_sys::Blob, (w, h): (u32, u32)) {
        self.tasks.spawn(async move {
            gloo_timers::future::TimeoutFuture::new(THUMB_AFTER_MS).await;
            let Ok(thumb) = resize::thumbnail(&image, w, h).await else {
                return;
            };
            if let Ok(db) = self.db().await {
                let _ = history_db::save_thumb(&db, &id, &thumb).await;
            }
        });
    }

    /// Removes a result from the page and, when it was saved, from the history.
    pub fn delete(self, id: u64) {
        let entry_id = self.results.with_untracked(|r| {
            r.iter()
                .find(|i| i.id == id)
                .and_then(|i| i.entry_id.clone())
        });
        self.results.update(|r| r.retain(|i| i.id != id));
        if let Some(entry_id) = entry_id {
            self.tasks.spawn(async move {
                let deleted = match self.db().await {
                    Ok(db) => history_db::delete(&db, &entry_id).await,
                    Err(e) => Err(e),
                };
                match deleted {
                    Ok(()) => {
                        self.changed.notify();
                        self.uncount_spent(&entry_id);
                        tabs::tell(&tabs::Change::Deleted(entry_id));
                    }
                    Err(e) => self.tell(&e),
                }
                self.refresh_usage().await;
            });
        }
    }
}

/// How long after a result is shown its thumbnail is made.
const THUMB_AFTER_MS: u32 = 1500;

fn part_blobs<'a>(
    parts: impl Iterator<Item = &'a (String, Bytes)>,
) -> Vec<(String, web_sys::Blob)> {
    parts
        .filter_map(|(k, b)| Some((k.clone(), bytes_to_blob(b, "").ok()?)))
        .collect()
}

impl History {
    /// The references the form had on the last visit, as the user gave them (none when the history
    /// cannot be read).
    pub async fn draft(self) -> Vec<(String, web_sys::Blob)> {
        match self.db().await {
            Ok(db) => history_db::load_draft(&db).await.unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    }

    /// Keeps the form's references for the next visit (replacing the last copy); a failure is told.
    pub async fn keep_draft(self, refs: Vec<(String, web_sys::Blob)>) {
        if let Ok(db) = self.db().await {
            if let Err(e) = history_db::save_draft(&db, &refs).await {
                self.tell(&e);
            }
        }
    }
}

impl History {
    /// Reads a result's full image in the background (the comparison shows full sizes).
    pub fn read_full(self, id: u64) {
        self.tasks.spawn(async move {
            self.load_full(id).await;
        });
    }

    /// Runs `then` with a result's full image once it is read (a failure is told).
    pub fn with_full(self, id: u64, then: impl FnOnce(FullImage) + 'static) {
        self.tasks.spawn(async move {
            if let Some(full) = self.load_full(id).await {
                then(full);
            }
        });
    }
}
