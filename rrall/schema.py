"""The data contract: codebook -> pandera schemas, parsing, cross-file rules, identifier guard.

``validate_folder(folder)`` reads every file of the contract, checks it and returns typed
frames, or raises :class:`DataValidationError` listing **every** problem at once, each with
file, row, column, value and rule, in Korean and English. Files are only read.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from rrall.io import RawTable, find_entity_file, read_table
from rrall.paths import data_dir

__all__ = [
    "Violation",
    "DataValidationError",
    "ValidatedData",
    "load_codebook",
    "validate_folder",
    "pandera_schema",
    "ENTITIES",
    "growth_reference",
]

ENTITIES: tuple[str, ...] = ("screening", "baseline", "treatment", "response", "transplant", "followup")

# --------------------------------------------------------------------------------------
# Rules: key -> (Korean, English). Each violation names one of these.
RULES: dict[str, tuple[str, str]] = {
    "file_missing": ("필수 파일이 없음", "required file is missing"),
    "file_ambiguous": ("같은 자료의 파일이 둘 이상 있음 (CSV와 xlsx)", "more than one file for the same data (CSV and xlsx)"),
    "file_unreadable": ("파일을 읽을 수 없음 (UTF-8, CP949, xlsx만 지원)", "file cannot be read (UTF-8, CP949 or xlsx only)"),
    "file_empty": ("파일에 자료 행이 없음", "file has no data rows"),
    "column_missing": ("필수 열이 없음", "required column is missing"),
    "column_unknown": ("코드북에 없는 열", "column not defined in the codebook"),
    "column_duplicate": ("열 이름이 중복됨", "column name appears twice"),
    "identifier_column": ("직접 식별자 열 (이름, 등록번호 등)은 허용되지 않음", "direct identifier column (name, record number ...) is not allowed"),
    "identifier_rrn": ("주민등록번호 형식의 값", "value looks like a Korean resident registration number"),
    "identifier_phone": ("전화번호 형식의 값", "value looks like a telephone number"),
    "required": ("필수 값이 비어 있음", "required value is blank"),
    "required_if": ("조건부 필수 값이 비어 있음: {cond}", "value required when {cond} is blank"),
    "not_int": ("정수가 아님", "not an integer"),
    "not_number": ("숫자가 아님", "not a number"),
    "not_date": ("날짜 형식이 아님 (YYYY-MM-DD)", "not a date (YYYY-MM-DD)"),
    "bad_code": ("허용되지 않는 코드 (허용: {allowed})", "code not allowed (allowed: {allowed})"),
    "below_min": ("최솟값 {min}보다 작음", "below the minimum {min}"),
    "above_max": ("최댓값 {max}보다 큼", "above the maximum {max}"),
    "pattern": ("형식이 맞지 않음 ({pattern})", "does not match the format {pattern}"),
    "duplicate_id": ("중복된 식별자", "duplicate identifier"),
    "unknown_reference": ("{target} 파일에 없는 환자", "patient not found in {target}"),
    "not_eligible": ("선정 기준에 맞지 않는 환자가 기저 자료에 있음", "patient in baseline does not meet the eligibility criteria"),
    "eligible_missing": ("선정 기준에 맞는 환자가 기저 자료에 없음", "eligible patient is missing from baseline"),
    "incomplete_followup": ("치료·반응·이식·추적 자료 중 일부만 있음 ({missing} 없음)", "only part of treatment/response/transplant/follow-up is present ({missing} missing)"),
    "date_order": ("날짜 순서 오류: {rule}", "dates out of order: {rule}"),
    "cutoff_not_unique": ("자료 마감일이 하나가 아님", "more than one data cut-off date"),
    "steroid_flag": ("스테로이드 표시가 약제 분류와 다름", "steroid flag disagrees with the agent's class"),
    "duplicate_agent": ("같은 약제가 두 번 기록됨", "the same agent is recorded twice"),
    "response_blasts": ("반응 범주가 골수 모세포 비율과 맞지 않음 ({rule})", "response category disagrees with marrow blasts ({rule})"),
    "exam_reason_conflict": ("골수 검사를 했는데 미시행 사유가 있음", "marrow examined yet reasons for no examination given"),
    "not_examined_response": ("골수 검사를 하지 않았는데 반응 범주가 있음", "no marrow examination yet a response category given"),
    "hsct_fields_conflict": ("이식하지 않았는데 이식 자료가 있음", "no HSCT yet transplant details given"),
    "hsct_reason_conflict": ("이식했는데 미시행 사유가 있음", "HSCT done yet a reason for no HSCT given"),
    "alive_with_death_date": ("생존인데 사망일이 있음", "alive yet a death date is given"),
    "implausible_height": ("연령·성별에 비해 신장이 비현실적 (z={z})", "height implausible for age and sex (z={z})"),
    "implausible_weight": ("연령·성별에 비해 체중이 비현실적 (z={z})", "weight implausible for age and sex (z={z})"),
    "implausible_bmi": ("체질량지수가 비현실적 ({bmi})", "body mass index implausible ({bmi})"),
    "age_at_rr": ("재발/불응 진단 시 연령이 범위를 벗어남 ({age}세)", "age at R/R diagnosis out of range ({age} y)"),
}

_IDENTIFIER_COLUMN = re.compile(
    r"(^|_)(name|names|patient_?name|full_?name|성명|이름|환자명|rrn|jumin|주민|resident|"
    r"mrn|chart|chart_?no|record_?no|hospital_?id|hosp_?no|등록번호|병록번호|차트|phone|tel|mobile|"
    r"전화|휴대폰|연락처|address|주소|email)($|_)",
    re.IGNORECASE,
)
_RRN = re.compile(r"(?<!\d)\d{6}\s?-\s?[1-8]\d{6}(?!\d)")
_PHONE = re.compile(r"(?<!\d)(0\d{1,2})[-. ]?\d{3,4}[-. ]\d{4}(?!\d)|(?<!\d)01[016789]\d{7,8}(?!\d)")
_DATE = re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T]00:00(?::00)?)?$")


@dataclass(frozen=True)
class Violation:
    """One problem with the input: where it is, what it holds, and which rule it breaks."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str
    params: tuple[tuple[str, str], ...] = ()

    def message(self, lang: str) -> str:
        """The problem in one line, in ``lang`` ("ko" or "en")."""
        ko, en = RULES[self.rule]
        text = (ko if lang == "ko" else en).format(**dict(self.params))
        parts = [f"{'파일' if lang == 'ko' else 'file'} {self.file}"]
        if self.row is not None:
            parts.append(f"{self.row}행 (줄 {self.row + 1})" if lang == "ko" else f"row {self.row} (line {self.row + 1})")
        if self.column is not None:
            parts.append(f"{'열' if lang == 'ko' else 'column'} '{self.column}'")
        if self.value is not None:
            parts.append(f"{'값' if lang == 'ko' else 'value'} {self.value}")
        return ", ".join(parts) + f": {text} [{self.rule}]"


