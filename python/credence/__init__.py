"""credence from Python: how firmly news articles state their claims, whom
they credit, and where they agree.

The analysis is credence's own (the Rust engine of the ``credence`` command,
compiled into this package): documents go to it and results come back as
Arrow tables, with the GIL released while it works on all cores.

>>> import credence
>>> df = credence.analyze(["La Russie pourrait envoyer des troupes."], lang="fr")
>>> df.loc[0, "label"], float(df.loc[0, "certainty"])
('possible', 0.731)

- :func:`analyze`: one row per unit, the columns of ``credence analyze`` CSV;
- :func:`report`: the report tables of ``credence report`` (optionally per
  group of documents, such as a story);
- :func:`explain`: what ``credence explain`` prints, as text and as data;
- :class:`Rules`: a rules file, loaded and checked as ``--rules`` does;
- :mod:`credence.dask` and :mod:`credence.spark`: the same on a cluster.
"""

from __future__ import annotations

import math
import os
import warnings as _warnings
from dataclasses import dataclass, field
from typing import Any, Iterable, Literal, Mapping, Sequence, Union, overload

import numpy as np
import pandas as pd
import pyarrow as pa

from . import _credence
from ._credence import Rules, RulesError

__all__ = [
    "analyze",
    "report",
    "explain",
    "sample_corpus",
    "claims_schema",
    "detect_language",
    "Rules",
    "RulesError",
    "CredenceWarning",
    "Explanation",
    "CLAIM_COLUMNS",
    "META_COLUMNS",
    "TABLES",
]

__version__: str = _credence.__version__

#: Columns of ``credence analyze`` CSV, in order: the columns of :func:`analyze`.
CLAIM_COLUMNS: tuple[str, ...] = tuple(_credence.CLAIM_COLUMNS)
#: Optional metadata columns of the documents (as in JSONL input).
META_COLUMNS: tuple[str, ...] = ("outlet", "title", "url", "published", "language")
#: Names of the report tables, in the order ``credence report`` writes them.
TABLES: tuple[str, ...] = tuple(_credence.TABLES)

#: What :func:`analyze` and :func:`report` take: a list of texts, a Series
#: of texts, or a DataFrame (or pyarrow Table) with ``id`` and ``text``
#: columns and optional metadata columns.
Documents = Union[Sequence[str], pd.Series, pd.DataFrame, pa.Table, pa.RecordBatch]
RulesLike = Union[Rules, str, "os.PathLike[str]", None]


class CredenceWarning(UserWarning):
    """A warning of credence's loading (an unsupported language tag...), as
    the command line prints on stderr."""


# ─── documents in ─────────────────────────────────────────────────────────────

_STRING_TYPES = (pa.types.is_string, pa.types.is_large_string, pa.types.is_string_view)


def _is_str_type(t: pa.DataType) -> bool:
    return any(f(t) for f in _STRING_TYPES)


def _describe(v: Any) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return "a missing value"
    text = repr(v)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{type(v).__name__} {text}"


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v))


def _first_bad(values: Iterable[Any], ok) -> tuple[int, Any] | None:
    for pos, v in enumerate(values):
        if not ok(v):
            return pos, v
    return None


def _string_array(
    col: pd.Series, name: str, caller: str, ids: Sequence[str] | None, nullable: bool
) -> pa.Array:
    """A column of strings as Arrow, after checking that every value is a
    str (or missing, for metadata)."""
    kind = pd.api.types.infer_dtype(col, skipna=nullable)
    if kind not in ("string", "empty") or (not nullable and col.isna().any()):
        ok = (lambda v: isinstance(v, str) or _missing(v)) if nullable else (lambda v: isinstance(v, str))
        bad = _first_bad(col.array, ok)
        if bad is not None:
            pos, v = bad
            who = f"row {pos}" + (f" (id {ids[pos]!r})" if ids is not None else "")
            if name == "text":
                hint = "every text must be a str (use .fillna('') to analyse a missing text as empty)"
            else:
                hint = f"`{name}` must hold strings or missing values"
            raise TypeError(f"{caller}: the {name} of {who} is {_describe(v)}, not a string; {hint}")
    arr = pa.array(col, from_pandas=True)
    if pa.types.is_null(arr.type):
        arr = arr.cast(pa.string())
    return arr


