#!/usr/bin/env bash
# Installs whatever the build needs and is missing (see ../shared/TOOLCHAIN.md). Idempotent: every step
# is skipped when its tool is already there at the right version, so a second run takes seconds.
#   scripts/setup.sh          toolchain to build and serve the app
#   scripts/setup.sh --test   also what the tests need (Chromium, ChromeDriver, the wasm test runner)
set -euo pipefail
cd "$(dirname "$0")/.."
# The checks below read a tool's whole output (`grep > /dev/null`, never `grep -q`): with pipefail, a
# `grep -q` that stops early makes the tool die of SIGPIPE, and the check fail although the tool is there.

TRUNK_VERSION=0.21.14
# The splitter of scripts/split.mjs (as cargo-leptos's --split uses it); not Dioxus's wasm-split-cli.
WASM_SPLIT_VERSION=0.2.4
GECKODRIVER_VERSION=0.37.1
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -x wasm32-unknown-unknown > /dev/null; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The release wasm build's pinned nightly (scripts/release.sh: -Zbuild-std and the size flags), with the
# standard library's source and the wasm target; native tests and every other build stay on stable.
BANANA_NIGHTLY=$(awk -F= '/^export BANANA_NIGHTLY=/ { print $2 }' scripts/env.sh)
NIGHTLY_SYSROOT=$(rustup run "$BANANA_NIGHTLY" rustc --print sysroot 2>/dev/null || true)
if [ -z "$NIGHTLY_SYSROOT" ] || [ ! -d "$NIGHTLY_SYSROOT/lib/rustlib/src/rust/library" ] \
  || [ ! -d "$NIGHTLY_SYSROOT/lib/rustlib/wasm32-unknown-unknown" ]; then
  say "installing the release build's toolchain $BANANA_NIGHTLY (rust-src, wasm32; about a minute)"
  rustup toolchain install "$BANANA_NIGHTLY" --profile minimal --target wasm32-unknown-unknown --component rust-src
  NIGHTLY_SYSROOT=$(rustup run "$BANANA_NIGHTLY" rustc --print sysroot)
fi
# The standard library's own dependencies, downloaded once: the release build runs offline (Trunk.toml).
if [ ! -f target/.std-fetched-"$BANANA_NIGHTLY" ]; then
  cargo +"$BANANA_NIGHTLY" fetch --manifest-path "$NIGHTLY_SYSROOT/lib/rustlib/src/rust/library/Cargo.toml"
  mkdir -p target && touch target/.std-fetched-"$BANANA_NIGHTLY"
fi

if ! trunk --version 2>/dev/null | grep "$TRUNK_VERSION" > /dev/null; then
  say "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen's CLI must match the library version in Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep "$WB_VERSION" > /dev/null; then
  say "installing wasm-bindgen-cli $WB_VERSION (about 5 minutes)"
  # No --locked: the registry here lacks one of its locked dependencies (TOOLCHAIN.md).
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi
if [ "$(awk -F'"' '/^wasm_bindgen/ { print $2 }' Trunk.toml)" != "$WB_VERSION" ]; then
  echo "Trunk.toml pins wasm_bindgen to another version than Cargo.lock ($WB_VERSION): update it." >&2
  exit 1
fi

if ! cargo install --list | grep "^wasm_split_cli_support v$WASM_SPLIT_VERSION:" > /dev/null; then
  say "installing wasm_split_cli_support $WASM_SPLIT_VERSION (the module splitter, about 3 minutes)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

# wasm-opt from npm's binaryen 132 (Debian's 108 breaks the module), playwright-core and axe-core (the
# accessibility audit) and selenium-webdriver (Firefox and WebKit), all pinned in package-lock.json.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] \
  || [ ! -d node_modules/selenium-webdriver ] || [ ! -d node_modules/typescript ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tooling (binaryen, playwright-core, axe-core, selenium-webdriver, typescript)"
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--test" ]; then
  # The npm package's example apps (React + Vite + TypeScript 7, and webpack 5; each pinned in its
  # package-lock.json), which e2e/package.test.mjs builds with the packed package.
  for example in examples/vite-react examples/webpack; do
    if [ ! -d "$example/node_modules/.bin" ] \
      || [ "$example/package-lock.json" -nt "$example/node_modules/.package-lock.json" ]; then
      say "installing the packages of $example"
      (cd "$example" && npm ci --no-audit --no-fund)
    fi
  done
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Chromium and ChromeDriver from Debian"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
  fi
  # The other engine families, driven over WebDriver (e2e/engines.test.mjs): Firefox ESR with
  # geckodriver (from crates.io; npm's geckodriver downloads a binary and fails here), and WebKitGTK's
  # WebKitWebDriver with MiniBrowser, under a virtual display.
  if [ ! -x /usr/bin/firefox-esr ] || [ ! -x /usr/bin/WebKitWebDriver ] || ! command -v xvfb-run > /dev/null; then
    say "installing Firefox ESR, WebKitGTK's WebDriver and Xvfb from Debian"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb
  fi
  if ! "$HOME/.cargo/bin/geckodriver" --version 2>/dev/null | grep "^geckodriver $GECKODRIVER_VERSION" > /dev/null; then
    say "installing geckodriver $GECKODRIVER_VERSION (about 3 minutes)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION"
  fi
fi
