"""The contract's corpus of a real hospital export gone wrong: identifiers in every spelling,
inputs that used to end in a traceback, impossible timelines, structure that was misread.

Each case mutates a fresh copy of the data (rows and patients are picked by reading the copy)
and asserts, through :func:`tests.corpus.check_case`, the exact violations, the bilingual
report without a traceback, that no form of a planted identifier appears anywhere in it, and
that the input bytes are unchanged.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from rrall import load_cohort
from rrall.contract.parse import DATE_MAX, DATE_MIN

from .conftest import CsvTools
from .corpus import Case, E, check_case, param

Rows = list[dict[str, str]]


# -- picking rows --------------------------------------------------------------------------------
def _first(f: Path, t: CsvTools, file: str, pred: Callable[[dict[str, str]], bool]) -> int:
    """1-based data row of the first row of ``file`` that ``pred`` accepts."""
    for i, r in enumerate(t.records(f, file), 1):
        if pred(r):
            return i
    raise LookupError(f"no row in {file} fits the case; the data changed shape")


def _outside_baseline(f: Path, t: CsvTools) -> int:
    base = {r["patient_id"] for r in t.records(f, "baseline")}
    return _first(f, t, "screening", lambda r: r["patient_id"] not in base)


def _by_id(f: Path, t: CsvTools, file: str) -> dict[str, dict[str, str]]:
    return {r["patient_id"]: r for r in t.records(f, file)}


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


# -- identifiers in a cell -----------------------------------------------------------------------
def cell(file: str, column: str, text: str, rule: str, pick=lambda f, t: 1) -> Callable:
    """Write ``text`` into ``column`` of the row ``pick`` finds; expect ``rule``, withheld."""

    def mutate(f: Path, t: CsvTools) -> list[E]:
        row = t.edit(f, file, pick(f, t), column, text)
        return [E(f"{file}.csv", row, column, rule, withheld=True)]

    return mutate


def _hsct_yes(f: Path, t: CsvTools) -> int:
    return _first(f, t, "transplant", lambda r: r["hsct"] == "Y")


def _id_case(cid: str, text: str, rule: str) -> Case:
    return Case(
        cid, cell("screening", "patient_id", text, rule, pick=_outside_baseline), secret=(text,)
    )


RRN = "900101-1234567"
CELL_CASES = [
    # resident registration numbers, every spelling (into a coded column)
    Case(
        "rrn_no_hyphen",
        cell("baseline", "cytogenetics", "9001011234567", "identifier_rrn"),
        secret=("9001011234567",),
    ),
    Case(
        "rrn_space",
        cell("baseline", "cytogenetics", "900101 1234567", "identifier_rrn"),
        secret=(RRN,),
    ),
    Case(
        "rrn_fullwidth_hyphen",
        cell("baseline", "cytogenetics", "900101\uff0d1234567", "identifier_rrn"),
        secret=(RRN,),
    ),
    Case(
        "rrn_en_dash",
        cell("baseline", "cytogenetics", "900101\u20131234567", "identifier_rrn"),
        secret=(RRN,),
    ),
    Case(
        "rrn_fullwidth_digits",
        cell(
            "baseline",
            "cytogenetics",
            "\uff19\uff10\uff10\uff11\uff10\uff11\uff0d\uff11\uff12\uff13\uff14\uff15\uff16\uff17",
            "identifier_rrn",
        ),
        secret=(RRN,),
    ),
    Case(
        "rrn_last_digits_masked",
        cell("baseline", "cytogenetics", "900101-1******", "identifier_rrn"),
        secret=("900101",),
    ),
    Case(
        "rrn_in_a_number_column",
        cell("baseline", "height_cm", RRN, "identifier_rrn"),
        secret=(RRN,),
    ),
    # telephone numbers, every spelling
    Case(
        "phone_area_code_in_parentheses",
        cell("transplant", "donor", "(02)1234-5678", "identifier_phone", pick=_hsct_yes),
        secret=("(02)1234-5678",),
    ),
    Case(
        "phone_area_code_half_parenthesis",
        cell("transplant", "donor", "02)1234-5678", "identifier_phone", pick=_hsct_yes),
        secret=("02)1234-5678",),
    ),
    Case(
        "phone_ten_bare_digits_in_a_number_column",
        cell("baseline", "weight_kg", "0212345678", "identifier_phone"),
        secret=("0212345678",),
    ),
    Case(
        "phone_international_korean",
        cell("baseline", "cytogenetics", "+82-10-1234-5678", "identifier_phone"),
        secret=("+82-10-1234-5678",),
    ),
    Case(
        "phone_mobile_with_spaces",
        cell("baseline", "immunophenotype", "010 1234 5678", "identifier_phone"),
        secret=("010 1234 5678",),
    ),
    Case(
        "phone_foreign_number",
        cell("baseline", "cytogenetics", "+1 202-555-0100", "identifier_phone"),
        secret=("+1 202-555-0100",),
    ),
    Case(
        "phone_hangul_eu_as_dash",
        cell("baseline", "cytogenetics", "010\u31611234\u31615678", "identifier_phone"),
        secret=("010\u31611234\u31615678",),
    ),
    # names and record numbers
    _id_case("name_as_patient_id", "홍길동", "identifier_name"),
    _id_case("romanised_name_as_patient_id", "Hong Gildong", "identifier_name"),
    _id_case("record_number_as_patient_id", "12345678", "identifier_record"),
    _id_case("prefixed_record_number_as_patient_id", "H-1234567", "identifier_record"),
    Case(
        "name_in_a_code_column",
        cell("transplant", "donor", "김철수", "identifier_name", pick=_hsct_yes),
        secret=("김철수",),
    ),
    Case(
        "romanised_name_in_a_code_column",
        cell("transplant", "donor", "Kim Chul-soo", "identifier_name", pick=_hsct_yes),
        secret=("Kim Chul-soo",),
    ),
    Case(
        "record_number_in_a_code_column",
        cell("baseline", "sex", "12345678", "identifier_record"),
        secret=("12345678",),
    ),
    Case(
        "name_in_a_date_column",
        cell(
            "response",
            "exam_date",
            "이영희",
            "identifier_name",
            pick=lambda f, t: _first(f, t, "response", lambda r: r["marrow_exam"] == "Y"),
        ),
        secret=("이영희",),
    ),
]


# -- identifiers in the header and above it --------------------------------------------------------
def extra_column(file: str, name: str, rule: str, shown: str | None = None) -> Callable:
    """A column ``name`` appended to ``file``; expect ``rule`` at the header's line."""

    def mutate(f: Path, t: CsvTools) -> list[E]:
        header, rows = t.read(f, file)
        t.write(f, file, [*header, name], [[*r, ""] for r in rows])
        withheld = rule.startswith("identifier_") and rule != "identifier_column"
        return [
            E(f"{file}.csv", None, shown, rule, line=1, position=len(header) + 1, withheld=withheld)
        ]

    return mutate


