#!/bin/sh
# Vendor YASGUI (npm @zazuko/yasgui) into kg/server/static so the query page works offline.
# Usage: scripts/vendor_yasgui.sh [VERSION]   (needs node and npm; run from the repository root)
# Installs the package into a temporary directory, copies its built min.js/min.css (source-map
# comment dropped: the map is not shipped) and writes yasgui.LICENSE.txt with the licence of
# YASGUI and of every npm package installed with it (their code is bundled into min.js).
set -eu
VERSION="${1:-4.6.2}"
STATIC="$(pwd)/kg/server/static"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
npm init -y >/dev/null
npm install --ignore-scripts --no-audit --no-fund "@zazuko/yasgui@$VERSION" >/dev/null
BUILD=node_modules/@zazuko/yasgui/build
grep -v '^//# sourceMappingURL=' "$BUILD/yasgui.min.js" > "$STATIC/yasgui.min.js"
grep -v '^/\*# sourceMappingURL=' "$BUILD/yasgui.min.css" > "$STATIC/yasgui.min.css"
{
  echo "YASGUI $VERSION (npm @zazuko/yasgui, https://github.com/rdfjs/Yasgui), vendored by scripts/vendor_yasgui.sh:"
  echo "yasgui.min.js and yasgui.min.css are its build/ files, unchanged but for the source-map comment."
  echo
  echo "YASGUI: MIT License. The package ships no licence file; this is the MIT licence its"
  echo "package.json names, with the holders it names: author Triply <info@triply.cc>, contributor Zazuko GmbH."
  echo
  echo "Copyright (c) Triply and Zazuko GmbH"
  echo
  cat <<'MIT'
Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
MIT
  echo
  echo "Packages installed with it (bundled into yasgui.min.js), with their licences:"
  for pkg in $(find node_modules -name package.json -not -path '*/node_modules/*/node_modules/*/node_modules/*' \
               | grep -E '^node_modules/(@[^/]+/)?[^/]+/package.json$' | sort); do
    dir="$(dirname "$pkg")"
    name="${dir#node_modules/}"
    licence="$(node -e 'const p=require(process.argv[1]); const l=p.license||(p.licenses||[]).map(x=>x.type||x).join(" OR "); console.log(p.version+" "+(typeof l==="string"?l:l.type))' "./$pkg")"
    echo
    echo "==== $name $licence"
    for f in "$dir"/LICENSE* "$dir"/LICENCE* "$dir"/license* "$dir"/License*; do
      [ -f "$f" ] && { echo; cat "$f"; }
    done
  done
} > "$STATIC/yasgui.LICENSE.txt"
echo "vendored YASGUI $VERSION into $STATIC"
