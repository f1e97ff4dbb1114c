// Lighthouse figures for scripts/bench.sh: mobile form factor with its default
// simulated throttling (Moto G Power, slow 4G, 4x CPU slowdown), the machine's
// Chromium, performance and accessibility only, median of RUNS runs per page
// (each figure's median on its own).
//
//   node scripts/bench/lighthouse.cjs RUNS PEER NAME=URL...
//   e.g. node lighthouse.cjs 3 reveal home=http://127.0.0.1:8123/ \
//          section=http://127.0.0.1:8123/m/family-dynamics/rules \
//          reveal=http://127.0.0.1:8123/reveal-deck/#/rules
//
// Needs lighthouse in LIGHTHOUSE_BIN (bench.sh installs it into
// target/bench-tools). Prints on stdout, per page NAME,
//   lighthouse_NAME_performance     score 0..100
//   lighthouse_NAME_accessibility   score 0..100
//   lighthouse_NAME_fcp / _lcp / _tbt / _speed_index   ms
//   lighthouse_NAME_cls             unitless
//   lighthouse_NAME_transfer        bytes the page loaded (total-byte-weight)
// then, for every page other than PEER, lighthouse_NAME_vs_PEER_<figure>: the
// page's figure divided by the peer's ("n/a" where the peer's is 0), and a
// '#' table of all pages side by side. The LCP element of each run and each
// failed accessibility audit go to stderr.
"use strict";

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { CHROME_FLAGS, CHROME_PATH, median, figure } = require("./chrome.cjs");

const [runsArg, peer, ...pageArgs] = process.argv.slice(2);
const runs = Number(runsArg);
const pages = pageArgs.map((arg) => {
  const at = arg.indexOf("=");
  return { name: arg.slice(0, at), url: arg.slice(at + 1) };
});
if (!(runs > 0) || !peer || !pages.length || pages.some((p) => !p.name || !p.url)) {
  console.error("usage: node lighthouse.cjs RUNS PEER NAME=URL...");
  process.exit(2);
}
const bin = process.env.LIGHTHOUSE_BIN;
if (!bin) {
  console.error("lighthouse.cjs: set LIGHTHOUSE_BIN to the lighthouse CLI");
  process.exit(2);
}

// [figure name, unit, digits, value from a Lighthouse result]
const FIGURES = [
  ["performance", "score", 0, (r) => r.categories.performance.score * 100],
  ["accessibility", "score", 0, (r) => r.categories.accessibility.score * 100],
  ["fcp", "ms", 0, (r) => r.audits["first-contentful-paint"].numericValue],
  ["lcp", "ms", 0, (r) => r.audits["largest-contentful-paint"].numericValue],
  ["tbt", "ms", 0, (r) => r.audits["total-blocking-time"].numericValue],
  ["cls", "cls", 3, (r) => r.audits["cumulative-layout-shift"].numericValue],
  ["speed_index", "ms", 0, (r) => r.audits["speed-index"].numericValue],
  ["transfer", "bytes", 0, (r) => r.audits["total-byte-weight"].numericValue],
];

function runLighthouse(url, outFile) {
  const args = [
    url,
    "--output=json",
    `--output-path=${outFile}`,
    "--only-categories=performance,accessibility",
    "--form-factor=mobile",
    "--throttling-method=simulate",
    "--no-enable-error-reporting",
    "--disable-full-page-screenshot",
    "--max-wait-for-load=60000",
    "--quiet",
    `--chrome-flags=${CHROME_FLAGS.join(" ")}`,
  ];
  const res = spawnSync(bin, args, {
    env: { ...process.env, CHROME_PATH },
    stdio: ["ignore", "inherit", "inherit"],
    timeout: 240000,
  });
  if (res.status !== 0) throw new Error(`lighthouse ${url} failed (status ${res.status}, ${res.error || res.signal || ""})`);
  const report = JSON.parse(fs.readFileSync(outFile, "utf8"));
  if (report.runtimeError) throw new Error(`lighthouse ${url}: ${report.runtimeError.code} ${report.runtimeError.message}`);
  return report;
}

function describe(name, run, report) {
  const items = report.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items ?? [];
  const node = items[0]?.node;
  const lcp = node ? `${node.selector} "${(node.nodeLabel || "").slice(0, 50)}"` : "none";
  const failed = report.categories.accessibility.auditRefs
    .map((ref) => report.audits[ref.id])
    .filter((a) => a && a.score !== null && a.score < 1)
    .map((a) => a.id);
  console.error(
    `lighthouse ${name} run ${run}: performance ${Math.round(report.categories.performance.score * 100)}, ` +
      `LCP element ${lcp}${failed.length ? `; accessibility audits failed: ${failed.join(", ")}` : ""}`,
  );
}

function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mtd-bench-lh."));
  const medians = {};
  try {
    for (const page of pages) {
      const values = FIGURES.map(() => []);
      for (let run = 1; run <= runs; run++) {
        const report = runLighthouse(page.url, path.join(tmp, `${page.name}-${run}.json`));
        describe(page.name, run, report);
        FIGURES.forEach(([, , , get], i) => values[i].push(get(report)));
      }
      medians[page.name] = FIGURES.map((_, i) => median(values[i]));
      FIGURES.forEach(([fig, unit, digits], i) =>
        figure(`lighthouse_${page.name}_${fig}`, medians[page.name][i], unit, digits),
      );
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const peerValues = medians[peer];
  if (peerValues) {
    for (const page of pages.filter((p) => p.name !== peer)) {
      FIGURES.forEach(([fig], i) => {
        const ratio = peerValues[i] === 0 ? NaN : medians[page.name][i] / peerValues[i];
        figure(`lighthouse_${page.name}_vs_${peer}_${fig}`, ratio, "ratio", 2);
      });
    }
  }

  // Side by side, for people.
  const names = pages.map((p) => p.name);
  const others = names.filter((n) => n !== peer && peerValues);
  const header = ["figure", ...names, ...others.map((n) => `${n}/${peer}`)];
  const rows = FIGURES.map(([fig, unit, digits], i) => {
    const cells = names.map((n) => medians[n][i].toFixed(digits));
    const ratios = others.map((n) => (peerValues[i] === 0 ? "n/a" : (medians[n][i] / peerValues[i]).toFixed(2)));
    return [`${fig} (${unit})`, ...cells, ...ratios];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  for (const row of [header, ...rows]) {
    process.stdout.write(`# ${row.map((cell, c) => cell.padStart(widths[c])).join("  ")}\n`);
  }
}

try {
  main();
} catch (err) {
  console.error(`lighthouse.cjs: ${err.stack || err}`);
  process.exit(1);
}
