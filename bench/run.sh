#!/usr/bin/env bash
# Runs every benchmark of docs/benchmarks.md in one go, side by side, and writes the raw
# results and a Markdown summary to bench/target/results/ (summary.md: the goals of issue 15
# with figure and verdict first, then the detailed tables). About 15 minutes on 2 cores.
# Needs Java 17, Maven, node/npm (jsonstat-toolkit), curl and hyperfine
# (apt-get install hyperfine). Offline after the first build and npm install.
#
#   bench/run.sh            everything
#   bench/run.sh --quick    every goal's figure with fewer runs and without the extra steps
#                           (fresh-JVM scan, C1 scan, memory sweep, profiles): about 6 minutes
#
# The k-request scan uses a server that holds each data response BENCH_DELAY_MS (default
# 1000) before answering and sends it at BENCH_BANDWIDTH_MBPS megabytes/s (default 100).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
quick=false
[ "${1:-}" = "--quick" ] && quick=true
full() { ! $quick; }
DELAY_MS="${BENCH_DELAY_MS:-1000}"
BANDWIDTH_MBPS="${BENCH_BANDWIDTH_MBPS:-100}"

R="$root/bench/target/results"
JAR="$root/bench/target/benchmarks.jar"
PXSQL="$root/shell/target/pxsql.jar"
rm -rf "$R"
mkdir -p "$R"
step() { printf '\n== %s  (%s; load average %s)\n' "$1" "$(date +%H:%M:%S)" "$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$R/steps.log"; }

for tool in java mvn node npm curl hyperfine; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (hyperfine: apt-get install hyperfine)" >&2; exit 1; }
done

step "machine"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(free -m | awk '/^Mem:/{print $2 " MiB"}')"
  echo "kernel: $(uname -sr)"
  echo "java: $(java -version 2>&1 | tr '\n' ' ')"
  echo "node: $(node --version)"
  echo "curl: $(curl --version | head -1)"
  echo "hyperfine: $(hyperfine --version)"
  echo "git: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with local changes)')"
  echo "load average at start: $(cat /proc/loadavg)"
} | tee "$R/machine.txt"
if awk '{exit !($1 > 0.5)}' /proc/loadavg; then
  echo "run.sh: warning: the machine is busy (load average $(cut -d' ' -f1 /proc/loadavg)); figures will be noisy" | tee -a "$R/machine.txt" >&2
fi

step "build (mvn -P bench package: driver, shell, bench) and npm ci"
mvn -B -q -P bench -DskipTests package
(cd bench/js && npm ci --no-audit --no-fund --loglevel=error)

# ------------------------------------------------------------------ parse throughput
step "JSON-stat files (10k, 100k, 800k cells)"
java -cp "$JAR" io.pxweb.bench.ParseFiles "$root/bench/target/jsonstat" | tee "$R/files.txt"

step "JMH: driver's streaming reader vs Jackson tree"
if $quick; then jmh=(-f 1 -wi 2 -i 3); else jmh=(); fi
java -jar "$JAR" ParseBenchmark "${jmh[@]}" -rf json -rff "$R/jmh.json" | tee "$R/jmh.txt" | grep -E '^(Benchmark|ParseBenchmark)' || true

step "node: jsonstat-toolkit on the same files"
node bench/js/parse-bench.cjs "$root/bench/target/jsonstat" "$($quick && echo 1 || echo 5)" | tee "$R/js.jsonl"

# ------------------------------------------------------------------ loopback server
server_pid=""
server2_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$server2_pid" ] && kill "$server2_pid" 2>/dev/null || true
}
trap cleanup EXIT
start_server() { # $1 = file for its output; extra args follow
  local out="$1"; shift
  java -Xms1g -Xmx1g -XX:+UseParallelGC -cp "$JAR" io.pxweb.bench.LoopbackServer "$@" >"$out" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do grep -q LISTENING "$out" 2>/dev/null && break; sleep 0.1; done
  grep -q LISTENING "$out" || { echo "server did not start" >&2; cat "$out" >&2; exit 1; }
  echo "$pid $(awk '/LISTENING/{print $2}' "$out")"
}
read -r server_pid port < <(start_server "$R/server.out")
BASE="http://127.0.0.1:$port/api/v2"
URL="jdbc:pxweb:$BASE;rateLimit=none;lang=en"
SCAN=(java -Xmx256m -cp "$JAR" io.pxweb.bench.ScanBench)
echo "loopback server: $BASE (pid $server_pid)"