class DataValidationError(ValueError):
    """The input files break the data contract. ``violations`` lists every problem."""

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, Korean then English, one per line."""
        n = len(self.violations)
        lines = [f"자료 검증 실패: {n}건의 문제가 있어 보고서를 만들지 않습니다."]
        lines += [f"  - {v.message('ko')}" for v in self.violations]
        lines.append(f"Data validation failed: {n} problem(s) found; the report was not built.")
        lines += [f"  - {v.message('en')}" for v in self.violations]
        return "\n".join(lines)

    def _render_traceback_(self) -> list[str]:  # IPython/Jupyter: show the report, not a traceback
        return self.report().splitlines()


@dataclass(frozen=True)
class ValidatedData:
    """Typed, validated frames, one per entity, plus where they came from."""

    frames: dict[str, pd.DataFrame]
    sources: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, entity: str) -> pd.DataFrame:
        return self.frames[entity]


# --------------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _read_codebook(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_codebook(path: Path | None = None) -> dict[str, Any]:
    """The codebook (``data/codebook.yaml`` unless ``path`` is given).

    Falls back to the copy shipped in the repository when a team's data folder has none.
    """
    candidates = [path] if path else [data_dir() / "codebook.yaml"]
    candidates.append(Path(__file__).resolve().parent.parent / "data" / "codebook.yaml")
    for p in candidates:
        if p is not None and p.exists():
            return _read_codebook(str(p))
    raise FileNotFoundError("codebook.yaml")


def _code_lookup(codes: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Map code, Korean and English label (case- and space-insensitive) -> canonical code."""
    lookup: dict[str, str] = {}
    for code, labels in codes.items():
        for key in (code, labels.get("ko"), labels.get("en")):
            if key is not None:
                lookup.setdefault(_norm(str(key)), code)
    return lookup


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).casefold()


