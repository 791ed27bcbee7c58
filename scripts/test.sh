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
  services_env="$(mktemp)"
  bash scripts/services.sh start --env-file "$services_env"
  set -a; source "$services_env"; set +a
fi

echo "== lint";      pnpm lint
echo "== typecheck"; pnpm exec turbo run typecheck --concurrency=2 --output-logs=errors-only
echo "== build";     pnpm exec turbo run build --concurrency=2 --output-logs=errors-only

echo "== test"
rm -rf .test-results
export Q2G_TEST_REPORT=1
status=0
pnpm exec turbo run test --concurrency=2 --continue || status=$?
node scripts/test-summary.mjs || status=$?
exit "$status"
