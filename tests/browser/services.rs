//! The services of `app/`, each made and driven without mounting the studio: what they keep, what
//! they tell, and a generation from the composer to the history against the loopback provider.

use banana_studio::app::pending::jobs;
use banana_studio::app::{
    Composer, Generator, History, Limit, Notices, Pending, Prefs, Providers, Services, StudioEvents,
};
use banana_studio::browser::storage;
use banana_studio::protocol::Preset;
use banana_studio::studio::{PendingJob, Settings};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

/// The services these tests drive: the first screen's and the later ones.
#[derive(Clone, Copy)]
struct All {
    notices: Notices,
    prefs: Prefs,
    composer: Composer,
    history: History,
    generator: Generator,
    pending: Pending,
    providers: Providers,
}

/// Every service under a fresh owner (kept alive by the caller), with the executor Leptos's effects
/// and tasks run on: the first screen's, then the later ones, made as a chunk makes them.
fn services() -> (Owner, All) {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let all = owner.with(|| {
        let start = Services::new(StudioEvents::default());
        let work = start.later.work();
        All {
            notices: start.notices,
            prefs: start.prefs,
            composer: start.composer,
            history: work.history,
            generator: work.generator,
            pending: work.pending,
            providers: work.providers,
        }
    });
    (owner, all)
}

#[wasm_bindgen_test]
fn the_later_services_are_made_once_on_first_use_and_provided() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    owner.with(|| {
        let start = Services::new(StudioEvents::default());
        start.provide();
        // The first screen's services are there; the others are not made yet.
        assert!(start.later.get().is_none());
        assert!(!start.later.running());
        assert!(use_context::<History>().is_none());
        let work = start.later.work();
        // Made once: a second use gets the same services, and views below the studio find them.
        let again = start.later.work();
        assert!(start.later.get().is_some());
        assert_eq!(work.history.results, again.history.results);
        let child = Owner::new();
        child.with(|| {
            let history = use_context::<History>().expect("the later services are provided");
            assert_eq!(history.results, work.history.results);
        });
    });
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
    // A copy starts without a key; the original keeps its own.
    assert!(providers.save_as("Google copy"));
    settle().await;
    assert_eq!(prefs.key.get_untracked(), "", "keys are not copied");
    assert!(!prefs.remember_key.get_untracked());
    let copy = prefs.settings.get_untracked().provider_id;
    assert_eq!(slot(&copy), None);
    assert_eq!(slot(&google).as_deref(), Some("key-google"), "untouched");
    providers.switch(&google);
    settle().await;
    assert_eq!(prefs.key.get_untracked(), "key-google");
    // Unticking "remember" forgets it; ticking again keeps it.
    prefs.remember_key.set(false);
    settle().await;
    assert_eq!(slot(&google), None);
    prefs.remember_key.set(true);
    settle().await;
    assert_eq!(slot(&google).as_deref(), Some("key-google"));
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