# --------------------------------------------------------------------------------------
# Korean growth reference (approximate medians of the 2017 Korean National Growth Charts,
# rounded; SDs approximated). Used only for plausibility screens (|z| > 4) and for the
# reconstruction. Ages 1..18; adults take the 18-year values.
_HEIGHT = {
    "M": [76.5, 87.7, 96.5, 103.1, 109.6, 115.9, 122.1, 127.9, 133.4, 138.8, 144.7, 151.4, 158.6, 165.0, 169.2, 171.4, 172.6, 173.6],
    "F": [75.1, 86.1, 95.4, 102.1, 108.6, 114.7, 120.8, 126.7, 132.6, 139.1, 145.8, 151.7, 155.9, 158.3, 159.5, 160.0, 160.2, 160.6],
}
_WEIGHT = {
    "M": [9.9, 12.7, 14.7, 16.8, 18.9, 21.3, 24.2, 27.5, 31.3, 35.5, 40.2, 45.4, 50.9, 56.0, 60.1, 63.1, 65.0, 66.7],
    "F": [9.3, 12.0, 14.2, 16.3, 18.4, 20.7, 23.4, 26.6, 30.2, 34.4, 38.9, 43.1, 46.6, 49.2, 51.1, 52.3, 52.9, 53.2],
}


def growth_reference(sex: str, age: float) -> tuple[float, float, float, float]:
    """Approximate (height median, height SD, weight median, weight SD) for ``sex`` at ``age`` years."""
    ages = np.arange(1, 19)
    a = float(np.clip(age, 1, 18))
    h = float(np.interp(a, ages, _HEIGHT[sex]))
    w = float(np.interp(a, ages, _WEIGHT[sex]))
    h_sd = 0.042 * h  # about 4% of the median
    w_sd = 0.16 * w if a < 10 else 0.2 * w  # weight is right-skewed; a generous SD
    return h, h_sd, w, w_sd


# --------------------------------------------------------------------------------------
def pandera_schema(entity: str, codebook: dict[str, Any] | None = None):  # noqa: ANN201
    """The pandera schema of one file of the contract, built from the codebook.

    It checks the *typed* frame (after parsing): ranges, allowed codes, required values,
    uniqueness and identifier formats.
    """
    import pandera.pandas as pa

    cb = codebook or load_codebook()
    cols = {}
    for name, spec in cb["files"][entity]["columns"].items():
        checks = []
        if "min" in spec and spec["type"] in ("int", "float"):
            checks.append(pa.Check.ge(spec["min"], name="below_min", error="below_min"))
        if "max" in spec and spec["type"] in ("int", "float"):
            checks.append(pa.Check.le(spec["max"], name="above_max", error="above_max"))
        if "min" in spec and spec["type"] == "date":
            checks.append(pa.Check.ge(pd.Timestamp(spec["min"]), name="below_min", error="below_min"))
        if "max" in spec and spec["type"] == "date":
            checks.append(pa.Check.le(pd.Timestamp(spec["max"]), name="above_max", error="above_max"))
        if spec["type"] == "code":
            checks.append(pa.Check.isin(list(cb["codes"][spec["codes"]]), name="bad_code", error="bad_code"))
        if "pattern" in spec:
            checks.append(pa.Check.str_matches(spec["pattern"], name="pattern", error="pattern"))
        cols[name] = pa.Column(
            nullable=not spec.get("required", False),
            unique=bool(spec.get("unique", False)),
            checks=checks,
            required=True,
        )
    return pa.DataFrameSchema(cols, strict=False, name=entity)


