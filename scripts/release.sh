#!/usr/bin/env bash
# The release build: `trunk build --release` (or `scripts/release.sh serve` for `trunk serve --release`)
# with the size recipe of the Leptos book's "Optimizing WASM binary size", on the nightly toolchain
# pinned in scripts/setup.sh, for the release wasm only (native tests, clippy, the glue tests and the
# development build stay on stable):
#   -Zbuild-std=std,panic_abort   the standard library built with the app's own profile (opt-level z, LTO)
#   -Cpanic=immediate-abort       a panic is a trap: no panic messages, locations or formatting kept
#   -Zlocation-detail=none        no source paths for #[track_caller] (signals, RefCell, unwrap)
#   -Zfmt-debug=none              `{:?}` prints nothing: no Debug code (never shown to the user anyway)
# A panic in the release build already aborted the page (Cargo.toml: panic = "abort"); now it does so
# without its message. Everything else (the split, wasm-opt, the post-build steps) is as before.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export RUSTUP_TOOLCHAIN="$BANANA_NIGHTLY"
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
# RUSTFLAGS replaces .cargo/config.toml's target flags, so --emit-relocs (the splitter needs it) is here too.
export RUSTFLAGS="-Clink-args=--emit-relocs -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"
case "${1:-build}" in
  build) shift || true; exec trunk build --release "$@" ;;
  serve) shift; exec trunk serve --release "$@" ;;
  *) echo "usage: scripts/release.sh [build|serve] [trunk options]" >&2; exit 2 ;;
esac
