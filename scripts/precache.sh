#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): writes the build's sw.js from the
# template public/sw.js, with
#   VERSION  a hash over every shell file (so any change makes a new worker)
#   SHELL    index.html, the hashed JS/wasm/CSS/favicon, manifest, icons
#   CONTENT  content/<lang>/*.md per language, for "cache this language"
# Paths are relative to the app's folder, so a sub-path deployment
# (--public-url /learning/) works unchanged.
#
# Runs in Trunk's staging folder (TRUNK_STAGING_DIR), before Trunk moves it
# to dist/. Standalone: scripts/precache.sh DIR rewrites DIR/sw.js.
set -euo pipefail

dir="${1:-${TRUNK_STAGING_DIR:?run by Trunk, or pass the build folder}}"
template="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/public/sw.js"
cd "$dir"

json_list() { # prints a JSON array of its arguments (plain ASCII paths)
    local first=1 item
    printf '['
    for item in "$@"; do
        ((first)) || printf ', '
        first=0
        printf '"%s"' "$item"
    done
    printf ']'
}

mapfile -t shell < <(
    {
        echo index.html
        echo manifest.webmanifest
        find . -maxdepth 1 -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.svg' \) ! -name sw.js
        find icons -type f -name '*.png' 2>/dev/null || true
    } | sed 's|^\./||' | LC_ALL=C sort -u
)
for f in "${shell[@]}"; do
    [[ -f "$f" ]] || { echo "precache.sh: missing $dir/$f" >&2; exit 1; }
done
version="$(sha256sum "${shell[@]}" | sha256sum | cut -c1-16)"

content="{"
first=1
for langdir in content/*/; do
    lang="$(basename "$langdir")"
    mapfile -t files < <(find "$langdir" -maxdepth 1 -type f -name '*.md' | sed 's|^\./||' | LC_ALL=C sort)
    ((first)) || content+=", "
    first=0
    content+="\"$lang\": $(json_list "${files[@]}")"
done
content+="}"

shell_json="$(json_list "${shell[@]}")"
# Placeholders are replaced literally (no regex, no sed escaping issues).
python3 - "$template" sw.js "$version" "$shell_json" "$content" <<'PY'
import sys
template, out, version, shell, content = sys.argv[1:]
text = open(template, encoding="utf-8").read()
for key, value in (("\"__MTD_VERSION__\"", '"' + version + '"'), ("__MTD_SHELL__", shell), ("__MTD_CONTENT__", content)):
    if key not in text:
        sys.exit(f"precache.sh: placeholder {key} missing in {template}")
    text = text.replace(key, value)
open(out, "w", encoding="utf-8").write(text)
PY
echo "precache.sh: sw.js version $version, ${#shell[@]} shell files" >&2
