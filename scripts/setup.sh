#!/usr/bin/env bash
# Install the tools the build and the tests need, skipping what is already
# present at the right version. Never asks questions (works with CI=true and
# no stdin). Prints one line per tool: "ok <tool> <version>" or
# "installing <tool> <version> (...)".
#
# Usage:  scripts/setup.sh [build|all|bench] [--check]
#   build   Rust wasm target, trunk, wasm-bindgen CLI, wasm-opt, nginx, brotli,
#           chromium (scripts/prerender.sh renders the first-visit previews)
#   all     build + chromedriver for the browser tests, and
#           axe-core (npm) for the accessibility checks (default)
#   bench   build + chromium and chromedriver + nginx's Brotli modules
#           (brotli_static, on-the-fly brotli), for scripts/bench.sh; the app
#           and its tests do not need them
#   --check report only, install nothing; exit 1 if something is missing
# The mode can also come from the environment: MTD_SETUP=build|all|bench.
#
# Can be run or sourced. When sourced it also leaves PATH pointing at
# ~/.cargo/bin and npm's global bin in the calling shell; the installing
# itself always happens in a child bash with `set -euo pipefail`, so sourcing
# does not change the caller's shell options.
#
# Only cargo, npm and apt download anything (see
# /work/shared/design/toolchain.md for why each tool is installed this way).

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

