"""Reading: a study's files as text, whatever a hospital exports, without ever writing them.

Each file of the contract is ``<entity>.csv`` or ``<entity>.xlsx`` (the name's case does not
matter). A CSV is UTF-8 (with or without BOM) or CP949/EUC-KR, comma-separated, with the header
on its first line; an xlsx workbook has one sheet, or names its data sheet after the file.
Every problem that stops a file from being read becomes a violation with its line, never a
traceback: no bytes or only blanks, bytes of another encoding (UTF-16, or neither UTF-8 nor
CP949), another delimiter, lines above the header, rows with another number of fields than the
header, a workbook that cannot be opened or whose data sheet is not named.

The result, :class:`Sheet`, holds the header cells and each column's cells as text (an arrow
string array), and maps data rows to physical lines (or sheet rows) for the report. Nothing
read here is printed: the caller decides what is safe to show.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from rrall.contract.guard import normalise
from rrall.contract.report import Collector

__all__ = ["EXTENSIONS", "RawTable", "Sheet", "locate", "read_entity", "read_table"]

EXTENSIONS: tuple[str, ...] = (".csv", ".xlsx")
_BOM = b"\xef\xbb\xbf"
_HEAD_BYTES = 1 << 16
_HEAD_LINES = 10
_OTHER_DELIMITERS = ((";", "';'"), ("\t", "tab"), ("|", "'|'"))


@dataclass
class Sheet:
    """A file read as text: the header's cells and physical line, and one arrow string array
    per column (``columns[j]`` under ``header[j]``); ``encoding`` is ``utf-8``, ``cp949`` or
    ``xlsx``."""

    file: str
    header: list[str]
    header_line: int
    columns: list[pa.ChunkedArray]
    n_rows: int
    line_of: Callable[[np.ndarray], np.ndarray]
    encoding: str = "utf-8"


@dataclass(frozen=True)
class RawTable:
    """A file read as text for a look at it: its encoding and its cells as a frame of strings
    (blank cells ``""``), under its first line as the header."""

    path: Path
    encoding: str
    frame: pd.DataFrame


def read_table(path: Path) -> RawTable:
    """Read any CSV (UTF-8 with or without BOM, CP949) or xlsx file as text, its first line as
    the header; raise ``ValueError`` naming the rule when it cannot be read."""
    out = Collector(("table",))
    no_check: Callable[[str, int], str | None] = lambda text, line: None  # noqa: E731
    reader = _read_xlsx if path.suffix.lower() == ".xlsx" else _read_csv
    sheet = reader(path, "table", None, out, no_check)
    if sheet is None:
        raise ValueError(", ".join(sorted(out.counts())))
    frame = pd.DataFrame(
        {j: np.asarray(c.to_numpy(), dtype=object) for j, c in enumerate(sheet.columns)}
    )
    frame.columns = sheet.header
    return RawTable(path, sheet.encoding, frame)


def locate(folder: Path, entity: str) -> list[Path]:
    """The files of ``entity`` in ``folder`` (``entity.csv`` / ``entity.xlsx``, any case)."""
    wanted = {f"{entity}{ext}" for ext in EXTENSIONS}
    return sorted(p for p in folder.iterdir() if p.name.lower() in wanted and p.is_file())


def read_entity(
    path: Path,
    entity: str,
    names: Iterable[str],
    out: Collector,
    *,
    title_check: Callable[[str, int], str | None],
) -> Sheet | None:
    """Read ``path``; problems go to ``out`` and give ``None``. ``names``: the codebook's
    columns of ``entity`` (to find the header); ``title_check(text, line)``: the identifier
    rule a line above the header breaks, if any."""
    known = {normalise(n) for n in names}
    try:
        if path.suffix.lower() == ".xlsx":
            return _read_xlsx(path, entity, known, out, title_check)
        return _read_csv(path, entity, known, out, title_check)
    except (OSError, ValueError, KeyError, IndexError, EOFError, pa.ArrowException):
        out.problem(entity, "file_unreadable")
        return None


# ---- the header ------------------------------------------------------------------------------
def _find_header(
    rows: list[tuple[int, list[str]]],
    entity: str,
    known: set[str] | None,
    out: Collector,
    title_check: Callable[[str, int], str | None],
) -> int | None:
    """Index in ``rows`` (the first non-blank lines as (line, cells)) of the header, or
    ``None`` after reporting why there is none; with ``known`` None, the first line."""
    if known is None:
        return 0 if rows else None

    def is_header(cells: list[str]) -> bool:
        return any(normalise(c) in known for c in cells)

    for k, (line, cells) in enumerate(rows):
        if is_header(cells):
            if k > 0:
                for above_line, above in rows[:k]:
                    rule = title_check(" ".join(above), above_line)
                    if rule is not None:
                        out.problem(entity, rule, line=above_line, withheld=True)
                out.problem(entity, "header_not_first", line=line, n=line - 1)
                return None
            return k
        if len(cells) == 1 and k == 0:
            for sep, shown in _OTHER_DELIMITERS:
                if sep in cells[0] and is_header(cells[0].split(sep)):
                    out.problem(entity, "wrong_delimiter", line=line, delimiter=shown)
                    return None
    if rows:
        rule = title_check(" ".join(rows[0][1]), rows[0][0])
        if rule is not None:
            out.problem(entity, rule, line=rows[0][0], withheld=True)
    out.problem(entity, "header_not_found", line=rows[0][0] if rows else None)
    return None


# ---- CSV -------------------------------------------------------------------------------------
_CONTENT = re.compile(rb"\S")
_EOL = re.compile(rb"\r\n|\r|\n")


def _bad_line(data: bytes) -> int:
    """The line of the first byte that is neither UTF-8 nor CP949 (the later of the two)."""
    at = 0
    for enc in ("utf-8", "cp949"):
        try:
            data.decode(enc)
        except UnicodeDecodeError as exc:
            at = max(at, exc.start)
    return data.count(b"\n", 0, at) + 1


def _ragged(out: Collector, entity: str, lines: list[int], found: list[int], ncols: int) -> None:
    """Report rows whose number of cells (``found``, one per line) is not the header's."""
    found_of = dict(zip(lines, found, strict=True))
    out.lines(
        entity,
        np.asarray(lines, dtype=np.int64),
        "ragged_row",
        params_at=lambda line: {"found": found_of[line], "expected": ncols},
    )


