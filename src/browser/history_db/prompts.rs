//! The prompt library's store: each saved prompt as JSON under its id.

use super::write::commit_or_abort;
use super::{one_store, Doing, HistoryError, PROMPTS};
use crate::studio::prompts::SavedPrompt;
use rexie::{Rexie, TransactionMode};
use wasm_bindgen::JsValue;

/// Every saved prompt (unreadable records left out).
pub async fn all(db: &Rexie) -> Result<Vec<SavedPrompt>, HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::ReadPrompts, e);
    let (_tx, store) = one_store(db, PROMPTS, TransactionMode::ReadOnly).map_err(fail)?;
    let rows = store.scan(None, None, None, None).await.map_err(fail)?;
    Ok(rows
        .into_iter()
        .filter_map(|(_, v)| serde_json::from_str(&v.as_string()?).ok())
        .collect())
}

/// Writes (adds or replaces) these prompts in one transaction.
pub async fn put(db: &Rexie, prompts: &[SavedPrompt]) -> Result<(), HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::KeepPrompts, e);
    let (tx, store) = one_store(db, PROMPTS, TransactionMode::ReadWrite).map_err(fail)?;
    let written = async {
        for p in prompts {
            let json = serde_json::to_string(p).unwrap_or_default();
            store
                .put(&JsValue::from_str(&json), Some(&JsValue::from_str(&p.id)))
                .await?;
        }
        Ok::<(), rexie::Error>(())
    }
    .await;
    commit_or_abort(tx, written).await.map_err(fail)
}

/// Removes one prompt.
pub async fn delete(db: &Rexie, id: &str) -> Result<(), HistoryError> {
    let fail = |e: rexie::Error| HistoryError::from(Doing::KeepPrompts, e);
    let (tx, store) = one_store(db, PROMPTS, TransactionMode::ReadWrite).map_err(fail)?;
    let written = store.delete(JsValue::from_str(id)).await;
    commit_or_abort(tx, written).await.map_err(fail)
}
