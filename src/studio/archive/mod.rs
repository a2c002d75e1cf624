//! History export and import: a ZIP of the images plus `manifest.json` with prompts and settings
//! (never the key), and under `parts/` the reference and conversation images the entries point to.
//! Importing checks every image by its bytes and skips what is already there.

use super::library::Collection;
use super::made::{self, Made};
use super::prompts::SavedPrompt;
use super::stored::part_key;
use super::HistoryEntry;
use crate::protocol::image::sniff;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::io::{Cursor, Read, Write};
use std::rc::Rc;
use zip::write::{SimpleFileOptions, StreamWriter};
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// `manifest.json`'s `format` value.
pub const FORMAT: &str = "banana-studio-history";
/// Largest image taken from an archive.
const MAX_IMAGE: u64 = 100 * 1000 * 1000;

#[derive(Serialize, Deserialize)]
struct Manifest {
    format: String,
    version: u32,
    entries: Vec<ManifestEntry>,
}

#[derive(Serialize, Deserialize)]
struct ManifestEntry {
    #[serde(flatten)]
    entry: HistoryEntry,
    /// Path of the image inside the archive.
    image: String,
}

/// What an import found.
#[derive(Debug, Default, PartialEq)]
pub struct Imported {
    pub entries: Vec<(HistoryEntry, Vec<u8>)>,
    /// The prompt library (`prompts.json`; none in archives from before it).
    pub prompts: Vec<SavedPrompt>,
    /// The collections (`collections.json`; none in archives from before them).
    pub collections: Vec<Collection>,
    /// Reference and conversation images, by key (each checked against its key).
    pub parts: Vec<(String, Vec<u8>)>,
    /// Entries left out because their image was missing, too large or not PNG/JPEG/WebP.
    pub skipped: usize,
}

/// Why a history ZIP could not be written or read. `Display` is the English message for the alert
/// region (`locale::archive` translates it).
#[derive(Debug, Clone, PartialEq)]
pub enum ArchiveError {
    /// Writing failed (the ZIP library's reason).
    Write(String),
    /// The file is not a ZIP archive.
    NotZip,
    /// A ZIP, but not one made by the studio's export.
    NotOurs,
}

impl std::fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ArchiveError::Write(e) => write!(f, "Could not write the ZIP: {e}"),
            ArchiveError::NotZip => {
                f.write_str("This file is not a ZIP archive. Choose a ZIP made with Export.")
            }
            ArchiveError::NotOurs => f.write_str("This file is not a Banana Studio history export (no manifest.json). Choose a ZIP made with Export."),
        }
    }
}

/// Writes a ZIP with one image per entry, the `parts` they use, and the manifest. Images are stored as
/// they are (they are compressed already).
pub fn export(
    entries: &[(HistoryEntry, Vec<u8>)],
    parts: &[(String, Vec<u8>)],
) -> Result<Vec<u8>, ArchiveError> {
    let mut zip = ExportWriter::new();
    for (entry, bytes) in entries {
        zip.add_image(entry, bytes)?;
    }
    for (key, bytes) in parts {
        zip.add_part(key, bytes)?;
    }
    Ok(zip.finish()?.concat())
}

/// Where an export's bytes go: slices of about [`ExportWriter::SLICE`] bytes, taken away as they fill
/// (so a browser can turn them into Blobs as it goes, and no copy of the whole archive is ever made).
#[derive(Clone, Default)]
struct Spool(Rc<RefCell<Slices>>);

