"""Where the report came from: the input files with their SHA-256 digests, and the computing
environment (versions, commit, render time), read when the report is rendered."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import os
import platform
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd

from rrall.cohort import Cohort
from rrall.contract.codebook import CODEBOOK_FILE
from rrall.paths import data_dir, project_root

__all__ = ["PACKAGES", "data_digest", "environment", "provenance"]

#: the packages whose versions the reproducibility appendix lists
PACKAGES = (
    "pandas",
    "numpy",
    "scipy",
    "lifelines",
    "statsmodels",
    "matplotlib",
    "seaborn",
    "great-tables",
    "pyarrow",
    "PyYAML",
    "ipykernel",
)
_EXTRA_FILES = (CODEBOOK_FILE, "published.yaml", "reconstruction.yaml")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def provenance(cohort: Cohort) -> pd.DataFrame:
    """One row per input file: ``entity``, ``file``, ``rows`` (records read; ``None`` for the
    YAML files) and ``sha256`` (full hex digest). The codebook, the published numbers and the
    reconstruction record are listed too where the data folder has them."""
    folder = cohort.folder or data_dir()
    pts = cohort.patients
    counts = {
        "screening": len(cohort.screening),
        "baseline": len(pts),
        "treatment": len(cohort.agents),
        "response": int(pts["marrow_exam"].notna().sum()),
        "transplant": int(pts["hsct"].notna().sum()),
        "followup": int(pts["vital_status"].notna().sum()),
    }
    rows = []
    for entity, fname in cohort.sources.items():
        path = folder / fname
        rows.append(
            {
                "entity": entity,
                "file": fname,
                "rows": counts.get(entity),
                "sha256": _sha256(path) if path.exists() else "",
            }
        )
    for fname in _EXTRA_FILES:
        path = folder / fname
        if path.exists():
            rows.append(
                {"entity": Path(fname).stem, "file": fname, "rows": None, "sha256": _sha256(path)}
            )
    return pd.DataFrame(rows, columns=["entity", "file", "rows", "sha256"])


def data_digest(cohort: Cohort) -> str:
    """One short digest over all input files, to cite the exact data a report came from."""
    h = hashlib.sha256()
    for d in provenance(cohort)["sha256"]:
        h.update(str(d).encode())
    return h.hexdigest()[:12]


def _run(args: list[str], cwd: Path | None = None) -> str | None:
    try:
        r = subprocess.run(args, capture_output=True, text=True, timeout=60, cwd=cwd, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout.strip() if r.returncode == 0 else None


def _quarto() -> tuple[str | None, str | None]:
    """Quarto's and its pandoc's versions (``None`` when Quarto is not on PATH)."""
    exe = shutil.which("quarto")
    if exe is None:
        return None, None
    version = _run([exe, "--version"])
    pandoc = _run([exe, "pandoc", "--version"])
    return version, pandoc.splitlines()[0].split()[-1] if pandoc else None


def _git() -> tuple[str | None, bool]:
    """The commit of the project's checkout and whether tracked files have changed."""
    root = project_root()
    commit = _run(["git", "rev-parse", "HEAD"], cwd=root)
    if commit is None:
        return None, False
    status = _run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root)
    return commit, bool(status)


def environment(*, now: dt.datetime | None = None) -> dict[str, object]:
    """The computing environment: ``python``, ``platform``, ``quarto``, ``pandoc``, ``commit``,
    ``dirty``, ``rendered`` (UTC) and ``packages`` (name -> version)."""
    with ThreadPoolExecutor(max_workers=2) as pool:  # Quarto's commands beside git's
        asked_quarto = pool.submit(_quarto)
        asked_git = pool.submit(_git)
        quarto, pandoc = asked_quarto.result()
        commit, dirty = asked_git.result()
    packages: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            packages[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            packages[name] = None
    stamp = now or dt.datetime.now(dt.UTC)
    return {
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}",
        "quarto": os.environ.get("QUARTO_VERSION") or quarto,
        "pandoc": pandoc,
        "commit": commit,
        "dirty": dirty,
        "rendered": stamp.strftime("%Y-%m-%d %H:%M"),
        "packages": packages,
    }
