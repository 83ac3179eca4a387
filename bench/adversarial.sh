#!/usr/bin/env bash
# Time and peak memory of `credence analyze` on adversarial single documents
# whose size doubles, per shape, and the growth of the time per doubling.
#
#   bench/adversarial.sh                  # every shape, 100 KB to 6.4 MB
#   bench/adversarial.sh --quick          # smoke run: 100 KB to 400 KB
#   bench/adversarial.sh --shapes nostop,quotes --max-kb 1600
#   bench/adversarial.sh --bin path/to/credence   # another binary
#
# Shapes (one document each, analysed as French):
#   nostop     one sentence without end: "la Russie pourrait envoyer ... et " repeated
#   quotes     an unclosed quotation full of cues: "« " + "selon lui pourrait " x3, repeated
#   nested     quotation marks of every kind opened and never closed, nested
#   digits     runs of digits and separators: "12 345,67 / 8.9-10 000 ; ..."
#   capitals   all capitals, with dots: "LA RUSSIE POURRAIT ... EXPERTS. M. "
#   cue        one cue repeated: "selon selon selon ..."
#   table      one long line of a table: "| Paris | 12 345 | 6,7 % | ..."
#   mixed      mixed scripts: Cyrillic, CJK, Arabic, Latin, digits, emoji
#   pullquote  quotation paragraphs without a speaker between quoted
#              paragraphs with one (the search for a repeated quotation)
#
# Time is the CPU time of the run (user + system: one document is analysed
# on one thread, and CPU time is less disturbed than wall-clock time by other
# work on the machine), best of --runs runs (default 1; 3 with --quick);
# peak memory is the maximum resident set size reported by /usr/bin/time -v.
# growth is the time at a size over the time at half that size: about 2 when
# time is linear (less at small sizes, where start-up dominates), 4 when it
# is quadratic. The run fails (exit 1) when a growth exceeds --limit (2.3).
# Inputs go under the cargo target directory (target/bench/adversarial/).
set -euo pipefail

usage() {
    sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'
}

max_kb=6400
runs=1
limit=2.3
bin=""
shapes="nostop,quotes,nested,digits,capitals,cue,table,mixed,pullquote"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick)
            max_kb=400
            runs=3
            shift
            ;;
        --max-kb)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || { echo "adversarial.sh: --max-kb needs a whole number" >&2; exit 2; }
            max_kb="$2"
            shift 2
            ;;
        --runs)
            [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "adversarial.sh: --runs needs a positive number" >&2; exit 2; }
            runs="$2"
            shift 2
            ;;
        --limit)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "adversarial.sh: --limit needs a number" >&2; exit 2; }
            limit="$2"
            shift 2
            ;;
        --shapes)
            [[ $# -ge 2 ]] || { echo "adversarial.sh: --shapes needs a list" >&2; exit 2; }
            shapes="$2"
            shift 2
            ;;
        --bin)
            [[ $# -ge 2 ]] || { echo "adversarial.sh: --bin needs a path" >&2; exit 2; }
            bin="$2"
            shift 2
            ;;
        -h|--help)
            usage
            exit 0
            ;;
        *)
            echo "adversarial.sh: unknown option $1 (see --help)" >&2
            exit 2
            ;;
    esac
done

[[ -x /usr/bin/time ]] || { echo "adversarial.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "adversarial.sh: needs python3 to write the inputs" >&2; exit 2; }

root="$(cd "$(dirname "$0")/.." && pwd)"
target="$(cd "$root" && cargo metadata --format-version 1 --no-deps 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])' 2>/dev/null || echo "$root/target")"
if [[ -z "$bin" ]]; then
    (cd "$root" && cargo build --release --quiet)
    bin="$target/release/credence"
fi
dir="$target/bench/adversarial"
mkdir -p "$dir"

# Write SHAPE at SIZE bytes (cut on a character boundary) to FILE.
make_input() {
    python3 - "$1" "$2" "$3" <<'PY'
import sys
shape, size, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pieces = {
    "nostop": "la Russie pourrait envoyer des troupes selon des experts et ",
    "quotes": "« " + "selon lui pourrait " * 3,
    "nested": "« il a dit “ que « selon eux ‘ peut-être \" l'armée ( [ ",
    "digits": "12 345,67 / 8.9-10 000 ; 3,5 % 1.000.000 2024-11-05 +33 ",
    "capitals": "LA RUSSIE POURRAIT ENVOYER DES TROUPES SELON DES EXPERTS. M. ",
    "cue": "selon ",
    "table": "| Paris | 12 345 | 6,7 % | 2024 | hausse de 3 | ",
    "mixed": "Россия может 北朝鮮 派兵 selon des experts مصادر تقول 10 000 soldats 🙂 ",
    "pullquote": "« un deux trois quatre cinq six »\n« Sept huit neuf dix », a dit Paul.\n",
}
if shape not in pieces:
    sys.exit(f"adversarial.sh: unknown shape {shape}; use one of {', '.join(pieces)}")
p = pieces[shape].encode()
data = (p * (size // len(p) + 1))[:size].decode("utf-8", "ignore")
with open(path, "w", encoding="utf-8") as f:
    f.write(data)
PY
}

# Best wall time (s) and largest peak RSS (KB) of RUNS runs on FILE.
measure() {
    local file="$1" best="" rss=0 log="$dir/time.log"
    for _ in $(seq "$runs"); do
        /usr/bin/time -v "$bin" analyze --lang fr "$file" >/dev/null 2>"$log" || {
            echo "adversarial.sh: credence failed on $file:" >&2
            tail -5 "$log" >&2
            exit 1
        }
        local wall kb
        wall=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {s += $2} END {print s}' "$log")
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
        if [[ -z "$best" ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best="$wall"
        fi
        ((kb > rss)) && rss="$kb"
    done
    echo "$best $rss"
}

failed=0
printf '%-10s %10s %9s %8s %10s %7s\n' shape KB "cpu s" MB/s "peak MB" growth
IFS=',' read -r -a shape_list <<<"$shapes"
for shape in "${shape_list[@]}"; do
    prev=""
    kb=100
    while ((kb <= max_kb)); do
        file="$dir/$shape-$kb.txt"
        make_input "$shape" $((kb * 1000)) "$file"
        read -r secs rss < <(measure "$file")
        growth="-"
        if [[ -n "$prev" ]]; then
            growth=$(awk -v a="$secs" -v b="$prev" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
            if awk -v g="$growth" -v l="$limit" 'BEGIN { exit !(g > l) }'; then
                growth="$growth !"
                failed=1
            fi
        fi
        printf '%-10s %10d %9.2f %8.2f %10.1f %7s\n' "$shape" "$kb" "$secs" \
            "$(awk -v s="$secs" -v k="$kb" 'BEGIN { printf "%.2f", (s > 0 ? k / 1000 / s : 0) }')" \
            "$(awk -v r="$rss" 'BEGIN { printf "%.1f", r / 1024 }')" "$growth"
        prev="$secs"
        rm -f "$file"
        kb=$((kb * 2))
    done
done
if ((failed)); then
    echo "adversarial.sh: time grew by more than $limit for one doubling (marked !)" >&2
    exit 1
fi
