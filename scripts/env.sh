# Sourced by the scripts: puts the project's tools on PATH (from any directory).
BANANA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$BANANA_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# The nightly toolchain of the release wasm build only (scripts/release.sh); scripts/setup.sh installs it.
export BANANA_NIGHTLY=nightly-2026-05-20
