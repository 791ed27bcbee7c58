# Shared helpers of scripts/services.sh (sourced, not run).

log() { echo "services: $*" >&2; }

die() {
  echo "" >&2
  echo "services: ERROR: $*" >&2
  echo "" >&2
  exit 1
}

# Seconds since the epoch (for timeouts).
now_s() { date +%s; }

# True when something accepts TCP connections on 127.0.0.1:$1.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Pings a MongoDB-protocol server until it answers or $TIMEOUT passes.
mongo_wait() {
  local url="$1" deadline=$(($(now_s) + TIMEOUT)) rc
  while true; do
    rc=0
    node "$HELPERS/mongo-ping.mjs" "$url" 2>"$STATE_DIR/mongo-ping.err" || rc=$?
    ((rc == 0)) && return 0
    if ((rc == 2 || $(now_s) >= deadline)); then
      cat "$STATE_DIR/mongo-ping.err" >&2
      return 1
    fi
    sleep 0.5
  done
}

# Writes the env file and prints its `export` lines (the only stdout of `start`).
write_env() {
  local pg_url="$1" mongo_url="$2"
  {
    echo "export Q2G_TEST_POSTGRES_URL=$pg_url"
    echo "export Q2G_TEST_MONGODB_URL=$mongo_url"
  } >"$STATE_DIR/services.env"
  if [[ -n "${GITHUB_ENV:-}" ]]; then
    {
      echo "Q2G_TEST_POSTGRES_URL=$pg_url"
      echo "Q2G_TEST_MONGODB_URL=$mongo_url"
    } >>"$GITHUB_ENV"
  fi
  log "ready; env written to $STATE_DIR/services.env"
  cat "$STATE_DIR/services.env"
}