def _records(text: str, first_line: int = 1) -> Iterable[tuple[int, list[str]]]:
    """(physical line where it starts, cells) of every non-blank record of CSV ``text``
    (a record with every cell empty is blank too, as the reader drops it)."""
    reader = csv.reader(io.StringIO(text, newline=None))
    end = first_line - 1
    for rec in reader:
        start = end + 1
        end = first_line - 1 + reader.line_num
        if not any(c.strip() if len(rec) == 1 else c for c in rec):
            continue
        yield start, rec


def _head_rows(data: bytes) -> tuple[list[tuple[int, list[str]]], list[int]]:
    """The first non-blank records of ``data`` as (line, cells), and the line each ends on."""
    head = data[:_HEAD_BYTES]
    if len(data) > _HEAD_BYTES and b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]
    reader = csv.reader(io.StringIO(head.decode("utf-8", errors="replace"), newline=None))
    rows: list[tuple[int, list[str]]] = []
    ends: list[int] = []
    end = 0
    try:
        for rec in reader:
            start, end = end + 1, reader.line_num
            if rec and not (len(rec) == 1 and not rec[0].strip()):
                rows.append((start, rec))
                ends.append(end)
            if len(rows) >= _HEAD_LINES:
                break
    except csv.Error:
        pass
    return rows, ends


