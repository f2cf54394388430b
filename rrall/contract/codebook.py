"""The codebook: every column's type and range, the allowed codes with their Korean and English
labels, and the study's own settings. Read from the data folder, else the project's default.

A codebook is checked when it is loaded (a study team writes its own): a problem raises
:class:`CodebookError`, which validation reports like any other problem with the input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from rrall.paths import data_dir, project_root, read_yaml

__all__ = [
    "CODEBOOK_FILE",
    "ENTITIES",
    "ID_COLUMN",
    "TYPES",
    "Codebook",
    "CodebookError",
    "ColumnRef",
    "Criterion",
    "Timeline",
    "default_codebook_path",
    "load_codebook",
]

CODEBOOK_FILE = "codebook.yaml"
#: The files of the contract, in the order they are read and reported.
ENTITIES: tuple[str, ...] = (
    "screening",
    "baseline",
    "treatment",
    "response",
    "transplant",
    "followup",
)
#: The study identifier: every file has it; it links the files.
ID_COLUMN = "patient_id"
#: Column types a codebook may use.
TYPES: frozenset[str] = frozenset({"id", "code", "codes", "int", "float", "date"})


class CodebookError(ValueError):
    """The codebook cannot be used: a YAML syntax error (``line``) or an entry (``key``)."""

    def __init__(self, *, key: str | None = None, line: int | None = None) -> None:
        self.key = key
        self.line = line
        super().__init__(f"codebook: {key or 'syntax'}" + (f" (line {line})" if line else ""))


@dataclass(frozen=True)
class ColumnRef:
    """One column of one file (``"baseline.rr_dx_date"``)."""

    entity: str
    column: str

    def __str__(self) -> str:
        return f"{self.entity}.{self.column}"


@dataclass(frozen=True)
class Criterion:
    """One eligibility criterion on a screening column; a record meets it when its value is
    ``>= min``, ``<= max``, ``< below`` and not ``excluded`` (the bounds that are given)."""

    reason: str
    column: str
    min: float | None = None
    max: float | None = None
    below: float | None = None
    excluded: str | None = None


@dataclass(frozen=True)
class Timeline:
    """The dated columns of a patient's course, in their clinical roles."""

    origin: ColumnRef
    before_origin: tuple[ColumnRef, ...]
    events: tuple[ColumnRef, ...]
    death: ColumnRef
    last_contact: ColumnRef
    cutoff: ColumnRef
    one_date_per_patient: tuple[ColumnRef, ...]


@dataclass(frozen=True, eq=False)
class Codebook:
    """A parsed ``codebook.yaml``: ``files`` (entity -> columns), ``codes`` (code lists) and
    ``study`` (eligibility, lost to follow-up, timeline), checked on loading."""

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

    def columns(self, entity: str) -> Mapping[str, Mapping[str, Any]]:
        """The column specs of ``entity``: column -> ``{"type", ...}``."""
        return self.raw["files"][entity]["columns"]

    def levels(self, codelist: str) -> tuple[str, ...]:
        """The codes of ``codelist`` in the codebook's order."""
        return tuple(str(c) for c in self.codes[codelist])

    def label(self, codelist: str, code: str, lang: str) -> str:
        """The ``lang`` label of ``code`` in ``codelist``."""
        return str(self.codes[codelist][code][lang])

    @property
    def eligibility(self) -> tuple[Criterion, ...]:
        """The study's eligibility criteria, in the order ineligibility reasons are given."""
        return tuple(
            Criterion(
                reason=str(c["reason"]),
                column=str(c["column"]),
                min=_num(c.get("min")),
                max=_num(c.get("max")),
                below=_num(c.get("below")),
                excluded=None if c.get("excluded") is None else str(c["excluded"]),
            )
            for c in self.raw["study"]["eligibility"]
        )

    @property
    def lost_to_followup_days(self) -> int:
        """Days before the cut-off beyond which a last contact of a living patient is lost."""
        return int(self.raw["study"]["lost_to_followup_days"])

    @property
    def timeline(self) -> Timeline:
        """The clinical timeline's columns."""
        t = self.raw["study"]["timeline"]
        return Timeline(
            origin=_ref(t["origin"]),
            before_origin=tuple(_ref(r) for r in t.get("before_origin", ())),
            events=tuple(_ref(r) for r in t.get("events", ())),
            death=_ref(t["death"]),
            last_contact=_ref(t["last_contact"]),
            cutoff=_ref(t["cutoff"]),
            one_date_per_patient=tuple(_ref(r) for r in t.get("one_date_per_patient", ())),
        )

    def is_default(self) -> bool:
        """True when this codebook says what the project's own (the paper's contract) says."""
        default = default_codebook_path()
        if self.path.resolve() == default.resolve():
            return True
        return bool(self.raw == _read(str(default.resolve()), default.stat().st_mtime_ns).raw)


def _num(v: object) -> float | None:
    return None if v is None else float(v)  # type: ignore[arg-type]


def _ref(text: object) -> ColumnRef:
    entity, _, column = str(text).partition(".")
    return ColumnRef(entity, column)


def default_codebook_path() -> Path:
    """The codebook shipped with the project (the paper's contract)."""
    return project_root() / "data" / CODEBOOK_FILE


@lru_cache(maxsize=8)
def _read(path: str, mtime_ns: int) -> Codebook:
    try:
        with open(path, encoding="utf-8") as fh:
            raw = read_yaml(fh)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise CodebookError(line=mark.line + 1 if mark else None) from None
    except (yaml.YAMLError, UnicodeDecodeError):
        raise CodebookError(line=None) from None
    except OSError:
        raise CodebookError(key=CODEBOOK_FILE) from None
    _check(raw)
    return Codebook(raw, Path(path))


