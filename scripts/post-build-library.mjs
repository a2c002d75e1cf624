// Trunk post-build hook of a Leptos app that uses the studio as a library (examples/leptos-host): the
// studio's split, and its Chinese texts beside the app (fetched when that language is first used).
import './split.mjs';
import './locales.mjs';
