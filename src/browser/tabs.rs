//! The studio's other tabs on this origin (`BroadcastChannel`): a change one tab makes to the shared
//! history is told to the others, which show it too.

use wasm_bindgen::prelude::*;
use web_sys::BroadcastChannel;

const NAME: &str = "banana-studio.history";

/// A change to the history, by entry id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Saved(String),
    Deleted(String),
    /// Its star or its collections changed.
    Marked(String),
    /// A collection was made, renamed or deleted.
    Collections,
}

impl Change {
    fn encode(&self) -> String {
        match self {
            Change::Saved(id) => format!("saved:{id}"),
            Change::Deleted(id) => format!("deleted:{id}"),
            Change::Marked(id) => format!("marked:{id}"),
            Change::Collections => "collections:".to_string(),
        }
    }

    fn decode(text: &str) -> Option<Change> {
        let (kind, id) = text.split_once(':')?;
        match kind {
            "saved" => Some(Change::Saved(id.to_string())),
            "deleted" => Some(Change::Deleted(id.to_string())),
            "marked" => Some(Change::Marked(id.to_string())),
            "collections" => Some(Change::Collections),
            _ => None,
        }
    }
}

thread_local! {
    // One channel for sending and hearing: a channel does not hear its own messages, so a tab is not
    // told of its own changes. `None` where the browser has no BroadcastChannel.
    static CHANNEL: Option<BroadcastChannel> = BroadcastChannel::new(NAME).ok();
}

/// Tells the other tabs of a change.
pub fn tell(change: &Change) {
    CHANNEL.with(|c| {
        if let Some(c) = c {
            let _ = c.post_message(&JsValue::from_str(&change.encode()));
        }
    });
}

/// Calls `on_change` for every change another tab tells, for as long as the page lives.
pub fn listen(on_change: impl Fn(Change) + 'static) {
    CHANNEL.with(|c| {
        let Some(c) = c else {
            return;
        };
        let handler =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if let Some(change) = e.data().as_string().as_deref().and_then(Change::decode) {
                    on_change(change);
                }
            });
        let _ = c.add_event_listener_with_callback("message", handler.as_ref().unchecked_ref());
        handler.forget();
    });
}
