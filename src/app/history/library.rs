//! The history as a library: stars and collections (kept in the entries, the collections' names in
//! their own store, shared live with other tabs), and the stage's filter, whose matches over the whole
//! history are read in and counted.

use super::item::ResultItem;
use super::History;
use crate::browser::{clock, history_db, tabs};
use crate::studio::library::{provider_key, Collection, Facts, Filter};
use crate::studio::HistoryEntry;
use leptos::prelude::*;

/// How many matches a filter reads in at most (the rest come as the gallery pages on).
const FIND_LIMIT: usize = 96;

/// A change to the marks of results: their star and their collections.
type Change = std::rc::Rc<dyn Fn(&mut bool, &mut Vec<String>)>;

impl History {
    /// Stars (or unstars) the results `ids`.
    pub fn set_favourite(self, ids: &[u64], on: bool) {
        self.mark(ids, std::rc::Rc::new(move |fav, _| *fav = on));
    }

    /// Puts the results `ids` in the collection `collection` (an image may be in several).
    pub fn add_to_collection(self, ids: &[u64], collection: &str) {
        let c = collection.to_string();
        self.mark(
            ids,
            std::rc::Rc::new(move |_, list| {
                if !list.contains(&c) {
                    list.push(c.clone());
                }
            }),
        );
    }

    /// Takes the results `ids` out of the collection `collection` (they stay in the history).
    pub fn remove_from_collection(self, ids: &[u64], collection: &str) {
        let c = collection.to_string();
        self.mark(
            ids,
            std::rc::Rc::new(move |_, list| list.retain(|x| *x != c)),
        );
    }

    /// Changes the results on screen, then the saved ones' entries, and tells the other tabs.
    fn mark(self, ids: &[u64], change: Change) {
        let mut saved = Vec::new();
        self.results.update(|r| {
            for item in r.iter_mut().filter(|i| ids.contains(&i.id)) {
                change(&mut item.favourite, &mut item.collections);
                saved.extend(item.entry_id.clone());
            }
        });
        self.mark_saved(saved, change);
    }

    /// Writes a change of marks into the saved entries `ids`.
    pub(super) fn mark_saved(self, ids: Vec<String>, change: Change) {
        if ids.is_empty() {
            return;
        }
        self.tasks.spawn(async move {
            let marked = match self.db().await {
                Ok(db) => {
                    history_db::mark(&db, &ids, |e| change(&mut e.favourite, &mut e.collections))
                        .await
                }
                Err(e) => Err(e),
            };
            match marked {
                Ok(entries) => {
                    for e in entries {
                        tabs::tell(&tabs::Change::Marked(e.id));
                    }
                    self.changed.notify();
                }
                Err(e) => self.tell(&e),
            }
        });
    }

    /// A result saved a moment after the user marked it: its entry takes the marks it has now.
    pub(super) fn keep_marks(self, item_id: u64, entry: &HistoryEntry) {
        let marks = self.results.with_untracked(|r| {
            r.iter()
                .find(|i| i.id == item_id)
                .map(|i| (i.favourite, i.collections.clone()))
        });
        if let Some((fav, list)) = marks {
            if fav != entry.favourite || list != entry.collections {
                self.mark_saved(
                    vec![entry.id.clone()],
                    std::rc::Rc::new(move |f, l| {
                        *f = fav;
                        l.clone_from(&list);
                    }),
                );
            }
        }
    }

    /// Shows the marks another tab gave a saved entry.
    pub(super) fn follow_marks(self, entry: HistoryEntry) {
        self.results.update(|r| {
            if let Some(item) = r
                .iter_mut()
                .find(|i| i.entry_id.as_deref() == Some(entry.id.as_str()))
            {
                item.favourite = entry.favourite;
                item.collections = entry.collections;
            }
        });
    }

    /// Reads the collections (at start, and when another tab changed them); results in a collection
    /// that no longer exists are shown out of it.
    pub fn load_collections(self) {
        self.tasks.spawn(async move {
            let read = match self.db().await {
                Ok(db) => history_db::collections(&db).await,
                Err(e) => Err(e),
            };
            match read {
                Ok(all) => {
                    self.results.update(|r| {
                        for item in r.iter_mut() {
                            item.collections.retain(|c| all.iter().any(|x| x.id == *c));
                        }
                    });
                    // A collection deleted in another tab is no longer shown as a stage here.
                    let gone = self.filter.with_untracked(|f| {
                        f.collection
                            .as_ref()
                            .is_some_and(|c| !all.iter().any(|x| x.id == *c))
                    });
                    if gone {
                        self.filter.update(|f| f.collection = None);
                    }
                    self.collections.set(all);
                }
                Err(e) => self.tell(&e),
            }
        });
    }

    /// Makes a collection named `name` and puts the results `ids` in it; `false` for an empty name.
    pub fn new_collection(self, name: &str, ids: Vec<u64>) -> bool {
        let now = js_sys::Date::now();
        let salt = self.collections.with_untracked(Vec::len) as u16;
        let Some(collection) = Collection::new(name, now, salt) else {
            return false;
        };
        self.collections.update(|c| c.push(collection.clone()));
        self.add_to_collection(&ids, &collection.id);
        self.put_collection(collection);
        true
    }

    /// Renames a collection; `false` for an empty name.
    pub fn rename_collection(self, id: &str, name: &str) -> bool {
        let Some(name) = crate::studio::library::clean_name(name) else {
            return false;
        };
        let mut renamed = None;
        self.collections.update(|all| {
            if let Some(c) = all.iter_mut().find(|c| c.id == id) {
                c.name = name;
                renamed = Some(c.clone());
            }
        });
        if let Some(c) = renamed {
            self.put_collection(c);
        }
        true
    }

