#!/usr/bin/env bash
# The scan, side by side: this checkout ("after") against another commit ("before"), one loopback
# server, alternating before/after in one run so both see the same machine. Prints rows/s per
# warm run and the medians; raw lines in bench/target/ab/ab.tsv.
#
#   bench/ab.sh <before-commit> [rounds (5)] [sql ('SELECT * FROM "07459"')]
#
# Builds <before-commit>'s benchmarks.jar in a temporary git worktree (removed at the end).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before="${1:?usage: bench/ab.sh <before-commit> [rounds] [sql]}"
rounds="${2:-5}"
sql="${3:-SELECT * FROM \"07459\"}"
out="$root/bench/target/ab"
wt="$(mktemp -d)/before"
rm -rf "$out"; mkdir -p "$out"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  git -C "$root" worktree remove --force "$wt" 2>/dev/null || true
}
trap cleanup EXIT
git -C "$root" worktree add --detach "$wt" "$before" >/dev/null
(cd "$wt" && mvn -B -q -P bench -DskipTests package)
(cd "$root" && mvn -B -q -P bench -DskipTests package)
A="$wt/bench/target/benchmarks.jar"
B="$root/bench/target/benchmarks.jar"
java -Xms1g -Xmx1g -XX:+UseParallelGC -cp "$B" io.pxweb.bench.LoopbackServer > "$out/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do grep -q LISTENING "$out/server.out" && break; sleep 0.1; done
port=$(awk '/LISTENING/{print $2}' "$out/server.out")
url="jdbc:pxweb:http://127.0.0.1:$port/api/v2;rateLimit=none;lang=en"
java -Xmx256m -cp "$B" io.pxweb.bench.ScanBench "$url" "$sql" 1 > /dev/null  # fills the server's cache
for round in $(seq 1 "$rounds"); do
  for side in before after; do
    jar=$A; [ "$side" = after ] && jar=$B
    for mode in all next; do
      java -Xmx256m -cp "$jar" io.pxweb.bench.ScanBench "$url" "$sql" 4 "$mode" \
        | awk -v s="$side" -v r="$round" -v m="$mode" -v l="$(cut -d' ' -f1 /proc/loadavg)" -F'\t' \
            'NR > 1 && $1 ~ /^[0-9]+$/ {print s "\t" m "\t" r "\t" l "\t" $0}' >> "$out/ab.tsv"
    done
  done
  echo "round $round of $rounds done (load average $(cut -d' ' -f1 /proc/loadavg))"
done
# Columns: side, mode, round, load, run, rows, connect, execute, first row, total ms, rows/s, ...
awk -F'\t' '$5 > 1 {k = $2 " " $1; v[k] = v[k] " " $11} END {for (k in v) print k ":" v[k]}' "$out/ab.tsv" \
  | sort | while read -r line; do
    key="${line%%:*}"; vals="${line#*:}"
    median=$(tr ' ' '\n' <<<"$vals" | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
    printf '%-12s median %10.0f rows/s  (warm runs:%s)\n' "$key" "$median" "$vals"
  done