def title_line(file: str, title: str, rule: str | None) -> Callable:
    """A title line above the header of ``file``."""

    def mutate(f: Path, t: CsvTools) -> list[E]:
        p = f / f"{file}.csv"
        p.write_bytes(title.encode("utf-8") + b"\n" + p.read_bytes())
        out = [E(f"{file}.csv", None, None, "header_not_first", line=2, params={"n": "1"})]
        if rule is not None:
            out.append(E(f"{file}.csv", None, None, rule, line=1, withheld=True))
        return out

    return mutate


HEADER_CASES = [
    Case(
        "header_cell_is_a_phone_number",
        extra_column("followup", "010-1234-5678", "identifier_phone"),
        secret=("010-1234-5678",),
    ),
    Case(
        "header_cell_is_a_name",
        extra_column("followup", "홍길동", "identifier_name"),
        secret=("홍길동",),
    ),
    Case(
        "header_registration_number_column_in_korean",
        extra_column("baseline", "환자 주민번호", "identifier_column"),
        secret=("환자 주민번호",),
    ),
    Case(
        "header_date_of_birth_column",
        extra_column("baseline", "birth_date", "identifier_column", shown="birth_date"),
    ),
    Case(
        "header_unknown_korean_column_by_position",
        extra_column("response", "비고", "column_unknown"),
        secret=("비고",),
    ),
    Case(
        "header_pasted_text_by_position",
        extra_column("response", "환자 상태 메모 2017년 3월 기록", "column_unknown"),
        secret=("환자 상태 메모",),
    ),
    Case(
        "title_line_with_a_phone_number",
        title_line("transplant", "담당 간호사 010-9876-5432", "identifier_phone"),
        secret=("010-9876-5432", "담당 간호사"),
    ),
    Case(
        "title_line_plain",
        title_line("transplant", "연구 자료 내보내기", None),
        secret=("연구 자료",),
    ),
]


# -- what used to end in a traceback, or was misread -----------------------------------------------
def date_cell(file: str, column: str, text: str, rule: str, pick, **params: str) -> Callable:
    def mutate(f: Path, t: CsvTools) -> list[E]:
        row = t.edit(f, file, pick(f, t), column, text)
        return [E(f"{file}.csv", row, column, rule, text, params=params)]

    return mutate


