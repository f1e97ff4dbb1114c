#!/usr/bin/env bash
# Where the app's wasm bytes go, for docs/performance.md: the release wasm
# rebuilt exactly as Trunk ships it (wasm-bindgen, then wasm-opt -Oz) but
# with its function names kept (-g), measured with twiggy.
#
#   scripts/bench-wasm.sh [ROWS]      ROWS: how many single items (default 15)
#
# Prints on stdout, as '#'-headed blocks of TAB-separated lines:
#   crate<TAB>bytes<TAB>percent     code and data by crate (scripts/bench/wasm-crates.cjs)
#   module<TAB>bytes                the app crate (mtd_learn) by module
#   twiggy top / twiggy dominators  the largest single items
# Sizes are of the optimised wasm without the names section, i.e. what the
# shipped file holds (within a few hundred bytes). Installs twiggy with cargo
# if it is missing. Takes about 2 minutes when the release build is fresh.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MTD_ROOT"
mtd_path_setup

rows="${1:-15}"
twiggy_version=0.8.0
if [[ "$(twiggy --version 2>/dev/null | awk '{print $2}')" != "$twiggy_version" ]]; then
    echo "bench-wasm: installing twiggy $twiggy_version (cargo install)" >&2
    cargo install twiggy --version "$twiggy_version" --locked >&2
fi
if ! command -v wasm-bindgen >/dev/null || ! command -v wasm-opt >/dev/null; then
    echo "bench-wasm: wasm-bindgen and wasm-opt are needed (scripts/setup.sh build)" >&2
    exit 1
fi

# The same cargo invocation as Trunk's release build (Cargo.toml's release
# profile), so this reuses its artifact when it is fresh.
cargo build --release --target wasm32-unknown-unknown --bin mtd-learn >&2
work="$(mktemp -d "${TMPDIR:-/tmp}/mtd-bench-wasm.XXXXXX")"
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target web --out-dir "$work" --out-name app \
    target/wasm32-unknown-unknown/release/mtd-learn.wasm >&2
# index.html asks Trunk for data-wasm-opt="z": wasm-opt -Oz. -g keeps names.
wasm-opt -Oz -g "$work/app_bg.wasm" -o "$work/named.wasm" >&2
wasm-opt -Oz "$work/app_bg.wasm" -o "$work/shipped.wasm" >&2

echo "# wasm $(wc -c <"$work/shipped.wasm" | tr -d ' ') bytes raw, $(brotli -q 11 -c "$work/shipped.wasm" | wc -c | tr -d ' ') brotli -q 11 (commit $(git describe --always --dirty 2>/dev/null || echo unknown))"
twiggy top -n 1000000 --format json "$work/named.wasm" >"$work/top.json"
echo "# by crate: crate, bytes, % of code and data"
node scripts/bench/wasm-crates.cjs "$work/top.json"
echo "# the app crate (mtd_learn) by module: module, bytes"
# shellcheck disable=SC2016 # JavaScript, not shell
node -e '
const items = require(process.argv[1]);
const sizes = new Map();
for (const { name, shallow_size: size } of items) {
  const m = /^<?(?:impl )?&?(?:mut )?mtd_learn::(\w+)(?:::(\w+))?/.exec(name.replace(/\[[0-9a-f]{16}\]/g, ""));
  if (!m) continue;
  const key = m[1] === "ui" && m[2] ? `ui::${m[2]}` : m[1];
  sizes.set(key, (sizes.get(key) || 0) + size);
}
for (const [k, v] of [...sizes].sort((a, b) => b[1] - a[1])) console.log(`${k}\t${v}`);
' "$work/top.json"
echo "# twiggy top $rows (shallow bytes, names section left out)"
twiggy top -n "$((rows + 1))" --format csv "$work/named.wasm" | grep -v 'function names' |
    tail -n +2 | head -n "$rows" | cut -d, -f1-2 | sed 's/,\([0-9]*\)$/\t\1/'
echo "# twiggy dominators (retained bytes), depth 3"
twiggy dominators -d 3 -r "$rows" "$work/named.wasm" | cut -c1-160
