//! Reading the history: an entry, a page of the gallery, a search, every entry for the totals and the
//! export, images and parts, the draft references.

use super::blobs::blob_of;
use super::{one_store, Doing, HistoryError, Saved, DRAFT, ENTRIES, IMAGES, PARTS, THUMBS};
use crate::studio::HistoryEntry;
use rexie::{Direction, Rexie, TransactionMode};
use wasm_bindgen::JsValue;

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
