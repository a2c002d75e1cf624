//! The app's reactive state: one struct of signals, shared through context.

use crate::browser::{storage, BlobUrl};
use crate::locale::{self, Text};
use crate::protocol::image::ImageKind;
use crate::protocol::{Error, GeneratedImage, Grounding, Turn, Usage};
use crate::studio::cost::{Prices, Spent};
use crate::studio::downscale::Resized;
use crate::studio::Settings;
use bytes::Bytes;
use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

const SETTINGS_KEY: &str = "banana-studio.settings";
const API_KEY_KEY: &str = "banana-studio.api-key";
const PROMPT_KEY: &str = "banana-studio.prompt";
const PRICES_KEY: &str = "banana-studio.prices";

/// The local test provider's URL when built by `scripts/serve.sh --demo`.
pub const DEMO_PROVIDER: Option<&str> = option_env!("BANANA_DEMO_PROVIDER");

/// A reference image on the form.
#[derive(Clone, Debug)]
pub struct RefItem {
    pub id: u64,
    pub name: String,
    /// The file as the user gave it: kept with the history, and fitted again when the limits change.
    pub original: Bytes,
    /// What is sent: the original, or a smaller copy that fits the limits.
    pub bytes: Bytes,
    /// The format of `bytes`.
    pub kind: ImageKind,
    /// What shrinking changed, when `bytes` is a smaller copy.
    pub resized: Option<Resized>,
    pub thumb: Arc<BlobUrl>,
}

/// A result's full image, in memory and on a `blob:` URL.
#[derive(Clone, Debug)]
pub struct FullImage {
    pub image: GeneratedImage,
    pub url: Arc<BlobUrl>,
}

/// One image shown in the results: this visit's (full image at hand) or a saved one (thumbnail first,
/// full image read from the history when needed).
#[derive(Clone, Debug)]
pub struct ResultItem {
    pub id: u64,
    /// Set once the result is saved in the history.
    pub entry_id: Option<String>,
    /// What made it, for "reuse settings".
    pub prompt: String,
    pub settings: Settings,
    /// Every turn up to and including the model's answer (native dialect), for "continue editing".
    pub conversation: Option<Arc<Vec<Turn>>>,
    /// A saved entry's conversation, not read back yet: loaded when editing continues.
    pub saved_thread: bool,
    pub kind: ImageKind,
    /// Pixel size, when known.
    pub dims: Option<(u32, u32)>,
    /// The image itself; `None` for a saved entry until it is opened.
    pub full: Option<FullImage>,
    /// The gallery's small copy of a saved entry.
    pub thumb: Option<Arc<BlobUrl>>,
    pub file_name: String,
    pub caption: String,
    pub usage: Option<Usage>,
    /// Images in the answer that brought this one (they share its usage).
    pub answer_images: u32,
    pub grounding: Grounding,
    pub model: String,
    pub seconds: f64,
}

impl ResultItem {
    /// What the card shows: the full image when it is at hand, else the thumbnail.
    pub fn shown_url(&self) -> String {
        match (&self.full, &self.thumb) {
            (Some(f), _) => f.url.url().to_string(),
            (None, Some(t)) => t.url().to_string(),
            (None, None) => String::new(),
        }
    }

    /// What this result cost is worked out from.
    pub fn spent(&self) -> crate::studio::cost::Spent {
        crate::studio::cost::Spent {
            model: self.model.clone(),
            usage: self.usage.clone(),
            size: crate::protocol::ImageSize::parse(&self.settings.image_size),
            answer_images: self.answer_images,
        }
    }

    /// Whether "continue editing" can be offered.
    pub fn can_continue(&self) -> bool {
        self.conversation.is_some() || self.saved_thread
    }
}

/// A request the last visit left unfinished.
#[derive(Clone, Debug, PartialEq)]
pub struct Interrupted {
    pub job: crate::studio::PendingJob,
    pub status: Text,
}

/// A generation in flight.
#[derive(Clone, Debug, PartialEq)]
pub struct Running {
    pub started_ms: f64,
    /// Requests not yet answered.
    pub pending: usize,
    /// Task API progress, 0..100.
    pub progress: Option<u8>,
    /// The latest interim thought image of a streamed answer.
    pub preview: Option<Arc<BlobUrl>>,
    /// A failed request waiting to be tried again.
    pub retry: Option<RetryWait>,
    pub host: String,
}

