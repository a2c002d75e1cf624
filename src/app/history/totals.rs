//! The history's totals: what every saved image cost, read once at idle and then kept in step; and
//! the line that says how much the history holds.

use super::History;
use crate::browser::{history_db, storage_quota};
use crate::locale::i18n::td_string;
use crate::locale::Text;
use crate::protocol::error::human_size;
use crate::studio::HistoryEntry;
use leptos::prelude::*;

impl History {
    /// Reads what every entry of the history cost (priced with the table as it is, so edits apply to
    /// it too): once, when the page is idle, a slice at a time, so a long history holds up neither the
    /// first thumbnails nor the page. Saves and deletes then keep it in step ([`count_spent`]).
    pub(super) fn load_totals(self) {
        use crate::browser::chunks::{after_paint, when_idle};
        self.tasks.spawn(async move {
            after_paint().await;
            when_idle(move || self.load_totals_now());
        });
    }

    fn load_totals_now(self) {
        self.tasks.spawn(async move {
            let Ok(db) = self.db().await else {
                return;
            };
            let Ok(stored) = history_db::all_stored(&db).await else {
                return;
            };
            let mut spent = Vec::with_capacity(stored.len());
            for slice in stored.chunks(SPENT_SLICE) {
                spent.extend(
                    slice
                        .iter()
                        .filter_map(|json| HistoryEntry::from_json(json))
                        .map(|entry| (entry.id.clone(), entry.spent())),
                );
                gloo_timers::future::TimeoutFuture::new(0).await;
            }
            // Entries saved meanwhile (a few at most) are counted already.
            self.spent.update(|h| {
                let meanwhile = std::mem::take(h);
                spent.retain(|(id, _)| !meanwhile.iter().any(|(m, _)| m == id));
                *h = spent;
                h.extend(meanwhile);
            });
        });
    }

    /// Counts a saved entry in the history's totals.
    pub(super) fn count_spent(self, entry: &HistoryEntry) {
        self.spent.update(|h| {
            h.retain(|(id, _)| *id != entry.id);
            h.push((entry.id.clone(), entry.spent()));
        });
    }

    /// Takes a deleted entry out of the history's totals.
    pub(super) fn uncount_spent(self, id: &str) {
        self.spent.update(|h| h.retain(|(k, _)| k != id));
    }

    /// Updates the line that says how much the history holds and how much room is left.
    pub(super) async fn refresh_usage(self) {
        let Ok(db) = self.db().await else {
            return;
        };
        let count = history_db::count(&db).await.unwrap_or(0);
        let usage = storage_quota::estimate()
            .await
            .map(|(used, quota)| (human_size(used as usize), human_size(quota as usize)));
        self.storage_note.set(Text::new(move |l| {
            let count = match count {
                1 => td_string!(l, history.count_one).to_string(),
                n => td_string!(l, history.count_many, n).to_string(),
            };
            match &usage {
                Some((used, quota)) => td_string!(l, history.usage, count, used, quota).to_string(),
                None => count,
            }
        }));
    }
}

/// Entries parsed between pauses when the history's totals are worked out.
const SPENT_SLICE: usize = 500;
