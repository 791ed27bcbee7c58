#!/usr/bin/env bash
# Makes sure Node >= 20.19 and the pinned pnpm are present, then installs from the lockfile.
# Sourced by scripts/test.sh and scripts/demo.sh; safe to run again (it is fast when done).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! command -v node >/dev/null 2>&1; then
  echo "q2google needs Node.js 20.19 or newer; install it from your package manager or nodejs.org." >&2
  exit 1
fi
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a < 20 || (a === 20 && b < 19)) { console.error(`q2google needs Node.js >= 20.19 (this is ${process.versions.node}).`); process.exit(1); }'

want_pnpm="$(node -p 'require("./package.json").packageManager.split("@")[1]')"
if [ "$(pnpm --version 2>/dev/null || true)" != "$want_pnpm" ]; then
  echo "Installing pnpm $want_pnpm ..."
  npm install -g "pnpm@$want_pnpm" --no-fund --no-audit >/dev/null
fi

export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
pnpm install --frozen-lockfile --reporter=append-only 2>&1 | grep -vE 'Failed to create bin' || true
test -d node_modules/.pnpm || { echo "pnpm install failed" >&2; exit 1; }