/// A request waiting to be tried again: why, until when, and which retry it will be.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryWait {
    pub reason: Text,
    pub until_ms: f64,
    pub retry: u8,
    pub of: u8,
}

/// The message in the alert region.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub kind: &'static str,
    pub message: Text,
}

impl From<&Error> for Shown {
    fn from(e: &Error) -> Self {
        Shown {
            kind: e.kind(),
            message: locale::error(e),
        }
    }
}

/// All signals of the app. `Copy`, so closures can capture it freely.
#[derive(Clone, Copy)]
pub struct AppState {
    pub settings: RwSignal<Settings>,
    pub key: RwSignal<String>,
    pub remember_key: RwSignal<bool>,
    pub prompt: RwSignal<String>,
    pub references: RwSignal<Vec<RefItem>>,
    /// References being read or shrunk; Generate waits for none.
    pub preparing: RwSignal<u32>,
    /// Actions waiting for their part of the app to download (split builds; see `ui::lazy`).
    pub loading: RwSignal<u32>,
    /// Bumped when the reference limits change, so an older refit stops.
    pub refit_round: StoredValue<u64>,
    pub results: RwSignal<Vec<ResultItem>>,
    pub running: RwSignal<Option<Running>>,
    pub now_ms: RwSignal<f64>,
    /// Whether the browser says it is online (its `online` and `offline` events).
    pub online: RwSignal<bool>,
    pub error: RwSignal<Option<Shown>>,
    pub status: RwSignal<Text>,
    /// A new version of the app is installed and waits for the user to reload.
    pub update_ready: RwSignal<bool>,
    /// The user's price table, persisted.
    pub prices: RwSignal<Prices>,
    /// What each image made this visit cost is worked out from (deleted ones included).
    pub session_spent: RwSignal<Vec<Spent>>,
    /// The same for every image in the history, by entry id: read once (at idle), then kept in step
    /// with every save, import and delete, here and in other tabs.
    /// (A list, not a map: no hashing code in the first module.)
    pub history_spent: RwSignal<Vec<(String, Spent)>>,
    /// What this browser leaves out, in the order met (see `ui::limits`).
    pub limits: RwSignal<Vec<super::limits::Limit>>,
    /// "12 images in the history · 35 MB of 2 GB used".
    pub storage_note: RwSignal<Text>,
    /// Whether older saved results may be loaded.
    pub more_history: RwSignal<bool>,
    /// The id of the oldest entry the gallery has paged to, and whether a page is being read.
    pub history_cursor: StoredValue<(Option<String>, bool)>,
    /// Requests a reload cut off, shown until resumed, run again or dismissed.
    pub interrupted: RwSignal<Vec<Interrupted>>,
    /// The conversation being continued, when editing a result.
    pub editing: RwSignal<Option<Arc<Vec<Turn>>>>,
    pub abort: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
    /// Whether the draft references were read back; until then the form's (empty) list is not saved.
    pub draft_loaded: StoredValue<bool>,
    /// Whether persistent storage was already requested this visit.
    pub persist_asked: StoredValue<bool>,
    /// The history database, opened once on first use and shared by everything that reads or writes it.
    pub history: StoredValue<Option<HistoryDb>, LocalStorage>,
    /// The host page's callbacks (embedding).
    pub events: StoredValue<super::events::StudioEvents, LocalStorage>,
    /// The studio's reactive owner (weak: the owner holds this state), under which tasks run, so they
    /// stop when the studio is unmounted.
    pub owner: StoredValue<Option<leptos::reactive::owner::WeakOwner>, LocalStorage>,
}

