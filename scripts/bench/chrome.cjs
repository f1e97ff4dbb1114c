// Shared by the benchmark's Node scripts: the Chromium command line (no
// request to any host but the one under test) and small statistics.
"use strict";

const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

// Flags for every Chromium the benchmark starts, Lighthouse's included: the
// list in scripts/chromium-flags, shared with scripts/prerender.py.
const CHROME_FLAGS = fs
  .readFileSync(path.join(__dirname, "..", "chromium-flags"), "utf8")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith("#"));

const CHROME_PATH = process.env.CHROME_PATH || "/usr/bin/chromium";

/** Starts Chromium with a fresh profile and remote debugging on a free port.
 * Resolves to { port, close() } once DevTools listens. */
function launchChrome(extraFlags = []) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "mtd-bench-chrome."));
  const child = spawn(
    CHROME_PATH,
    [...CHROME_FLAGS, ...extraFlags, "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const close = () =>
    new Promise((resolve) => {
      const cleanup = () => {
        // Chromium's helper processes may still be writing when the main one
        // exits: retry, and leave the temporary profile behind rather than
        // fail the run over it.
        try {
          fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
        } catch (e) {
          console.error(`could not remove ${profile}: ${e.code}`);
        }
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return cleanup();
      child.once("exit", cleanup);
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => {
      close();
      reject(new Error(`Chromium did not start within 30 s:\n${log}`));
    }, 30000);
    child.stderr.on("data", (chunk) => {
      log += chunk;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(log);
      if (m) {
        clearTimeout(timer);
        child.stderr.removeAllListeners("data");
        child.stderr.resume();
        resolve({ port: Number(m[1]), close });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}) during startup:\n${log}`));
    });
  });
}

function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One `name<TAB>value<TAB>unit` figure line on stdout. */
function figure(name, value, unit, digits = 0) {
  const text = Number.isFinite(value) ? value.toFixed(digits) : "n/a";
  process.stdout.write(`${name}\t${text}\t${unit}\n`);
}

module.exports = { CHROME_FLAGS, CHROME_PATH, launchChrome, median, figure };
