"""Read the study's tabular files as text, whatever encoding or format a hospital exports.

Files are only ever opened for reading. Every cell comes back as a string (empty
string for a blank cell) so that validation sees exactly what the file holds.

Two forms: :func:`read_table` gives a data frame of strings; :func:`read_text_columns` gives
each column *factorised* (row -> position of its text in the column's distinct texts), which
is what validation needs and costs far less memory for large files. Both hold the same text.

Large UTF-8 CSVs are tokenised by pyarrow, but only when pyarrow is certain to give the very
text pandas' parser gives: no quote character and no NUL byte in the file, at least two
columns, and every line with the header's number of fields (a whitespace-only line, which
pandas skips, then fails that test). Anything else - quoted cells, ragged rows, CP949, xlsx -
goes through pandas exactly as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

__all__ = [
    "ENCODINGS",
    "RawTable",
    "TextColumns",
    "find_entity_file",
    "read_table",
    "read_text_columns",
]

ENCODINGS: tuple[str, ...] = ("utf-8-sig", "cp949")
_EXTENSIONS: tuple[str, ...] = (".csv", ".xlsx")
_BOM = b"\xef\xbb\xbf"
_ARROW_MAX_COLUMNS = 256


@dataclass(frozen=True)
class RawTable:
    """A file read as text: its path, the encoding used and the cells as strings."""

    path: Path
    encoding: str
    frame: pd.DataFrame


@dataclass(frozen=True)
class TextColumns:
    """A file read as text, column by column.

    ``header[j]`` is the (stripped) name of column ``j``; row ``i`` of column ``j`` holds the
    text ``texts[j][codes[j][i]]``. ``texts[j]`` (an arrow string array, or a list for files
    read by pandas) holds each text of the column at least once; it may hold texts no row uses
    and the same text twice, and columns of several files may share one ``texts`` object.
    """

    path: Path
    encoding: str
    header: list[str]
    codes: list[np.ndarray]
    texts: list[pa.Array | list[str]]

    @property
    def n_rows(self) -> int:
        return len(self.codes[0]) if self.codes else 0


def find_entity_file(folder: Path, entity: str) -> Path | None:
    """The one file of ``entity`` in ``folder`` (``entity.csv`` or ``entity.xlsx``).

    Raises ``FileExistsError`` when both exist: which one holds the data would be ambiguous.
    """
    found = [
        folder / f"{entity}{ext}" for ext in _EXTENSIONS if (folder / f"{entity}{ext}").exists()
    ]
    if len(found) > 1:
        raise FileExistsError(", ".join(p.name for p in found))
    return found[0] if found else None


def read_table(path: Path) -> RawTable:
    """Read a CSV (UTF-8 with or without BOM, or CP949/EUC-KR) or an ``.xlsx`` sheet as text."""
    got = _read(path)
    if isinstance(got, RawTable):
        return got
    encoding, table = got
    header, codes, texts = _factorise_arrow(table)
    columns = {}
    for j, (c, t) in enumerate(zip(codes, texts, strict=True)):
        cells = np.empty(len(t), dtype=object)
        cells[:] = t.to_pylist() if isinstance(t, pa.Array) else t
        columns[j] = cells[c]
    frame = pd.DataFrame(columns)
    frame.columns = header
    return RawTable(path, encoding, frame)


def read_text_columns(
    paths: list[Path], shared: str | None = None
) -> list[TextColumns | Exception]:
    """Read several files as :class:`TextColumns` (or the exception that stopped a file).

    When ``shared`` is given, the column of that name in every file tokenised by pyarrow is
    factorised *jointly*: those columns share one ``texts`` array, so that the same text has
    the same code in every file (an identifier can then be matched across files as an integer).
    """
    read: list[RawTable | tuple[str, pa.Table] | Exception | None] = []
    for path in paths:
        try:
            read.append(_read(path))
        except Exception as exc:  # reported by the caller, file by file
            read.append(exc)
    tables = {k: got[1] for k, got in enumerate(read) if isinstance(got, tuple)}
    encodings = {k: got[0] for k, got in enumerate(read) if isinstance(got, tuple)}
    # the shared column of each arrow table (its header must name it exactly once)
    at: dict[int, int] = {}
    for k, table in tables.items():
        names = [str(v).strip() for v in table.slice(0, 1).to_pylist()[0].values()]
        if shared is not None and names.count(shared) == 1:
            at[k] = names.index(shared)
    joint: dict[int, tuple[np.ndarray, pa.Array]] = {}
    if at:
        parts = [tables[k].column(j) for k, j in at.items()]
        codes, texts = _encode(pa.chunked_array([c for p in parts for c in p.chunks], pa.string()))
        start = 0
        for k, p in zip(at, parts, strict=True):
            joint[k] = (codes[start : start + len(p)], texts)
            start += len(p)
    out: list[TextColumns | Exception] = []
    for k in range(len(read)):
        got, read[k] = read[k], None  # each arrow table is released once factorised
        if isinstance(got, Exception):
            out.append(got)
        elif isinstance(got, RawTable):
            out.append(_factorise_frame(got))
        elif got is not None:
            table = tables.pop(k)
            del got
            header, codes_, texts_ = _factorise_arrow(table, at.get(k), joint.get(k))
            del table
            out.append(TextColumns(paths[k], encodings[k], header, codes_, texts_))
    return out


def _encode(column: pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """(row -> code, distinct texts) of an arrow string column."""
    encoded = column.dictionary_encode()
    if encoded.num_chunks == 0:
        return np.empty(0, dtype=np.int32), pa.array([], pa.string())
    last = encoded.chunk(encoded.num_chunks - 1).dictionary
    if not all(ch.dictionary.equals(last) for ch in encoded.chunks):
        encoded = encoded.unify_dictionaries()
        last = encoded.chunk(0).dictionary
    codes = np.concatenate([ch.indices.to_numpy() for ch in encoded.chunks])
    return codes, last


def _read(path: Path) -> RawTable | tuple[str, pa.Table]:
    """A file as a :class:`RawTable` (pandas) or as (encoding, arrow table of its lines)."""
    if path.suffix.lower() == ".xlsx":
        frame = pd.read_excel(
            path, dtype=str, keep_default_na=False, engine="openpyxl", header=None
        )
        return RawTable(path, "xlsx", _first_row_header(frame.fillna("")))
    raw = path.read_bytes()
    for enc in ENCODINGS:
        if not (enc == "utf-8-sig" and raw.isascii()):
            try:
                raw.decode(enc)
            except UnicodeDecodeError:
                continue
        if enc == "utf-8-sig":
            table = _arrow_lines(raw[len(_BOM) :] if raw.startswith(_BOM) else raw)
            if table is not None:
                return enc, table
        frame = pd.read_csv(
            StringIO(raw.decode(enc)),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=True,
            header=None,
        )
        return RawTable(path, enc, _first_row_header(frame))
    raise UnicodeDecodeError("utf-8/cp949", raw[:1], 0, 1, "not UTF-8 or CP949")


def _arrow_lines(raw: bytes) -> pa.Table | None:
    """Every non-empty line of UTF-8 ``raw`` as a row of text cells (the header is row 0),
    or ``None`` when pandas might read the bytes differently (see the module docstring)."""
    if b'"' in raw or b"\x00" in raw:
        return None
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(raw),
            read_options=pa_csv.ReadOptions(autogenerate_column_names=True),
            parse_options=pa_csv.ParseOptions(quote_char=False, ignore_empty_lines=True),
            convert_options=pa_csv.ConvertOptions(
                column_types={f"f{j}": pa.string() for j in range(_ARROW_MAX_COLUMNS)},
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:  # ragged rows, a whitespace-only line, an empty file ...
        return None
    if not 2 <= table.num_columns <= _ARROW_MAX_COLUMNS:
        return None
    if any(t != pa.string() for t in table.schema.types):
        return None
    return table


def _factorise_arrow(
    table: pa.Table,
    shared_at: int | None = None,
    shared: tuple[np.ndarray, pa.Array] | None = None,
) -> tuple[list[str], list[np.ndarray], list[pa.Array | list[str]]]:
    """(stripped header, data-row codes, texts) of each column; row 0 is the header."""
    header: list[str] = []
    codes: list[np.ndarray] = []
    texts: list[pa.Array | list[str]] = []
    for j, column in enumerate(table.columns):
        c, t = shared if j == shared_at and shared is not None else _encode(column)
        header.append(str(t[int(c[0])].as_py()).strip())
        codes.append(c[1:])
        texts.append(t)
    return header, codes, texts


def _factorise_frame(table: RawTable) -> TextColumns:
    """:class:`TextColumns` of a frame read by pandas (cells that are not ``str`` become
    ``str(cell)``, e.g. the ``nan`` pandas puts in the missing cells of a short row)."""
    codes: list[np.ndarray] = []
    texts: list[pa.Array | list[str]] = []
    for j in range(table.frame.shape[1]):
        c, uniq = pd.factorize(table.frame.iloc[:, j].to_numpy(dtype=object), use_na_sentinel=False)
        codes.append(c)
        texts.append([u if type(u) is str else str(u) for u in uniq])
    header = [str(c) for c in table.frame.columns]
    return TextColumns(table.path, table.encoding, header, codes, texts)


def _first_row_header(frame: pd.DataFrame) -> pd.DataFrame:
    """Use the first row as the header, keeping repeated names as they are (not ``x.1``)."""
    if frame.empty:
        return frame
    header = [str(c) for c in frame.iloc[0]]
    body = frame.iloc[1:].copy()
    body.columns = header
    return _clean_header(body)


def _clean_header(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.reset_index(drop=True)
