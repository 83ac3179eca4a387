"""credence on Dask: per-document analysis as a map over partitions, and
the cross-document report as a group-by on a key such as a story id.

Analysis is a pure function of one document, so it runs on each partition
of a ``dask.dataframe`` where the partition lives (:func:`analyze`).
Alignment needs the documents that can state the same facts together:
:func:`report_by` shuffles the documents so that each group (a story id, or
a day and a named entity) is in one partition, then aligns and reports each
group on its own, so that its cost stays per group.

>>> import credence.dask as cdask
>>> ddf = cdask.read("articles/*.jsonl")            # or Parquet files
>>> claims = cdask.analyze(ddf)                      # lazy: a dask DataFrame
>>> claims.to_parquet("claims/")                     # or cdask.write_parquet
>>> cdask.report_by(ddf, "story", "report/")         # report/<table>/part-*.parquet

The same from a shell, on a local cluster or a scheduler's address::

    python -m credence.dask articles.jsonl out/ --by story --workers 2

Every worker needs the ``credence`` package; a :class:`credence.Rules`
travels to the workers as its text. Each partition is analysed with the
engine's thread pool (``threads``, default all cores of the worker), so give
workers one Dask thread each and let credence use the cores, or set
``threads=1`` and use Dask threads.

Document ids must be unique across the corpus (the command line refuses a
duplicate; across partitions this is not checked).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import dask
import dask.dataframe as dd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import credence
from credence import RulesLike, _analyze_arrow, _report_arrow, _rules

__all__ = ["read", "analyze", "write_parquet", "report_by", "claims_meta", "main"]

_POS = "__credence_pos"
_PART = "__credence_part"


def claims_meta() -> pd.DataFrame:
    """An empty DataFrame with the columns and dtypes of
    :func:`credence.analyze` (the ``meta`` of :func:`analyze`)."""
    return credence.claims_schema().empty_table().to_pandas()


def read(paths: str | Sequence[str], *, blocksize: int | str | None = "64MiB") -> dd.DataFrame:
    """Documents from JSONL files (``.jsonl``/``.ndjson``, one object a line
    with ``id``, ``text`` and optional metadata, as ``credence analyze``
    reads them) or Parquet files/directories, as a dask DataFrame.

    JSONL is split into partitions of about ``blocksize`` bytes; values are
    kept as written (no date or number conversion of metadata)."""
    if isinstance(blocksize, str):
        from dask.utils import parse_bytes

        blocksize = parse_bytes(blocksize)
    first = paths if isinstance(paths, str) else paths[0]
    if str(first).endswith((".jsonl", ".ndjson", ".json")) or ".jsonl" in str(first):
        kwargs: dict[str, Any] = {"dtype": False}
        if int(pd.__version__.split(".")[0]) < 3:
            kwargs["convert_dates"] = False  # pandas 3 deprecates it; dtype=False suffices there
        return dd.read_json(paths, lines=True, blocksize=blocksize, orient="records", **kwargs)
    return dd.read_parquet(paths)


def _analyze_partition(
    part: pd.DataFrame, lang: str | None, rules: RulesLike, threads: int | None
) -> pd.DataFrame:
    table = _analyze_arrow(
        part, lang=lang, rules=rules, threads=threads, caller="credence.dask.analyze", allow_empty=True
    )
    return table.to_pandas()


def analyze(
    ddf: dd.DataFrame,
    *,
    lang: str | None = None,
    rules: RulesLike = None,
    threads: int | None = None,
) -> dd.DataFrame:
    """Analyse every partition of a dask DataFrame of documents (``id``,
    ``text`` and the optional metadata columns, as for
    :func:`credence.analyze`): a lazy dask DataFrame of the rows of
    ``credence analyze``, partition by partition, in input order.

    ``rules`` may be a path: it is loaded (and checked) here, once, and sent
    to the workers as text."""
    rules = _rules(rules)
    return ddf.map_partitions(_analyze_partition, lang, rules, threads, meta=claims_meta())


def write_parquet(claims: dd.DataFrame, out: str | os.PathLike[str], **kwargs: Any) -> None:
    """Write the claims as a Parquet dataset: one file per partition
    (``part-00000.parquet``, ... in partition order), or a directory per
    value with ``partition_on=[...]`` (pandas' ``to_parquet`` options pass
    through)."""
    kwargs.setdefault("write_index", False)
    if "partition_on" not in kwargs:
        kwargs.setdefault("name_function", lambda i: f"part-{i:05d}.parquet")
    claims.to_parquet(os.fspath(out), **kwargs)


def _number(part: pd.DataFrame, partition_info: dict | None = None) -> pd.DataFrame:
    part = part.copy()
    part[_PART] = (partition_info or {}).get("number", 0)
    part[_POS] = range(len(part))
    return part


def _report_partition(
    part: pd.DataFrame,
    number: int,
    keys: list[str],
    out: str,
    lang: str | None,
    rules: RulesLike,
    threads: int | None,
    key_schema: pa.Schema,
) -> dict[str, int]:
    if len(part) == 0:
        return {}
    # Documents in input order, whatever order the shuffle left them in.
    part = part.sort_values([_PART, _POS], kind="stable").drop(columns=[_PART, _POS])
    tables = _report_arrow(
        part,
        lang=lang,
        rules=rules,
        group_by=keys,
        threads=threads,
        caller="credence.dask.report_by",
        key_schema=key_schema,
    )
    rows = {}
    for name, table in tables.items():
        directory = Path(out) / name
        directory.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, directory / f"part-{number:05d}.parquet")
        rows[name] = table.num_rows
    return rows


def report_by(
    ddf: dd.DataFrame,
    by: str | Sequence[str],
    out: str | os.PathLike[str],
    *,
    lang: str | None = None,
    rules: RulesLike = None,
    threads: int | None = None,
    npartitions: int | None = None,
    compute: bool = True,
) -> dict[str, int] | list[Any]:
    """Group the documents by ``by`` (one column or several), align and
    report each group on its own, and write each report table as a Parquet
    dataset ``OUT/<table>/part-*.parquet``.

    The documents are shuffled so that every group is in one partition
    (``npartitions``: as many as ``ddf`` by default); within a group they
    keep their input order, so each group's tables are those of
    ``credence report`` on that group's documents. The tables start with
    the key columns and ``agreement`` is in long form, as with
    ``credence.report(..., group_by=...)``.

    Returns the number of rows written per table, or with ``compute=False``
    the delayed tasks (one per partition) to compute later."""
    keys = [by] if isinstance(by, str) else list(by)
    missing = [k for k in keys if k not in ddf.columns]
    if missing or not keys:
        raise ValueError(
            f"credence.dask.report_by: no column {', '.join(missing) or '(none given)'} "
            f"(columns: {', '.join(map(str, ddf.columns))})"
        )
    rules = _rules(rules)
    key_schema = pa.Schema.from_pandas(ddf._meta[keys], preserve_index=False)
    meta = ddf._meta.assign(**{_PART: pd.Series(dtype="int64"), _POS: pd.Series(dtype="int64")})
    numbered = ddf.map_partitions(_number, meta=meta)
    shuffled = numbered.shuffle(on=keys, npartitions=npartitions or ddf.npartitions)
    out = os.fspath(out)
    tasks = [
        dask.delayed(_report_partition)(part, i, keys, out, lang, rules, threads, key_schema)
        for i, part in enumerate(shuffled.to_delayed())
    ]
    if not compute:
        return tasks
    totals: dict[str, int] = {name: 0 for name in credence.TABLES}
    for rows in dask.compute(*tasks):
        for name, n in rows.items():
            totals[name] += n
    return totals


# ─── command line ─────────────────────────────────────────────────────────────


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m credence.dask INPUT... OUT``: analyse JSONL or Parquet
    documents on a Dask cluster, write ``OUT/claims/part-*.parquet`` and,
    with ``--by``, ``OUT/report/<table>/part-*.parquet``."""
    p = argparse.ArgumentParser(prog="python -m credence.dask", description=main.__doc__)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="JSONL files or Parquet files/directories")
    p.add_argument("out", metavar="OUT", help="output directory")
    p.add_argument("--by", action="append", help="group key column for the report (repeat for several)")
    p.add_argument("--lang", choices=["fr", "en"])
    p.add_argument("--rules", help="a rules file replacing the bundled one of its language")
    p.add_argument("--scheduler", help="address of a running scheduler (default: a LocalCluster)")
    p.add_argument("--workers", type=int, default=None, help="LocalCluster workers (default: cores)")
    p.add_argument("--threads", type=int, default=None, help="credence threads per partition")
    p.add_argument("--blocksize", default="64MiB", help="JSONL partition size (default 64MiB)")
    args = p.parse_args(argv)

    from dask.distributed import Client, LocalCluster

    rules = _rules(args.rules)
    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True)
        client = Client(cluster)
    try:
        t0 = time.perf_counter()
        docs = read(args.inputs, blocksize=args.blocksize)
        claims = analyze(docs, lang=args.lang, rules=rules, threads=args.threads)
        write_parquet(claims, Path(args.out) / "claims")
        t1 = time.perf_counter()
        print(f"claims: {docs.npartitions} partitions, {t1 - t0:.1f} s", file=sys.stderr)
        if args.by:
            rows = report_by(docs, args.by, Path(args.out) / "report", lang=args.lang, rules=rules, threads=args.threads)
            t2 = time.perf_counter()
            print(f"report by {', '.join(args.by)}: {rows}, {t2 - t1:.1f} s", file=sys.stderr)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
