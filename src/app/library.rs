//! The prompt library service: prompts saved with a name and tags, searched, inserted into the
//! composer, kept in IndexedDB (`browser::history_db::prompts`) and carried by the history's ZIP.

use super::composer::Composer;
use super::history::History;
use super::notices::Notices;
use super::tasks::{next_id, Tasks};
use crate::browser::history_db::prompts as store;
use crate::browser::history_db::HistoryError;
use crate::locale;
use crate::studio::prompts::{self, SavedPrompt};
use crate::text;
use leptos::prelude::*;

/// The prompt library. `Copy`.
#[derive(Clone, Copy)]
pub struct Library {
    /// Every saved prompt, most recently used or saved first.
    pub prompts: RwSignal<Vec<SavedPrompt>>,
    /// Whether the library was read from the database.
    pub loaded: RwSignal<bool>,
    history: History,
    composer: Composer,
    notices: Notices,
    tasks: Tasks,
}

impl Library {
    /// Nothing read yet: [`Library::load`] reads it when the library is first opened.
    pub fn new(history: History, composer: Composer, notices: Notices, tasks: Tasks) -> Self {
        Library {
            prompts: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            history,
            composer,
            notices,
            tasks,
        }
    }

    /// Reads the library again after an import brought prompts (from the panel, which is loaded on
    /// first use: nothing of the library's code is in the first module).
    pub fn follow_imports(self) {
        Effect::new(move |seen: Option<u32>| {
            let n = self.history.prompts_imported.get();
            if seen.is_some() {
                self.load();
            }
            n
        });
    }

    fn fail(self, e: &HistoryError) {
        self.notices.fail_with("history", locale::history(e));
    }

    /// Reads the library from the database.
    pub fn load(self) {
        self.tasks.spawn(async move {
            let read = async { store::all(&*self.history.db().await?).await }.await;
            match read {
                Ok(mut list) => {
                    prompts::sort(&mut list);
                    self.prompts.set(list);
                    self.loaded.set(true);
                }
                Err(e) => self.fail(&e),
            }
        });
    }

    /// Writes `p` and puts it in the list (replacing the one with its id).
    fn keep(self, p: SavedPrompt) {
        self.prompts.update(|list| {
            list.retain(|x| x.id != p.id);
            list.push(p.clone());
            prompts::sort(list);
        });
        self.tasks.spawn(async move {
            let written = async { store::put(&*self.history.db().await?, &[p]).await }.await;
            if let Err(e) = written {
                self.fail(&e);
            }
        });
    }

    /// Saves the composer's prompt under `name` (its first words when blank) with `tags`; the same
    /// text saved again takes the new name and tags instead of a second copy.
    pub fn save(self, name: &str, tags: &str) {
        let text = self.composer.prompt.get_untracked();
        if text.trim().is_empty() {
            self.notices.fail_with("library", text!(library.empty));
            return;
        }
        let now = js_sys::Date::now();
        let mut p = SavedPrompt::new(
            format!("{}-{}", crate::protocol::format::fixed(now, 0), next_id()),
            name,
            &text,
            tags,
            now,
        );
        let same = self
            .prompts
            .with_untracked(|l| l.iter().find(|x| x.text == p.text).cloned());
        if let Some(old) = same {
            p.id = old.id;
            p.created_ms = old.created_ms;
        }
        let saved = p.name.clone();
        self.keep(p);
        self.notices.error.set(None);
        self.notices.status.set(text!(library.saved, name = saved));
    }

    fn find(self, id: &str) -> Option<SavedPrompt> {
        self.prompts
            .with_untracked(|l| l.iter().find(|x| x.id == id).cloned())
    }

    /// Puts a saved prompt into the composer (after what is there, on its own line).
    pub fn insert(self, id: &str) {
        let Some(mut p) = self.find(id) else {
            return;
        };
        self.composer
            .prompt
            .update(|current| *current = prompts::insert(current, &p.text));
        p.used_ms = js_sys::Date::now();
        self.keep(p);
    }

    /// Renames and retags a saved prompt.
    pub fn edit(self, id: &str, name: &str, tags: &str) {
        let Some(mut p) = self.find(id) else {
            return;
        };
        if !name.trim().is_empty() {
            p.name = name.trim().to_string();
        }
        p.tags = prompts::parse_tags(tags);
        self.keep(p);
    }

    /// Removes a saved prompt.
    pub fn delete(self, id: &str) {
        self.prompts.update(|l| l.retain(|x| x.id != id));
        let id = id.to_string();
        self.tasks.spawn(async move {
            let done = async { store::delete(&*self.history.db().await?, &id).await }.await;
            if let Err(e) = done {
                self.fail(&e);
            }
        });
    }
}
