#!/usr/bin/env bash
# Builds rclone v1.76.0 from the Go module proxy, once, into a versioned cache path, for the
# benchmark's peer row (bench/src/benchmarks/peer-rclone.ts). Like scripts/services.sh builds
# FerretDB. Prints the binary's path on stdout; progress goes to stderr.
#
# Usage:
#   bash scripts/rclone.sh path      # builds when missing, prints the path (exit 3: no Go)
#   bash scripts/rclone.sh status    # prints the path when built, exit 1 otherwise
#
# Without Go (PATH or /usr/local/go/bin) it says so loudly on stderr and exits 3, so the bench
# skips the peer rows instead of failing. The first build takes several minutes on 2 cores.
# Settings: Q2G_RCLONE_BIN (use this binary instead; nothing is built).
set -euo pipefail

RCLONE_VERSION=v1.76.0
RCLONE_MODULE=github.com/rclone/rclone
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/q2google"
RCLONE_BIN="$CACHE/bin/rclone-$RCLONE_VERSION"
export PATH="$PATH:/usr/local/go/bin"

log() { echo "rclone.sh: $*" >&2; }

# True when $1 runs and reports this version (`rclone v1.76.0-DEV` for a `go install` build).
rclone_is_version() {
  local out
  [[ -x "$1" ]] && out="$("$1" version 2>/dev/null)" && [[ "$out" == "rclone $RCLONE_VERSION"* ]]
}

rclone_install() {
  rclone_is_version "$RCLONE_BIN" && return 0
  if ! command -v go >/dev/null; then
    log "SKIP: Go is not installed (looked in PATH and /usr/local/go/bin); cannot build rclone $RCLONE_VERSION"
    exit 3
  fi
  mkdir -p "$CACHE/bin"
  (
    flock 9
    rclone_is_version "$RCLONE_BIN" && exit 0
    log "building $RCLONE_MODULE@$RCLONE_VERSION (first run only; several minutes on 2 cores)"
    local gobin
    gobin="$(mktemp -d)"
    GOBIN="$gobin" go install "$RCLONE_MODULE@$RCLONE_VERSION" || {
      log "go install $RCLONE_MODULE@$RCLONE_VERSION failed"
      exit 1
    }
    mv "$gobin/rclone" "$RCLONE_BIN"
    rm -rf "$gobin"
    rclone_is_version "$RCLONE_BIN" || {
      log "the built binary does not report rclone $RCLONE_VERSION"
      exit 1
    }
    log "built $RCLONE_BIN"
  ) 9>"$CACHE/rclone-build.lock"
}

case "${1:-}" in
  path)
    if [[ -n "${Q2G_RCLONE_BIN:-}" ]]; then
      echo "$Q2G_RCLONE_BIN"
      exit 0
    fi
    rclone_install
    echo "$RCLONE_BIN"
    ;;
  status)
    rclone_is_version "${Q2G_RCLONE_BIN:-$RCLONE_BIN}" || exit 1
    echo "${Q2G_RCLONE_BIN:-$RCLONE_BIN}"
    ;;
  *)
    echo "usage: bash scripts/rclone.sh path|status" >&2
    exit 2
    ;;
esac
