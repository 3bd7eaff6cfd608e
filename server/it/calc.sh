#!/usr/bin/env bash
# LibreOffice Calc charts from the sample database, driven through UNO under Xvfb
# (calc/calc_chart.py): a Base data source, two queries imported into a spreadsheet (Data >
# Import), a line chart of a time series (dates on the x axis) and a bar chart by a label
# column over them; the charts' points checked one by one against the driver's rows; a
# screenshot. Prints PASS or FAIL. PXWEB_CALC_SOURCE says how Calc reaches the statbank:
#   pgjdbc (default)  ./pxweb-server through PostgreSQL's JDBC driver (pgjdbc, the version
#                     server/pom.xml tests with, from ~/.m2 or Maven Central);
#   jar               the pxweb-jdbc jar as the JDBC driver, no server;
#   postgresql        ./pxweb-server through LibreOffice's own PostgreSQL connector
#                     (sdbc:postgresql:, on libpq, Debian's libreoffice-sdbc-postgresql),
#                     which does not work yet (docs/bi-tools.md, "Verified with").
#
# Opt-in, not in CI. Needs Debian's libreoffice-calc, libreoffice-base,
# libreoffice-java-common, python3-uno, python3-pil and xvfb, Java 17+, Maven.
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
case "${PXWEB_CALC_SOURCE:-pgjdbc}" in
  pgjdbc)
    it_start_server
    pg_version="$(sed -n '/<artifactId>postgresql<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p}' \
      "$IT_ROOT/server/pom.xml")"
    pg_jar="$HOME/.m2/repository/org/postgresql/postgresql/$pg_version/postgresql-$pg_version.jar"
    [ -f "$pg_jar" ] || mvn -B -q dependency:get -Dartifact="org.postgresql:postgresql:$pg_version" >&2
    source_args=("jdbc:postgresql://127.0.0.1:$SERVER_PORT/statbank?user=pxweb"
      org.postgresql.Driver "file://$pg_jar")
    through="pxweb-server port $SERVER_PORT through pgjdbc $pg_version"
    ;;
  jar)
    jar="$(ls "$IT_ROOT"/driver/target/pxweb-jdbc-*-all.jar | head -1)"
    source_args=("jdbc:pxweb:file:$IT_ROOT/samples/db" io.pxweb.jdbc.PxWebDriver "file://$jar")
    through="the pxweb-jdbc jar"
    ;;
  postgresql)
    it_start_server
    source_args=("sdbc:postgresql:host=127.0.0.1 port=$SERVER_PORT dbname=statbank user=pxweb" "" "")
    through="pxweb-server port $SERVER_PORT through sdbc:postgresql"
    ;;
  *) it_fail "PXWEB_CALC_SOURCE is pgjdbc, jar or postgresql, not $PXWEB_CALC_SOURCE" ;;
esac
port="$(it_free_port)"
DISPLAY="$IT_DISPLAY" soffice --norestore --nologo --nodefault --nolockcheck \
  -env:UserInstallation="file://$work/profile" \
  --accept="socket,host=127.0.0.1,port=$port;urp;" >"$work/soffice.log" 2>&1 &
IT_PIDS+=($!)
shot="$IT_WORK/calc.png"
# An error LibreOffice shows in a dialog blocks the UNO call that caused it: hence the limit.
status=0
timeout 300 /usr/bin/python3 "$here/calc_chart.py" "$port" "$IT_DISPLAY" "${source_args[@]}" \
  "$work/pxweb-calc.odb" "$work/expected.tsv" "$shot" | tee "$work/check.log" >&2 || status=$?
if [ "$status" != 0 ]; then
  /usr/bin/python3 -c "from PIL import ImageGrab; ImageGrab.grab(xdisplay='$IT_DISPLAY').save('$work/failed.png')" || true
  it_fail "$(grep '^FAIL' "$work/check.log" || echo "stopped (status $status), the screen: $work/failed.png")${SERVER_LOG:+; server: $(it_server_failures | tail -4)}"
fi
/usr/bin/python3 "$IT_ROOT/server/it/check_screenshot.py" calc "$shot" /dev/null \
  || it_fail "the screenshot shows no chart ($shot)"
it_pass "$version: Calc imported two queries from $through and drew a line and a bar chart, every point equal to the driver's rows ($shot)"