def _read_csv(
    path: Path,
    entity: str,
    known: set[str] | None,
    out: Collector,
    title_check: Callable[[str, int], str | None],
) -> Sheet | None:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        out.problem(entity, "file_utf16")
        return None
    encoding = "utf-8"
    if data.startswith(_BOM):
        data, encoding = data[len(_BOM) :], "utf-8-sig"
    if _CONTENT.search(data) is None:
        out.problem(entity, "file_empty")
        return None
    try:
        data[:_HEAD_BYTES].decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < min(len(data), _HEAD_BYTES) - 4:  # not a character cut at the end
            encoding = "cp949"
    while True:
        if encoding == "cp949":
            try:
                data = data.decode("cp949").encode("utf-8")
            except UnicodeDecodeError:
                out.problem(entity, "file_encoding", line=_bad_line(data))
                return None
        try:
            return _parse_csv(data, path, entity, known, out, title_check, encoding)
        except pa.ArrowInvalid as exc:
            if "UTF8" not in str(exc) or encoding == "cp949":
                raise
            encoding = "cp949"


def _parse_csv(
    data: bytes,
    path: Path,
    entity: str,
    known: set[str] | None,
    out: Collector,
    title_check: Callable[[str, int], str | None],
    encoding: str,
) -> Sheet | None:
    """Tokenise UTF-8 ``data`` (arrow), its header found among the first lines."""
    rows, ends = _head_rows(data)
    k = _find_header(rows, entity, known, out, title_check)
    if k is None:
        return None
    header_line, header = rows[k][0], [c.strip() for c in rows[k][1]]
    offset = 0
    seen = 0
    for m in _EOL.finditer(data):
        offset, seen = m.end(), seen + 1
        if seen == ends[k]:
            break
    else:
        offset = len(data)  # the header is the last line
    first_data_line = ends[k] + 1
    if _CONTENT.search(data, offset) is None:
        out.problem(entity, "no_data_rows", line=header_line)
        return None
    body = memoryview(data)[offset:]
    ncols = len(header)
    quoted = data.find(b'"', offset) >= 0
    blank_rows = 0
    ragged = 0

    def on_invalid(row: pa_csv.InvalidRow) -> str:
        nonlocal blank_rows, ragged
        if not row.text.strip():
            blank_rows += 1
        else:
            ragged += 1
        return "skip"

    table = pa_csv.read_csv(
        pa.py_buffer(body),
        read_options=pa_csv.ReadOptions(column_names=[f"f{j}" for j in range(ncols)]),
        parse_options=pa_csv.ParseOptions(
            newlines_in_values=quoted,
            ignore_empty_lines=False,  # an empty line is a row of empty cells, dropped below
            invalid_row_handler=on_invalid,
        ),
        convert_options=pa_csv.ConvertOptions(
            column_types={f"f{j}": pa.string() for j in range(ncols)},
            null_values=[],
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
            check_utf8=True,
        ),
    )
    if ragged:
        lines, found = [], []
        for line, rec in _records(bytes(body).decode("utf-8"), first_data_line):
            if len(rec) != ncols:
                lines.append(line)
                found.append(len(rec))
        _ragged(out, entity, lines, found, ncols)
        return None
    # rows with every cell empty (blank lines, or ",,,,") are no data
    kept: np.ndarray | None = None
    empty = pc.equal(pc.utf8_length(table.column(0)), 0) if ncols else None
    if empty is not None and pc.any(empty).as_py():  # then the other columns, where needed
        for col in table.columns[1:]:
            empty = pc.and_(empty, pc.equal(pc.utf8_length(col), 0))
    if empty is not None and pc.any(empty).as_py():
        keep = pc.invert(empty)
        kept = np.flatnonzero(np.asarray(keep.to_numpy(zero_copy_only=False), dtype=bool))
        table = table.filter(keep)
    columns = list(table.columns)
    n_rows = table.num_rows
    del table
    if n_rows == 0:
        out.problem(entity, "no_data_rows", line=header_line)
        return None
    line_of: Callable[[np.ndarray], np.ndarray]
    if quoted or blank_rows:
        line_of = _LazyLines(body, first_data_line)
    elif kept is None:

        def line_of(rows_: np.ndarray) -> np.ndarray:
            return rows_ + first_data_line

    else:
        kept_ = kept

        def line_of(rows_: np.ndarray) -> np.ndarray:
            return kept_[rows_] + first_data_line

    return Sheet(path.name, header, header_line, columns, n_rows, line_of, encoding)


