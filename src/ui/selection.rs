//! Selection mode and what is selected: made by the stage (`results`), used by its tiles (`tile`).

use crate::studio::gallery;
use leptos::prelude::*;
use std::collections::HashSet;

/// Selection mode and what is selected, shared with the tiles.
#[derive(Clone, Copy)]
pub struct Selection {
    /// In selection mode a click (or Space) on a tile selects it instead of opening it.
    pub on: RwSignal<bool>,
    pub ids: RwSignal<HashSet<u64>>,
    /// The tile a Shift-click range starts from.
    anchor: StoredValue<Option<u64>>,
    /// The tiles in the order shown.
    order: Signal<Vec<u64>>,
}

impl Selection {
    /// Made by the stage and given to its tiles.
    pub fn provide(order: Signal<Vec<u64>>) -> Self {
        let s = Selection {
            on: RwSignal::new(false),
            ids: RwSignal::new(HashSet::new()),
            anchor: StoredValue::new(None),
            order,
        };
        provide_context(s);
        s
    }

    /// Selects or unselects `id`; with `range`, selects every tile from the last one clicked to it.
    pub fn toggle(self, id: u64, range: bool) {
        let anchor = self.anchor.get_value();
        match (range, anchor) {
            (true, Some(from)) => {
                let span = self.order.with_untracked(|o| gallery::span(o, from, id));
                self.ids.update(|s| s.extend(span));
            }
            _ => self.ids.update(|s| {
                if !s.remove(&id) {
                    s.insert(id);
                }
            }),
        }
        self.anchor.set_value(Some(id));
    }

    /// Leaves selection mode, selecting nothing.
    pub fn cancel(self) {
        self.on.set(false);
        self.ids.set(HashSet::new());
        self.anchor.set_value(None);
    }
}
