"""Where the project's files live, and how its YAML files are read."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

import yaml

__all__ = ["data_dir", "project_root", "read_yaml"]

#: libyaml's parser where PyYAML was built with it (about ten times faster), else PyYAML's own;
#: both accept the same documents and raise the same errors with the same marks
_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(source: str | IO[str]) -> Any:
    """``yaml.safe_load(source)``, through libyaml when available."""
    return yaml.load(source, Loader=_LOADER)


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
