#!/usr/bin/env python3
"""Time credence from Python against the command line, and a Dask run.

    python bench/python_vs_cli.py                 # ~100 MB, then Dask on 100 000 documents
    python bench/python_vs_cli.py --size-mb 10 --dask-docs 10000

Needs the package installed (pip install ./python[dask]) and the release
binary (cargo build --release; or --cli PATH). Generates JSONL with
credence.synth (sentences written for it, no article text) under
target/bench/python/, then:

1. `credence analyze FILE > out.csv` (the command line, CSV written);
2. in Python, each in a fresh interpreter: `credence.analyze(df)` on a
   DataFrame already read (the call alone), and reading the JSONL with
   pandas then analysing (end to end), and pyarrow.json + format="arrow";
3. `python -m credence.dask FILE OUT --by story` on a LocalCluster
   (one worker per core): analysis written as Parquet, then the report of
   each story; wall time and peak memory of the whole process tree
   (scheduler, nannies, workers), sampled every 0.2 s.

Each timing runs --repeat times (default 2) and the table gives each run;
the machine's speed drifts, so compare figures of one run of the script.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def generate(path: Path, *, size_mb: float | None = None, docs: int | None = None, seed: int = 0) -> tuple[int, int]:
    """Write a synthetic JSONL corpus: `docs` documents, or about `size_mb`
    MB. Returns (documents, bytes); reuses a file made with the same
    arguments."""
    from credence.synth import documents

    stamp = path.with_suffix(".json")
    want = {"size_mb": size_mb, "docs": docs, "seed": seed}
    if path.exists() and stamp.exists() and json.loads(stamp.read_text()).get("args") == want:
        info = json.loads(stamp.read_text())
        return info["docs"], info["bytes"]
    path.parent.mkdir(parents=True, exist_ok=True)
    if docs is None:
        sample = [json.dumps(d, ensure_ascii=False) for d in documents(2000, seed=seed)]
        avg = sum(len(s.encode()) + 1 for s in sample) / len(sample)
        docs = int(size_mb * 1e6 / avg)
    size = 0
    with open(path, "w", encoding="utf-8") as f:
        for d in documents(docs, seed=seed):
            line = json.dumps(d, ensure_ascii=False) + "\n"
            size += len(line.encode())
            f.write(line)
    stamp.write_text(json.dumps({"args": want, "docs": docs, "bytes": size}))
    return docs, size


def run_measured(cmd: list[str], *, stdout_path: Path | None = None) -> tuple[float, float, str, str]:
    """Run a command: (wall seconds, peak RSS in MB of the whole process
    tree, stdout (unless written to `stdout_path`), stderr)."""
    import psutil

    out_file = open(stdout_path, "wb") if stdout_path else None
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=out_file or subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    peak = 0
    stop = threading.Event()
    streams: dict[str, bytes] = {}

    def drain(name, stream):
        streams[name] = stream.read() if stream else b""

    def sample():
        nonlocal peak
        try:
            parent = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not stop.is_set():
            total = 0
            try:
                procs = [parent, *parent.children(recursive=True)]
            except psutil.Error:
                break
            for q in procs:
                try:
                    total += q.memory_info().rss
                except psutil.Error:
                    pass
            peak = max(peak, total)
            stop.wait(0.2)

    threads = [
        threading.Thread(target=drain, args=("out", proc.stdout)),
        threading.Thread(target=drain, args=("err", proc.stderr)),
        threading.Thread(target=sample),
    ]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    for t in threads:
        t.join()
    if out_file:
        out_file.close()
    # The sampled tree's peak, or the process's own from the kernel.
    peak_mb = max(peak, usage.ru_maxrss * 1024) / 1e6
    stderr = streams["err"].decode(errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)}: exit {proc.returncode}\n{stderr}")
    return wall, peak_mb, streams["out"].decode(errors="replace"), stderr


PY_ANALYZE = textwrap.dedent(
    """
    import sys, time, json
    import pandas as pd, credence
    path, mode = sys.argv[1], sys.argv[2]
    if mode == "call":
        df = pd.read_json(path, lines=True, dtype=False)
        t0 = time.perf_counter()
        out = credence.analyze(df)
        t = time.perf_counter() - t0
    elif mode == "pandas":
        t0 = time.perf_counter()
        df = pd.read_json(path, lines=True, dtype=False)
        out = credence.analyze(df)
        t = time.perf_counter() - t0
    else:
        import pyarrow as pa, pyarrow.json as pj
        # Metadata as written (pyarrow would read dates as timestamps).
        strings = pa.schema([(c, pa.string()) for c in ["id", "text", "outlet", "title", "url", "published", "language", "story"]])
        t0 = time.perf_counter()
        table = pj.read_json(path, parse_options=pj.ParseOptions(explicit_schema=strings))
        out = credence.analyze(table, format="arrow")
        t = time.perf_counter() - t0
    print(json.dumps({"seconds": t, "rows": len(out)}))
    """
)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--size-mb", type=float, default=100, help="0 to skip the comparison with the CLI")
    p.add_argument("--dask-docs", type=int, default=100_000, help="0 to skip the Dask run")
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--cli", default=str(ROOT / "target" / "release" / "credence"))
    p.add_argument("--dir", default=str(ROOT / "target" / "bench" / "python"))
    p.add_argument("--workers", type=int, default=os.cpu_count())
    args = p.parse_args()

    import credence

    work = Path(args.dir)
    work.mkdir(parents=True, exist_ok=True)
    if not Path(args.cli).exists():
        raise SystemExit(f"no binary at {args.cli}: run cargo build --release, or give --cli")

    print(f"credence {credence.__version__}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if args.size_mb:
        compare_cli(args, work)
    if args.dask_docs:
        run_dask(args, work)
    return 0


def compare_cli(args: argparse.Namespace, work: Path) -> None:
    corpus = work / f"corpus-{args.size_mb:g}mb.jsonl"
    t0 = time.perf_counter()
    n_docs, n_bytes = generate(corpus, size_mb=args.size_mb)
    mb = n_bytes / 1e6
    print(f"corpus: {n_docs} documents, {mb:.1f} MB ({time.perf_counter() - t0:.1f} s to make or reuse)")
    print()
    rows = []
    for r in range(args.repeat):
        wall, rss, _, _ = run_measured([args.cli, "analyze", str(corpus)], stdout_path=work / "cli-out.csv")
        rows.append(("credence analyze FILE > out.csv (CLI)", r, wall, wall, rss))
        for mode, label in [
            ("call", "credence.analyze(df), df read before"),
            ("pandas", "pd.read_json + credence.analyze(df)"),
            ("arrow", "pyarrow.json.read_json + analyze(format='arrow')"),
        ]:
            wall, rss, out, _ = run_measured([sys.executable, "-c", PY_ANALYZE, str(corpus), mode])
            rows.append((label, r, wall, json.loads(out)["seconds"], rss))
    print("timed: the CLI's wall time; for Python, the part named (the process's")
    print("wall time, with the interpreter's start, imports and for the call alone")
    print("the reading of the JSONL, is in the wall column)")
    print(f"{'what':50} {'run':>3} {'wall s':>7} {'timed s':>8} {'MB/s':>6} {'peak RSS':>9}")
    for label, r, wall, timed, rss in rows:
        print(f"{label:50} {r:>3} {wall:>7.2f} {timed:>8.2f} {mb / timed:>6.2f} {rss:>6.0f} MB")
    best_cli = min(t for label, _, _, t, _ in rows if "CLI" in label)
    for key in ("credence.analyze(df)", "pd.read_json", "pyarrow.json"):
        best = min(t for label, _, _, t, _ in rows if label.startswith(key))
        print(f"best {key}: {best:.2f} s = {best / best_cli:.2f} x the CLI's best ({best_cli:.2f} s)")


def run_dask(args: argparse.Namespace, work: Path) -> None:
    print()
    dcorpus = work / f"dask-{args.dask_docs}.jsonl"
    d_docs, d_bytes = generate(dcorpus, docs=args.dask_docs, seed=1)
    out = work / "dask-out"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [
        sys.executable, "-m", "credence.dask", str(dcorpus), str(out),
        "--by", "story", "--workers", str(args.workers), "--threads", "1", "--blocksize", "16MiB",
    ]
    wall, rss, _, err = run_measured(cmd)
    claims = sum(1 for _ in (out / "claims").glob("*.parquet"))
    print(f"Dask: {d_docs} documents, {d_bytes / 1e6:.1f} MB, {args.workers} workers x 1 thread")
    print(f"  wall {wall:.1f} s (cluster start included), peak RSS of the process tree {rss:.0f} MB")
    print(f"  {claims} claims files; stages: " + "; ".join(line.strip() for line in err.splitlines() if line.startswith(("claims:", "report by"))))
    wall_cli, rss_cli, _, _ = run_measured([args.cli, "report", str(dcorpus), "--out", str(work / "cli-report")])
    print(f"  for comparison, credence report on the whole corpus (one alignment): {wall_cli:.1f} s, {rss_cli:.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
