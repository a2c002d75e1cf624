#!/usr/bin/env bash
# Benchmarks that print figures: `scripts/bench.sh [history|parse|all]` (default: all).
# Builds the release app first; speed targets are checked here, not in timed tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh
what=${1:-all}
if [[ $what == all || $what == parse ]]; then
  cargo bench --bench parse
fi
if [[ $what == all || $what == history ]]; then
  trunk build --release
  node bench/history.mjs
fi
