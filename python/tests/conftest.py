"""Shared fixtures: the repository root and the `credence` binary the
Python results are compared with."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpus" / "nk-troops-2024"


def _binary() -> Path:
    """The command-line binary: $CREDENCE_BIN, else target/release/credence
    (built with cargo when missing)."""
    env = os.environ.get("CREDENCE_BIN")
    if env:
        return Path(env)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    if not target.is_absolute():
        target = ROOT / target
    exe = target / "release" / ("credence.exe" if os.name == "nt" else "credence")
    if not exe.exists():
        subprocess.run(
            ["cargo", "build", "--release", "--quiet", "--bin", "credence"], cwd=ROOT, check=True
        )
    return exe


@pytest.fixture(scope="session")
def cli() -> Path:
    return _binary()


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


def run_cli(cli: Path, *args: str | os.PathLike[str], stdin: bytes | None = None) -> str:
    out = subprocess.run([str(cli), *map(str, args)], cwd=ROOT, input=stdin, capture_output=True)
    if out.returncode != 0:
        raise AssertionError(f"credence {' '.join(map(str, args))}: exit {out.returncode}: {out.stderr.decode()}")
    return out.stdout.decode("utf-8")


def read_csv_strings(path_or_buf) -> pd.DataFrame:
    """A CSV as the command line wrote it: every cell a string, empty cells
    empty strings."""
    return pd.read_csv(path_or_buf, dtype=str, keep_default_na=False, na_filter=False)


def _needs_prefix(cell: str) -> bool:
    if not cell.startswith(("=", "+", "-", "@", "\t", "\r")):
        return False
    try:
        v = float(cell)
    except ValueError:
        return True
    return v != v or v in (float("inf"), float("-inf"))


def as_csv_cells(df: pd.DataFrame, float_digits: int = 3) -> pd.DataFrame:
    """A DataFrame from credence formatted as the command line's CSV: missing
    values empty, whole numbers in decimal, floats with `float_digits`
    decimals, cells a spreadsheet would run as formulas prefixed with `'`."""
    out = {}
    for name in df.columns:
        col = df[name]
        if pd.api.types.is_integer_dtype(col.dtype):
            cells = [str(v) for v in col.tolist()]
        elif pd.api.types.is_float_dtype(col.dtype):
            cells = ["" if pd.isna(v) else f"{v:.{float_digits}f}" for v in col.tolist()]
        else:
            cells = ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v) for v in col.tolist()]
        out[name] = ["'" + c if _needs_prefix(c) else c for c in cells]
    return pd.DataFrame(out, columns=list(df.columns), dtype=str)


def assert_same_cells(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Cell-for-cell equality, with the first differing cells in the message."""
    assert list(got.columns) == list(want.columns)
    assert len(got) == len(want), f"{len(got)} rows, the CLI gives {len(want)}"
    got = got.reset_index(drop=True)
    want = want.reset_index(drop=True)
    diff = got.ne(want)
    if diff.to_numpy().any():
        rows, cols = diff.to_numpy().nonzero()
        shown = [
            f"row {r} column {got.columns[c]}: {got.iat[r, c]!r} != CLI {want.iat[r, c]!r}"
            for r, c in list(zip(rows, cols))[:10]
        ]
        raise AssertionError(f"{len(rows)} cells differ:\n" + "\n".join(shown))
