#!/usr/bin/env bash
# Malloy (npm @malloydata/malloy with @malloydata/db-postgres), a semantic layer, against
# ./pxweb-server: a model whose source is statbank table TAB004 as Malloy reads it from the
# server's catalog, with a measure on it; a query through Malloy's API (group by a label and
# a date's year, a sum, a filter), whose rows must equal the driver's for the same question.
# Prints PASS or FAIL. Cube (@cubejs-backend/server) was the first choice and cannot run here:
# see docs/bi-tools.md, "Verified with".
#
# Opt-in, not in CI (npm downloads about 30 MB). Needs Node 18+, Java 17, Maven.
set -euo pipefail
IT_NAME=malloy
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

it_npm_project malloy install
work="$IT_PROJECT"
version="$(node -p 'require("@malloydata/malloy/package.json").version')"

it_start_server
it_step "Malloy $version: model and query"
node check.js "$SERVER_PORT" >"$work/malloy-rows.jsonl" 2>"$work/malloy.log" \
  || it_fail "Malloy: $(grep -m1 -E 'malloy:|Error' "$work/malloy.log"); server: $(it_server_failures)"

it_step "the driver's rows for the same question"
it_driver_rows "$work/driver-rows.tsv" \
  "SELECT SECTOR_label, \"TIME_date\", SUM(\"Emission\") FROM statbank.\"TAB004\" WHERE GREENHOUSEGAS = 'CO2' AND SECTOR IN ('1.0', '2.0', '3.0') GROUP BY SECTOR_label, \"TIME_date\" ORDER BY 1, 2"
/usr/bin/python3 "$IT_ROOT/server/it/same_rows.py" "$work/malloy-rows.jsonl" "$work/driver-rows.tsv" \
  || it_fail "Malloy's rows differ from the driver's"
it_pass "Malloy $version: model from pxweb-server's catalog, $(wc -l <"$work/malloy-rows.jsonl") rows through Malloy's API equal the driver's"
