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
  grep -A1 -E '^pxweb-server: session [0-9]+: [0-9A-Z]{5} ' "$SERVER_LOG" \
    | grep -v -E '^pxweb-server: session [0-9]+: [0-9]+ ms to first row' || true
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

# Installs a tool's npm packages in its work folder and goes there: $1 the folder under
# server/it (copied to $IT_WORK/$1, over what a previous run left), $2... npm's command and
# flags (ci, or install where there is no lock file; --ignore-scripts). Sets IT_PROJECT.
it_npm_project() {
  IT_PROJECT="$IT_WORK/$1"
  mkdir -p "$IT_PROJECT"
  cp -r "$IT_ROOT/server/it/$1/." "$IT_PROJECT/"
  cd "$IT_PROJECT"
  shift
  it_step "npm $* (first run: minutes)"
  npm "$@" --no-fund --no-audit >"$IT_PROJECT/npm-install.log" 2>&1 \
    || it_fail "npm $1 failed: $(tail -5 "$IT_PROJECT/npm-install.log")"
}

# Writes the driver's own rows for each SQL argument over the sample database to $1
# (libreoffice/DriverRows.java: "#query n" lines, then tab-separated rows, NULL as \N).
it_driver_rows() {
  local out="$1" jar
  shift
  jar="$(ls "$IT_ROOT"/driver/target/pxweb-jdbc-*-all.jar 2>/dev/null | head -1 || true)"
  [ -n "$jar" ] || it_fail "no driver jar: mvn -B -q -DskipTests -pl driver -am package"
  java -cp "$jar" "$IT_ROOT/server/it/libreoffice/DriverRows.java" \
    "jdbc:pxweb:file:$IT_ROOT/samples/db" "$@" >"$out" || it_fail "the driver did not answer"
}

# Serves a built report ($1, a folder) on loopback, takes its screenshot in headless Chromium
# ($IT_WORK/$IT_NAME.png, window $2 as W,H) and checks it with check_screenshot.py as kind
# $IT_NAME. Sets SHOT (the PNG; its DOM is $SHOT.html).
it_serve_and_check() {
  local port
  port="$(it_free_port)"
  /usr/bin/python3 -m http.server --bind 127.0.0.1 --directory "$1" "$port" \
    >"$IT_WORK/$IT_NAME-http.log" 2>&1 &
  IT_PIDS+=($!)
  it_wait_http "http://127.0.0.1:$port/" 30 || it_fail "the built report is not served"
  SHOT="$IT_WORK/$IT_NAME.png"
  it_step "headless Chromium: $SHOT"
  it_screenshot "http://127.0.0.1:$port/" "$SHOT" "$2" || it_fail "no screenshot: $(tail -3 "$SHOT.log")"
  /usr/bin/python3 "$IT_ROOT/server/it/check_screenshot.py" "$IT_NAME" "$SHOT" "$SHOT.html" \
    || it_fail "the page does not show the charts (screenshot $SHOT)"
}

# Starts Xvfb on a display it finds free (-displayfd: it writes the number once it listens,
# so a display taken by another process, or only in the abstract socket namespace, is never
# chosen) and sets IT_DISPLAY. $1: the folder for its log.
it_start_xvfb() {
  local number="$1/xvfb.display" i
  rm -f "$number"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$number" >"$1/xvfb.log" 2>&1 &
  IT_PIDS+=($!)
  for i in $(seq 1 120); do
    if [ -s "$number" ]; then
      IT_DISPLAY=":$(tr -d '[:space:]' <"$number")"
      return 0
    fi
    kill -0 "${IT_PIDS[-1]}" 2>/dev/null || it_fail "Xvfb did not start: $(tail -3 "$1/xvfb.log")"
    sleep 0.5
  done
  it_fail "Xvfb did not start a display in 60 s"
}
