#!/usr/bin/env bash
# LibreOffice Base with the pxweb-jdbc jar (driver/target/pxweb-jdbc-*-all.jar) as a JDBC
# driver, over the sample database, driven through UNO under Xvfb (libreoffice/base_check.py):
# registers the data source, lists schemas and tables, opens a table in Base's table view
# (screenshot), runs a query with a WHERE through Base's SQL parser, and checks both row by
# row against the driver's own rows. It runs twice: once through a logging driver in front of
# the jar (libreoffice/LoggingDriver.java), which writes every Connection, DatabaseMetaData
# and Statement call Base makes to $PXWEB_IT_WORK/libreoffice-jdbc-calls.log, and once with
# the jar's own driver class, as a user registers it. Prints PASS or FAIL.
#
# Opt-in, not in CI. Needs Debian's libreoffice-base, libreoffice-java-common, python3-uno,
# python3-pil and xvfb, Java 17+, Maven (to build the jar if missing).
set -euo pipefail
IT_NAME=libreoffice
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

work="$IT_WORK/libreoffice"
rm -rf "$work"
mkdir -p "$work/classes"
here="$IT_ROOT/server/it/libreoffice"
jar="$(ls "$IT_ROOT"/driver/target/pxweb-jdbc-*-all.jar 2>/dev/null | head -1 || true)"
if [ -z "$jar" ] || [ -n "$(find "$IT_ROOT/driver/src/main" -newer "$jar" -print -quit)" ]; then
  it_step "building the driver jar"
  (cd "$IT_ROOT" && mvn -B -q -DskipTests -pl driver -am package >&2)
  jar="$(ls "$IT_ROOT"/driver/target/pxweb-jdbc-*-all.jar | head -1)"
fi
db="$IT_ROOT/samples/db"
url="jdbc:pxweb:file:$db"
version="$(soffice --version | head -1)"

it_step "the driver's own rows"
java -cp "$jar" "$here/DriverRows.java" "$url" 'SELECT * FROM "statbank"."TAB004"' \
  "SELECT \"SECTOR\", \"SECTOR_label\", \"TIME\", \"TIME_date\", \"Emission\" FROM \"statbank\".\"TAB004\" WHERE \"GREENHOUSEGAS\" = 'CO2' AND \"SECTOR\" = '0.1' ORDER BY \"TIME\"" \
  'SELECT * FROM "statbank"."TAB2936"' >"$work/expected.tsv" || it_fail "the driver did not answer"

javac -d "$work/classes" "$here/LoggingDriver.java"
(cd "$work/classes" && jar cf "$work/logging-driver.jar" .)

it_start_xvfb "$work"
display="$IT_DISPLAY"

# Runs Base once with a driver class and class path; $1 a label, $2 the class, $3 the path.
run_base() {
  local port profile
  port="$(it_free_port)"
  profile="$work/profile-$1"
  DISPLAY="$display" PXWEB_JDBC_LOG="$work/jdbc-calls-$1.log" soffice --norestore --nologo \
    --nodefault --nolockcheck -env:UserInstallation="file://$profile" \
    --accept="socket,host=127.0.0.1,port=$port;urp;" >"$work/soffice-$1.log" 2>&1 &
  local pid=$!
  IT_PIDS+=($pid)
  # A dialog or a deadlock in LibreOffice blocks the UNO call for ever: hence the limit (a run
  # takes one to two minutes).
  local status=0
  timeout 900 /usr/bin/python3 "$here/base_check.py" "$port" "$display" "$2" "$3" "$url" \
    "$work/pxweb-$1.odb" "$work/expected.tsv" "$work/table-view-$1.png" \
    | tee "$work/check-$1.log" >&2 || status=$?
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ "$status" = 0 ] || it_fail "Base with $2: $(grep '^FAIL' "$work/check-$1.log" || tail -3 "$work/soffice-$1.log")"
}

it_step "Base through the logging driver"
run_base logged pxweb.it.LoggingDriver "file://$work/logging-driver.jar file://$jar"
cp "$work/jdbc-calls-logged.log" "$IT_WORK/libreoffice-jdbc-calls.log"
failed="$(grep -c ' !! ' "$IT_WORK/libreoffice-jdbc-calls.log" || true)"
it_step "Base with the jar's own driver class"
run_base plain io.pxweb.jdbc.PxWebDriver "file://$jar"
cp "$work/table-view-plain.png" "$IT_WORK/libreoffice.png"
calls="$(wc -l <"$IT_WORK/libreoffice-jdbc-calls.log")"
[ "$failed" = 0 ] || it_fail "$failed of $calls JDBC calls failed: $(grep -m3 ' !! ' "$IT_WORK/libreoffice-jdbc-calls.log")"
it_pass "$version: data source, schemas, tables; the table view, a whole table and a WHERE query equal the driver's rows; $calls JDBC calls, none failed ($IT_WORK/libreoffice-jdbc-calls.log, $IT_WORK/libreoffice.png)"