def _exam_yes(f: Path, t: CsvTools) -> int:
    return _first(f, t, "response", lambda r: r["marrow_exam"] == "Y")


def ragged(extra: bool) -> Callable:
    def mutate(f: Path, t: CsvTools) -> list[E]:
        header, rows = t.read(f, "treatment")
        bad = [*rows[2], "x"] if extra else rows[2][:-1]
        rows = [*rows[:2], bad, *rows[3:]]
        t.write(f, "treatment", header, rows)
        found = len(bad)
        return [
            E(
                "treatment.csv",
                None,
                None,
                "ragged_row",
                line=4,
                params={"found": str(found), "expected": str(len(header))},
            )
        ]

    return mutate


def delimiter(sep: str, shown: str) -> Callable:
    def mutate(f: Path, t: CsvTools) -> list[E]:
        p = f / "baseline.csv"
        p.write_text(p.read_text(encoding="utf-8").replace(",", sep), encoding="utf-8")
        return [
            E("baseline.csv", None, None, "wrong_delimiter", line=1, params={"delimiter": shown})
        ]

    return mutate


def raw_bytes(file: str, data: bytes, rule: str) -> Callable:
    def mutate(f: Path, t: CsvTools) -> list[E]:
        (f / f"{file}.csv").write_bytes(data)
        return [E(f"{file}.csv", None, None, rule)]

    return mutate


def utf16(f: Path, t: CsvTools) -> list[E]:
    p = f / "followup.csv"
    p.write_bytes(p.read_text(encoding="utf-8").encode("utf-16"))
    return [E("followup.csv", None, None, "file_utf16")]


def bad_byte_on_a_line(f: Path, t: CsvTools) -> list[E]:
    p = f / "screening.csv"
    lines = p.read_bytes().split(b"\n")
    lines[7] = lines[7].replace(b",N", b",\xff", 1)
    p.write_bytes(b"\n".join(lines))
    return [E("screening.csv", None, None, "file_encoding", line=8)]


def quoted_line_break(f: Path, t: CsvTools) -> list[E]:
    """A cell with a line break shifts the lines of every later row by one."""
    r1 = _first(f, t, "response", lambda r: r["marrow_exam"] == "N")
    t.edit(f, "response", r1, "reasons_not_examined", "persistent\nother")
    r2 = r1 + 3
    t.edit(f, "response", r2, "marrow_exam", "maybe")
    return [
        E("response.csv", r1, "reasons_not_examined", "bad_code", "persistent\nother", line=r1 + 1),
        E("response.csv", r2, "marrow_exam", "bad_code", "maybe", line=r2 + 2),
    ]


def blank_lines(f: Path, t: CsvTools) -> list[E]:
    """Blank lines in the middle are skipped, and counted in the line of later rows."""
    row = t.edit(f, "treatment", 10, "steroid", "maybe")
    p = f / "treatment.csv"
    lines = p.read_text(encoding="utf-8").split("\n")
    lines = [*lines[:4], "", "   ", *lines[4:]]  # after data row 3
    p.write_text("\n".join(lines), encoding="utf-8")
    return [E("treatment.csv", row, "steroid", "bad_code", "maybe", line=row + 1 + 2)]


def missing_folder(f: Path, t: CsvTools) -> list[E]:
    shutil.rmtree(f)
    return [E(None, None, None, "folder_missing")]


def folder_without_data(f: Path, t: CsvTools) -> list[E]:
    for p in f.glob("*.csv"):
        p.unlink()
    return [E(None, None, None, "no_data_files")]