# --------------------------------------------------------------------------------------
class _Collector:
    def __init__(self) -> None:
        self.items: list[Violation] = []
        self._seen: set[tuple[object, ...]] = set()

    def add(
        self,
        file: str,
        row: int | None,
        column: str | None,
        value: object,
        rule: str,
        /,
        **params: object,
    ) -> None:
        key = (file, row, column, rule, tuple(sorted((k, str(v)) for k, v in params.items())))
        if key in self._seen:
            return
        self._seen.add(key)
        shown = None if value is None else repr(str(value)) if not isinstance(value, _Withheld) else str(value)
        self.items.append(Violation(file, row, column, shown, rule, tuple((k, str(v)) for k, v in params.items())))


class _Withheld:
    def __str__(self) -> str:
        return "<withheld/비공개>"


def _parse_column(
    raw: pd.Series, spec: dict[str, Any], codebook: dict[str, Any], fname: str, col: str, out: _Collector
) -> tuple[pd.Series, set[int]]:
    """Parse strings into the column's type; return the typed series and rows that failed."""
    text = raw.astype(str).map(lambda s: s.strip())
    blank = text.eq("") | text.str.upper().isin(["NA", "N/A", "NAN", "NONE", "NULL", "-"])
    failed: set[int] = set()
    typ = spec["type"]
    values: list[object] = []
    lookup = _code_lookup(codebook["codes"][spec["codes"]]) if typ in ("code", "codes") else {}
    allowed = ", ".join(codebook["codes"][spec["codes"]]) if lookup else ""
    for i, (s, is_blank) in enumerate(zip(text, blank, strict=True)):
        row = i + 1
        if is_blank:
            values.append(None)
            continue
        try:
            if typ == "id":
                values.append(s)
            elif typ == "int":
                f = float(s)
                if not f.is_integer():
                    raise ValueError
                values.append(int(f))
            elif typ == "float":
                if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", s):
                    raise ValueError
                values.append(float(s))
            elif typ == "date":
                m = _DATE.match(s)
                if not m:
                    raise ValueError
                values.append(pd.Timestamp(int(m[1]), int(m[2]), int(m[3])))
            elif typ == "code":
                code = lookup.get(_norm(s))
                if code is None:
                    out.add(fname, row, col, s, "bad_code", allowed=allowed)
                    failed.add(i)
                    values.append(None)
                    continue
                values.append(code)
            elif typ == "codes":
                parts = [p for p in re.split(r"[;,]", s) if p.strip()]
                codes = [lookup.get(_norm(p)) for p in parts]
                if not parts or any(c is None for c in codes):
                    out.add(fname, row, col, s, "bad_code", allowed=allowed)
                    failed.add(i)
                    values.append(None)
                    continue
                values.append(";".join(sorted(set(c for c in codes if c))))
            else:  # pragma: no cover - codebook types are fixed
                raise KeyError(typ)
        except ValueError:
            rule = {"int": "not_int", "float": "not_number", "date": "not_date"}[typ]
            out.add(fname, row, col, s, rule)
            failed.add(i)
            values.append(None)
    if typ == "int":
        series = pd.Series(values, dtype="Int64")
    elif typ == "float":
        series = pd.Series([np.nan if v is None else v for v in values], dtype="float64")
    elif typ == "date":
        series = pd.Series([pd.NaT if v is None else v for v in values], dtype="datetime64[ns]")
    else:
        series = pd.Series(values, dtype="object")
    return series, failed


def _guard_identifiers(table: RawTable, fname: str, out: _Collector) -> bool:
    """Refuse direct identifiers; never echo the identifier itself. True when clean."""
    clean = True
    for col in table.frame.columns:
        if _IDENTIFIER_COLUMN.search(str(col).replace(" ", "_")):
            out.add(fname, None, str(col), None, "identifier_column")
            clean = False
    for j, col in enumerate(table.frame.columns):
        series = table.frame.iloc[:, j].astype(str)
        for i, s in enumerate(series):
            if _RRN.search(s):
                out.add(fname, i + 1, str(col), _Withheld(), "identifier_rrn")
                clean = False
            elif _PHONE.search(s):
                out.add(fname, i + 1, str(col), _Withheld(), "identifier_phone")
                clean = False
    return clean


