#!/usr/bin/env bash
# Time of `credence rules check` and `credence rules test` on a generated
# rules file with many cues (examples/synth_rules.rs: hedge rules of 100 cues
# each, with planted problems of every warning kind).
#
#   bench/rules_check.sh             # 10 000 cues
#   bench/rules_check.sh --cues 50000
#
# The file is written under the cargo target directory (target/bench/). Prints
# the cues, the wall seconds of each command (best of 5) and check's summary.
set -euo pipefail

cues=10000
while [[ $# -gt 0 ]]; do
    case "$1" in
        --cues)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || { echo "rules_check.sh: --cues needs a whole number" >&2; exit 2; }
            cues="$2"
            shift 2
            ;;
        -h|--help)
            sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "rules_check.sh: unknown argument '$1'" >&2
            exit 2
            ;;
    esac
done

cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
bench_dir="$target_dir/bench"
file="$bench_dir/rules-${cues}.toml"
bin="$target_dir/release/credence"
mkdir -p "$bench_dir"

echo "building the release binary..." >&2
cargo build --release --quiet --bin credence --example synth_rules
rules=$(( cues / 100 > 0 ? cues / 100 : 1 ))
"$target_dir/release/examples/synth_rules" --cues "$cues" --rules "$rules" > "$file"

# Best wall time of 5 runs, in seconds; the exit code is not checked (check
# exits 0 here, test may warn).
best_of_5() {
    local best=0 start end t
    for _ in 1 2 3 4 5; do
        start=$(date +%s%N)
        "$@" > /dev/null 2>&1 || true
        end=$(date +%s%N)
        t=$(( end - start ))
        if (( best == 0 || t < best )); then best=$t; fi
    done
    printf '%d.%03d' $(( best / 1000000000 )) $(( best / 1000000 % 1000 ))
}

echo "file: $file ($(wc -c < "$file") bytes, $cues cues, $rules rules)"
echo "rules check: $(best_of_5 "$bin" rules check "$file") s"
echo "rules test:  $(best_of_5 "$bin" rules test "$file") s"
"$bin" rules check "$file" | tail -1
