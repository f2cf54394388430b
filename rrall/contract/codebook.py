"""The codebook: every column's type and range, the allowed codes with their Korean and English
labels, and the study's own settings. Read from the data folder, else the project's default."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from rrall.paths import data_dir, project_root

__all__ = ["CODEBOOK_FILE", "Codebook", "default_codebook_path", "load_codebook"]

CODEBOOK_FILE = "codebook.yaml"


@dataclass(frozen=True, eq=False)
class Codebook:
    """A parsed ``codebook.yaml``: ``files`` (entity -> columns) and ``codes`` (code lists)."""

    raw: Mapping[str, Any]
    path: Path

    @property
    def codes(self) -> Mapping[str, Mapping[str, Mapping[str, Any]]]:
        """Code lists: list name -> code -> ``{"ko": ..., "en": ..., ...}``."""
        return self.raw["codes"]

    @property
    def files(self) -> Mapping[str, Mapping[str, Any]]:
        """Entities: name -> ``{"ko", "en", "columns": {column -> spec}}``."""
        return self.raw["files"]

    def levels(self, codelist: str) -> tuple[str, ...]:
        """The codes of ``codelist`` in the codebook's order."""
        return tuple(str(c) for c in self.codes[codelist])

    def label(self, codelist: str, code: str, lang: str) -> str:
        """The ``lang`` label of ``code`` in ``codelist``."""
        return str(self.codes[codelist][code][lang])

    def is_default(self) -> bool:
        """True when this codebook says what the project's own (the paper's contract) says."""
        default = default_codebook_path()
        if self.path.resolve() == default.resolve():
            return True
        return bool(self.raw == _read(str(default.resolve()), default.stat().st_mtime_ns).raw)


def default_codebook_path() -> Path:
    """The codebook shipped with the project (the paper's contract)."""
    return project_root() / "data" / CODEBOOK_FILE


@lru_cache(maxsize=8)
def _read(path: str, mtime_ns: int) -> Codebook:
    with open(path, encoding="utf-8") as fh:
        return Codebook(yaml.safe_load(fh), Path(path))


def load_codebook(folder: Path | None = None) -> Codebook:
    """The codebook of ``folder`` (default: the data folder); the project's own when the folder
    has none (a study's ``codebook.yaml`` beside its files replaces the paper's contract)."""
    here = (Path(folder) if folder else data_dir()) / CODEBOOK_FILE
    path = here if here.exists() else default_codebook_path()
    if not path.exists():
        raise FileNotFoundError(str(path))
    return _read(str(path.resolve()), path.stat().st_mtime_ns)
