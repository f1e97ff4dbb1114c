// In-Chromium figures for scripts/bench.sh, taken over the DevTools Protocol
// against the release build served by nginx (no CPU or network throttling:
// these are this machine's own timings, Lighthouse gives the throttled view).
//
//   node scripts/bench/timings.cjs BASE_URL MODULE_PATH SECTION_PATH [ACCESS_LOG]
//   e.g. http://127.0.0.1:8123 /m/scale-and-invisibility /m/family-dynamics/rules
//   ACCESS_LOG: the server's access log (nginx's default "combined" format),
//   for the server_* figures
//
// Needs chrome-remote-interface on NODE_PATH (bench.sh installs it into
// target/bench-tools). Prints `name<TAB>value<TAB>unit` lines on stdout,
// notes on stderr:
//   wire_first_visit_*     bytes on the wire (headers included) and requests of a
//                          first visit to MODULE_PATH with an empty cache: the
//                          HTML, JS, wasm, CSS, course index and that module
//   wire_repeat_visit_*    the same page again in a new tab of the same browser
//                          (hashed files come from the cache, the rest revalidates)
//   server_*_visit_*       the same two visits seen from the server: response
//                          body bytes and requests in ACCESS_LOG, so including
//                          what a service worker fetches in the background (the
//                          page's own view above does not see those requests);
//                          counted until the log has been quiet for 2 s
//   first_section_render   navigation start -> SECTION_PATH's section heading
//                          painted, empty cache and storage, median of 5
//   section_switch         click on the next/previous link -> the next section's
//                          heading painted (the click is made at the start of a
//                          frame; the time runs to the end of the frame that shows
//                          the new section), median of 20
//   section_switch_dom     click -> the new heading is in the DOM, median of 20
//   precache_shell_*       what the service worker keeps after one visit: the
//   precache_content_*     app shell (index.html, JS, wasm, CSS, manifest,
//                          icons) and the learner's language (course index and
//                          every module file), bytes of the stored bodies
//   offline_repeat_render  navigation start -> the section heading painted on a
//                          repeat visit with the network off (service worker
//                          and its caches only), median of 5
//   throttled_{home,section}_{lcp,ready}
//                          a first visit to home and SECTION_PATH on an emulated
//                          slow phone: the network and CPU throttling Lighthouse
//                          applies in its devtools mode (slow 4G: 562.5 ms per
//                          request, 1.47 Mbit/s down, 0.68 up; CPU 4x slower).
//                          lcp: the browser's own largest-contentful-paint
//                          (what a user sees; Lighthouse's simulation estimates
//                          it from an unthrottled load instead); ready:
//                          navigation start -> the app's own page is shown and
//                          usable (any first-visit preview handed over, no
//                          loading indicator). Median of 3
"use strict";

const fs = require("node:fs");
const CDP = require("chrome-remote-interface");
const { launchChrome, median, figure } = require("./chrome.cjs");

const [base, modulePath, sectionPath, accessLog] = process.argv.slice(2);
if (!base || !modulePath || !sectionPath) {
  console.error("usage: node timings.cjs BASE_URL MODULE_PATH SECTION_PATH");
  process.exit(2);
}
const origin = new URL(base).origin;

// The DOM contract (docs/dom-contract.md): a section page is an article whose
// h1 is the section title; a module page lists a[data-test=section-link].
const SECTION_HEADING = "article.page--reading h1";
const MODULE_READY = "a[data-test=section-link]";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(Runtime, expression, what, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { result } = await Runtime.evaluate({ expression, returnByValue: true });
    if (result.value) return result.value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Opens a new tab, runs `fn(client)` in it and closes it. */
async function inTab(port, fn) {
  const target = await CDP.New({ port, url: "about:blank" });
  const client = await CDP({ port, target });
  try {
    return await fn(client);
  } finally {
    await client.close();
    await CDP.Close({ port, id: target.id });
  }
}

const logSize = () => (accessLog ? fs.statSync(accessLog).size : 0);

/** Response body bytes and requests in the access log from byte `from` on,
 * once it has not grown for 2 s (at most 30 s). Combined format:
 * ... "GET /path HTTP/1.1" status bytes "referer" "agent". */
async function serverSince(from) {
  if (!accessLog) return null;
  let size = logSize();
  let stableSince = Date.now();
  const deadline = Date.now() + 30000;
  while (Date.now() - stableSince < 2000 && Date.now() < deadline) {
    await sleep(200);
    const now = logSize();
    if (now !== size) {
      size = now;
      stableSince = Date.now();
    }
  }
  const fd = fs.openSync(accessLog, "r");
  const buf = Buffer.alloc(size - from);
  fs.readSync(fd, buf, 0, buf.length, from);
  fs.closeSync(fd);
  let bytes = 0;
  let requests = 0;
  for (const line of buf.toString("utf8").split("\n")) {
    const m = /"[A-Z]+ (\S+) [^"]*" (\d{3}) (\d+|-)/.exec(line);
    if (!m) continue;
    requests += 1;
    bytes += m[3] === "-" ? 0 : Number(m[3]);
  }
  return { bytes, requests };
}

