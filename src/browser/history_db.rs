//! The history in IndexedDB (through `rexie`): entries as JSON, images, thumbnails and the parts they
//! point to as Blobs, each entry written in one transaction so that no half-written entry can exist.
//!
//! Some browsers refuse Blobs in IndexedDB (WebKit in private windows and in automation: "Error
//! preparing Blob/File data to be stored in object store"). After the first refusal the studio keeps
//! images as `{ type, bytes }` records with an `ArrayBuffer`, which every engine stores; reads take both.

use crate::studio::HistoryEntry;
use rexie::{Direction, ObjectStore, Rexie, TransactionMode};
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Set once this browser has refused a Blob in IndexedDB: images are then stored as byte records.
static BLOBS_REFUSED: AtomicBool = AtomicBool::new(false);

/// Whether images are kept as byte records because this browser refuses Blobs in IndexedDB.
fn blobs_refused() -> bool {
    BLOBS_REFUSED.load(Ordering::Relaxed)
}

/// The browser's reason for a failure: rexie's own message is only "idb error", the reason is in the
/// inner error.
fn reason(e: &rexie::Error) -> String {
    match e {
        rexie::Error::IdbError(inner) => inner.to_string(),
        other => other.to_string(),
    }
}

/// Whether a failed write was the browser refusing a Blob (then it is worth trying again with bytes).
fn refused_blob(e: &rexie::Error) -> bool {
    let detail = reason(e);
    detail.contains("Blob") || detail.contains("DataCloneError")
}

/// `blob` as IndexedDB should keep it here: the Blob itself, or its bytes once Blobs were refused.
/// (Read before the transaction opens: a transaction does not outlive an await on anything else.)
async fn storable(blob: &web_sys::Blob) -> JsValue {
    if !blobs_refused() {
        return blob.into();
    }
    // Should the bytes not be readable, the Blob goes in and its refusal is the message.
    let Ok(bytes) = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await else {
        return blob.into();
    };
    let record = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&record, &JsValue::from_str(k), v);
    let _ = set("type", &JsValue::from_str(&blob.type_()));
    let _ = set("bytes", &bytes);
    record.into()
}

/// Runs a write; when the browser refuses Blobs, runs it once more with byte records.
async fn with_fallback<F, Fut>(write: F) -> Result<(), rexie::Error>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<(), rexie::Error>>,
{
    match write().await {
        Err(e) if !blobs_refused() && refused_blob(&e) => {
            BLOBS_REFUSED.store(true, Ordering::Relaxed);
            write().await
        }
        done => done,
    }
}

/// A stored image as a Blob, whichever way it was kept.
fn blob_of(value: JsValue) -> Option<web_sys::Blob> {
    if let Some(blob) = value.dyn_ref::<web_sys::Blob>() {
        return Some(blob.clone());
    }
    let get = |k: &str| js_sys::Reflect::get(&value, &JsValue::from_str(k)).ok();
    let bytes = get("bytes")?.dyn_into::<js_sys::ArrayBuffer>().ok()?;
    let kind = get("type").and_then(|t| t.as_string()).unwrap_or_default();
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&kind);
    web_sys::Blob::new_with_buffer_source_sequence_and_options(
        &js_sys::Array::of1(&bytes),
        &options,
    )
    .ok()
}

const DB: &str = "banana-studio";
const ENTRIES: &str = "entries";
const IMAGES: &str = "images";
/// Small WebP copies for the gallery, by entry id.
const THUMBS: &str = "thumbs";
/// Reference and conversation images, by content key, shared by the entries that use them.
const PARTS: &str = "parts";
/// The references on the form, so the draft survives a reload.
const DRAFT: &str = "draft-references";

/// What the studio was doing with the history when it failed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Doing {
    Open,
    Save,
    SaveThumb,
    Read,
    Search,
    ReadImage,
    ReadReferences,
    Delete,
    KeepDraft,
    ReadDraft,
}

