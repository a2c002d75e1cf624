//! Small controls shared by the panels.

use crate::studio::Settings;
use leptos::prelude::*;

/// A `Choice`'s callback: writes the picked value into the settings with `f`.
pub fn pick_into(settings: RwSignal<Settings>, f: fn(&mut Settings, String)) -> Callback<String> {
    Callback::new(move |v: String| settings.update(|s| f(s, v)))
}

/// A `<select>` labelled by its children, whose options are `(value, label)` pairs; `pick` receives
/// the chosen value.
#[component]
pub fn Choice(
    testid: &'static str,
    choices: Signal<Vec<(String, String)>>,
    value: Signal<String>,
    pick: Callback<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <label>
            {children()}
            <select data-testid=testid on:change=move |ev| pick.run(event_target_value(&ev)) prop:value=value>
                {move || choices.get().into_iter().map(|(v, l)| {
                    let selected = v.clone();
                    view! { <option value=v selected=move || value.with(|x| *x == selected)>{l}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}
