"""What the paper prints: ``data/published.yaml`` as typed records.

Each item is one fact about the study's own patients, printed at one or more places; each
place keeps the exact quote and a ``form`` that renders recomputed values the way the paper
prints them (``"{n} ({pct:1})"``), so the audit can compare text with text and the
reconstruction can read its targets back out of the quotes (:meth:`Printed.parse`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rrall.fmt import fmt_num, number_words_en
from rrall.paths import data_dir, project_root, read_yaml

__all__ = [
    "PUBLISHED_FILE",
    "RECONSTRUCTION_FILE",
    "Item",
    "Printed",
    "Published",
    "load_published",
    "load_reconstruction",
]

PUBLISHED_FILE = "published.yaml"
RECONSTRUCTION_FILE = "reconstruction.yaml"
_FIELD = re.compile(r"\{(\w+)(?::(\d+))?\}")
_WORD_FIELDS = {"n_words_en", "n_words_en_cap"}


@dataclass(frozen=True)
class Printed:
    """One place a number is printed: section ``at``, the exact ``quote``, its ``form`` and
    the ``sentence`` (or table row) around it."""

    at: str
    quote: str
    form: str
    sentence: str

    def render(self, fields: Mapping[str, Any]) -> str | None:
        """``form`` filled with recomputed ``fields`` (rounded half up to the form's digits);
        ``None`` when a field the form needs is missing or not finite (cannot be computed).
        ``n_words_en`` spells ``n`` out in English (``"one"``), ``n_words_en_cap`` capitalised.
        """
        for m in _FIELD.finditer(self.form):
            name = "n" if m.group(1) in _WORD_FIELDS else m.group(1)
            value = fields.get(name)
            if value is None or (isinstance(value, float) and not math.isfinite(value)):
                return None

        def one(m: re.Match[str]) -> str:
            name, digits = m.group(1), m.group(2)
            if name in _WORD_FIELDS:
                words = number_words_en(fields.get("n"))
                return words.capitalize() if name.endswith("_cap") else words
            value = fields.get(name)
            if value is None:
                return "NA"
            if digits is None:
                return fmt_num(value, 0) if isinstance(value, int | float) else str(value)
            return fmt_num(float(value), int(digits))

        return _FIELD.sub(one, self.form)

    def parse(self) -> dict[str, str]:
        """The printed text of each field of ``form`` in ``quote``: ``{"n": "12", "pct": "23.1"}``.

        Raises ``ValueError`` when the quote does not have the form's shape.
        """
        pattern, pos = "", 0
        for m in _FIELD.finditer(self.form):
            pattern += re.escape(self.form[pos : m.start()])
            word = m.group(1) in _WORD_FIELDS
            pattern += f"(?P<{m.group(1)}>[A-Za-z-]+)" if word else f"(?P<{m.group(1)}>-?[0-9.]+)"
            pos = m.end()
        pattern += re.escape(self.form[pos:])
        hit = re.fullmatch(pattern, self.quote)
        if hit is None:
            raise ValueError(f"quote {self.quote!r} does not have the form {self.form!r}")
        return dict(hit.groupdict())


@dataclass(frozen=True)
class Item:
    """One published fact: how to recompute it (``measure``) and every place it is printed."""

    id: str
    what: Mapping[str, str]
    measure: Mapping[str, Any]
    printed: tuple[Printed, ...]
    contradiction: str | None = None

    def target(self, field: str) -> str:
        """The printed text of ``field`` at the first place that prints it."""
        for p in self.printed:
            values = p.parse()
            if field in values:
                return values[field]
        raise KeyError(f"{self.id} prints no {field!r}")


@dataclass(frozen=True)
class Published:
    """The whole of ``published.yaml``."""

    source: Mapping[str, Any]
    sections: Mapping[str, Mapping[str, Any]]
    items: tuple[Item, ...]
    design: tuple[Mapping[str, Any], ...]
    literature: tuple[Mapping[str, Any], ...]
    checks: tuple[Mapping[str, Any], ...]
    contradictions: Mapping[str, Mapping[str, Any]]
    interpretations: Mapping[str, Mapping[str, Any]]
    path: Path

    def item(self, item_id: str) -> Item:
        """The item called ``item_id``."""
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def literature_range(self, lit_id: str) -> tuple[float, float]:
        """The ``(low, high)`` of a range the paper quotes from the literature."""
        for lit in self.literature:
            if lit["id"] == lit_id:
                return float(lit["low"]), float(lit["high"])
        raise KeyError(lit_id)

    def target(self, item_id: str, field: str) -> str:
        """Shortcut for ``item(item_id).target(field)``."""
        return self.item(item_id).target(field)

    def count(self, item_id: str) -> int:
        """The printed count ``n`` of an item."""
        return int(self.target(item_id, "n"))


def _item(raw: Mapping[str, Any]) -> Item:
    return Item(
        id=str(raw["id"]),
        what=dict(raw["what"]),
        measure=dict(raw["measure"]),
        printed=tuple(
            Printed(str(p["at"]), str(p["quote"]), str(p["form"]), str(p["sentence"]))
            for p in raw["printed"]
        ),
        contradiction=raw.get("contradiction"),
    )


@lru_cache(maxsize=4)
def _read(path: str, mtime_ns: int) -> Published:
    with open(path, encoding="utf-8") as fh:
        raw = read_yaml(fh)
    return Published(
        source=raw["source"],
        sections=raw["sections"],
        items=tuple(_item(i) for i in raw["items"]),
        design=tuple(raw.get("design", ())),
        literature=tuple(raw.get("literature", ())),
        checks=tuple(raw.get("checks", ())),
        contradictions=raw.get("contradictions", {}),
        interpretations=raw.get("interpretations", {}),
        path=Path(path),
    )


def load_published(folder: Path | None = None) -> Published:
    """The paper's numbers: ``published.yaml`` of ``folder`` (default: the data folder), else
    the project's own copy (the paper does not change with the data)."""
    here = (Path(folder) if folder else data_dir()) / PUBLISHED_FILE
    path = here if here.exists() else project_root() / "data" / PUBLISHED_FILE
    return _read(str(path.resolve()), path.stat().st_mtime_ns)


def load_reconstruction(folder: Path | None = None) -> dict[str, Any] | None:
    """The reconstruction record of ``folder`` (``reconstruction.yaml``), or ``None`` for a
    study's own data."""
    path = (Path(folder) if folder else data_dir()) / RECONSTRUCTION_FILE
    if not path.exists():
        return None
    with open(path, encoding="utf-8") as fh:
        return dict(read_yaml(fh))