def _xlsx(f: Path, entity: str, sheets: list[tuple[str, list[list[object]]]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    wb.save(f / f"{entity}.xlsx")
    (f / f"{entity}.csv").unlink()


def xlsx_second_sheet(f: Path, t: CsvTools) -> list[E]:
    header, rows = t.read(f, "transplant")
    more = [[f"P9{k:02d}", *r[1:]] for k, r in enumerate(rows[:3])]
    _xlsx(f, "transplant", [("Sheet1", [header, *rows]), ("Sheet2", [header, *more])])
    return [
        E(
            "transplant.xlsx",
            None,
            None,
            "sheet_ambiguous",
            params={"n": "2", "entity": "transplant"},
        )
    ]


def xlsx_title_row(f: Path, t: CsvTools) -> list[E]:
    header, rows = t.read(f, "transplant")
    _xlsx(f, "transplant", [("transplant", [["이식 자료 (담당 홍길동)"], header, *rows])])
    return [E("transplant.xlsx", None, None, "header_not_first", line=2, params={"n": "1"})]


def codebook_syntax(f: Path, t: CsvTools) -> list[E]:
    p = f / "codebook.yaml"
    lines = p.read_text(encoding="utf-8").split("\n")
    k = next(i for i, line in enumerate(lines) if line.startswith("codes:"))
    lines[k + 2] = lines[k + 2] + " ]"
    p.write_text("\n".join(lines), encoding="utf-8")
    return [E("codebook.yaml", None, None, "codebook_syntax", line=k + 3)]


def codebook_without_study(f: Path, t: CsvTools) -> list[E]:
    p = f / "codebook.yaml"
    text = p.read_text(encoding="utf-8")
    p.write_text(text[: text.index("\nstudy:")] + "\n", encoding="utf-8")
    return [E("codebook.yaml", None, None, "codebook_key", params={"key": "study"})]


def int_beyond_64_bits(f: Path, t: CsvTools) -> list[E]:
    row = t.edit(f, "screening", _outside_baseline(f, t), "prior_regimens", "9" * 20)
    return [E("screening.csv", row, "prior_regimens", "not_int", masked="'" + "•" * 20 + "'")]


def long_cell(f: Path, t: CsvTools) -> list[E]:
    row = t.edit(f, "baseline", 2, "disease_status", "relapsed " * 1000)
    return [
        E(
            "baseline.csv",
            row,
            "disease_status",
            "bad_code",
            masked=repr(("relapsed " * 5)[:40] + "\u2026"),
        )
    ]


PARSE_CASES = [
    Case(
        "date_far_future",
        date_cell(
            "response",
            "exam_date",
            "9999-12-31",
            "date_out_of_range",
            _exam_yes,
            min=DATE_MIN,
            max=DATE_MAX,
        ),
    ),
    Case(
        "date_far_past",
        date_cell("baseline", "initial_dx_date", "1600-01-01", "date_out_of_range", lambda f, t: 1),
    ),
    Case(
        "date_with_a_time_of_day",
        date_cell("response", "exam_date", "2010-02-13 10:30", "not_date", _exam_yes),
    ),
    Case(
        "date_february_30", date_cell("response", "exam_date", "2010-02-30", "not_date", _exam_yes)
    ),
    Case("int_beyond_64_bits", int_beyond_64_bits),
    Case("long_cell_cut_in_the_report", long_cell),
    Case("ragged_row_too_long", ragged(True)),
    Case("ragged_row_too_short", ragged(False)),
    Case("semicolon_separated", delimiter(";", "';'")),
    Case("tab_separated", delimiter("\t", "tab")),
    Case("zero_byte_file", raw_bytes("followup", b"", "file_empty")),
    Case("blank_space_only_file", raw_bytes("followup", b"  \r\n\n \n", "file_empty")),
    Case("utf16_file", utf16),
    Case("bad_byte_named_by_line", bad_byte_on_a_line),
    Case("quoted_line_break_shifts_lines", quoted_line_break),
    Case("blank_lines_shift_lines", blank_lines),
    Case("missing_folder", missing_folder),
    Case("folder_without_data_files", folder_without_data),
    Case("xlsx_second_sheet_with_more_patients", xlsx_second_sheet),
    Case("xlsx_title_row", xlsx_title_row, secret=("홍길동",)),
    Case("codebook_yaml_syntax", codebook_syntax),
    Case("codebook_without_study_section", codebook_without_study),
]


# -- impossible timelines ---------------------------------------------------------------------
def cutoff_in_future(f: Path, t: CsvTools) -> list[E]:
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    header, rows = t.read(f, "followup")
    k = header.index("cutoff_date")
    for r in rows:
        r[k] = future
    t.write(f, "followup", header, rows)
    return [
        E(
            "followup.csv",
            1,
            "cutoff_date",
            "cutoff_in_future",
            future,
            params={"today": dt.date.today().isoformat()},
        )
    ]


def exam_after_death(f: Path, t: CsvTools) -> list[E]:
    fu = _by_id(f, t, "followup")
    row = _first(
        f,
        t,
        "response",
        lambda r: (
            r["marrow_exam"] == "Y"
            and fu[r["patient_id"]]["vital_status"] == "dead"
            and _shift(fu[r["patient_id"]]["death_date"], 3) <= fu[r["patient_id"]]["cutoff_date"]
        ),
    )
    pid = t.records(f, "response")[row - 1]["patient_id"]
    death = fu[pid]["death_date"]
    late = _shift(death, 3)
    t.edit(f, "response", row, "exam_date", late)
    return [
        E(
            "response.csv",
            row,
            "exam_date",
            "event_after_end",
            late,
            params={"ref_column": "followup.death_date", "ref": death},
        )
    ]


def two_cycle1_start_dates(f: Path, t: CsvTools) -> list[E]:
    base = _by_id(f, t, "baseline")
    tr = t.records(f, "treatment")
    counts: dict[str, int] = {}
    for r in tr:
        counts[r["patient_id"]] = counts.get(r["patient_id"], 0) + 1
    first = next(
        i
        for i, r in enumerate(tr)
        if counts[r["patient_id"]] >= 2 and r["start_date"] > base[r["patient_id"]]["rr_dx_date"]
    )
    pid = tr[first]["patient_id"]
    row = t.edit(f, "treatment", first + 2, "start_date", base[pid]["rr_dx_date"])
    return [
        E(
            "treatment.csv",
            row,
            "start_date",
            "start_date_conflict",
            base[pid]["rr_dx_date"],
            params={"first": tr[first]["start_date"]},
        )
    ]


def start_before_rr(f: Path, t: CsvTools) -> list[E]:
    base = _by_id(f, t, "baseline")
    header, rows = t.read(f, "treatment")
    pid = rows[0][0]
    early = _shift(base[pid]["rr_dx_date"], -1)
    out = []
    for i, r in enumerate(rows, 1):
        if r[0] == pid:
            r[header.index("start_date")] = early
            out.append(
                E(
                    "treatment.csv",
                    i,
                    "start_date",
                    "event_before_origin",
                    early,
                    params={"ref_column": "baseline.rr_dx_date", "ref": base[pid]["rr_dx_date"]},
                )
            )
    t.write(f, "treatment", header, rows)
    return out


TIMELINE_CASES = [
    Case("cutoff_in_the_future", cutoff_in_future),
    Case("marrow_examination_after_death", exam_after_death),
    Case("two_cycle1_start_dates", two_cycle1_start_dates),
    Case("treatment_before_rr_diagnosis", start_before_rr),
]

CASES = [*CELL_CASES, *HEADER_CASES, *PARSE_CASES, *TIMELINE_CASES]


def test_the_corpus_is_large_and_its_ids_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)) >= 40


