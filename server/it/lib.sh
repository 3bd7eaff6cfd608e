# Shared by the BI tool checks in server/it (sourced, not run): start ./pxweb-server on a free
# port with its statement trace, stop it and everything else the check started, print PASS/FAIL.
# Work files (node_modules, builds, logs, screenshots) go to $PXWEB_IT_WORK
# (default ~/.cache/pxweb-it), outside the repository.

IT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
IT_WORK="${PXWEB_IT_WORK:-$HOME/.cache/pxweb-it}"
IT_PIDS=()
mkdir -p "$IT_WORK"

it_cleanup() {
  local pid
  for pid in "${IT_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
}
trap it_cleanup EXIT

it_pass() {
  echo "PASS $IT_NAME: $*"
  exit 0
}

it_fail() {
  echo "FAIL $IT_NAME: $*"
  exit 1
}

it_step() {
  echo "-- $IT_NAME: $*" >&2
}

# Starts ./pxweb-server (the sample database) on a free port; sets SERVER_PORT and SERVER_LOG.
# The trace (-Dpxweb.server.trace=true) writes every statement a tool sends, and every failure,
# to the log.
it_start_server() {
  SERVER_LOG="$IT_WORK/$IT_NAME-server.log"
  JAVA_TOOL_OPTIONS="-Dpxweb.server.trace=true" "$IT_ROOT/pxweb-server" --port 0 \
    >"$SERVER_LOG" 2>&1 &
  IT_PIDS+=($!)
  local i
  for i in $(seq 1 600); do
    SERVER_PORT="$(sed -n 's/^pxweb-server: listening on [0-9.]*:\([0-9]*\).*/\1/p' "$SERVER_LOG")"
    if [ -n "$SERVER_PORT" ]; then
      it_step "pxweb-server on port $SERVER_PORT (log: $SERVER_LOG)"
      return 0
    fi
    kill -0 "${IT_PIDS[-1]}" 2>/dev/null || it_fail "pxweb-server did not start: $(tail -5 "$SERVER_LOG")"
    sleep 0.5
  done
  it_fail "pxweb-server did not start within 300 s"
}

# Prints the statements that failed on the server during the check (the trace's failure lines).
it_server_failures() {
  grep -A1 -E '^pxweb-server: session [0-9]+: [0-9A-Z]{5} ' "$SERVER_LOG" || true
}

# Prints a free TCP port on loopback.
it_free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Waits until an HTTP URL answers (any status), at most $2 seconds.
it_wait_http() {
  local i
  for i in $(seq 1 "$2"); do
    if curl -s -o /dev/null "$1"; then
      return 0
    fi
    sleep 1
  done
  return 1
}

# Takes a screenshot of a page in headless Chromium with a fresh profile; $1 URL, $2 PNG,
# $3 window size (WxH). Also writes the page's DOM, after its scripts ran, to $2.html.
it_screenshot() {
  local profile
  profile="$(mktemp -d)"
  local flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --user-data-dir="$profile" --hide-scrollbars --virtual-time-budget=20000
    --window-size="$3")
  chromium "${flags[@]}" --screenshot="$2" "$1" >"$2.log" 2>&1
  chromium "${flags[@]}" --dump-dom "$1" >"$2.html" 2>>"$2.log"
  rm -rf "$profile"
  [ -s "$2" ]
}
