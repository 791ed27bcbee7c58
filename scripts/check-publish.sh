#!/usr/bin/env bash
# CI check (run by scripts/test.sh after the build): `pnpm -r publish --dry-run` succeeds for
# every published package, and npm warns about nothing in their manifests (a bin or main that
# points at a missing file, an invalid field).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! pnpm -r publish --dry-run --no-git-checks >"$log" 2>&1; then
  cat "$log"
  echo "pnpm -r publish --dry-run failed" >&2
  exit 1
fi
if grep -P "npm (warn|error) (package-json|publish (?!This command requires you to be logged in))" "$log"; then
  echo "npm warned about a published manifest (above)" >&2
  exit 1
fi
count="$(grep -c '^+ @q2google/' "$log" || true)"
echo "publish dry-run: ${count} packages would be published"
[ "$count" -gt 0 ]