def _pandera_violations(entity: str, frame: pd.DataFrame, fname: str, skip: set[tuple[int, str]], cb: dict[str, Any], out: _Collector) -> None:
    import pandera.errors as pe

    schema = pandera_schema(entity, cb)
    specs = cb["files"][entity]["columns"]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            schema.validate(frame, lazy=True)
    except pe.SchemaErrors as err:
        fc = err.failure_cases
        for rec in fc.to_dict("records"):
            col = rec.get("column")
            idx = rec.get("index")
            if col is None or idx is None or (isinstance(idx, float) and np.isnan(idx)):
                continue
            i = int(idx)
            if (i, col) in skip:
                continue
            check = str(rec.get("check"))
            value = frame.at[i, col]
            shown = "" if pd.isna(value) else (value.date().isoformat() if isinstance(value, pd.Timestamp) else value)
            spec = specs[col]
            if check.startswith("not_nullable"):
                out.add(fname, i + 1, col, "", "required")
            elif "field_uniqueness" in check or check.startswith("unique") or "duplicate" in check:
                out.add(fname, i + 1, col, shown, "duplicate_id")
            elif check == "below_min":
                out.add(fname, i + 1, col, shown, "below_min", min=spec["min"])
            elif check == "above_max":
                out.add(fname, i + 1, col, shown, "above_max", max=spec["max"])
            elif check == "pattern":
                out.add(fname, i + 1, col, shown, "pattern", pattern=spec["pattern"])
            elif check == "bad_code":
                out.add(fname, i + 1, col, shown, "bad_code", allowed=", ".join(cb["codes"][spec["codes"]]))


def _read_entity(folder: Path, entity: str, cb: dict[str, Any], out: _Collector) -> tuple[pd.DataFrame | None, str]:
    try:
        path = find_entity_file(folder, entity)
    except FileExistsError as exc:
        out.add(f"{entity}.csv/.xlsx", None, None, str(exc), "file_ambiguous")
        return None, ""
    if path is None:
        out.add(f"{entity}.csv", None, None, None, "file_missing")
        return None, ""
    fname = path.name
    try:
        table = read_table(path)
    except (UnicodeDecodeError, ValueError, OSError, KeyError) as exc:  # unreadable bytes or sheet
        out.add(fname, None, None, type(exc).__name__, "file_unreadable")
        return None, fname
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for broken files
        out.add(fname, None, None, type(exc).__name__, "file_unreadable")
        return None, fname
    if not _guard_identifiers(table, fname, out):
        return None, fname
    specs: dict[str, Any] = cb["files"][entity]["columns"]
    cols = list(table.frame.columns)
    ok = True
    for c in {c for c in cols if cols.count(c) > 1}:
        out.add(fname, None, c, None, "column_duplicate")
        ok = False
    for c in cols:
        if c not in specs:
            out.add(fname, None, c, None, "column_unknown")
            ok = False
    for c in specs:
        if c not in cols:
            out.add(fname, None, c, None, "column_missing")
            ok = False
    if not ok:
        return None, fname
    if len(table.frame) == 0:
        out.add(fname, None, None, None, "file_empty")
        return None, fname
    typed = {}
    skip: set[tuple[int, str]] = set()
    for c, spec in specs.items():
        series, failed = _parse_column(table.frame[c], spec, cb, fname, c, out)
        typed[c] = series
        skip |= {(i, c) for i in failed}
    frame = pd.DataFrame(typed)
    _pandera_violations(entity, frame, fname, skip, cb, out)
    # conditional requirements
    for c, spec in specs.items():
        cond = spec.get("required_if")
        if not cond:
            continue
        other, _, wanted = (p.strip() for p in cond.partition("=="))
        mask = frame[other].eq(wanted) & frame[c].isna()
        for i in np.flatnonzero(mask.to_numpy()):
            if (int(i), c) not in skip:
                out.add(fname, int(i) + 1, c, "", "required_if", cond=cond)
    frame.attrs["file"] = fname
    return frame, fname