step "end to end: warm the server's response cache, then curl the driver's exact URLs"
"${SCAN[@]}" "$URL" 'SELECT * FROM "07459"' 1 > "$R/scan-warmup.tsv"
curl -s "$BASE/_bench/log" > "$R/server-log-warmup.tsv"
awk -F'\t' -v host="http://127.0.0.1:$port" '$1=="data"{print "url = \"" host $3 "\"\noutput = \"/dev/null\""}' \
  "$R/server-log-warmup.tsv" > "$R/curl-urls.cfg"
echo "data requests of SELECT *: $(grep -c '^url' "$R/curl-urls.cfg")"
hyperfine -N -w 2 -r "$($quick && echo 5 || echo 15)" --export-json "$R/curl.json" \
  "curl -s -g -K $R/curl-urls.cfg" | tee "$R/curl.txt"

step "end to end: driver, one JVM, 1 cold + 5 warm runs (getObject on every column), -Xmx256m, GC log"
java -Xmx256m -Xlog:gc:file="$R/gc-scan.log" -cp "$JAR" io.pxweb.bench.ScanBench \
  "$URL" 'SELECT * FROM "07459"' "$($quick && echo 3 || echo 6)" | tee "$R/scan-inproc.tsv"

step "end to end: driver, ResultSet.next() only"
"${SCAN[@]}" "$URL" 'SELECT * FROM "07459"' "$($quick && echo 2 || echo 4)" next | tee "$R/scan-next.tsv"

if full; then
step "end to end: driver, fresh JVM per query (hyperfine)"
hyperfine -N -r "$($quick && echo 2 || echo 3)" --export-json "$R/scan-fresh.json" \
  "java -Xmx256m -cp $JAR io.pxweb.bench.ScanBench $URL \"SELECT * FROM \\\"07459\\\"\" 1" | tee "$R/scan-fresh.txt"

step "end to end: driver with -XX:TieredStopAtLevel=1 (the AppCDS recipe's flag)"
java -Xmx256m -XX:TieredStopAtLevel=1 -cp "$JAR" io.pxweb.bench.ScanBench \
  "$URL" 'SELECT * FROM "07459"' 2 | tee "$R/scan-c1.tsv"
fi

if full; then
step "memory: peak heap by scan size (800k, 4M cells; 8M above)"
"${SCAN[@]}" "$URL" "SELECT * FROM \"07459\" WHERE Region <= '0050'" 3 | tee "$R/mem-800k.tsv"
"${SCAN[@]}" "$URL" "SELECT * FROM \"07459\" WHERE Region <= '0250'" 3 | tee "$R/mem-4m.tsv"

step "memory: smallest -Xmx for the 8M-cell SELECT *"
: > "$R/xmx-sweep.tsv"
for xmx in 32m 48m 64m 96m 128m; do
  if java "-Xmx$xmx" -cp "$JAR" io.pxweb.bench.ScanBench "$URL" 'SELECT * FROM "07459"' 1 > "$R/xmx-$xmx.out" 2>&1; then
    printf '%s\tcompletes\n' "$xmx" | tee -a "$R/xmx-sweep.tsv"
    break
  else
    printf '%s\tfails (%s)\n' "$xmx" "$(grep -o -m1 'OutOfMemoryError[^"]*' "$R/xmx-$xmx.out" | head -c 80 || echo error)" | tee -a "$R/xmx-sweep.tsv"
  fi
done

step "end to end with a server that generates every response (no server cache)"
read -r server2_pid port2 < <(start_server "$R/server2.out" --no-cache)
sed "s/127.0.0.1:$port/127.0.0.1:$port2/" "$R/curl-urls.cfg" > "$R/curl-urls-nocache.cfg"
hyperfine -N -w 1 -r 3 --export-json "$R/curl-nocache.json" "curl -s -g -K $R/curl-urls-nocache.cfg" | tee "$R/curl-nocache.txt"
"${SCAN[@]}" "jdbc:pxweb:http://127.0.0.1:$port2/api/v2;rateLimit=none;lang=en" 'SELECT * FROM "07459"' 2 | tee "$R/scan-nocache.tsv"
kill "$server2_pid"; server2_pid=""
fi

