#!/usr/bin/env python3
"""First-visit previews: the app's own pages, rendered once at build time.

    scripts/prerender.py DIST URL

URL serves DIST (scripts/prerender.sh starts nginx for it). For every
language of the content pack that is also a UI language (en, de, da, nb),
this lets the app render the home page, every module page and every module
section in headless Chromium, with the browser set to that language, and
writes each page as DIST/preview/<lang>/<route>/index.html: the build's
index.html with the rendered page inside <div id="preview" inert>.

nginx answers a route with the preview in the language the browser asks for
first (Accept-Language), when there is one (deploy/nginx-app.conf). A small
script in the page shows it only to a visitor it fits: nothing of the app
stored in this browser, and the preview's language first in the browser's
list, the language the app will choose. Everybody else sees the usual
loading text. The app starts as always, renders the same page out of sight
and swaps it in once its content is there (src/ui/preview.rs). So a first
visitor on a slow phone can read the page while the wasm is still on its
way. Returning visitors get the app shell from the service worker and never
see a preview.

The previews are a snapshot of the content pack at build time: after
editing content/, run scripts/prerender.sh again (README, "Adapting the
content"). Exit status 1, with the route and the reason, if a page did not
render.

Chromium is driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: JSON messages ending in a NUL byte on file
descriptors 3 and 4), so only the standard library is needed.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# The UI languages (src/lang.rs); a preview is made where the pack has the
# language too, so that page and content agree.
UI_LANGUAGES = ["en", "de", "fr", "nl", "da", "nb"]

def chromium_flags():
    """scripts/chromium-flags (shared with the benchmark), plus the window."""
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "chromium-flags"), encoding="utf-8") as f:
        flags = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    return flags + ["--window-size=1280,900"]

# The app has rendered a page: its <main> has a heading, nothing is loading,
# and the UI is in the language asked for.
READY = """(() => {
  const main = document.querySelector("body > main");
  return !!main && !!main.querySelector("h1")
    && !document.querySelector("[data-test=loading]")
    && document.documentElement.lang === %s;
})()"""

# After READY: two frames, so that effects have run (title, counts).
SETTLED = "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"

# Links between the pages that get a preview, as the app writes them.
MODULE_LINK = re.compile(r'href="(/m/[a-z0-9-]+)"')
SECTION_LINK = re.compile(r'href="(/m/[a-z0-9-]+/[a-z0-9-]+)"')

# Shown only where it fits (see the module doc). The class on <html> makes
# style/base.css show the preview and hide the app until it hands over.
SELECT_SCRIPT = """<script>
/* First-visit preview (scripts/prerender.py), rendered in "%(lang)s" for a
   visitor with nothing stored; everybody else gets the app as usual. */
(function () {
  try {
    var store = window.localStorage;
    for (var i = 0; i < store.length; i++) {
      if (String(store.key(i)).indexOf("mtd-learn.") === 0) return;
    }
    var first = ((navigator.languages && navigator.languages[0]) || navigator.language || "")
      .toLowerCase().split("-")[0];
    if (first === "nn" || first === "no") first = "nb";
    if (first !== "%(lang)s") return;
    document.documentElement.classList.add("preview");%(preload)s
  } catch (e) {}
})();
</script>
"""

# The module file the app fetches first on a module's pages, so that it
# loads while the wasm does.
PRELOAD = """
    var link = document.createElement("link");
    link.rel = "preload"; link.as = "fetch"; link.crossOrigin = "anonymous";
    link.href = "content/%s/%s.md";
    document.head.appendChild(link);"""

BOOT = re.compile(r'<p id="boot"[^>]*>.*?</p>', re.S)


def fail(message):
    print(f"prerender: {message}", file=sys.stderr)
    sys.exit(1)


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    fail("Chromium not found (scripts/setup.sh build installs it)")


class Browser:
    """One headless Chromium with its UI language set to `lang`, driven over
    the DevTools protocol on a pipe, with one page."""

    def __init__(self, binary, lang):
        self.profile = tempfile.mkdtemp(prefix="mtd-prerender.")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # The child reads commands on fd 3 and writes answers on fd 4.
        high_r = os.dup(to_chrome_r)
        high_w = os.dup(from_chrome_w)

        def wire():
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.proc = subprocess.Popen(
            [binary, *chromium_flags(), f"--lang={lang}", f"--accept-lang={lang}",
             f"--user-data-dir={self.profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # dup2 leaves 3 and 4 open across exec; every other descriptor
            # of this process is close-on-exec (Python's default).
            close_fds=False, preexec_fn=wire,
        )
        for fd in (to_chrome_r, from_chrome_w, high_r, high_w):
            os.close(fd)
        self.buffer = b""
        self.next_id = 0
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]

    def call(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self.buffer:
                chunk = os.read(self.from_chrome, 1 << 16)
                if not chunk:
                    fail(f"Chromium closed the DevTools pipe during {method}")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    fail(f"{method}: {answer['error'].get('message')}")
                return answer.get("result", {})

    def page(self, method, params=None):
        return self.call(method, params, self.session)

    def evaluate(self, expression, wait=False):
        result = self.page("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": wait,
        })
        if "exceptionDetails" in result:
            fail(f"script failed: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def render(self, origin, route, lang, timeout=30.0):
        """The DOM of `route` once the app has rendered it, for a visitor
        with nothing stored."""
        self.page("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        self.page("Page.navigate", {"url": origin + route})
        ready = READY % json.dumps(lang)
        deadline = time.monotonic() + timeout
        while not self.evaluate(ready):
            if time.monotonic() > deadline:
                state = self.evaluate("document.documentElement.lang + ' / ' + "
                                      "(document.querySelector('body > main') || document.body).innerText.slice(0, 200)")
                fail(f"{lang} {route}: not rendered after {timeout:.0f} s (seen: {state!r})")
            time.sleep(0.03)
        self.evaluate(SETTLED, wait=True)
        return self.evaluate("document.documentElement.outerHTML")

    def close(self):
        try:
            self.call("Browser.close")
        except SystemExit:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self.to_chrome)
        os.close(self.from_chrome)
        shutil.rmtree(self.profile, ignore_errors=True)


def body_of(where, dom):
    """The rendered page: what the app put into <body>, without scripts
    and the framework's comment markers; checked to be a finished page."""
    match = re.search(r"<body[^>]*>(.*)</body>", dom, re.S)
    if not match:
        fail(f"{where}: no <body> in the rendered page")
    body = match.group(1)
    body = re.sub(r"<script\b.*?</script>", "", body, flags=re.S)
    body = re.sub(r"<noscript>.*?</noscript>", "", body, flags=re.S)
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    body = re.sub(r"\n\s*\n", "\n", body).strip()
    problems = []
    if "<main" not in body:
        problems.append("no <main>: the app did not start")
    elif "<h1" not in body:
        problems.append("no <h1>")
    if 'data-test="content-error"' in body:
        problems.append("the app shows a content error")
    if ' style="' in body:
        # The CSP (style-src 'self') would block it in the preview.
        problems.append("an inline style attribute")
    if problems:
        fail(f"{where}: not a finished page ({'; '.join(problems)})")
    return body


