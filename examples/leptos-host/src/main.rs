//! A Leptos app of its own with Banana Studio inside, both ways the library offers:
//! the [`Studio`] component (preset by props, reporting results through a callback) and the protocol
//! core used directly (here, to preview the request a prompt would make, with no network at all).
//!
//! Run: `cd examples/leptos-host && trunk serve --port 8081`, with the test provider
//! (`node e2e/provider.mjs --port 8788`) or any real provider picked in the form.

use banana_studio::protocol::{native, ApiKey, GenerationRequest, Preset};
use banana_studio::ui::{Studio, StudioResult};
use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let (made, set_made) = signal(Vec::<String>::new());
    let on_result = UnsyncCallback::new(move |r: StudioResult| {
        let line = format!(
            "{} image(s) for \u{201c}{}\u{201d} from {}",
            r.images.len(),
            r.prompt,
            r.model
        );
        set_made.update(|m| m.push(line));
    });
    view! {
        <header class="top">
            <h1>"My Leptos app"</h1>
            <RequestPreview/>
            <ul data-testid="host-log">
                {move || made.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        </header>
        <Studio
            provider="custom"
            base_url="http://127.0.0.1:8788"
            model="gemini-3.1-flash-image"
            on_result=on_result
            embedded=true
        />
    }
}

/// The protocol core on its own: what a prompt would send to Google, built and checked, never sent.
#[component]
fn RequestPreview() -> impl IntoView {
    let (prompt, set_prompt) = signal(String::from("a banana on the moon"));
    let preview = move || {
        let request = GenerationRequest {
            model: Preset::Google.default_model().to_string(),
            prompt: prompt.get(),
            ..GenerationRequest::default()
        };
        match native::build(
            &Preset::Google.provider(),
            &ApiKey::new("YOUR-KEY"),
            &request,
            false,
        ) {
            Ok(built) => built
                .iter()
                .map(|r| {
                    format!(
                        "POST {} ({} bytes)",
                        r.redacted_url(),
                        r.body.as_ref().map_or(0, |b| b.len())
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Err(e) => e.message(),
        }
    };
    view! {
        <label>
            "Preview a request: "
            <input prop:value=prompt on:input=move |e| set_prompt.set(event_target_value(&e))/>
        </label>
        <pre data-testid="request-preview">{preview}</pre>
    }
}
