#!/usr/bin/env bash
# README's first command: on a fresh machine with only Node, installs the toolchain from the
# lockfile, builds the CLI and what it needs, and runs `q2google demo` — a real sync between
# local emulators of the GoPro cloud and Google Photos, with no account or credential.
# Extra arguments go to the demo, e.g. `bash scripts/demo.sh --items 200 --bandwidth 2000000`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/toolchain.sh
source "$root/scripts/toolchain.sh"
cd "$root"

echo "Building the q2google CLI ..."
pnpm exec turbo run build --filter @q2google/cli... --output-logs=errors-only

exec node apps/cli/dist/bin.js demo "$@"