class _LazyLines:
    """Data row -> physical line for files with quoted line breaks or blank lines (read with
    the csv module the first time a line is asked for)."""

    def __init__(self, body: memoryview, first_line: int) -> None:
        self._body: memoryview | None = body
        self._first = first_line
        self._lines: np.ndarray | None = None

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        if self._lines is None:
            assert self._body is not None
            self._lines = np.fromiter(
                (line for line, _ in _records(bytes(self._body).decode("utf-8"), self._first)),
                dtype=np.int64,
            )
            self._body = None
        return self._lines[rows]


# ---- xlsx ------------------------------------------------------------------------------------
def _cell_text(v: object) -> str:
    import datetime as dt

    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, dt.datetime):
        if v.time() == dt.time(0):
            return v.date().isoformat()
        return v.isoformat(sep=" ")
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, float):
        return repr(v)
    return str(v)


def _read_xlsx(
    path: Path,
    entity: str,
    known: set[str] | None,
    out: Collector,
    title_check: Callable[[str, int], str | None],
) -> Sheet | None:
    import zipfile

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError, EOFError):
        out.problem(entity, "file_unreadable")
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _read_sheet(wb, path, entity, known, out, title_check)
    finally:
        wb.close()


def _rows(ws: object) -> Iterable[tuple[int, list[str]]]:
    """(sheet row, cells as text) of every row with a non-blank cell."""
    for line, values in enumerate(ws.iter_rows(values_only=True), start=1):  # type: ignore[attr-defined]
        cells = [_cell_text(v) for v in values]
        if any(c.strip() for c in cells):
            yield line, cells


def _read_sheet(
    wb: object,
    path: Path,
    entity: str,
    known: set[str] | None,
    out: Collector,
    title_check: Callable[[str, int], str | None],
) -> Sheet | None:
    sheets = [ws for ws in wb.worksheets if next(iter(_rows(ws)), None) is not None]  # type: ignore[attr-defined]
    if not sheets:
        out.problem(entity, "file_empty")
        return None
    if len(sheets) > 1:
        named = [ws for ws in sheets if normalise(str(ws.title)).casefold() == entity]
        if len(named) != 1:
            out.problem(entity, "sheet_ambiguous", n=len(sheets), entity=entity)
            return None
        sheets = named
    it = iter(_rows(sheets[0]))
    rows: list[tuple[int, list[str]]] = []
    for got in it:
        rows.append(got)
        if len(rows) >= _HEAD_LINES:
            break
    k = _find_header(rows, entity, known, out, title_check)
    if k is None:
        return None
    header_line, header = rows[k][0], rows[k][1]
    while header and not header[-1].strip():
        header = header[:-1]
    header = [c.strip() for c in header]
    ncols = len(header)
    body = [*rows[k + 1 :], *it]
    lines = np.array([line for line, _ in body], dtype=np.int64)
    cells: list[list[str]] = [[] for _ in range(ncols)]
    bad_lines, found = [], []
    for line, row in body:
        width = max((j + 1 for j, c in enumerate(row) if c.strip()), default=0)
        if width > ncols:
            bad_lines.append(line)
            found.append(width)
            continue
        for j in range(ncols):
            cells[j].append(row[j] if j < len(row) else "")
    if bad_lines:
        _ragged(out, entity, bad_lines, found, ncols)
        return None
    if len(lines) == 0:
        out.problem(entity, "no_data_rows", line=header_line)
        return None
    columns = [pa.chunked_array([pa.array(c, pa.string())]) for c in cells]
    return Sheet(path.name, header, header_line, columns, len(lines), lambda r: lines[r], "xlsx")