# --------------------------------------------------------------------------------------
def eligible_mask(screening: pd.DataFrame) -> pd.Series:
    """The paper's eligibility criteria on the screening log (all must hold).

    Marrow lymphoblasts >= 25% (FAB), age at first diagnosis 1-21 years (completed years),
    relapsed or refractory after >= 2 prior regimens, and no clofarabine ever.
    """
    age = screening["age_at_initial_dx"]
    return (
        (screening["marrow_blast_pct"] >= 25)
        & (age >= 1)
        & (age < 22)
        & (screening["prior_regimens"] >= 2)
        & (screening["clofarabine_exposed"] == "N")
    ).fillna(False).astype(bool)


def _rows(frame: pd.DataFrame) -> dict[str, int]:
    return {pid: i + 1 for i, pid in enumerate(frame["patient_id"]) if isinstance(pid, str)}


def _cross_checks(frames: dict[str, pd.DataFrame], names: dict[str, str], cb: dict[str, Any], out: _Collector) -> None:
    scr, base = frames.get("screening"), frames.get("baseline")
    # references
    for entity, spec in ((e, cb["files"][e]["columns"]["patient_id"]) for e in frames):
        target = spec.get("references")
        if not target or target not in frames:
            continue
        known = set(frames[target]["patient_id"].dropna())
        for i, pid in enumerate(frames[entity]["patient_id"]):
            if isinstance(pid, str) and pid not in known:
                out.add(names[entity], i + 1, "patient_id", pid, "unknown_reference", target=names[target])
    if scr is not None and base is not None:
        elig = dict(zip(scr["patient_id"], eligible_mask(scr), strict=True))
        in_base = set(base["patient_id"].dropna())
        for i, pid in enumerate(base["patient_id"]):
            if pid in elig and not elig[pid]:
                out.add(names["baseline"], i + 1, "patient_id", pid, "not_eligible")
        for i, pid in enumerate(scr["patient_id"]):
            if elig.get(pid) and pid not in in_base:
                out.add(names["screening"], i + 1, "patient_id", pid, "eligible_missing")
    # completeness of the treated set
    later = [e for e in ("treatment", "response", "transplant", "followup") if e in frames]
    if base is not None and len(later) == 4:
        ids = {e: set(frames[e]["patient_id"].dropna()) for e in later}
        rows = _rows(base)
        for pid in base["patient_id"].dropna():
            have = [e for e in later if pid in ids[e]]
            if have and len(have) < 4:
                missing = ", ".join(f"{e}" for e in later if pid not in ids[e])
                out.add(names["baseline"], rows[pid], "patient_id", pid, "incomplete_followup", missing=missing)
    _row_rules(frames, names, cb, out)
    _date_rules(frames, names, out)
    if base is not None and scr is not None:
        _plausibility(base, scr, names["baseline"], out)


