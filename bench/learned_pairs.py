#!/usr/bin/env python3
"""Would a pair similarity learned from gold clusters beat the rules' one?

For every development set (articles in DIR/SET/, gold in DIR/SET-gold/, as
bench/devset.sh reads them) and the bundled sample (gold in tests/data/gold),
runs `credence report` and the `pair_features` example (the candidate pairs
of statements that clustering weighs, with the cosine and shared features of
every feature kind), labels the pairs whose statements are in gold clusters,
and fits a logistic model on them, cross-validated by story: each story is
clustered (average linkage on the predicted probability, as `report` does on
its similarity) by a model fitted on the other stories, at the threshold
that does best over those folds. Prints, per story, the claim-cluster
pairwise F1 and precision (the reference scorer's measure) of the rules'
similarity at its `link_threshold` and of the learned one; with --holdout,
the same on further sets, the model fitted on every story.

Needs numpy and scikit-learn, and the release binaries:
    cargo build --release --examples
    bench/learned_pairs.py [DIR] [--holdout DIR2] [--scoring DIR3]
DIR defaults to target/devset, DIR3 to ../shared/scoring (or $CREDENCE_SCORING).
"""
import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = ["stem", "name", "concept", "concept_pair", "figure", "topic", "topic_frame"]
FEATURES = (["similarity"] + [f"cos_{k}" for k in KINDS] + [f"shared_{k}" for k in KINDS]
            + ["size_ratio", "min_size", "position_diff", "same_outlet", "same_lang"])
THRESHOLDS = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]