def _id_strings(values: pd.Series, caller: str) -> list[str]:
    """Document ids as strings: strings as they are, integers in decimal (as
    a JSONL number id)."""
    if pd.api.types.is_integer_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        return [str(v) for v in values.tolist()]
    out: list[str] = []
    for pos, v in enumerate(values.tolist()):
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)):
            out.append(str(int(v)))
        else:
            raise TypeError(
                f"{caller}: the id of row {pos} is {_describe(v)}; ids must be strings or integers"
            )
    return out


def _documents(texts: Documents, ids: Sequence[Any] | None, caller: str) -> tuple[pa.RecordBatch, pd.DataFrame | None]:
    """The documents as the record batch the engine reads (``id``, ``text``
    and the metadata columns present), and the DataFrame they came from (for
    grouping keys)."""
    if isinstance(texts, (str, bytes)):
        raise TypeError(
            f"{caller}: texts must be a list of strings, a pandas Series or a DataFrame, "
            f"not a single {type(texts).__name__}; for one text, pass [text]"
        )
    if isinstance(texts, (pa.Table, pa.RecordBatch)):
        return _arrow_documents(texts, ids, caller), None
    if isinstance(texts, pd.DataFrame):
        frame = texts
        if "text" not in frame.columns:
            raise ValueError(
                f"{caller}: the DataFrame has no `text` column (columns: {', '.join(map(str, frame.columns))})"
            )
        text_col = frame["text"]
        if isinstance(text_col, pd.DataFrame):
            raise ValueError(f"{caller}: the DataFrame has several `text` columns")
        if ids is None:
            if "id" not in frame.columns:
                raise ValueError(
                    f"{caller}: the DataFrame has no `id` column (columns: "
                    f"{', '.join(map(str, frame.columns))}); add one with a unique id per "
                    "document, or pass ids=..."
                )
            id_values = frame["id"]
        else:
            id_values = pd.Series(list(ids))
    elif isinstance(texts, pd.Series):
        frame = None
        text_col = texts
        id_values = pd.Series(list(ids) if ids is not None else texts.index.tolist())
    elif isinstance(texts, Mapping):
        raise TypeError(f"{caller}: texts must be a list of strings, a pandas Series or a DataFrame, not a dict")
    else:
        frame = None
        text_col = pd.Series(list(texts), dtype=object)
        id_values = pd.Series(list(ids) if ids is not None else range(len(text_col)))
    if len(id_values) != len(text_col):
        raise ValueError(f"{caller}: {len(id_values)} ids for {len(text_col)} texts")
    id_strs = _id_strings(id_values, caller)
    arrays = [pa.array(id_strs, type=pa.string()), _string_array(text_col.reset_index(drop=True), "text", caller, id_strs, False)]
    names = ["id", "text"]
    if frame is not None:
        for name in META_COLUMNS:
            if name in frame.columns:
                col = frame[name]
                if pd.api.types.is_datetime64_any_dtype(col.dtype):
                    raise TypeError(
                        f"{caller}: `{name}` holds dates, not strings; write them as text, "
                        f"e.g. df[{name!r}].dt.strftime('%Y-%m-%d')"
                    )
                arrays.append(_string_array(col.reset_index(drop=True), name, caller, id_strs, True))
                names.append(name)
    return pa.RecordBatch.from_arrays(arrays, names=names), frame


