"""credence on Spark: per-document analysis with ``mapInArrow``, and the
cross-document report per group of documents with ``applyInArrow``.

>>> import credence.spark as cspark
>>> docs = spark.read.json("articles/*.jsonl")         # id, text, metadata
>>> claims = cspark.analyze(docs)                      # a Spark DataFrame
>>> claims.write.parquet("claims/")
>>> report = cspark.report_by(docs, "story")           # one pass, every table
>>> report.claims.write.parquet("report/claims/")      # report.tables["claims"], ...

Batches go from the JVM to Python as Arrow and back as Arrow: no CSV and no
row-by-row conversion. Each executor's Python worker needs the ``credence``
package (``pip install`` it on every node, or ship a wheel with
``--py-files``/an environment archive); a :class:`credence.Rules` travels
as its text. ``analyze`` needs Spark 3.3 or later; ``report_by`` Spark 4.0
or later (``applyInArrow``).

Document ids must be unique across the corpus (not checked across
partitions).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, Sequence

import pyarrow as pa

import credence
from credence import META_COLUMNS, RulesLike, _analyze_arrow, _credence, _report_arrow, _rules

__all__ = ["analyze", "report_by", "claims_schema", "GroupedReport"]

_POS = "__credence_pos"
_TABLE = "table"


def _spark_schema(schema: pa.Schema):
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def claims_schema():
    """The Spark schema (``StructType``) of :func:`analyze`'s DataFrame: the
    columns of ``credence analyze`` CSV."""
    return _spark_schema(credence.claims_schema())


def _documents(sdf) -> Any:
    missing = [c for c in ("id", "text") if c not in sdf.columns]
    if missing:
        raise ValueError(
            f"credence.spark: the documents have no {' or '.join(f'`{c}`' for c in missing)} column "
            f"(columns: {', '.join(sdf.columns)})"
        )
    return [c for c in ("id", "text", *META_COLUMNS) if c in sdf.columns]


def analyze(sdf, *, lang: str | None = None, rules: RulesLike = None, threads: int | None = None):
    """Analyse a Spark DataFrame of documents (``id``, ``text`` and the
    optional metadata columns ``outlet``, ``title``, ``url``, ``published``,
    ``language``; others are ignored): a Spark DataFrame with the rows of
    ``credence analyze``, partition by partition in input order (see
    :func:`claims_schema`), computed lazily by ``mapInArrow``.

    ``threads`` is credence's thread count per Python worker (default: all
    cores of the node); with several Spark tasks per node, set it to the
    cores per task."""
    rules = _rules(rules)
    columns = _documents(sdf)
    if lang is not None and lang not in ("fr", "en"):
        raise ValueError(f'credence.spark: unknown language {lang!r}; use "fr" or "en"')

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            if batch.num_rows == 0:
                continue
            table = _analyze_arrow(
                batch, lang=lang, rules=rules, threads=threads, caller="credence.spark.analyze", allow_empty=True
            )
            yield from table.to_batches()

    return sdf.select(*columns).mapInArrow(run, claims_schema())


@lru_cache(maxsize=1)
def _table_schemas() -> dict[str, pa.Schema]:
    """The Arrow schema of each grouped report table (without key columns):
    fixed per table, so taken from a report of the sample corpus."""
    batch = _credence.sample_corpus()
    batch = batch.append_column("__group", pa.array([0] * batch.num_rows, type=pa.int64()))
    tables, _ = _credence.report_batch(batch)
    return {name: t.schema.remove(0) for name, t in tables.items()}


@dataclass
class GroupedReport:
    """The report tables of :func:`report_by`, computed in one pass.

    ``packed`` is the Spark DataFrame the pass makes: the key columns, a
    ``table`` column with the table's name, then every table's columns
    named ``<table>__<column>`` (null on rows of other tables). ``tables``
    (and attribute access: ``report.claims``) gives each table on its own
    with its own column names. Cache or write ``packed`` (partitioned by
    ``table``) to compute the groups once for several tables."""

    packed: Any
    keys: list[str]

    @property
    def tables(self) -> dict[str, Any]:
        return {name: self.table(name) for name in credence.TABLES}

    def table(self, name: str):
        """One report table: the key columns, then the table's columns."""
        from pyspark.sql import functions as F

        if name not in credence.TABLES:
            raise KeyError(f"credence.spark: no table {name!r}; tables: {', '.join(credence.TABLES)}")
        schema = _table_schemas()[name]
        cols = [F.col(k) for k in self.keys] + [
            F.col(f"`{name}__{c}`").alias(_label(c, self.keys)) for c in schema.names
        ]
        return self.packed.where(F.col(_TABLE) == name).select(*cols)

    def __getattr__(self, name: str):
        if name in credence.TABLES:
            return self.table(name)
        raise AttributeError(name)