impl Doing {
    /// The action in English words, as in "Could not read the history".
    pub fn words(self) -> &'static str {
        match self {
            Doing::Open => "open the history",
            Doing::Save => "save the image to the history",
            Doing::SaveThumb => "save a thumbnail to the history",
            Doing::Read => "read the history",
            Doing::Search => "search the history",
            Doing::ReadImage => "read an image from the history",
            Doing::ReadReferences => "read the references from the history",
            Doing::Delete => "delete from the history",
            Doing::KeepDraft => "keep the references for the next visit",
            Doing::ReadDraft => "read the saved references",
        }
    }
}

/// Why the history could not be read or written. `Display` is the English message for the alert
/// region (`locale::history` translates it).
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryError {
    pub doing: Doing,
    /// The browser's storage for the site is full.
    pub full: bool,
    /// The browser's reason.
    pub detail: String,
}

impl HistoryError {
    fn from(doing: Doing, e: rexie::Error) -> Self {
        let detail = reason(&e);
        let full = detail.contains("Quota")
            || detail.contains("quota")
            || matches!(e, rexie::Error::TransactioncommitFailed);
        HistoryError {
            doing,
            full,
            detail,
        }
    }
}

impl std::fmt::Display for HistoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let action = self.doing.words();
        if self.full {
            write!(f, "Could not {action}: this browser's storage for the studio is full. The image is still shown; download it, or keep the history elsewhere with \u{201c}Export all (ZIP)\u{201d} and then delete older entries.")
        } else {
            write!(
                f,
                "Could not {action} ({}). The image is still shown; download it to keep it.",
                self.detail
            )
        }
    }
}

/// Opens (and on first use creates or upgrades) the database.
pub async fn open() -> Result<Rexie, HistoryError> {
    Rexie::builder(DB)
        .version(3)
        .add_object_store(ObjectStore::new(ENTRIES))
        .add_object_store(ObjectStore::new(IMAGES))
        .add_object_store(ObjectStore::new(THUMBS))
        .add_object_store(ObjectStore::new(PARTS))
        .add_object_store(ObjectStore::new(DRAFT))
        .build()
        .await
        .map_err(|e| HistoryError::from(Doing::Open, e))
}

/// A saved entry as the gallery shows it: its JSON and, when one was made, its thumbnail.
pub struct Saved {
    pub entry: HistoryEntry,
    pub thumb: Option<web_sys::Blob>,
}

/// What one result writes: the entry, its image, its thumbnail, and the reference and conversation
/// images it points to (by key; those already stored are not written again).
pub struct NewEntry<'a> {
    pub entry: &'a HistoryEntry,
    pub image: &'a web_sys::Blob,
    pub thumb: Option<&'a web_sys::Blob>,
    pub parts: &'a [(String, web_sys::Blob)],
}

/// Saves an entry with everything it needs, all or nothing (the transaction is aborted on any failure).
pub async fn save(db: &Rexie, new: NewEntry<'_>) -> Result<(), HistoryError> {
    with_fallback(|| save_once(db, &new))
        .await
        .map_err(|e| HistoryError::from(Doing::Save, e))
}

async fn save_once(db: &Rexie, new: &NewEntry<'_>) -> Result<(), rexie::Error> {
    let image = storable(new.image).await;
    let thumb = match new.thumb {
        Some(t) => Some(storable(t).await),
        None => None,
    };
    let mut parts = Vec::with_capacity(new.parts.len());
    for (k, blob) in new.parts {
        parts.push((JsValue::from_str(k), storable(blob).await));
    }
    let tx = db.transaction(
        &[ENTRIES, IMAGES, THUMBS, PARTS],
        TransactionMode::ReadWrite,
    )?;
    let written = async {
        let key = JsValue::from_str(&new.entry.id);
        let store = tx.store(PARTS)?;
        for (k, value) in &parts {
            if !store.key_exists(k.clone()).await? {
                store.put(value, Some(k)).await?;
            }
        }
        tx.store(IMAGES)?.put(&image, Some(&key)).await?;
        if let Some(thumb) = &thumb {
            tx.store(THUMBS)?.put(thumb, Some(&key)).await?;
        }
        tx.store(ENTRIES)?
            .put(&JsValue::from_str(&new.entry.to_json()), Some(&key))
            .await?;
        Ok(())
    }
    .await;
    commit_or_abort(tx, written).await
}

