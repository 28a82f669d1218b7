#!/usr/bin/env bash
# The national scale end to end: generate the national dataset (once), run
# the rollup example on it, print wall time and peak memory; with DUCKDB=1
# also run the DuckDB SQL of scripts/duckdb_rollup.py and compare the files
# byte for byte. FORMAT=2 uses format version 2 (the 2025 restructuring,
# moves and lineage; rollup.csv and term.csv as they were, and rebased.csv).
#
#   bash scripts/national.sh [DATASET_DIR]
#   RUNS=3 DUCKDB=1 bash scripts/national.sh            # alternating runs, medians
#   FORMAT=2 RUNS=3 DUCKDB=1 bash scripts/national.sh   # version 2
#
# Needs the generator of the interchange format (gen.py, given to the
# project beside it, or set GEN=/path/to/gen.py) and `pip install numpy
# polars` (and `duckdb` for DUCKDB=1). Not run by the tests or CI.
set -euo pipefail
cd "$(dirname "$0")/.."
format=${FORMAT:-1}
if [ "$format" = 2 ]; then
  data=${1:-/tmp/party-oversight-national-v2}
else
  data=${1:-/tmp/party-oversight-national}
fi
gen=${GEN:-../shared/interchange/gen.py}
out=$(mktemp -d)
if [ ! -f "$data/oversight_subjects.csv" ]; then
  echo "generating the national dataset (format $format) into $data…" >&2
  python3 "$gen" --format "$format" --scale national --seed 1 "$data"
fi
cargo build --release --example rollup
runs=${RUNS:-1}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for i in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -o "$out/time" ./target/release/examples/rollup "$data" "$out/rust" >/dev/null 2>&1
  read -r wall peak < "$out/time"
  echo "run $i rollup: wall $wall s, peak $peak KiB" >&2
  echo "$wall" >> "$out/rust.wall"; echo "$peak" >> "$out/rust.peak"
  if [ "${DUCKDB:-0}" = 1 ]; then
    /usr/bin/time -f '%e %M' -o "$out/time" python3 scripts/duckdb_rollup.py "$data" "$out/duckdb" >/dev/null
    read -r wall peak < "$out/time"
    echo "run $i duckdb: wall $wall s, peak $peak KiB" >&2
    echo "$wall" >> "$out/duckdb.wall"; echo "$peak" >> "$out/duckdb.peak"
  fi
done
echo "rollup: median wall $(median < "$out/rust.wall") s, median peak $(median < "$out/rust.peak") KiB ($runs runs)"
if [ "${DUCKDB:-0}" = 1 ]; then
  echo "duckdb: median wall $(median < "$out/duckdb.wall") s, median peak $(median < "$out/duckdb.peak") KiB ($runs runs)"
  cmp "$out/rust/rollup.csv" "$out/duckdb/rollup.csv" && cmp "$out/rust/term.csv" "$out/duckdb/term.csv" \
    && cmp "$out/rust/rebased.csv" "$out/duckdb/rebased.csv" \
    && echo "rollup.csv, term.csv and rebased.csv are byte-identical"
fi
rm -rf "$out"
