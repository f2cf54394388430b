"""The prose of one edition as a reader sees it, assembled without Quarto: each chapter's
language block with its inline expressions evaluated (in this process), in book order.

Cross-references stay as ``@sec-...`` and citations as ``[@key]``; cited numbers become their
visible text. Used by the copy-editing tests (register, glossary, abbreviations).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from functools import lru_cache
from pathlib import Path

import yaml

from rrall.labels import visible_text
from tests.qmd import CELL, INLINE

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r'^::: \{\.content-visible when-profile="(ko|en)"\}\n(.*?)^:::\s*$', re.S | re.M)


def chapter_files() -> list[Path]:
    cfg = yaml.safe_load((ROOT / "_quarto-ko.yml").read_text(encoding="utf-8"))
    return [ROOT / it["href"] for it in cfg["book"]["chapters"] + cfg["book"]["appendices"]]


def _shown(value: object) -> str:
    md = getattr(value, "_repr_markdown_", None)
    return visible_text(md() if md is not None else str(value))


@lru_cache(maxsize=4)
def edition_text(lang: str) -> str:
    """Every chapter's prose in ``lang``, inline expressions replaced by what they print, plus
    what the chapters' cells print as Markdown (``output: asis``)."""
    import matplotlib

    matplotlib.use("Agg")
    saved = os.environ.get("QUARTO_PROFILE")
    os.environ["QUARTO_PROFILE"] = lang
    parts: list[str] = []
    try:
        for path in chapter_files():
            text = path.read_text(encoding="utf-8")
            scope: dict[str, object] = {}
            printed = io.StringIO()
            for code in CELL.findall(text):
                body = "\n".join(ln for ln in code.splitlines() if not ln.startswith("#|"))
                with contextlib.redirect_stdout(printed):
                    exec(body, scope)
            # the language's blocks, and the prose outside any language block
            prose = CELL.sub("", text)
            prose = BLOCK.sub(lambda m: m.group(2) if m.group(1) == lang else "", prose)

            def inline(m: re.Match[str], scope: dict[str, object] = scope) -> str:
                return _shown(eval(m.group(1), scope))

            parts.append(INLINE.sub(inline, prose))
            parts.append(visible_text(printed.getvalue()))
    finally:
        if saved is None:
            os.environ.pop("QUARTO_PROFILE", None)
        else:
            os.environ["QUARTO_PROFILE"] = saved
    return "\n\n".join(parts)