    fn put_collection(self, collection: Collection) {
        self.tasks.spawn(async move {
            let put = match self.db().await {
                Ok(db) => history_db::put_collection(&db, &collection).await,
                Err(e) => Err(e),
            };
            match put {
                Ok(()) => tabs::tell(&tabs::Change::Collections),
                Err(e) => self.tell(&e),
            }
        });
    }

    /// Deletes a collection; its images stay in the history. A filter on it is ended.
    pub fn delete_collection(self, id: &str) {
        let id = id.to_string();
        self.collections.update(|all| all.retain(|c| c.id != id));
        self.results.update(|r| {
            for item in r.iter_mut() {
                item.collections.retain(|c| *c != id);
            }
        });
        if self
            .filter
            .with_untracked(|f| f.collection.as_deref() == Some(id.as_str()))
        {
            self.filter.update(|f| f.collection = None);
        }
        self.tasks.spawn(async move {
            let deleted = match self.db().await {
                Ok(db) => history_db::delete_collection(&db, &id).await,
                Err(e) => Err(e),
            };
            match deleted {
                Ok(_) => tabs::tell(&tabs::Change::Collections),
                Err(e) => self.tell(&e),
            }
        });
    }

    /// The name of the collection `id`.
    pub fn collection_name(self, id: &str) -> Option<String> {
        self.collections
            .with(|all| all.iter().find(|c| c.id == id).map(|c| c.name.clone()))
    }

    /// Whether `item` passes the stage's filter.
    pub fn passes(filter: &Filter, item: &ResultItem) -> bool {
        if filter.is_empty() {
            return true;
        }
        let provider = provider_key(&item.settings);
        let day = if filter.uses_day() {
            clock::local_day(item.created_ms)
        } else {
            String::new()
        };
        filter.matches(&item.facts(&provider, &day))
    }

    /// Reads in the saved results `filter` lets through (the newest [`FIND_LIMIT`]), and counts them
    /// all. A newer filter's answer replaces an older one's, never the other way round.
    pub fn find(self, filter: Filter) {
        let asked = self.finding.get_value().wrapping_add(1);
        self.finding.set_value(asked);
        if filter.is_empty() {
            self.found.set(None);
            self.more_found.set(false);
            return;
        }
        self.find_next(filter, asked);
    }

    /// Reads in the next matches of the stage's filter (the gallery's "older" while filtering).
    pub fn find_more(self) {
        let filter = self.filter.get_untracked();
        if !filter.is_empty() {
            self.find_next(filter, self.finding.get_value());
        }
    }

    fn find_next(self, filter: Filter, asked: u32) {
        self.tasks.spawn(async move {
            let found = async {
                let db = self.db().await?;
                let keep = |e: &HistoryEntry| {
                    let provider = provider_key(&e.settings);
                    let day = if filter.uses_day() {
                        clock::local_day(e.created_ms)
                    } else {
                        String::new()
                    };
                    filter.matches(&entry_facts(e, &provider, &day))
                };
                let shown: Vec<String> = self
                    .results
                    .with_untracked(|r| r.iter().filter_map(|i| i.entry_id.clone()).collect());
                let is_shown = |id: &str| shown.iter().any(|s| s == id);
                let may = filter.json_test();
                let (hits, total) = history_db::find(&db, may, keep, is_shown, FIND_LIMIT).await?;
                let more = hits.len() == FIND_LIMIT;
                Ok::<_, history_db::HistoryError>((self.cards(&db, hits).await, total, more))
            }
            .await;
            if self.finding.get_value() != asked {
                return;
            }
            match found {
                Ok((items, total, more)) => {
                    self.merge(items);
                    self.found.set(Some(total));
                    self.more_found.set(more);
                }
                Err(e) => self.tell(&e),
            }
        });
    }
}

/// What the filter looks at in a saved entry.
fn entry_facts<'a>(e: &'a HistoryEntry, provider: &'a str, day: &'a str) -> Facts<'a> {
    Facts {
        prompt: &e.prompt,
        caption: &e.caption,
        model: &e.settings.model,
        provider,
        size: e.settings.image_size,
        ratio: &e.settings.aspect_ratio,
        day,
        references: !e.references.is_empty(),
        region: e.region.is_some(),
        favourite: e.favourite,
        collections: &e.collections,
    }
}

/// One saved result as the spend ledger counts it: its local day, provider key, model and what its
/// cost is worked out from.
pub struct LedgerLine {
    pub day: String,
    pub provider: String,
    pub model: String,
    pub spent: crate::studio::cost::Spent,
}

impl History {
    /// Every saved result, for the spend ledger (read when it opens, so it covers the whole history).
    pub async fn ledger_lines(self) -> Result<Vec<LedgerLine>, crate::locale::Text> {
        let db = self.db().await.map_err(|e| crate::locale::history(&e))?;
        let stored = history_db::all_stored(&db)
            .await
            .map_err(|e| crate::locale::history(&e))?;
        let mut lines = Vec::with_capacity(stored.len());
        for slice in stored.chunks(500) {
            lines.extend(slice.iter().filter_map(|json| {
                let e = HistoryEntry::from_json(json)?;
                Some(LedgerLine {
                    day: clock::local_day(e.created_ms),
                    provider: provider_key(&e.settings),
                    model: e.settings.model.clone(),
                    spent: e.spent(),
                })
            }));
            // A long history is read a slice at a time, so the page stays responsive.
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
        Ok(lines)
    }
}
