#!/usr/bin/env bash
# The national scale end to end: generate the national dataset (once), run
# the rollup example on it, print wall time and peak memory; with DUCKDB=1
# also run the DuckDB SQL of scripts/duckdb_rollup.py and compare the files
# byte for byte.
#
#   bash scripts/national.sh [DATASET_DIR]
#
# Needs the generator of the interchange format (gen.py, given to the
# project beside it, or set GEN=/path/to/gen.py) and `pip install numpy
# polars` (and `duckdb` for DUCKDB=1). Not run by the tests or CI.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-/tmp/party-oversight-national}
gen=${GEN:-../shared/interchange/gen.py}
out=$(mktemp -d)
if [ ! -f "$data/oversight_subjects.csv" ]; then
  echo "generating the national dataset into $data…" >&2
  python3 "$gen" --scale national --seed 1 "$data"
fi
cargo build --release --example rollup
/usr/bin/time -f 'rollup: wall %e s, peak %M KiB' ./target/release/examples/rollup "$data" "$out/rust"
if [ "${DUCKDB:-0}" = 1 ]; then
  /usr/bin/time -f 'duckdb: wall %e s, peak %M KiB' python3 scripts/duckdb_rollup.py "$data" "$out/duckdb"
  cmp "$out/rust/rollup.csv" "$out/duckdb/rollup.csv" && cmp "$out/rust/term.csv" "$out/duckdb/term.csv" \
    && echo "rollup.csv and term.csv are byte-identical"
fi
rm -rf "$out"
