#!/usr/bin/env bash
# The README's benchmark command: build the app in release mode into a
# folder of its own, then print, in one run,
#   - what a visitor downloads (raw, gzip -9, brotli -q 11) on a first and a
#     repeat visit,
#   - native and in-Chromium microbenchmarks,
#   - in-Chromium timings against the release build served by nginx: first
#     section rendered, section switch, bytes on the wire,
#   - Lighthouse (mobile, simulated throttling, median of 3) for the home
#     page, a module section and a reveal.js deck of the same module's
#     slides, with the app/deck ratios side by side,
# each figure marked against its budget (docs/performance.md).
#
# Output (stdout) is stable and parseable: lines starting with '#' are
# headers and notes for people; every other line is one figure
#     name<TAB>value<TAB>unit<TAB>budget<TAB>status
#   value   a number, or "n/a" where it cannot be computed (a ratio to 0)
#   budget  the limit with its comparison, e.g. <=200000 or >=95; "-" if none
#   status  ok | over (the budget is not met) | - (no budget)
# (`cut -f1-3` gives the older name/value/unit lines.) All build, setup
# and tool chatter goes to stderr, so `scripts/bench.sh > bench.tsv` keeps
# only the figures.
#
#   scripts/bench.sh                 setup + build into target/bench-dist + everything
#   scripts/bench.sh --no-build [DIST]   measure an existing build (default target/bench-dist)
#   --no-micro     skip the native and wasm microbenchmarks
#   --no-browser   skip nginx, the Chromium timings and Lighthouse
#   --runs N       Lighthouse runs per page (default 3; the median is printed)
#   --strict       exit 1 when a figure is over its budget
# Takes 5 to 10 minutes on 2 cores after the first build. Needs root (or
# password-less sudo) the first time, for apt (scripts/setup.sh bench), and
# the npm registry the first time, for the tools in scripts/bench/package.json
# (installed into target/bench-tools, git-ignored).
#
# Figures (bytes; compressed sizes are per file, then summed, since every
# file is fetched on its own):
#   wasm_* js_* css_*     the app's wasm, its wasm-bindgen JS glue, all CSS
#   first_visit_*         the module's page + JS + wasm + CSS +
#                         content/course.json + content/en/<first module>.md
#                         (the first entry of course.json's "modules"): what the
#                         first visit to that module fetches. The page is its
#                         first-visit preview (preview/en/m/<module>/index.html,
#                         scripts/prerender.sh) when the build has one, else
#                         index.html
#   repeat_visit_*        what a repeat visit fetches again with the headers of
#                         deploy/nginx-app.conf alone: the page (no-cache, and
#                         nginx rewrites it per response, so it has no ETag);
#                         hashed files are cached forever and course.json and the
#                         module revalidate with an empty 304 (a service worker
#                         can make it less: see wire_/server_repeat_visit_*)
#   (micro)               examples/bench.rs and benches/browser.rs: parse of every
#                         module file, grading, merge and decode + migrate of
#                         10,000 records, natively and in Chromium (medians)
#   wire_* server_* first_section_render* section_switch*
#   precache_* offline_repeat_render throttled_*          scripts/bench/timings.cjs
#   lighthouse_*          scripts/bench/lighthouse.cjs
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MTD_ROOT"

die() { echo "bench.sh: $*" >&2; exit 1; }

build=1
micro=1
browser=1
strict=0
runs=3
dist="$MTD_ROOT/target/bench-dist"
while (($#)); do
    case "$1" in
        --no-build) build=0 ;;
        --no-micro) micro=0 ;;
        --no-browser) browser=0 ;;
        --strict) strict=1 ;;
        --runs)
            [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive number"
            runs="$2"
            shift
            ;;
        -*) die "unknown option '$1'" ;;
        *) dist="$1" ;;
    esac
    shift
done

# The module and section the browser figures use; the reveal.js deck is made
# of this module's slides.
bench_lang=en
bench_module=family-dynamics
bench_section=rules

# --- budgets (docs/performance.md) ---------------------------------------------------
# name -> comparison and limit. 200 KB = 200,000 bytes.
declare -A budget=(
    [first_visit_brotli]="<=200000"
    [lighthouse_home_performance]=">=95"
    [lighthouse_section_performance]=">=95"
    [lighthouse_home_accessibility]=">=100"
    [lighthouse_section_accessibility]=">=100"
    [lighthouse_home_lcp]="<=2000"
    [lighthouse_section_lcp]="<=2000"
    # The same LCP budget, measured in the browser under Lighthouse's own
    # devtools-mode throttling (timings.cjs), next to Lighthouse's estimate.
    [throttled_home_lcp]="<=2000"
    [throttled_section_lcp]="<=2000"
    [section_switch]="<16"
)
budget_ok=()
budget_over=()