/// Adds the thumbnail of an entry saved without one (made after the image is on screen).
pub async fn save_thumb(db: &Rexie, id: &str, thumb: &web_sys::Blob) -> Result<(), HistoryError> {
    with_fallback(|| async {
        let thumb = storable(thumb).await;
        let tx = db.transaction(&[ENTRIES, THUMBS], TransactionMode::ReadWrite)?;
        let key = JsValue::from_str(id);
        let written = async {
            // Not for an entry deleted in the meantime.
            if tx.store(ENTRIES)?.key_exists(key.clone()).await? {
                tx.store(THUMBS)?.put(&thumb, Some(&key)).await?;
            }
            Ok(())
        }
        .await;
        commit_or_abort(tx, written).await
    })
    .await
    .map_err(|e| HistoryError::from(Doing::SaveThumb, e))
}

/// A transaction on one store, and that store.
fn one_store(
    db: &Rexie,
    name: &str,
    mode: TransactionMode,
) -> Result<(rexie::Transaction, rexie::Store), rexie::Error> {
    let tx = db.transaction(&[name], mode)?;
    let store = tx.store(name)?;
    Ok((tx, store))
}

/// Commits after every write succeeded; aborts (so nothing is half-written) after any failure.
async fn commit_or_abort(
    tx: rexie::Transaction,
    written: Result<(), rexie::Error>,
) -> Result<(), rexie::Error> {
    match written {
        // A quota error often shows only here, as an aborted transaction.
        Ok(()) => match tx.done().await? {
            r if r.is_committed() => Ok(()),
            _ => Err(rexie::Error::TransactioncommitFailed),
        },
        Err(e) => {
            let _ = tx.abort().await;
            Err(e)
        }
    }
}

/// Whether an entry with this id is stored.
pub async fn exists(db: &Rexie, id: &str) -> Result<bool, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::Read, e);
    let (_tx, store) = one_store(db, ENTRIES, TransactionMode::ReadOnly).map_err(fail)?;
    store.key_exists(JsValue::from_str(id)).await.map_err(fail)
}

/// One entry, by id.
pub async fn entry(db: &Rexie, id: &str) -> Result<Option<HistoryEntry>, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::Read, e);
    let (_tx, store) = one_store(db, ENTRIES, TransactionMode::ReadOnly).map_err(fail)?;
    let value = store.get(JsValue::from_str(id)).await.map_err(fail)?;
    Ok(value
        .and_then(|v| v.as_string())
        .and_then(|s| HistoryEntry::from_json(&s)))
}

/// How many entries there are.
pub async fn count(db: &Rexie) -> Result<u32, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::Read, e);
    let (_tx, store) = one_store(db, ENTRIES, TransactionMode::ReadOnly).map_err(fail)?;
    store.count(None).await.map_err(fail)
}

/// Every entry as stored (its JSON), oldest first, for the caller to parse a slice at a time.
pub async fn all_stored(db: &Rexie) -> Result<Vec<String>, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::Read, e);
    let (_tx, store) = one_store(db, ENTRIES, TransactionMode::ReadOnly).map_err(fail)?;
    let rows = store.get_all(None, None).await.map_err(fail)?;
    Ok(rows.into_iter().filter_map(|v| v.as_string()).collect())
}

/// Up to `limit` entries after the entry `after` (from the oldest with `None`), oldest first: the
/// history read a page at a time (export).
pub async fn entries_after(
    db: &Rexie,
    after: Option<&str>,
    limit: u32,
) -> Result<Vec<HistoryEntry>, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::Read, e);
    let range = past(after, Side::After).map_err(fail)?;
    let (_tx, store) = one_store(db, ENTRIES, TransactionMode::ReadOnly).map_err(fail)?;
    let rows = store.get_all(range, Some(limit)).await.map_err(fail)?;
    Ok(parsed(rows.into_iter()))
}

/// Which keys [`past`] keeps: those before the given one, or after it.
enum Side {
    Before,
    After,
}

