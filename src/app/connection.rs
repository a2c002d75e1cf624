//! The provider settings' connection tools: "Test connection" and its result, and the CORS proxy
//! scripts offered to copy (loaded from beside the app when the user opens them).

use super::prefs::Prefs;
use super::tasks::Tasks;
use crate::browser::{client, clipboard, cors, fetch};
use crate::protocol::check::Connected;
use crate::protocol::{ApiKey, Error, Provider};
use crate::studio::proxy::{self, Script, SCRIPTS};
use leptos::prelude::*;

/// The longest a connection test may take.
const TEST_TIMEOUT_MS: u32 = 20_000;

/// A finished connection test: for which provider and model, and what it found.
#[derive(Clone, Debug, PartialEq)]
pub struct Tested {
    pub provider: Provider,
    pub model: String,
    pub outcome: Result<Connected, Error>,
}

/// The proxy script templates as loaded: each script with its text (`None`: it could not be loaded).
pub type Templates = Vec<(Script, Option<String>)>;

/// What happened to a script the user asked to copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Copied {
    Done(Script),
    /// The clipboard refused: the script is shown to copy by hand.
    Refused(Script),
}

/// The connection service. `Copy`.
#[derive(Clone, Copy)]
pub struct Connection {
    /// The last test's result.
    pub tested: RwSignal<Option<Tested>>,
    /// A test is running.
    pub busy: RwSignal<bool>,
    /// The proxy script templates, once asked for (empty while they load).
    pub templates: RwSignal<Option<Templates>>,
    /// The script shown, filled in for the current provider and page.
    pub shown: RwSignal<Option<(Script, String)>>,
    pub copied: RwSignal<Option<Copied>>,
    prefs: Prefs,
    tasks: Tasks,
}

impl Connection {
    /// The service, with nothing tested or loaded yet.
    pub fn new(prefs: Prefs, tasks: Tasks) -> Self {
        Connection {
            tested: RwSignal::new(None),
            busy: RwSignal::new(false),
            templates: RwSignal::new(None),
            shown: RwSignal::new(None),
            copied: RwSignal::new(None),
            prefs,
            tasks,
        }
    }

    /// Tests the provider and key on the form now: its model list, or a request that costs nothing.
    pub fn test(self) {
        if self.busy.get_untracked() {
            return;
        }
        let settings = self.prefs.settings.get_untracked();
        let provider = settings.provider();
        let model = settings.model.clone();
        let key = ApiKey::new(self.prefs.key.get_untracked());
        self.busy.set(true);
        self.tasks.spawn(async move {
            let outcome = match web_sys::AbortController::new() {
                Ok(stop) => {
                    let (_, signal) =
                        crate::browser::wait::deadline(&stop.signal(), TEST_TIMEOUT_MS);
                    client::check_connection(&provider, &key, &model, &signal)
                        .await
                        .map_err(|e| match e {
                            Error::Cancelled => Error::Timeout {
                                host: provider.host().to_string(),
                                seconds: u64::from(TEST_TIMEOUT_MS / 1000),
                            },
                            e => e,
                        })
                }
                Err(_) => Err(Error::Network {
                    host: provider.host().to_string(),
                }),
            };
            self.tested.set(Some(Tested {
                provider,
                model,
                outcome,
            }));
            self.busy.set(false);
        });
    }

    /// Loads the proxy script templates from beside the app, once.
    pub fn load_scripts(self) {
        if self.templates.with_untracked(Option::is_some) {
            return;
        }
        self.templates.set(Some(Vec::new()));
        self.tasks.spawn(async move {
            let mut loaded = Vec::new();
            for script in SCRIPTS {
                let text = match fetch::get(&crate::browser::asset::url(script.path()), None).await
                {
                    Ok(r) if r.ok() => String::from_utf8(r.body).ok(),
                    _ => None,
                };
                loaded.push((script, text));
            }
            self.templates.set(Some(loaded));
        });
    }

    /// The script filled in for the current provider and this page, when its template is loaded.
    pub fn script(self, script: Script) -> Option<String> {
        let template = self.templates.with(|t| {
            t.as_ref()?
                .iter()
                .find(|(s, _)| *s == script)
                .and_then(|(_, text)| text.clone())
        })?;
        let provider = self.prefs.settings.with(|s| s.provider());
        Some(proxy::fill(
            &template,
            &proxy::target_origin(&provider),
            &cors::page_origin(),
        ))
    }

    /// Shows `script` filled in and puts it on the clipboard (call inside the click).
    pub fn copy(self, script: Script) {
        let Some(text) = self.script(script) else {
            return;
        };
        self.shown.set(Some((script, text.clone())));
        self.tasks.spawn(async move {
            let done = clipboard::copy_text(&text).await;
            self.copied.set(Some(match done {
                Ok(()) => Copied::Done(script),
                Err(_) => Copied::Refused(script),
            }));
        });
    }
}
