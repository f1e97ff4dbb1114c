#!/usr/bin/env bash
# First-visit previews for a release build (scripts/prerender.py has the
# why and how): serves DIST with nginx on a free local port, renders the
# English home page, module pages and sections in headless Chromium and
# writes them into DIST/preview/.
#
#   scripts/prerender.sh [DIST]     DIST defaults to dist/
#
# Run it after `trunk build --release` and again after editing the content
# pack. serve.sh, test.sh and bench.sh run it after their builds. Needs
# nginx, Chromium and python3 (scripts/setup.sh build installs them).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/nginx.sh
source "$MTD_ROOT/scripts/nginx.sh"

dist="${1:-$MTD_ROOT/dist}"
if [[ ! -f "$dist/index.html" ]]; then
    echo "prerender: $dist/index.html not found: build first (trunk build --release)" >&2
    exit 1
fi
base="$(grep -o '<base href="[^"]*"' "$dist/index.html" | head -n 1 | cut -d'"' -f2)"
if [[ "$base" != "/" ]]; then
    # The previews' links and nginx's lookup assume the site root.
    echo "prerender: this build is for the sub-path '$base'; previews are made for builds served from / only, skipped"
    exit 0
fi
rm -rf "$dist/preview"

trap nginx_stop EXIT
nginx_start "$dist" "$(free_port)"
python3 "$MTD_ROOT/scripts/prerender.py" "$dist" "$MTD_NGINX_URL"