/// The keys on one side of `id`, itself left out; every key with `None`.
fn past(id: Option<&str>, side: Side) -> Result<Option<rexie::KeyRange>, rexie::Error> {
    let Some(id) = id else {
        return Ok(None);
    };
    let key = JsValue::from_str(id);
    let range = match side {
        Side::Before => rexie::KeyRange::upper_bound(&key, Some(true)),
        Side::After => rexie::KeyRange::lower_bound(&key, Some(true)),
    };
    range.map(Some).map_err(Into::into)
}

/// Entries from their stored JSON strings; unreadable ones are skipped.
fn parsed(rows: impl Iterator<Item = JsValue>) -> Vec<HistoryEntry> {
    rows.filter_map(|v| v.as_string().and_then(|s| HistoryEntry::from_json(&s)))
        .collect()
}

/// Up to `limit` entries created before the entry `before` (from the newest with `None`), newest
/// first, with their thumbnails: one page of the gallery.
pub async fn page(
    db: &Rexie,
    before: Option<&str>,
    limit: u32,
) -> Result<Vec<Saved>, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::Read, e);
    let range = past(before, Side::Before).map_err(fail)?;
    let tx = db
        .transaction(&[ENTRIES, THUMBS], TransactionMode::ReadOnly)
        .map_err(fail)?;
    let rows = tx
        .store(ENTRIES)
        .map_err(fail)?
        .scan(range.clone(), Some(limit), None, Some(Direction::Prev))
        .await
        .map_err(fail)?;
    // Thumbnails share their entry's key, so the same range holds every thumbnail of this page: one
    // scan instead of a request per entry (entries without one get `None`).
    let thumbs = tx
        .store(THUMBS)
        .map_err(fail)?
        .scan(range, Some(limit), None, Some(Direction::Prev))
        .await
        .map_err(fail)?;
    Ok(parsed(rows.into_iter().map(|(_, v)| v))
        .into_iter()
        .map(|entry| {
            let key = JsValue::from_str(&entry.id);
            let thumb = thumbs
                .iter()
                .find(|(k, _)| *k == key)
                .and_then(|(_, v)| blob_of(v.clone()));
            Saved { entry, thumb }
        })
        .collect())
}

/// Up to `limit` of the newest entries whose prompt or caption has every word of `query`, with their
/// thumbnails, and how many entries match in all.
pub async fn search(
    db: &Rexie,
    query: &str,
    limit: usize,
) -> Result<(Vec<Saved>, usize), HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::Search, e);
    let tx = db
        .transaction(&[ENTRIES, THUMBS], TransactionMode::ReadOnly)
        .map_err(fail)?;
    // Every entry in one request (a cursor would take a round trip per entry), newest first; only the
    // stored JSON that has every word is parsed.
    let rows = tx
        .store(ENTRIES)
        .map_err(fail)?
        .get_all(None, None)
        .await
        .map_err(fail)?;
    let mut found: Vec<HistoryEntry> = rows
        .into_iter()
        .rev()
        .filter_map(|v| v.as_string())
        .filter(|json| crate::studio::history::may_match(json, query))
        .filter_map(|json| HistoryEntry::from_json(&json))
        .filter(|e| e.matches(query))
        .collect();
    let total = found.len();
    found.truncate(limit);
    Ok((with_thumbs(&tx, found).await.map_err(fail)?, total))
}

async fn with_thumbs(
    tx: &rexie::Transaction,
    entries: Vec<HistoryEntry>,
) -> Result<Vec<Saved>, rexie::Error> {
    let thumbs = tx.store(THUMBS)?;
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let thumb = thumbs
            .get(JsValue::from_str(&entry.id))
            .await?
            .and_then(blob_of);
        out.push(Saved { entry, thumb });
    }
    Ok(out)
}

/// The stored image of an entry.
pub async fn image(db: &Rexie, id: &str) -> Result<Option<web_sys::Blob>, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::ReadImage, e);
    let (_tx, store) = one_store(db, IMAGES, TransactionMode::ReadOnly).map_err(fail)?;
    let value = store.get(JsValue::from_str(id)).await.map_err(fail)?;
    Ok(value.and_then(blob_of))
}

