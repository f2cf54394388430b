"""The data contract: codebook -> pandera schemas, parsing, cross-file rules, identifier guard.

``validate_folder(folder)`` reads every file of the contract, checks it and returns typed
frames, or raises :class:`DataValidationError` listing **every** problem at once, each with
file, row, column, value and rule, in Korean and English. Files are only read.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.compute as pc

from rrall.contract.codebook import Codebook, load_codebook
from rrall.io import TextColumns, find_entity_file, read_text_columns
from rrall.labels import label
from rrall.paths import data_dir

__all__ = [
    "ENTITIES",
    "DataValidationError",
    "ValidatedData",
    "Violation",
    "growth_reference",
    "pandera_schema",
    "validate_folder",
    "validate_folder_keys",
]

ENTITIES: tuple[str, ...] = (
    "screening",
    "baseline",
    "treatment",
    "response",
    "transplant",
    "followup",
)

# --------------------------------------------------------------------------------------
# Rules: key -> (Korean, English). Each violation names one of these.
RULES: dict[str, tuple[str, str]] = {
    "file_missing": ("필수 파일이 없음", "required file is missing"),
    "file_ambiguous": (
        "같은 자료의 파일이 둘 이상 있음 (CSV와 xlsx)",
        "more than one file for the same data (CSV and xlsx)",
    ),
    "file_unreadable": (
        "파일을 읽을 수 없음 (UTF-8, CP949, xlsx만 지원)",
        "file cannot be read (UTF-8, CP949 or xlsx only)",
    ),
    "file_empty": ("파일에 자료 행이 없음", "file has no data rows"),
    "column_missing": ("필수 열이 없음", "required column is missing"),
    "column_unknown": ("코드북에 없는 열", "column not defined in the codebook"),
    "column_duplicate": ("열 이름이 중복됨", "column name appears twice"),
    "identifier_column": (
        "직접 식별자 열 (이름, 등록번호 등)은 허용되지 않음",
        "direct identifier column (name, record number ...) is not allowed",
    ),
    "identifier_rrn": (
        "주민등록번호 형식의 값",
        "value looks like a Korean resident registration number",
    ),
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
    "not_eligible": (
        "선정 기준에 맞지 않는 환자가 기저 자료에 있음",
        "patient in baseline does not meet the eligibility criteria",
    ),
    "eligible_missing": (
        "선정 기준에 맞는 환자가 기저 자료에 없음",
        "eligible patient is missing from baseline",
    ),
    "incomplete_followup": (
        "치료·반응·이식·추적 자료 중 일부만 있음 ({missing} 없음)",
        "only part of treatment/response/transplant/follow-up is present ({missing} missing)",
    ),
    "date_order": ("날짜 순서 오류: {rule}", "dates out of order: {rule}"),
    "cutoff_not_unique": ("자료 마감일이 하나가 아님", "more than one data cut-off date"),
    "steroid_flag": (
        "스테로이드 표시가 약제 분류와 다름",
        "steroid flag disagrees with the agent's class",
    ),
    "duplicate_agent": ("같은 약제가 두 번 기록됨", "the same agent is recorded twice"),
    "response_blasts": (
        "반응 범주가 골수 모세포 비율과 맞지 않음 ({rule})",
        "response category disagrees with marrow blasts ({rule})",
    ),
    "exam_reason_conflict": (
        "골수 검사를 했는데 미시행 사유가 있음",
        "marrow examined yet reasons for no examination given",
    ),
    "not_examined_response": (
        "골수 검사를 하지 않았는데 반응 범주가 있음",
        "no marrow examination yet a response category given",
    ),
    "hsct_fields_conflict": (
        "이식하지 않았는데 이식 자료가 있음",
        "no HSCT yet transplant details given",
    ),
    "hsct_reason_conflict": (
        "이식했는데 미시행 사유가 있음",
        "HSCT done yet a reason for no HSCT given",
    ),
    "alive_with_death_date": ("생존인데 사망일이 있음", "alive yet a death date is given"),
    "implausible_height": (
        "연령·성별에 비해 신장이 비현실적 (z={z})",
        "height implausible for age and sex (z={z})",
    ),
    "implausible_weight": (
        "연령·성별에 비해 체중이 비현실적 (z={z})",
        "weight implausible for age and sex (z={z})",
    ),
    "implausible_bmi": ("체질량지수가 비현실적 ({bmi})", "body mass index implausible ({bmi})"),
    "age_at_rr": (
        "재발/불응 진단 시 연령이 범위를 벗어남 ({age}세)",
        "age at R/R diagnosis out of range ({age} y)",
    ),
}

_IDENTIFIER_COLUMN = re.compile(
    r"(^|_)(name|names|patient_?name|full_?name|성명|이름|환자명|rrn|jumin|주민|resident|"
    r"mrn|chart|chart_?no|record_?no|hospital_?id|hosp_?no|등록번호|병록번호|차트|phone|tel|mobile|"
    r"전화|휴대폰|연락처|address|주소|email)($|_)",
    re.IGNORECASE,
)
_RRN = re.compile(r"(?<!\d)\d{6}\s?-\s?[1-8]\d{6}(?!\d)")
_PHONE = re.compile(
    r"(?<!\d)(0\d{1,2})[-. ]?\d{3,4}[-. ]\d{4}(?!\d)|(?<!\d)01[016789]\d{7,8}(?!\d)"
)
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
            parts.append(
                f"{self.row}행 (줄 {self.row + 1})"
                if lang == "ko"
                else f"row {self.row} (line {self.row + 1})"
            )
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
        lines: list[str] = []
        for lang in ("ko", "en"):
            lines.append(label("err_header", lang, n=n))
            lines += [f"  - {v.message(lang)}" for v in self.violations]
        return "\n".join(lines)

    def _render_traceback_(self) -> list[str]:  # IPython/Jupyter: show the report, not a traceback
        return self.report().splitlines()


@dataclass(frozen=True)
class ValidatedData:
    """Typed, validated frames, one per entity, plus where they came from."""

    frames: dict[str, pd.DataFrame]
    sources: dict[str, str] = field(default_factory=dict)
    codebook: Codebook = field(default_factory=load_codebook)

    def __getitem__(self, entity: str) -> pd.DataFrame:
        return self.frames[entity]


# --------------------------------------------------------------------------------------
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
    "M": [
        76.5,
        87.7,
        96.5,
        103.1,
        109.6,
        115.9,
        122.1,
        127.9,
        133.4,
        138.8,
        144.7,
        151.4,
        158.6,
        165.0,
        169.2,
        171.4,
        172.6,
        173.6,
    ],
    "F": [
        75.1,
        86.1,
        95.4,
        102.1,
        108.6,
        114.7,
        120.8,
        126.7,
        132.6,
        139.1,
        145.8,
        151.7,
        155.9,
        158.3,
        159.5,
        160.0,
        160.2,
        160.6,
    ],
}
_WEIGHT = {
    "M": [
        9.9,
        12.7,
        14.7,
        16.8,
        18.9,
        21.3,
        24.2,
        27.5,
        31.3,
        35.5,
        40.2,
        45.4,
        50.9,
        56.0,
        60.1,
        63.1,
        65.0,
        66.7,
    ],
    "F": [
        9.3,
        12.0,
        14.2,
        16.3,
        18.4,
        20.7,
        23.4,
        26.6,
        30.2,
        34.4,
        38.9,
        43.1,
        46.6,
        49.2,
        51.1,
        52.3,
        52.9,
        53.2,
    ],
}


def growth_reference(sex: str, age: float) -> tuple[float, float, float, float]:
    """Approximate (height median, height SD, weight median, weight SD) for ``sex`` at ``age`` years."""
    h, h_sd, w, w_sd = _growth_arrays(np.array([sex], dtype=object), np.array([float(age)]))
    return float(h[0]), float(h_sd[0]), float(w[0]), float(w_sd[0])


# --------------------------------------------------------------------------------------
def pandera_schema(entity: str, codebook: dict[str, Any] | None = None):
    """The pandera schema of one file of the contract, built from the codebook.

    It checks the *typed* frame (after parsing): ranges, allowed codes, required values,
    uniqueness and identifier formats.
    """
    import pandera.pandas as pa

    cb = codebook or load_codebook().raw
    cols = {}
    for name, spec in cb["files"][entity]["columns"].items():
        checks = []
        if "min" in spec and spec["type"] in ("int", "float"):
            checks.append(pa.Check.ge(spec["min"], name="below_min", error="below_min"))
        if "max" in spec and spec["type"] in ("int", "float"):
            checks.append(pa.Check.le(spec["max"], name="above_max", error="above_max"))
        if "min" in spec and spec["type"] == "date":
            checks.append(
                pa.Check.ge(pd.Timestamp(spec["min"]), name="below_min", error="below_min")
            )
        if "max" in spec and spec["type"] == "date":
            checks.append(
                pa.Check.le(pd.Timestamp(spec["max"]), name="above_max", error="above_max")
            )
        if spec["type"] == "code":
            checks.append(
                pa.Check.isin(list(cb["codes"][spec["codes"]]), name="bad_code", error="bad_code")
            )
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
        shown = (
            None
            if value is None
            else repr(str(value))
            if not isinstance(value, _Withheld)
            else str(value)
        )
        self.items.append(
            Violation(file, row, column, shown, rule, tuple((k, str(v)) for k, v in params.items()))
        )


class _Withheld:
    def __str__(self) -> str:
        return "<withheld/비공개>"


# Vectorisation: every column is factorised once when read (row -> distinct cell text, see
# rrall.io.read_text_columns); the per-cell rules (strip, blank markers, number/date/code
# parsing, identifier regexes, code and pattern checks) run once per *distinct* text and the
# results are broadcast back to the rows with numpy. The patient_id columns of all files share
# one list of texts, so an identifier is parsed and checked once, and matched across files as
# an integer key (see _Keys). Violations are made only for failing rows, in row order, with
# the same values, rules and parameters.
_BLANKS = frozenset(["NA", "N/A", "NAN", "NONE", "NULL", "-"])
_FLOAT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# No match of _RRN (>= 14 characters) or _PHONE (>= 10) can be shorter than this.
_MIN_IDENTIFIER_LEN = 9
# Printable ASCII without space: such a text is its own strip() and holds no Unicode digit or
# whitespace, so the RE2 filter below is a superset of what _RRN or _PHONE can find in it.
_PLAIN = r"^[!-~]+$"
_IDENTIFIER_PREFILTER = (
    r"[0-9]{6}-[1-8][0-9]{6}|0[0-9]{1,2}[-. ]?[0-9]{3,4}[-. ][0-9]{4}|01[016789][0-9]{7,8}"
)
_ID_COLUMN = "patient_id"


class _Texts:
    """The distinct texts of one or more columns, with results per text computed once."""

    def __init__(self, texts: pyarrow.Array | list[str]) -> None:
        self.arrow = texts if isinstance(texts, pyarrow.Array) else None
        self._values = texts if isinstance(texts, list) else None
        self.cache: dict[object, Any] = {}

    def __len__(self) -> int:
        return len(self.arrow) if self.arrow is not None else len(self._values or ())

    @property
    def values(self) -> list[str]:
        if self._values is None:
            self._values = self.arrow.to_pylist() if self.arrow is not None else []
        return self._values

    def objects(self) -> np.ndarray:
        """The texts as an object array of ``str``."""
        if "objects" not in self.cache:
            if self.arrow is not None:
                arr = np.asarray(self.arrow.to_numpy(zero_copy_only=False), dtype=object)
            else:
                arr = np.empty(len(self), dtype=object)
                arr[:] = self.values
            self.cache["objects"] = arr
        return self.cache["objects"]

    def plain(self) -> np.ndarray:
        """Which texts are printable ASCII without spaces (all ``False`` for pandas-read files)."""
        if "plain" not in self.cache:
            if self.arrow is None:
                self.cache["plain"] = np.zeros(len(self), dtype=bool)
            else:
                m = pc.match_substring_regex(self.arrow, _PLAIN)
                self.cache["plain"] = m.to_numpy(zero_copy_only=False).astype(bool)
        return self.cache["plain"]


@dataclass(frozen=True)
class _Parsed:
    """The typed value of each distinct text of a column (``typed`` is ``None`` for numbers
    and dates, whose typed rows are the series itself)."""

    codes: np.ndarray
    texts: _Texts
    typed: np.ndarray | None
    same_text: bool = False  # an id: the typed value of a plain text is the text

    def notnull_u(self) -> np.ndarray:
        """Distinct text -> has a value (a text column's typed values are ``str`` or ``None``)."""
        assert self.typed is not None
        key = ("notnull", id(self.typed))
        if key not in self.texts.cache:
            self.texts.cache[key] = np.fromiter(
                (v is not None for v in self.typed), dtype=bool, count=len(self.typed)
            )
        return self.texts.cache[key]

    def notnull(self) -> np.ndarray:
        """Row -> has a value."""
        return self.notnull_u()[self.codes]


def _parse_texts(
    texts: _Texts, typ: str, lookup: dict[str, str]
) -> tuple[list[object], np.ndarray, list[str]]:
    """(value, failed?, shown text) of every distinct text, for a column of type ``typ``."""
    uniq = texts.objects() if texts.arrow is not None else texts.values
    nu = len(uniq)
    values_u: list[object] = [None] * nu
    failed_u = np.zeros(nu, dtype=bool)
    shown_u: list[str] = [""] * nu
    todo: Any = range(nu)
    if typ == "id" and texts.arrow is not None:
        # plain texts are their own stripped value; only the blank markers among them are blank
        plain = texts.plain()
        upper = pc.ascii_upper(texts.arrow)
        blank = pc.is_in(upper, value_set=pyarrow.array(sorted(_BLANKS))).to_numpy(
            zero_copy_only=False
        )
        objs = texts.objects()
        keep = objs.copy()
        keep[~plain | blank] = None
        values_u = keep.tolist()
        todo = np.flatnonzero(~plain).tolist()
    for k in todo:
        u = uniq[k]
        s = u.strip()
        if s == "" or s.upper() in _BLANKS:
            continue
        try:
            if typ == "id":
                values_u[k] = s
            elif typ == "int":
                f = float(s)
                if not f.is_integer():
                    raise ValueError
                values_u[k] = int(f)
            elif typ == "float":
                if not _FLOAT.fullmatch(s):
                    raise ValueError
                values_u[k] = float(s)
            elif typ == "date":
                m = _DATE.match(s)
                if not m:
                    raise ValueError
                values_u[k] = pd.Timestamp(int(m[1]), int(m[2]), int(m[3]))
            elif typ == "code":
                code = lookup.get(_norm(s))
                if code is None:
                    raise ValueError
                values_u[k] = code
            elif typ == "codes":
                parts = [p for p in re.split(r"[;,]", s) if p.strip()]
                cs = [lookup.get(_norm(p)) for p in parts]
                if not parts or any(c is None for c in cs):
                    raise ValueError
                values_u[k] = ";".join(sorted(set(c for c in cs if c)))
            else:  # pragma: no cover - codebook types are fixed
                raise KeyError(typ)
        except ValueError:
            failed_u[k] = True
            shown_u[k] = s
    return values_u, failed_u, shown_u


def _parse_column(
    codes: np.ndarray,
    texts: _Texts,
    spec: dict[str, Any],
    codebook: dict[str, Any],
    fname: str,
    col: str,
    out: _Collector,
) -> tuple[pd.Series, set[int], _Parsed]:
    """Parse strings into the column's type; return the typed series and rows that failed."""
    typ = spec["type"]
    lookup = _code_lookup(codebook["codes"][spec["codes"]]) if typ in ("code", "codes") else {}
    allowed = ", ".join(codebook["codes"][spec["codes"]]) if lookup else ""
    fail_rule = {"int": "not_int", "float": "not_number", "date": "not_date"}.get(typ, "bad_code")
    key = ("parse", typ, spec.get("codes"))
    if key not in texts.cache:
        texts.cache[key] = _parse_texts(texts, typ, lookup)
    values_u, failed_u, shown_u = texts.cache[key]
    nu = len(values_u)
    failed_rows = np.flatnonzero(failed_u[codes]) if failed_u.any() else np.empty(0, dtype=np.int64)
    params = {"allowed": allowed} if fail_rule == "bad_code" else {}
    for i in failed_rows:
        out.add(fname, int(i) + 1, col, shown_u[codes[i]], fail_rule, **params)
    n = len(codes)
    typed: np.ndarray | None = None
    if typ == "int":
        mask_u = np.array([v is None for v in values_u], dtype=bool)
        try:
            ints_u = np.array([0 if v is None else v for v in values_u], dtype=np.int64)
        except OverflowError:  # beyond int64: let pandas decide exactly as before
            series = pd.Series([values_u[c] for c in codes], dtype="Int64")
        else:
            series = pd.Series(pd.arrays.IntegerArray(ints_u[codes], mask_u[codes]), dtype="Int64")
    elif typ == "float":
        floats_u = np.array([np.nan if v is None else v for v in values_u], dtype="float64")
        series = pd.Series(floats_u[codes] if n else floats_u[:0], dtype="float64")
    elif typ == "date":
        dates_u = pd.Series(
            [pd.NaT if v is None else v for v in values_u], dtype="datetime64[ns]"
        ).to_numpy()
        series = pd.Series(dates_u[codes], dtype="datetime64[ns]")
    else:
        okey = ("typed", typ, spec.get("codes"))
        if okey not in texts.cache:
            obj_u = np.empty(nu, dtype=object)
            obj_u[:] = values_u
            texts.cache[okey] = obj_u
        typed = texts.cache[okey]
        series = pd.Series(typed[codes], dtype="object")
    return series, {int(i) for i in failed_rows}, _Parsed(codes, texts, typed, typ == "id")


def _identifier_kinds(texts: _Texts) -> np.ndarray:
    """Per distinct text: 1 if it holds an RRN, 2 a telephone number, else 0."""
    if "identifier" in texts.cache:
        return texts.cache["identifier"]
    uniq = texts.values if texts.arrow is None else None
    if texts.arrow is not None:
        lengths = pc.utf8_length(texts.arrow).to_numpy(zero_copy_only=False)
        cand = lengths >= _MIN_IDENTIFIER_LEN
        if cand.any():
            maybe = pc.match_substring_regex(texts.arrow, _IDENTIFIER_PREFILTER)
            cand &= ~texts.plain() | maybe.to_numpy(zero_copy_only=False).astype(bool)
    else:
        assert uniq is not None
        lengths = np.fromiter(map(len, uniq), dtype=np.int64, count=len(uniq))
        cand = lengths >= _MIN_IDENTIFIER_LEN
    kind_u = np.zeros(len(texts), dtype=np.int8)  # 1: RRN, 2: telephone
    for k in np.flatnonzero(cand):
        s = texts.objects()[k] if uniq is None else uniq[k]
        if _RRN.search(s):
            kind_u[k] = 1
        elif _PHONE.search(s):
            kind_u[k] = 2
    texts.cache["identifier"] = kind_u
    return kind_u


def _guard_identifiers(
    header: list[str],
    columns: list[tuple[np.ndarray, _Texts]],
    fname: str,
    out: _Collector,
) -> bool:
    """Refuse direct identifiers; never echo the identifier itself. True when clean."""
    clean = True
    for col in header:
        if _IDENTIFIER_COLUMN.search(str(col).replace(" ", "_")):
            out.add(fname, None, str(col), None, "identifier_column")
            clean = False
    for col, (codes, texts) in zip(header, columns, strict=True):
        kind_u = _identifier_kinds(texts)
        if not kind_u.any():
            continue
        kind = kind_u[codes]
        for i in np.flatnonzero(kind):
            rule = "identifier_rrn" if kind[i] == 1 else "identifier_phone"
            out.add(fname, int(i) + 1, str(col), _Withheld(), rule)
            clean = False
    return clean


class _Keys:
    """Integer codes of the patient ids, the same in every file (a blank id, ``None``, has a
    code too, as it is a key of the dictionaries and indexes the checks used to build)."""

    def __init__(self) -> None:
        self._ids: np.ndarray | None = None  # code -> id
        self.rows: dict[str, np.ndarray] = {}
        self.cache: dict[tuple[str, str], np.ndarray] = {}

    @property
    def n(self) -> int:
        return 0 if self._ids is None else len(self._ids)

    def add(self, entity: str, parsed: _Parsed) -> None:
        texts, typed = parsed.texts, parsed.typed
        assert typed is not None
        per_text = texts.cache.get(("keys",))
        if per_text is None:
            if self._ids is None:
                per_text = _typed_codes_u(parsed)
                self._ids = np.empty(int(per_text.max(initial=-1)) + 1, dtype=object)
                self._ids[per_text] = typed
            else:  # another file read apart (pandas): match its ids by value
                per_text = pd.Index(self._ids).get_indexer(typed)
                fresh: dict[object, int] = {}
                for k in np.flatnonzero(per_text < 0):
                    per_text[k] = fresh.setdefault(typed[k], len(self._ids) + len(fresh))
                if fresh:
                    added = np.empty(len(fresh), dtype=object)
                    added[:] = list(fresh)
                    self._ids = np.concatenate([self._ids, added])
            texts.cache[("keys",)] = per_text
        self.rows[entity] = per_text[parsed.codes]


def _typed_codes_u(parsed: _Parsed) -> np.ndarray:
    """Distinct text -> code of its typed value (equal values, equal codes; ``None`` has one)."""
    texts, typed = parsed.texts, parsed.typed
    assert typed is not None
    key = ("typed_codes", id(typed))
    if key not in texts.cache:
        if parsed.same_text and texts.plain().all() and parsed.notnull_u().all():
            codes = np.arange(len(typed))  # distinct texts that are their own values
        else:
            codes = pd.factorize(typed, use_na_sentinel=False)[0]
        texts.cache[key] = codes
    return texts.cache[key]


def _typed_codes(parsed: _Parsed) -> np.ndarray:
    """Row -> code of its typed value (equal values, equal codes; ``None`` has a code)."""
    return _typed_codes_u(parsed)[parsed.codes]


def _first_rows(keys: np.ndarray, n: int, keep: str = "first") -> np.ndarray:
    """Per key, its first (or last) row, -1 when it has none."""
    if len(keys) and np.bincount(keys, minlength=n).max() == 1:
        rows = np.arange(len(keys))  # every key once
    else:
        rows = np.flatnonzero(~pd.Series(keys).duplicated(keep=keep).to_numpy())  # type: ignore[call-overload]
    at = np.full(n, -1, dtype=np.intp)
    at[keys[rows]] = rows
    return at


# pandera validates the study-sized files (it is the schema's definition). Above this many rows
# its lazy validation builds a failure-case frame and runs each check through its generic
# machinery, which costs seconds per 10^6 rows; the same checks (not-null, uniqueness of
# non-null values, ge/le on non-null values, isin, re.match of the pattern) are then run here
# with pandas and numpy directly, per distinct value where they look at text. Both paths give
# identical violations (verified on the bad-input corpus by forcing each path).
_PANDERA_MAX_ROWS = 50_000


def _pandera_violations(
    entity: str,
    frame: pd.DataFrame,
    fname: str,
    skip: set[tuple[int, str]],
    cb: dict[str, Any],
    out: _Collector,
    parsed: dict[str, _Parsed],
) -> None:
    if len(frame) > _PANDERA_MAX_ROWS:
        _schema_violations_vectorised(entity, frame, fname, skip, cb, out, parsed)
        return
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
            _schema_add(fname, frame, i, col, check, specs[col], cb, out)


def _schema_add(
    fname: str,
    frame: pd.DataFrame,
    i: int,
    col: str,
    check: str,
    spec: dict[str, Any],
    cb: dict[str, Any],
    out: _Collector,
) -> None:
    value = frame.at[i, col]
    shown = (
        ""
        if pd.isna(value)
        else (value.date().isoformat() if isinstance(value, pd.Timestamp) else value)
    )
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


def _per_value(parsed: _Parsed, key: tuple[object, ...], test: Any) -> np.ndarray:
    """Row -> ``test(typed value)`` for a text column, evaluated once per distinct text."""
    assert parsed.typed is not None
    cache_key = (*key, id(parsed.typed))
    if cache_key not in parsed.texts.cache:
        parsed.texts.cache[cache_key] = np.fromiter(
            (v is not None and test(v) for v in parsed.typed), dtype=bool, count=len(parsed.typed)
        )
    return parsed.texts.cache[cache_key][parsed.codes]


# A pattern written only with these tokens (literals, anchors, simple classes and ranges,
# counted repeats, groups without "(?", alternation, ".") means the same to Python's re and to
# RE2 on printable-ASCII text without spaces (see _PLAIN), on which RE2 may then run instead.
_RE2_SAFE = re.compile(
    r"(?:[\^$|().?*+_-]|[A-Za-z0-9]|\[\^?[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\]|\{\d+(?:,\d+)?\})*"
)


def _pattern_matches(p: _Parsed, pattern: str) -> np.ndarray:
    """Row -> ``re.match(pattern, value)`` (``False`` for a missing value), once per distinct
    text."""
    compiled = re.compile(pattern)
    texts, typed = p.texts, p.typed
    assert typed is not None
    key = ("pattern", pattern, id(typed))
    if key not in texts.cache:
        ok = None
        if (
            p.same_text
            and texts.arrow is not None
            and _RE2_SAFE.fullmatch(pattern)
            and "(?" not in pattern
        ):
            try:
                re2 = pc.match_substring_regex(texts.arrow, f"^(?:{pattern})")
            except pyarrow.ArrowException:  # a pattern RE2 does not take: Python decides
                re2 = None
            if re2 is not None:
                ok = re2.to_numpy(zero_copy_only=False).astype(bool) & texts.plain()
                for k in np.flatnonzero(~texts.plain()):
                    ok[k] = typed[k] is not None and compiled.match(str(typed[k])) is not None
                ok &= p.notnull_u()
        if ok is None:
            ok = np.fromiter(
                (v is not None and compiled.match(str(v)) is not None for v in typed),
                dtype=bool,
                count=len(typed),
            )
        texts.cache[key] = ok
    return texts.cache[key][p.codes]


def _eq(parsed: _Parsed, value: str) -> np.ndarray:
    """Row -> its typed value equals ``value`` (``False`` when missing)."""
    return _per_value(parsed, ("eq", value), lambda v: v == value)


def _schema_violations_vectorised(
    entity: str,
    frame: pd.DataFrame,
    fname: str,
    skip: set[tuple[int, str]],
    cb: dict[str, Any],
    out: _Collector,
    parsed: dict[str, _Parsed],
) -> None:
    """The checks of :func:`pandera_schema`, run with pandas and numpy (for large frames)."""
    specs = cb["files"][entity]["columns"]
    for name, spec in specs.items():
        s = frame[name]
        p = parsed[name]
        null = ~p.notnull() if p.typed is not None else s.isna().to_numpy()
        found: list[tuple[np.ndarray, str]] = []
        if spec.get("required", False):
            found.append((null, "not_nullable"))
        if spec.get("unique", False):
            if p.typed is not None:
                codes = _typed_codes(p)
                dup = np.bincount(codes)[codes] > 1
            else:
                dup = s.duplicated(keep=False).to_numpy()
            found.append((dup & ~null, "field_uniqueness"))
        typ = spec["type"]
        if typ in ("int", "float", "date"):
            bound = (lambda v: pd.Timestamp(v)) if typ == "date" else (lambda v: v)
            if "min" in spec:
                found.append(
                    (
                        ~null & ~(s >= bound(spec["min"])).fillna(True).to_numpy(dtype=bool),
                        "below_min",
                    )
                )
            if "max" in spec:
                found.append(
                    (
                        ~null & ~(s <= bound(spec["max"])).fillna(True).to_numpy(dtype=bool),
                        "above_max",
                    )
                )
        if typ == "code":
            allowed = set(cb["codes"][spec["codes"]])
            ok = _per_value(p, ("isin", spec["codes"]), allowed.__contains__)
            found.append((~null & ~ok, "bad_code"))
        if "pattern" in spec:
            ok = _pattern_matches(p, spec["pattern"])
            found.append((~null & ~ok, "pattern"))
        for mask, check in found:
            for i in np.flatnonzero(mask):
                if (int(i), name) not in skip:
                    _schema_add(fname, frame, int(i), name, check, spec, cb, out)


def _read_entity(
    entity: str,
    located: Path | FileExistsError | None,
    table: TextColumns | Exception | None,
    texts_of: Any,
    cb: dict[str, Any],
    out: _Collector,
) -> tuple[pd.DataFrame | None, str, dict[str, _Parsed]]:
    if isinstance(located, FileExistsError):
        out.add(f"{entity}.csv/.xlsx", None, None, str(located), "file_ambiguous")
        return None, "", {}
    if located is None:
        out.add(f"{entity}.csv", None, None, None, "file_missing")
        return None, "", {}
    fname = located.name
    if table is None or isinstance(table, Exception):  # unreadable bytes or sheet
        out.add(fname, None, None, type(table).__name__, "file_unreadable")
        return None, fname, {}
    columns = [(c, texts_of(t)) for c, t in zip(table.codes, table.texts, strict=True)]
    if not _guard_identifiers(table.header, columns, fname, out):
        return None, fname, {}
    specs: dict[str, Any] = cb["files"][entity]["columns"]
    cols = list(table.header)
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
        return None, fname, {}
    if table.n_rows == 0:
        out.add(fname, None, None, None, "file_empty")
        return None, fname, {}
    typed = {}
    parsed: dict[str, _Parsed] = {}
    skip: set[tuple[int, str]] = set()
    position = {c: j for j, c in enumerate(cols)}
    for c, spec in specs.items():
        codes, texts = columns[position[c]]
        series, failed, parsed[c] = _parse_column(codes, texts, spec, cb, fname, c, out)
        typed[c] = series
        skip |= {(i, c) for i in failed}
    del table, columns  # the text is no longer needed
    frame = pd.DataFrame(typed, copy=False)  # fresh arrays: no need to copy them into blocks
    _pandera_violations(entity, frame, fname, skip, cb, out, parsed)
    # conditional requirements
    for c, spec in specs.items():
        cond = spec.get("required_if")
        if not cond:
            continue
        other, _, wanted = (p.strip() for p in cond.partition("=="))
        p_c = parsed[c]
        missing = ~p_c.notnull() if p_c.typed is not None else frame[c].isna().to_numpy()
        mask = (
            _eq(parsed[other], wanted)
            if parsed[other].typed is not None
            else frame[other].eq(wanted).to_numpy()
        )
        mask = mask & missing
        for i in np.flatnonzero(mask):
            if (int(i), c) not in skip:
                out.add(fname, int(i) + 1, c, "", "required_if", cond=cond)
    frame.attrs["file"] = fname
    return frame, fname, parsed


# --------------------------------------------------------------------------------------
def eligible_mask(screening: pd.DataFrame) -> pd.Series:
    """The paper's eligibility criteria on the screening log (all must hold).

    Marrow lymphoblasts >= 25% (FAB), age at first diagnosis 1-21 years (completed years),
    relapsed or refractory after >= 2 prior regimens, and no clofarabine ever.
    """
    age = screening["age_at_initial_dx"]
    return (
        (
            (screening["marrow_blast_pct"] >= 25)
            & (age >= 1)
            & (age < 22)
            & (screening["prior_regimens"] >= 2)
            & (screening["clofarabine_exposed"] == "N")
        )
        .fillna(False)
        .astype(bool)
    )


def _iso(v: pd.Timestamp) -> str:
    return v.date().isoformat()


def _lookup(
    keys: _Keys, source: str, values: pd.Series, target: pd.Series, entity: str
) -> tuple[np.ndarray, pd.Series]:
    """For each row of ``entity`` (whose ids are ``target``): whether its id is in ``source``,
    and ``values`` at the first row of that id in ``source`` (missing where not found)."""
    key = ("first", source)
    if key not in keys.cache:
        keys.cache[key] = _first_rows(keys.rows[source], keys.n)
    pos = keys.cache[key][keys.rows[entity]]
    vals = pd.Series(values.to_numpy()).array.take(pos, allow_fill=True)
    return pos >= 0, pd.Series(vals, index=target.index)


def _cross_checks(
    frames: dict[str, pd.DataFrame],
    names: dict[str, str],
    cb: dict[str, Any],
    out: _Collector,
    keys: _Keys,
    parsed: dict[str, dict[str, _Parsed]],
) -> None:
    scr, base = frames.get("screening"), frames.get("baseline")
    k = keys.rows
    n = keys.n
    # references
    for entity, spec in ((e, cb["files"][e]["columns"]["patient_id"]) for e in frames):
        target = spec.get("references")
        if not target or target not in frames:
            continue
        ids = frames[entity]["patient_id"]
        known = np.zeros(n, dtype=bool)
        known[k[target][parsed[target]["patient_id"].notnull()]] = True
        bad = parsed[entity]["patient_id"].notnull() & ~known[k[entity]]
        for i in np.flatnonzero(bad):
            out.add(
                names[entity],
                int(i) + 1,
                "patient_id",
                ids.iat[i],
                "unknown_reference",
                target=names[target],
            )
    if scr is not None and base is not None:
        # eligibility per patient: the last screening row of a repeated id decides (a dict)
        last = _first_rows(k["screening"], n, keep="last")
        has = last >= 0
        elig = np.zeros(n, dtype=bool)
        elig[has] = eligible_mask(scr).to_numpy()[last[has]]
        in_base = np.zeros(n, dtype=bool)
        in_base[k["baseline"][parsed["baseline"]["patient_id"].notnull()]] = True
        kb, ks = k["baseline"], k["screening"]
        for j in np.flatnonzero(has[kb] & ~elig[kb]):
            out.add(
                names["baseline"],
                int(j) + 1,
                "patient_id",
                base["patient_id"].iat[j],
                "not_eligible",
            )
        for j in np.flatnonzero(elig[ks] & ~in_base[ks]):
            out.add(
                names["screening"],
                int(j) + 1,
                "patient_id",
                scr["patient_id"].iat[j],
                "eligible_missing",
            )
    # completeness of the treated set
    later = [e for e in ("treatment", "response", "transplant", "followup") if e in frames]
    if base is not None and len(later) == 4:
        rows_ = np.flatnonzero(parsed["baseline"]["patient_id"].notnull())
        kb = k["baseline"][rows_]
        present = []
        for e in later:
            p = np.zeros(n, dtype=bool)
            p[k[e][parsed[e]["patient_id"].notnull()]] = True
            present.append(p[kb])
        has_ = np.column_stack(present)
        count = has_.sum(axis=1)
        cand = np.flatnonzero((count > 0) & (count < 4))
        if len(cand):
            last_row = _first_rows(k["baseline"], n, keep="last")  # the row of a repeated id
            for c in cand:
                pid = base["patient_id"].iat[rows_[c]]
                missing = ", ".join(f"{e}" for e, h in zip(later, has_[c], strict=True) if not h)
                out.add(
                    names["baseline"],
                    int(last_row[kb[c]]) + 1,
                    "patient_id",
                    pid,
                    "incomplete_followup",
                    missing=missing,
                )
    _row_rules(frames, names, cb, out, keys, parsed)
    _date_rules(frames, names, out, keys, parsed)
    if base is not None and scr is not None:
        _plausibility(base, scr, names["baseline"], out, keys, parsed["baseline"])


def _emit(out: _Collector, events: list[tuple[np.ndarray, Any]]) -> None:
    """Add violations row by row in row order; ``events``: (row mask, add(i)) in rule order."""
    hits = [(i, k) for k, (mask, _) in enumerate(events) for i in np.flatnonzero(mask)]
    for i, k in sorted(hits):
        events[k][1](int(i))


def _row_rules(
    frames: dict[str, pd.DataFrame],
    names: dict[str, str],
    cb: dict[str, Any],
    out: _Collector,
    keys: _Keys,
    parsed: dict[str, dict[str, _Parsed]],
) -> None:
    if "treatment" in frames:
        t = frames["treatment"]
        fname = names["treatment"]
        agents = cb["codes"]["agent"]
        agent, steroid = t["agent"], t["steroid"]
        p_agent, p_steroid = parsed["treatment"]["agent"], parsed["treatment"]["steroid"]
        a_str, s_str = p_agent.notnull(), p_steroid.notnull()
        a_ster = _per_value(p_agent, ("steroid",), lambda a: bool(agents[a].get("steroid")))
        s_yes = _eq(p_steroid, "Y")
        flag = a_str & s_str & (s_yes != a_ster)
        agent_codes = _typed_codes(p_agent)
        pair = keys.rows["treatment"].astype(np.int64) * (int(agent_codes.max(initial=0)) + 1)
        dup = a_str & pd.Series(pair + agent_codes).duplicated(keep="first").to_numpy()
        _emit(
            out,
            [
                (flag, lambda i: out.add(fname, i + 1, "steroid", steroid.iat[i], "steroid_flag")),
                (dup, lambda i: out.add(fname, i + 1, "agent", agent.iat[i], "duplicate_agent")),
            ],
        )
    if "response" in frames:
        r_ = frames["response"]
        fname = names["response"]
        p_resp = parsed["response"]
        reasons, resp, blast = r_["reasons_not_examined"], r_["response"], r_["blast_pct"]
        b = blast.to_numpy(dtype="float64")
        has = p_resp["response"].notnull() & ~np.isnan(b)
        with np.errstate(invalid="ignore"):
            cr = has & (_eq(p_resp["response"], "CR") | _eq(p_resp["response"], "CRp")) & (b >= 5)
            pr = has & _eq(p_resp["response"], "PR") & ~((b >= 5) & (b <= 25))
            ref = has & _eq(p_resp["response"], "REF") & (b <= 25)

        def blasts(rule: str) -> Any:
            return lambda i: out.add(
                fname, i + 1, "blast_pct", f"{b[i]:g}", "response_blasts", rule=rule
            )

        _emit(
            out,
            [
                (
                    _eq(p_resp["marrow_exam"], "Y") & p_resp["reasons_not_examined"].notnull(),
                    lambda i: out.add(
                        fname, i + 1, "reasons_not_examined", reasons.iat[i], "exam_reason_conflict"
                    ),
                ),
                (
                    _eq(p_resp["marrow_exam"], "N") & p_resp["response"].notnull(),
                    lambda i: out.add(
                        fname, i + 1, "response", resp.iat[i], "not_examined_response"
                    ),
                ),
                (cr, blasts("CR/CRp: <5%")),
                (pr, blasts("PR: 5-25%")),
                (ref, blasts("REF: >25%")),
            ],
        )
    if "transplant" in frames:
        h = frames["transplant"]
        fname = names["transplant"]
        events: list[tuple[np.ndarray, Any]] = []
        for c in ("hsct_date", "donor", "pre_hsct_marrow"):
            s = h[c]

            def add(i: int, c: str = c, s: pd.Series = s) -> None:
                v = s.iat[i]
                out.add(
                    fname,
                    i + 1,
                    c,
                    _iso(v) if isinstance(v, pd.Timestamp) else v,
                    "hsct_fields_conflict",
                )

            events.append((_eq(parsed["transplant"]["hsct"], "N") & s.notna().to_numpy(), add))
        reason = h["reason_no_hsct"]
        events.append(
            (
                _eq(parsed["transplant"]["hsct"], "Y")
                & parsed["transplant"]["reason_no_hsct"].notnull(),
                lambda i: out.add(
                    fname, i + 1, "reason_no_hsct", reason.iat[i], "hsct_reason_conflict"
                ),
            )
        )
        _emit(out, events)
    if "followup" in frames:
        f = frames["followup"]
        fname = names["followup"]
        cut = f["cutoff_date"].dropna().unique()
        if len(cut) > 1:
            first = f["cutoff_date"].dropna().iloc[0]
            c = f["cutoff_date"]
            for i in np.flatnonzero((c.notna() & (c != first)).to_numpy()):
                out.add(fname, int(i) + 1, "cutoff_date", _iso(c.iat[i]), "cutoff_not_unique")
        death = f["death_date"]
        mask = _eq(parsed["followup"]["vital_status"], "alive") & death.notna().to_numpy()
        for i in np.flatnonzero(mask):
            out.add(fname, int(i) + 1, "death_date", _iso(death.iat[i]), "alive_with_death_date")


def _date_rules(
    frames: dict[str, pd.DataFrame],
    names: dict[str, str],
    out: _Collector,
    keys: _Keys,
    parsed: dict[str, dict[str, _Parsed]],
) -> None:
    """first diagnosis <= R/R diagnosis <= treatment, exam, HSCT <= death/last contact <= cut-off."""
    base = frames.get("baseline")
    if base is None:
        return
    rr = base["rr_dx_date"]

    def check(entity: str, col: str, earlier: pd.Series, rule: str, later: bool = False) -> None:
        if entity not in frames:
            return
        fr = frames[entity]
        v = fr[col]
        found, e = _lookup(keys, "baseline", earlier, fr["patient_id"], entity)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bad = ((v > e) if later else (v < e)).fillna(False).to_numpy(dtype=bool)
        bad &= found & v.notna().to_numpy() & e.notna().to_numpy()
        for i in np.flatnonzero(bad):
            out.add(names[entity], int(i) + 1, col, _iso(v.iat[i]), "date_order", rule=rule)

    ini, rrd = base["initial_dx_date"], base["rr_dx_date"]
    for i in np.flatnonzero((ini.notna() & rrd.notna() & (rrd < ini)).to_numpy()):
        out.add(
            names["baseline"],
            int(i) + 1,
            "rr_dx_date",
            _iso(rrd.iat[i]),
            "date_order",
            rule="initial_dx_date <= rr_dx_date",
        )
    check("treatment", "start_date", rr, "rr_dx_date <= start_date")
    check("response", "exam_date", rr, "rr_dx_date <= exam_date")
    check("transplant", "hsct_date", rr, "rr_dx_date <= hsct_date")
    if "followup" in frames:
        f = frames["followup"]
        fname = names["followup"]
        ids = f["patient_id"]
        _, rr_d = _lookup(keys, "baseline", rr, ids, "followup")
        if "transplant" in frames:
            tr = frames["transplant"]
            _, h_d = _lookup(keys, "transplant", tr["hsct_date"], ids, "followup")
        else:
            h_d = pd.Series(pd.NaT, index=ids.index, dtype="datetime64[ns]")
        rr_d = pd.to_datetime(rr_d)
        h_d = pd.to_datetime(h_d)
        dead = _eq(parsed["followup"]["vital_status"], "dead")
        death, last, cutoff = f["death_date"], f["last_contact_date"], f["cutoff_date"]
        end = death.where(dead, last)
        events: list[tuple[np.ndarray, Any]] = []
        for col, v in (("death_date", death), ("last_contact_date", last)):

            def add_rr(i: int, col: str = col, v: pd.Series = v) -> None:
                out.add(
                    fname, i + 1, col, _iso(v.iat[i]), "date_order", rule=f"rr_dx_date <= {col}"
                )

            def add_cut(i: int, col: str = col, v: pd.Series = v) -> None:
                out.add(
                    fname, i + 1, col, _iso(v.iat[i]), "date_order", rule=f"{col} <= cutoff_date"
                )

            events.append(
                (
                    (v < rr_d).to_numpy(dtype=bool)
                    & v.notna().to_numpy()
                    & rr_d.notna().to_numpy(),
                    add_rr,
                )
            )
            events.append(
                (
                    (v > cutoff).to_numpy(dtype=bool)
                    & v.notna().to_numpy()
                    & cutoff.notna().to_numpy(),
                    add_cut,
                )
            )

        def add_hsct(i: int) -> None:
            col = "death_date" if dead[i] else "last_contact_date"
            out.add(fname, i + 1, col, _iso(end.iat[i]), "date_order", rule=f"hsct_date <= {col}")

        events.append(
            (
                (end < h_d).to_numpy(dtype=bool) & end.notna().to_numpy() & h_d.notna().to_numpy(),
                add_hsct,
            )
        )
        events.append(
            (
                dead & (last > death).to_numpy(dtype=bool),
                lambda i: out.add(
                    fname,
                    i + 1,
                    "last_contact_date",
                    _iso(last.iat[i]),
                    "date_order",
                    rule="last_contact_date <= death_date",
                ),
            )
        )
        # _emit orders by row then by rule; within a row the rules above are in the original order
        _emit(out, events)


def _growth_arrays(
    sex: np.ndarray, age: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`growth_reference` for arrays (``sex`` "M"/"F", ``age`` in years)."""
    ages = np.arange(1, 19)
    a = np.clip(age.astype("float64"), 1, 18)
    male = sex == "M"
    h = np.where(male, np.interp(a, ages, _HEIGHT["M"]), np.interp(a, ages, _HEIGHT["F"]))
    w = np.where(male, np.interp(a, ages, _WEIGHT["M"]), np.interp(a, ages, _WEIGHT["F"]))
    # height SD about 4% of the median; weight is right-skewed: a generous SD
    return h, 0.042 * h, w, np.where(a < 10, 0.16 * w, 0.2 * w)


def _plausibility(
    base: pd.DataFrame,
    scr: pd.DataFrame,
    fname: str,
    out: _Collector,
    keys: _Keys,
    parsed: dict[str, _Parsed],
) -> None:
    ids = base["patient_id"]
    sex = base["sex"].to_numpy(dtype=object)
    use = parsed["sex"].notnull()
    found, age = _lookup(keys, "screening", scr["age_at_initial_dx"], ids, "baseline")
    # a patient repeated in screening is reported as duplicate_id there; use its first row here
    a = age.to_numpy(dtype="float64", na_value=np.nan)
    use &= found & ~np.isnan(a)
    ini, rrd = base["initial_dx_date"], base["rr_dx_date"]
    a_rr = a + (rrd - ini).dt.days.to_numpy(dtype="float64") / 365.25
    age_bad = use & ini.notna().to_numpy() & rrd.notna().to_numpy() & (a_rr > 30)
    hm, hsd, wm, wsd = _growth_arrays(np.where(use, sex, "M"), np.where(use, a, 1.0))
    hv = base["height_cm"].to_numpy(dtype="float64")
    wv = base["weight_kg"].to_numpy(dtype="float64")
    with np.errstate(invalid="ignore"):
        zh = (hv - hm) / hsd
        zw = (wv - wm) / wsd
        bmi = wv / (hv / 100) ** 2
        h_bad = use & ~np.isnan(hv) & (np.abs(zh) > 4)
        w_bad = use & ~np.isnan(wv) & ((zw < -4) | (zw > 6))
        b_bad = use & ~np.isnan(hv) & ~np.isnan(wv) & ~((bmi >= 10) & (bmi <= 45))
    _emit(
        out,
        [
            (
                age_bad,
                lambda i: out.add(
                    fname, i + 1, "rr_dx_date", _iso(rrd.iat[i]), "age_at_rr", age=f"{a_rr[i]:.1f}"
                ),
            ),
            (
                h_bad,
                lambda i: out.add(
                    fname, i + 1, "height_cm", f"{hv[i]:g}", "implausible_height", z=f"{zh[i]:.1f}"
                ),
            ),
            (
                w_bad,
                lambda i: out.add(
                    fname, i + 1, "weight_kg", f"{wv[i]:g}", "implausible_weight", z=f"{zw[i]:.1f}"
                ),
            ),
            (
                b_bad,
                lambda i: out.add(
                    fname, i + 1, "weight_kg", f"{wv[i]:g}", "implausible_bmi", bmi=f"{bmi[i]:.1f}"
                ),
            ),
        ],
    )


def validate_folder(folder: Path | None = None) -> ValidatedData:
    """Read and check every file of the contract in ``folder``; raise on any problem."""
    return validate_folder_keys(folder)[0]


def validate_folder_keys(
    folder: Path | None = None,
) -> tuple[ValidatedData, dict[str, np.ndarray]]:
    """:func:`validate_folder`, plus an integer code for the patient id of every row of every
    frame (equal ids, equal codes), with which ids can be matched across files cheaply."""
    folder = Path(folder) if folder else data_dir()
    codebook = load_codebook(folder)
    cb = dict(codebook.raw)
    out = _Collector()
    located: dict[str, Path | FileExistsError | None] = {}
    for entity in ENTITIES:
        try:
            located[entity] = find_entity_file(folder, entity)
        except FileExistsError as exc:
            located[entity] = exc
    paths = [p for p in located.values() if isinstance(p, Path)]
    tables = dict(zip(paths, read_text_columns(paths, shared=_ID_COLUMN), strict=True))
    registry: dict[int, _Texts] = {}  # one per texts object: shared texts share their results

    def texts_of(texts: pyarrow.Array | list[str]) -> _Texts:
        if id(texts) not in registry:
            registry[id(texts)] = _Texts(texts)
        return registry[id(texts)]

    frames: dict[str, pd.DataFrame] = {}
    names: dict[str, str] = {}
    parsed: dict[str, dict[str, _Parsed]] = {}
    keys = _Keys()
    for entity in ENTITIES:
        where = located[entity]
        table = tables.pop(where) if isinstance(where, Path) else None
        frame, fname, parsed[entity] = _read_entity(entity, where, table, texts_of, cb, out)
        del table
        names[entity] = fname or f"{entity}.csv"
        if frame is not None:
            frames[entity] = frame
            keys.add(entity, parsed[entity][_ID_COLUMN])
    _cross_checks(frames, names, cb, out, keys, parsed)
    if out.items:
        raise DataValidationError(out.items)
    return ValidatedData(frames, names, codebook), keys.rows