def _arrow_documents(t: pa.Table | pa.RecordBatch, ids: Sequence[Any] | None, caller: str) -> pa.RecordBatch:
    names = t.schema.names

    def column(name: str) -> pa.Array:
        c = t.column(name)
        return c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c

    if "text" not in names:
        raise ValueError(f"{caller}: the table has no `text` column (columns: {', '.join(names)})")
    text = column("text")
    if not _is_str_type(text.type):
        raise TypeError(f"{caller}: the `text` column holds {text.type}, not strings")
    if text.null_count:
        pos = next(i for i, v in enumerate(text.is_null().to_pylist()) if v)
        raise TypeError(f"{caller}: the text of row {pos} is a missing value, not a string")
    id_arr: pa.Array
    if ids is not None:
        id_arr = pa.array(_id_strings(pd.Series(list(ids)), caller), type=pa.string())
    elif "id" not in names:
        raise ValueError(
            f"{caller}: the table has no `id` column (columns: {', '.join(names)}); add one "
            "with a unique id per document, or pass ids=..."
        )
    else:
        id_arr = column("id")
        if pa.types.is_integer(id_arr.type):
            id_arr = id_arr.cast(pa.string())
        elif not _is_str_type(id_arr.type):
            raise TypeError(f"{caller}: the `id` column holds {id_arr.type}; ids must be strings or integers")
    if len(id_arr) != len(text):
        raise ValueError(f"{caller}: {len(id_arr)} ids for {len(text)} texts")
    arrays, out_names = [id_arr, text], ["id", "text"]
    for name in META_COLUMNS:
        if name in names:
            c = column(name)
            if pa.types.is_null(c.type):
                continue
            if not _is_str_type(c.type):
                raise TypeError(f"{caller}: the `{name}` column holds {c.type}, not strings")
            arrays.append(c)
            out_names.append(name)
    return pa.RecordBatch.from_arrays(arrays, names=out_names)


def _rules(rules: RulesLike) -> Rules | None:
    if rules is None or isinstance(rules, Rules):
        return rules
    if isinstance(rules, (str, os.PathLike)):
        return Rules(os.fspath(rules))
    raise TypeError(f"credence: rules must be a credence.Rules or a path, not {type(rules).__name__}")


def _warn(messages: Sequence[str]) -> None:
    for m in messages:
        _warnings.warn(m.removeprefix("credence: warning: "), CredenceWarning, stacklevel=3)


def _check_format(format: str) -> None:
    if format not in ("pandas", "arrow"):
        raise ValueError(f'credence: format must be "pandas" or "arrow", not {format!r}')


def _empty_error(caller: str) -> ValueError:
    return ValueError(f"{caller}: no documents to analyse (the input is empty)")


# ─── analyze ──────────────────────────────────────────────────────────────────


def claims_schema() -> pa.Schema:
    """The Arrow schema of :func:`analyze`'s table: the columns of
    ``credence analyze`` CSV; ``unit``, ``start`` and ``end`` are int64,
    ``certainty`` float64 and the others strings. What is an empty cell in
    the CSV is null."""
    return _credence.claims_arrow_schema()


def _analyze_arrow(
    texts: Documents,
    ids: Sequence[Any] | None = None,
    lang: str | None = None,
    rules: RulesLike = None,
    threads: int | None = None,
    caller: str = "credence.analyze",
    allow_empty: bool = False,
) -> pa.Table:
    batch, _ = _documents(texts, ids, caller)
    if batch.num_rows == 0:
        if not allow_empty:
            raise _empty_error(caller)
        return claims_schema().empty_table()
    table, warns = _credence.analyze_batch(batch, lang, _rules(rules), threads)
    _warn(warns)
    return table