# fig NAME VALUE UNIT: one figure line, marked against its budget.
fig() {
    local name="$1" value="$2" unit="$3" limit="${budget[$1]:-}" status="-"
    if [[ -n "$limit" ]]; then
        status="$(awk -v v="$value" -v spec="$limit" 'BEGIN {
            if (v !~ /^-?[0-9.]+$/) { print "over"; exit }
            match(spec, /^[<>]=?/); op = substr(spec, 1, RLENGTH); lim = substr(spec, RLENGTH + 1) + 0; v += 0
            ok = (op == "<=") ? v <= lim : (op == ">=") ? v >= lim : (op == "<") ? v < lim : v > lim
            print ok ? "ok" : "over" }')"
        if [[ "$status" == ok ]]; then budget_ok+=("$name"); else budget_over+=("$name"); fi
    fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$value" "$unit" "${limit:--}" "$status"
}

# mark FILE: pass '#' lines through, mark every name<TAB>value<TAB>unit line.
mark() {
    local name value unit rest
    while IFS=$'\t' read -r name value unit rest; do
        if [[ "$name" == \#* ]]; then
            printf '%s\n' "$name${value:+$'\t'$value}${unit:+$'\t'$unit}${rest:+$'\t'$rest}"
        elif [[ -n "$name" ]]; then
            fig "$name" "$value" "$unit"
        fi
    done <"$1"
}

# --- setup and build -------------------------------------------------------------------
if ((build)); then
    mode=build
    ((micro)) && mode=all
    ((browser)) && mode=bench
    bash "$MTD_ROOT/scripts/setup.sh" "$mode" >&2
    mtd_path_setup
    mtd_release_build "$dist" >&2
fi
mtd_path_setup
command -v brotli >/dev/null || die "brotli not found (scripts/setup.sh build)"
[[ -d "$dist" ]] || die "no build folder at $dist"
dist="$(cd "$dist" && pwd)"

work="$(mktemp -d "${TMPDIR:-/tmp}/mtd-bench.XXXXXX")"
cleanup() {
    if declare -F nginx_stop >/dev/null; then nginx_stop; fi
    [[ -n "${BENCH_NGINX_WRAP:-}" ]] && rm -rf "$BENCH_NGINX_WRAP"
    rm -rf "$work"
}
trap cleanup EXIT

# --- locate the files --------------------------------------------------------------------
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
command -v node >/dev/null || die "node not found (scripts/setup.sh)"

# First module id: modules[0].id (or modules[0] itself if it is a string).
module="$(node -e '
const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const m = (c.modules || [])[0];
const id = typeof m === "string" ? m : (m && m.id);
if (!id) { console.error("course.json has no modules[0].id"); process.exit(1); }
console.log(id);' "$course")"
module_md="$dist/content/en/$module.md"
[[ -f "$module_md" ]] || die "first module '$module' has no $module_md"
# What nginx answers /m/<module> with: its preview, or the app shell.
page="$dist/preview/$bench_lang/m/$module/index.html"
[[ -f "$page" ]] || page="$index"

# --- sizes -----------------------------------------------------------------------------------
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

first_visit=("$page" "$js" "$wasm" "${css_files[@]}" "$course" "$module_md")
repeat_visit=("$page")
rel() { local p; for p in "$@"; do printf ' %s' "${p#"$dist"/}"; done; }

commit="$(git -C "$MTD_ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
echo "# mtd-learn benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $commit, dist $dist"
echo "# machine: $(nproc) cores, $(uname -m), $(chromium --version 2>/dev/null || echo 'no chromium'), node $(node --version)"
printf '# name\tvalue\tunit\tbudget\tstatus\n'
echo "# download sizes: gzip -9 and brotli -q 11, per file then summed"
echo "# wasm:$(rel "$wasm")  js:$(rel "$js")  css:$(rel "${css_files[@]}")"
echo "# first visit:$(rel "${first_visit[@]}")"
echo "# repeat visit:$(rel "${repeat_visit[@]}") (the rest is cached or answers 304)"
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
fig repeat_visit_raw "$(sum raw "${repeat_visit[@]}")" bytes
fig repeat_visit_gzip "$(sum gz "${repeat_visit[@]}")" bytes
fig repeat_visit_brotli "$(sum br "${repeat_visit[@]}")" bytes
fig repeat_visit_files "${#repeat_visit[@]}" count

# --- microbenchmarks -------------------------------------------------------------------------
if ((micro)); then
    echo "# native microbenchmarks (cargo run --release --example bench), medians"
    cargo run -q --release --example bench >"$work/native"
    grep -v '^#' "$work/native" >"$work/native.figures" || true
    mark "$work/native.figures"
    echo "# in headless Chromium (cargo test --release --target wasm32-unknown-unknown --bench browser), medians"
    CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" WASM_BINDGEN_USE_BROWSER=1 \
        cargo test --release --target wasm32-unknown-unknown --bench browser -- --nocapture >"$work/wasm" 2>&1 ||
        { cat "$work/wasm" >&2; die "the in-Chromium microbenchmarks failed"; }
    { grep -P '^bench\t' "$work/wasm" || true; } | cut -f2- >"$work/wasm.figures"
    [[ -s "$work/wasm.figures" ]] || { cat "$work/wasm" >&2; die "no figures from benches/browser.rs"; }
    mark "$work/wasm.figures"
fi

# --- served by nginx: Chromium timings and Lighthouse ---------------------------------------
if ((browser)); then
    tools="$MTD_ROOT/target/bench-tools"
    if cmp -s scripts/bench/package.json "$tools/package.json" &&
        cmp -s scripts/bench/package-lock.json "$tools/package-lock.json" &&
        [[ -x "$tools/node_modules/.bin/lighthouse" && -d "$tools/node_modules/reveal.js/dist" ]]; then
        echo "bench: tools in $tools are up to date" >&2
    else
        echo "bench: installing $(node -e 'const d = require(process.argv[1]).dependencies; console.log(Object.entries(d).map(([k, v]) => k + "@" + v).join(" "))' "$MTD_ROOT/scripts/bench/package.json") into $tools (npm ci)" >&2
        mkdir -p "$tools"
        cp scripts/bench/package.json scripts/bench/package-lock.json "$tools/"
        (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error </dev/null) >&2
    fi
    export NODE_PATH="$tools/node_modules"

    # Serve a copy of the build, precompressed as deploy/nginx.conf advises,
    # with the reveal.js deck beside it under /reveal-deck/ (same server,
    # same headers and compression).
    root="$work/root"
    cp -a "$dist/." "$root/"
    bash scripts/precompress.sh "$root"
    deck="$root/reveal-deck"
    mkdir -p "$deck"
    cargo run -q --release --example deck_html -- "$dist/content/$bench_lang/$bench_module.md" >"$deck/index.html"
    cp -r "$tools/node_modules/reveal.js/dist" "$deck/reveal"
    find "$deck/reveal" \( -name '*.map' -o -name '*.esm.js' \) -delete
    echo 'Reveal.initialize({ hash: true });' >"$deck/deck.js"
    bash scripts/precompress.sh --all "$deck"

    # shellcheck source=scripts/bench/serve.sh
    source scripts/bench/serve.sh
    export MTD_NGINX_ACCESS_LOG="$work/access.log"
    bench_nginx_start "$root" "$(free_port)"
    section_path="/m/$bench_module/$bench_section"
    deck_url="$MTD_NGINX_URL/reveal-deck/#/$bench_section"
    reveal_version="$(node -p 'require(process.argv[1]).version' "$tools/node_modules/reveal.js/package.json")"
    lighthouse_version="$(node -p 'require(process.argv[1]).version' "$tools/node_modules/lighthouse/package.json")"

    echo "# served by nginx with deploy/nginx-app.conf ($BENCH_NGINX_ENCODING; .gz/.br copies of the hashed files from scripts/precompress.sh)"
    echo "# in-Chromium timings (scripts/bench/timings.cjs, no throttling, 390x844): wire_* visit /m/$module; render and switch $section_path"
    node scripts/bench/timings.cjs "$MTD_NGINX_URL" "/m/$module" "$section_path" "$MTD_NGINX_ACCESS_LOG" >"$work/timings"
    mark "$work/timings"

    echo "# lighthouse $lighthouse_version (mobile, simulated throttling, median of $runs): home /, section $section_path,"
    echo "# reveal = reveal.js $reveal_version deck of $bench_lang/$bench_module.md's slides (examples/deck_html.rs) at /reveal-deck/#/$bench_section"
    LIGHTHOUSE_BIN="$tools/node_modules/.bin/lighthouse" node scripts/bench/lighthouse.cjs "$runs" reveal \
        "home=$MTD_NGINX_URL/" "section=$MTD_NGINX_URL$section_path" "reveal=$deck_url" >"$work/lighthouse"
    mark "$work/lighthouse"
fi

# --- summary ------------------------------------------------------------------------------------
echo "# budgets: ${#budget_ok[@]} ok, ${#budget_over[@]} over${budget_over[*]:+ (${budget_over[*]})}"
if ((strict && ${#budget_over[@]})); then
    exit 1
fi
