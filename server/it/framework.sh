#!/usr/bin/env bash
# Observable Framework (npm @observablehq/framework with @observablehq/plot) against
# ./pxweb-server: a report (server/it/framework: a line chart of a time series with dates on
# the x axis, a bar chart grouped by a label column, a table) whose data loaders query
# pxweb-server with node-postgres (npm pg) at build time; built into a static site, served
# locally, opened in headless Chromium. Checked: the loaders' rows equal the driver's for the
# same SQL, the page's charts have one mark per row (a dot per year on the line, a bar per
# sector), the screenshot has the charts' coloured pixels and no error box. Prints PASS or FAIL.
#
# Opt-in, not in CI: npm downloads about 60 MB. Needs Node 18+, npm, Java 17, Maven, Debian's
# chromium and python3-pil. Offline once installed: Plot and Inputs are imported from
# node_modules, not from npm's CDN. The screenshot is $PXWEB_IT_WORK/framework.png.
set -euo pipefail
IT_NAME=framework
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

rm -rf "$IT_WORK/framework/src" "$IT_WORK/framework/dist"
it_npm_project framework ci
work="$IT_PROJECT"
version="$(node -p 'require("@observablehq/framework/package.json").version')"

it_start_server
it_step "observable build (Framework $version): the data loaders query pxweb-server"
PXWEB_SERVER_PORT="$SERVER_PORT" OBSERVABLE_TELEMETRY_DISABLE=true timeout 600 npm run build \
  >"$work/build.log" 2>&1 \
  || it_fail "observable build failed: $(grep -i -m3 error "$work/build.log"); server: $(it_server_failures)"
# The page's scripts are all in the build (no CDN); only the default theme's web font link
# points outside, and the page renders without it.
grep -l -r "cdn.jsdelivr.net" "$work/dist" >/dev/null 2>&1 \
  && it_fail "the build refers to npm's CDN: $(grep -l -r cdn.jsdelivr.net "$work/dist" | head -3)"

it_step "the driver's rows for the loaders' SQL"
sql() { sed -n '/rows(`/,/`)/p' "$work/src/data/$1.json.js" | sed 's/.*rows(`//; s/`).*//' | tr '\n' ' '; }
it_driver_rows "$work/driver-rows.tsv" "$(sql co2_total)" "$(sql co2_by_sector)"

it_serve_and_check "$work/dist" 1280,1500
marks="$(/usr/bin/python3 - "$work/dist" "$work/driver-rows.tsv" "$SHOT.html" <<'PY'
import glob, json, re, sys
from decimal import Decimal
dist, tsv, html = sys.argv[1:4]
driver, current = {}, None
for line in open(tsv, encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("#query "):
        current = driver.setdefault(int(line.split()[1]), [])
    elif line:
        current.append(line.split("\t"))
def loaded(name):
    return json.load(open(glob.glob("%s/_file/data/%s.*.json" % (dist, name))[0]))
total = [[d["year"], Decimal(str(d["co2_kt"]))] for d in loaded("co2_total")]
sectors = [[d["sector"], Decimal(str(d["co2_kt"]))] for d in loaded("co2_by_sector")]
for name, rows, expected in (("co2_total", total, driver[1]), ("co2_by_sector", sectors, driver[2])):
    expected = [[k, Decimal(v)] for k, v in expected]
    if not rows or rows != expected:
        sys.exit("%s: the loader's %d rows differ from the driver's %d: %s" % (name, len(rows),
                 len(expected), next(((a, b) for a, b in zip(rows, expected) if a != b), None)))
dom = open(html, encoding="utf-8").read()
def mark(label, element):
    group = re.search(r'<g aria-label="%s"[^>]*>(.*?)</g>' % label, dom, re.S)
    return len(re.findall("<" + element + r"\b", group.group(1))) if group else 0
dots, bars = mark("dot", "circle"), mark("bar", "rect")
if dots != len(total) or bars != len(sectors):
    sys.exit("the charts have %d dots and %d bars for %d years and %d sectors"
             % (dots, bars, len(total), len(sectors)))
print("%d years as dots on the line, %d sectors as bars" % (dots, bars))
PY
)" || it_fail "$marks"
it_pass "Observable Framework $version: data loaders through pxweb-server port $SERVER_PORT equal the driver's rows; line and bar charts drawn ($marks; $SHOT)"
