#!/usr/bin/env bash
# Quality of credence on the development sets (real articles on other
# stories, with gold) and on the bundled sample, scored by the reference
# scorers.
#
#   bench/devset.sh                       # sets restored under target/devset/
#   bench/devset.sh DIR                   # sets restored under DIR
#   bench/devset.sh --scoring DIR         # the reference scorers' folder
#   bench/devset.sh --sets fr-mayotte     # some sets only (comma-separated)
#   bench/devset.sh --json                # every figure as one JSON document
#   bench/devset.sh --keep OUT            # keep the analyses and reports in OUT
#
# DIR holds, per set, the articles in SET/ (with their sources.csv) and the
# gold in SET-gold/ (SET-sentences.csv, SET-figures.csv, SET-clusters.csv),
# as the development sets' README restores them. The scorers are
# evaluate.py and agree_eval.py, by default from ../shared/scoring beside the
# repository (or $CREDENCE_SCORING). Each set is analysed (`credence
# analyze`) and reported (`credence report`) with the bundled rules, by the
# release binary (or $CREDENCE_BIN, to score another build); the sample
# corpus is scored against tests/data/gold.
#
# Prints two tables: the per-unit measures (kind, hedge, label, Spearman,
# source, figures) per set, pooled (every set's units scored together) and on
# the sample; and the cross-source measures (claim-cluster and figure-topic
# pairwise F1 over the units in gold clusters, the TF-IDF baseline) per set,
# their mean over the sets (pooled), and the sample.
set -euo pipefail

usage() {
    sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'
}

root="$(cd "$(dirname "$0")/.." && pwd)"
dir=""
scoring="${CREDENCE_SCORING:-$root/../shared/scoring}"
sets=""
json=0
keep=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --scoring)
            [[ $# -ge 2 ]] || { echo "devset.sh: --scoring needs a folder" >&2; exit 2; }
            scoring="$2"
            shift 2
            ;;
        --sets)
            [[ $# -ge 2 ]] || { echo "devset.sh: --sets needs set names such as fr-mayotte,en-lafires" >&2; exit 2; }
            sets="$2"
            shift 2
            ;;
        --keep)
            [[ $# -ge 2 ]] || { echo "devset.sh: --keep needs a folder" >&2; exit 2; }
            keep="$2"
            shift 2
            ;;
        --json)
            json=1
            shift
            ;;
        -h|--help)
            usage
            exit 0
            ;;
        -*)
            echo "devset.sh: unknown argument '$1'" >&2
            usage >&2
            exit 2
            ;;
        *)
            [[ -z "$dir" ]] || { echo "devset.sh: one folder of sets only (got '$dir' and '$1')" >&2; exit 2; }
            dir="$1"
            shift
            ;;
    esac
done
cd "$root"
dir="${dir:-target/devset}"

for f in evaluate.py agree_eval.py; do
    [[ -f "$scoring/$f" ]] || {
        echo "devset.sh: no reference scorer $scoring/$f; give its folder with --scoring DIR" >&2
        exit 2
    }
