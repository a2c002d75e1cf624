//! Images dropped or pasted that carry what made them (`studio::made`): each is offered until the user
//! picks "Use its prompt and settings" or "Add as reference" (or sets it aside).

use super::Composer;
use crate::app::tasks::next_id;
use crate::browser::BlobUrl;
use crate::protocol::image::sniff;
use crate::studio::made::Made;
use crate::text;
use bytes::Bytes;
use leptos::prelude::*;
use std::sync::Arc;

/// An image waiting for the user's choice.
#[derive(Clone, Debug)]
pub struct Found {
    pub id: u64,
    pub name: String,
    pub made: Made,
    bytes: Bytes,
    /// The image itself, to show beside the offer.
    pub url: Option<Arc<BlobUrl>>,
}

impl Composer {
    pub(super) fn offer_found(self, name: String, bytes: Bytes, made: Made) {
        let mime = sniff(&bytes).map_or("image/png", |k| k.mime());
        let url = BlobUrl::new(&bytes, mime).ok().map(Arc::new);
        let found = Found {
            id: next_id(),
            name,
            made,
            bytes,
            url,
        };
        self.found.update(|f| f.push(found));
    }

    fn take_found(self, id: u64) -> Option<Found> {
        let mut taken = None;
        self.found.update(|f| {
            if let Some(i) = f.iter().position(|x| x.id == id) {
                taken = Some(f.remove(i));
            }
        });
        taken
    }

    /// Puts the image's prompt and settings in the composer: the prompt replaces the current one, the
    /// model and options come in on the user's own provider (its key and URL untouched), the image's
    /// choices that this model lacks are dropped and said.
    pub fn use_found(self, id: u64) {
        let Some(found) = self.take_found(id) else {
            return;
        };
        let before = self.prefs.settings.get_untracked();
        let after = found.made.apply_to(&before);
        let dropped = found.made.dropped(&after);
        self.prefs.settings.set(after);
        self.prompt.set(found.made.prompt.clone());
        let name = found.name;
        self.notices.status.set(if dropped.is_empty() {
            text!(refs.made_used, name = name)
        } else {
            let model = found.made.model.clone();
            let left_out = dropped.join(", ");
            text!(
                refs.made_used_partly,
                name = name,
                model = model,
                left_out = left_out
            )
        });
    }

    /// Adds the image as an ordinary reference instead.
    pub fn add_found(self, id: u64) {
        let Some(found) = self.take_found(id) else {
            return;
        };
        self.tasks.spawn(async move {
            match self.add_reference(&found.name, found.bytes).await {
                Ok(()) => self.notices.error.set(None),
                Err(message) => self.notices.fail_with("reference", message),
            }
        });
    }

    /// Sets the offer aside: nothing is changed or added.
    pub fn dismiss_found(self, id: u64) {
        self.take_found(id);
    }
}