_mtd_setup_main() {
    set -euo pipefail

    local mode="${MTD_SETUP:-all}" check=0 arg
    for arg in "$@"; do
        case "$arg" in
            build | all | bench) mode="$arg" ;;
            --check) check=1 ;;
            -h | --help)
                sed -n '2,20p' "$MTD_ROOT/scripts/setup.sh"
                return 0
                ;;
            *)
                echo "setup: unknown argument '$arg' (expected build, all, bench or --check)" >&2
                return 2
                ;;
        esac
    done
    case "$mode" in
        build | all | bench) ;;
        *)
            echo "setup: MTD_SETUP must be build, all or bench, not '$mode'" >&2
            return 2
            ;;
    esac

    export DEBIAN_FRONTEND=noninteractive
    local missing=0

    # ---- apt packages ------------------------------------------------------
    # nginx-light: static server for the e2e tests, `serve` and the backend
    # (it has the dav module). brotli: bench figures. curl: nginx readiness
    # poll. chromium: the first-visit previews of a build (prerender.sh),
    # the browser unit tests and e2e; chromium-driver: the tests.
    local -a want=(nginx-light brotli curl chromium)
    [[ "$mode" == build ]] || want+=(chromium-driver)
    # Benchmark only: serve the precompressed .br files (brotli_static) and
    # compress the rest with brotli too (deploy/nginx-brotli.conf).
    [[ "$mode" == bench ]] && want+=(libnginx-mod-http-brotli-static libnginx-mod-http-brotli-filter)
    # npm is only needed to install binaryen; any node/npm on PATH will do.
    command -v npm >/dev/null 2>&1 || want+=(npm)
    # cargo install builds C code (build scripts of trunk's dependencies).
    command -v cc >/dev/null 2>&1 || want+=(build-essential)

    local -a apt_missing=()
    local pkg
    for pkg in "${want[@]}"; do
        if dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed$'; then
            echo "ok $pkg $(dpkg-query -W -f='${Version}' "$pkg")"
        else
            apt_missing+=("$pkg")
        fi
    done
    if ((${#apt_missing[@]})); then
        if ((check)); then
            echo "missing apt: ${apt_missing[*]}"
            missing=1
        else
            echo "installing ${apt_missing[*]} (apt-get)"
            local -a sudo=()
            if [[ "$(id -u)" != 0 ]]; then
                if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
                    sudo=(sudo -n env DEBIAN_FRONTEND=noninteractive)
                else
                    echo "setup: need root (or password-less sudo) to apt-get install ${apt_missing[*]}" >&2
                    return 1
                fi
            fi
            "${sudo[@]}" apt-get update -q
            "${sudo[@]}" apt-get install -y -q "${apt_missing[@]}" </dev/null
        fi
    fi

    mtd_path_setup

    # ---- Rust and the wasm target ------------------------------------------
    if ! command -v cargo >/dev/null 2>&1; then
        # rustup itself comes from a binary download, which this machine kind
        # cannot do; the Rust toolchain is expected to be preinstalled.
        echo "setup: cargo not found; install Rust with rustup first" >&2
        return 1
    fi
    echo "ok rustc $(rustc --version | awk '{print $2}')"

    if command -v rustup >/dev/null 2>&1; then
        if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
            echo "ok rust-target wasm32-unknown-unknown"
        elif ((check)); then
            echo "missing rust-target wasm32-unknown-unknown"
            missing=1
        else
            echo "installing rust-target wasm32-unknown-unknown (rustup)"
            rustup target add wasm32-unknown-unknown
        fi
    elif [[ -d "$(rustc --print sysroot)/lib/rustlib/wasm32-unknown-unknown" ]]; then
        echo "ok rust-target wasm32-unknown-unknown"
    else
        echo "setup: no rustup and no wasm32-unknown-unknown std in the sysroot" >&2
        return 1
    fi

    # ---- trunk ----------------------------------------------------------------
    # 0.21.14 with --locked: 0.22.x needs a newer rustc than the machine has.
    local have
    have="$(trunk --version 2>/dev/null | awk '{print $2}')" || true
    if [[ "$have" == "$MTD_TRUNK_VERSION" ]]; then
        echo "ok trunk $have"
    elif ((check)); then
        echo "missing trunk $MTD_TRUNK_VERSION${have:+ (found $have)}"
        missing=1
    else
        echo "installing trunk $MTD_TRUNK_VERSION${have:+ (found $have)} (cargo install, ~11 min on 2 cores)"
        cargo install trunk --version "$MTD_TRUNK_VERSION" --locked
        have="$(trunk --version 2>/dev/null | awk '{print $2}')" || true
        if [[ "$have" != "$MTD_TRUNK_VERSION" ]]; then
            echo "setup: installed trunk $MTD_TRUNK_VERSION but '$(command -v trunk)' reports '$have' (PATH order?)" >&2
            return 1
        fi
    fi

    # ---- wasm-bindgen CLI (+ wasm-bindgen-test-runner) -------------------------
    # Must equal the wasm-bindgen crate in Cargo.lock. No --locked: the CLI's
    # own lock pins a webpki-roots release the registry does not serve.
    local wbg
    wbg="$(mtd_wasm_bindgen_version)"
    have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" || true
    local have_runner
    have_runner="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')" || true
    if [[ "$have" == "$wbg" && "$have_runner" == "$wbg" ]]; then
        echo "ok wasm-bindgen $have"
    elif ((check)); then
        echo "missing wasm-bindgen $wbg${have:+ (found $have)}"
        missing=1
    else
        echo "installing wasm-bindgen $wbg${have:+ (found $have)} (cargo install wasm-bindgen-cli, ~3.5 min on 2 cores)"
        cargo install wasm-bindgen-cli --version "$wbg"
        have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" || true
        if [[ "$have" != "$wbg" ]]; then
            echo "setup: installed wasm-bindgen $wbg but '$(command -v wasm-bindgen)' reports '$have' (PATH order?)" >&2
            return 1
        fi
    fi

    # Trunk.toml may pin the version too ([tools] wasm_bindgen); with
    # --offline Trunk fails if that differs from the installed CLI.
    local pinned=""
    if [[ -f "$MTD_ROOT/Trunk.toml" ]]; then
        pinned="$(sed -n 's/^[[:space:]]*wasm_bindgen[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$MTD_ROOT/Trunk.toml" | head -n 1)"
    fi
    if [[ -n "$pinned" && "$pinned" != "$wbg" ]]; then
        echo "warn Trunk.toml pins wasm_bindgen $pinned but Cargo.lock has $wbg: trunk build --offline will fail until they agree" >&2
    fi

    # ---- wasm-opt (binaryen from npm) ---------------------------------------
    # Debian's binaryen is version 108, too old for current wasm features.
    have="$(wasm-opt --version 2>/dev/null | sed -n 's/^wasm-opt version \([0-9][0-9]*\).*/\1/p')" || true
    if [[ "$have" == "$MTD_BINARYEN_VERSION" ]]; then
        echo "ok wasm-opt $have"
    elif ((check)); then
        echo "missing wasm-opt $MTD_BINARYEN_VERSION${have:+ (found $have)}"
        missing=1
    else
        echo "installing wasm-opt $MTD_BINARYEN_VERSION${have:+ (found $have)} (npm install -g binaryen@$MTD_BINARYEN_VERSION)"
        npm install -g --no-audit --no-fund "binaryen@$MTD_BINARYEN_VERSION" </dev/null
        mtd_path_setup
        hash -r
        have="$(wasm-opt --version 2>/dev/null | sed -n 's/^wasm-opt version \([0-9][0-9]*\).*/\1/p')" || true
        if [[ "$have" != "$MTD_BINARYEN_VERSION" ]]; then
            echo "setup: installed binaryen@$MTD_BINARYEN_VERSION but '$(command -v wasm-opt)' reports '$have';" \
                "is Debian's binaryen installed and first on PATH? (apt-get remove binaryen)" >&2
            return 1
        fi
    fi

    # ---- axe-core (npm, for the e2e accessibility checks) ---------------------
    # Into a git-ignored folder of the repository, not globally: the tests
    # read the one file axe.min.js (MTD_AXE_FILE, see scripts/lib.sh).
    if [[ "$mode" == all ]]; then
        have="$(node -p "require('$MTD_AXE_PREFIX/node_modules/axe-core/package.json').version" 2>/dev/null)" || have=""
        if [[ "$have" == "$MTD_AXE_VERSION" && -s "$MTD_AXE_FILE" ]]; then
            echo "ok axe-core $have"
        elif ((check)); then
            echo "missing axe-core $MTD_AXE_VERSION${have:+ (found $have)} in $MTD_AXE_PREFIX"
            missing=1
        else
            echo "installing axe-core $MTD_AXE_VERSION${have:+ (found $have)} (npm install --prefix $MTD_AXE_PREFIX)"
            mkdir -p "$MTD_AXE_PREFIX"
            npm install --prefix "$MTD_AXE_PREFIX" --no-audit --no-fund --no-save --no-package-lock \
                "axe-core@$MTD_AXE_VERSION" </dev/null
            if [[ ! -s "$MTD_AXE_FILE" ]]; then
                echo "setup: npm installed axe-core@$MTD_AXE_VERSION but $MTD_AXE_FILE is missing" >&2
                return 1
            fi
        fi
    fi

    if ((check && missing)); then
        echo "setup: something is missing (run scripts/setup.sh $mode to install it)" >&2
        return 1
    fi
    return 0
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    # Run as a program.
    _mtd_setup_main "$@"
else
    # Sourced: install in a child bash (keeps the caller's shell options, and
    # `set -e` holds even if the caller sourced us inside an `if`), then
    # export the PATH additions into the caller.
    _mtd_setup_rc=0
    bash "$MTD_ROOT/scripts/setup.sh" "$@" || _mtd_setup_rc=$?
    mtd_path_setup
    hash -r
    # shellcheck disable=SC2317
    return "$_mtd_setup_rc" 2>/dev/null || exit "$_mtd_setup_rc"
fi
