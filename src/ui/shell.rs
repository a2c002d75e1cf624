//! The shell's own state: whether the settings panel and the composer's extra options are open, the
//! studio's root element, and where the focus goes when the panel opens and closes.

use leptos::prelude::*;

/// What the shell shows besides the stage: the settings panel and the composer's extra options. `Copy`,
/// provided to the views.
#[derive(Clone, Copy)]
pub struct Shell {
    /// The settings panel is open.
    pub settings: RwSignal<bool>,
    /// The composer's less frequent options are open.
    pub more: RwSignal<bool>,
    /// The prompt library is open.
    pub library: RwSignal<bool>,
    /// The header's gear, where focus returns when the panel closes.
    pub gear: NodeRef<leptos::html::Button>,
    /// The studio's root element (overlays such as the lightbox mount beside it).
    pub root: NodeRef<leptos::html::Div>,
    /// The panel's close button, which takes the focus when it opens.
    pub close: NodeRef<leptos::html::Button>,
    /// The studio is one part of another page (the page's URL is not its own to change).
    pub embedded: bool,
}

impl Shell {
    /// A closed shell, provided to the views.
    pub fn provide(embedded: bool) -> Self {
        let shell = Shell {
            settings: RwSignal::new(false),
            more: RwSignal::new(false),
            library: RwSignal::new(false),
            gear: NodeRef::new(),
            root: NodeRef::new(),
            close: NodeRef::new(),
            embedded,
        };
        provide_context(shell);
        shell
    }

    /// Opens the settings with the focus on their close button, or closes them.
    pub fn toggle_settings(self) {
        if self.settings.get_untracked() {
            self.close_settings();
        } else {
            self.open_settings();
        }
    }

    /// Opens the settings panel and moves the focus into it.
    pub fn open_settings(self) {
        self.settings.set(true);
        let close = self.close;
        request_animation_frame(move || {
            if let Some(b) = close.get_untracked() {
                let _ = b.focus();
            }
        });
    }

    /// Closes the settings panel; the focus goes back to the gear.
    pub fn close_settings(self) {
        self.settings.set(false);
        if let Some(g) = self.gear.get_untracked() {
            let _ = g.focus();
        }
    }
}
