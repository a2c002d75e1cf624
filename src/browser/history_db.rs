//! The history in IndexedDB (through `rexie`): entries as JSON, images as Blobs, each pair written in one
//! transaction so that no half-written entry can exist.

use crate::studio::HistoryEntry;
use rexie::{Direction, ObjectStore, Rexie, TransactionMode};
use wasm_bindgen::JsValue;

const DB: &str = "banana-studio";
const ENTRIES: &str = "entries";
const IMAGES: &str = "images";
/// The references on the form, so the draft survives a reload.
const DRAFT: &str = "draft-references";

/// Why the history could not be read or written, in words for the alert region.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryError(pub String);

impl HistoryError {
    fn from(action: &str, e: rexie::Error) -> Self {
        // rexie's own message is only "idb error": the browser's reason is in the inner error.
        let text = match &e {
            rexie::Error::IdbError(inner) => inner.to_string(),
            other => other.to_string(),
        };
        let quota = text.contains("Quota")
            || text.contains("quota")
            || matches!(e, rexie::Error::TransactioncommitFailed);
        HistoryError(if quota {
            format!("Could not {action}: this browser's storage for the studio is full. The image is still shown; download it, or delete older entries from the history.")
        } else {
            format!(
                "Could not {action} ({text}). The image is still shown; download it to keep it."
            )
        })
    }
}

/// Opens (and on first use creates) the database.
pub async fn open() -> Result<Rexie, HistoryError> {
    Rexie::builder(DB)
        .version(2)
        .add_object_store(ObjectStore::new(ENTRIES))
        .add_object_store(ObjectStore::new(IMAGES))
        .add_object_store(ObjectStore::new(DRAFT))
        .build()
        .await
        .map_err(|e| HistoryError::from("open the history", e))
}

/// Saves an entry and its image together: both or neither (the transaction is aborted on any failure).
pub async fn save(
    db: &Rexie,
    entry: &HistoryEntry,
    image: &web_sys::Blob,
) -> Result<(), HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from("save the image to the history", e);
    let tx = db
        .transaction(&[ENTRIES, IMAGES], TransactionMode::ReadWrite)
        .map_err(fail)?;
    let written = put_both(&tx, entry, image).await;
    commit_or_abort(tx, written).await.map_err(fail)
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

async fn put_both(
    tx: &rexie::Transaction,
    entry: &HistoryEntry,
    image: &web_sys::Blob,
) -> Result<(), rexie::Error> {
    let key = JsValue::from_str(&entry.id);
    tx.store(IMAGES)?.put(image, Some(&key)).await?;
    tx.store(ENTRIES)?
        .put(&JsValue::from_str(&entry.to_json()), Some(&key))
        .await?;
    Ok(())
}

/// Whether an entry with this id is stored.
pub async fn exists(db: &Rexie, id: &str) -> Result<bool, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from("read the history", e);
    let (_tx, store) = one_store(db, ENTRIES, TransactionMode::ReadOnly).map_err(fail)?;
    store.key_exists(JsValue::from_str(id)).await.map_err(fail)
}

/// How many entries there are.
pub async fn count(db: &Rexie) -> Result<u32, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from("read the history", e);
    let (_tx, store) = one_store(db, ENTRIES, TransactionMode::ReadOnly).map_err(fail)?;
    store.count(None).await.map_err(fail)
}

/// Up to `limit` entries (all with `None`), newest first. Unreadable entries are skipped.
pub async fn newest(db: &Rexie, limit: Option<u32>) -> Result<Vec<HistoryEntry>, HistoryError> {
    older_than(db, None, limit).await
}

/// Up to `limit` entries created before the entry `before` (all entries with `None`), newest first.
pub async fn older_than(
    db: &Rexie,
    before: Option<&str>,
    limit: Option<u32>,
) -> Result<Vec<HistoryEntry>, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from("read the history", e);
    let range = match before {
        Some(id) => Some(
            rexie::KeyRange::upper_bound(&JsValue::from_str(id), Some(true))
                .map_err(|e| fail(e.into()))?,
        ),
        None => None,
    };
    let (_tx, store) = one_store(db, ENTRIES, TransactionMode::ReadOnly).map_err(fail)?;
    let rows = store
        .scan(range, limit, None, Some(Direction::Prev))
        .await
        .map_err(fail)?;
    Ok(rows
        .into_iter()
        .filter_map(|(_, v)| v.as_string().and_then(|s| HistoryEntry::from_json(&s)))
        .collect())
}

/// The stored image of an entry.
pub async fn image(db: &Rexie, id: &str) -> Result<Option<web_sys::Blob>, HistoryError> {
    use wasm_bindgen::JsCast;
    let fail = |e: rexie::Error| HistoryError::from("read an image from the history", e);
    let (_tx, store) = one_store(db, IMAGES, TransactionMode::ReadOnly).map_err(fail)?;
    let value = store.get(JsValue::from_str(id)).await.map_err(fail)?;
    Ok(value.and_then(|v| v.dyn_into::<web_sys::Blob>().ok()))
}

/// Deletes an entry and its image together.
pub async fn delete(db: &Rexie, id: &str) -> Result<(), HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from("delete from the history", e);
    let tx = db
        .transaction(&[ENTRIES, IMAGES], TransactionMode::ReadWrite)
        .map_err(fail)?;
    let removed = async {
        for store in [ENTRIES, IMAGES] {
            tx.store(store)?.delete(JsValue::from_str(id)).await?;
        }
        Ok(())
    }
    .await;
    commit_or_abort(tx, removed).await.map_err(fail)
}

/// Replaces the stored draft references with `refs` (name and bytes as a Blob), in order.
pub async fn save_draft(db: &Rexie, refs: &[(String, web_sys::Blob)]) -> Result<(), HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from("keep the references for the next visit", e);
    let (tx, store) = one_store(db, DRAFT, TransactionMode::ReadWrite).map_err(fail)?;
    let written = async {
        store.clear().await?;
        for (i, (name, blob)) in refs.iter().enumerate() {
            store
                .put(blob, Some(&JsValue::from_str(&format!("{i:04}:{name}"))))
                .await?;
        }
        Ok::<(), rexie::Error>(())
    }
    .await;
    commit_or_abort(tx, written).await.map_err(fail)
}

/// The stored draft references, in order, as (name, Blob).
pub async fn load_draft(db: &Rexie) -> Result<Vec<(String, web_sys::Blob)>, HistoryError> {
    use wasm_bindgen::JsCast;
    let fail = |e: rexie::Error| HistoryError::from("read the saved references", e);
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
            Some((name, v.dyn_into::<web_sys::Blob>().ok()?))
        })
        .collect())
}
