//! The services of `app/`, each made and driven without mounting the studio: what they keep, what
//! they tell, and a generation from the composer to the history against the loopback provider.

use banana_studio::app::pending::jobs;
use banana_studio::app::{Limit, Services, StudioEvents};
use banana_studio::browser::storage;
use banana_studio::protocol::Preset;
use banana_studio::studio::{PendingJob, Settings};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

/// Every service under a fresh owner (kept alive by the caller), with the executor Leptos's effects
/// and tasks run on.
fn services() -> (Owner, Services) {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let services = owner.with(|| Services::new(StudioEvents::default()));
    (owner, services)
}

/// Lets effects and spawned tasks run.
async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
}

/// Waits (up to `ms`) for `done`.
async fn until(ms: u32, done: impl Fn() -> bool) -> bool {
    for _ in 0..ms / 20 {
        if done() {
            return true;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    done()
}

/// Fills `localStorage` until the browser refuses more; `unfill` gives the room back.
fn fill_storage() {
    let chunk = "x".repeat(512 * 1024);
    for i in 0..64 {
        if !storage::set(&format!("filler-{i}"), &chunk) {
            break;
        }
    }
    let small = "y".repeat(1024);
    for i in 0..1024 {
        if !storage::set(&format!("filler-small-{i}"), &small) {
            break;
        }
    }
}

fn unfill() {
    for i in 0..64 {
        storage::remove(&format!("filler-{i}"));
    }
    for i in 0..1024 {
        storage::remove(&format!("filler-small-{i}"));
    }
}

#[wasm_bindgen_test]
async fn prefs_are_saved_on_every_change_and_a_full_storage_is_told_keeping_the_value() {
    let (_owner, s) = services();
    s.prefs
        .settings
        .update(|x| x.model = "gemini-3.1-flash-lite-image".into());
    settle().await;
    let saved = storage::get("banana-studio.settings").unwrap();
    assert!(saved.contains("gemini-3.1-flash-lite-image"), "{saved}");
    assert!(s.notices.limits.get_untracked().is_empty());

    fill_storage();
    // Longer than whatever room the filling left.
    let long = "keep the horizon level ".repeat(200);
    s.prefs
        .settings
        .update(|x| x.system_instruction = long.clone());
    settle().await;
    let limits = s.notices.limits.get_untracked();
    unfill();
    assert_eq!(
        limits,
        vec![Limit::SettingsNotSaved],
        "a failed write is told"
    );
    assert_eq!(
        s.prefs.settings.get_untracked().system_instruction,
        long,
        "kept in memory"
    );
    let saved = storage::get("banana-studio.settings").unwrap();
    assert!(
        !saved.contains("keep the horizon"),
        "the browser refused it"
    );
}

#[wasm_bindgen_test]
async fn a_pending_job_that_cannot_be_kept_is_told_and_one_that_can_is_kept_until_it_ends() {
    let (_owner, s) = services();
    let job = |id: &str| PendingJob {
        id: id.into(),
        prompt: "p".into(),
        settings: Settings::default(),
        started_ms: 1.0,
        task_id: None,
        owner: String::new(),
    };
    assert!(jobs::add(job("kept"), s.notices));
    assert!(storage::get("banana-studio.pending")
        .unwrap()
        .contains("\"kept\""));
    assert!(jobs::set_task("kept", "task-7", s.notices));
    assert!(storage::get("banana-studio.pending")
        .unwrap()
        .contains("task-7"));

    fill_storage();
    let written = jobs::add(job("not-kept-".repeat(200).as_str()), s.notices);
    let limits = s.notices.limits.get_untracked();
    unfill();
    assert!(!written);
    assert_eq!(limits, vec![Limit::SettingsNotSaved]);

    jobs::remove("kept", s.notices);
    assert!(!storage::get("banana-studio.pending")
        .unwrap()
        .contains("\"kept\""));
}

#[wasm_bindgen_test]
async fn the_generator_sends_the_composer_and_the_history_keeps_the_result() {
    let (_owner, s) = services();
    s.prefs.settings.set({
        let mut x = Settings::for_preset(Preset::Custom);
        x.base_url = super::provider().base_url;
        x.model = "gemini-3.1-flash-image".into();
        x
    });
    s.prefs.key.set("service-test-key".into());
    s.composer.prompt.set("a lighthouse at dusk".into());
    s.generator.generate();
    assert!(
        s.generator.running.get_untracked().is_some(),
        "running at once"
    );
    assert!(
        until(20_000, || s
            .history
            .results
            .with_untracked(|r| !r.is_empty()))
        .await,
        "an image arrived: {:?}",
        s.notices.error.get_untracked()
    );
    assert!(
        until(5_000, || s
            .generator
            .running
            .with_untracked(Option::is_none))
        .await
    );
    let item = s.history.results.with_untracked(|r| r[0].clone());
    assert_eq!(item.prompt, "a lighthouse at dusk");
    assert!(item.full.as_ref().unwrap().url.url().starts_with("blob:"));
    // Saved in the history, and the prompt is still on the composer.
    assert!(
        until(10_000, || s
            .history
            .results
            .with_untracked(|r| r[0].entry_id.is_some()))
        .await
    );
    assert_eq!(s.composer.prompt.get_untracked(), "a lighthouse at dusk");
    assert_eq!(s.generator.session_spent.with_untracked(Vec::len), 1);
}

#[wasm_bindgen_test]
async fn a_database_upgrade_that_fails_turns_the_history_off_without_aborting() {
    // A fresh database each time (so the upgrade runs), whose stores the browser refuses to create.
    let patch = js_sys::Function::new_no_args(
        "const open = IDBFactory.prototype.open, create = IDBDatabase.prototype.createObjectStore;
         window.__unpatch = () => { IDBFactory.prototype.open = open; IDBDatabase.prototype.createObjectStore = create; };
         IDBFactory.prototype.open = function (name, v) { return open.call(this, name + '-upgrade-' + Math.random(), v); };
         IDBDatabase.prototype.createObjectStore = function () { throw new DOMException('no room for a store', 'UnknownError'); };",
    );
    patch.call0(&JsValue::NULL).unwrap();
    let (_owner, s) = services();
    let draft = s.history.draft().await;
    js_sys::Function::new_no_args("window.__unpatch()")
        .call0(&JsValue::NULL)
        .unwrap();
    assert!(draft.is_empty());
    assert_eq!(s.notices.limits.get_untracked(), vec![Limit::HistoryOff]);
    // Nothing was left behind that stops a later visit: with the browser willing again, it opens.
    let opened = banana_studio::browser::history_db::open().await;
    assert!(opened.is_ok(), "{:?}", opened.err());
}

#[wasm_bindgen_test]
async fn the_composer_keeps_the_prompt_and_checks_each_reference() {
    use banana_studio::locale::i18n::Locale;
    let (_owner, s) = services();
    s.composer.prompt.set("a red kite".into());
    settle().await;
    assert_eq!(
        storage::get("banana-studio.prompt").as_deref(),
        Some("a red kite")
    );
    s.composer.references.set(Vec::new());
    let png = bytes::Bytes::from(super::png());
    s.composer
        .add_reference("one.png", png.clone())
        .await
        .unwrap();
    let added = s.composer.references.get_untracked();
    assert_eq!(added.len(), 1);
    assert!(added[0].thumb.url().starts_with("blob:"));
    // The same image again, or something that is not an image, is refused with the file's name.
    let twice = s
        .composer
        .add_reference("again.png", png)
        .await
        .unwrap_err();
    assert!(twice.get(Locale::en).contains("again.png"));
    let text = bytes::Bytes::from_static(b"not a picture");
    let refused = s
        .composer
        .add_reference("notes.txt", text)
        .await
        .unwrap_err();
    assert!(refused.get(Locale::en).contains("notes.txt"));
    assert_eq!(s.composer.references.with_untracked(Vec::len), 1);
    s.composer.remove_reference(added[0].id);
    assert!(s.composer.references.with_untracked(Vec::is_empty));
}

#[wasm_bindgen_test]
async fn a_request_a_closed_tab_left_is_offered_again_and_dismissed() {
    use banana_studio::app::pending::Status;
    let left = PendingJob {
        id: "left-behind".into(),
        prompt: "a barn owl".into(),
        settings: Settings::default(),
        started_ms: 1.0,
        task_id: None,
        owner: "a-tab-long-closed".into(),
    };
    storage::set(
        "banana-studio.pending",
        &banana_studio::studio::pending::to_json(&[left]),
    );
    let (_owner, s) = services();
    s.pending.restore();
    let shown = s.pending.interrupted.get_untracked();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].job.prompt, "a barn owl");
    assert_eq!(shown[0].status, Status::CutOff);
    s.pending.dismiss("left-behind");
    assert!(s.pending.interrupted.with_untracked(Vec::is_empty));
    assert!(!storage::get("banana-studio.pending")
        .unwrap_or_default()
        .contains("left-behind"));
}