def _row_rules(frames: dict[str, pd.DataFrame], names: dict[str, str], cb: dict[str, Any], out: _Collector) -> None:
    if "treatment" in frames:
        t = frames["treatment"]
        fname = names["treatment"]
        agents = cb["codes"]["agent"]
        seen: set[tuple[str, str]] = set()
        for i, r in enumerate(t.itertuples(index=False)):
            if isinstance(r.agent, str) and isinstance(r.steroid, str):
                if (r.steroid == "Y") != bool(agents[r.agent].get("steroid")):
                    out.add(fname, i + 1, "steroid", r.steroid, "steroid_flag")
            key = (r.patient_id, r.agent)
            if isinstance(r.agent, str) and key in seen:
                out.add(fname, i + 1, "agent", r.agent, "duplicate_agent")
            seen.add(key)
    if "response" in frames:
        r_ = frames["response"]
        fname = names["response"]
        for i, r in enumerate(r_.itertuples(index=False)):
            if r.marrow_exam == "Y" and isinstance(r.reasons_not_examined, str):
                out.add(fname, i + 1, "reasons_not_examined", r.reasons_not_examined, "exam_reason_conflict")
            if r.marrow_exam == "N" and isinstance(r.response, str):
                out.add(fname, i + 1, "response", r.response, "not_examined_response")
            b = r.blast_pct
            if isinstance(r.response, str) and not pd.isna(b):
                bad = (
                    (r.response in ("CR", "CRp") and b >= 5, "CR/CRp: <5%"),
                    (r.response == "PR" and not (5 <= b <= 25), "PR: 5-25%"),
                    (r.response == "REF" and b <= 25, "REF: >25%"),
                )
                for cond, rule in bad:
                    if cond:
                        out.add(fname, i + 1, "blast_pct", f"{b:g}", "response_blasts", rule=rule)
    if "transplant" in frames:
        h = frames["transplant"]
        fname = names["transplant"]
        for i, r in enumerate(h.itertuples(index=False)):
            if r.hsct == "N":
                for c in ("hsct_date", "donor", "pre_hsct_marrow"):
                    v = getattr(r, c)
                    if not (v is None or (not isinstance(v, str) and pd.isna(v))):
                        shown = v.date().isoformat() if isinstance(v, pd.Timestamp) else v
                        out.add(fname, i + 1, c, shown, "hsct_fields_conflict")
            if r.hsct == "Y" and isinstance(r.reason_no_hsct, str):
                out.add(fname, i + 1, "reason_no_hsct", r.reason_no_hsct, "hsct_reason_conflict")
    if "followup" in frames:
        f = frames["followup"]
        fname = names["followup"]
        cut = f["cutoff_date"].dropna().unique()
        if len(cut) > 1:
            first = f["cutoff_date"].dropna().iloc[0]
            for i, v in enumerate(f["cutoff_date"]):
                if not pd.isna(v) and v != first:
                    out.add(fname, i + 1, "cutoff_date", v.date().isoformat(), "cutoff_not_unique")
        for i, r in enumerate(f.itertuples(index=False)):
            if r.vital_status == "alive" and not pd.isna(r.death_date):
                out.add(fname, i + 1, "death_date", r.death_date.date().isoformat(), "alive_with_death_date")


def _date_rules(frames: dict[str, pd.DataFrame], names: dict[str, str], out: _Collector) -> None:
    """first diagnosis <= R/R diagnosis <= treatment, exam, HSCT <= death/last contact <= cut-off."""
    base = frames.get("baseline")
    if base is None:
        return
    b = base.set_index("patient_id")
    rr = b["rr_dx_date"]

    def check(entity: str, col: str, earlier: pd.Series | None, rule: str, later: bool = False) -> None:
        if entity not in frames:
            return
        fr = frames[entity]
        for i, (pid, v) in enumerate(zip(fr["patient_id"], fr[col], strict=True)):
            if pd.isna(v) or earlier is None or pid not in earlier.index:
                continue
            e = earlier.loc[pid]
            if isinstance(e, pd.Series):
                e = e.iloc[0]
            if pd.isna(e):
                continue
            if (v > e) if later else (v < e):
                out.add(names[entity], i + 1, col, v.date().isoformat(), "date_order", rule=rule)

    for i, r in enumerate(base.itertuples(index=False)):
        if not pd.isna(r.initial_dx_date) and not pd.isna(r.rr_dx_date) and r.rr_dx_date < r.initial_dx_date:
            out.add(names["baseline"], i + 1, "rr_dx_date", r.rr_dx_date.date().isoformat(), "date_order", rule="initial_dx_date <= rr_dx_date")
    check("treatment", "start_date", rr, "rr_dx_date <= start_date")
    check("response", "exam_date", rr, "rr_dx_date <= exam_date")
    check("transplant", "hsct_date", rr, "rr_dx_date <= hsct_date")
    if "followup" in frames:
        f = frames["followup"]
        fname = names["followup"]
        hs = frames["transplant"].set_index("patient_id")["hsct_date"] if "transplant" in frames else None
        for i, r in enumerate(f.itertuples(index=False)):
            pid = r.patient_id
            rr_d = rr.get(pid) if pid in rr.index else None
            if isinstance(rr_d, pd.Series):
                rr_d = rr_d.iloc[0]
            h_d = hs.get(pid) if hs is not None and pid in hs.index else None
            if isinstance(h_d, pd.Series):
                h_d = h_d.iloc[0]
            end = r.death_date if r.vital_status == "dead" else r.last_contact_date
            for col, v in (("death_date", r.death_date), ("last_contact_date", r.last_contact_date)):
                if pd.isna(v):
                    continue
                if rr_d is not None and not pd.isna(rr_d) and v < rr_d:
                    out.add(fname, i + 1, col, v.date().isoformat(), "date_order", rule=f"rr_dx_date <= {col}")
                if not pd.isna(r.cutoff_date) and v > r.cutoff_date:
                    out.add(fname, i + 1, col, v.date().isoformat(), "date_order", rule=f"{col} <= cutoff_date")
            if h_d is not None and not pd.isna(h_d) and not pd.isna(end) and end < h_d:
                col = "death_date" if r.vital_status == "dead" else "last_contact_date"
                out.add(fname, i + 1, col, end.date().isoformat(), "date_order", rule=f"hsct_date <= {col}")
            if r.vital_status == "dead" and not pd.isna(r.death_date) and not pd.isna(r.last_contact_date):
                if r.last_contact_date > r.death_date:
                    out.add(fname, i + 1, "last_contact_date", r.last_contact_date.date().isoformat(), "date_order", rule="last_contact_date <= death_date")


