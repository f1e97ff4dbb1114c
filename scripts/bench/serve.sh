# shellcheck shell=bash
# shellcheck disable=SC2034 # the BENCH_* variables are read by the caller
# The benchmark's web server: scripts/nginx.sh's nginx_start with the rules
# of deploy/nginx-app.conf, plus deploy/nginx-brotli.conf when nginx's
# Brotli modules are installed (scripts/setup.sh bench), so the benchmark
# measures what a production server with Brotli sends. Source it; defines
#
#   bench_nginx_start ROOT PORT   like nginx_start; sets BENCH_NGINX_ENCODING
#                                 to "brotli+gzip" or "gzip"
#   nginx_stop                    (from scripts/nginx.sh)
#
# nginx_start writes its own main config, which has no `load_module` lines
# (scripts/nginx.sh serves the tests, which need no extra module). The
# modules are therefore loaded with nginx's `-g` option through a small
# wrapper named nginx, put first on PATH for this shell only, and the
# server's include is pointed at a file that includes nginx-app.conf and
# nginx-brotli.conf.

# shellcheck source=scripts/nginx.sh
source "$(dirname "${BASH_SOURCE[0]}")/../nginx.sh"

BENCH_BROTLI_MODULES=(
    /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so
    /usr/lib/nginx/modules/ngx_http_brotli_static_module.so
)
BENCH_NGINX_ENCODING=""
# The wrapper's temp folder, for the caller to remove after nginx_stop.
BENCH_NGINX_WRAP=""

bench_nginx_start() {
    local root="${1:?usage: bench_nginx_start ROOT PORT}" port="${2:?usage: bench_nginx_start ROOT PORT}"
    local module have_modules=1
    for module in "${BENCH_BROTLI_MODULES[@]}"; do
        [[ -f "$module" ]] || have_modules=0
    done
    if ((have_modules)); then
        local real_nginx wrap
        real_nginx="$(command -v nginx || true)"
        [[ -z "$real_nginx" && -x /usr/sbin/nginx ]] && real_nginx=/usr/sbin/nginx
        [[ -n "$real_nginx" ]] || { echo "bench_nginx_start: nginx not found" >&2; return 1; }
        wrap="$(mktemp -d "${TMPDIR:-/tmp}/mtd-bench-nginx.XXXXXX")" || return 1
        BENCH_NGINX_WRAP="$wrap"
        local loads=""
        for module in "${BENCH_BROTLI_MODULES[@]}"; do loads+="load_module $module; "; done
        printf '#!/bin/sh\nexec "%s" -g "%s" "$@"\n' "$real_nginx" "$loads" >"$wrap/nginx"
        chmod +x "$wrap/nginx"
        printf 'include "%s";\ninclude "%s";\n' \
            "$MTD_NGINX_APP_CONF" "$(dirname "$MTD_NGINX_APP_CONF")/nginx-brotli.conf" >"$wrap/app.conf"
        PATH="$wrap:$PATH"
        MTD_NGINX_APP_CONF="$wrap/app.conf"
        BENCH_NGINX_ENCODING="brotli+gzip"
    else
        echo "bench: nginx's Brotli modules are not installed (scripts/setup.sh bench); serving gzip only" >&2
        BENCH_NGINX_ENCODING="gzip"
    fi
    nginx_start "$root" "$port"
}