@overload
def analyze(
    texts: Documents,
    *,
    ids: Sequence[Any] | None = ...,
    lang: str | None = ...,
    rules: RulesLike = ...,
    threads: int | None = ...,
    format: Literal["pandas"] = ...,
) -> pd.DataFrame: ...
@overload
def analyze(
    texts: Documents,
    *,
    ids: Sequence[Any] | None = ...,
    lang: str | None = ...,
    rules: RulesLike = ...,
    threads: int | None = ...,
    format: Literal["arrow"],
) -> pa.Table: ...
def analyze(
    texts: Documents,
    *,
    ids: Sequence[Any] | None = None,
    lang: str | None = None,
    rules: RulesLike = None,
    threads: int | None = None,
    format: str = "pandas",
) -> pd.DataFrame | pa.Table:
    """Analyse documents: one row per unit, with the columns and values of
    ``credence analyze`` CSV (see :data:`CLAIM_COLUMNS`).

    :param texts: a list of strings, a pandas Series of strings, or a
        DataFrame (or pyarrow Table) with an ``id`` and a ``text`` column and
        optionally ``outlet``, ``title``, ``url``, ``published`` and
        ``language`` (strings or missing values; other columns are ignored).
        The ids of a list are its positions ("0", "1", ...), those of a
        Series its index. Integer ids are written in decimal.
    :param ids: ids to use instead (one per text, unique).
    :param lang: ``"fr"`` or ``"en"``: the language of documents whose
        ``language`` gives none (otherwise it is detected), as ``--lang``.
    :param rules: a :class:`Rules` or the path of a rules file, which replaces
        the bundled rules of its language, as ``--rules``.
    :param threads: worker threads (default: all cores). The result does not
        depend on it.
    :param format: ``"pandas"`` (a DataFrame) or ``"arrow"`` (a pyarrow Table).
    :returns: units in document order, then unit order. ``unit``, ``start``
        and ``end`` are integers (byte offsets into the text, as in the CSV),
        ``certainty`` a float with 3 decimals, the others strings; what is an
        empty cell in the CSV (no outlet, no certainty for a heading, no
        cues...) is missing (None or NaN). Unlike the CSV, a cell starting
        with ``=`` is not prefixed with ``'``: the DataFrame holds the text.
    :raises TypeError: a text that is not a string, an id that is neither a
        string nor an integer.
    :raises ValueError: no ``id`` or ``text`` column, a duplicate or empty id,
        no documents at all, an unknown language.
    :raises RulesError: a rules file that does not load (FILE:LINE:COLUMN).

    The GIL is released while the documents are analysed, on all cores.
    Warnings of loading (an unsupported ``language`` tag) are issued as
    :class:`CredenceWarning`.
    """
    _check_format(format)
    table = _analyze_arrow(texts, ids, lang, rules, threads)
    return table if format == "arrow" else table.to_pandas()


# ─── report ───────────────────────────────────────────────────────────────────


def _report_arrow(
    docs: Documents,
    ids: Sequence[Any] | None = None,
    lang: str | None = None,
    rules: RulesLike = None,
    group_by: str | Sequence[str] | None = None,
    threads: int | None = None,
    caller: str = "credence.report",
    key_schema: pa.Schema | None = None,
) -> dict[str, pa.Table]:
    batch, frame = _documents(docs, ids, caller)
    if batch.num_rows == 0:
        raise _empty_error(caller)
    keys: list[str] = []
    if group_by is not None:
        keys = [group_by] if isinstance(group_by, str) else list(group_by)
        if frame is None:
            raise TypeError(f"{caller}: group_by needs a DataFrame of documents with the key columns")
        missing = [k for k in keys if k not in frame.columns]
        if missing or not keys:
            raise ValueError(
                f"{caller}: group_by names no column of the DataFrame: {', '.join(map(str, missing)) or 'none given'} "
                f"(columns: {', '.join(map(str, frame.columns))})"
            )
        codes = frame.groupby(keys, sort=False, dropna=False).ngroup().to_numpy(dtype=np.int64)
        batch = batch.append_column("__group", pa.array(codes, type=pa.int64()))
    tables, warns = _credence.report_batch(batch, lang, _rules(rules), threads)
    _warn(warns)
    if not keys:
        return {name: tables[name] for name in TABLES}
    assert frame is not None
    first = pd.Series(codes).drop_duplicates()
    key_frame = frame[keys].iloc[first.index[np.argsort(first.to_numpy())]].reset_index(drop=True)
    out = {}
    for name in TABLES:
        t = tables[name]
        group = t.column("__group").to_numpy()
        t = t.drop_columns(["__group"])
        key_cols = pa.Table.from_pandas(
            key_frame.iloc[group].reset_index(drop=True), schema=key_schema, preserve_index=False
        )
        for i, k in enumerate(keys):
            label = k if k not in t.schema.names else f"group_{k}"
            t = t.add_column(i, label, key_cols.column(i))
        out[name] = t
    return out


