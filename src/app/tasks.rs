//! The studio's reactive owner, under which every service runs its tasks, so that they stop when the
//! studio is unmounted (an embedding page removed it).

use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;
use std::sync::atomic::{AtomicU64, Ordering};

/// Runs tasks for the studio. `Copy`, shared by every service.
#[derive(Clone, Copy)]
pub struct Tasks {
    /// Weak: the owner holds the services.
    owner: StoredValue<Option<WeakOwner>, LocalStorage>,
}

impl Tasks {
    /// Tasks under the current reactive owner.
    pub fn new() -> Self {
        Tasks {
            owner: StoredValue::new_local(Owner::current().map(|o| o.downgrade())),
        }
    }

    /// Runs `task`; it is dropped at its next step once the studio is gone, so no task touches the
    /// studio's state after that.
    pub fn spawn(self, task: impl std::future::Future<Output = ()> + 'static) {
        if let Some(owner) = self.studio() {
            owner.with(|| leptos::task::spawn_local_scoped_with_cancellation(task));
        }
    }

    /// The studio's owner, while the studio lives.
    fn studio(self) -> Option<Owner> {
        self.owner
            .try_get_value()
            .flatten()
            .and_then(|o| o.upgrade())
    }

    /// Runs `f` under the studio's owner (under the current one once the studio is gone), so what it
    /// makes lives, and is cleaned up, with the studio.
    pub fn in_studio<T>(self, f: impl FnOnce() -> T) -> T {
        match self.studio() {
            Some(owner) => owner.with(f),
            None => f(),
        }
    }
}

impl Default for Tasks {
    fn default() -> Self {
        Self::new()
    }
}

/// A fresh id for list keys.
pub fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
