//! Embedding the studio in other front ends: the `generate({...})` JavaScript API and the
//! `<banana-studio>` custom element (both behind the `embed` feature, on by default), and their
//! options and errors as plain, natively tested Rust ([`options`]). The third way, the Leptos
//! [`Studio`](crate::ui::Studio) component, needs nothing from here.

#[cfg(feature = "embed")]
mod element;
#[cfg(feature = "embed")]
mod js_api;
pub mod options;
