#!/usr/bin/env bash
# Throughput of `credence analyze` on a large JSONL corpus made from the
# bundled sample articles.
#
#   bench/throughput.sh              # 100 MB corpus
#   bench/throughput.sh --size-mb 20 # another size (1 MB = 1 048 576 bytes)
#   bench/throughput.sh --smoke      # about 1 MB: checks that the benchmark runs
#
# The corpus is written under the cargo target directory (target/bench/), out
# of git. Prints input MB, wall seconds, MB/s, documents/s and peak RSS.
set -euo pipefail

usage() {
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
}

size_mb=100
smoke=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --size-mb)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "throughput.sh: --size-mb needs a number" >&2; exit 2; }
            size_mb="$2"
            shift 2
            ;;
        --smoke)
            smoke=1
            size_mb=1
            shift
            ;;
        -h|--help)
            usage
            exit 0
            ;;
        *)
            echo "throughput.sh: unknown argument '$1'" >&2
            usage >&2
            exit 2
            ;;
    esac
done

cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
bench_dir="$target_dir/bench"
corpus="$bench_dir/corpus-${size_mb}mb.jsonl"
bin="$target_dir/release/credence"
mkdir -p "$bench_dir"

echo "building the release binary..." >&2
cargo build --release --quiet --bin credence --example synth
"$target_dir/release/examples/synth" --size-mb "$size_mb" --out "$corpus"

bytes=$(wc -c < "$corpus")
docs=$(wc -l < "$corpus")
err="$bench_dir/analyze.stderr"
stats="$bench_dir/time.txt"

# Peak RSS from GNU time when present; otherwise sample VmHWM from /proc.
now() {
    if [[ -n "${EPOCHREALTIME:-}" ]]; then echo "${EPOCHREALTIME/,/.}"; else date +%s.%N; fi
}
fail() {
    local status=$?
    echo "throughput.sh: credence analyze failed (exit $status):" >&2
    head -20 "$err" >&2
    exit "$status"
}
peak_kb=""
start=$(now)
if /usr/bin/time -v true >/dev/null 2>&1; then
    /usr/bin/time -v -o "$stats" "$bin" analyze "$corpus" > /dev/null 2> "$err" || fail
    end=$(now)
    peak_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$stats")
else
    "$bin" analyze "$corpus" > /dev/null 2> "$err" &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
        [[ -n "$hwm" ]] && peak_kb="$hwm"
        sleep 0.05
    done
    wait "$pid" || fail
    end=$(now)
fi

if [[ -s "$err" ]]; then
    echo "credence wrote on stderr:" >&2
    head -5 "$err" >&2
fi

awk -v bytes="$bytes" -v docs="$docs" -v start="$start" -v end="$end" -v peak="$peak_kb" 'BEGIN {
    secs = end - start
    if (secs <= 0) secs = 0.001
    mb = bytes / 1e6
    printf "input         %.1f MB (%d documents)\n", mb, docs
    printf "wall          %.2f s\n", secs
    printf "throughput    %.2f MB/s\n", mb / secs
    printf "documents/s   %.0f\n", docs / secs
    if (peak != "") printf "peak RSS      %.0f MB\n", peak * 1024 / 1e6
    else printf "peak RSS      n/a\n"
}'

if [[ "$smoke" -eq 1 ]]; then
    rm -f "$corpus"
fi
