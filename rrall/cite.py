"""Cited numbers as the prose shows them: formatted in the edition's language, each one a
Markdown span carrying its provenance.

``N = numbers(cohort, lang=LANG)``; in a chapter ``N["os.5y"]`` prints ``6.6%`` and, in the
HTML, is ``<span class="rrall-num" data-key="os.5y" data-what=... data-calc=... data-audit=...>``
so that a reader can see what the number is, how it was computed and where the audit checks it
(the popover is ``_assets/numbers.html``). In the PDF the span is plain text.

A number that differs from the one the paper prints carries the printed value and a pointer to
the audit: ``12.3% (published 12.5%, Appendix C)``.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from rrall.audit import audit, audit_numbers
from rrall.cohort import Cohort, memo
from rrall.constants import ALPHA, MONTHS_PER_YEAR
from rrall.fmt import fmt_num, fmt_p_sig
from rrall.labels import (
    CONCLUSION_LABEL,
    EXCLUSION_LABEL,
    GROUP_LABEL,
    STATISTIC_LABEL,
    VARIABLE_LABEL,
    Lang,
    Markdown,
    label,
)
from rrall.labels.words import josa
from rrall.published import load_published
from rrall.registry import Registry, Value, registry, thresholds

__all__ = ["Num", "Numbers", "numbers"]

_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class Num:
    """A cited number: ``text`` as printed (``main`` with its ``aside`` in parentheses), ``key``
    and popover ``attrs`` for the HTML."""

    main: str
    key: str
    attrs: Mapping[str, str]
    aside: tuple[str, ...] = ()
    lang: str = "en"

    @property
    def text(self) -> str:
        """The printed text: ``12.3% (published 12.5%, Appendix C)``."""
        if not self.aside:
            return self.main
        sep = "" if self.lang == "ko" else " "
        return f"{self.main}{sep}({'; '.join(self.aside)})"

    def inside(self) -> Num:
        """The same number for a place already in parentheses: ``12.3%; published 12.5% ...``."""
        return Num("; ".join((self.main, *self.aside)), self.key, self.attrs, (), self.lang)

    def __str__(self) -> str:
        return self.text

    def josa(self, pair: str) -> Markdown:
        """The cited number followed by the Korean particle of ``pair`` (a pair such as the
        copula's past forms, see ``rrall.labels.words``) that fits how the number is read aloud:
        a number read with a final consonant (0.60) takes the first form, otherwise the second."""
        # an English edition executes its hidden Korean blocks too: no Hangul comes out there
        particle = josa(self.main, pair)[len(self.main) :] if self.lang == "ko" else ""
        return Markdown(self._repr_markdown_() + particle)

    def _repr_markdown_(self) -> str:
        attrs = " ".join(f'{k}="{_attr(v)}"' for k, v in self.attrs.items() if v)
        return f'[{_md_escape(self.text)}]{{.rrall-num key="{self.key}" {attrs}}}'


def _attr(text: str) -> str:
    return text.replace("\\", "/").replace('"', "'").replace("\n", " ")


def _md_escape(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]").replace("*", "\\*").replace("_", "\\_")


def numbers(cohort: Cohort, *, lang: Lang) -> Numbers:
    """The cited numbers of ``cohort`` in ``lang`` (one object per cohort and language)."""
    return memo(cohort, f"numbers-{lang}", lambda: Numbers(cohort, lang))


def _months(years: float) -> str:
    """A duration kept in years, written in months to one decimal."""
    return fmt_num(years * MONTHS_PER_YEAR, 1)


class Numbers:
    """``N[key]`` (the value as the prose prints it) and its other forms (``N.n_pct(key)`` ...)."""

    def __init__(self, cohort: Cohort, lang: Lang) -> None:
        self.cohort = cohort
        self.lang = lang
        self.reg = Registry([*registry(cohort).values(), *audit_numbers(cohort).values()])
        self.reconstructed = cohort.reconstructed
        self._published = _published_by_key(cohort)

    # ---- raw access ------------------------------------------------------------------------
    def extended(self, values: Iterable[Value]) -> Numbers:
        """These numbers and ``values`` besides (numbers computed above this layer, such as
        the ensemble's)."""
        out = copy.copy(self)
        out.reg = Registry([*self.reg.values(), *values])
        return out

    def value(self, key: str) -> Value:
        """The registry entry of ``key``."""
        return self.reg[key]

    def raw(self, key: str) -> Any:
        """The raw value of ``key`` (a percentage, a count, a date, a code or NaN)."""
        return self.reg[key].value

    def count(self, key: str) -> int:
        """The count (or numerator) of ``key`` as an int (0 when there is none)."""
        n = self.reg[key].n
        return int(n) if n is not None else 0

    # ---- printed forms -----------------------------------------------------------------------
    def __getitem__(self, key: str) -> Num:
        v = self.reg[key]
        return self._num(v, self._main(v), published=True)

    def n(self, key: str) -> Num:
        """The count or numerator alone: ``16``."""
        v = self.reg[key]
        return self._num(v, str(v.n if v.n is not None else 0))

    def of(self, key: str) -> Num:
        """The denominator of a share: ``63``."""
        v = self.reg[key]
        return self._num(v, str(v.of if v.of is not None else 0))

    def patients(self, key: str) -> Num:
        """A count of patients: ``16 patients`` (``1 patient``; Korean: with its counter)."""
        v = self.reg[key]
        n = int(v.n if v.n is not None else 0)
        return self._num(v, _patients(n, self.lang))

    def n_pct(self, key: str) -> Num:
        """``12 (23.1%)`` (Korean: with its counter); the count alone when the denominator
        is 0."""
        v = self.reg[key]
        k = int(v.n or 0)
        if not v.estimable:
            return self._num(v, _patients(k, self.lang) if self.lang == "ko" else str(k))
        text = label("n_pct", self.lang, n=k, pct=fmt_num(v.value, 1))
        return self._num(v, text, published=True)

    def est(self, key: str) -> Num:
        """The value with its 95% CI: ``48.2% (95% CI 35.0-60.1)``."""
        v = self.reg[key]
        main = self._main(v)
        if not v.estimable:
            return self._num(v, main, published=True)
        return self._num(v, main, published=True, aside=[self._ci_text(v)])

    def ci(self, key: str) -> Num:
        """The 95% CI alone: ``95% CI 41.0-64.9``."""
        v = self.reg[key]
        return self._num(v, self._ci_text(v))

    def limits(self) -> dict[str, Num]:
        """The eligibility thresholds as cited numbers, for the exclusion labels."""
        return {k: self[v.key] for k, v in thresholds(self.reg).items()}

    def name(self, key: str) -> Num:
        """A code's label as a word inside a sentence (English: lower-case first letter,
        acronyms kept): ``vincristine``."""
        v = self.reg[key]
        text = self._main(v)
        if self.lang == "en" and len(text) > 1 and not text[:2].isupper():
            text = text[:1].lower() + text[1:]
        return self._num(v, text)

    def month(self, key: str) -> Num:
        """A date as month and year: ``January 2007`` (Korean: year first)."""
        v = self.reg[key]
        return self._num(v, self._date(v.value, day=False))

    # ---- helpers ---------------------------------------------------------------------------------
    def _main(self, v: Value) -> str:
        lang = self.lang
        if v.kind in ("share", "survival"):
            return f"{fmt_num(v.value, v.digits)}%" if v.estimable else label("not_estimable", lang)
        if v.kind == "count":
            return str(int(v.value))
        if v.kind == "number":
            return fmt_num(v.value, v.digits) if v.estimable else label("not_estimable", lang)
        if v.kind == "p":
            return fmt_p_sig(v.value) if v.estimable else label("p_not_estimable", lang)
        if v.kind == "duration":
            if not v.estimable:
                return label(v.missing or "not_estimable", lang)
            return label("months_value", lang, m=_months(v.value))
        if v.kind == "date":
            return self._date(v.value, day=True)
        if v.kind == "code":
            return self._code(v)
        if v.kind == "text":
            return str(v.value)
        raise ValueError(f"unknown kind {v.kind!r}")  # pragma: no cover

    def _code(self, v: Value) -> str:
        if v.value is None:
            return label("not_estimable", self.lang)
        codelist = str(v.fields.get("codelist", ""))
        return self.cohort.codebook.label(codelist, str(v.value), self.lang)

    def _date(self, value: Any, *, day: bool) -> str:
        if value is None or pd.isna(value):
            return label("not_estimable", self.lang)
        ts = pd.Timestamp(value)
        month = _MONTHS_EN[ts.month - 1] if self.lang == "en" else ts.month
        fields = {"y": ts.year, "d": ts.day, "month": month}
        return label("day_date" if day else "month_date", self.lang, **fields)

    def _ci_text(self, v: Value) -> str:
        if v.ci is None:
            return label("ci_not_estimable", self.lang)
        lo, hi = v.ci
        if v.kind == "duration":
            if math.isnan(lo):
                return label("ci_not_estimable", self.lang)
            # an upper limit not reached reads "lo-not reached"
            hi_t = _months(hi) if not math.isnan(hi) else label("not_reached", self.lang)
            return label("ci_text", self.lang, lo=_months(lo), hi=hi_t)
        if math.isnan(lo) or math.isnan(hi) or lo == hi:
            return label("ci_not_estimable", self.lang)
        return label("ci_text", self.lang, lo=fmt_num(lo, v.digits), hi=fmt_num(hi, v.digits))

    def _num(
        self, v: Value, text: str, *, published: bool = False, aside: list[str] | None = None
    ) -> Num:
        """``text`` (+ `` (aside; ...)``) with its popover; a value that differs from the
        paper's gets the printed value and a pointer to the audit in the parentheses."""
        lang = self.lang
        what, calc = _what(v, self.cohort, lang), _calc(v, lang)
        attrs = {"what": what, "calc": calc, "title": f"{what}: {calc}" if calc else what}
        parts = list(aside or [])
        pub = self._published.get(v.key)
        if pub is not None:
            attrs["audit"] = pub["id"]
            attrs["auditlabel"] = label("pop_audit", lang)
            if published and self.reconstructed and pub["status"] != "reproduced":
                shown = _published_text(pub, v, with_count=text[:1].isdigit() and "(" in text)
                parts.append(label("published_beside", lang, quote=shown, where="@sec-audit"))
        return Num(text, v.key, attrs, tuple(parts), lang)


def _published_text(pub: Mapping[str, Any], v: Value, *, with_count: bool) -> str:
    """The paper's printed value in the report's own form (``12.5%``, ``3 (12.5%)``)."""
    fields = pub["fields"]
    if v.kind in ("share", "survival") and "pct" in fields:
        pct = f"{fields['pct']}%"
        return f"{fields['n']} ({pct})" if with_count and "n" in fields else pct
    return str(pub["quote"])


def _patients(n: int, lang: Lang) -> str:
    return label("patients_one" if n == 1 else "patients_many", lang, n=n)


def _field_label(name: str, value: Any, cohort: Cohort, lang: Lang) -> str:
    cb = cohort.codebook
    if name == "group":
        return label(GROUP_LABEL[str(value)], lang)
    if name == "reason" and str(value) in cb.codes.get("reason_no_hsct", {}):
        return cb.label("reason_no_hsct", str(value), lang)
    if name == "reason" and str(value) in cb.codes.get("reason_not_examined", {}):
        return cb.label("reason_not_examined", str(value), lang)
    if name == "reason":
        limits = {k: fmt_num(v.value, 0) for k, v in thresholds(registry(cohort)).items()}
        return label(EXCLUSION_LABEL[str(value)], lang, **limits)
    if name == "category":
        return cb.label("response", str(value), lang)
    if name == "status":
        return cb.label("disease_status", str(value), lang)
    if name == "agent":
        return cb.label("agent", str(value), lang)
    if name == "rate":
        return label(
            {"cr_rate": "resp_cr_rate", "cr_strict": "resp_cr_only", "orr": "resp_orr"}[str(value)],
            lang,
        )
    if name == "variable":
        return label(VARIABLE_LABEL[str(value)], lang)
    if isinstance(value, float):
        return fmt_num(value, 2) if not value.is_integer() else str(int(value))
    return str(value)


def _what(v: Value, cohort: Cohort, lang: Lang) -> str:
    fields = {k: _field_label(k, x, cohort, lang) for k, x in v.fields.items()}
    if v.key.startswith("ens."):  # the ensemble's words (rrall.rebuild.ensemble)
        fields.update(_ensemble_fields(v, cohort, lang))
    return label(v.what, lang, **fields)


_WHICH = {"median": "ens_which_median", "min": "ens_which_min", "max": "ens_which_max"}


def _ensemble_fields(v: Value, cohort: Cohort, lang: Lang) -> dict[str, str]:
    """Labels of an ensemble value's ``statistic``, ``which`` and ``conclusion`` fields."""
    t = fmt_num(float(v.fields.get("t", float("nan"))), 0)
    alpha = fmt_num(ALPHA, 2)
    out = {
        "shipped": label(
            "ens_shipped_name" if cohort.reconstructed else "ens_shipped_name_real", lang
        )
    }
    if "statistic" in v.fields:
        out["statistic"] = label(STATISTIC_LABEL[str(v.fields["statistic"])], lang, t=t)
    if "which" in v.fields:
        out["which"] = label(_WHICH[str(v.fields["which"])], lang)
    if "conclusion" in v.fields:
        out["conclusion"] = label(
            CONCLUSION_LABEL[str(v.fields["conclusion"])], lang, t=t, alpha=alpha
        )
    return out


def _calc(v: Value, lang: Lang) -> str:
    if v.method is not None:
        fields: dict[str, Any] = {"k": v.n, "n": v.of}
        if "chi2" in v.fields:
            fields["chi2"] = fmt_num(float(v.fields["chi2"]), 2)
        return label(v.method, lang, **fields)
    if v.kind == "share" and v.of:
        return label("est_share", lang, k=v.n, n=v.of)
    if v.kind == "count":
        return label("est_count", lang)
    if v.kind == "date":
        return label("est_date", lang)
    if v.kind == "number":
        return label("est_summary", lang)
    return ""


def _published_by_key(cohort: Cohort) -> dict[str, dict[str, Any]]:
    """Registry key -> the audit row of the published item that measures it."""
    table = audit(cohort)
    pub = load_published(cohort.folder)
    out: dict[str, dict[str, Any]] = {}
    by_agent = {
        str(it.measure["row"]["agent"]): it.id
        for it in pub.items
        if it.measure.get("table") == "table2"
    }
    rows = {r["id"]: r for r in table.to_dict("records")}
    for item in pub.items:
        parsed: dict[str, str] = {}
        for place in item.printed:
            for name, text in place.parse().items():
                parsed.setdefault(name, text)
        rows[item.id]["fields"] = parsed
    for r in rows.values():
        if r["key"]:
            out[r["key"]] = r
    for key, v in registry(cohort).items():
        agent = v.fields.get("agent")
        if v.kind == "share" and agent is not None and str(agent) in by_agent:
            out.setdefault(key, rows[by_agent[str(agent)]])
    return out
