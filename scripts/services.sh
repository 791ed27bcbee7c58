#!/usr/bin/env bash
# Installs and starts the database servers q2google's backend tests need, and prints the
# environment the tests read:
#
#   Q2G_TEST_POSTGRES_URL   e.g. postgres://postgres@127.0.0.1:5432/q2google_test
#   Q2G_TEST_MONGODB_URL    e.g. mongodb://127.0.0.1:27017/
#
# Usage:
#   bash scripts/services.sh start    # idempotent; prints `export …` lines on stdout
#   bash scripts/services.sh status   # what runs where; exit 1 when something is down
#   bash scripts/services.sh stop     # stops FerretDB (PostgreSQL is a system service: left alone)
#   bash scripts/services.sh env      # prints the `export …` lines of the last start
#
#   eval "$(bash scripts/services.sh start)"     # then: pnpm --filter @q2google/state-mongo test
#
# Only the `export …` lines go to stdout; progress goes to stderr. The same lines are written to
# $Q2G_SERVICES_DIR/services.env (default ~/.cache/q2google/services) and, when $GITHUB_ENV is
# set, appended to it as NAME=value.
#
# PostgreSQL: a local cluster with trust auth on 127.0.0.1:5432 (started with pg_ctlcluster if it
# is down); the database `q2google_test` is created when missing.
# MongoDB: FerretDB v1.24.2 (MongoDB wire protocol) on its SQLite handler, built once from the
# Go module proxy into ~/.cache/q2google/bin. A developer with a real MongoDB sets
# Q2G_TEST_MONGODB_URL before `start`; FerretDB is then neither built nor started.
# Settings: Q2G_SERVICES_DIR, Q2G_SERVICES_TIMEOUT (seconds, default 60), PGHOST/PGPORT/PGUSER,
# Q2G_FERRETDB_PORT (default: 27017, or the next free port).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HELPERS="$ROOT/scripts/services"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/q2google"
STATE_DIR="${Q2G_SERVICES_DIR:-$CACHE/services}"
TIMEOUT="${Q2G_SERVICES_TIMEOUT:-60}"
PG_HOST="${PGHOST:-127.0.0.1}"
PG_PORT="${PGPORT:-5432}"
PG_USER="${PGUSER:-postgres}"
TEST_DB=q2google_test
export PATH="/usr/local/go/bin:$PATH"

# shellcheck source=services/common.sh
source "$HELPERS/common.sh"
# shellcheck source=services/postgres.sh
source "$HELPERS/postgres.sh"
# shellcheck source=services/ferretdb.sh
source "$HELPERS/ferretdb.sh"

cmd_start() {
  mkdir -p "$STATE_DIR"
  local pg_url mongo_url
  if [[ -n "${Q2G_TEST_POSTGRES_URL:-}" ]]; then
    pg_url="$Q2G_TEST_POSTGRES_URL"
    log "postgres: using Q2G_TEST_POSTGRES_URL from the environment"
  else
    postgres_start
    postgres_ensure_database "$TEST_DB"
    pg_url="postgres://$PG_USER@$PG_HOST:$PG_PORT/$TEST_DB"
  fi
  if [[ -n "${Q2G_TEST_MONGODB_URL:-}" ]]; then
    mongo_url="$Q2G_TEST_MONGODB_URL"
    log "mongodb: using Q2G_TEST_MONGODB_URL from the environment (FerretDB not started)"
    mongo_wait "$mongo_url" || die "the MongoDB server at Q2G_TEST_MONGODB_URL does not answer a ping"
  else
    ferretdb_start
    mongo_url="mongodb://127.0.0.1:$(cat "$STATE_DIR/ferretdb.port")/"
  fi
  write_env "$pg_url" "$mongo_url"
}

cmd_status() {
  local down=0
  if postgres_ready; then
    log "postgres: accepting connections on $PG_HOST:$PG_PORT"
  else
    log "postgres: DOWN on $PG_HOST:$PG_PORT"
    down=1
  fi
  if ferretdb_running; then
    log "ferretdb: running, pid $(cat "$STATE_DIR/ferretdb.pid"), port $(cat "$STATE_DIR/ferretdb.port"), log $STATE_DIR/ferretdb.log"
  else
    log "ferretdb: not running"
    down=1
  fi
  [[ -f "$STATE_DIR/services.env" ]] && cat "$STATE_DIR/services.env"
  return "$down"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) ferretdb_stop ;;
  status) cmd_status ;;
  env) cat "$STATE_DIR/services.env" ;;
  *)
    echo "usage: bash scripts/services.sh start|stop|status|env" >&2
    exit 2
    ;;
esac
