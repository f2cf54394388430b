"""Read the study's tabular files as text, whatever encoding or format a hospital exports.

Files are only ever opened for reading. Every cell comes back as a string (empty
string for a blank cell) so that validation sees exactly what the file holds.

Two forms: :func:`read_table` gives a data frame of strings; :func:`read_text_columns` gives
each column *factorised* (row -> position of its text in the column's distinct texts), which
is what validation needs and costs far less memory for large files. Both hold the same text.

UTF-8 CSVs are tokenised by pyarrow, but only when pyarrow is certain to give the very text
pandas' parser gives: no quote character and no NUL byte in the file, at least two columns,
every line with the header's number of fields (a whitespace-only line, which pandas skips,
then fails that test) and every cell valid UTF-8 (arrow checks it as strictly as Python's
decoder). Anything else - quoted cells, ragged rows, CP949, xlsx - goes through pandas exactly
as before.
"""

from __future__ import annotations

import functools
import itertools
import os
from concurrent.futures import ThreadPoolExecutor
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
    columns = {}
    header = []
    for j, column in enumerate(table.columns):
        name, codes, texts = _encode_with_header(column)
        cells = np.empty(len(texts), dtype=object)
        cells[:] = texts.to_pylist()
        columns[j] = cells[codes]
        header.append(name.strip())
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
    out: list[TextColumns | Exception] = []
    shared_rows: dict[int, pa.ChunkedArray] = {}  # file -> data rows of its shared column
    shared_at: dict[int, int] = {}
    # one file at a time (its arrow table goes before the next is read), its columns encoded
    # on all cores (arrow frees the GIL); row 0 of a column is its header
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for k, path in enumerate(paths):
            try:
                got = _read(path)
            except Exception as exc:  # reported by the caller, file by file
                out.append(exc)
                continue
            if isinstance(got, RawTable):
                out.append(_factorise_frame(got))
                continue
            encoding, table = got
            del got
            names = [str(v).strip() for v in table.slice(0, 1).to_pylist()[0].values()]
            if shared is not None and names.count(shared) == 1:
                shared_at[k] = names.index(shared)
                shared_rows[k] = table.column(shared_at[k]).slice(1)
            jobs = [
                pool.submit(_encode_with_header, column)
                for j, column in enumerate(table.columns)
                if j != shared_at.get(k)
            ]
            del table
            columns = [job.result() for job in jobs]
            if k in shared_at:  # filled in below
                columns.insert(shared_at[k], (shared or "", np.empty(0, np.int32), pa.array([])))
            header = [h.strip() for h, _, _ in columns]
            codes = [c for _, c, _ in columns]
            texts: list[pa.Array | list[str]] = [t for _, _, t in columns]
            out.append(TextColumns(path, encoding, header, codes, texts))
    if shared_rows:
        joint_codes, joint_texts = _encode_joint(list(shared_rows.values()))
        for k, codes_k in zip(shared_rows, joint_codes, strict=True):
            got_k = out[k]
            assert isinstance(got_k, TextColumns)
            got_k.codes[shared_at[k]] = codes_k
            got_k.texts[shared_at[k]] = joint_texts
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
    # arrow checks that every cell is UTF-8 (as strictly as Python's decoder): when it reads
    # the file, the file is UTF-8
    table = _arrow_lines(raw[len(_BOM) :] if raw.startswith(_BOM) else raw)
    if table is not None:
        return "utf-8-sig", table
    for enc in ENCODINGS:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        frame = pd.read_csv(
            StringIO(text),
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
                check_utf8=True,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowException:  # ragged rows, a whitespace-only line, not UTF-8, empty ...
        return None
    if not 2 <= table.num_columns <= _ARROW_MAX_COLUMNS:
        return None
    if any(t != pa.string() for t in table.schema.types):
        return None
    return table


def _packed(column: pa.ChunkedArray) -> tuple[np.ndarray, int] | None:
    """Each text of ``column`` as a 64-bit integer whose order is the texts' byte order, and
    the texts' length, when all texts have one length of 1 to 8 bytes; else ``None``."""
    if column.null_count or len(column) == 0:
        return None
    widths = set()
    pieces = []
    for chunk in column.chunks:
        if len(chunk) == 0:
            continue
        start = chunk.offset
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int32)[start : start + len(chunk) + 1]
        width = int(offsets[1] - offsets[0])
        if not 1 <= width <= 8 or int(offsets[-1] - offsets[0]) != width * len(chunk):
            return None
        if np.any(np.diff(offsets) != width):
            return None
        data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
        if width < 8:
            padded = np.zeros((len(chunk), 8), dtype=np.uint8)
            padded[:, :width] = data.reshape(-1, width)
            data = padded.ravel()
        pieces.append(data.view(">u8"))
        widths.add(width)
    if len(widths) != 1:
        return None
    return np.concatenate(pieces).astype(np.uint64), widths.pop()


def _positions(uniques: np.ndarray, keys: np.ndarray) -> np.ndarray:
    return np.searchsorted(uniques, keys).astype(np.int32)


def _encode_joint(parts: list[pa.ChunkedArray]) -> tuple[list[np.ndarray], pa.Array]:
    """:func:`_encode` of several columns at once: (row -> code of each column, texts).

    Identifiers exported in sorted order are the common case: when every column holds texts
    of one length (up to 8 bytes) in non-decreasing order, the codes come from merging the
    sorted columns instead of hashing every row.
    """
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # numpy frees the GIL
        packed = list(pool.map(_packed, parts))
    widths = {p[1] for p in packed if p is not None}
    if (
        packed
        and all(p is not None and bool(np.all(p[0][1:] >= p[0][:-1])) for p in packed)
        and len(widths) == 1
    ):
        keys = [p[0] for p in packed if p is not None]
        width = widths.pop()
        merged = np.sort(np.concatenate(keys), kind="stable")  # merges the sorted runs
        uniques = merged[np.concatenate(([True], merged[1:] != merged[:-1]))]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            codes = list(pool.map(functools.partial(_positions, uniques), keys))
        text = np.ascontiguousarray(uniques.astype(">u8").view(np.uint8).reshape(-1, 8)[:, :width])
        offsets = np.arange(len(uniques) + 1, dtype=np.int32) * width
        texts = pa.Array.from_buffers(
            pa.string(), len(uniques), [None, pa.py_buffer(offsets), pa.py_buffer(text)]
        )
        return codes, texts
    all_codes, texts = _encode(pa.chunked_array([c for p in parts for c in p.chunks], pa.string()))
    bounds = np.cumsum([0, *(len(p) for p in parts)])
    return [all_codes[a:b] for a, b in itertools.pairwise(bounds)], texts


def _encode_with_header(column: pa.ChunkedArray) -> tuple[str, np.ndarray, pa.Array]:
    """(row 0's text, codes of the other rows, distinct texts) of an arrow string column."""
    codes, texts = _encode(column)
    return texts[int(codes[0])].as_py(), codes[1:], texts


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
