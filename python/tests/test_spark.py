"""credence.spark in Spark's local mode. Runs where Java and pyspark are
installed; elsewhere it is skipped, and says why."""

from __future__ import annotations

import io
import os
import sys
import shutil

import pandas as pd
import pytest

import credence
from credence.synth import corpus, write_jsonl

from conftest import as_csv_cells, assert_same_cells, read_csv_strings, run_cli

if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip(
        "Spark test skipped: no Java runtime (java is not on PATH and JAVA_HOME is unset); "
        "install Java 17+ and pyspark to run it",
        allow_module_level=True,
    )


def _java_major() -> int | None:
    import re
    import subprocess

    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


_major = _java_major()
if _major is None or _major < 17:
    pytest.skip(
        f"Spark test skipped: PySpark 4 needs Java 17 or later, found {_major or 'none that runs'}",
        allow_module_level=True,
    )
pyspark = pytest.importorskip(
    "pyspark", reason="Spark test skipped: pyspark is not installed (pip install ./python[spark])"
)

import credence.spark as cspark


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    from pyspark.sql import SparkSession

    # The workers run the interpreter that runs the tests, which has the
    # installed package (without this they start `python3` from PATH), in a
    # directory of their own: started in python/, they would import the
    # source tree, which has no compiled extension, instead of the package.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    cwd = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("spark"))
    session = (
        SparkSession.builder.master("local[2]")
        .appName("credence-test")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    os.chdir(cwd)
    yield session
    session.stop()


def test_analyze_equals_cli(spark, cli, tmp_path):
    path = tmp_path / "docs.jsonl"
    write_jsonl(path, 400, seed=31, stories=8)
    want = read_csv_strings(io.StringIO(run_cli(cli, "analyze", path)))
    # Spark reads the same JSONL; the rows keep the file's order.
    docs = spark.read.json(str(path))
    claims = cspark.analyze(docs, threads=1)
    got = claims.toPandas()
    assert list(got.columns) == list(credence.CLAIM_COLUMNS)
    assert_same_cells(as_csv_cells(got), want)


def test_report_by_story(spark):
    frame = corpus(200, seed=8, stories=5)
    docs = spark.createDataFrame(frame.astype(object).where(frame.notna(), None))
    report = cspark.report_by(docs, "story", threads=1)
    report.packed.cache()
    want = credence.report(frame, group_by="story")
    for name in credence.TABLES:
        got = report.table(name).toPandas()
        assert list(got.columns) == list(want[name].columns), name
        assert len(got) == len(want[name]), name
        for story, part in got.groupby("story", sort=False):
            expected = want[name][want[name]["story"] == story].reset_index(drop=True)
            pd.testing.assert_frame_equal(
                part.reset_index(drop=True), expected, check_dtype=False, obj=f"{name} {story}"
            )


def test_missing_column(spark):
    docs = spark.createDataFrame(pd.DataFrame({"text": ["Il pleut."]}))
    with pytest.raises(ValueError, match="no `id` column"):
        cspark.analyze(docs)