/// The stored reference and conversation images with these keys (missing ones are left out).
pub async fn parts<'a>(
    db: &Rexie,
    keys: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<(String, web_sys::Blob)>, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::ReadReferences, e);
    let (_tx, store) = one_store(db, PARTS, TransactionMode::ReadOnly).map_err(fail)?;
    let mut out: Vec<(String, web_sys::Blob)> = Vec::new();
    for key in keys {
        if out.iter().any(|(k, _)| k == key) {
            continue;
        }
        let value = store.get(JsValue::from_str(key)).await.map_err(fail)?;
        if let Some(blob) = value.and_then(blob_of) {
            out.push((key.to_string(), blob));
        }
    }
    Ok(out)
}

/// Deletes an entry, its image and thumbnail, and the parts no other entry uses, all together.
pub async fn delete(db: &Rexie, id: &str) -> Result<(), HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::Delete, e);
    let tx = db
        .transaction(
            &[ENTRIES, IMAGES, THUMBS, PARTS],
            TransactionMode::ReadWrite,
        )
        .map_err(fail)?;
    let removed = remove(&tx, id).await;
    commit_or_abort(tx, removed).await.map_err(fail)
}

async fn remove(tx: &rexie::Transaction, id: &str) -> Result<(), rexie::Error> {
    let key = JsValue::from_str(id);
    let entries = tx.store(ENTRIES)?;
    let gone = entries
        .get(key.clone())
        .await?
        .and_then(|v| v.as_string())
        .and_then(|s| HistoryEntry::from_json(&s));
    for store in [ENTRIES, IMAGES, THUMBS] {
        tx.store(store)?.delete(key.clone()).await?;
    }
    let Some(gone) = gone else {
        return Ok(());
    };
    let mut unused: Vec<&str> = gone.part_keys().collect();
    if unused.is_empty() {
        return Ok(());
    }
    // Only entries whose JSON names one of the keys are parsed (keys are plain hex, stored verbatim).
    for json in entries.get_all(None, None).await? {
        let Some(json) = json.as_string() else {
            continue;
        };
        if !unused.iter().any(|k| json.contains(k)) {
            continue;
        }
        if let Some(other) = HistoryEntry::from_json(&json) {
            let used: Vec<&str> = other.part_keys().collect();
            unused.retain(|k| !used.contains(k));
        }
    }
    let parts = tx.store(PARTS)?;
    for k in unused {
        parts.delete(JsValue::from_str(k)).await?;
    }
    Ok(())
}

/// Replaces the stored draft references with `refs` (name and bytes as a Blob), in order.
pub async fn save_draft(db: &Rexie, refs: &[(String, web_sys::Blob)]) -> Result<(), HistoryError> {
    with_fallback(|| async {
        let mut values = Vec::with_capacity(refs.len());
        for (_, blob) in refs {
            values.push(storable(blob).await);
        }
        let (tx, store) = one_store(db, DRAFT, TransactionMode::ReadWrite)?;
        let written = async {
            store.clear().await?;
            for (i, ((name, _), value)) in refs.iter().zip(&values).enumerate() {
                store
                    .put(value, Some(&JsValue::from_str(&format!("{i:04}:{name}"))))
                    .await?;
            }
            Ok::<(), rexie::Error>(())
        }
        .await;
        commit_or_abort(tx, written).await
    })
    .await
    .map_err(|e| HistoryError::from(Doing::KeepDraft, e))
}

/// The stored draft references, in order, as (name, Blob).
pub async fn load_draft(db: &Rexie) -> Result<Vec<(String, web_sys::Blob)>, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::ReadDraft, e);
    let (_tx, store) = one_store(db, DRAFT, TransactionMode::ReadOnly).map_err(fail)?;
    let rows = store.scan(None, None, None, None).await.map_err(fail)?;
    Ok(rows
        .into_iter()
        .filter_map(|(k, v)| {
            let key = k.as_string()?;
            let name = key
                .split_once(':')
                .map_or(key.as_str(), |(_, n)| n)
                .to_string();
            Some((name, blob_of(v)?))
        })
        .collect())
}