@pytest.mark.parametrize("case", [param(c) for c in CASES])
def test_contract_corpus(case: Case, data_copy: Path, csvtools: CsvTools) -> None:
    check_case(case, data_copy, csvtools)


# -- accepted: the same code in another Unicode form ---------------------------------------------
ACCEPTED = [
    (
        "nfd_hangul_code",
        "baseline",
        "sex",
        lambda r: r["sex"] == "M",
        "\u1102\u1161\u11b7",
        "sex",
        "M",
    ),
    ("fullwidth_letter_code", "baseline", "sex", lambda r: r["sex"] == "F", "\uff26", "sex", "F"),
    (
        "fullwidth_digits_number",
        "baseline",
        "height_cm",
        lambda r: r["height_cm"] == "125.0",
        "\uff11\uff12\uff15.\uff10",
        "height_cm",
        125.0,
    ),
    (
        "ideographic_spaces_around_a_code",
        "followup",
        "vital_status",
        lambda r: r["vital_status"] == "alive",
        "\u3000alive\u3000",
        "vital_status",
        "alive",
    ),
    (
        "fullwidth_date",
        "response",
        "exam_date",
        lambda r: r["exam_date"] != "",
        None,
        "exam_date",
        None,
    ),
]


@pytest.mark.parametrize(
    ("case", "file", "column", "pick", "text", "out_col", "want"),
    ACCEPTED,
    ids=[a[0] for a in ACCEPTED],
)
def test_accepted_unicode_forms(
    data_copy: Path, csvtools: CsvTools, case, file, column, pick, text, out_col, want
) -> None:
    import unicodedata

    import pandas as pd

    row = _first(data_copy, csvtools, file, pick)
    rec = csvtools.records(data_copy, file)[row - 1]
    pid = rec["patient_id"]
    if text is None:  # the row's own date in full-width digits and hyphens
        text = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() or c == "-" else c for c in rec[column])
        want = pd.Timestamp(rec[column])
        assert unicodedata.normalize("NFKC", text) == rec[column] != text
    csvtools.edit(data_copy, file, row, column, text)
    before = csvtools.digest(data_copy)
    cohort = load_cohort(data_copy)
    assert csvtools.digest(data_copy) == before
    assert cohort.patients.set_index("patient_id").at[pid, out_col] == want
