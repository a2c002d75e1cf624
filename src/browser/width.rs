//! Calling back when an element's width changes (`ResizeObserver`), for layouts made to measure.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Watches one element's content width; stops watching when dropped.
pub struct WhenResized {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl WhenResized {
    /// Calls `on_width` with the element's content width now and each time it changes.
    pub fn new(
        element: &web_sys::Element,
        mut on_width: impl FnMut(f64) + 'static,
    ) -> Option<WhenResized> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(entry) = entries
                .iter()
                .last()
                .and_then(|e| e.dyn_into::<web_sys::ResizeObserverEntry>().ok())
            {
                on_width(entry.content_rect().width());
            }
        });
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(element);
        Some(WhenResized {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for WhenResized {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