step "k-request scan against a server that takes time: ${DELAY_MS} ms a data response, ${BANDWIDTH_MBPS} MB/s"
read -r server2_pid port2 < <(start_server "$R/server-slow.out" --delay-ms "$DELAY_MS" --bandwidth-mbps "$BANDWIDTH_MBPS")
SLOW_URL="jdbc:pxweb:http://127.0.0.1:$port2/api/v2;rateLimit=none;lang=en"
printf 'delay_ms\t%s\nbandwidth_mbps\t%s\n' "$DELAY_MS" "$BANDWIDTH_MBPS" > "$R/kscan-server.tsv"
# Run 1 fills the server's response cache and warms the JIT; the summary uses the later runs.
"${SCAN[@]}" "$SLOW_URL" 'SELECT * FROM "07459"' "$($quick && echo 2 || echo 3)" | tee "$R/kscan.tsv"
curl -s "http://127.0.0.1:$port2/api/v2/_bench/log" > "$R/kscan-log.tsv"
kill "$server2_pid"; server2_pid=""

# ------------------------------------------------------------------ API cost
step "API cost: analyst workload (EXPLAIN and the server's request log)"
java -cp "$JAR" io.pxweb.bench.ApiCost "$BASE" | tee "$R/api-cost.md"

# ------------------------------------------------------------------ planning
step "warm planning: same query again in one JVM"
README_Q="SELECT SECTOR_label, \"TIME\", \"Emission\" FROM \"TAB004\" WHERE GREENHOUSEGAS = 'CO2' AND SECTOR = '1.0' ORDER BY \"TIME\" DESC FETCH FIRST 5 ROWS ONLY"
java -cp "$JAR" io.pxweb.bench.WarmPlanning "jdbc:pxweb:file:$root/samples/db" "$README_Q" 20 30 | tee "$R/planning-file.tsv"
java -cp "$JAR" io.pxweb.bench.WarmPlanning "$URL" \
  "SELECT Tid, Personer1 FROM \"07459\" WHERE Region = '0301' AND Kjonn = '2' AND Alder = '030'" 20 30 | tee "$R/planning-http.tsv"

step "cold planning: the first prepareStatement in a fresh JVM (connection already open)"
: > "$R/coldplan.tsv"
for _ in $(seq 1 "$($quick && echo 3 || echo 7)"); do
  java -cp "$JAR" io.pxweb.bench.WarmPlanning "jdbc:pxweb:file:$root/samples/db" "$README_Q" 0 1 \
    | awk -F'\t' '$1 ~ /^prepare \(/{print $2}' | tee -a "$R/coldplan.tsv"
done

step "cold planning in wall and main-thread CPU time: connect, first prepare, new SQL texts"
# CPU time is what other processes on a shared machine disturb least; new texts vary a comment
# (the same plan) and a literal (SECTOR: a new pushed selection).
README_T="SELECT SECTOR_label, \"TIME\", \"Emission\" FROM \"TAB004\" WHERE GREENHOUSEGAS = 'CO2' AND SECTOR = '{}' ORDER BY \"TIME\" DESC FETCH FIRST 5 ROWS ONLY"
: > "$R/coldplan-cpu.tsv"
for _ in $(seq 1 "$($quick && echo 2 || echo 5)"); do
  java -cp "$JAR" io.pxweb.bench.ColdPlanning "jdbc:pxweb:file:$root/samples/db" "$README_T" \
    "1.0,0.1,0.2,2.0,0.3,3.0,0.4,10.0,4.0,5.0,6.0,7.0,8.0,9.0" 40 30 | tee -a "$R/coldplan-cpu.tsv"
done

if full; then
step "profile: where the driver's scan time goes (JFR; evidence for fixes)"
for mode in next all; do
  java -Xmx256m -XX:FlightRecorderOptions=stackdepth=128 \
    -XX:StartFlightRecording=filename="$R/scan-$mode.jfr",settings=profile -Xlog:jfr=off \
    -cp "$JAR" io.pxweb.bench.ScanBench "$URL" 'SELECT * FROM "07459"' 2 "$mode" > "$R/profile-scan-$mode.tsv"
  java -cp "$JAR" io.pxweb.bench.JfrBreakdown "$R/scan-$mode.jfr" | tee "$R/profile-$mode.txt"
done
fi
kill "$server_pid"; server_pid=""