def _label(column: str, keys: Sequence[str]) -> str:
    return f"group_{column}" if column in keys else column


def report_by(
    sdf,
    by: str | Sequence[str],
    *,
    lang: str | None = None,
    rules: RulesLike = None,
    threads: int | None = None,
) -> GroupedReport:
    """Group the documents by ``by`` (one column or several: a story id, or
    a day and a named entity), align and report each group on its own with
    ``groupBy(...).applyInArrow``, so that alignment cost stays per group.

    Within a group the documents keep their input order, so each group's
    tables are those of ``credence report`` on that group's documents, with
    the key columns first and ``agreement`` in long form (one row per
    cluster and source), as ``credence.report(..., group_by=...)`` gives.
    Needs Spark 4.0 or later."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    from pyspark.sql.group import GroupedData

    if not hasattr(GroupedData, "applyInArrow"):
        import pyspark

        raise RuntimeError(
            f"credence.spark.report_by needs Spark 4.0 or later (applyInArrow); this is "
            f"pyspark {pyspark.__version__}. Use credence.spark.analyze, or credence.dask.report_by"
        )
    keys = [by] if isinstance(by, str) else list(by)
    missing = [k for k in keys if k not in sdf.columns]
    if missing or not keys:
        raise ValueError(
            f"credence.spark.report_by: no column {', '.join(missing) or '(none given)'} "
            f"(columns: {', '.join(sdf.columns)})"
        )
    rules = _rules(rules)
    columns = _documents(sdf)
    schemas = _table_schemas()
    packed_fields = [pa.field(_TABLE, pa.string(), nullable=False)]
    for name in credence.TABLES:
        packed_fields += [pa.field(f"{name}__{f.name}", f.type) for f in schemas[name]]
    packed_arrow = pa.schema(packed_fields)
    key_fields = [sdf.schema[k] for k in keys]
    out_schema = StructType(
        [StructField(f.name, f.dataType, True) for f in key_fields]
        + list(_spark_schema(packed_arrow).fields)
    )
    out_schema[_TABLE].dataType = StringType()
    doc_cols = list(dict.fromkeys([*columns, *keys]))

    def run(group: pa.Table) -> pa.Table:
        if group.num_rows == 0:
            return out_schema_arrow.empty_table()
        group = group.sort_by(_POS).drop_columns([_POS])
        frame = group.to_pandas()
        tables = _report_arrow(
            frame, lang=lang, rules=rules, group_by=keys, threads=threads, caller="credence.spark.report_by"
        )
        key_values = group.select(keys).slice(0, 1)
        parts = []
        for name in credence.TABLES:
            t = tables[name].drop_columns(tables[name].schema.names[: len(keys)])
            n = t.num_rows
            arrays = [pa.array(key_values.column(k).to_pylist() * n, type=key_values.schema.field(k).type) for k in keys]
            arrays.append(pa.array([name] * n, type=pa.string()))
            for f in packed_fields[1:]:
                table_name, _, column = f.name.partition("__")
                if table_name == name:
                    arrays.append(t.column(column).cast(f.type))
                else:
                    arrays.append(pa.nulls(n, type=f.type))
            arrays = [a.cast(f.type) for a, f in zip(arrays, out_schema_arrow)]
            parts.append(pa.Table.from_arrays(arrays, schema=out_schema_arrow))
        return pa.concat_tables(parts)

    from pyspark.sql.pandas.types import to_arrow_schema

    out_schema_arrow = to_arrow_schema(out_schema)
    numbered = sdf.select(*doc_cols).withColumn(_POS, F.monotonically_increasing_id())
    packed = numbered.groupBy(*keys).applyInArrow(run, out_schema)
    return GroupedReport(packed=packed, keys=keys)