/// The full slices, and the one filling.
type Slices = (Vec<Vec<u8>>, Vec<u8>);

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut spool = self.0.borrow_mut();
        let (done, current) = &mut *spool;
        current.extend_from_slice(buf);
        if current.len() >= ExportWriter::SLICE {
            done.push(std::mem::take(current));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn write_error(e: &dyn std::fmt::Display) -> ArchiveError {
    ArchiveError::Write(e.to_string())
}

/// An export being written one file at a time, so that a caller in the browser can pause between
/// files and never hold the page for long ([`export`] in one go).
pub struct ExportWriter {
    zip: ZipWriter<StreamWriter<Spool>>,
    spool: Spool,
    manifest: Vec<ManifestEntry>,
    /// Manifest entries already written (once the manifest is begun).
    written: Option<usize>,
}

impl Default for ExportWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl ExportWriter {
    const OPTIONS: SimpleFileOptions =
        SimpleFileOptions::DEFAULT.compression_method(CompressionMethod::Stored);
    /// About how many bytes a slice of the archive holds.
    pub const SLICE: usize = 4 << 20;

    pub fn new() -> Self {
        let spool = Spool::default();
        ExportWriter {
            zip: ZipWriter::new_stream(spool.clone()),
            spool,
            manifest: Vec::new(),
            written: None,
        }
    }

    /// Adds an entry's image under `images/` (with what made it written in, if it was saved before
    /// images carried it), and the entry to the manifest.
    pub fn add_image(&mut self, entry: &HistoryEntry, bytes_in: &[u8]) -> Result<(), ArchiveError> {
        let filled = made::read(bytes_in).is_none().then(|| {
            let keys = entry.references.iter().map(|r| r.key.clone()).collect();
            made::embed(bytes_in, &Made::new(&entry.prompt, &entry.settings, keys))
        });
        let bytes = filled.flatten();
        let bytes = bytes.as_deref().unwrap_or(bytes_in);
        let ext = sniff(bytes).map_or("bin", |k| k.extension());
        let path = format!("images/{}.{ext}", entry.id);
        self.zip
            .start_file(path.as_str(), Self::OPTIONS)
            .map_err(|e| write_error(&e))?;
        self.zip.write_all(bytes).map_err(|e| write_error(&e))?;
        self.manifest.push(ManifestEntry {
            entry: entry.clone(),
            image: path,
        });
        Ok(())
    }

    /// Adds a reference or conversation image under `parts/`.
    pub fn add_part(&mut self, key: &str, bytes: &[u8]) -> Result<(), ArchiveError> {
        self.zip
            .start_file(format!("parts/{key}"), Self::OPTIONS)
            .map_err(|e| write_error(&e))?;
        self.zip.write_all(bytes).map_err(|e| write_error(&e))
    }

    /// Images added so far.
    pub fn images(&self) -> usize {
        self.manifest.len()
    }

    /// The slices of the archive written so far that are full, in order (each is taken once).
    pub fn take_slices(&mut self) -> Vec<Vec<u8>> {
        std::mem::take(&mut self.spool.0.borrow_mut().0)
    }

    /// Writes up to `n` more entries of the manifest (after every image and part is added); true once
    /// all are written. [`finish`](Self::finish) writes what is left.
    pub fn write_manifest(&mut self, n: usize) -> Result<bool, ArchiveError> {
        let done = match self.written {
            Some(done) => done,
            None => {
                self.zip
                    .start_file("manifest.json", Self::OPTIONS)
                    .map_err(|e| write_error(&e))?;
                // The same JSON as serializing a `Manifest`, written an entry at a time.
                let head = format!("{{\"format\":\"{FORMAT}\",\"version\":1,\"entries\":[");
                self.zip
                    .write_all(head.as_bytes())
                    .map_err(|e| write_error(&e))?;
                0
            }
        };
        let end = done.saturating_add(n).min(self.manifest.len());
        for (i, entry) in self.manifest[done..end].iter().enumerate() {
            if done + i > 0 {
                self.zip.write_all(b",").map_err(|e| write_error(&e))?;
            }
            let json = serde_json::to_vec(entry).map_err(|e| write_error(&e))?;
            self.zip.write_all(&json).map_err(|e| write_error(&e))?;
        }
        self.written = Some(end);
        Ok(end == self.manifest.len())
    }

    /// Adds the prompt library as `prompts.json`.
    pub fn add_prompts(&mut self, prompts: &[SavedPrompt]) -> Result<(), ArchiveError> {
        let json = serde_json::to_vec(prompts).map_err(|e| write_error(&e))?;
        self.zip
            .start_file("prompts.json", Self::OPTIONS)
            .map_err(|e| write_error(&e))?;
        self.zip.write_all(&json).map_err(|e| write_error(&e))
    }

    /// Adds the collections as `collections.json` (their members are listed in the entries).
    pub fn add_collections(&mut self, collections: &[Collection]) -> Result<(), ArchiveError> {
        let json = serde_json::to_vec(collections).map_err(|e| write_error(&e))?;
        self.zip
            .start_file("collections.json", Self::OPTIONS)
            .map_err(|e| write_error(&e))?;
        self.zip.write_all(&json).map_err(|e| write_error(&e))
    }

    /// Writes the rest of the manifest and returns the slices of the archive not taken yet.
    pub fn finish(mut self) -> Result<Vec<Vec<u8>>, ArchiveError> {
        self.write_manifest(usize::MAX)?;
        self.zip.write_all(b"]}").map_err(|e| write_error(&e))?;
        self.zip.finish().map_err(|e| write_error(&e))?;
        let mut spool = self.spool.0.borrow_mut();
        let (done, current) = &mut *spool;
        let mut rest = std::mem::take(done);
        rest.push(std::mem::take(current));
        Ok(rest)
    }
}

/// Reads a ZIP written by [`export`].
pub fn import(bytes: &[u8]) -> Result<Imported, ArchiveError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| ArchiveError::NotZip)?;
    let manifest: Manifest = {
        let file = zip
            .by_name("manifest.json")
            .map_err(|_| ArchiveError::NotOurs)?;
        let mut text = String::new();
        file.take(16 * 1000 * 1000)
            .read_to_string(&mut text)
            .map_err(|_| ArchiveError::NotOurs)?;
        serde_json::from_str(&text).map_err(|_| ArchiveError::NotOurs)?
    };
    if manifest.format != FORMAT {
        return Err(ArchiveError::NotOurs);
    }
    let mut out = Imported::default();
    // The library travels beside the images; an unreadable one is left out, not the archive.
    if let Some(buf) = read(&mut zip, "prompts.json") {
        out.prompts = serde_json::from_slice(&buf).unwrap_or_default();
    }
    if let Some(buf) = read(&mut zip, "collections.json") {
        out.collections = serde_json::from_slice(&buf).unwrap_or_default();
    }
    let part_names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("parts/"))
        .map(|n| n.into_owned())
        .collect();
    for name in part_names {
        let key = &name["parts/".len()..];
        // A part whose bytes do not match its key is damaged: left out, and what uses it with it.
        if let Some(buf) = read(&mut zip, &name).filter(|b| part_key(b) == key) {
            out.parts.push((key.to_string(), buf));
        }
    }
    for mut m in manifest.entries {
        match read(&mut zip, &m.image) {
            Some(buf) if sniff(&buf).is_some_and(|k| k.is_displayable()) => {
                m.entry
                    .drop_missing_parts(|k| out.parts.iter().any(|(p, _)| p == k));
                out.entries.push((m.entry, buf))
            }
            _ => out.skipped += 1,
        }
    }
    Ok(out)
}

/// A file of the archive, if present and not larger than an image may be.
fn read(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let f = zip.by_name(name).ok()?;
    if f.size() > MAX_IMAGE {
        return None;
    }
    let mut buf = Vec::with_capacity(f.size() as usize);
    f.take(MAX_IMAGE).read_to_end(&mut buf).ok()?;
    Some(buf)
}

#[cfg(test)]
mod tests;