impl AppState {
    /// Loads settings (and a remembered key) from storage; in a demo build, preselects the local
    /// test provider.
    pub fn load() -> Self {
        let stored_key = storage::get(API_KEY_KEY);
        let mut settings = storage::get_json::<Settings>(SETTINGS_KEY)
            .map_or_else(Settings::default, Settings::sanitized);
        let mut key = stored_key.clone().unwrap_or_default();
        if let Some(url) = DEMO_PROVIDER {
            settings = Settings::demo(url);
            key = "demo-key".to_string();
        }
        AppState {
            settings: RwSignal::new(settings),
            key: RwSignal::new(key),
            remember_key: RwSignal::new(stored_key.is_some()),
            prompt: RwSignal::new(storage::get(PROMPT_KEY).unwrap_or_default()),
            references: RwSignal::new(Vec::new()),
            preparing: RwSignal::new(0),
            loading: RwSignal::new(0),
            refit_round: StoredValue::new(0),
            results: RwSignal::new(Vec::new()),
            running: RwSignal::new(None),
            now_ms: RwSignal::new(0.0),
            online: RwSignal::new(web_sys::window().is_none_or(|w| w.navigator().on_line())),
            error: RwSignal::new(None),
            status: RwSignal::new(Text::default()),
            storage_note: RwSignal::new(Text::default()),
            limits: RwSignal::new(if storage::available() {
                Vec::new()
            } else {
                vec![super::limits::Limit::SettingsNotKept]
            }),
            update_ready: RwSignal::new(false),
            prices: RwSignal::new(storage::get_json::<Prices>(PRICES_KEY).unwrap_or_default()),
            session_spent: RwSignal::new(Vec::new()),
            history_spent: RwSignal::new(Default::default()),
            editing: RwSignal::new(None),
            interrupted: RwSignal::new(Vec::new()),
            more_history: RwSignal::new(false),
            history_cursor: StoredValue::new((None, false)),
            abort: StoredValue::new_local(None),
            history: StoredValue::new_local(None),
            persist_asked: StoredValue::new(false),
            draft_loaded: StoredValue::new(false),
            events: StoredValue::new_local(Default::default()),
            owner: StoredValue::new_local(Owner::current().map(|o| o.downgrade())),
        }
    }

    /// Runs `task` for the studio: it is dropped at its next step once the studio is unmounted (an
    /// embedding page removed it), so no task touches the studio's state after it is gone.
    pub fn spawn(self, task: impl std::future::Future<Output = ()> + 'static) {
        if let Some(owner) = self
            .owner
            .try_get_value()
            .flatten()
            .and_then(|o| o.upgrade())
        {
            owner.with(|| leptos::task::spawn_local_scoped_with_cancellation(task));
        }
    }

    /// Clears the key from the form, from memory and from this browser's storage.
    pub fn forget_key(self) {
        self.remember_key.set(false);
        self.key.set(String::new());
        storage::remove(API_KEY_KEY);
        self.status.set(crate::text!(status.key_forgotten));
    }

    /// Adds to what this browser leaves out (once each).
    pub fn note_limit(self, limit: super::limits::Limit) {
        if !self.limits.with_untracked(|l| l.contains(&limit)) {
            self.limits.update(|l| l.push(limit));
        }
    }

    /// After a write to `localStorage`: a failed one is told (the value stays in memory).
    pub fn kept(self, written: bool) {
        if !written && storage::available() {
            self.note_limit(super::limits::Limit::SettingsNotSaved);
        }
    }

    /// Saves settings on every change, and the key only while "remember" is ticked. A write that fails
    /// is told once (`kept`); the value stays in use.
    pub fn persist(self) {
        Effect::new(move |_| {
            self.kept(self.settings.with(|s| storage::set_json(SETTINGS_KEY, s)));
        });
        Effect::new(move |_| {
            self.kept(storage::set(PROMPT_KEY, &self.prompt.get()));
        });
        Effect::new(move |_| {
            self.kept(self.prices.with(|p| storage::set_json(PRICES_KEY, p)));
        });
        Effect::new(move |_| {
            let remember = self.remember_key.get();
            let key = self.key.get();
            if remember && !key.trim().is_empty() && DEMO_PROVIDER.is_none() {
                self.kept(storage::set(API_KEY_KEY, key.trim()));
            } else if !remember {
                storage::remove(API_KEY_KEY);
            }
        });
    }

    /// Shows an error in the alert region.
    pub fn fail(self, e: &Error) {
        self.error.set(Some(Shown::from(e)));
    }

    /// Shows a message that is not tied to an [`Error`] value.
    pub fn fail_with(self, kind: &'static str, message: Text) {
        self.error.set(Some(Shown { kind, message }));
    }
}

/// The opening of the history database, awaited by every user (a failure is kept, and told to each).
pub type HistoryDb = futures::future::Shared<
    futures::future::LocalBoxFuture<
        'static,
        Result<std::rc::Rc<rexie::Rexie>, crate::browser::history_db::HistoryError>,
    >,
>;

/// A fresh id for list keys.
pub fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The state from context.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
