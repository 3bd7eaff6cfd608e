#!/usr/bin/env bash
# Evidence (npm @evidence-dev/evidence with @evidence-dev/postgres) against ./pxweb-server:
# runs the report's source queries through Evidence's PostgreSQL connector, builds the report
# (server/it/evidence: a line chart of a time series with dates on the x axis, a bar chart by
# a label column, a table), serves it locally, opens it in headless Chromium, and checks the
# screenshot's pixels and the page: the charts are drawn, no error box. Prints PASS or FAIL.
#
# Opt-in, not in CI: npm downloads about 400 MB. Needs Node 18+, npm, Java 17, Maven, Debian's
# chromium and python3-pil. Work files go to $PXWEB_IT_WORK/evidence (default
# ~/.cache/pxweb-it); the screenshot is $PXWEB_IT_WORK/evidence.png.
set -euo pipefail
IT_NAME=evidence
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

work="$IT_WORK/evidence"
mkdir -p "$work"
# The report's files, fresh; node_modules and Evidence's caches stay between runs.
rm -rf "$work/pages" "$work/sources" "$work/build" "$work/.evidence/template/static/data"
it_npm_project evidence install
version="$(node -p 'require("@evidence-dev/evidence/package.json").version')"

export SEND_ANONYMOUS_USAGE_STATS=no
it_start_server
it_step "evidence sources (Evidence $version)"
# Evidence writes each source's rows to Parquet with DuckDB-Wasm, which loads its parquet
# extension from DuckDB's extension repository at run time; without that host the step
# blocks, hence the time limit.
status=0
EVIDENCE_SOURCE__pxweb__port="$SERVER_PORT" timeout 600 npm run sources >"$work/sources.log" 2>&1 \
  || status=$?
[ "$status" = 124 ] && it_fail "evidence sources did not finish in 600 s (DuckDB-Wasm loads its parquet extension from DuckDB's extension repository at run time); server: $(it_server_failures)"
[ "$status" = 0 ] || it_fail "evidence sources failed: $(grep -i -m3 error "$work/sources.log"); server: $(it_server_failures)"
grep -q -i "error" "$work/sources.log" \
  && it_fail "evidence sources reported: $(grep -i -m3 error "$work/sources.log"); server: $(it_server_failures)"
it_step "evidence build"
EVIDENCE_SOURCE__pxweb__port="$SERVER_PORT" npm run build >"$work/build.log" 2>&1 \
  || it_fail "evidence build failed: $(tail -5 "$work/build.log")"

it_serve_and_check "$work/build" 1280,1700
it_pass "Evidence $version: sources through pxweb-server port $SERVER_PORT, report built, line and bar charts drawn ($SHOT)"
