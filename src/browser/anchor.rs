//! Where a popup opens: above the element that opened it, measured in the box of one of that element's
//! ancestors (so a popup placed there escapes a scrolling row between the two).

/// A popup's place inside its host, in CSS pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Anchor {
    /// From the host's left edge to the opener's.
    pub left: f64,
    /// From the host's bottom edge to the opener's top.
    pub bottom: f64,
    /// The host's width.
    pub room: f64,
}

/// Where a popup opening above `opener` goes, inside its closest ancestor matching `host`.
pub fn above(opener: &web_sys::Element, host: &str) -> Option<Anchor> {
    let frame = opener.closest(host).ok()??.get_bounding_client_rect();
    let at = opener.get_bounding_client_rect();
    Some(Anchor {
        left: at.left() - frame.left(),
        bottom: frame.bottom() - at.top(),
        room: frame.width(),
    })
}
