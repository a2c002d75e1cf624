//! Entry point: mounts the studio on the page.

fn main() {
    leptos::mount::mount_to_body(banana_studio::Studio);
}
