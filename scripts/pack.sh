#!/usr/bin/env bash
# Writes the npm package `banana-studio` (npm pack's tarball) from the release build, building it first
# when dist/ is missing or older than the sources. The tarball's path is the last line printed.
#   scripts/pack.sh            → target/npm/banana-studio-<version>.tgz
set -euo pipefail
cd "$(dirname "$0")/.."
stale() {
  [ ! -f dist/banana-studio.js ] && return 0
  [ -n "$(find src locales style pixels/src build.rs Cargo.toml Cargo.lock index.html scripts/{post-build,split,locales,pixels,csp,embed,sw}.mjs \
      -newer dist/banana-studio.js -print -quit)" ]
}
if stale; then
  echo "pack.sh: building the release app first" >&2
  scripts/release.sh >&2
fi
node scripts/pack.mjs dist target/npm
