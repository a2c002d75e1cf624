#!/usr/bin/env bash
# Benchmarks that print figures: `scripts/bench.sh [first-load|app|history|annotate|parse|all]` (default: all).
# first-load compares with the React peer when PEER_DIST points at its build (see bench/first-load.mjs).
# Builds the release app first; speed targets are checked here, not in timed tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh
what=${1:-all}
if [[ $what == all || $what == parse ]]; then
  cargo bench --bench parse
fi
if [[ $what == all || $what == app || $what == history || $what == annotate || $what == first-load ]]; then
  scripts/release.sh
fi
if [[ $what == all || $what == first-load ]]; then
  node scripts/main-size.mjs
  node bench/first-load.mjs
fi
if [[ $what == all || $what == app ]]; then
  # WebSocket for the raw-CDP measure: built into Node 22, behind a flag in Node 20.
  node --experimental-websocket bench/app.mjs
fi
if [[ $what == all || $what == history ]]; then
  node bench/history.mjs
fi
if [[ $what == all || $what == annotate ]]; then
  node bench/annotate.mjs
fi
