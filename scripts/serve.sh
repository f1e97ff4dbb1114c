#!/usr/bin/env bash
# The README's serve command: build the app in release mode and serve dist/
# with nginx (the same rules as production, deploy/nginx-app.conf) on
# http://127.0.0.1:${PORT:-8080}/ in the foreground. Ctrl-C stops it. No
# backend: the app is a static site.
#
#   scripts/serve.sh              setup (build tools) + build + serve
#   PORT=9000 scripts/serve.sh    another port
#   scripts/serve.sh --no-build   serve the existing dist/ as it is
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/nginx.sh
source "$MTD_ROOT/scripts/nginx.sh"

cd "$MTD_ROOT"
port="${PORT:-8080}"
build=1
for arg in "$@"; do
    case "$arg" in
        --no-build) build=0 ;;
        *) echo "serve.sh: unknown argument '$arg'" >&2; exit 2 ;;
    esac
done

trap nginx_stop EXIT
trap 'echo; echo "stopped"; exit 130' INT
trap 'exit 143' TERM

if ((build)); then
    bash "$MTD_ROOT/scripts/setup.sh" build
    mtd_path_setup
    # trunk --offline also makes cargo offline: fetch crates first (no-op
    # when cached).
    cargo fetch
    trunk build --release --offline
fi

nginx_start "$MTD_ROOT/dist" "$port"
echo
echo "mtd-learn is served at $MTD_NGINX_URL/  (dist/ via nginx; Ctrl-C stops)"
echo

# Ctrl-C reaches nginx too (same process group), which then exits 0; either
# way the EXIT trap cleans up.
rc=0
wait "$MTD_NGINX_PID" || rc=$?
if ((rc != 0)); then
    echo "nginx exited with status $rc" >&2
    MTD_NGINX_KEEP=1
else
    echo "stopped"
fi
exit "$rc"
