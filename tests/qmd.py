"""Read a Quarto chapter: its Python code cells, inline expressions, labels and references."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CELL = re.compile(r"^```\{python\}[^\n]*\n(.*?)^```", re.S | re.M)
INLINE = re.compile(r"`\{python\}\s+([^`]+)`")
REF = re.compile(r"(?<![\w{#])-?@((?:tbl|fig|sec)-[\w-]+)")
CITE = re.compile(r"\[(?:[^\]]*?)@([\w:.-]+)[^\]]*\]")
DEF_DIV = re.compile(r"^:::\s*\{#((?:tbl|fig|sec)-[\w-]+)", re.M)
DEF_HEAD = re.compile(r"^#+ .*\{[^}]*#((?:sec)-[\w-]+)[^}]*\}", re.M)
DEF_LABEL = re.compile(r"^#\|\s*label:\s*((?:tbl|fig)-[\w-]+)", re.M)


@dataclass(frozen=True)
class Chapter:
    path: Path
    cells: list[str]
    inline: list[str]
    refs: set[str]
    labels: set[str]
    cites: set[str]


def _strip_cells(text: str) -> str:
    return CELL.sub("", text)


def read_chapter(path: Path) -> Chapter:
    text = path.read_text(encoding="utf-8")
    cells = [c for c in CELL.findall(text)]
    prose = _strip_cells(text)
    inline = INLINE.findall(prose)
    prose_no_inline = INLINE.sub("", prose)
    refs = set(REF.findall(prose_no_inline))
    labels = set(DEF_DIV.findall(text)) | set(DEF_HEAD.findall(text)) | set(DEF_LABEL.findall(text))
    cites = set()
    for m in CITE.finditer(prose_no_inline):
        cites |= set(re.findall(r"(?<![\w-])-?@([\w:.-]*\w)", m.group(0)))
    cites = {c for c in cites if not c.startswith(("tbl-", "fig-", "sec-"))}
    return Chapter(path, cells, inline, refs, labels, cites)
