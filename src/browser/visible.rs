//! Calling back when an element scrolls into view (`IntersectionObserver`), for loading more as the
//! user scrolls.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Watches one element; stops watching when dropped.
pub struct WhenVisible {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl WhenVisible {
    /// Calls `on_visible` each time `element` comes within `margin_px` of the viewport.
    pub fn new(
        element: &web_sys::Element,
        margin_px: u32,
        mut on_visible: impl FnMut() + 'static,
    ) -> Option<WhenVisible> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let seen = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>()
                    .is_ok_and(|e| e.is_intersecting())
            });
            if seen {
                on_visible();
            }
        });
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root_margin(&format!("{margin_px}px"));
        let observer = web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            &init,
        )
        .ok()?;
        observer.observe(element);
        Some(WhenVisible {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for WhenVisible {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
