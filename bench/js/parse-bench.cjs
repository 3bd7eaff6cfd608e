// Parse throughput of the reference JavaScript JSON-stat toolkit (jsonstat-toolkit) on the same
// files as the JMH benchmark (bench/target/jsonstat/cells-<n>.json, written by
// io.pxweb.bench.ParseFiles). Each file is read into memory once; every timed operation starts
// from the UTF-8 bytes, as the Java readers do.
//
// Pipelines (each timed separately):
//   parse      Buffer -> string -> JSON.parse (V8's native parser; no JSON-stat work: a floor)
//   toolkit    parse + JSONstat(obj): the toolkit's dataset, with value and status addressable by
//              cell index (status densified to an array) - the equivalent of the driver's Cube
//   toolkit+Data   toolkit + ds.Data(): every cell as {value, status}
//
// Usage: node parse-bench.cjs <dir> [seconds per pipeline and size]; prints one JSON object per
// line: {"pipeline","cells","runs","median_ms","min_ms","max_ms","p25_ms","p75_ms","cells_per_s"}.
"use strict";
const fs = require("fs");
const path = require("path");
const JSONstat = require("jsonstat-toolkit");

const dir = process.argv[2] || path.join(__dirname, "..", "target", "jsonstat");
const seconds = Number(process.argv[3] || 5);
const sizes = [10000, 100000, 800000];

const pipelines = {
  "parse": (buf) => JSON.parse(buf.toString("utf8")),
  "toolkit": (buf) => {
    const ds = JSONstat(JSON.parse(buf.toString("utf8")));
    if (ds.class !== "dataset") throw new Error("not a dataset");
    return ds;
  },
  "toolkit+Data": (buf) => {
    const ds = JSONstat(JSON.parse(buf.toString("utf8")));
    return ds.Data();
  },
};

function quantile(sorted, q) {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

let sink = 0;
for (const cells of sizes) {
  const buf = fs.readFileSync(path.join(dir, `cells-${cells}.json`));
  // Check once that the toolkit reads what the Java readers read.
  const ds = JSONstat(JSON.parse(buf.toString("utf8")));
  if (ds.n !== cells || ds.value.length !== cells) {
    throw new Error(`expected ${cells} cells, toolkit says ${ds.n}`);
  }
  for (const [name, fn] of Object.entries(pipelines)) {
    // Warm-up: a third of the budget, at least 3 runs.
    const warmEnd = process.hrtime.bigint() + BigInt(Math.round(seconds / 3 * 1e9));
    for (let i = 0; i < 3 || process.hrtime.bigint() < warmEnd; i++) {
      sink += fn(buf) ? 1 : 0;
    }
    const times = [];
    const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
    while (times.length < 5 || process.hrtime.bigint() < end) {
      const t0 = process.hrtime.bigint();
      const out = fn(buf);
      const t1 = process.hrtime.bigint();
      sink += out ? 1 : 0;
      times.push(Number(t1 - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    const median = quantile(times, 0.5);
    console.log(JSON.stringify({
      pipeline: name, cells, runs: times.length,
      median_ms: +median.toFixed(3), min_ms: +times[0].toFixed(3),
      max_ms: +times[times.length - 1].toFixed(3),
      p25_ms: +quantile(times, 0.25).toFixed(3), p75_ms: +quantile(times, 0.75).toFixed(3),
      cells_per_s: Math.round(cells / (median / 1e3)),
    }));
  }
}
if (sink < 0) console.log(sink);
