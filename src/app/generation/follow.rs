//! What the studio does with a result after it arrived: continue editing it (a region edit's result
//! goes on as one), use the winner of a comparison, refill the form from it.

use super::Generator;
use crate::app::history::ResultItem;
use crate::protocol::Turn;
use crate::studio::Settings;
use crate::text;
use leptos::prelude::*;
use std::sync::Arc;

impl Generator {
    /// Makes the next generation continue the conversation that produced `item`, so the model edits its
    /// own image. A region edit's result goes on as one: each next answer is put back over the same
    /// original in the same way.
    pub fn continue_editing(self, item: &ResultItem) {
        let start = move |c: Arc<Vec<Turn>>| {
            self.composer.editing.set(Some(c));
            self.composer.prompt.set(String::new());
            self.notices.status.set(text!(status.editing));
        };
        // Only the newest click counts: a region read for an earlier one arms nothing.
        let round = self.continued.get_value() + 1;
        self.continued.set_value(round);
        let misfit = item.region.as_ref().is_some_and(|r| r.misfit.is_some())
            || item
                .saved_region
                .as_ref()
                .is_some_and(|r| r.misfit.is_some());
        if misfit || (item.region.is_none() && item.saved_region.is_none()) {
            // Not a region edit (or one whose answer could not be put back): the conversation goes on
            // as it is, and a region edit pending for another image ends.
            if self.annotation.region.with_untracked(Option::is_some) {
                self.annotation.end_region();
            }
        } else {
            let (id, ratio) = (item.id, item.settings.aspect_ratio.clone());
            self.tasks.spawn(async move {
                self.history.load_region(id).await;
                let edit = self.history.results.with_untracked(|r| {
                    let region = r.iter().find(|i| i.id == id)?.region.clone()?;
                    let plan = region.plan.as_ref()?;
                    plan.edit(region.original_name.clone(), region.original_bytes.clone())
                });
                if self.continued.get_value() != round {
                    return;
                }
                match edit {
                    Some(edit) => self.annotation.resume(Arc::new(edit), &ratio),
                    // Saved before plans were kept: it goes on as a plain conversation.
                    None if self.annotation.region.with_untracked(Option::is_some) => {
                        self.annotation.end_region()
                    }
                    None => {}
                }
            });
        }
        if let Some(c) = &item.conversation {
            start(c.clone());
        } else if item.saved_thread {
            let id = item.id;
            self.tasks.spawn(async move {
                match self.history.load_thread(id).await {
                    Ok(c) => start(c),
                    Err(message) => self.notices.fail_with("history", message),
                }
            });
        }
    }

    /// Picks the winner of a comparison: the studio goes on with its model alone (the comparison
    /// ends), editing this image where the dialect continues a conversation, else with the image as a
    /// reference.
    pub fn use_this(self, item: &ResultItem) {
        // A model of another provider: that provider, with its key, first.
        let other = self.prefs.settings.with_untracked(|s| {
            s.provider_id != item.settings.provider_id || s.provider() != item.settings.provider()
        });
        if other {
            self.providers.adopt(item.settings.clone());
        }
        self.prefs.settings.update(|s| {
            s.model = item.model.clone();
            s.compare.clear();
            s.fit_to_model();
        });
        if item.can_continue() {
            self.continue_editing(item);
        } else {
            self.composer.use_as_reference(self.history, item);
        }
        self.notices
            .status
            .set(text!(status.use_this, model = item.model.clone()));
    }

    /// Refills the form with what made a result (never touching the references).
    pub fn reuse_settings(self, item: &ResultItem) {
        self.use_settings(item.settings.clone());
        self.composer.prompt.set(item.prompt.clone());
        self.notices.status.set(text!(status.reused));
    }

    /// Puts `settings` (a result's, an interrupted request's) in use, with its provider's key
    /// ([`Providers::adopt`]).
    pub fn use_settings(self, settings: Settings) {
        self.providers.adopt(settings);
    }
}
