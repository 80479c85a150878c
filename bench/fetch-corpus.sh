#!/usr/bin/env bash
# Fetch the real-code benchmark corpus into bench/corpus/ (git-ignored).
#
# Lever is benchmarked on real-world code rather than synthetic files, so this
# script downloads pinned releases of well-known projects from the package
# registries (PyPI, npm, crates.io -- no other host is contacted) and keeps only
# the source files each linted language cares about:
#
#   python/      Django sdist (PyPI)                          -> *.py
#   typescript/  src/ of rxjs, @blueprintjs/core (TSX), effect -> *.ts *.tsx *.js ... (no .d.ts, no *.min.*)
#   rust/        a handful of popular crates (crates.io)      -> *.rs
#
# Versions are pinned so that benchmark numbers stay comparable across runs.
# A language whose directory already exists and is non-empty is skipped;
# pass --force to re-fetch everything.
#
# Usage: bench/fetch-corpus.sh [--force]      (needs python3 + pip, npm, cargo, tar)
set -euo pipefail

DJANGO_VERSION=5.2.19
NPM_PACKAGES=(rxjs@7.8.2 @blueprintjs/core@6.20.0 effect@3.22.4)
CRATES=(regex-automata@0.4.18 regex-syntax@0.8.11 syn@3.0.9 tokio@1.54.1
        serde@1.0.229 serde_json@1.0.154 clap_builder@4.6.7 hyper@1.12.0)

FORCE=0
case "${1:-}" in
  --force) FORCE=1 ;;
  "") ;;
  *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")"
CORPUS="$PWD/corpus"

die() { echo "fetch-corpus: $*" >&2; exit 1; }
for tool in python3 npm cargo rustc tar; do
  command -v "$tool" >/dev/null || die "'$tool' not found on PATH"
done
python3 -m pip --version >/dev/null 2>&1 || die "pip not available (python3 -m pip)"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# wanted LANG: true if LANG must be (re)fetched.
wanted() {
  if [[ $FORCE == 0 && -n "$(ls -A "$CORPUS/$1" 2>/dev/null)" ]]; then
    echo "== $1: already present, skipping (use --force to re-fetch)"
    return 1
  fi
  echo "== $1: fetching"
}

# Each language is assembled in $OUT/LANG and only moved into place once
# complete, so an interrupted run never leaves a half-filled directory behind.
OUT="$TMP/out"
finish() {
  mkdir -p "$CORPUS"
  rm -rf "$CORPUS/$1"
  mv "$OUT/$1" "$CORPUS/$1"
}

# keep SRC DEST FIND-TESTS...: copy files under SRC matching the find tests to
# DEST, preserving relative paths.
keep() {
  local src=$1 dest=$2; shift 2
  mkdir -p "$dest"
  (cd "$src" && find . -type f "$@" -print0 | xargs -0 -r cp --parents -t "$dest")
}

if wanted python; then
  python3 -m pip download --quiet --disable-pip-version-check --no-deps \
    --no-binary :all: -d "$TMP/py" "django==$DJANGO_VERSION"
  mkdir -p "$TMP/py/x"
  tar -xzf "$TMP"/py/*.tar.gz -C "$TMP/py/x"
  keep "$TMP"/py/x/* "$OUT/python/django-$DJANGO_VERSION" -name '*.py'
  finish python
fi

if wanted typescript; then
  mkdir -p "$TMP/npm"
  for spec in "${NPM_PACKAGES[@]}"; do
    tgz=$(cd "$TMP/npm" && npm pack --loglevel=error "$spec" | tail -n1)
    rm -rf "$TMP/npm/package"
    tar -xzf "$TMP/npm/$tgz" -C "$TMP/npm"
    keep "$TMP/npm/package" "$OUT/typescript/${tgz%.tgz}" -path './src/*' \
      -regextype posix-extended -regex '.*\.(ts|tsx|js|jsx|mjs|cjs)$' \
      ! -name '*.d.ts' ! -name '*.min.*'
  done
  finish typescript
fi

if wanted rust; then
  # Throwaway crate depending on the pinned crates; `cargo fetch` with a private
  # CARGO_HOME downloads and unpacks them without touching ~/.cargo.
  mkdir -p "$TMP/rs/src" && touch "$TMP/rs/src/lib.rs"
  {
    printf '[package]\nname = "corpus-fetch"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n'
    for c in "${CRATES[@]}"; do
      printf '%s = { version = "=%s", default-features = false }\n' "${c%@*}" "${c#*@}"
    done
  } > "$TMP/rs/Cargo.toml"
  (cd "$TMP/rs" && CARGO_HOME="$TMP/cargo-home" cargo fetch --quiet \
    --target "$(rustc -vV | sed -n 's/^host: //p')")
  for c in "${CRATES[@]}"; do
    name="${c%@*}-${c#*@}"
    keep "$TMP"/cargo-home/registry/src/*/"$name" "$OUT/rust/$name" -name '*.rs'
  done
  finish rust
fi

echo
echo "Corpus in $CORPUS:"
for lang in python typescript rust; do
  find "$CORPUS/$lang" -type f -printf '%s\n' 2>/dev/null |
    awk -v l="$lang" '{n++; t+=$1} END {printf "  %-11s %6d files %7.2f MiB\n", l, n, t/1048576}'
done
echo "Done in ${SECONDS}s."