def link_threshold():
    with open(os.path.join(ROOT, "rules", "fr.toml"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("link_threshold"):
                return float(line.split("=")[1])
    raise SystemExit("learned_pairs.py: no link_threshold in rules/fr.toml")


def sets_of(folder):
    out = []
    for name in sorted(os.listdir(folder)):
        gold = os.path.join(folder, f"{name}-gold", f"{name}-clusters.csv")
        if os.path.isdir(os.path.join(folder, name)) and os.path.isfile(gold):
            out.append((name, os.path.join(folder, name), gold))
    return out


def load_story(name, inputs, gold_path, tmp, scoring):
    sys.path.insert(0, scoring)
    from agree_eval import unit_index
    from evaluate import read

    out = os.path.join(tmp, name)
    credence = os.path.join(ROOT, "target", "release", "credence")
    features = os.path.join(ROOT, "target", "release", "examples", "pair_features")
    for binary in (credence, features):
        if not os.path.exists(binary):
            raise SystemExit(f"learned_pairs.py: no {binary}; run cargo build --release --examples")
    subprocess.run([credence, "report", *inputs, "--out", out], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tsv = subprocess.run([features, *inputs], check=True, capture_output=True, text=True).stdout
    claims = read(os.path.join(out, "claims.csv"))
    index = {(c["doc"], int(c["unit"])): i for i, c in enumerate(claims)}
    gold_of = {}
    for g in read(gold_path):
        i = unit_index(claims, g["doc"], g["text"])
        if i is not None:
            gold_of[i] = g["cluster"]
    pairs = []
    for row in csv.DictReader(tsv.splitlines(), delimiter="\t"):
        a, b = ([index[(m.rsplit(":", 1)[0], int(m.rsplit(":", 1)[1]))] for m in row[k].split()]
                for k in ("a", "b"))
        sa, sb = int(row["size_a"]), int(row["size_b"])
        x = [float(row["similarity"])] + [float(row[f"cos_{k}"]) for k in KINDS]
        x += [math.log1p(int(row[f"shared_{k}"])) for k in KINDS]
        x += [min(sa, sb) / max(sa, sb, 1), math.log(max(min(sa, sb), 1)),
              abs(float(row["position_a"]) - float(row["position_b"])),
              float(row["same_outlet"]), float(row["same_lang"])]
        ga = {gold_of[i] for i in a if i in gold_of}
        gb = {gold_of[i] for i in b if i in gold_of}
        label = int(bool(ga & gb)) if ga and gb else None
        pairs.append((tuple(a), tuple(b), x, label))
    return {"claims": claims, "gold_of": gold_of, "pairs": pairs}


def cluster_score(story, scores, threshold):
    """Average linkage over the candidate pairs (absent pairs count 0), as
    `report` clusters; the reference scorer's pairwise P, R, F1."""
    from agree_eval import pairwise

    nodes = {}
    for a, b, _, _ in story["pairs"]:
        for n in (a, b):
            nodes.setdefault(n, len(nodes))
    parent = list(range(len(nodes)))
    size = [1] * len(nodes)
    adj = [dict() for _ in nodes]
    edges = []
    for (a, b, _, _), s in zip(story["pairs"], scores):
        i, j = nodes[a], nodes[b]
        adj[i][j] = adj[i].get(j, 0.0) + s
        adj[j][i] = adj[j].get(i, 0.0) + s
        if s >= threshold:
            edges.append((-s, i, j))
    edges.sort()

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for _, i, j in edges:
        gi, gj = root(i), root(j)
        if gi != gj and adj[gi].get(gj, 0.0) / (size[gi] * size[gj]) >= threshold:
            for c, w in adj[gj].items():
                if c != gi:
                    adj[gi][c] = adj[gi].get(c, 0.0) + w
                    adj[c].pop(gj, None)
                    adj[c][gi] = adj[c].get(gi, 0.0) + w
            adj[gi].pop(gj, None)
            adj[gj] = {}
            size[gi] += size[gj]
            parent[gj] = gi
    groups = {}
    for n, i in nodes.items():
        groups.setdefault(root(i), []).extend(n)
    pred = {}
    claims = story["claims"]
    for g, members in groups.items():
        if len({claims[m]["doc"] for m in members}) >= 2:
            for m in members:
                pred[m] = g
    return pairwise(story["gold_of"], pred)


def fit(stories):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    xs = [p[2] for s in stories for p in s["pairs"] if p[3] is not None]
    ys = [p[3] for s in stories for p in s["pairs"] if p[3] is not None]
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000)
    model.fit(np.array(xs), ys)
    return model


def predict(model, story):
    import numpy as np

    return model.predict_proba(np.array([p[2] for p in story["pairs"]]))[:, 1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", nargs="?", default=os.path.join(ROOT, "target", "devset"))
    ap.add_argument("--holdout")
    ap.add_argument("--scoring", default=os.environ.get(
        "CREDENCE_SCORING", os.path.join(ROOT, "..", "shared", "scoring")))
    args = ap.parse_args()
    gold = os.path.join(ROOT, "tests", "data", "gold", "seeds-clusters.csv")
    with tempfile.TemporaryDirectory() as tmp:
        stories = {n: load_story(n, [p], g, tmp, args.scoring) for n, p, g in sets_of(args.dir)}
        stories["sample"] = load_story("sample", [], gold, tmp, args.scoring)
        held = {n: load_story(n, [p], g, tmp, args.scoring)
                for n, p, g in (sets_of(args.holdout) if args.holdout else [])}
    names = list(stories)
    rules_th = link_threshold()
    cv = {}
    for test in names:
        model = fit([stories[n] for n in names if n != test])
        scores = predict(model, stories[test])
        cv[test] = {th: cluster_score(stories[test], scores, th) for th in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda th: sum(cv[n][th][2] for n in names))
    model = fit(list(stories.values()))
    print(f"learned threshold (best over the folds): {best}; rules' link_threshold: {rules_th}")
    print("| story | rules F1 | rules P | learned F1 (cross-validated) | learned P |")
    print("| --- | --- | --- | --- | --- |")
    for n, s in list(stories.items()) + list(held.items()):
        sims = [p[2][0] if p[2][0] >= rules_th / 2 else 0.0 for p in s["pairs"]]
        rp, _, rf = cluster_score(s, sims, rules_th)
        lp, _, lf = cv[n][best] if n in cv else cluster_score(s, predict(model, s), best)
        tag = "" if n in cv else " (held out)"
        print(f"| {n}{tag} | {rf:.2f} | {rp:.2f} | {lf:.2f} | {lp:.2f} |")
    print("weights of the model fitted on every story:")
    for f, w in zip(FEATURES, model.coef_[0]):
        print(f"  {f:18} {w:+.3f}")
    print(f"  {'bias':18} {model.intercept_[0]:+.3f}")


if __name__ == "__main__":
    main()