def compose(template, lang, route, dom):
    """index.html of the build with the rendered page in it."""
    where = f"{lang} {route}"
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    if not title:
        fail(f"{where}: no <title>")
    module = re.match(r"/m/([a-z0-9-]+)", route)
    preload = PRELOAD % (lang, module.group(1)) if module else ""
    page = template.replace('<html lang="en">', f'<html lang="{lang}">', 1)
    page = re.sub(r"<title>.*?</title>", lambda _: f"<title>{title.group(1)}</title>", page, count=1, flags=re.S)
    page = page.replace("</head>", SELECT_SCRIPT % {"lang": lang, "preload": preload} + "</head>", 1)
    boot = BOOT.search(page)
    if not boot:
        fail('index.html has no <p id="boot">: is DIST a build of this app?')
    # The loading text of index.html is English.
    boot_text = boot.group(0) if lang == "en" else boot.group(0).replace('<p id="boot"', '<p id="boot" lang="en"', 1)
    preview = f'\n    <div id="preview" inert>\n{body_of(where, dom)}\n    </div>'
    return page[: boot.start()] + boot_text + preview + page[boot.end():]


def languages(dist):
    content = os.path.join(dist, "content")
    return [lang for lang in UI_LANGUAGES if os.path.isdir(os.path.join(content, lang))]


def main():
    if len(sys.argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        sys.exit(2)
    dist, origin = sys.argv[1], sys.argv[2].rstrip("/")
    started = time.monotonic()
    with open(os.path.join(dist, "index.html"), encoding="utf-8") as f:
        template = f.read()
    if 'id="preview"' in template:
        fail("DIST/index.html already holds a preview; rebuild first")
    if '<html lang="en">' not in template:
        fail('index.html does not start with <html lang="en">: is DIST a build of this app?')
    binary = chromium()
    out = os.path.join(dist, "preview")
    shutil.rmtree(out, ignore_errors=True)

    counts = []
    total = 0
    for lang in languages(dist):
        browser = Browser(binary, lang)
        try:
            pages = {"/": browser.render(origin, "/", lang)}
            modules = sorted(set(MODULE_LINK.findall(pages["/"])))
            if not modules:
                fail(f"{lang}: the home page links to no module")
            for route in modules:
                pages[route] = browser.render(origin, route, lang)
            sections = sorted({s for r in modules for s in SECTION_LINK.findall(pages[r]) if s.startswith(r + "/")})
            for route in sections:
                pages[route] = browser.render(origin, route, lang)
        finally:
            browser.close()
        for route, dom in pages.items():
            folder = os.path.join(out, lang, route.strip("/"))
            os.makedirs(folder, exist_ok=True)
            page = compose(template, lang, route, dom)
            with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as f:
                f.write(page)
            total += len(page.encode("utf-8"))
        counts.append(f"{lang} {len(pages)}")
    print(f"prerender: previews {', '.join(counts)} ({total:,} bytes) in {out} after {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
