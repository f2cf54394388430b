"""The harness of the bad-input corpus (``test_bad_input.py``, ``test_contract_corpus.py``).

A :class:`Case` mutates a fresh copy of the data and returns the violations it expects
(:class:`E`). :func:`check_case` loads the copy, and asserts that

- loading raises :class:`DataValidationError` and leaves every input byte unchanged;
- the expected violations are there (and, for an exact case, nothing else);
- the report names each in Korean and English (file, row or line, column or its position, the
  value as it may be shown or the "withheld" wording, the rule), without a traceback;
- no form of the case's secrets (the identifiers it planted) appears in the report, in
  ``str(err)`` or in the violations: the text itself, its NFKC form, its digits, every run of
  four or more digits, the text without spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from rrall import load_cohort
from rrall.contract import DataValidationError, Violation
from rrall.contract.guard import shown
from rrall.labels.contract import CONTRACT

from .conftest import CsvTools


@dataclass(frozen=True)
class E:
    """An expected violation. ``value`` is the raw cell text (compared as the report shows it,
    :func:`rrall.contract.guard.shown`) or ``None`` (not compared); ``masked`` the exact shown
    text instead; ``withheld`` when the value must not be shown at all."""

    file: str | None
    row: int | None
    column: str | None
    rule: str
    value: str | None = None
    withheld: bool = False
    params: dict[str, str] = field(default_factory=dict)
    line: int | None = None
    position: int | None = None
    masked: str | None = None


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Path, CsvTools], list[E]]
    exact: bool = True  # the expected violations are the only ones
    extra_rules: frozenset[str] = frozenset()  # other rules tolerated, if not exact
    secret: tuple[str, ...] = ()  # text that must never appear, in any form


def param(case: Case) -> object:
    return pytest.param(case, id=case.id)


_TRACEBACK = re.compile(
    r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+|^\s+raise ", re.M
)


def matches(v: Violation, e: E) -> bool:
    if (v.file, v.row, v.column, v.rule) != (e.file, e.row, e.column, e.rule):
        return False
    if e.line is not None and v.line != e.line:
        return False
    if e.position is not None and v.position != e.position:
        return False
    if e.withheld and not (v.withheld and v.value is None):
        return False
    if e.masked is not None and v.value != e.masked:
        return False
    if e.value is not None and v.value != shown(e.value):
        return False
    params = dict(v.params)
    return all(params.get(k) == str(val) for k, val in e.params.items())


def check_message(v: Violation, report: str) -> None:
    """The one-line message names file, row, column and value, in Korean and in English."""
    ko, en = v.message("ko"), v.message("en")
    assert ko in report and en in report
    if v.file is not None:
        assert f"파일 {v.file}" in ko and f"file {v.file}" in en
    if v.row is not None:
        assert f"{v.row}행" in ko and f"row {v.row}" in en
    if v.line is not None:
        assert f"{v.line}번째 줄" in ko and f"line {v.line}" in en
    if v.column is not None:
        assert f"열 '{v.column}'" in ko and f"column '{v.column}'" in en
    elif v.position is not None:
        assert f"{v.position}번째 열" in ko and f"column {v.position}" in en
    if v.withheld:
        assert CONTRACT["value_withheld"]["ko"] in ko and CONTRACT["value_withheld"]["en"] in en
    elif v.value is not None:
        assert f"값 {v.value}" in ko and f"value {v.value}" in en
    assert ko.endswith(f"[{v.rule}]") and en.endswith(f"[{v.rule}]")
    rule = CONTRACT[v.rule]
    assert rule["ko"].split("{")[0].strip() in ko and rule["en"].split("{")[0].strip() in en


def forms(secret: str) -> set[str]:
    """Every form of ``secret`` that must not leak."""
    norm = unicodedata.normalize("NFKC", secret)
    out = {secret, norm, secret.replace(" ", ""), norm.replace(" ", "")}
    digits = "".join(ch for ch in norm if ch.isdigit())
    if len(digits) >= 4:
        out.add(digits)
    out |= set(re.findall(r"\d{4,}", norm))
    return {s for s in out if s.strip()}


def load_and_fail(folder: Path, t: CsvTools) -> DataValidationError:
    before = t.digest(folder)
    with pytest.raises(DataValidationError) as info:
        load_cohort(folder)
    assert t.digest(folder) == before, "load_cohort changed, added or removed an input file"
    return info.value


def check_case(case: Case, folder: Path, t: CsvTools) -> DataValidationError:
    """Run ``case`` on ``folder`` and check everything the module docstring lists."""
    expected = case.mutate(folder, t)
    err = load_and_fail(folder, t)
    got = err.violations
    report = err.report()
    shown_ = "\n".join(repr(v) for v in got)
    for e in expected:
        assert any(matches(v, e) for v in got), f"expected {e}\ngot:\n{shown_}"
    matched = [v for v in got if any(matches(v, e) for e in expected)]
    rest = [v for v in got if v not in matched]
    if case.exact:
        assert not rest, "unexpected violations:\n" + "\n".join(map(repr, rest))
        assert len(got) == len(expected), shown_
    else:
        assert {v.rule for v in rest} <= case.extra_rules, shown_
    # the report: every problem once, both languages, in file and row order, no traceback
    assert str(err) == report
    assert report.startswith("자료 검증 실패") and "Data validation failed" in report
    assert f"문제 {len(got)}건" in report and f"{len(got)} problem(s)" in report
    assert report.count("\n  - ") == 2 * len(got)
    assert len(set(got)) == len(got)
    for v in got:
        assert v.rule in CONTRACT
        check_message(v, report)
    assert not _TRACEBACK.search(report), report
    leaks = "\n".join([report, repr(got), *(v.message(lg) for v in got for lg in ("ko", "en"))])
    for s in case.secret:
        for form in forms(s):
            assert form not in leaks, f"identifier {s!r} leaked as {form!r}"
    return err
