//! The library's marks on the history: stars and collections written into entries (read, changed and
//! written back in one transaction), the collections themselves, and finding every entry a filter
//! lets through.

use super::write::commit_or_abort;
use super::{Doing, HistoryError, Saved, COLLECTIONS, ENTRIES, THUMBS};
use crate::studio::library::Collection;
use crate::studio::HistoryEntry;
use rexie::{Rexie, TransactionMode};
use wasm_bindgen::JsValue;

/// Changes the entries `ids` with `change`, all in one transaction; returns them as written (an id no
/// longer stored is left out).
pub async fn mark(
    db: &Rexie,
    ids: &[String],
    change: impl Fn(&mut HistoryEntry),
) -> Result<Vec<HistoryEntry>, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::Mark, e);
    let tx = db
        .transaction(&[ENTRIES], TransactionMode::ReadWrite)
        .map_err(fail)?;
    let mut changed = Vec::new();
    let written = async {
        let store = tx.store(ENTRIES)?;
        for id in ids {
            let key = JsValue::from_str(id);
            let Some(mut entry) = store
                .get(key.clone())
                .await?
                .and_then(|v| v.as_string())
                .and_then(|s| HistoryEntry::from_json(&s))
            else {
                continue;
            };
            change(&mut entry);
            store
                .put(&JsValue::from_str(&entry.to_json()), Some(&key))
                .await?;
            changed.push(entry);
        }
        Ok(())
    }
    .await;
    commit_or_abort(tx, written).await.map_err(fail)?;
    Ok(changed)
}

/// Every collection, oldest first.
pub async fn collections(db: &Rexie) -> Result<Vec<Collection>, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::Collections, e);
    let tx = db
        .transaction(&[COLLECTIONS], TransactionMode::ReadOnly)
        .map_err(fail)?;
    let rows = tx
        .store(COLLECTIONS)
        .map_err(fail)?
        .get_all(None, None)
        .await
        .map_err(fail)?;
    let mut all: Vec<Collection> = rows
        .into_iter()
        .filter_map(|v| v.as_string())
        .filter_map(|json| serde_json::from_str(&json).ok())
        .collect();
    all.sort_by(|a, b| a.created_ms.total_cmp(&b.created_ms));
    Ok(all)
}

/// Adds or renames a collection.
pub async fn put_collection(db: &Rexie, collection: &Collection) -> Result<(), HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::Collections, e);
    let tx = db
        .transaction(&[COLLECTIONS], TransactionMode::ReadWrite)
        .map_err(fail)?;
    let written = async {
        let json = serde_json::to_string(collection).unwrap_or_default();
        tx.store(COLLECTIONS)?
            .put(
                &JsValue::from_str(&json),
                Some(&JsValue::from_str(&collection.id)),
            )
            .await?;
        Ok(())
    }
    .await;
    commit_or_abort(tx, written).await.map_err(fail)
}

/// Deletes a collection and takes it out of every entry in it (the images stay); returns the ids of
/// the entries that were in it.
pub async fn delete_collection(db: &Rexie, id: &str) -> Result<Vec<String>, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::Collections, e);
    let tx = db
        .transaction(&[COLLECTIONS, ENTRIES], TransactionMode::ReadWrite)
        .map_err(fail)?;
    let mut members = Vec::new();
    let written = async {
        tx.store(COLLECTIONS)?.delete(JsValue::from_str(id)).await?;
        let entries = tx.store(ENTRIES)?;
        // Two requests in key order, not a cursor's round trip per entry.
        let keys = entries.get_all_keys(None, None).await?;
        let values = entries.get_all(None, None).await?;
        for (key, value) in keys.into_iter().zip(values) {
            let Some(mut entry) = value.as_string().and_then(|s| HistoryEntry::from_json(&s))
            else {
                continue;
            };
            if entry.collections.iter().any(|c| c == id) {
                entry.collections.retain(|c| c != id);
                entries
                    .put(&JsValue::from_str(&entry.to_json()), Some(&key))
                    .await?;
                members.push(entry.id);
            }
        }
        Ok(())
    }
    .await;
    commit_or_abort(tx, written).await.map_err(fail)?;
    Ok(members)
}

/// Every entry `keep` lets through, newest first, and how many there are: at most `limit` of them,
/// with their thumbnails, leaving out those `shown` says the page has. `may` is a quick test on an
/// entry's stored JSON that may only ever say no to entries `keep` would refuse too
/// (`studio::library::Filter::json_test`), so most are never parsed.
pub async fn find(
    db: &Rexie,
    may: impl Fn(&str) -> bool,
    keep: impl Fn(&HistoryEntry) -> bool,
    shown: impl Fn(&str) -> bool,
    limit: usize,
) -> Result<(Vec<Saved>, usize), HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::Search, e);
    let tx = db
        .transaction(&[ENTRIES, THUMBS], TransactionMode::ReadOnly)
        .map_err(fail)?;
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
        .filter(|json| may(json))
        .filter_map(|json| HistoryEntry::from_json(&json))
        .filter(|e| keep(e))
        .collect();
    let total = found.len();
    found.retain(|e| !shown(&e.id));
    found.truncate(limit);
    // The thumbnails asked for all at once: the database answers them in order, with no round trip
    // to the page between two.
    let thumbs = tx.store(THUMBS).map_err(fail)?;
    let reads = found.iter().map(|e| thumbs.get(JsValue::from_str(&e.id)));
    let read = futures::future::join_all(reads).await;
    let mut out = Vec::with_capacity(found.len());
    for (entry, thumb) in found.into_iter().zip(read) {
        let thumb = thumb.map_err(fail)?.and_then(super::blobs::blob_of);
        out.push(Saved { entry, thumb });
    }
    Ok((out, total))
}