def _plausibility(base: pd.DataFrame, scr: pd.DataFrame, fname: str, out: _Collector) -> None:
    age0 = scr.set_index("patient_id")["age_at_initial_dx"]
    for i, r in enumerate(base.itertuples(index=False)):
        if r.patient_id not in age0.index or not isinstance(r.sex, str):
            continue
        a = age0.loc[r.patient_id]
        if pd.isna(a):
            continue
        if not pd.isna(r.initial_dx_date) and not pd.isna(r.rr_dx_date):
            a_rr = a + (r.rr_dx_date - r.initial_dx_date).days / 365.25
            if a_rr > 30:
                out.add(fname, i + 1, "rr_dx_date", r.rr_dx_date.date().isoformat(), "age_at_rr", age=f"{a_rr:.1f}")
        hm, hsd, wm, wsd = growth_reference(r.sex, float(a))
        if not pd.isna(r.height_cm):
            z = (r.height_cm - hm) / hsd
            if abs(z) > 4:
                out.add(fname, i + 1, "height_cm", f"{r.height_cm:g}", "implausible_height", z=f"{z:.1f}")
        if not pd.isna(r.weight_kg):
            z = (r.weight_kg - wm) / wsd
            if z < -4 or z > 6:
                out.add(fname, i + 1, "weight_kg", f"{r.weight_kg:g}", "implausible_weight", z=f"{z:.1f}")
        if not pd.isna(r.height_cm) and not pd.isna(r.weight_kg):
            bmi = r.weight_kg / (r.height_cm / 100) ** 2
            if not 10 <= bmi <= 45:
                out.add(fname, i + 1, "weight_kg", f"{r.weight_kg:g}", "implausible_bmi", bmi=f"{bmi:.1f}")


def validate_folder(folder: Path | None = None) -> ValidatedData:
    """Read and check every file of the contract in ``folder``; raise on any problem."""
    folder = Path(folder) if folder else data_dir()
    cb = load_codebook(folder / "codebook.yaml" if (folder / "codebook.yaml").exists() else None)
    out = _Collector()
    frames: dict[str, pd.DataFrame] = {}
    names: dict[str, str] = {}
    for entity in ENTITIES:
        frame, fname = _read_entity(folder, entity, cb, out)
        names[entity] = fname or f"{entity}.csv"
        if frame is not None:
            frames[entity] = frame
    _cross_checks(frames, names, cb, out)
    if out.items:
        raise DataValidationError(out.items)
    return ValidatedData(frames, names)