/** Loads `url` in a new tab and sums what the network delivered once the
 * page shows `readySelector` and no request has been pending for 500 ms. */
function wireVisit(port, url, readySelector) {
  return inTab(port, async ({ Network, Page, Runtime }) => {
    const logStart = logSize();
    const requests = new Map();
    await Network.enable();
    await Page.enable();
    Network.requestWillBeSent(({ requestId, request }) => {
      requests.set(requestId, { url: request.url, bytes: 0, done: false, encoding: "", status: 0, cached: false });
    });
    Network.requestServedFromCache(({ requestId }) => {
      const r = requests.get(requestId);
      if (r) r.cached = true;
    });
    Network.responseReceived(({ requestId, response }) => {
      const r = requests.get(requestId);
      if (!r) return;
      r.status = response.status;
      r.cached = r.cached || response.fromDiskCache || response.fromPrefetchCache || false;
      const enc = Object.entries(response.headers).find(([k]) => k.toLowerCase() === "content-encoding");
      r.encoding = enc ? enc[1] : "";
    });
    const finish = ({ requestId, encodedDataLength }) => {
      const r = requests.get(requestId);
      if (!r) return;
      r.bytes = encodedDataLength || 0;
      r.done = true;
    };
    Network.loadingFinished(finish);
    Network.loadingFailed(({ requestId }) => finish({ requestId, encodedDataLength: 0 }));

    await Page.navigate({ url });
    await waitFor(Runtime, `!!document.querySelector(${JSON.stringify(readySelector)})`, readySelector);
    let quietSince = Date.now();
    let seen = requests.size;
    while (Date.now() - quietSince < 500) {
      const pending = [...requests.values()].some((r) => !r.done);
      if (pending || requests.size !== seen) {
        seen = requests.size;
        quietSince = Date.now();
      }
      await sleep(50);
    }
    const list = [...requests.values()].filter((r) => r.url.startsWith(origin));
    for (const r of list) {
      console.error(
        `  ${r.status || "-"} ${r.cached ? "cache" : r.encoding || "identity"} ${r.bytes} B ${r.url.slice(origin.length)}`,
      );
    }
    return {
      bytes: list.reduce((s, r) => s + r.bytes, 0),
      // Requests that went to the server (not answered from the cache).
      requests: list.filter((r) => !r.cached).length,
      server: await serverSince(logStart),
    };
  });
}

// Injected before the app's scripts: notes when the section heading is in the
// DOM and when the frame showing it has been rendered (a message posted from a
// requestAnimationFrame callback runs after that frame's style, layout and
// paint). performance.now() counts from navigation start.
const RENDER_PROBE = `(() => {
  const b = (window.__mtdBench = {});
  const ready = () => !!document.querySelector(${JSON.stringify(SECTION_HEADING)});
  const found = () => {
    b.dom = performance.now();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { b.painted = performance.now(); };
      ch.port2.postMessage(0);
    });
  };
  if (ready()) return found();
  const mo = new MutationObserver(() => {
    if (ready()) { mo.disconnect(); found(); }
  });
  mo.observe(document, { childList: true, subtree: true });
})();`;

// Injected before the app's scripts for a throttled first visit: the last
// largest-contentful-paint candidate and the moment the app's own page is
// there (see throttled_* above).
const LOAD_PROBE = `(() => {
  const b = (window.__mtdLoad = { lcp: null, ready: null });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.lcp = e.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  const ready = () => !document.getElementById("preview")
    && !!document.querySelector("body > main h1")
    && !document.querySelector("body > main [data-test=loading]");
  const mo = new MutationObserver(() => {
    if (b.ready === null && ready()) { b.ready = performance.now(); mo.disconnect(); }
  });
  mo.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

// Lighthouse's devtools-mode throttling for mobile (constants.js,
// mobileSlow4G): request latency 150 ms x 3.75, throughput 1.6 Mbit/s x 0.9
// down and 750 kbit/s x 0.9 up, CPU 4x.
const SLOW_PHONE = {
  latency: 562.5,
  downloadThroughput: (1474.56 * 1024) / 8,
  uploadThroughput: (675 * 1024) / 8,
  cpu: 4,
};

function throttledLoad(port, url) {
  return inTab(port, async ({ Emulation, Network, Page, Runtime, Storage }) => {
    await Network.enable();
    await Page.enable();
    await Network.clearBrowserCache();
    await Storage.clearDataForOrigin({ origin, storageTypes: "all" });
    await Network.emulateNetworkConditions({
      offline: false,
      latency: SLOW_PHONE.latency,
      downloadThroughput: SLOW_PHONE.downloadThroughput,
      uploadThroughput: SLOW_PHONE.uploadThroughput,
    });
    await Emulation.setCPUThrottlingRate({ rate: SLOW_PHONE.cpu });
    await Emulation.setDeviceMetricsOverride({ width: 412, height: 823, deviceScaleFactor: 1.75, mobile: true });
    await Page.addScriptToEvaluateOnNewDocument({ source: LOAD_PROBE });
    await Page.navigate({ url });
    const got = await waitFor(
      Runtime,
      "window.__mtdLoad && window.__mtdLoad.ready !== null && window.__mtdLoad.lcp !== null && window.__mtdLoad",
      `the app's page at ${url} (throttled)`,
      120000,
    );
    // A later, larger element would still count: give it a moment.
    await sleep(1000);
    const { result } = await Runtime.evaluate({ expression: "window.__mtdLoad.lcp", returnByValue: true });
    await Emulation.setCPUThrottlingRate({ rate: 1 });
    return { lcp: result.value, ready: got.ready };
  });
}

