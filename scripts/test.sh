#!/usr/bin/env bash
# Runs every test: format and lints (host and wasm32), native unit and property tests, browser-glue
# tests in headless Chromium and Firefox (wasm-bindgen-test), and the end-to-end suite (Playwright +
# Chromium, and the cross-engine set in Firefox ESR and WebKitGTK) against the release build and the
# loopback test provider. Installs whatever is missing first.
#
#   scripts/test.sh           every stage, in order
#   scripts/test.sh STAGE     one stage: fmt, clippy, native, types, glue, build, e2e (the Chromium suites)
#                             or engines (Firefox ESR and WebKitGTK); e2e and engines test the last build
set -euo pipefail
cd "$(dirname "$0")/.."
ONLY=${1:-all}
case "$ONLY" in
  all | fmt | clippy | native | types | glue | build | e2e | engines) ;;
  *) echo "usage: scripts/test.sh [fmt|clippy|native|types|glue|build|e2e|engines]" >&2; exit 2 ;;
esac
want() { [ "$ONLY" = all ] || [ "$ONLY" = "$1" ]; }
scripts/setup.sh --test
source scripts/env.sh

# Each step prints how long the run has taken so far (set-up included), so a slow CI run shows where its time went.
START=0
step() { printf '\n\033[1m==> %s\033[0m  (%dm%02ds in)\n' "$*" $(((SECONDS - START) / 60)) $(((SECONDS - START) % 60)); }

if want fmt; then
step "cargo fmt --check"
cargo fmt --all -- --check
fi

if want clippy; then
step "clippy (host and wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --bins --test browser -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --bins --features split -- -D warnings
cargo clippy -p leptos-host --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p banana-pixels --all-targets -- -D warnings
cargo clippy -p banana-pixels --features worker --target wasm32-unknown-unknown -- -D warnings
fi

if want native; then
step "native tests (protocol core, studio rules, properties, the pixels crate)"
cargo test
cargo test -p banana-pixels
fi

if want types; then
step "the npm package's TypeScript declarations (tsc --strict --noEmit, TypeScript 5.9 and 7)"
# npm/test/good.tsx uses every option and event and must compile; each @ts-expect-error line of
# npm/test/expect-errors.tsx must be an error (tsc fails on one that is not). tests/typescript.rs (native)
# checks the declarations' unions against the Rust sources.
node_modules/.bin/tsc -p npm/test --strict --noEmit
examples/vite-react/node_modules/.bin/tsc -p npm/test --strict --noEmit
fi

if want glue; then
# A test provider on a fixed loopback port for the in-browser tests; stopped on exit.
PROVIDER_PORT=${PROVIDER_PORT:-8788}
node e2e/provider.mjs --port "$PROVIDER_PORT" > target/test-provider.log 2>&1 &
PROVIDER_PID=$!
trap 'kill $PROVIDER_PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PROVIDER_PORT/__health" > /dev/null && break; sleep 0.1; done

step "browser glue tests (wasm-bindgen-test in headless Chromium, then Firefox ESR)"
# Once in each browser, no retries: scripts/glue.mjs serves the test module with wasm-bindgen-test-runner's
# serve mode and loads its page itself, after giving the runner's server enough idle threads for a
# browser's first burst of connections (a fresh server left one module request unanswered in about half
# the runs, so the page never started: docs/reliability.md). A run that hangs is ended after 10 minutes.
export BANANA_TEST_PROVIDER="http://127.0.0.1:$PROVIDER_PORT"
timeout -k 20s 10m node scripts/glue.mjs chromium
timeout -k 20s 10m node scripts/glue.mjs firefox
fi

if want build; then
step "builds (the release app, the Leptos example that uses it as a library, the development build)"
# The release app on the pinned nightly with the size flags (scripts/release.sh), then the first-load
# guard: the main module may not grow more than 2 KB past the figure in bench/main-module.json.
scripts/release.sh
node scripts/main-size.mjs
(cd examples/leptos-host && trunk build --release)
# The development build (what `trunk serve` serves) is split too; e2e/split.test.mjs runs it.
trunk build --dist target/dist-debug
fi

if want e2e || want engines; then
  for built in dist/index.html target/dist-debug/index.html examples/leptos-host/dist/index.html; do
    [ -f "$built" ] || { echo "no $built: run scripts/test.sh build first" >&2; exit 1; }
  done
fi
# A test that hangs (a browser or driver that stops answering) fails after 5 minutes instead of holding
# the run; each suite is ended after 45 minutes (together they take about 12 here).
if want e2e; then
step "end-to-end tests (Playwright + Chromium)"
mapfile -t suites < <(ls e2e/*.test.mjs | grep -v '/engines\.test\.mjs$')
timeout -k 30s 45m node --test --test-concurrency=1 --test-timeout=300000 "${suites[@]}"
fi

if want engines; then
step "cross-engine tests (Firefox ESR and WebKitGTK over WebDriver)"
timeout -k 30s 45m node --test --test-concurrency=1 --test-timeout=300000 e2e/engines.test.mjs
fi
step "$([ "$ONLY" = all ] && echo "all tests passed" || echo "stage $ONLY passed")"
