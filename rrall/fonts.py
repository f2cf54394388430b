"""The Korean font (NanumGothic, SIL OFL 1.1) shipped by a registry package, for figures and PDF."""

from __future__ import annotations

import importlib.util
import shutil
from functools import lru_cache
from pathlib import Path

from rrall.labels import both
from rrall.paths import project_root

__all__ = ["FONT_FAMILY", "font_dir", "font_files", "install_fonts"]

FONT_FAMILY = "NanumGothic"
_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf")


def _package_font_dir() -> Path | None:
    # koreanize-matplotlib ships the TTFs; find them without importing the package
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    d = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    return d if d.exists() else None


@lru_cache(maxsize=1)
def font_dir() -> Path:
    """Folder holding NanumGothic: the project's ``_assets/fonts`` if set up, else the package's."""
    local = project_root() / "_assets" / "fonts"
    if all((local / f).exists() for f in _FILES):
        return local
    pkg = _package_font_dir()
    if pkg is None:
        raise FileNotFoundError(both("cli_fonts_missing", " / "))
    return pkg


def font_files() -> list[Path]:
    """The regular and bold TTF files."""
    return [font_dir() / f for f in _FILES]


def install_fonts(dest: Path | None = None) -> Path:
    """Copy the TTFs (and their OFL notice) into ``_assets/fonts`` for Typst and the HTML."""
    dest = dest or project_root() / "_assets" / "fonts"
    dest.mkdir(parents=True, exist_ok=True)
    src = _package_font_dir()
    if src is None:
        raise FileNotFoundError("koreanize-matplotlib is not installed")
    for f in _FILES:
        shutil.copyfile(src / f, dest / f)
    # the wheel's licence covers its code only: the fonts' own OFL notice travels with them
    shutil.copyfile(project_root() / "_assets" / "NanumGothic-OFL.txt", dest / "OFL.txt")
    return dest
