use super::*;
use crate::studio::Settings;

fn entry(id: &str, prompt: &str) -> HistoryEntry {
    HistoryEntry {
        id: id.into(),
        created_ms: 1.0,
        prompt: prompt.into(),
        settings: Settings::default(),
        caption: "c".into(),
        usage: None,
        answer_images: 1,
        seconds: 1.0,
        mime: "image/png".into(),
        file_name: "f.png".into(),
        width: 1,
        height: 1,
        references: Vec::new(),
        thread: Vec::new(),
        region: None,
        favourite: false,
        collections: Vec::new(),
    }
}

fn png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend([0u8; 32]);
    v
}

#[test]
fn export_then_import_gives_the_same_entries() {
    use crate::protocol::Reference;
    let reference = Reference::new("r.png", png());
    let mut with_ref = entry("b", "a dog");
    let (refs, parts) = super::super::stored::store_references(&[reference]);
    with_ref.references = refs;
    let parts: Vec<(String, Vec<u8>)> = parts.into_iter().map(|(k, b)| (k, b.to_vec())).collect();
    let entries = vec![(entry("a", "a cat"), png()), (with_ref, png())];
    let zip = export(&entries, &parts).unwrap();
    let back = import(&zip).unwrap();
    assert_eq!(back.entries, entries);
    assert_eq!(back.parts, parts);
    assert_eq!(back.skipped, 0);
    // Without its part, the entry comes back without the reference rather than pointing nowhere.
    let zip = export(&entries, &[]).unwrap();
    let back = import(&zip).unwrap();
    assert!(back.entries[1].0.references.is_empty());
}

#[test]
fn exported_images_carry_what_made_them() {
    use crate::protocol::b64;
    let real = b64::decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==").unwrap();
    let old = entry("old", "saved before images carried it");
    let zip = export(&[(old.clone(), real.clone())], &[]).unwrap();
    let back = import(&zip).unwrap();
    let m = made::read(&back.entries[0].1).expect("filled in on export");
    assert_eq!(m.prompt, old.prompt);
    assert_eq!(m.model, old.settings.model);
    // One that carries it already is written as it is.
    let carried = back.entries[0].1.clone();
    let again = import(&export(&[(old, carried.clone())], &[]).unwrap()).unwrap();
    assert_eq!(again.entries[0].1, carried);
}

#[test]
fn a_manifest_written_in_steps_is_the_manifest_in_one_go() {
    let entries: Vec<_> = ["a", "b", "c"]
        .iter()
        .map(|id| (entry(id, &format!("prompt {id} \"quoted\"")), png()))
        .collect();
    let mut zip = ExportWriter::new();
    for (e, bytes) in &entries {
        zip.add_image(e, bytes).unwrap();
    }
    assert!(!zip.write_manifest(1).unwrap());
    assert!(!zip.write_manifest(1).unwrap());
    assert!(zip.write_manifest(5).unwrap());
    let stepped = zip.finish().unwrap().concat();
    let mut archive = ZipArchive::new(Cursor::new(stepped.as_slice())).unwrap();
    let written: serde_json::Value =
        serde_json::from_slice(&read(&mut archive, "manifest.json").unwrap()).unwrap();
    let whole = Manifest {
        format: FORMAT.to_string(),
        version: 1,
        entries: entries
            .iter()
            .map(|(e, _)| ManifestEntry {
                entry: e.clone(),
                image: format!("images/{}.png", e.id),
            })
            .collect(),
    };
    assert_eq!(written, serde_json::to_value(&whole).unwrap());
    assert_eq!(import(&stepped).unwrap().entries, entries);
}

#[test]
fn a_large_archive_comes_in_slices_that_make_the_whole() {
    let mut big = png();
    big.resize(3 << 20, 7);
    let entries: Vec<_> = ["a", "b", "c", "d", "e"]
        .iter()
        .map(|id| (entry(id, id), big.clone()))
        .collect();
    let mut zip = ExportWriter::new();
    let mut slices = Vec::new();
    for (e, bytes) in &entries {
        zip.add_image(e, bytes).unwrap();
        slices.extend(zip.take_slices());
    }
    assert!(
        slices.len() >= 2,
        "slices are taken as they fill: {:?}",
        slices.iter().map(Vec::len).collect::<Vec<_>>()
    );
    assert!(slices.iter().all(|s| s.len() >= ExportWriter::SLICE));
    slices.extend(zip.finish().unwrap());
    let whole = slices.concat();
    assert_eq!(whole, export(&entries, &[]).unwrap());
    assert_eq!(import(&whole).unwrap().entries, entries);
}

#[test]
fn refuses_foreign_files_and_skips_bad_images() {
    assert!(import(b"not a zip")
        .unwrap_err()
        .to_string()
        .contains("not a ZIP"));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("other.txt", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"hi").unwrap();
    let other = zip.finish().unwrap().into_inner();
    assert!(import(&other)
        .unwrap_err()
        .to_string()
        .contains("no manifest.json"));
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec();
    let zip = export(&[(entry("a", "ok"), png()), (entry("b", "svg"), svg)], &[]).unwrap();
    let back = import(&zip).unwrap();
    assert_eq!(back.entries.len(), 1);
    assert_eq!(back.skipped, 1);
}
