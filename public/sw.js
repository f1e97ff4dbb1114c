// mtd-learn service worker: the app works offline after one visit.
//
// scripts/precache.sh (a Trunk post-build hook) fills in VERSION, SHELL and
// CONTENT for every build, so the lists always name the hashed files of
// that build. A build that changes any shell file changes VERSION, hence
// this file, hence the browser installs the new worker beside the old one.
//
// Caches
//   mtd-shell-<VERSION>  index.html, the hashed JS/wasm/CSS, manifest,
//                        icons: served cache-first, so one build's files
//                        are never mixed with another's.
//   mtd-content          the content pack: served from the cache at once
//                        and refreshed in the background (the pack is
//                        edited in place on servers). The learner's
//                        language is fetched whole when the app asks.
// Never touched: /sync/ (sync and live sessions go to the network, and
// the app handles being offline).
"use strict";

const VERSION = "__MTD_VERSION__";
const SHELL = __MTD_SHELL__;
const CONTENT = __MTD_CONTENT__;

const SHELL_CACHE = "mtd-shell-" + VERSION;
const CONTENT_CACHE = "mtd-content";
const scope = new URL(self.registration.scope);
const at = (path) => new URL(path, scope).href;
const INDEX = at("index.html");

self.addEventListener("install", (event) => {
  // A new version waits until the app says "reload" (no mixing).
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL.map(at)))
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith("mtd-shell-") && k !== SHELL_CACHE)
          .map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "skip-waiting") {
    self.skipWaiting();
  } else if (data.type === "cache-language" && typeof data.lang === "string") {
    event.waitUntil(cacheLanguage(data.lang).then((result) => {
      if (event.source) event.source.postMessage({ type: "language-cached", ...result });
    }));
  }
});

// Fetches the course index and every file of one language into the
// content cache; reports how many files and bytes are cached.
async function cacheLanguage(lang) {
  const files = ["content/course.json"].concat(CONTENT[lang] || []);
  const cache = await caches.open(CONTENT_CACHE);
  let bytes = 0, ok = 0;
  await Promise.all(files.map(async (file) => {
    try {
      const response = await fetch(at(file), { cache: "no-cache" });
      if (response.ok) {
        // Read first, then add: `bytes += await …` would read `bytes`
        // before the await and lose the other files' sizes.
        const size = (await response.clone().arrayBuffer()).byteLength;
        bytes += size;
        await cache.put(at(file), response);
        ok += 1;
      }
    } catch (_) { /* offline now: the next start tries again */ }
  }));
  return { lang, files: ok, of: files.length, bytes };
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.href.startsWith(scope.href)) return;
  const path = url.href.slice(scope.href.length);
  if (path.startsWith("sync/")) return;
  if (request.mode === "navigate") {
    // Every app route is index.html (the SPA fallback), from this version.
    event.respondWith(
      caches.match(INDEX, { cacheName: SHELL_CACHE })
        .then((hit) => hit || fetch(request))
    );
  } else if (path.startsWith("content/")) {
    event.respondWith(staleWhileRevalidate(event, request));
  } else {
    event.respondWith(
      caches.match(request, { cacheName: SHELL_CACHE })
        .then((hit) => hit || fetch(request))
    );
  }
});

async function staleWhileRevalidate(event, request) {
  const cache = await caches.open(CONTENT_CACHE);
  const hit = await cache.match(request);
  const refresh = fetch(request, { cache: "no-cache" })
    .then((response) => {
      if (response.ok) return cache.put(request, response.clone()).then(() => response);
      return response;
    });
  if (hit) {
    event.waitUntil(refresh.catch(() => {}));
    return hit;
  }
  return refresh;
}
