#!/usr/bin/env bash
# Builds the Lever VS Code extension into a .vsix: installs the locked npm dependencies (when
# package-lock.json changed), type-checks (tsc, strict) and lints (eslint) the TypeScript,
# bundles it (esbuild) and packages it (@vscode/vsce).
#
# usage: editors/vscode/build.sh [--out FILE.vsix]   (default: editors/vscode/lever-VERSION.vsix)
# Needs Node.js 20 or later and npm. Prints the .vsix path on standard output, the rest on
# standard error. Then: code --install-extension lever-VERSION.vsix
set -euo pipefail
out=
if [ "${1:-}" = --out ]; then
  out=$(realpath -m "${2:?--out needs a file name}")
fi
cd "$(dirname "$0")"
version=$(node -p 'require("./package.json").version')
out=${out:-$PWD/lever-$version.vsix}

# --ignore-scripts: nothing here needs an install script (esbuild's binary comes in its
# platform package), and vsce's optional keytar would try to download or compile one.
stamp=node_modules/.lever-installed
hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  echo "$hash" >"$stamp"
fi

npm run --silent check >&2
rm -rf dist
npm run --silent bundle >&2
mkdir -p "$(dirname "$out")"
# The bundle holds the dependencies: --no-dependencies keeps node_modules out of the .vsix.
npx --no-install vsce package --no-dependencies --allow-missing-repository --skip-license --out "$out" >&2
echo "$out"