def report(
    docs: Documents,
    *,
    ids: Sequence[Any] | None = None,
    lang: str | None = None,
    rules: RulesLike = None,
    group_by: str | Sequence[str] | None = None,
    threads: int | None = None,
    format: str = "pandas",
) -> dict[str, pd.DataFrame] | dict[str, pa.Table]:
    """Analyse, align and compare documents: the tables of ``credence report``
    (``claims``, ``clusters``, ``agreement``, ``figures``, ``sources``,
    ``pairs``, ``summary``: see :data:`TABLES`), as a dict of DataFrames.

    :param docs: as for :func:`analyze`. A document's source is its
        ``outlet``, or its id when it has none.
    :param group_by: a column name, or a list of them, of the DataFrame: the
        documents of each group (a story id, or a day and a named entity) are
        aligned and reported on their own, so that the cost of alignment
        stays per group. Groups run in parallel. Every table then starts with
        the key columns (named ``group_<name>`` where a table has a column of
        that name), groups in order of first appearance, and ``agreement``
        is in long form: one row per cluster and source that states it
        (``source``, ``certainty``), since each group has its own sources.
    :param ids, lang, rules, threads, format: as for :func:`analyze`.
    :returns: one table per name; numeric columns are numbers (counts as
        integers) and the others strings, an empty CSV cell is missing.
        Without ``group_by`` the tables hold the values of the files
        ``credence report`` writes; the wide ``agreement`` table has one
        certainty column per source.
    """
    _check_format(format)
    tables = _report_arrow(docs, ids, lang, rules, group_by, threads)
    if format == "arrow":
        return tables
    return {name: t.to_pandas() for name, t in tables.items()}


# ─── explain ──────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Explanation:
    """What ``credence explain --text`` shows, as text and as data.

    ``text`` is the printed explanation (``str(explanation)`` too);
    ``units`` has one dict per unit: ``index``, ``start``, ``end``,
    ``paragraph``, ``kind``, ``text``, ``base``, ``score``, ``certainty``,
    ``label``, ``polarity`` (None where the kind has none), ``terms`` (each
    rule counted in the score: ``rule``, ``category``, ``weight``,
    ``matched``), ``matches`` (every match with its span), ``segments`` (the
    text cut into cues and the text between them: ``(text, rule id or None,
    category)``), ``source`` (``text``, ``kind``, ``via``: unit, quote or
    paragraph; or None) and ``figures`` (``text``, ``value``, ``unit``,
    ``vague``, ``start``, ``end``).
    """

    text: str
    language: str
    rules: str
    units: list[dict[str, Any]] = field(default_factory=list)

    def __str__(self) -> str:
        return self.text

    def to_frame(self) -> pd.DataFrame:
        """One row per unit: index, kind, certainty, label, polarity, score,
        cues (rule ids, ``;``-separated), source, source_kind, figures, text."""
        rows = [
            {
                "unit": u["index"],
                "kind": u["kind"],
                "certainty": u["certainty"],
                "label": u["label"],
                "polarity": u["polarity"],
                "score": u["score"],
                "cues": ";".join(dict.fromkeys(m["rule"] for m in u["matches"])),
                "source": u["source"]["text"] if u["source"] else None,
                "source_kind": u["source"]["kind"] if u["source"] else None,
                "figures": ";".join(f["text"] for f in u["figures"]),
                "text": u["text"],
            }
            for u in self.units
        ]
        return pd.DataFrame(
            rows,
            columns=["unit", "kind", "certainty", "label", "polarity", "score", "cues", "source", "source_kind", "figures", "text"],
        )


def explain(text: str, *, lang: str | None = None, rules: RulesLike = None) -> Explanation:
    """Every unit of a text with its cues and every term of its score, as
    ``credence explain --text TEXT`` prints it (``.text``) and as data
    (``.units``). ``lang`` as for :func:`analyze` (detected when None)."""
    if not isinstance(text, str):
        raise TypeError(f"credence.explain: text must be a str, not {_describe(text)}")
    d = _credence.explain(text, lang, _rules(rules))
    return Explanation(text=d["text"], language=d["language"], rules=d["rules"], units=d["units"])


# ─── the rest ─────────────────────────────────────────────────────────────────


def sample_corpus() -> pd.DataFrame:
    """The sample corpus bundled with credence (five French articles), as the
    DataFrame :func:`analyze` takes: ``id``, ``text``, ``outlet``, ``title``,
    ``url``, ``published``, ``language``. ``credence.analyze(credence.sample_corpus())``
    gives what ``credence analyze`` prints."""
    return _credence.sample_corpus().to_pandas()


def detect_language(text: str) -> str:
    """The language credence finds for a text whose metadata gives none:
    ``"fr"`` or ``"en"`` (short or unclear texts count as French)."""
    return _credence.detect_language(text)
