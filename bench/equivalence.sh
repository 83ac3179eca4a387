#!/usr/bin/env bash
# Compare the outputs of two credence binaries, byte for byte: `analyze`
# (CSV and JSON) on the bundled sample corpus and on a generated corpus,
# `report` on the sample corpus, and `analyze` on any further inputs given.
#
#   bench/equivalence.sh OLD_BIN NEW_BIN              # 100 MB generated corpus
#   bench/equivalence.sh OLD_BIN NEW_BIN 20           # another size (MB)
#   bench/equivalence.sh OLD_BIN NEW_BIN 20 DIR...    # also these inputs
#
# The generated corpus is the one bench/throughput.sh uses (examples/synth.rs,
# seed 1). Prints one line per comparison and each binary's time; on a
# difference, the first differing lines, and exits 1. Files go under the
# cargo target directory (target/equivalence/).
set -euo pipefail

usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
}

if [[ $# -lt 2 || "$1" == -h || "$1" == --help ]]; then
    usage >&2
    exit 2
fi
old="$(realpath "$1")"
new="$(realpath "$2")"
size_mb="${3:-100}"
shift 2
[[ $# -gt 0 ]] && shift
[[ "$size_mb" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "equivalence.sh: the size must be a number of MB" >&2; exit 2; }
for b in "$old" "$new"; do
    [[ -x "$b" ]] || { echo "equivalence.sh: $b is not an executable" >&2; exit 2; }
done
extra=()
for d in "$@"; do
    extra+=("$(realpath "$d")")
done

cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
dir="$target_dir/equivalence"
mkdir -p "$dir"
corpus="$dir/corpus-${size_mb}mb.jsonl"
if [[ ! -s "$corpus" ]]; then
    echo "generating $corpus..." >&2
    cargo build --release --quiet --example synth
    "$target_dir/release/examples/synth" --size-mb "$size_mb" --out "$corpus"
fi

status=0
# same NAME ARGS...: run both binaries with ARGS, compare their stdout.
same() {
    local name="$1" t0 t1 t2
    shift
    t0=$(date +%s.%N)
    "$old" "$@" > "$dir/old.out" 2> "$dir/old.err" || { echo "$name: the old binary failed" >&2; cat "$dir/old.err" >&2; status=1; return; }
    t1=$(date +%s.%N)
    "$new" "$@" > "$dir/new.out" 2> "$dir/new.err" || { echo "$name: the new binary failed" >&2; cat "$dir/new.err" >&2; status=1; return; }
    t2=$(date +%s.%N)
    local times
    times=$(awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "old %.2f s, new %.2f s", b - a, c - b }')
    if cmp -s "$dir/old.out" "$dir/new.out"; then
        echo "same       $name ($(wc -c < "$dir/new.out") bytes; $times)"
    else
        echo "DIFFERENT  $name ($times)"
        diff "$dir/old.out" "$dir/new.out" | head -20
        status=1
    fi
}

same "analyze sample (csv)" analyze
same "analyze sample (json)" analyze --format json
rm -rf "$dir/report-old" "$dir/report-new"
if SOURCE_DATE_EPOCH=0 "$old" report --html --out "$dir/report-old" > /dev/null 2>&1 \
    && SOURCE_DATE_EPOCH=0 "$new" report --html --out "$dir/report-new" > /dev/null 2>&1; then
    if diff -r "$dir/report-old" "$dir/report-new" > "$dir/report.diff"; then
        echo "same       report sample (every file)"
    else
        echo "DIFFERENT  report sample"
        head -20 "$dir/report.diff"
        status=1
    fi
else
    echo "report sample: a binary failed" >&2
    status=1
fi
for d in "${extra[@]}"; do
    same "analyze $(basename "$d")" analyze "$d"
done
same "analyze generated ${size_mb} MB (csv)" analyze "$corpus"
same "analyze generated ${size_mb} MB (json)" analyze "$corpus" --format json
if [[ "$status" -eq 0 ]]; then
    echo "the outputs are the same"
fi
exit "$status"
