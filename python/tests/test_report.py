"""`credence.report` against `credence report`, and the grouped report."""

from __future__ import annotations

import pandas as pd
import pytest

import credence
from credence.synth import corpus, write_jsonl

from conftest import read_csv_strings, run_cli


def cells_like_cli(df: pd.DataFrame, want: pd.DataFrame) -> pd.DataFrame:
    """`df` formatted as the CSV `want`: floats with as many decimals as
    the CLI's cell in the same place, whole numbers in decimal, missing
    values empty."""
    out = {}
    for name in df.columns:
        col, ref = df[name].tolist(), want[name].tolist()
        cells = []
        for v, r in zip(col, ref):
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                cells.append("")
            elif isinstance(v, float):
                decimals = len(r.split(".")[1]) if "." in r else 0
                cells.append(f"{v:.{decimals}f}")
            else:
                cells.append(str(v))
        out[name] = [c if not c.startswith(("=", "+", "@")) else "'" + c for c in cells]
    return pd.DataFrame(out, columns=list(df.columns), dtype=str)


def assert_tables_equal_cli(tables: dict[str, pd.DataFrame], out_dir) -> None:
    assert list(tables) == list(credence.TABLES)
    for name, got in tables.items():
        want = read_csv_strings(out_dir / f"{name}.csv")
        assert list(got.columns) == list(want.columns), name
        assert len(got) == len(want), name
        formatted = cells_like_cli(got, want)
        diff = formatted.ne(want).to_numpy().nonzero()
        bad = [
            f"{name} row {r} {got.columns[c]}: {formatted.iat[r, c]!r} != {want.iat[r, c]!r}"
            for r, c in list(zip(*diff))[:5]
        ]
        assert not bad, "\n".join(bad)


def test_sample_report_equals_cli(cli, sample_dir, tmp_path):
    run_cli(cli, "report", sample_dir, "--out", tmp_path)
    assert_tables_equal_cli(credence.report(credence.sample_corpus()), tmp_path)


def test_generated_report_equals_cli(cli, tmp_path):
    docs = corpus(120, seed=11, stories=3)
    path = tmp_path / "docs.jsonl"
    write_jsonl(path, 120, seed=11, stories=3)
    out = tmp_path / "out"
    run_cli(cli, "report", path, "--out", out)
    assert_tables_equal_cli(credence.report(docs), out)


def test_arrow_format():
    tables = credence.report(credence.sample_corpus(), format="arrow")
    assert tables["claims"].num_rows == 110
    assert tables["claims"].schema.field("unit").type == "int64"


def test_group_by_equals_each_group_alone():
    docs = corpus(150, seed=2, stories=4)
    grouped = credence.report(docs, group_by="story")
    stories = list(dict.fromkeys(docs["story"]))
    for name in credence.TABLES:
        t = grouped[name]
        assert t.columns[0] == "story", name
        assert list(dict.fromkeys(t["story"])) == [s for s in stories if s in set(t["story"])], name
    for story in stories:
        alone = credence.report(docs[docs["story"] == story])
        for name in credence.TABLES:
            part = grouped[name]
            part = part[part["story"] == story].drop(columns=["story"]).reset_index(drop=True)
            if name == "agreement":
                # Long form: one row per cluster and source that states it.
                wide = alone[name]
                fixed = ["coverage", "mean_certainty", "spread", "conflicts", "agreement", "text"]
                sources = [c for c in wide.columns if c not in ["cluster", *fixed]]
                long = wide.melt(id_vars=["cluster", *fixed], value_vars=sources, var_name="source", value_name="certainty")
                long = long.dropna(subset=["certainty"])
                long["_order"] = long["source"].map({s: i for i, s in enumerate(sources)})
                long = long.sort_values(["cluster", "_order"], kind="stable").drop(columns="_order")
                long = long[["cluster", "source", "certainty", *fixed]].reset_index(drop=True)
                pd.testing.assert_frame_equal(part, long, check_dtype=False, obj=f"{story} agreement")
            else:
                pd.testing.assert_frame_equal(part, alone[name], obj=f"{story} {name}")


def test_group_by_two_keys():
    docs = corpus(60, seed=4, stories=2)
    docs["day"] = docs["published"]
    grouped = credence.report(docs, group_by=["story", "day"])
    assert list(grouped["summary"].columns[:2]) == ["story", "day"]
    n_groups = docs.groupby(["story", "day"]).ngroups
    assert grouped["summary"][["story", "day"]].drop_duplicates().shape[0] == n_groups


def test_group_by_errors():
    docs = corpus(5, seed=1)
    with pytest.raises(ValueError, match="group_by names no column"):
        credence.report(docs, group_by="nope")
    with pytest.raises(TypeError, match="group_by needs a DataFrame"):
        credence.report(["x"], group_by="story")
