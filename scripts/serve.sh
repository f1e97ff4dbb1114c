#!/usr/bin/env bash
# The README's serve command: build the app in release mode and serve dist/
# with nginx (the same rules as production, deploy/nginx-app.conf) on
# http://127.0.0.1:${PORT:-8080}/ in the foreground. Ctrl-C stops it. No
# backend is needed: the app is a static site.
#
#   scripts/serve.sh              setup (build tools) + build + serve
#   PORT=9000 scripts/serve.sh    another port
#   scripts/serve.sh --no-build   serve the existing dist/ as it is
#   scripts/serve.sh --sync       also the sync backend at /sync/
#                                 (deploy/nginx-sync.conf), files kept in
#                                 ${MTD_SYNC_DIR:-target/sync-data}/sync/
#
# MTD_DIST=DIR serves another build folder (the e2e tests use this to run
# their own server with sync, which they stop and start).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/nginx.sh
source "$MTD_ROOT/scripts/nginx.sh"

cd "$MTD_ROOT"
port="${PORT:-8080}"
build=1
sync_dir=""
dist="${MTD_DIST:-$MTD_ROOT/dist}"
for arg in "$@"; do
    case "$arg" in
        --no-build) build=0 ;;
        --sync) sync_dir="${MTD_SYNC_DIR:-$MTD_ROOT/target/sync-data}" ;;
        *) echo "serve.sh: unknown argument '$arg'" >&2; exit 2 ;;
    esac
done

trap nginx_stop EXIT
trap 'echo; echo "stopped"; exit 130' INT
trap 'exit 143' TERM

if ((build)); then
    bash "$MTD_ROOT/scripts/setup.sh" build
    mtd_path_setup
    mtd_release_build "$dist"
fi

nginx_start "$dist" "$port" ${sync_dir:+"$sync_dir"}
echo
echo "mtd-learn is served at $MTD_NGINX_URL/  ($dist via nginx; Ctrl-C stops)"
if [[ -n "$sync_dir" ]]; then
    echo "sync backend: in Settings → Sync enter the address /sync/ (files in $sync_dir/sync/)"
fi
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
