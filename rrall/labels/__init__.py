"""Every word the report shows, in Korean and English, and the active language.

One catalog, split by concern: :mod:`.catalog` (tables, figures, captions, notices),
:mod:`.numbers` (what each cited number is), :mod:`.prose` (sentences that depend on the data),
:mod:`.strobe` (the STROBE checklist), :mod:`.glossary` (terms and abbreviations), and the
modules of other layers' texts (:mod:`.contract`, :mod:`.site`). Code labels (sex, agents,
response categories ...) belong to the codebook (``Codebook.label``).

Templates fill ``{field}``; ``{field|이/가}`` also attaches the Korean particle that fits the
filled-in word (:func:`rrall.labels.words.josa`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Literal

from rrall.labels.catalog import CATALOG
from rrall.labels.ensemble import CATEGORY_LABEL, CONCLUSION_LABEL, ENSEMBLE_LABELS, STATISTIC_LABEL
from rrall.labels.numbers import NUMBER_LABELS
from rrall.labels.prose import PROSE
from rrall.labels.strobe import STROBE_LABELS
from rrall.labels.words import josa

__all__ = [
    "CATEGORY_LABEL",
    "CONCLUSION_LABEL",
    "EXCLUSION_LABEL",
    "GROUP_LABEL",
    "LABELS",
    "LANGS",
    "STATISTIC_LABEL",
    "VARIABLE_LABEL",
    "Lang",
    "Markdown",
    "current_lang",
    "fill",
    "label",
    "visible_text",
]

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")

LABELS: dict[str, dict[str, str]] = {}
for _part in (CATALOG, ENSEMBLE_LABELS, NUMBER_LABELS, PROSE, STROBE_LABELS):
    for _key, _entry in _part.items():
        if _key in LABELS:
            raise ValueError(f"label {_key!r} defined twice")
        LABELS[_key] = _entry

#: survival group code -> label key (figures and tables)
GROUP_LABEL: dict[str, str] = {
    "all": "all_patients",
    "hsct": "grp_hsct",
    "no_hsct": "grp_no_hsct",
    "cr_hsct": "grp_cr_hsct",
    "before_hsct": "grp_before_hsct",
    "after_hsct": "grp_after_hsct",
    "hsct_by_landmark": "grp_hsct_by_landmark",
    "no_hsct_by_landmark": "grp_no_hsct_by_landmark",
}

#: screening exclusion reason -> label key
EXCLUSION_LABEL: dict[str, str] = {
    "clofarabine": "excl_clofarabine",
    "age": "excl_age",
    "prior_regimens": "excl_prior_regimens",
    "blasts": "excl_blasts",
}

#: Table 1 variable -> label key
VARIABLE_LABEL: dict[str, str] = {
    "age": "var_age",
    "sex": "var_sex",
    "height": "var_height",
    "weight": "var_weight",
    "cytogenetics": "var_cytogenetics",
    "immunophenotype": "var_immunophenotype",
    "disease_status": "var_disease_status",
}

_FIELD = re.compile(r"\{(\w+)(?:\|([^}]+))?\}")


def current_lang() -> Lang:
    """The language of the active Quarto profile (``QUARTO_PROFILE``), else ``RRALL_LANG``,
    else Korean."""
    for var in ("QUARTO_PROFILE", "RRALL_LANG"):
        for part in os.environ.get(var, "").replace(" ", "").split(","):
            if part in LANGS:
                return part  # type: ignore[return-value]
    return "ko"


class Markdown(str):
    """Text that Quarto should read as Markdown (an inline expression's result)."""

    def _repr_markdown_(self) -> str:
        return str(self)


_SPAN = re.compile(r"\[((?:\\.|[^\]\\])*)\]\{[^}]*\}")


def visible_text(markdown: str) -> str:
    """What a reader sees of inline Markdown with cited-number spans."""
    text = _SPAN.sub(lambda m: m.group(1), markdown)
    return re.sub(r"\\(.)", r"\1", text)


def fill(template: str, fields: Mapping[str, object]) -> str:
    """``template`` with ``{name}`` and ``{name|이/가}`` filled from ``fields``.

    A field with a Markdown form (a cited number) goes in as Markdown, and the result is
    then :class:`Markdown`; its particle is chosen by its visible text.
    """
    rich = False

    def one(m: re.Match[str]) -> str:
        nonlocal rich
        obj = fields[m.group(1)]
        visible = str(obj)
        shown = visible
        md = getattr(obj, "_repr_markdown_", None)
        if md is not None:
            shown, rich = md(), True
            if isinstance(obj, Markdown):
                visible = visible_text(shown)
        if m.group(2):
            shown += josa(visible, m.group(2))[len(visible) :]
        return shown

    out = _FIELD.sub(one, template)
    return Markdown(out) if rich else out


def label(key: str, lang: Lang, **fields: object) -> str:
    """The label ``key`` in ``lang``, with its fields filled in."""
    text = LABELS[key][lang]
    return fill(text, fields) if fields else text
