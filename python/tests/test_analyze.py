"""`credence.analyze` against the command line, cell for cell, and its
answers to bad input."""

from __future__ import annotations

import io
import threading

import pandas as pd
import pyarrow as pa
import pytest

import credence
from credence.synth import corpus, write_jsonl

from conftest import as_csv_cells, assert_same_cells, read_csv_strings, run_cli


def test_sample_corpus_equals_cli_csv(cli, sample_dir):
    want = read_csv_strings(io.StringIO(run_cli(cli, "analyze", sample_dir)))
    got = credence.analyze(credence.sample_corpus())
    assert list(got.columns) == list(credence.CLAIM_COLUMNS)
    assert_same_cells(as_csv_cells(got), want)


def test_sample_corpus_arrow(cli, sample_dir):
    table = credence.analyze(credence.sample_corpus(), format="arrow")
    assert isinstance(table, pa.Table)
    assert table.schema == credence.claims_schema()
    want = read_csv_strings(io.StringIO(run_cli(cli, "analyze", sample_dir)))
    assert_same_cells(as_csv_cells(table.to_pandas()), want)


def test_generated_jsonl_equals_cli_csv(cli, tmp_path):
    path = tmp_path / "docs.jsonl"
    write_jsonl(path, 300, seed=7)
    want = read_csv_strings(io.StringIO(run_cli(cli, "analyze", path)))
    docs = pd.read_json(path, lines=True, dtype=False)
    got = credence.analyze(docs)
    assert_same_cells(as_csv_cells(got), want)
    # --lang sets the language of documents without a tag.
    want_en = read_csv_strings(io.StringIO(run_cli(cli, "analyze", path, "--lang", "en")))
    assert_same_cells(as_csv_cells(credence.analyze(docs, lang="en", threads=1)), want_en)


def test_rules_file_equals_cli(cli, root, sample_dir):
    rules = root / "rules" / "fr.toml"
    want = read_csv_strings(io.StringIO(run_cli(cli, "analyze", sample_dir, "--rules", rules)))
    got = credence.analyze(credence.sample_corpus(), rules=credence.Rules(rules))
    assert_same_cells(as_csv_cells(got), want)
    # A path works as well.
    assert_same_cells(as_csv_cells(credence.analyze(credence.sample_corpus(), rules=str(rules))), want)


def test_list_and_series():
    texts = ["La Russie pourrait envoyer des troupes.", "The army reportedly sent 3,000 troops."]
    df = credence.analyze(texts)
    assert df["doc"].tolist() == ["0", "1"]
    assert df.loc[0, "label"] == "possible"
    s = pd.Series(texts, index=["a", "b"])
    assert credence.analyze(s)["doc"].tolist() == ["a", "b"]
    assert credence.analyze(texts, ids=["x", "y"])["doc"].tolist() == ["x", "y"]
    assert credence.analyze(texts, ids=[10, 20])["doc"].tolist() == ["10", "20"]


def test_threads_do_not_change_the_result():
    df = corpus(200, seed=3)
    a = credence.analyze(df, threads=1)
    b = credence.analyze(df)
    pd.testing.assert_frame_equal(a, b)


def test_gil_is_released():
    """Another Python thread runs while the engine works."""
    df = corpus(2000, seed=5)
    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(1)
            done.wait(0.001)

    t = threading.Thread(target=tick)
    t.start()
    try:
        before = len(ticks)
        credence.analyze(df, threads=1)
        during = len(ticks) - before
    finally:
        done.set()
        t.join()
    assert during > 5


def test_explain_equals_cli(cli):
    text = "Selon des experts, la Russie aurait envoyé 10 000 soldats."
    e = credence.explain(text, lang="fr")
    assert str(e) == run_cli(cli, "explain", "--lang", "fr", "--text", text)
    (u,) = e.units
    assert u["label"] == "unconfirmed"
    assert u["source"] == {"text": "des experts", "kind": "vague", "via": "unit"}
    assert [t["rule"] for t in u["terms"]] == [
        "fr.attribution.selon",
        "fr.source.vague",
        "fr.conditional.reported",
    ]
    assert e.to_frame().loc[0, "figures"] == "10000 soldat"


def test_rules_object():
    r = credence.Rules.from_text(_valid_rules(), "mine.toml")
    assert r.language == "fr" and len(r) == 1 and r.path == "mine.toml"
    import pickle

    again = pickle.loads(pickle.dumps(r))
    assert again.rule_ids == r.rule_ids


def _valid_rules() -> str:
    from pathlib import Path

    return (Path(__file__).resolve().parents[2] / "tests" / "data" / "rules" / "valid.toml").read_text()


