//! The history in IndexedDB (through `rexie`): entries as JSON, images, thumbnails and the parts they
//! point to as Blobs, each entry written in one transaction so that no half-written entry can exist.
//!
//! Some browsers refuse Blobs in IndexedDB (WebKit in private windows and in automation: "Error
//! preparing Blob/File data to be stored in object store"). After the first refusal the studio keeps
//! images as `{ type, bytes }` records with an `ArrayBuffer`, which every engine stores; reads take both.

mod blobs;
mod marks;
pub mod prompts;
mod read;
mod write;

pub use marks::{collections, delete_collection, find, mark, put_collection};
pub use read::{all_stored, count, entries_after, entry, exists, image, load_draft, page, parts};
pub use write::{delete, save, save_draft, save_thumb};

use crate::studio::HistoryEntry;
use blobs::reason;
use rexie::{ObjectStore, Rexie, TransactionMode};
use wasm_bindgen::prelude::*;

const DB: &str = "banana-studio";
const ENTRIES: &str = "entries";
const IMAGES: &str = "images";
/// Small WebP copies for the gallery, by entry id.
const THUMBS: &str = "thumbs";
/// Reference and conversation images, by content key, shared by the entries that use them.
const PARTS: &str = "parts";
/// The references on the form, so the draft survives a reload.
const DRAFT: &str = "draft-references";
/// The prompt library, by id.
const PROMPTS: &str = "prompts";
/// The collections' names, by id (their members are listed in the entries).
const COLLECTIONS: &str = "collections";

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
    ReadPrompts,
    KeepPrompts,
    Mark,
    Collections,
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
            Doing::ReadPrompts => "read the prompt library",
            Doing::KeepPrompts => "save to the prompt library",
            Doing::Mark => "save the star or collection",
            Doing::Collections => "read or save the collections",
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

/// The database's version: 3 since thumbnails, parts and the draft, 4 since the prompt library, 5
/// since collections.
const VERSION: u32 = 5;
/// Every object store, as the upgrade creates them.
const STORES: [&str; 7] = [ENTRIES, IMAGES, THUMBS, PARTS, DRAFT, PROMPTS, COLLECTIONS];

#[wasm_bindgen(module = "/src/browser/history_db/upgrade.js")]
extern "C" {
    #[wasm_bindgen(js_name = prepareDatabase)]
    fn prepare_database(name: &str, version: u32, stores: &js_sys::Array) -> js_sys::Promise;
}

/// Opens the database, creating or upgrading it first in an upgrade of our own that cannot abort the
/// page (`upgrade.js`): a refusal there is an `Open` error, and the studio goes on without history.
pub async fn open() -> Result<Rexie, HistoryError> {
    let stores: js_sys::Array = STORES.iter().map(|s| JsValue::from_str(s)).collect();
    let refused = wasm_bindgen_futures::JsFuture::from(prepare_database(DB, VERSION, &stores))
        .await
        .map_or_else(|e| Some(format!("{e:?}")), |v| v.as_string());
    if let Some(detail) = refused {
        return Err(HistoryError {
            doing: Doing::Open,
            full: detail.contains("Quota"),
            detail,
        });
    }
    // Already at its version: the wrapper's own upgrade never runs.
    STORES
        .iter()
        .fold(Rexie::builder(DB).version(VERSION), |b, s| {
            b.add_object_store(ObjectStore::new(s))
        })
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
