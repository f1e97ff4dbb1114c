#!/usr/bin/env bash
# Write precompressed copies next to the build's content-hashed assets, for
# nginx's gzip_static (and brotli_static where the module is installed; see
# deploy/nginx-brotli.conf):
#     foo-<hash>.wasm -> foo-<hash>.wasm.gz (gzip -9) and foo-<hash>.wasm.br (brotli -q 11)
#
#   scripts/precompress.sh DIST          the hashed files at the top of DIST
#   scripts/precompress.sh --all DIR     every .wasm/.js/.mjs/.css/.svg under DIR
#
# By default only Trunk's content-hashed outputs (<stem>-<hash>[_bg].<ext>,
# the names deploy/nginx-app.conf caches forever) are compressed: a new
# build gives them new names, so a .gz/.br can never go stale. Never touched:
#   - index.html (nginx rewrites it per response for the CSP nonce, and
#     sub_filter cannot edit a precompressed body),
#   - DIST/content/ (the content pack is edited in place on the server, so a
#     .gz/.br beside it would go stale; nginx compresses it on the fly),
#   - unhashed files such as sw.js (unless --all).
# Existing .gz/.br copies are replaced. Files under 256 bytes are skipped
# (nginx's gzip_min_length; compression would not pay off).
# Idempotent; prints one line per file to stderr, nothing to stdout.
set -euo pipefail

all=0
if [[ "${1:-}" == --all ]]; then
    all=1
    shift
fi
dist="${1:?usage: scripts/precompress.sh [--all] DIST}"
[[ -d "$dist" ]] || { echo "precompress.sh: no such folder: $dist" >&2; exit 1; }
command -v gzip >/dev/null || { echo "precompress.sh: gzip not found" >&2; exit 1; }
command -v brotli >/dev/null || { echo "precompress.sh: brotli not found (scripts/setup.sh build)" >&2; exit 1; }

count=0
# The hashed names, as in deploy/nginx-app.conf's cache-forever location.
hashed='-[0-9a-f]{12,16}(_bg)?\.(js|mjs|wasm|css|svg)$'
while IFS= read -r -d '' file; do
    ((all)) || [[ "${file##*/}" =~ $hashed ]] || continue
    (($(wc -c <"$file") >= 256)) || continue
    # From stdin: no file name or time stamp in the gzip header.
    gzip -9 -n -c <"$file" >"$file.gz.tmp" && mv -f "$file.gz.tmp" "$file.gz"
    brotli -q 11 -c <"$file" >"$file.br.tmp" && mv -f "$file.br.tmp" "$file.br"
    # Same modification time as the original, so ETag/Last-Modified agree.
    touch -r "$file" "$file.gz" "$file.br"
    echo "precompressed ${file#"$dist"/}" >&2
    count=$((count + 1))
done < <(find "$dist" -path "$dist/content" -prune -o -type f \
    \( -name '*.wasm' -o -name '*.js' -o -name '*.mjs' -o -name '*.css' -o -name '*.svg' \) -print0)
echo "precompress.sh: $count files in $dist" >&2
