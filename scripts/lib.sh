# shellcheck shell=bash
# Helpers shared by the scripts in scripts/. Source it; it defines functions
# and variables only and changes no shell options.

# Repository root (the folder holding Cargo.toml), whatever the caller's cwd.
MTD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Pinned tool versions (docs: /work/shared/design/toolchain.md).
# shellcheck disable=SC2034 # used by setup.sh
MTD_TRUNK_VERSION="0.21.14"
# shellcheck disable=SC2034 # used by setup.sh
MTD_BINARYEN_VERSION="132"
# axe-core (npm) for the accessibility checks of the e2e tests, installed by
# `setup.sh all` into a git-ignored folder; test.sh passes the file to the
# tests as MTD_AXE_JS (tests/e2e/src/axe.rs has the same default).
# shellcheck disable=SC2034 # used by setup.sh
MTD_AXE_VERSION="4.14.1"
# shellcheck disable=SC2034 # used by setup.sh and test.sh
MTD_AXE_PREFIX="$MTD_ROOT/target/npm"
# shellcheck disable=SC2034 # used by setup.sh and test.sh
MTD_AXE_FILE="$MTD_AXE_PREFIX/node_modules/axe-core/axe.min.js"

# Put the places where our installers drop binaries on PATH (idempotent):
# cargo install -> ~/.cargo/bin, npm install -g -> "$(npm prefix -g)/bin".
mtd_path_setup() {
    local cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
    case ":$PATH:" in
        *":$cargo_bin:"*) ;;
        *) PATH="$cargo_bin:$PATH" ;;
    esac
    if command -v npm >/dev/null 2>&1; then
        local npm_bin
        npm_bin="$(npm prefix -g 2>/dev/null)/bin" || npm_bin=""
        if [[ -n "$npm_bin" && -d "$npm_bin" ]]; then
            case ":$PATH:" in
                *":$npm_bin:"*) ;;
                *) PATH="$PATH:$npm_bin" ;;
            esac
        fi
    fi
    export PATH
}

# The wasm-bindgen version the app links against, read from Cargo.lock.
# The CLI (and wasm-bindgen-test-runner) must match it exactly.
mtd_wasm_bindgen_version() {
    local lock="$MTD_ROOT/Cargo.lock"
    [[ -f "$lock" ]] || { echo "Cargo.lock not found at $lock" >&2; return 1; }
    local versions
    versions="$(awk '
        /^\[\[package\]\]/ { in_wb = 0 }
        /^name = "wasm-bindgen"$/ { in_wb = 1; next }
        in_wb && /^version = / { gsub(/"/, "", $3); print $3; in_wb = 0 }
    ' "$lock" | sort -u)"
    if [[ -z "$versions" ]]; then
        echo "no wasm-bindgen package in $lock" >&2
        return 1
    fi
    if [[ "$(printf '%s\n' "$versions" | wc -l)" -gt 1 ]]; then
        # shellcheck disable=SC2086 # one line from many
        echo "several wasm-bindgen versions in Cargo.lock: $(printf '%s ' $versions); run cargo update -p wasm-bindgen" >&2
        return 1
    fi
    printf '%s\n' "$versions"
}

# Seconds since the epoch with a fractional part, for timing lines.
mtd_now() { date +%s.%N; }

# Elapsed seconds between two mtd_now values, formatted like 12.3.
mtd_elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# The release build that serve.sh, test.sh and bench.sh make: the crates
# fetched first (trunk --offline also makes cargo offline; a no-op when they
# are cached), trunk's release build into DIST (default dist/), then the
# first-visit previews (scripts/prerender.sh). Needs the tools of
# `scripts/setup.sh build` on PATH (mtd_path_setup).
mtd_release_build() {
    local dist="${1:-$MTD_ROOT/dist}"
    (
        cd "$MTD_ROOT" || exit
        cargo fetch || exit
        trunk build --release --offline --dist "$dist" || exit
        bash "$MTD_ROOT/scripts/prerender.sh" "$dist"
    )
}
