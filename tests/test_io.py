"""Encodings and formats: UTF-8, CP949, UTF-8 with BOM and .xlsx copies load identically."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
import yaml
from pandas.testing import assert_frame_equal

from rrall import load_cohort
from rrall.contract.read import read_table

from .conftest import CsvTools
from .helpers import DATA_FILES


def _text_frames(folder: Path) -> dict[str, pd.DataFrame]:
    """Every data file read as text (blank cell -> "")."""
    return {
        name.removesuffix(".csv"): pd.read_csv(
            folder / name, dtype=str, keep_default_na=False, na_filter=False
        )
        for name in DATA_FILES
    }


def _write_csvs(folder: Path, frames: dict[str, pd.DataFrame], encoding: str) -> None:
    for entity, frame in frames.items():
        (folder / f"{entity}.csv").write_bytes(
            frame.to_csv(index=False, lineterminator="\n").encode(encoding)
        )


def _assert_same_cohort(got, want) -> None:
    assert_frame_equal(got.patients, want.patients)
    assert_frame_equal(got.screening, want.screening)
    assert_frame_equal(got.agents, want.agents)
    assert got.cutoff == want.cutoff


@pytest.fixture
def reference(data_copy: Path):
    return load_cohort(data_copy)


@pytest.fixture
def other(tmp_path: Path, data_copy: Path) -> Path:
    """An empty sibling folder holding the codebook, for re-encoded copies of the data."""
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "codebook.yaml").write_bytes((data_copy / "codebook.yaml").read_bytes())
    return folder


# -- whole data set in other encodings / formats ---------------------------------------------
def test_cp949_csv(data_copy: Path, other: Path, reference) -> None:
    _write_csvs(other, _text_frames(data_copy), "cp949")
    _assert_same_cohort(load_cohort(other), reference)


def test_cp949_csv_with_korean_labels(data_copy: Path, other: Path, reference) -> None:
    """Korean labels in CP949 bytes map onto the same codes as the UTF-8 originals."""
    cb = yaml.safe_load((data_copy / "codebook.yaml").read_text(encoding="utf-8"))
    frames = _text_frames(data_copy)
    for entity, column, codes in (
        ("baseline", "sex", "sex"),
        ("baseline", "disease_status", "disease_status"),
        ("followup", "vital_status", "vital_status"),
        ("transplant", "reason_no_hsct", "reason_no_hsct"),
        ("treatment", "agent", "agent"),
    ):
        ko = {code: labels["ko"] for code, labels in cb["codes"][codes].items()}
        frames[entity][column] = frames[entity][column].map(lambda s, ko=ko: ko.get(s, s))
    _write_csvs(other, frames, "cp949")
    raw = read_table(other / "baseline.csv")
    assert raw.encoding == "cp949"
    assert set(raw.frame["sex"]) <= {"남", "여"}
    _assert_same_cohort(load_cohort(other), reference)


def test_utf8_bom_csv(data_copy: Path, other: Path, reference) -> None:
    _write_csvs(other, _text_frames(data_copy), "utf-8-sig")
    assert (other / "screening.csv").read_bytes().startswith(b"\xef\xbb\xbfpatient_id")
    _assert_same_cohort(load_cohort(other), reference)


def test_xlsx_text_cells(data_copy: Path, other: Path, reference) -> None:
    for entity, frame in _text_frames(data_copy).items():
        frame.to_excel(other / f"{entity}.xlsx", index=False, engine="openpyxl")
    cohort = load_cohort(other)
    assert set(cohort.sources.values()) == {f"{e.removesuffix('.csv')}.xlsx" for e in DATA_FILES}
    _assert_same_cohort(cohort, reference)


def test_xlsx_typed_cells(data_copy: Path, other: Path, reference) -> None:
    """Dates as real Excel dates and numbers as numeric cells, as a hospital export would have."""
    cb = yaml.safe_load((data_copy / "codebook.yaml").read_text(encoding="utf-8"))
    for entity, frame in _text_frames(data_copy).items():
        typed = frame.copy()
        for col, spec in cb["files"][entity]["columns"].items():
            blank = typed[col].eq("")
            if spec["type"] == "date":
                typed[col] = pd.to_datetime(typed[col].where(~blank), format="%Y-%m-%d")
            elif spec["type"] == "int":
                typed[col] = pd.to_numeric(typed[col].where(~blank)).astype("Int64")
            elif spec["type"] == "float":
                typed[col] = pd.to_numeric(typed[col].where(~blank)).astype("float64")
        typed.to_excel(other / f"{entity}.xlsx", index=False, engine="openpyxl")
    from openpyxl import load_workbook

    wb = load_workbook(other / "baseline.xlsx", read_only=True)
    first = next(wb.active.iter_rows(min_row=2, max_row=2, values_only=True))
    wb.close()
    assert hasattr(first[2], "year") and isinstance(first[4], float | int)  # really typed cells
    _assert_same_cohort(load_cohort(other), reference)


# -- read_table ------------------------------------------------------------------------------
def _snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    return path.read_bytes(), os.stat(path).st_mtime_ns, sorted(os.listdir(path.parent))


def test_read_table_strips_bom(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_bytes("patient_id,sex\nP001,남\n".encode("utf-8-sig"))
    t = read_table(p)
    assert t.encoding == "utf-8-sig"
    assert list(t.frame.columns) == ["patient_id", "sex"]
    assert t.frame.iloc[0].tolist() == ["P001", "남"]


def test_read_table_cp949_round_trip(tmp_path: Path) -> None:
    cells = [["P001", "질병의 지속", "관해유도 중 사망"], ["P002", "", "HLA 일치 형제"]]
    text = "patient_id,사유,비고\n" + "".join(",".join(r) + "\n" for r in cells)
    p = tmp_path / "t.csv"
    p.write_bytes(text.encode("cp949"))
    with pytest.raises(UnicodeDecodeError):
        p.read_bytes().decode("utf-8")  # really not UTF-8
    t = read_table(p)
    assert t.encoding == "cp949"
    assert list(t.frame.columns) == ["patient_id", "사유", "비고"]
    assert t.frame.values.tolist() == cells  # blank stays "", all text


def test_read_table_strips_header_whitespace(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_text(" patient_id ,\tsex ,  height_cm\nP001,M, 120.5 \n", encoding="utf-8")
    t = read_table(p)
    assert list(t.frame.columns) == ["patient_id", "sex", "height_cm"]
    assert t.frame.at[0, "height_cm"] == " 120.5 "  # cells are left as written
    x = tmp_path / "t.xlsx"
    pd.DataFrame({" patient_id ": ["P001"], "sex\t": ["M"]}).to_excel(
        x, index=False, engine="openpyxl"
    )
    assert list(read_table(x).frame.columns) == ["patient_id", "sex"]


def test_read_table_keeps_text(tmp_path: Path) -> None:
    """Leading zeros, NA-like words and numbers stay exactly as written."""
    p = tmp_path / "t.csv"
    p.write_text("patient_id,a,b,c\nP001,007,NA,1e3\nP002,,None,\n", encoding="utf-8")
    t = read_table(p)
    assert t.frame.values.tolist() == [["P001", "007", "NA", "1e3"], ["P002", "", "None", ""]]


@pytest.mark.parametrize("kind", ["utf-8", "utf-8-sig", "cp949", "xlsx"])
def test_read_table_never_writes(tmp_path: Path, kind: str) -> None:
    frame = pd.DataFrame({"patient_id": ["P001", "P002"], "sex": ["남", "여"]})
    if kind == "xlsx":
        p = tmp_path / "t.xlsx"
        frame.to_excel(p, index=False, engine="openpyxl")
    else:
        p = tmp_path / "t.csv"
        p.write_bytes(frame.to_csv(index=False).encode(kind))
    os.utime(p, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = _snapshot(p)
    t = read_table(p)
    assert t.frame["sex"].tolist() == ["남", "여"]
    assert _snapshot(p) == before


def test_load_cohort_never_writes(data_copy: Path, csvtools: CsvTools) -> None:
    stamps = {p.name: os.stat(p).st_mtime_ns for p in data_copy.iterdir()}
    before = csvtools.digest(data_copy)
    load_cohort(data_copy)
    assert csvtools.digest(data_copy) == before
    assert {p.name: os.stat(p).st_mtime_ns for p in data_copy.iterdir()} == stamps


def test_load_cohort_reads_an_unchanged_folder_once(data_copy: Path, tmp_path: Path) -> None:
    """Each chapter asks for the cohort: in one process an unchanged folder gives the same
    object back (and what was memoised for it); any change to one of its files loads anew."""
    first = load_cohort(data_copy)
    assert load_cohort(data_copy) is first
    assert load_cohort(str(data_copy) + "/") is first  # the same folder however it is named
    path = data_copy / "followup.csv"
    text = path.read_text(encoding="utf-8")
    # the same data with one more blank line at the end: the cohort is equal, but read again
    path.write_text(text + "\n", encoding="utf-8")
    again = load_cohort(data_copy)
    assert again is not first
    assert_frame_equal(again.patients, first.patients)
    # a changed value is seen
    header, *rows = text.splitlines()
    i = header.split(",").index("last_contact_date")
    cells = rows[0].split(",")
    old = pd.Timestamp(cells[i])
    cells[i] = (old - pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    path.write_text("\n".join([header, ",".join(cells), *rows[1:]]) + "\n", encoding="utf-8")
    changed = load_cohort(data_copy)
    pid = cells[header.split(",").index("patient_id")]
    row = changed.patients.set_index("patient_id").loc[pid]
    assert row["last_contact_date"] == old - pd.Timedelta(days=1)


def test_load_cohort_keeps_only_the_last_folders(data_copy: Path, tmp_path: Path) -> None:
    """The process keeps the last two folders' cohorts, not every cohort it ever loaded (the
    ensemble loads hundreds)."""
    from tests.helpers import copy_real_data

    first = load_cohort(data_copy)
    for k in range(2):
        load_cohort(copy_real_data(tmp_path / f"other{k}"))
    assert load_cohort(data_copy) is not first
