//! Writing the history: an entry with everything it needs in one transaction, a late thumbnail, a
//! delete that takes the parts no other entry uses, the draft references.

use super::blobs::{storable, with_fallback};
use super::{one_store, Doing, HistoryError, NewEntry, DRAFT, ENTRIES, IMAGES, PARTS, THUMBS};
use crate::studio::HistoryEntry;
use rexie::{Rexie, TransactionMode};
use wasm_bindgen::JsValue;

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

/// Commits after every write succeeded; aborts (so nothing is half-written) after any failure.
pub(super) async fn commit_or_abort(
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
