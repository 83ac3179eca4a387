"""The Dask job on a LocalCluster: its claims equal the command line's on a
generated corpus of a few thousand documents; the grouped report equals
the report of each group."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe", reason="dask[dataframe] is not installed (pip install ./python[test])")
distributed = pytest.importorskip("dask.distributed", reason="dask.distributed is not installed")

import credence
import credence.dask as cdask
from credence.synth import corpus, write_jsonl

from conftest import as_csv_cells, assert_same_cells, read_csv_strings, run_cli

N_DOCS = 3000


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory):
    path = tmp_path_factory.mktemp("dask") / "docs.jsonl"
    write_jsonl(path, N_DOCS, seed=21, stories=40)
    return path


@pytest.fixture(scope="module")
def cli_claims(cli, jsonl):
    return read_csv_strings(io.StringIO(run_cli(cli, "analyze", jsonl)))


def read_parts(directory) -> pd.DataFrame:
    files = sorted(directory.glob("part-*.parquet"))
    assert files, f"no Parquet files in {directory}"
    return pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)


def test_jsonl_claims_equal_cli(client, jsonl, cli_claims, tmp_path):
    docs = cdask.read(str(jsonl), blocksize="400kB")
    assert docs.npartitions > 2
    claims = cdask.analyze(docs, threads=1)
    cdask.write_parquet(claims, tmp_path / "claims")
    got = read_parts(tmp_path / "claims")
    assert len(list((tmp_path / "claims").glob("*.parquet"))) == docs.npartitions
    assert_same_cells(as_csv_cells(got), cli_claims)


def test_parquet_claims_equal_cli(client, jsonl, cli_claims, tmp_path):
    frame = pd.read_json(jsonl, lines=True, dtype=False)
    dd.from_pandas(frame, npartitions=5).to_parquet(tmp_path / "docs", write_index=False)
    docs = cdask.read(str(tmp_path / "docs"))
    got = cdask.analyze(docs).compute()
    assert_same_cells(as_csv_cells(got.reset_index(drop=True)), cli_claims)


def test_report_by_story(client, jsonl, cli, tmp_path):
    docs = cdask.read(str(jsonl), blocksize=400_000)
    rows = cdask.report_by(docs, "story", tmp_path / "report", threads=1)
    frame = pd.read_json(jsonl, lines=True, dtype=False)
    want = credence.report(frame, group_by="story")
    assert set(rows) == set(credence.TABLES)
    for name in credence.TABLES:
        got = read_parts(tmp_path / "report" / name)
        assert rows[name] == len(got) == len(want[name]), name
        assert list(got.columns) == list(want[name].columns), name
        for story, part in got.groupby("story", sort=False):
            expected = want[name][want[name]["story"] == story].reset_index(drop=True)
            pd.testing.assert_frame_equal(part.reset_index(drop=True), expected, obj=f"{name} {story}")
    # One story against the command line.
    story = frame["story"].value_counts().index[0]
    sub = tmp_path / "story.jsonl"
    with open(sub, "w", encoding="utf-8") as f:
        for line in open(jsonl, encoding="utf-8"):
            if json.loads(line)["story"] == story:
                f.write(line)
    out = tmp_path / "cli"
    run_cli(cli, "report", sub, "--out", out)
    claims = read_parts(tmp_path / "report" / "claims")
    claims = claims[claims["story"] == story].drop(columns=["story"]).reset_index(drop=True)
    want_claims = read_csv_strings(out / "claims.csv")
    cluster = claims.pop("cluster")
    assert_same_cells(as_csv_cells(claims), want_claims.drop(columns=["cluster"]))
    assert cluster.fillna("").tolist() == want_claims["cluster"].tolist()


def test_rules_travel_to_workers(client, root):
    rules = credence.Rules(root / "rules" / "fr.toml")
    docs = dd.from_pandas(corpus(50, seed=1), npartitions=2)
    got = cdask.analyze(docs, rules=rules).compute()
    pd.testing.assert_frame_equal(got.reset_index(drop=True), credence.analyze(corpus(50, seed=1), rules=rules))


def test_bad_partition_raises(client):
    docs = dd.from_pandas(pd.DataFrame({"id": ["a", "b"], "text": ["ok", None]}), npartitions=1)
    with pytest.raises(TypeError, match="row 1 .id 'b'. is a missing value, not a string"):
        cdask.analyze(docs).compute()


def test_command_line(jsonl, tmp_path, cli_claims):
    assert cdask.main([str(jsonl), str(tmp_path), "--by", "story", "--workers", "1", "--threads", "1", "--blocksize", "1MiB"]) == 0
    assert_same_cells(as_csv_cells(read_parts(tmp_path / "claims")), cli_claims)
    assert (tmp_path / "report" / "summary").is_dir()
