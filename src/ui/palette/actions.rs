//! The palette's actions: every thing the studio does, by name, with its default shortcut.

use super::{key, Action, Open};
use crate::app::{History, Later, Notices, Prefs, Providers, Tasks};
use crate::protocol::models_for;
use crate::studio::palette::Shortcut;
use crate::ui::i18n::{t_string, use_i18n, Locale};
use crate::ui::shell::Shell;
use crate::ui::theme::Theme;
use leptos::prelude::*;
use std::rc::Rc;

/// Every action, named in the current language, with the settings as they are.
pub(super) fn actions(open: Open) -> Vec<Action> {
    let i18n = use_i18n();
    let shell = expect_context::<Shell>();
    let history = expect_context::<History>();
    let prefs = expect_context::<Prefs>();
    let providers = expect_context::<Providers>();
    let later = expect_context::<Later>();
    let lazy = expect_context::<crate::ui::lazy::Lazy>();
    let notices = expect_context::<Notices>();
    let tasks = expect_context::<Tasks>();
    let theme = expect_context::<RwSignal<Theme>>();
    let mut all = Vec::new();
    let mut add = |id: &str, name: String, default: Option<Shortcut>, run: Rc<dyn Fn()>| {
        all.push(Action {
            id: id.to_string(),
            name,
            default,
            fixed: id == "generate",
            run,
        });
    };
    add(
        "generate",
        t_string!(i18n, palette.generate).to_string(),
        key("Mod+Enter"),
        Rc::new(move || lazy.run(crate::ui::lazy::generate(later))),
    );
    add(
        "palette",
        t_string!(i18n, palette.palette).to_string(),
        key("Mod+K"),
        Rc::new(move || open.palette.set(true)),
    );
    add(
        "shortcuts",
        t_string!(i18n, palette.shortcuts).to_string(),
        key("?"),
        Rc::new(move || open.sheet.set(true)),
    );
    add(
        "settings",
        t_string!(i18n, palette.settings).to_string(),
        key("Mod+,"),
        Rc::new(move || shell.open_settings()),
    );
    add(
        "prompt-library",
        t_string!(i18n, palette.library).to_string(),
        key("Alt+L"),
        Rc::new(move || shell.library.set(true)),
    );
    add(
        "export",
        t_string!(i18n, palette.export).to_string(),
        None,
        Rc::new(move || history.export(None)),
    );
    add(
        "favourites",
        t_string!(i18n, palette.favourites).to_string(),
        key("Alt+S"),
        Rc::new(move || history.filter.update(|f| f.favourites = !f.favourites)),
    );
    add(
        "filters",
        t_string!(i18n, palette.filters).to_string(),
        key("Alt+F"),
        Rc::new(move || history.filter_open.update(|o| *o = !*o)),
    );
    add(
        "clear-filters",
        t_string!(i18n, palette.clear_filters).to_string(),
        None,
        Rc::new(move || history.filter.set(Default::default())),
    );
    for (t, name) in [
        (Theme::Light, t_string!(i18n, app.theme_light)),
        (Theme::Dark, t_string!(i18n, app.theme_dark)),
        (Theme::System, t_string!(i18n, app.theme_system)),
    ] {
        add(
            &format!("theme-{}", t.name()),
            t_string!(i18n, palette.theme, name).to_string(),
            None,
            Rc::new(move || crate::ui::theme::choose(theme, notices, t)),
        );
    }
    for l in Locale::get_all().iter().copied() {
        add(
            &format!("language-{}", l.as_str()),
            t_string!(i18n, palette.language, name = crate::ui::language::name(l)).to_string(),
            None,
            Rc::new(move || crate::ui::language::choose(i18n, notices, tasks, l)),
        );
    }
    for p in crate::protocol::Preset::ALL {
        add(
            &format!("preset-{}", p.id()),
            t_string!(i18n, palette.provider, name = p.label()).to_string(),
            None,
            Rc::new(move || prefs.settings.update(|s| s.select_preset(p))),
        );
    }
    let saved = providers.saved.with_untracked(|s| {
        s.list
            .iter()
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect::<Vec<_>>()
    });
    for (id, name) in saved {
        let to = id.clone();
        add(
            &format!("provider-{id}"),
            t_string!(i18n, palette.provider, name).to_string(),
            None,
            Rc::new(move || providers.switch(&to)),
        );
    }
    let (preset, caps) = prefs
        .settings
        .with_untracked(|s| (s.preset, s.capabilities()));
    for m in models_for(preset) {
        let model = m.to_string();
        add(
            &format!("model-{m}"),
            t_string!(i18n, palette.model, name = *m).to_string(),
            None,
            Rc::new(move || {
                prefs.settings.update(|s| {
                    s.model = model.clone();
                    s.fit_to_model();
                })
            }),
        );
    }
    for size in caps.image_sizes.iter().copied() {
        add(
            &format!("size-{}", size.native()),
            t_string!(i18n, palette.size, name = size.native()).to_string(),
            None,
            Rc::new(move || prefs.settings.update(|s| s.image_size = Some(size))),
        );
    }
    for &r in caps.aspect_ratios {
        add(
            &format!("ratio-{r}"),
            t_string!(i18n, palette.ratio, name = r).to_string(),
            None,
            Rc::new(move || prefs.settings.update(|s| s.aspect_ratio = r.to_string())),
        );
    }
    all
}
