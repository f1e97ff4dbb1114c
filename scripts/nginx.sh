# shellcheck shell=bash
# Throwaway nginx for the e2e tests and `serve`. Source this file; it defines
#
#   free_port              print a free TCP port on 127.0.0.1
#   nginx_start ROOT PORT [SYNC_DIR]
#                          serve folder ROOT on http://127.0.0.1:PORT with the
#                          rules of deploy/nginx-app.conf and, with SYNC_DIR,
#                          the sync backend of deploy/nginx-sync.conf storing
#                          files in SYNC_DIR/sync/; returns once the
#                          server answers (bounded wait). Sets MTD_NGINX_URL,
#                          MTD_NGINX_PID (master process, a child of this
#                          shell) and MTD_NGINX_DIR (config, pid, logs, temp).
#   nginx_stop             stop it and remove its temp dir (safe to call
#                          twice, or when nothing was started: use in traps)
#
# Uses Debian's nginx (package nginx-light) with a config of its own in a
# temp dir; the system nginx and /etc/nginx/sites-* are left alone. Only one
# server per shell at a time. Changes no shell options.
#
# Knobs: MTD_NGINX_KEEP=1 keeps the temp dir (logs) after nginx_stop;
#        MTD_NGINX_ACCESS_LOG=FILE writes the access log there (appends);
#        MTD_NGINX_START_TIMEOUT (seconds, default 20).

MTD_NGINX_APP_CONF="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/nginx-app.conf"
MTD_NGINX_SYNC_CONF="$(dirname "$MTD_NGINX_APP_CONF")/nginx-sync.conf"
MTD_NGINX_DIR="${MTD_NGINX_DIR:-}"
MTD_NGINX_PID="${MTD_NGINX_PID:-}"
MTD_NGINX_URL="${MTD_NGINX_URL:-}"

free_port() {
    if command -v python3 >/dev/null 2>&1 &&
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null; then
        return 0
    fi
    if command -v node >/dev/null 2>&1 &&
        node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })' 2>/dev/null; then
        return 0
    fi
    # Fallback: probe random ports until one refuses a connection.
    local i port
    for ((i = 0; i < 200; i++)); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    echo "free_port: no free port found" >&2
    return 1
}

# Is something already answering on 127.0.0.1:PORT?
_mtd_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

