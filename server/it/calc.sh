#!/usr/bin/env bash
# LibreOffice Calc charts from the sample database, driven through UNO under Xvfb
# (calc/calc_chart.py): a Base data source, two queries imported into a spreadsheet (Data >
# Import), a line chart of a time series (dates on the x axis) and a bar chart by a label
# column over them; the charts' points checked one by one against the driver's rows; a
# screenshot. Prints PASS or FAIL. The data source is the pxweb-jdbc jar as a JDBC driver;
# with PXWEB_CALC_SOURCE=postgresql it is LibreOffice's own PostgreSQL connector
# (sdbc:postgresql:, on libpq, Debian's libreoffice-sdbc-postgresql) on ./pxweb-server, which
# does not work yet (docs/bi-tools.md, "Verified with").
#
# Opt-in, not in CI. Needs Debian's libreoffice-calc, libreoffice-base,
# libreoffice-sdbc-postgresql, python3-uno, python3-pil and xvfb, Java 17+, Maven.
set -euo pipefail
IT_NAME=calc
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

work="$IT_WORK/calc"
rm -rf "$work"
mkdir -p "$work"
here="$IT_ROOT/server/it/calc"
version="$(soffice --version | head -1)"
mapfile -t queries < <(/usr/bin/python3 "$here/calc_chart.py" --sql)
it_driver_rows "$work/expected.tsv" "${queries[@]}"

it_start_xvfb "$work"
if [ "${PXWEB_CALC_SOURCE:-jdbc}" = postgresql ]; then
  it_start_server
  source_args=("sdbc:postgresql:host=127.0.0.1 port=$SERVER_PORT dbname=statbank user=pxweb" "" "")
  through="pxweb-server port $SERVER_PORT through sdbc:postgresql"
else
  jar="$(ls "$IT_ROOT"/driver/target/pxweb-jdbc-*-all.jar | head -1)"
  source_args=("jdbc:pxweb:file:$IT_ROOT/samples/db" io.pxweb.jdbc.PxWebDriver "file://$jar")
  through="the pxweb-jdbc jar"
fi
port="$(it_free_port)"
DISPLAY="$IT_DISPLAY" soffice --norestore --nologo --nodefault --nolockcheck \
  -env:UserInstallation="file://$work/profile" \
  --accept="socket,host=127.0.0.1,port=$port;urp;" >"$work/soffice.log" 2>&1 &
IT_PIDS+=($!)
shot="$IT_WORK/calc.png"
# An error LibreOffice shows in a dialog blocks the UNO call that caused it: hence the limit.
timeout 600 /usr/bin/python3 "$here/calc_chart.py" "$port" "$IT_DISPLAY" "${source_args[@]}" \
  "$work/pxweb-calc.odb" "$work/expected.tsv" "$shot" | tee "$work/check.log" >&2
status="${PIPESTATUS[0]}"
if [ "$status" != 0 ]; then
  /usr/bin/python3 -c "from PIL import ImageGrab; ImageGrab.grab(xdisplay='$IT_DISPLAY').save('$work/failed.png')" || true
  it_fail "$(grep '^FAIL' "$work/check.log" || echo "stopped (status $status), the screen: $work/failed.png")${SERVER_LOG:+; server: $(it_server_failures | tail -4)}"
fi
/usr/bin/python3 "$IT_ROOT/server/it/check_screenshot.py" calc "$shot" /dev/null \
  || it_fail "the screenshot shows no chart ($shot)"
it_pass "$version: Calc imported two queries from $through and drew a line and a bar chart, every point equal to the driver's rows ($shot)"
