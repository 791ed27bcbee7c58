# FerretDB part of scripts/services.sh (sourced, not run).
#
# Why the SQLite handler (not PostgreSQL): FerretDB's PostgreSQL handler stops answering for good
# once PostgreSQL restarts under it, and the tests restart PostgreSQL on purpose (outages, the
# several-workers test). With SQLite the MongoDB-compatible server does not depend on PostgreSQL
# at all; measured on this machine the state-mongo suite also ran faster on it (67 s vs 107 s
# under the same load). Its data lives in $STATE_DIR/ferretdb-sqlite/.
#
# Why not a plain `go install …@v1.24.2`: the module proxy's copy lacks the generated
# build/version/version.txt, so that binary panics at start-up. We build the same module source
# with that one file written, once, into a versioned cache path.

FERRETDB_VERSION=v1.24.2
FERRETDB_MODULE=github.com/FerretDB/FerretDB
FERRETDB_BIN="$CACHE/bin/ferretdb-$FERRETDB_VERSION"

ferretdb_is_version() { [[ -x "$1" ]] && "$1" --version 2>/dev/null | grep -qx "version: $FERRETDB_VERSION"; }

# Builds FerretDB into $FERRETDB_BIN unless a working binary of that version exists.
ferretdb_install() {
  ferretdb_is_version "$FERRETDB_BIN" && return 0
  local gopath_bin
  gopath_bin="$(go env GOPATH 2>/dev/null)/bin/ferretdb"
  if ferretdb_is_version "$gopath_bin"; then
    mkdir -p "$CACHE/bin" && cp "$gopath_bin" "$FERRETDB_BIN"
    return 0
  fi
  command -v go >/dev/null || die "Go is needed to build FerretDB (looked in PATH and /usr/local/go/bin)"
  mkdir -p "$CACHE/bin"
  (
    flock 9
    ferretdb_is_version "$FERRETDB_BIN" && exit 0
    log "ferretdb: building $FERRETDB_MODULE@$FERRETDB_VERSION (first run only; may take minutes)"
    local dir work
    dir="$(go mod download -json "$FERRETDB_MODULE@$FERRETDB_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
    [[ -d "$dir" ]] || die "go mod download of $FERRETDB_MODULE@$FERRETDB_VERSION failed"
    work="$(mktemp -d)"
    cp -r "$dir/." "$work/" && chmod -R u+w "$work"
    echo "$FERRETDB_VERSION" >"$work/build/version/version.txt"
    (cd "$work" && go build -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb) || die "building FerretDB failed"
    rm -rf "$work"
    mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
    ferretdb_is_version "$FERRETDB_BIN" || die "the FerretDB build does not report $FERRETDB_VERSION"
  ) 9>"$CACHE/ferretdb-build.lock"
}

# True when the process in our pid file is alive and is FerretDB.
ferretdb_running() {
  local pid
  [[ -f "$STATE_DIR/ferretdb.pid" ]] || return 1
  pid="$(cat "$STATE_DIR/ferretdb.pid")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "ferretdb-$FERRETDB_VERSION"
}

# The first free port from $Q2G_FERRETDB_PORT (default 27017) upwards.
ferretdb_pick_port() {
  local port="${Q2G_FERRETDB_PORT:-27017}" last
  last=$((port + 50))
  while port_busy "$port"; do
    port=$((port + 1))
    ((port <= last)) || die "no free port for FerretDB between ${Q2G_FERRETDB_PORT:-27017} and $last"
  done
  echo "$port"
}

ferretdb_start() {
  if ferretdb_running && mongo_wait_quick; then
    log "ferretdb: already running on port $(cat "$STATE_DIR/ferretdb.port")"
    return 0
  fi
  ferretdb_running && ferretdb_stop
  ferretdb_install
  local port pid
  port="$(ferretdb_pick_port)"
  log "ferretdb: starting on 127.0.0.1:$port (log: $STATE_DIR/ferretdb.log)"
  mkdir -p "$STATE_DIR/ferretdb-sqlite"
  setsid "$FERRETDB_BIN" \
    --handler=sqlite \
    --sqlite-url="file:$STATE_DIR/ferretdb-sqlite/" \
    --listen-addr="127.0.0.1:$port" \
    --debug-addr=- \
    --telemetry=disable \
    --log-level=error \
    --state-dir="$STATE_DIR" \
    </dev/null >>"$STATE_DIR/ferretdb.log" 2>&1 &
  pid=$!
  echo "$pid" >"$STATE_DIR/ferretdb.pid"
  echo "$port" >"$STATE_DIR/ferretdb.port"
  if ! mongo_wait "mongodb://127.0.0.1:$port/"; then
    tail -n 20 "$STATE_DIR/ferretdb.log" >&2 || true
    ferretdb_stop
    die "FerretDB did not answer a MongoDB ping on 127.0.0.1:$port within ${TIMEOUT}s (log: $STATE_DIR/ferretdb.log)"
  fi
  log "ferretdb: ready (pid $pid)"
}

# One ping attempt against the running FerretDB.
mongo_wait_quick() {
  [[ -f "$STATE_DIR/ferretdb.port" ]] &&
    node "$HELPERS/mongo-ping.mjs" "mongodb://127.0.0.1:$(cat "$STATE_DIR/ferretdb.port")/" 2>/dev/null
}

ferretdb_stop() {
  if ! ferretdb_running; then
    log "ferretdb: not running"
    rm -f "$STATE_DIR/ferretdb.pid"
    return 0
  fi
  local pid i
  pid="$(cat "$STATE_DIR/ferretdb.pid")"
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 40); do
    [[ -d "/proc/$pid" ]] || break
    sleep 0.25
  done
  [[ -d "/proc/$pid" ]] && kill -9 "$pid" 2>/dev/null || true
  rm -f "$STATE_DIR/ferretdb.pid"
  log "ferretdb: stopped (pid $pid)"
}
