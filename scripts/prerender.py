#!/usr/bin/env python3
"""First-visit previews: the app's own pages, rendered once at build time.

    scripts/prerender.py DIST URL

URL serves DIST (scripts/prerender.sh starts nginx for it). This renders
the home page, every module page and every module section of the English
course in headless Chromium (`--dump-dom`, the app itself doing the work)
and writes each as DIST/preview/<route>/index.html: the build's index.html
with the rendered page inside <div id="preview" inert>.

nginx answers a route with its preview when there is one
(deploy/nginx-app.conf). A small script in the page shows the preview only
to a visitor it fits: nothing of the app stored in this browser, and English
as the browser's first language. Everybody else sees the usual loading
text. The app starts as always, renders the same page out of sight and swaps
it in once its content is there (src/ui/preview.rs). So a first visitor on a
slow phone can read the page while the wasm is still on its way. Returning
visitors get the app shell from the service worker and never see a preview.

The previews are a snapshot of the content pack at build time: after
editing content/, run scripts/prerender.sh again (README, "Adapting the
content"). Exit status 1, with the route and the reason, if a page did not
render.
"""

import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--lang=en-US",
    "--accept-lang=en-US",
    "--window-size=1280,900",
    # Virtual time runs only while nothing is loading: the app fetches its
    # content, renders, and the DOM is dumped after 10 idle seconds.
    "--virtual-time-budget=10000",
]

# Links between the pages that get a preview, as the app writes them.
MODULE_LINK = re.compile(r'href="(/m/[a-z0-9-]+)"')
SECTION_LINK = re.compile(r'href="(/m/[a-z0-9-]+/[a-z0-9-]+)"')

# Shown only where it fits (see the module doc). The class on <html> makes
# style/base.css show the preview and hide the app until it hands over.
SELECT_SCRIPT = """<script>
/* First-visit preview (scripts/prerender.py): made in English for a visitor
   with nothing stored; everybody else gets the app as usual. */
(function () {
  try {
    var store = window.localStorage;
    for (var i = 0; i < store.length; i++) {
      if (String(store.key(i)).indexOf("mtd-learn.") === 0) return;
    }
    var lang = ((navigator.languages && navigator.languages[0]) || navigator.language || "").toLowerCase();
    if (lang !== "en" && lang.indexOf("en-") !== 0) return;
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
    link.href = "content/en/%s.md";
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


def dump(browser, url):
    """The DOM of `url` after the app has rendered it."""
    with tempfile.TemporaryDirectory(prefix="mtd-prerender.") as profile:
        done = subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
            capture_output=True,
            text=True,
            timeout=120,
        )
    if done.returncode != 0 or "<body" not in done.stdout:
        fail(f"{url}: Chromium exited with {done.returncode}: {done.stderr.strip()[-400:]}")
    return done.stdout


def body_of(route, dom):
    """The rendered page: what the app put into <body>, without scripts
    and the framework's comment markers; checked to be a finished page."""
    match = re.search(r"<body[^>]*>(.*)</body>", dom, re.S)
    if not match:
        fail(f"{route}: no <body> in the rendered page")
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
    if 'data-test="loading"' in body:
        problems.append("still loading after 10 s")
    if 'data-test="content-error"' in body:
        problems.append("the app shows a content error")
    if ' style="' in body:
        # The CSP (style-src 'self') would block it in the preview.
        problems.append("an inline style attribute")
    if problems:
        fail(f"{route}: not a finished page ({'; '.join(problems)})")
    return body


def title_of(route, dom):
    match = re.search(r"<title>(.*?)</title>", dom, re.S)
    if not match:
        fail(f"{route}: no <title>")
    return match.group(1)


def compose(template, route, dom):
    """index.html of the build with the rendered page in it."""
    module = re.match(r"/m/([a-z0-9-]+)", route)
    script = SELECT_SCRIPT % {"preload": PRELOAD % module.group(1) if module else ""}
    page = re.sub(r"<title>.*?</title>", lambda _: f"<title>{title_of(route, dom)}</title>", template, count=1, flags=re.S)
    page = page.replace("</head>", script + "</head>", 1)
    boot = BOOT.search(page)
    if not boot:
        fail('index.html has no <p id="boot">: is DIST a build of this app?')
    preview = f'\n    <div id="preview" inert>\n{body_of(route, dom)}\n    </div>'
    return page[: boot.end()] + preview + page[boot.end():]


def main():
    if len(sys.argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        sys.exit(2)
    dist, base = sys.argv[1], sys.argv[2].rstrip("/")
    started = time.monotonic()
    with open(os.path.join(dist, "index.html"), encoding="utf-8") as f:
        template = f.read()
    if 'id="preview"' in template:
        fail("DIST/index.html already holds a preview; rebuild first")
    browser = chromium()
    out = os.path.join(dist, "preview")
    shutil.rmtree(out, ignore_errors=True)

    pages = {"/": dump(browser, base + "/")}
    modules = sorted(set(MODULE_LINK.findall(pages["/"])))
    if not modules:
        fail("the home page links to no module")
    # Two at a time: one Chromium renders while the other starts.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for route, dom in zip(modules, pool.map(lambda r: dump(browser, base + r), modules)):
            pages[route] = dom
        sections = sorted({s for r in modules for s in SECTION_LINK.findall(pages[r]) if s.startswith(r + "/")})
        for route, dom in zip(sections, pool.map(lambda r: dump(browser, base + r), sections)):
            pages[route] = dom

    total = 0
    for route, dom in pages.items():
        folder = os.path.join(out, route.strip("/"))
        os.makedirs(folder, exist_ok=True)
        page = compose(template, route, dom)
        with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as f:
            f.write(page)
        total += len(page.encode("utf-8"))
    print(
        f"prerender: {len(pages)} previews ({len(modules)} modules, {len(sections)} sections, "
        f"{total:,} bytes) in {out} after {time.monotonic() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
