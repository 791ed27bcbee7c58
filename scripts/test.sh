#!/usr/bin/env bash
# Runs every check and test of the repository, exactly as CI does:
# toolchain + install, services (PostgreSQL, FerretDB), lint, typecheck, build, tests.
# Ends with one line "N passed, N failed" and a non-zero exit on any failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/toolchain.sh

if [ -f scripts/services.sh ]; then
  echo "== services"
  services_env="$(bash scripts/services.sh start)"
  eval "$services_env"
fi

if [ -f scripts/browser.sh ]; then
  echo "== browser"
  bash scripts/browser.sh
fi

status=0
echo "== lint";      pnpm lint || status=1
echo "== typecheck"; pnpm exec turbo run typecheck --concurrency=2 --output-logs=errors-only || status=1
echo "== build"
if ! pnpm exec turbo run build --concurrency=2 --output-logs=errors-only; then
  echo "0 passed, 1 failed (the build failed, so no test ran)"
  exit 1
fi

echo "== api docs";        pnpm docs:check || status=1
echo "== publish dry-run"; bash scripts/check-publish.sh || status=1

echo "== test"
export Q2G_TEST_REPORT=1
find packages apps examples tests bench -maxdepth 3 -type d -name .test-results -prune -exec rm -rf {} + 2>/dev/null || true
pnpm exec turbo run test --concurrency=2 --continue --force || status=1
node scripts/test-summary.mjs || status=1
[ "$status" = 0 ] || echo "Some checks failed; see the sections above." >&2
exit "$status"
