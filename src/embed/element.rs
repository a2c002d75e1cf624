//! The `<banana-studio>` custom element: its class lives in `element.js`; this side mounts the
//! [`Studio`] in the element's shadow root, forwards attribute changes, and turns results and errors
//! into `generate` and `error` DOM events.

use super::js_api::result_object;
use crate::ui::{Studio, StudioError, StudioResult};
use leptos::prelude::*;
use std::any::Any;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/embed/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element_js(mount: &js_sys::Function, css_url: &str);
    fn dispatch(el: &web_sys::HtmlElement, kind: &str, detail: &JsValue);
}

/// Defines `<banana-studio>` (once), its shadow root styled by the stylesheet at `css_url`.
#[wasm_bindgen(js_name = defineElement)]
pub fn define_element(css_url: String) {
    let mount = Closure::<dyn Fn(_, _, _, _, _) -> JsValue>::new(
        |host: web_sys::HtmlElement,
         container: web_sys::HtmlElement,
         provider: Option<String>,
         base_url: Option<String>,
         model: Option<String>| {
            JsValue::from(mount(host, container, provider, base_url, model))
        },
    );
    define_element_js(mount.as_ref().unchecked_ref(), &css_url);
    // The element class keeps calling it for every element made.
    mount.forget();
}

/// One mounted element: the studio (unmounted when dropped) and its attributes as signals.
#[wasm_bindgen]
pub struct ElementHandle {
    studio: Option<Box<dyn Any>>,
    /// The studio's reactive root. Tasks in flight hold it too, so dropping it is not enough: it is
    /// cleaned up explicitly, which cancels them.
    owner: Option<Owner>,
    provider: ArcRwSignal<Option<String>>,
    base_url: ArcRwSignal<Option<String>>,
    model: ArcRwSignal<Option<String>>,
}

impl Drop for ElementHandle {
    fn drop(&mut self) {
        self.studio.take();
        if let Some(owner) = self.owner.take() {
            owner.cleanup();
        }
    }
}

#[wasm_bindgen]
impl ElementHandle {
    /// An attribute of the element changed (`None`: removed).
    pub fn set(&self, name: &str, value: Option<String>) {
        match name {
            "provider" => self.provider.set(value),
            "base-url" => self.base_url.set(value),
            "model" => self.model.set(value),
            _ => {}
        }
    }
}

fn mount(
    host: web_sys::HtmlElement,
    container: web_sys::HtmlElement,
    provider: Option<String>,
    base_url: Option<String>,
    model: Option<String>,
) -> ElementHandle {
    let (provider, base_url, model) = (
        ArcRwSignal::new(provider),
        ArcRwSignal::new(base_url),
        ArcRwSignal::new(model),
    );
    let (p, b, m) = (provider.clone(), base_url.clone(), model.clone());
    let (on_result_host, on_error_host) = (host.clone(), host);
    let on_result = UnsyncCallback::new(move |r: StudioResult| {
        let detail = result_object(&r.images, &r.text, r.usage.as_ref(), &r.model);
        if let Ok(detail) = detail {
            let _ = js_sys::Reflect::set(&detail, &"prompt".into(), &r.prompt.into());
            dispatch(&on_result_host, "generate", &detail);
        }
    });
    let on_error = UnsyncCallback::new(move |e: StudioError| {
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"kind".into(), &e.kind.into());
        let _ = js_sys::Reflect::set(&detail, &"message".into(), &e.message.into());
        dispatch(&on_error_host, "error", &detail);
    });
    let root = std::rc::Rc::new(std::cell::RefCell::new(None));
    let keep_root = root.clone();
    let studio = leptos::mount::mount_to(container, move || {
        *keep_root.borrow_mut() = Owner::current();
        let as_prop = |s: ArcRwSignal<Option<String>>| {
            let s: Signal<Option<String>> = s.into();
            MaybeProp::from(s)
        };
        let (p, b, m) = (as_prop(p), as_prop(b), as_prop(m));
        view! {
            <Studio
                provider=p
                base_url=b
                model=m
                on_result=on_result
                on_error=on_error
                embedded=true
            />
        }
    });
    let owner = root.borrow_mut().take();
    ElementHandle {
        studio: Some(Box::new(studio)),
        owner,
        provider,
        base_url,
        model,
    }
}
