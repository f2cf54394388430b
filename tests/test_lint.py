"""Style gates run with the suite: ruff lint and format, and mypy on the package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_lint_clean() -> None:
    r = _run("ruff", "check", "rrall", "tests", "bench")
    assert r.returncode == 0, r.stdout + r.stderr


def test_ruff_format_clean() -> None:
    r = _run("ruff", "format", "--check", "rrall", "tests", "bench")
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.slow
def test_mypy_clean() -> None:
    r = _run("mypy", "rrall")
    assert r.returncode == 0, r.stdout + r.stderr