if full; then
step "experiment: the driver's token loop with other JSON factory settings (JMH, 800k cells)"
java -jar "$JAR" ReaderExperimentBenchmark "${jmh[@]}" -rf json -rff "$R/reader-experiment.json" \
  | grep -E '^(Benchmark|ReaderExperimentBenchmark)' | tee "$R/reader-experiment.txt" || true
fi

# ------------------------------------------------------------------ cold start
step "cold start: pxsql as it is, and with an AppCDS archive"
# A private copy of the shell jar: a rebuild of shell/target/pxsql.jar during the run (by
# someone else's mvn) would otherwise silently invalidate the archive.
mkdir -p "$root/bench/target/cds"
cp "$PXSQL" "$root/bench/target/cds/pxsql.jar"
PXSQL="$root/bench/target/cds/pxsql.jar"
JSA="$root/bench/target/cds/pxsql.jsa"
rm -f "$JSA"
# Training run: the classes this query loads go into a dynamic archive at exit.
java -XX:ArchiveClassesAtExit="$JSA" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$PXSQL" --url "jdbc:pxweb:file:$root/samples/db" "$README_Q" > "$R/cds-training.out"
ls -l "$JSA" | tee "$R/cds-archive.txt"
CDS=(-XX:SharedArchiveFile="$JSA" -Xlog:cds=off -Xlog:cds+dynamic=off)
RUNS=$($quick && echo 3 || echo 10)
timer() { java -cp "$JAR" io.pxweb.bench.FirstRowTimer "$1" 1 "$RUNS" 2 -- "${@:2}"; }
: > "$R/coldstart.tsv"
{
  timer "java -jar pxsql.jar (as it is)" java -jar "$PXSQL" --url "jdbc:pxweb:file:$root/samples/db" --format csv "$README_Q"
  if full; then
  timer "+ -XX:TieredStopAtLevel=1" java -XX:TieredStopAtLevel=1 -jar "$PXSQL" --url "jdbc:pxweb:file:$root/samples/db" --format csv "$README_Q"
  timer "+ AppCDS archive" java "${CDS[@]}" -jar "$PXSQL" --url "jdbc:pxweb:file:$root/samples/db" --format csv "$README_Q"
  timer "+ AppCDS archive + -XX:+UseSerialGC" java "${CDS[@]}" -XX:+UseSerialGC -jar "$PXSQL" --url "jdbc:pxweb:file:$root/samples/db" --format csv "$README_Q"
  timer "+ AppCDS archive + -XX:TieredStopAtLevel=1 + -XX:+UseSerialGC" java "${CDS[@]}" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$PXSQL" --url "jdbc:pxweb:file:$root/samples/db" --format csv "$README_Q"
  fi
  timer "+ AppCDS archive + -XX:TieredStopAtLevel=1" java "${CDS[@]}" -XX:TieredStopAtLevel=1 -jar "$PXSQL" --url "jdbc:pxweb:file:$root/samples/db" --format csv "$README_Q"
  # The shipped launcher with its start-up archive made (C2 kept: an AOT cache on a JDK 25+,
  # else AppCDS); its first run starts the archive's training in the background.
  export PXSQL_CACHE_DIR="$root/bench/target/pxsql-cache"
  rm -rf "$PXSQL_CACHE_DIR"
  ./pxsql --format csv "$README_Q" > /dev/null
  for _ in $(seq 1 120); do compgen -G "$PXSQL_CACHE_DIR/*.lock" > /dev/null || break; sleep 1; done
  timer "./pxsql launcher, start-up archive made ($(ls "$PXSQL_CACHE_DIR" | sed 's/.*\.//' | paste -sd, -))" ./pxsql --format csv "$README_Q"
  unset PXSQL_CACHE_DIR
  if full; then
  timer "+ AppCDS archive + TieredStopAtLevel=1, other query (COUNT on TAB001)" java "${CDS[@]}" -XX:TieredStopAtLevel=1 -jar "$PXSQL" --url "jdbc:pxweb:file:$root/samples/db" --format csv "SELECT COUNT(*) FROM \"TAB001\" WHERE SEX = 'F'"
  fi
} | tee "$R/coldstart.tsv"

step "summary"
echo "load average at end: $(cat /proc/loadavg)" >> "$R/machine.txt"
java -cp "$JAR" io.pxweb.bench.Summary "$R" > "$R/summary.md"
cat "$R/summary.md"
echo
echo "Results: $R (summary.md, raw files)."
