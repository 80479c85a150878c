#!/usr/bin/env bash
# Fetches the official SARIF 2.1.0 JSON schema (OASIS) from a registry package, for the
# test that validates `lever check --format sarif`. The crates.io package serde-sarif 0.8.0
# ships the unmodified schema as src/schema.json; cargo downloads it like any dependency.
# Output: .cache/sarif-schema-2.1.0.json (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
out=.cache/sarif-schema-2.1.0.json
if [[ -s $out ]]; then exit 0; fi
mkdir -p .cache
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src"
touch "$tmp/src/lib.rs"
cat > "$tmp/Cargo.toml" <<'TOML'
[package]
name = "fetch-sarif-schema"
version = "0.0.0"
edition = "2021"
[dependencies]
serde-sarif = "=0.8.0"
[workspace]
TOML
cargo fetch --quiet --manifest-path "$tmp/Cargo.toml"
src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/serde-sarif-0.8.0/src/schema.json | head -n 1)
python3 - "$src" "$out" <<'PY'
import json, sys
schema = json.load(open(sys.argv[1]))
assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0"), schema["title"]
json.dump(schema, open(sys.argv[2], "w"))
PY
echo "SARIF schema: $out (from serde-sarif 0.8.0)"
