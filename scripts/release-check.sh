#!/usr/bin/env bash
# npm run release-check: what our machines cannot check, for a machine that can download Electron (a release
# machine, or CI with network). Installs the binary, runs the e2e suite under real Electron in Xvfb, builds the
# packages, starts the packaged app and exports 300 articles through the bundle workers, and reads the fuses
# back from the packaged binary. Each step says what it proves; any failure stops the check.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== release-check: %s\n' "$*"; }
run_ts() { node --experimental-strip-types --no-warnings "$@"; }
# Linux without a display runs Electron in Xvfb; macOS and Windows have a display.
with_display() { if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ]; then xvfb-run -a "$@"; else "$@"; fi; }

step "Electron binary (npx install-electron)"
npx --yes install-electron
run_ts scripts/electron-binary.ts   # prints the executable, fails when there is none

step "sandbox helper (Ubuntu 23.10+)"
run_ts scripts/check-sandbox.ts

step "e2e under _electron.launch (every spec, the desktop specs included)"
npx electron-vite build
NEWSDESK_E2E_LAUNCHER=electron with_display npx playwright test --project=electron

step "packages (npm run dist)"
npm run dist

step "fuses read back from the packaged binary"
run_ts scripts/release-check-packaged.ts fuses dist

step "packaged app: 300 articles exported through the bundle workers inside app.asar"
# Playwright drives Electron through --inspect, which the shipped fuses refuse: a check build with only that
# fuse left on, from the same app.asar, packed into dist-check/.
npx electron-builder --dir --config.directories.output=dist-check \
  --config.electronFuses.enableNodeCliInspectArguments=true
with_display run_ts scripts/release-check-packaged.ts export dist-check

step "done: every release check passed"