function coldRender(port, url) {
  return inTab(port, async ({ Network, Page, Runtime, Storage }) => {
    await Network.enable();
    await Page.enable();
    await Network.clearBrowserCache();
    await Storage.clearDataForOrigin({ origin, storageTypes: "all" });
    await Page.addScriptToEvaluateOnNewDocument({ source: RENDER_PROBE });
    await Page.navigate({ url });
    return waitFor(
      Runtime,
      "window.__mtdBench && window.__mtdBench.painted !== undefined && window.__mtdBench",
      "the section heading",
    );
  });
}

// Sums the bodies the service worker's caches hold: { shell, content } with
// { files, bytes } each.
const CACHE_SIZES = `(async () => {
  const out = { shell: { files: 0, bytes: 0 }, content: { files: 0, bytes: 0 } };
  for (const name of await caches.keys()) {
    const kind = name.startsWith("mtd-shell-") ? "shell" : name === "mtd-content" ? "content" : null;
    if (!kind) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      out[kind].files += 1;
      out[kind].bytes += (await response.arrayBuffer()).byteLength;
    }
  }
  return out;
})()`;

/** One visit to `url` lets the service worker fill its caches; then the
 * network goes off and the page is opened again `n` times. Returns the cache
 * sizes and the render times. */
function offlineRepeat(port, url, n) {
  return inTab(port, async ({ Network, Page, Runtime, Storage }) => {
    await Network.enable();
    await Page.enable();
    await Network.clearBrowserCache();
    await Storage.clearDataForOrigin({ origin, storageTypes: "all" });
    await Page.navigate({ url });
    await waitFor(Runtime, "!!(navigator.serviceWorker && navigator.serviceWorker.controller)", "a controlling service worker");
    // The app asks the worker to cache the language 3 s after start; wait
    // until the content cache holds the course index and 13 module files.
    let sizes;
    const deadline = Date.now() + 60000;
    for (;;) {
      const { result } = await Runtime.evaluate({ expression: CACHE_SIZES, awaitPromise: true, returnByValue: true });
      sizes = result.value;
      if (sizes && sizes.content.files >= 14) break;
      if (Date.now() > deadline) throw new Error(`content not cached: ${JSON.stringify(sizes)}`);
      await sleep(200);
    }
    await Network.emulateNetworkConditions({ offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await Page.addScriptToEvaluateOnNewDocument({ source: RENDER_PROBE });
    const renders = [];
    for (let i = 0; i < n; i++) {
      await Page.navigate({ url });
      renders.push(await waitFor(
        Runtime,
        "window.__mtdBench && window.__mtdBench.painted !== undefined && window.__mtdBench",
        "the section heading offline",
      ));
    }
    await Network.emulateNetworkConditions({ offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    return { sizes, renders };
  });
}

// Runs in the page: `n` section switches, forwards until the last section,
// then backwards, and so on.
const SWITCHES = (n) => `(async () => {
  const heading = () => {
    const h = document.querySelector(${JSON.stringify(SECTION_HEADING)});
    return h ? h.textContent : null;
  };
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const out = [];
  let forward = true;
  for (let i = 0; i < ${n}; i++) {
    const sel = () => (forward ? "a[data-test=next]" : "a[data-test=prev]");
    let link = document.querySelector(sel());
    if (!link) { forward = !forward; link = document.querySelector(sel()); }
    if (!link) throw new Error("no next or previous link on " + location.pathname);
    const before = heading();
    await frame();
    out.push(await new Promise((resolve) => {
      requestAnimationFrame(() => {
        const changed = () => { const h = heading(); return h !== null && h !== before; };
        const t0 = performance.now();
        let dom = NaN;
        // The frame that shows the change has been rendered when a message
        // posted from its requestAnimationFrame callback arrives.
        const afterFrame = () => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            if (!changed()) return;
            mo.disconnect();
            resolve({ dom: dom - t0, painted: performance.now() - t0 });
          };
          ch.port2.postMessage(0);
        };
        const mo = new MutationObserver(() => {
          if (Number.isNaN(dom) && changed()) {
            dom = performance.now();
            requestAnimationFrame(afterFrame);
          }
        });
        mo.observe(document.body, { childList: true, subtree: true, characterData: true });
        link.click();
        // Changed within the click (and its microtasks)? Then this very frame
        // shows it.
        if (changed()) { dom = performance.now(); }
        afterFrame();
      });
    }));
    await frame();
    await frame();
  }
  return out;
})()`;

async function main() {
  const chrome = await launchChrome(["--window-size=390,844"]);
  try {
    const { port } = chrome;
    const moduleUrl = origin + modulePath;
    const sectionUrl = origin + sectionPath;

    console.error(`first visit ${moduleUrl}:`);
    const first = await wireVisit(port, moduleUrl, MODULE_READY);
    console.error(`repeat visit ${moduleUrl}:`);
    const repeat = await wireVisit(port, moduleUrl, MODULE_READY);

    const renders = [];
    for (let i = 0; i < 5; i++) renders.push(await coldRender(port, sectionUrl));
    console.error(`first section render (ms): ${renders.map((r) => r.painted.toFixed(1)).join(" ")}`);

    const throttled = {};
    for (const [name, url] of [["home", origin + "/"], ["section", sectionUrl]]) {
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await throttledLoad(port, url));
      console.error(`throttled first visit to ${name}, LCP / app ready (ms): ${runs.map((r) => `${r.lcp.toFixed(0)}/${r.ready.toFixed(0)}`).join(" ")}`);
      throttled[name] = runs;
    }

    const offline = await offlineRepeat(port, sectionUrl, 5);
    console.error(`offline repeat render (ms): ${offline.renders.map((r) => r.painted.toFixed(1)).join(" ")}`);

    const switches = await inTab(port, async ({ Page, Runtime }) => {
      await Page.enable();
      await Page.navigate({ url: sectionUrl });
      await waitFor(Runtime, `!!document.querySelector(${JSON.stringify(SECTION_HEADING)})`, "the section");
      const { result, exceptionDetails } = await Runtime.evaluate({
        expression: SWITCHES(20),
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails) throw new Error(`switch script: ${JSON.stringify(exceptionDetails)}`);
      return result.value;
    });
    console.error(`section switch, in the DOM / painted (ms): ${switches.map((s) => `${s.dom.toFixed(1)}/${s.painted.toFixed(1)}`).join(" ")}`);

    figure("wire_first_visit_bytes", first.bytes, "bytes");
    figure("wire_first_visit_requests", first.requests, "count");
    figure("wire_repeat_visit_bytes", repeat.bytes, "bytes");
    figure("wire_repeat_visit_requests", repeat.requests, "count");
    if (first.server && repeat.server) {
      figure("server_first_visit_bytes", first.server.bytes, "bytes");
      figure("server_first_visit_requests", first.server.requests, "count");
      figure("server_repeat_visit_bytes", repeat.server.bytes, "bytes");
      figure("server_repeat_visit_requests", repeat.server.requests, "count");
    }
    figure("first_section_render", median(renders.map((r) => r.painted)), "ms", 1);
    figure("first_section_render_dom", median(renders.map((r) => r.dom)), "ms", 1);
    figure("precache_shell_files", offline.sizes.shell.files, "count");
    figure("precache_shell_bytes", offline.sizes.shell.bytes, "bytes");
    figure("precache_content_files", offline.sizes.content.files, "count");
    figure("precache_content_bytes", offline.sizes.content.bytes, "bytes");
    figure("offline_repeat_render", median(offline.renders.map((r) => r.painted)), "ms", 1);
    for (const [name, runs] of Object.entries(throttled)) {
      figure(`throttled_${name}_lcp`, median(runs.map((r) => r.lcp)), "ms", 0);
      figure(`throttled_${name}_ready`, median(runs.map((r) => r.ready)), "ms", 0);
    }
    figure("section_switch", median(switches.map((s) => s.painted)), "ms", 2);
    figure("section_switch_dom", median(switches.map((s) => s.dom)), "ms", 2);
  } finally {
    await chrome.close();
  }
}

main().catch((err) => {
  console.error(`timings.cjs: ${err.stack || err}`);
  process.exit(1);
});
