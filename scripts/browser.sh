#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed at /usr/bin/chromium for the web app's end-to-end
# tests (driven by playwright-core; no Playwright browser download). Idempotent and quiet when
# Chromium is already there. Installs with apt-get as root, or through sudo when available.
set -euo pipefail

browser="${Q2G_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing at $browser and apt-get is not available; install Chromium yourself" \
    "(or set Q2G_CHROMIUM to its path) to run the web app's browser tests." >&2
  exit 1
fi

run_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "Installing Chromium needs root: run 'apt-get install -y chromium' as root." >&2
    exit 1
  fi
}

echo "Installing Chromium for the browser tests ..."
export DEBIAN_FRONTEND=noninteractive
run_root apt-get update -qq >/dev/null
run_root apt-get install -y -qq --no-install-recommends chromium >/dev/null
if [ ! -x "$browser" ]; then
  echo "apt-get finished but $browser is still missing." >&2
  exit 1
fi
echo "Chromium installed: $("$browser" --version 2>/dev/null || echo "$browser")"