def load_codebook(folder: Path | None = None) -> Codebook:
    """The codebook of ``folder`` (default: the data folder); the project's own when the folder
    has none (a study's ``codebook.yaml`` beside its files replaces the paper's contract).

    Raises :class:`CodebookError` when the codebook cannot be used."""
    here = (Path(folder) if folder else data_dir()) / CODEBOOK_FILE
    path = here if here.is_file() else default_codebook_path()
    if not path.is_file():
        raise CodebookError(key=CODEBOOK_FILE)
    return _read(str(path.resolve()), path.stat().st_mtime_ns)


# ---- checking a codebook -----------------------------------------------------------------------
def _need(ok: object, key: str) -> None:
    if not ok:
        raise CodebookError(key=key)


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _check(raw: object) -> None:
    """Raise :class:`CodebookError` naming the first entry a validation could not use."""
    _need(isinstance(raw, dict), "(top level)")
    assert isinstance(raw, dict)
    codes: Any = raw.get("codes")
    _need(isinstance(codes, dict) and codes, "codes")
    for name, entries in codes.items():
        _need(isinstance(entries, dict) and entries, f"codes.{name}")
        for code, labels in entries.items():
            _need(
                isinstance(labels, dict)
                and isinstance(labels.get("ko"), str)
                and isinstance(labels.get("en"), str),
                f"codes.{name}.{code}",
            )
    files: Any = raw.get("files")
    _need(isinstance(files, dict), "files")
    for entity in ENTITIES:
        _need(isinstance(files.get(entity), dict), f"files.{entity}")
        cols = files[entity].get("columns")
        _need(isinstance(cols, dict) and cols, f"files.{entity}.columns")
        _need(
            isinstance(cols.get(ID_COLUMN), dict) and cols[ID_COLUMN].get("type") == "id",
            f"files.{entity}.columns.{ID_COLUMN}",
        )
        for col, spec in cols.items():
            _check_column(entity, str(col), spec, cols, codes)
    study: Any = raw.get("study")
    _need(isinstance(study, dict), "study")
    _check_study(study, files)


def _check_column(
    entity: str, col: str, spec: object, cols: dict[str, Any], codes: dict[str, Any]
) -> None:
    key = f"files.{entity}.columns.{col}"
    _need(isinstance(spec, dict) and spec.get("type") in TYPES, f"{key}.type")
    assert isinstance(spec, dict)
    typ = spec["type"]
    if typ in ("code", "codes"):
        _need(spec.get("codes") in codes, f"{key}.codes")
    for bound in ("min", "max"):
        if bound in spec:
            v = spec[bound]
            if typ == "date":
                _need(_iso_date(v), f"{key}.{bound}")
            else:
                _need(typ in ("int", "float") and _is_number(v), f"{key}.{bound}")
    if "pattern" in spec:
        _need(isinstance(spec["pattern"], str) and _re2_ok(spec["pattern"]), f"{key}.pattern")
    cond = spec.get("required_if")
    if cond is not None:
        other, eq, value = (p.strip() for p in str(cond).partition("=="))
        _need(eq and other in cols and value, f"{key}.required_if")
    ref = spec.get("references")
    if ref is not None:
        _need(ref in ENTITIES and col == ID_COLUMN, f"{key}.references")
    for flag in ("required", "unique"):
        if flag in spec:
            _need(isinstance(spec[flag], bool), f"{key}.{flag}")


def _check_study(study: dict[str, Any], files: dict[str, Any]) -> None:
    elig: Any = study.get("eligibility")
    _need(isinstance(elig, list), "study.eligibility")
    screening = files["screening"]["columns"]
    for k, c in enumerate(elig):
        key = f"study.eligibility[{k}]"
        reason = c.get("reason") if isinstance(c, dict) else None
        _need(isinstance(reason, str) and bool(reason.strip()), f"{key}.reason")
        _need(c.get("column") in screening, f"{key}.column")
        typ = screening[c["column"]]["type"]
        bounds = [b for b in ("min", "max", "below") if b in c]
        _need(bounds or "excluded" in c, key)
        for b in bounds:
            _need(_is_number(c[b]) and typ in ("int", "float"), f"{key}.{b}")
        if "excluded" in c:
            _need(typ == "code" and isinstance(c["excluded"], str), f"{key}.excluded")
    days = study.get("lost_to_followup_days")
    _need(
        isinstance(days, int) and not isinstance(days, bool) and days >= 0,
        "study.lost_to_followup_days",
    )
    t: Any = study.get("timeline")
    _need(isinstance(t, dict), "study.timeline")

    def date_column(text: object, key: str) -> None:
        entity, _, column = str(text).partition(".")
        _need(
            entity in files
            and column in files[entity]["columns"]
            and files[entity]["columns"][column]["type"] == "date",
            key,
        )

    for role in ("origin", "death", "last_contact", "cutoff"):
        date_column(t.get(role), f"study.timeline.{role}")
    for role in ("before_origin", "events", "one_date_per_patient"):
        refs = t.get(role, [])
        _need(isinstance(refs, list), f"study.timeline.{role}")
        for k, r in enumerate(refs):
            date_column(r, f"study.timeline.{role}[{k}]")


def _iso_date(v: object) -> bool:
    import datetime as dt

    if isinstance(v, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(v))
    except ValueError:
        return False
    return True


def _re2_ok(pattern: str) -> bool:
    """Whether RE2 (the engine patterns are matched with) takes ``pattern``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        pc.match_substring_regex(pa.array([""], pa.string()), pattern)
    except pa.ArrowInvalid:
        return False
    return True
