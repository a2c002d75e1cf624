#!/usr/bin/env bash
# Installs whatever is missing and serves the app on http://127.0.0.1:8080.
#   scripts/serve.sh          the app, for real providers
#   scripts/serve.sh --demo   also starts the loopback test provider on 127.0.0.1:8787 and preselects it,
#                             so the app can be tried end to end without a key
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

if [ "${1:-}" = "--demo" ]; then
  node e2e/provider.mjs --port 8787 &
  PROVIDER_PID=$!
  trap 'kill $PROVIDER_PID 2>/dev/null || true' EXIT
  export BANANA_DEMO_PROVIDER="http://127.0.0.1:8787"
else
  unset BANANA_DEMO_PROVIDER
fi
echo "Serving Banana Studio on http://127.0.0.1:8080"
trunk serve --release
