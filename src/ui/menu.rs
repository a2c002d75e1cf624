//! What the studio's small menus share (a tile's "more", the toolbar's, the composer's chips): moving the
//! focus through their items with the keys, and telling when the focus has left one.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where the focus goes among a menu's items.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Step {
    /// The next item, wrapping around to the first.
    Next,
    /// The previous item, wrapping around to the last.
    Previous,
    /// The first item.
    First,
    /// The last item.
    Last,
    /// The item marked `aria-selected="true"`, else the first.
    Selected,
}

impl Step {
    /// The step an arrow, Home or End key asks for, if any.
    pub fn for_key(key: &str) -> Option<Step> {
        match key {
            "ArrowDown" => Some(Step::Next),
            "ArrowUp" => Some(Step::Previous),
            "Home" => Some(Step::First),
            "End" => Some(Step::Last),
            _ => None,
        }
    }

    /// The index this step lands on among `len` items, from `at` (the focused one, if any) or else
    /// from `selected` (the chosen one, if any).
    pub fn land(self, len: usize, at: Option<usize>, selected: Option<usize>) -> Option<usize> {
        if len == 0 {
            return None;
        }
        Some(match (self, at.or(selected)) {
            (Step::First, _) | (Step::Next, None) => 0,
            (Step::Last, _) | (Step::Previous, None) => len - 1,
            (Step::Next, Some(p)) => (p + 1) % len,
            (Step::Previous, Some(p)) => (p + len - 1) % len,
            (Step::Selected, _) => selected.unwrap_or(0),
        })
    }
}

/// Moves the focus among the elements matching `items` inside `wrap`.
pub fn move_focus(wrap: Option<impl AsRef<web_sys::Element>>, items: &str, step: Step) {
    let Some(list) = wrap.and_then(|w| w.as_ref().query_selector_all(items).ok()) else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into().ok())
        .collect();
    let active = document().active_element();
    let at = items.iter().position(|i| {
        active
            .as_ref()
            .is_some_and(|a| a == i.unchecked_ref::<web_sys::Element>())
    });
    let selected = items
        .iter()
        .position(|i| i.get_attribute("aria-selected").as_deref() == Some("true"));
    if let Some(next) = step.land(items.len(), at, selected) {
        let _ = items[next].focus();
    }
}

/// Whether a `focusout` from inside `wrap` left it (the focus went elsewhere, or nowhere).
pub fn focus_left(wrap: Option<impl AsRef<web_sys::Element>>, e: &web_sys::FocusEvent) -> bool {
    let inside = match (wrap, e.related_target()) {
        (Some(w), Some(t)) => t
            .dyn_ref::<web_sys::Node>()
            .is_some_and(|n| w.as_ref().contains(Some(n))),
        _ => false,
    };
    !inside
}

/// A `mousedown` handler for a menu: the press does not take the focus from the menu's item, so
/// WebKit, which does not focus a pressed button, does not close the menu before the click lands.
pub fn keep_focus(e: web_sys::MouseEvent) {
    e.prevent_default();
}

/// The left edge of a popup `width` wide that would start at `left` in a host `room` wide: moved left
/// as far as it must to stay inside, with a small margin, but never past the host's left edge.
pub fn fit(left: f64, width: f64, room: f64) -> f64 {
    const MARGIN: f64 = 8.0;
    left.min(room - width - MARGIN).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::{fit, Step};

    #[test]
    fn popups_stay_inside_their_host() {
        assert_eq!(fit(20.0, 100.0, 390.0), 20.0);
        assert_eq!(fit(300.0, 100.0, 390.0), 282.0);
        assert_eq!(fit(300.0, 500.0, 390.0), 0.0);
    }

    #[test]
    fn steps_wrap_around_and_start_from_the_ends() {
        assert_eq!(Step::Next.land(3, Some(2), None), Some(0));
        assert_eq!(Step::Previous.land(3, Some(0), None), Some(2));
        assert_eq!(Step::Next.land(3, None, None), Some(0));
        assert_eq!(Step::Previous.land(3, None, None), Some(2));
        assert_eq!(Step::Last.land(3, Some(0), None), Some(2));
        assert_eq!(Step::First.land(3, Some(2), None), Some(0));
        assert_eq!(Step::Selected.land(3, None, Some(1)), Some(1));
        assert_eq!(Step::Selected.land(3, None, None), Some(0));
        assert_eq!(Step::Next.land(0, None, None), None);
        // Keys pressed before the focus reached the menu count from the chosen item.
        assert_eq!(Step::Next.land(3, None, Some(1)), Some(2));
        assert_eq!(Step::Previous.land(3, None, Some(0)), Some(2));
        assert_eq!(Step::Next.land(3, Some(0), Some(1)), Some(1));
        assert_eq!(Step::for_key("Home"), Some(Step::First));
        assert_eq!(Step::for_key("a"), None);
    }
}
