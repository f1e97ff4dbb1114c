#!/usr/bin/env bash
# The README's benchmark command: build the app in release mode and print
# what a visitor downloads, raw, gzip -9 and brotli -q 11.
#
# Output (stdout) is stable and parseable: lines starting with '#' are a
# readable header, every other line is one figure
#     name<TAB>value<TAB>unit
# All build/setup chatter goes to stderr, so `scripts/bench.sh > sizes.tsv`
# keeps only the figures.
#
#   scripts/bench.sh                     setup (build tools) + build + measure
#   scripts/bench.sh --no-build [DIST]   measure an existing dist folder
#
# Figures (bytes; compressed sizes are per file, then summed, since every
# file is fetched on its own):
#   wasm_*          the app's wasm (<name>-<hash>_bg.wasm)
#   js_*            its wasm-bindgen JS glue (<name>-<hash>.js)
#   css_*           all CSS files in dist, summed
#   (micro)         native medians (examples/bench.rs): parse of every
#                   module file, grading, merge of two 10,000-record states,
#                   decode + migrate of a 10,000-record schema-1 envelope,
#                   the stored size of a learner who did everything; and the
#                   merge and migration again inside headless Chromium
#                   (benches/browser.rs). --no-micro skips them.
#   first_visit_*   index.html + JS + wasm + CSS + content/course.json +
#                   content/en/<first module>.md (the first entry of
#                   course.json's "modules")
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MTD_ROOT"

build=1
micro=1
dist="$MTD_ROOT/dist"
while (($#)); do
    case "$1" in
        --no-build) build=0 ;;
        --no-micro) micro=0 ;;
        -*) echo "bench.sh: unknown option '$1'" >&2; exit 2 ;;
        *) dist="$1" ;;
    esac
    shift
done

if ((build)); then
    if ((micro)); then bash "$MTD_ROOT/scripts/setup.sh" all >&2; else bash "$MTD_ROOT/scripts/setup.sh" build >&2; fi
    mtd_path_setup
    # trunk --offline also makes cargo offline: fetch crates first.
    cargo fetch >&2
    trunk build --release --offline >&2
fi
command -v brotli >/dev/null || { echo "bench.sh: brotli not found (scripts/setup.sh build)" >&2; exit 1; }
[[ -d "$dist" ]] || { echo "bench.sh: no dist folder at $dist" >&2; exit 1; }
dist="$(cd "$dist" && pwd)"

die() { echo "bench.sh: $*" >&2; exit 1; }

# --- locate the files ----------------------------------------------------------
shopt -s nullglob
wasm_files=("$dist"/*_bg.wasm)
((${#wasm_files[@]} == 1)) || die "expected one *_bg.wasm in $dist, found ${#wasm_files[@]}"
wasm="${wasm_files[0]}"
js="${wasm%_bg.wasm}.js"
[[ -f "$js" ]] || die "no JS glue $js next to $wasm"
index="$dist/index.html"
[[ -f "$index" ]] || die "no $index"
mapfile -t css_files < <(find "$dist" -type f -name '*.css' | LC_ALL=C sort)
course="$dist/content/course.json"
[[ -f "$course" ]] || die "no $course"

# First module id: modules[0].id (or modules[0] itself if it is a string).
first_module_js='
const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const m = (c.modules || [])[0];
const id = typeof m === "string" ? m : (m && m.id);
if (!id) { console.error("course.json has no modules[0].id"); process.exit(1); }
console.log(id);'
first_module_py='
import json, sys
c = json.load(open(sys.argv[1], encoding="utf-8"))
m = (c.get("modules") or [None])[0]
i = m if isinstance(m, str) else (m or {}).get("id")
if not i:
    sys.exit("course.json has no modules[0].id")
print(i)'
if command -v node >/dev/null 2>&1; then
    module="$(node -e "$first_module_js" "$course")"
elif command -v python3 >/dev/null 2>&1; then
    module="$(python3 -c "$first_module_py" "$course")"
else
    die "need node or python3 to read course.json"
fi
module_md="$dist/content/en/$module.md"
[[ -f "$module_md" ]] || die "first module '$module' has no $module_md"

# --- measure ---------------------------------------------------------------------
raw() { wc -c <"$1" | tr -d ' '; }
# From stdin: no file name or time stamp in the gzip header, like a server's.
gz() { gzip -9 -c <"$1" | wc -c | tr -d ' '; }
br() { brotli -q 11 -c <"$1" | wc -c | tr -d ' '; }
# sum FUNC FILE...: FUNC's figure summed over the files (0 for none).
sum() {
    local f="$1" total=0 file
    shift
    for file in "$@"; do total=$((total + $("$f" "$file"))); done
    echo "$total"
}
fig() { printf '%s\t%s\t%s\n' "$1" "$2" "$3"; }

first_visit=("$index" "$js" "$wasm" "${css_files[@]}" "$course" "$module_md")
rel() { local p; for p in "$@"; do printf ' %s' "${p#"$dist"/}"; done; }

commit="$(git -C "$MTD_ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
echo "# mtd-learn download sizes, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $commit, dist $dist"
echo "# wasm:$(rel "$wasm")  js:$(rel "$js")  css:$(rel "${css_files[@]}")"
echo "# first visit:$(rel "${first_visit[@]}")"
echo "# gzip -9 and brotli -q 11, per file then summed"
printf '# name\tvalue\tunit\n'
fig wasm_raw "$(raw "$wasm")" bytes
fig wasm_gzip "$(gz "$wasm")" bytes
fig wasm_brotli "$(br "$wasm")" bytes
fig js_raw "$(raw "$js")" bytes
fig js_gzip "$(gz "$js")" bytes
fig js_brotli "$(br "$js")" bytes
fig css_raw "$(sum raw "${css_files[@]}")" bytes
fig css_gzip "$(sum gz "${css_files[@]}")" bytes
fig css_brotli "$(sum br "${css_files[@]}")" bytes
fig css_files "${#css_files[@]}" count
fig first_visit_raw "$(sum raw "${first_visit[@]}")" bytes
fig first_visit_gzip "$(sum gz "${first_visit[@]}")" bytes
fig first_visit_brotli "$(sum br "${first_visit[@]}")" bytes
fig first_visit_files "${#first_visit[@]}" count

# --- microbenchmarks --------------------------------------------------------------
if ((micro)); then
    mtd_path_setup
    echo "# native microbenchmarks (cargo run --release --example bench), medians"
    cargo run -q --release --example bench 2>/dev/null | grep -v '^#'
    echo "# in headless Chromium (cargo test --release --target wasm32-unknown-unknown --bench browser), medians"
    CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" WASM_BINDGEN_USE_BROWSER=1 \
        cargo test --release --target wasm32-unknown-unknown --bench browser -- --nocapture 2>&1 \
        | grep -P '^bench\t' | cut -f2-
fi
