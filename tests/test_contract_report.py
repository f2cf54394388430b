"""The report of violations: once each, in file and row order, capped, masked; the command
line around it; what a value may look like in it."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from rrall.__main__ import main
from rrall.cohort import load_cohort
from rrall.contract import DataValidationError, Violation, validate_folder
from rrall.contract.guard import mask_all, safe_name, shown
from rrall.contract.report import CAP, Collector

from .conftest import CsvTools


# -- masking --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("X", "'X'"),
        ("2010-13-01", "'2010-13-01'"),  # a date stays readable
        ("150.5", "'150.5'"),
        ("14,3", "'14,3'"),
        ("20100213", "'••••••••'"),  # six or more digits in a row
        ("1234 5678", "'•••• ••••'"),  # a group of eight digits
        ("1234567.5", "'•••••••.•'"),  # no decimal hides a long run
        ("id 12-34-56 x", "'id ••-••-•• x'"),
        ("\uff11\uff12\uff13\uff14\uff15\uff16", "'••••••'"),  # full-width digits too
        ("a" * 50, repr("a" * 40 + "\u2026")),
    ],
)
def test_a_value_is_shown_masked(text: str, want: str) -> None:
    assert shown(text) == want


def test_an_identifier_column_value_is_masked_whole() -> None:
    assert mask_all("홍길동") == "'•••'"
    assert mask_all("12345678901234") == "'••••••••'"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("patient_id", True),
        ("comment", True),
        ("birth_date", True),
        ("col_12", True),
        ("비고", False),
        ("성별", True),  # a label of the codebook
        ("note 2017", False),  # a space: not a token
        ("id1234", False),  # four digits in a row
        ("Kim_Chulsoo", False),  # a name
        ("x" * 40, False),
    ],
)
def test_which_column_names_may_be_printed(name: str, safe: bool) -> None:
    assert safe_name(name, {"patient_id", "성별"}) is safe


# -- once each, in order, capped ------------------------------------------------------------------
def test_one_violation_per_cell_the_first_rule_wins() -> None:
    out = Collector(("a",))
    out.register(
        "a", n_rows=5, positions={"x": 1, "y": 2}, safe={"x": True, "y": True}, line_of=None
    )
    out.cells("a", "x", [1, 3], "not_number")
    kept = out.cells("a", "x", [0, 1, 3], "below_min", min=0)
    assert kept.tolist() == [0]
    assert not out.clean("a", "x")[[0, 1, 3]].any() and out.clean("a", "y").all()
    err = out.error()
    assert [(v.row, v.rule) for v in err.violations] == [
        (1, "below_min"),
        (2, "not_number"),
        (4, "not_number"),
    ]


def test_violations_come_in_file_then_row_then_column_order() -> None:
    out = Collector(("a", "b"))
    for e in ("a", "b"):
        out.register(
            e, n_rows=10, positions={"x": 1, "y": 2}, safe={"x": True, "y": True}, line_of=None
        )
    out.cells("b", "x", [0], "not_number")
    out.cells("a", "y", [5, 2], "not_number")
    out.cells("a", "x", [5], "below_min", min=1)
    out.problem("b", "column_unknown", column="z", position=3)
    out.problem(None, "no_data_files", files="a.csv")
    got = [(v.file, v.row, v.column, v.rule) for v in out.error().violations]
    assert got == [
        (None, None, None, "no_data_files"),
        ("a.csv", 3, "y", "not_number"),
        ("a.csv", 6, "x", "below_min"),
        ("a.csv", 6, "y", "not_number"),
        ("b.csv", None, "z", "column_unknown"),
        ("b.csv", 1, "x", "not_number"),
    ]


def test_a_flood_of_bad_rows_is_capped_and_counted(data_copy: Path, csvtools: CsvTools) -> None:
    """Every row of a 100,000-row file broken: the report shows 200 per language and counts
    the rest per rule; it stays small and fast."""
    header, rows = csvtools.read(data_copy, "treatment")
    template = rows[0]
    k = header.index("steroid")
    n = 100_000
    bad = [[*template[:k], "maybe", *template[k + 1 :]] for _ in range(n)]
    csvtools.write(data_copy, "treatment", header, bad)
    start = time.perf_counter()
    with pytest.raises(DataValidationError) as info:
        validate_folder(data_copy)
    elapsed = time.perf_counter() - start
    err = info.value
    assert err.counts["bad_code"] == n
    assert err.total == sum(err.counts.values())
    assert len(err.violations) <= 1000
    report = err.report()
    assert report.count("\n  - ") == 2 * CAP
    assert f"처음 {CAP}건만 보인다" in report and f"Showing the first {CAP}" in report
    assert re.search(rf"^    bad_code: {n}$", report, re.M)
    assert len(report.encode("utf-8")) < 200_000
    rows_shown = [
        v.row for v in err.violations if v.file == "treatment.csv" and v.rule == "bad_code"
    ]
    assert rows_shown == sorted(rows_shown)
    assert elapsed < 30


def test_report_in_one_language(data_copy: Path, csvtools: CsvTools) -> None:
    csvtools.edit(data_copy, "baseline", 1, "sex", "X")
    with pytest.raises(DataValidationError) as info:
        validate_folder(data_copy)
    en = info.value.report("en")
    assert en.startswith("Data validation failed: 1 problem(s)") and "자료" not in en
    ko = info.value.report("ko")
    assert ko.startswith("자료 검증 실패: 문제 1건") and "Data validation" not in ko


def test_violation_message_parts() -> None:
    v = Violation("b.csv", 3, None, None, "identifier_phone", (), 4, 7, True)
    assert v.message("en") == (
        "file b.csv, row 3 (line 4), column 7, value withheld (possible identifier): "
        "value looks like a telephone number [identifier_phone]"
    )
    assert v.message("ko") == (
        "파일 b.csv, 3행(4번째 줄), 7번째 열, 값은 식별자일 수 있어 보이지 않는다: "
        "전화번호로 보이는 값이다 [identifier_phone]"
    )


# -- the command line -----------------------------------------------------------------------------
def test_validate_ok_prints_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    got = capsys.readouterr()
    assert got.err == ""
    [line] = got.out.splitlines()
    assert line.startswith("자료 검증 통과: 선별 ") and " / data OK: " in line
    cohort = load_cohort()
    counts = [len(cohort.screening), len(cohort.patients), len(cohort.analysed)]
    assert [int(n) for n in re.findall(r"\d+", line.split(" / data OK: ")[1])[:3]] == counts


def test_validate_failure_prints_the_report_to_stderr(
    data_copy: Path, csvtools: CsvTools, capsys: pytest.CaptureFixture[str]
) -> None:
    csvtools.edit(data_copy, "baseline", 2, "cytogenetics", "900101-1234567")
    assert main(["validate", str(data_copy)]) == 1
    got = capsys.readouterr()
    assert got.out == ""
    assert got.err.startswith("자료 검증 실패") and "Data validation failed" in got.err
    assert "[identifier_rrn]" in got.err and "1234567" not in got.err
    assert "Traceback" not in got.err


def test_validate_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert "[folder_missing]" in err and err.count("[folder_missing]") == 2  # ko and en
    assert "nowhere" not in err  # a path may hold a name: not printed


def test_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "사용법" in err and "usage: python -m rrall validate" in err
