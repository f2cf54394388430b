"""Shared fixtures: a fresh copy of the study data, a small CSV cell editor, and the rendered
report (one render per test session, shared by the render, browser and supplement tests)."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from rrall.quarto import find_quarto, quarto_version

from .helpers import copy_real_data

ROOT = Path(__file__).resolve().parent.parent
QUARTO = find_quarto()
QUARTO_VERSION = quarto_version(QUARTO) if QUARTO else None
#: why render-dependent tests skip, or None when Quarto >= 1.9 is here
NO_QUARTO = (
    None
    if QUARTO_VERSION is not None and QUARTO_VERSION >= (1, 9)
    else f"Quarto >= 1.9 not on PATH (found: {QUARTO_VERSION}); render tests need it"
)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project rendered the way the README says: plain, then each profile.

    ``<copy>/_book`` holds both editions and the landing page; ``<copy>/render-logs.txt`` the
    logs. Rendered once per session. ``RRALL_RENDERED=<folder>`` reuses a project folder that was
    rendered the same way (``make report``) instead, for quick runs while working on the checks.
    """
    if NO_QUARTO or QUARTO is None:
        pytest.skip(NO_QUARTO or "no quarto")
    if os.environ.get("RRALL_RENDERED"):
        return Path(os.environ["RRALL_RENDERED"]).resolve()
    dest = tmp_path_factory.mktemp("render") / "project"
    ignore = shutil.ignore_patterns(
        ".venv", "_book", "_supplement", ".quarto", "__pycache__", ".git", "*.quarto_ipynb"
    )
    shutil.copytree(ROOT, dest, ignore=ignore)
    env = {**os.environ, "QUARTO_PYTHON": sys.executable}
    env.pop("QUARTO_PROFILE", None)
    logs = {}
    for name, args in (("plain", []), ("en", ["--profile", "en"])):
        r = subprocess.run(
            [QUARTO, "render", *args],
            cwd=dest,
            env=env,
            capture_output=True,
            text=True,
            timeout=1500,
        )
        logs[name] = r.stdout + r.stderr
        assert r.returncode == 0, logs[name][-4000:]
    subprocess.run([sys.executable, "-m", "rrall.site", str(dest / "_book")], check=True)
    (dest / "render-logs.txt").write_text(
        "\n".join(f"=== {k}\n{v}" for k, v in logs.items()), encoding="utf-8"
    )
    return dest


@pytest.fixture(scope="session")
def supplement(rendered: Path) -> Path:
    """``make supplement``'s archive, built from the session's render (``<copy>/_supplement``)."""
    out = rendered / "_supplement"
    r = subprocess.run(
        [sys.executable, "-m", "rrall.supplement", "--book", "_book", "--out", str(out)],
        cwd=rendered,
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]
    (out / "supplement-log.txt").write_text(r.stdout + r.stderr, encoding="utf-8")
    return out / "rrall-supplement.zip"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A fresh copy of the six study CSVs and codebook.yaml; returns the folder."""
    return copy_real_data(tmp_path / "data")


# -- CSV helpers (everything stays text; files are written as UTF-8) ---------------------
def _file(folder: Path, file: str) -> Path:
    return folder / (file if file.endswith((".csv", ".xlsx")) else f"{file}.csv")


def read_csv(folder: Path, file: str) -> tuple[list[str], list[list[str]]]:
    """(header, data rows) of ``file`` (``"baseline"`` or ``"baseline.csv"``) as text."""
    with open(_file(folder, file), encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def write_csv(folder: Path, file: str, header: list[str], rows: list[list[str]]) -> None:
    with open(_file(folder, file), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def records(folder: Path, file: str) -> list[dict[str, str]]:
    """Data rows of ``file`` as dicts (column -> text)."""
    header, rows = read_csv(folder, file)
    return [dict(zip(header, r, strict=True)) for r in rows]


def row_of(folder: Path, file: str, patient_id: str) -> int:
    """1-based data row of the first row of ``patient_id`` in ``file``."""
    for i, r in enumerate(records(folder, file), start=1):
        if r["patient_id"] == patient_id:
            return i
    raise KeyError(f"{patient_id} not in {file}")


def edit_cell(folder: Path, file: str, key: str | int, column: str, value: str) -> int:
    """Set one cell; ``key`` is a patient_id (first matching row) or a 1-based data row.

    Returns the 1-based data row that was edited (the row a Violation would name).
    """
    header, rows = read_csv(folder, file)
    row = key if isinstance(key, int) else row_of(folder, file, key)
    rows[row - 1][header.index(column)] = value
    write_csv(folder, file, header, rows)
    return row


def drop_rows(folder: Path, file: str, patient_id: str) -> None:
    """Remove every row of ``patient_id`` from ``file``."""
    header, rows = read_csv(folder, file)
    i = header.index("patient_id")
    write_csv(folder, file, header, [r for r in rows if r[i] != patient_id])


def append_row(folder: Path, file: str, row: dict[str, str] | list[str]) -> int:
    """Append a data row; returns its 1-based row number."""
    header, rows = read_csv(folder, file)
    rows.append([row.get(c, "") for c in header] if isinstance(row, dict) else list(row))
    write_csv(folder, file, header, rows)
    return len(rows)


def folder_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder`` (detects changed, added or removed files)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@dataclass(frozen=True)
class CsvTools:
    """The helpers above, handed to tests through the ``csvtools`` fixture."""

    read = staticmethod(read_csv)
    write = staticmethod(write_csv)
    records = staticmethod(records)
    row_of = staticmethod(row_of)
    edit = staticmethod(edit_cell)
    drop = staticmethod(drop_rows)
    append = staticmethod(append_row)
    digest = staticmethod(folder_digest)


@pytest.fixture
def csvtools() -> CsvTools:
    return CsvTools()
