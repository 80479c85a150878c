#!/bin/sh
# Instruction counts of parsing and matching, for comparing two builds on a machine whose
# wall and CPU times move more than the change: valgrind's counts do not depend on load.
#
#   CARGO_TARGET_DIR=/work/target-prof CARGO_PROFILE_RELEASE_STRIP=false \
#     CARGO_PROFILE_RELEASE_DEBUG=1 cargo build --release -p lever
#   bench/callgrind.sh /work/target-prof/release/lever bench/corpus/python/django-5.2.19/django/db [lever.toml]
#
# Prints the inclusive instruction counts of `Linter::parse_ranges` (parsing) and
# `Linter::findings_with` (matching: the report walk, queries and Lever's predicates) over
# `lever check DIR -j 1`, and their ratio. Query compilation is counted in neither. The
# config defaults to every built-in rule on.
set -eu
bin=$1
dir=$2
config=${3:-}
if [ -z "$config" ]; then
  config=$(mktemp)
  printf '[rules]\nunparameterized-sql = "on"\nunescaped-template = "on"\nread-after-write = "on"\nmulti-transaction = "on"\nwide-interface = "on"\n' > "$config"
fi
out=$(mktemp)
valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" check "$dir" --config "$config" -j 1 -q \
  --fail-on never --format json > /dev/null 2>&1
callgrind_annotate --inclusive=yes --threshold=100 "$out" 2>/dev/null |
  awk '/lint::Linter::parse_ranges \[/ { gsub(",", "", $1); p = $1 }
       /lint::Linter::findings_with \[/ { gsub(",", "", $1); m = $1 }
       END { if (p == 0) { print "no symbols: build with debug info, see the top of this script"; exit 1 }
             printf "parse %.0f\nmatching %.0f\nmatching / parse %.2f\n", p, m, m / p }'
rm -f "$out"
