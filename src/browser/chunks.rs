//! Parts of the app that load on first use. In a split build (cargo feature `split`, which every Trunk
//! build turns on) a function declared with [`lazy_fn!`] and everything only it reaches are cut out of
//! the main module into a chunk (`scripts/split.mjs`); calling it downloads that chunk first. Without
//! the feature (wasm-bindgen-test, the host) the same function is an ordinary `async fn`.
//!
//! A chunk that cannot be downloaded is an `Err(ChunkError)`, never a panic, so the caller can say so
//! and keep what the user made. [`when_idle`] lets the page fetch every chunk early, once the first
//! screen is drawn, so no click waits for a download.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A part of the app could not be downloaded (offline on a first visit, or the host went away).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a part of the app could not be downloaded")]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// Declares a function whose body loads on first use:
/// `lazy_fn!(chunk, preload_name: pub fn name(arg: Type) -> Ret { body });`
/// becomes `pub async fn name(arg: Type) -> Result<Ret, ChunkError>` plus
/// `pub async fn preload_name() -> Result<(), SplitLoaderError>`, which only downloads. Functions
/// with the same `chunk` share one file. Keep bodies to a call: the split follows what they reach.
#[macro_export]
#[doc(hidden)]
macro_rules! lazy_fn {
    ($chunk:ident, $preload:ident: $(#[$m:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        $crate::lazy_fn!($chunk, $preload: $(#[$m])* $vis fn $name($($arg: $ty),*) -> () $body);
    };
    ($chunk:ident, $preload:ident: $(#[$m:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split(
            $chunk,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload(#[allow(dead_code)] $preload)
        )]
        $(#[$m])*
        $vis fn $name($($arg: $ty),*) -> ::core::result::Result<$ret, $crate::browser::chunks::ChunkError> {
            ::core::result::Result::Ok($body)
        }

        #[cfg(not(feature = "split"))]
        $(#[$m])*
        $vis async fn $name($($arg: $ty),*) -> ::core::result::Result<$ret, $crate::browser::chunks::ChunkError> {
            ::core::result::Result::Ok($body)
        }

        /// Downloads the function's chunk without calling it (nothing to do in an unsplit build).
        #[cfg(not(feature = "split"))]
        #[allow(dead_code)]
        $vis async fn $preload() -> ::core::result::Result<(), ::leptos::wasm_split::SplitLoaderError> {
            ::core::result::Result::Ok(())
        }
    };
}

/// Whether this build loads parts of itself on demand.
pub const SPLIT: bool = cfg!(feature = "split");

/// Resolves once the page has painted the frame being built (the next animation frame, then a task),
/// or after 100 ms where no frame comes (a background tab).
pub async fn after_paint() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let painted = js_sys::Promise::new(&mut |resolve: js_sys::Function, _| {
        let fallback = resolve.clone();
        let after_frame = Closure::once_into_js(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback(resolve.unchecked_ref());
            }
        });
        let _ = window.request_animation_frame(after_frame.unchecked_ref());
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(fallback.unchecked_ref(), 100);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(painted).await;
}

/// Runs `f` once the browser is idle after the first paint (`requestIdleCallback`, or a short timer
/// where the engine has none, as Safari before 18 does).
pub fn when_idle(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = Closure::once_into_js(f);
    let idle = js_sys::Reflect::get(&window, &JsValue::from_str("requestIdleCallback"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let scheduled = match idle {
        Some(request) => {
            let options = js_sys::Object::new();
            // Never later than this, even on a page that is never idle.
            let _ = js_sys::Reflect::set(&options, &"timeout".into(), &2000.into());
            request.call2(&window, &callback, &options).is_ok()
        }
        None => false,
    };
    if !scheduled {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 200);
    }
}

#[cfg(all(test, not(feature = "split")))]
mod tests {
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    crate::lazy_fn!(test_chunk, preload_double:
        /// Doubles, as a split point would.
        fn double(x: u32) -> u32 { x * 2 });

    crate::lazy_fn!(test_chunk, preload_nothing:
        fn nothing(log: std::rc::Rc<std::cell::Cell<u8>>) { log.set(log.get() + 1) });

    /// Polls once: an unsplit lazy function has nothing to wait for.
    fn now<T>(f: impl Future<Output = T>) -> T {
        match pin!(f).poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(v) => v,
            Poll::Pending => panic!("an unsplit lazy function waited"),
        }
    }

    #[test]
    fn unsplit_lazy_functions_run_their_body_at_once() {
        assert_eq!(now(double(21)), Ok(42));
        let log = std::rc::Rc::new(std::cell::Cell::new(0));
        assert_eq!(now(nothing(log.clone())), Ok(()));
        assert_eq!(log.get(), 1);
        assert!(now(preload_double()).is_ok());
    }
}
