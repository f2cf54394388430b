"""Where the project's files live."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_dir", "project_root"]


def project_root() -> Path:
    """The repository root: the folder holding ``_quarto.yml`` above this package."""
    here = Path(__file__).resolve().parent.parent
    if (here / "_quarto.yml").exists():
        return here
    cwd = Path.cwd().resolve()
    for p in (cwd, *cwd.parents):
        if (p / "_quarto.yml").exists():
            return p
    return here


def data_dir() -> Path:
    """The data folder: ``$RRALL_DATA`` if set, else ``<root>/data``."""
    env = os.environ.get("RRALL_DATA")
    return Path(env).resolve() if env else project_root() / "data"