# ─── bad input ────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "name, line, column, words",
    [
        ("duplicate_id", 17, 6, "duplicate rule id"),
        ("syntax_error", 11, 10, "extra `=`"),
        ("unknown_category", 10, 12, "unknown variant `hedgy`"),
        ("invalid_regex", None, None, "invalid regex"),
    ],
)
def test_bad_rules_file_raises_like_the_cli(cli, root, sample_dir, name, line, column, words):
    import subprocess

    path = root / "tests" / "data" / "rules" / f"{name}.toml"
    with pytest.raises(credence.RulesError) as info:
        credence.Rules(path)
    e = info.value
    assert isinstance(e, ValueError)
    assert e.file == str(path)
    if line is not None:
        assert (e.line, e.column) == (line, column)
    assert str(e).startswith(f"{path}:{e.line}:{e.column}: ")
    assert words in str(e)
    # The same message as the command line's, which prefixes "credence: ".
    out = subprocess.run([str(cli), "analyze", str(sample_dir), "--rules", str(path)], capture_output=True)
    assert out.returncode != 0
    assert out.stderr.decode().strip() == f"credence: {e}"
    with pytest.raises(credence.RulesError):
        credence.analyze(["x"], rules=str(path))


def test_missing_rules_file():
    with pytest.raises(credence.RulesError, match="no-such-file.toml"):
        credence.Rules("no-such-file.toml")


def test_non_string_text():
    with pytest.raises(TypeError, match=r"the text of row 1 \(id '1'\) is int 42, not a string"):
        credence.analyze(["ok", 42])
    with pytest.raises(TypeError, match="row 0 .* is a missing value"):
        credence.analyze(pd.DataFrame({"id": ["a"], "text": [None]}))
    with pytest.raises(TypeError, match="is bytes"):
        credence.analyze([b"bytes"])
    with pytest.raises(TypeError, match="not a single str"):
        credence.analyze("one text")
    with pytest.raises(TypeError, match="`text` column holds int64"):
        credence.analyze(pa.table({"id": ["a"], "text": [1]}))


def test_missing_columns():
    with pytest.raises(ValueError, match="no `id` column"):
        credence.analyze(pd.DataFrame({"text": ["Il pleut."]}))
    with pytest.raises(ValueError, match="no `text` column"):
        credence.analyze(pd.DataFrame({"id": ["a"], "body": ["Il pleut."]}))
    with pytest.raises(ValueError, match="no `id` column"):
        credence.analyze(pa.table({"text": ["Il pleut."]}))


def test_bad_ids():
    with pytest.raises(ValueError, match="duplicate document id `a`"):
        credence.analyze(pd.DataFrame({"id": ["a", "a"], "text": ["x", "y"]}))
    with pytest.raises(ValueError, match="id is missing or empty"):
        credence.analyze(pd.DataFrame({"id": ["a", " "], "text": ["x", "y"]}))
    with pytest.raises(TypeError, match="ids must be strings or integers"):
        credence.analyze(pd.DataFrame({"id": [1.5], "text": ["x"]}))
    with pytest.raises(ValueError, match="2 ids for 1 texts"):
        credence.analyze(["x"], ids=["a", "b"])


def test_bad_metadata():
    with pytest.raises(TypeError, match="`outlet` must hold strings"):
        credence.analyze(pd.DataFrame({"id": ["a"], "text": ["x"], "outlet": [3]}))
    with pytest.raises(TypeError, match="holds dates"):
        credence.analyze(
            pd.DataFrame({"id": ["a"], "text": ["x"], "published": pd.to_datetime(["2024-01-01"])})
        )


def test_empty_input():
    with pytest.raises(ValueError, match="no documents"):
        credence.analyze(pd.DataFrame({"id": [], "text": []}))
    with pytest.raises(ValueError, match="no documents"):
        credence.analyze([])
    with pytest.raises(ValueError, match="no documents"):
        credence.report(pd.DataFrame(columns=["id", "text"]))


def test_bad_options():
    with pytest.raises(ValueError, match="unknown language"):
        credence.analyze(["x"], lang="de")
    with pytest.raises(ValueError, match="format"):
        credence.analyze(["x"], format="csv")
    with pytest.raises(ValueError, match="threads"):
        credence.analyze(["x"], threads=0)
    with pytest.raises(TypeError, match="rules must be"):
        credence.analyze(["x"], rules=3)


def test_unsupported_language_tag_warns():
    df = pd.DataFrame({"id": ["a"], "text": ["Il pleut à Paris."], "language": ["de"]})
    with pytest.warns(credence.CredenceWarning, match="de"):
        out = credence.analyze(df)
    assert len(out) == 1


def test_odd_texts_do_not_crash():
    texts = ["", " ", "\n\n", "\x00", "é" * 10000, "=1+1", "1 000 000 000 000 000 000 000 soldats.", "\ud7ff"]
    df = credence.analyze(texts)
    assert set(df["doc"]) <= {str(i) for i in range(len(texts))}
    with pytest.raises((UnicodeEncodeError, TypeError, ValueError)):
        credence.analyze(["\ud800"])  # a lone surrogate is not UTF-8
