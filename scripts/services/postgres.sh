# PostgreSQL part of scripts/services.sh (sourced, not run).

postgres_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" >/dev/null 2>&1; }

# Starts the local cluster when it does not answer, then waits for it.
postgres_start() {
  if postgres_ready; then
    log "postgres: already accepting connections on $PG_HOST:$PG_PORT"
    return 0
  fi
  command -v pg_ctlcluster >/dev/null || die "PostgreSQL is not answering on $PG_HOST:$PG_PORT and pg_ctlcluster is not installed; start PostgreSQL or set Q2G_TEST_POSTGRES_URL"
  local version
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  [[ -n "$version" ]] || die "no PostgreSQL cluster under /etc/postgresql"
  log "postgres: starting cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start ||
    die "pg_ctlcluster could not start PostgreSQL $version/main"
  local deadline=$(($(now_s) + TIMEOUT))
  until postgres_ready; do
    (($(now_s) < deadline)) || die "PostgreSQL did not accept connections within ${TIMEOUT}s"
    sleep 0.5
  done
  log "postgres: started"
}

# Creates database $1 when it does not exist.
postgres_ensure_database() {
  local db="$1" exists
  exists="$(psql -X -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$db'")" ||
    die "cannot query PostgreSQL on $PG_HOST:$PG_PORT as $PG_USER"
  if [[ "$exists" == "1" ]]; then
    return 0
  fi
  log "postgres: creating database $db"
  # A concurrent start may create it first; only fail when it is still missing afterwards.
  createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$db" 2>/dev/null ||
    [[ "$(psql -X -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$db'")" == "1" ]] ||
    die "could not create database $db"
}
