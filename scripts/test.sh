#!/usr/bin/env bash
# Runs every test: format and lints (host and wasm32), native unit and property tests, browser-glue
# tests in headless Chromium and Firefox (wasm-bindgen-test), and the end-to-end suite (Playwright +
# Chromium, and the cross-engine set in Firefox ESR and WebKitGTK) against the release build and the
# loopback test provider. Installs whatever is missing first.
#
#   scripts/test.sh           every stage, in order
#   scripts/test.sh STAGE     one stage: fmt, clippy, native, glue, build, e2e (the Chromium suites) or
#                             engines (Firefox ESR and WebKitGTK); e2e and engines test the last build
set -euo pipefail
cd "$(dirname "$0")/.."
ONLY=${1:-all}
case "$ONLY" in
  all | fmt | clippy | native | glue | build | e2e | engines) ;;
  *) echo "usage: scripts/test.sh [fmt|clippy|native|glue|build|e2e|engines]" >&2; exit 2 ;;
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
step "native tests (protocol core, studio rules, properties)"
cargo test
fi

if want glue; then
# A test provider on a fixed loopback port for the in-browser tests; stopped on exit.
PROVIDER_PORT=${PROVIDER_PORT:-8788}
node e2e/provider.mjs --port "$PROVIDER_PORT" > target/test-provider.log 2>&1 &
PROVIDER_PID=$!
trap 'kill $PROVIDER_PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PROVIDER_PORT/__health" > /dev/null && break; sleep 0.1; done

step "browser glue tests (wasm-bindgen-test in headless Chromium, then Firefox ESR)"
# The runner's test page sometimes never runs its module script (Chromium skips it, Firefox never reaches
# DOMContentLoaded), while plain pages load every time; a module request the runner's server drops is the
# likely cause (upstream wasm-bindgen long kept Chrome out of its own CI for the same flake). On this VM it
# comes in runs: a clean clone on 2026-11-29 needed five Firefox tries, another seven Chromium failures in
# a row, then passed. Measured that day in Chromium: 2 of 6 runs of one old test alone hung; a 90 s page
# load limit hangs for 90 s instead of 20 (passing runs take 7 s), and line-tables-only debug info (an
# 87 MB test module instead of 358 MB) hangs as often: so it is not slowness. webdriver.json returns at
# DOMContentLoaded and ends a page load after 20 s; a run whose page never started is tried again, up to
# 16 times, loudly, after a 5 s pause; a run where a test failed fails at once (a failing test fails
# every time). A run that hangs (a browser that never starts) is ended after 10 minutes and counts as failed.
glue() { BANANA_TEST_PROVIDER="http://127.0.0.1:$PROVIDER_PORT" timeout -k 20s 10m cargo test --target wasm32-unknown-unknown --test browser; }
glue_tries() {
  local log
  log=$(mktemp)
  for try in $(seq 1 16); do
    if glue 2>&1 | tee "$log"; then
      return 0
    fi
    if grep "test result: FAILED" "$log" > /dev/null; then
      echo "!! a browser glue test failed in $1" >&2
      return 1
    fi
    echo "!! the browser glue tests' page never started in $1 (try $try of 16)" >&2
    sleep 5
  done
  return 1
}
glue_tries Chromium
# The runner takes the first driver it finds in GECKODRIVER, SAFARIDRIVER, CHROMEDRIVER (webdriver.json
# has each browser's options).
(unset CHROMEDRIVER; export GECKODRIVER="$HOME/.cargo/bin/geckodriver"; glue_tries Firefox)
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