#[wasm_bindgen_test]
async fn each_saved_provider_has_its_own_key_kept_only_when_remembered() {
    for k in ["banana-studio.providers", "banana-studio.settings"] {
        storage::remove(k);
    }
    let (_owner, s) = services();
    let (prefs, providers) = (s.prefs, s.providers);
    // The set-up not saved: a key typed, remembered in its one place.
    prefs.key.set("key-google".into());
    prefs.remember_key.set(true);
    settle().await;
    assert!(providers.save_as("Google"));
    let google = prefs.settings.get_untracked().provider_id;
    settle().await;
    let slot = |id: &str| storage::get(&format!("banana-studio.api-key.{id}"));
    assert_eq!(
        slot(&google).as_deref(),
        Some("key-google"),
        "moved with it"
    );
    assert_eq!(storage::get("banana-studio.api-key"), None);
    // A second provider: its own set-up and key, not remembered.
    assert!(providers.save_as("Relay"));
    let relay = prefs.settings.get_untracked().provider_id;
    prefs
        .settings
        .update(|x| x.select_preset(Preset::OpenRouter));
    prefs.remember_key.set(false);
    prefs.key.set("key-relay".into());
    settle().await;
    assert_eq!(slot(&relay), None, "not remembered");
    providers.switch(&google);
    settle().await;
    assert_eq!(prefs.settings.get_untracked().preset, Preset::Google);
    assert_eq!(prefs.key.get_untracked(), "key-google");
    assert!(prefs.remember_key.get_untracked());
    assert_eq!(providers.key_for(&relay), "key-relay", "typed this visit");
    // A copy of a provider not remembered: the original keeps the key in memory.
    prefs.remember_key.set(false);
    assert!(providers.save_as("Google copy"));
    prefs.key.set("key-copy".into());
    assert_eq!(providers.key_for(&google), "key-google");
    providers.switch(&google);
    assert_eq!(prefs.key.get_untracked(), "key-google");
    prefs.remember_key.set(true);
    settle().await;
    providers.switch(&relay);
    settle().await;
    assert_eq!(prefs.settings.get_untracked().preset, Preset::OpenRouter);
    assert_eq!(prefs.key.get_untracked(), "key-relay");
    let stored = storage::get("banana-studio.providers").unwrap();
    assert!(
        stored.contains("Relay") && !stored.contains("key-"),
        "{stored}"
    );
    // A later visit: only the remembered key is there.
    drop(_owner);
    let (_again, s) = services();
    assert_eq!(s.prefs.settings.get_untracked().provider_id, relay);
    assert_eq!(s.prefs.key.get_untracked(), "", "never kept");
    assert_eq!(s.providers.key_for(&google), "key-google");
    // Deleting a provider forgets its remembered key.
    s.providers.remove(&google);
    settle().await;
    assert_eq!(slot(&google), None);
    assert_eq!(s.providers.key_for(&google), "");
    storage::remove("banana-studio.providers");
    storage::remove("banana-studio.settings");
}