#[wasm_bindgen_test]
async fn settings_reused_from_elsewhere_take_their_own_providers_key_and_removing_keeps_other_slots(
) {
    for k in [
        "banana-studio.providers",
        "banana-studio.settings",
        "banana-studio.api-key",
    ] {
        storage::remove(k);
    }
    let (_owner, s) = services();
    let (prefs, providers) = (s.prefs, s.providers);
    // Google, saved.
    let mut google = Settings::for_preset(Preset::Google);
    google.model = "gemini-3.1-flash-lite-image".into();
    prefs.settings.set(google.clone());
    assert!(providers.save_as("Google"));
    let google_id = prefs.settings.get_untracked().provider_id;
    // A set-up not saved (as a host page's preset makes one), with a remembered key, left for Google,
    // whose key is typed this visit only.
    prefs.settings.update(|x| {
        x.provider_id.clear();
        x.select_preset(Preset::Anyfast);
    });
    let adhoc = prefs.settings.get_untracked();
    prefs.key.set("key-adhoc".into());
    prefs.remember_key.set(true);
    settle().await;
    providers.switch(&google_id);
    settle().await;
    assert_eq!(prefs.settings.get_untracked().preset, Preset::Google);
    assert!(!prefs.remember_key.get_untracked());
    prefs.key.set("key-google".into());
    settle().await;
    assert_eq!(
        storage::get("banana-studio.api-key").as_deref(),
        Some("key-adhoc"),
        "the set-up left keeps its remembered key"
    );
    // A result made with the set-up not saved: its set-up and its key, never Google's.
    let mut result = adhoc.clone();
    result.image_size = None;
    providers.adopt(result);
    settle().await;
    let now = prefs.settings.get_untracked();
    assert_eq!(
        (now.provider_id.as_str(), now.preset),
        ("", Preset::Anyfast)
    );
    assert_eq!(prefs.key.get_untracked(), "key-adhoc");
    assert_eq!(
        storage::get(&format!("banana-studio.api-key.{google_id}")),
        None,
        "Google's key was never remembered"
    );
    // A result of Google's: Google as saved now, with its key typed this visit.
    let mut made = google.clone();
    made.provider_id.clone_from(&google_id);
    made.model = "gemini-3.1-flash-image".into();
    providers.adopt(made);
    settle().await;
    let now = prefs.settings.get_untracked();
    assert_eq!(
        (now.provider_id.as_str(), now.model.as_str()),
        (google_id.as_str(), "gemini-3.1-flash-image")
    );
    assert_eq!(prefs.key.get_untracked(), "key-google");
    // An id from elsewhere (an imported history) for another host is not this provider.
    let mut foreign = Settings::for_preset(Preset::OpenRouter);
    foreign.provider_id.clone_from(&google_id);
    providers.adopt(foreign);
    settle().await;
    assert_eq!(prefs.settings.get_untracked().provider_id, "");
    assert_eq!(
        prefs.key.get_untracked(),
        "key-adhoc",
        "the key of the set-up not saved"
    );
    // Deleting the provider in use goes back to the set-up left for it; no other slot is touched.
    providers.switch(&google_id);
    settle().await;
    providers.remove(&google_id);
    settle().await;
    assert_eq!(prefs.settings.get_untracked().provider_id, "");
    assert_eq!(prefs.key.get_untracked(), "key-adhoc");
    assert_eq!(
        storage::get("banana-studio.api-key").as_deref(),
        Some("key-adhoc")
    );
    for k in [
        "banana-studio.providers",
        "banana-studio.settings",
        "banana-studio.api-key",
    ] {
        storage::remove(k);
    }
}

#[wasm_bindgen_test]
async fn two_tabs_never_give_two_providers_one_id_nor_undo_each_other() {
    storage::remove("banana-studio.providers");
    storage::remove("banana-studio.settings");
    let (_a, one) = services();
    let (_b, two) = services();
    one.providers.load();
    two.providers.load();
    assert!(one.providers.save_as("From one"));
    assert!(two.providers.save_as("From two"));
    settle().await;
    let ids = (
        one.prefs.settings.get_untracked().provider_id,
        two.prefs.settings.get_untracked().provider_id,
    );
    assert_ne!(ids.0, ids.1);
    assert!(one.providers.rename(&ids.0, "First"));
    let stored = storage::get("banana-studio.providers").unwrap();
    assert!(
        stored.contains("First") && stored.contains("From two"),
        "{stored}"
    );
    // Deleted in the other tab while in use here: its set-up stays, unsaved, and no key kept for
    // another set-up is touched.
    storage::set("banana-studio.api-key", "key-kept");
    two.providers.remove(&ids.0);
    one.providers.fresh();
    settle().await;
    assert_eq!(one.prefs.settings.get_untracked().provider_id, "");
    assert_eq!(
        storage::get("banana-studio.api-key").as_deref(),
        Some("key-kept")
    );
    storage::remove("banana-studio.api-key");
    storage::remove("banana-studio.providers");
    storage::remove("banana-studio.settings");
}