done
[[ -d "$dir" ]] || {
    echo "devset.sh: no folder '$dir'; restore the development sets there first (see their README)" >&2
    exit 2
}
if [[ -z "$sets" ]]; then
    for g in "$dir"/*-gold; do
        [[ -d "$g" ]] || continue
        s="$(basename "$g" -gold)"
        [[ -d "$dir/$s" ]] && sets="${sets:+$sets,}$s"
    done
fi
[[ -n "$sets" ]] || {
    echo "devset.sh: no restored set in '$dir' (expected SET/ and SET-gold/ folders)" >&2
    exit 2
}

cargo build --release -q
bin="${CREDENCE_BIN:-$root/target/release/credence}"
if [[ -n "$keep" ]]; then
    out="$keep"
    mkdir -p "$out"
else
    out="$(mktemp -d)"
    trap 'rm -rf "$out"' EXIT
fi

IFS=',' read -r -a names <<<"$sets"
for s in "${names[@]}"; do
    [[ -d "$dir/$s" && -d "$dir/$s-gold" ]] || {
        echo "devset.sh: set '$s' is not restored in '$dir' (need $s/ and $s-gold/)" >&2
        exit 2
    }
    "$bin" analyze "$dir/$s" >"$out/$s.csv"
    "$bin" report "$dir/$s" --out "$out/$s-report" 2>&1 >/dev/null | { grep -v "^credence: wrote" >&2 || true; }
done
"$bin" analyze >"$out/sample.csv"
"$bin" report --out "$out/sample-report" 2>&1 >/dev/null | { grep -v "^credence: wrote" >&2 || true; }

python3 - "$scoring" "$dir" "$out" "$json" "${names[@]}" <<'PY'
import json, os, sys

scoring, folder, out, as_json, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1", sys.argv[5:]
sys.path.insert(0, scoring)
from evaluate import evaluate, read  # noqa: E402
from agree_eval import score  # noqa: E402


def gold(s, kind):
    path = os.path.join(folder, f"{s}-gold", f"{s}-{kind}.csv")
    return path if os.path.exists(path) else None


units, agree = {}, {}
pooled_sys, pooled_sent, pooled_fig = [], [], []
for s in names:
    system = read(os.path.join(out, f"{s}.csv"))
    sent, fig = read(gold(s, "sentences")), read(gold(s, "figures")) if gold(s, "figures") else []
    units[s] = evaluate(system, sent, fig)
    pooled_sys += system
    pooled_sent += sent
    pooled_fig += fig
    if gold(s, "clusters"):
        agree[s] = score(os.path.join(out, f"{s}-report"), gold(s, "clusters"), gold(s, "figures"), tfidf=True)
units["pooled"] = evaluate(pooled_sys, pooled_sent, pooled_fig)
if agree:
    keys = [k for k in next(iter(agree.values())) if isinstance(next(iter(agree.values()))[k], float)]
    agree["pooled"] = {k: sum(a[k] for a in agree.values()) / len(agree) for k in keys}
sample_gold = os.path.join("tests", "data", "gold")
units["sample"] = evaluate(
    read(os.path.join(out, "sample.csv")),
    read(os.path.join(sample_gold, "seeds-sentences.csv")),
    read(os.path.join(sample_gold, "seeds-figures.csv")),
)
agree["sample"] = score(
    os.path.join(out, "sample-report"),
    os.path.join(sample_gold, "seeds-clusters.csv"),
    os.path.join(sample_gold, "seeds-figures.csv"),
    tfidf=True,
)

if as_json:
    print(json.dumps({"units": units, "agreement": agree}, indent=2, sort_keys=True))
    sys.exit(0)

cols = names + ["pooled", "sample"]


def table(title, rows, data):
    print(f"| {title} | " + " | ".join(cols) + " |")
    print("| --- |" + " --- |" * len(cols))
    for label, key in rows:
        cells = []
        for c in cols:
            v = data.get(c, {}).get(key)
            cells.append("" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v)))
        print(f"| {label} | " + " | ".join(cells) + " |")
    print()


table("measure", [
    ("gold units", "gold_units"),
    ("units found", "units_found"),
    ("kind accuracy", "kind_accuracy"),
    ("hedge F1 (certain vs not)", "hedge_f1"),
    ("hedge precision", "hedge_precision"),
    ("hedge recall", "hedge_recall"),
    ("label accuracy", "label_accuracy"),
    ("label macro-F1", "label_macro_f1"),
    ("source recall", "source_recall"),
    ("source precision", "source_precision"),
    ("figure F1", "figure_f1"),
    ("figure precision", "figure_precision"),
    ("figure recall", "figure_recall"),
    ("Spearman, certainty vs gold level", "spearman"),
], units)
table("pairwise, units in gold clusters", [
    ("claim-cluster F1", "cluster_f1"),
    ("claim-cluster precision", "cluster_precision"),
    ("claim-cluster recall", "cluster_recall"),
    ("figure-topic F1", "topic_f1"),
    ("figure-topic precision", "topic_precision"),
    ("figure-topic recall", "topic_recall"),
    ("TF-IDF baseline F1", "tfidf_f1"),
], agree)
PY