nginx_start() {
    local root="${1:?usage: nginx_start ROOT PORT [SYNC_DIR]}" port="${2:?usage: nginx_start ROOT PORT [SYNC_DIR]}"
    local sync_dir="${3:-}" sync_lines=""
    if [[ -n "$sync_dir" ]]; then
        mkdir -p "$sync_dir/sync" || return 1
        sync_dir="$(cd "$sync_dir" && pwd)"
        sync_lines="set \$mtd_sync_root \"$sync_dir\";
        include \"$MTD_NGINX_SYNC_CONF\";"
    fi
    if [[ -n "$MTD_NGINX_PID" ]] && kill -0 "$MTD_NGINX_PID" 2>/dev/null; then
        echo "nginx_start: already running (pid $MTD_NGINX_PID, $MTD_NGINX_URL); nginx_stop first" >&2
        return 1
    fi
    if [[ ! -d "$root" ]]; then
        echo "nginx_start: no such folder: $root" >&2
        return 1
    fi
    if [[ ! -f "$root/index.html" ]]; then
        echo "nginx_start: $root has no index.html (did the build run?)" >&2
        return 1
    fi
    if [[ ! "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
        echo "nginx_start: bad port '$port'" >&2
        return 1
    fi
    local nginx_bin
    nginx_bin="$(command -v nginx || true)"
    [[ -z "$nginx_bin" && -x /usr/sbin/nginx ]] && nginx_bin=/usr/sbin/nginx
    if [[ -z "$nginx_bin" ]]; then
        echo "nginx_start: nginx not found (run scripts/setup.sh build)" >&2
        return 1
    fi
    if _mtd_port_busy "$port"; then
        echo "nginx_start: port $port on 127.0.0.1 is already in use" >&2
        return 1
    fi
    root="$(cd "$root" && pwd)"

    local dir
    dir="$(mktemp -d "${TMPDIR:-/tmp}/mtd-nginx.XXXXXX")" || return 1
    mkdir -p "$dir/tmp" || return 1
    MTD_NGINX_DIR="$dir"

    # Workers of an nginx started by root default to user nobody, who may not
    # read a dist/ under /root: run them as root for this local server.
    local user_line=""
    [[ "$(id -u)" == 0 ]] && user_line="user root;"

    cat >"$dir/nginx.conf" <<EOF
# Written by scripts/nginx.sh for a local test/serve run; deleted afterwards.
$user_line
worker_processes 1;
daemon off;
pid "$dir/nginx.pid";
error_log "$dir/error.log" warn;

events {
    worker_connections 256;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log "${MTD_NGINX_ACCESS_LOG:-$dir/access.log}";
    client_body_temp_path "$dir/tmp/body";
    proxy_temp_path "$dir/tmp/proxy";
    fastcgi_temp_path "$dir/tmp/fastcgi";
    uwsgi_temp_path "$dir/tmp/uwsgi";
    scgi_temp_path "$dir/tmp/scgi";

    server {
        listen 127.0.0.1:$port;
        server_name localhost;
        root "$root";
        include "$MTD_NGINX_APP_CONF";
        $sync_lines
    }
}
EOF

    if ! "$nginx_bin" -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" 2>"$dir/check.log"; then
        echo "nginx_start: config check failed:" >&2
        cat "$dir/check.log" "$dir/error.log" >&2 2>/dev/null
        return 1
    fi

    # `daemon off` + `&`: the master is our child, so its pid is $! (no pid
    # file race) and a foreground caller can simply `wait` for it.
    "$nginx_bin" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" \
        </dev/null >>"$dir/stdout.log" 2>&1 &
    MTD_NGINX_PID=$!
    MTD_NGINX_URL="http://127.0.0.1:$port"

    # Wait until it answers, bounded.
    local deadline=$((SECONDS + ${MTD_NGINX_START_TIMEOUT:-20}))
    until curl -fsS -o /dev/null --max-time 2 "$MTD_NGINX_URL/" 2>/dev/null; do
        if ! kill -0 "$MTD_NGINX_PID" 2>/dev/null; then
            echo "nginx_start: nginx exited during startup:" >&2
            cat "$dir/error.log" "$dir/stdout.log" >&2 2>/dev/null
            MTD_NGINX_PID=""
            return 1
        fi
        if ((SECONDS >= deadline)); then
            echo "nginx_start: no answer from $MTD_NGINX_URL after ${MTD_NGINX_START_TIMEOUT:-20}s" >&2
            cat "$dir/error.log" >&2 2>/dev/null
            nginx_stop
            return 1
        fi
        sleep 0.1
    done
    return 0
}

nginx_stop() {
    local pid="$MTD_NGINX_PID" dir="$MTD_NGINX_DIR"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        # TERM = fast shutdown (master stops its workers, then exits).
        kill -TERM "$pid" 2>/dev/null || true
        local i
        for ((i = 0; i < 100; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "nginx_stop: nginx (pid $pid) ignored TERM for 10s; killing it" >&2
            # Its workers (children of this master only) first, by pid.
            local workers
            workers="$(pgrep -P "$pid" 2>/dev/null || true)"
            # shellcheck disable=SC2086
            [[ -z "$workers" ]] || kill -KILL $workers 2>/dev/null || true
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    fi
    MTD_NGINX_PID=""
    MTD_NGINX_URL=""
    if [[ -n "$dir" && -d "$dir" ]]; then
        if [[ "${MTD_NGINX_KEEP:-0}" == 1 ]]; then
            echo "nginx_stop: kept $dir (config and logs)" >&2
        else
            rm -rf -- "$dir"
        fi
    fi
    MTD_NGINX_DIR=""
    return 0
}
