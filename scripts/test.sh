#!/usr/bin/env bash
# The README's test command: every test layer, in order, on a fresh machine or
# a prepared one. Works with CI=true and no stdin; exits non-zero if any layer
# fails. Prints a timing line per layer and a summary at the end.
#
#   setup    scripts/setup.sh all (installs only what is missing)
#   native   cargo test --workspace --exclude mtd-e2e   (pure layers, host)
#   browser  cargo test -p mtd-learn --target wasm32-unknown-unknown --lib --tests
#            (wasm-bindgen-test in headless Chromium via chromedriver)
#   build    trunk build --release --offline, then scripts/prerender.sh
#            (the first-visit previews)
#   e2e      nginx serves dist/ on a free port; cargo test -p mtd-e2e
#            (the sync tests start their own nginx with the sync backend,
#            through scripts/serve.sh --no-build --sync, from MTD_DIST)
#
# A failing layer does not stop the later ones (except that nothing runs
# without setup, and e2e needs the build), so one run shows everything that
# is broken.
#
# Environment: anything cargo, wasm-bindgen-test-runner or the e2e tests
# read passes through. Defaults set here: CHROMEDRIVER=/usr/bin/chromedriver,
# CHROME_BIN=/usr/bin/chromium, WASM_BINDGEN_TEST_TIMEOUT=120,
# WASM_BINDGEN_TEST_DRIVER_TIMEOUT=30, MTD_AXE_JS=target/npm/node_modules/
# axe-core/axe.min.js. MTD_NGINX_KEEP=1 keeps the e2e server's logs.

# The layer_* functions are called indirectly through run_layer.
# shellcheck disable=SC2317
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/nginx.sh
source "$MTD_ROOT/scripts/nginx.sh"

cd "$MTD_ROOT"
exec </dev/null

trap nginx_stop EXIT
trap 'echo "test.sh: interrupted" >&2; exit 130' INT
trap 'echo "test.sh: terminated" >&2; exit 143' TERM

export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROME_BIN="${CHROME_BIN:-/usr/bin/chromium}"
# axe-core for tests/e2e/tests/accessibility.rs (installed by setup.sh all).
export MTD_AXE_JS="${MTD_AXE_JS:-$MTD_AXE_FILE}"

declare -a LAYER_NAMES=() LAYER_RESULTS=() LAYER_TIMES=()
TOTAL_START="$(mtd_now)"
FAILED=0

# run_layer NAME DESCRIPTION COMMAND...: run one layer, print its timing
# line, record it.
# The command runs in an `||` context, where `set -e` does not apply, so the
# layer functions below check their own steps explicitly.
run_layer() {
    local name="$1" what="$2"
    shift 2
    echo
    echo "==> [$name] $what"
    local start end rc=0
    start="$(mtd_now)"
    "$@" || rc=$?
    end="$(mtd_now)"
    local secs result
    secs="$(mtd_elapsed "$start" "$end")"
    if ((rc == 0)); then result=ok; else result="FAILED (exit $rc)"; FAILED=1; fi
    LAYER_NAMES+=("$name")
    LAYER_RESULTS+=("$result")
    LAYER_TIMES+=("${secs}s")
    printf '<== [%s] %s in %ss\n' "$name" "$result" "$secs"
    return "$rc"
}

skip_layer() {
    LAYER_NAMES+=("$1")
    LAYER_RESULTS+=("skipped ($2)")
    LAYER_TIMES+=("-")
    FAILED=1
    echo
    echo "<== [$1] skipped ($2)"
}

summary() {
    local total
    total="$(mtd_elapsed "$TOTAL_START" "$(mtd_now)")"
    echo
    echo "== test summary"
    local i
    for i in "${!LAYER_NAMES[@]}"; do
        printf '%-8s %9s  %s\n' "${LAYER_NAMES[$i]}" "${LAYER_TIMES[$i]}" "${LAYER_RESULTS[$i]}"
    done
    if ((FAILED)); then
        printf '%-8s %9s  %s\n' total "${total}s" FAILED
    else
        printf '%-8s %9s  %s\n' total "${total}s" ok
    fi
}

layer_setup() {
    bash "$MTD_ROOT/scripts/setup.sh" all || return
    mtd_path_setup
    hash -r
}

layer_native() {
    cargo test --workspace --exclude mtd-e2e
}

layer_browser() {
    # wasm-bindgen-test-runner (the cargo runner from .cargo/config.toml)
    # starts $CHROMEDRIVER, which starts Chromium with the capabilities in
    # webdriver.json (binary /usr/bin/chromium and the flags this closed
    # network needs; the runner adds headless/no-sandbox itself).
    # WASM_BINDGEN_USE_BROWSER: test binaries without
    # wasm_bindgen_test_configure!(run_in_browser) would otherwise run in
    # Node.js, where there is no DOM or localStorage.
    WASM_BINDGEN_TEST_WEBDRIVER_JSON="$MTD_ROOT/webdriver.json" \
        WASM_BINDGEN_USE_BROWSER=1 \
        WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}" \
        WASM_BINDGEN_TEST_DRIVER_TIMEOUT="${WASM_BINDGEN_TEST_DRIVER_TIMEOUT:-30}" \
        cargo test -p mtd-learn --target wasm32-unknown-unknown --lib --tests
}

layer_build() {
    mtd_release_build "$MTD_ROOT/dist"
}

layer_e2e() {
    local port rc=0
    port="$(free_port)" || return
    nginx_start "$MTD_ROOT/dist" "$port" || return
    echo "serving dist/ at $MTD_NGINX_URL"
    MTD_BASE_URL="$MTD_NGINX_URL" MTD_DIST="$MTD_ROOT/dist" \
        cargo test -p mtd-e2e -- --test-threads=1 || rc=$?
    if ((rc != 0)) && [[ -f "$MTD_NGINX_DIR/error.log" ]]; then
        echo "--- nginx error.log (last 20 lines)"
        tail -n 20 "$MTD_NGINX_DIR/error.log" || true
    fi
    nginx_stop
    return "$rc"
}

if ! run_layer setup "scripts/setup.sh all" layer_setup; then
    summary
    exit 1
fi
run_layer native "cargo test --workspace --exclude mtd-e2e" layer_native || true
run_layer browser "cargo test -p mtd-learn --target wasm32-unknown-unknown --lib --tests (headless Chromium)" \
    layer_browser || true
if run_layer build "trunk build --release --offline + scripts/prerender.sh" layer_build; then
    run_layer e2e "nginx serving dist/ + cargo test -p mtd-e2e -- --test-threads=1" layer_e2e || true
else
    skip_layer e2e "build failed"
fi

summary
exit "$FAILED"
