"""Parsing: the text of a cell into the value its column's type calls for.

A column is parsed once per *distinct* text (``Texts``: the column's dictionary), with arrow
doing the work for all of them at once; rows take their text's result by index. The same code
runs for ten rows and for ten million.

Every text is first normalised: Unicode NFKC (full-width digits and letters, NFD Hangul as
macOS writes it) and surrounding blanks removed. Then, by type:

- blank (``""``, ``NA``, ``N/A``, ``NaN``, ``None``, ``NULL``, ``-``, any case): no value;
- ``id``: the text itself; ``code``: the code whose code, Korean or English label it is
  (case and inner runs of blanks do not matter); ``codes``: several of those separated by
  ``;`` or ``,``, stored sorted and ``;``-joined;
- ``int``: ``[+-]digits`` (``.0`` allowed); ``float``: a decimal number, exponent allowed;
- ``date``: ``YYYY-MM-DD`` (or ``/`` ``.``; a midnight time allowed, as spreadsheets add),
  a real calendar day, between :data:`DATE_MIN` and :data:`DATE_MAX`.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from rrall.contract.guard import normalise_array

__all__ = [
    "BLANK",
    "BLANKS",
    "DATE_MAX",
    "DATE_MIN",
    "FAILED",
    "OK",
    "OUT_OF_RANGE",
    "Column",
    "Parsed",
    "Table",
    "Texts",
    "code_lookup",
    "encode",
    "encode_joint",
    "parse_texts",
    "rows_series",
]

BLANKS: tuple[str, ...] = ("", "NA", "N/A", "NAN", "NONE", "NULL", "-")
#: the dates a cell may hold (outside: ``date_out_of_range``)
DATE_MIN, DATE_MAX = "1900-01-01", "2099-12-31"

# status of a distinct text
OK, BLANK, FAILED, OUT_OF_RANGE = 0, 1, 2, 3

_INT = r"^[+-]?[0-9]+(?:\.0*)?$"
_FLOAT = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
_DATE = (
    r"^(?P<y>[0-9]{4})[-./](?P<m>[0-9]{1,2})[-./](?P<d>[0-9]{1,2})"
    r"(?:[ T]00:00(?::00(?:\.0+)?)?)?$"
)


@dataclass
class Texts:
    """The distinct texts of a column: ``raw`` as written, ``norm`` normalised."""

    raw: pa.Array
    _norm: pa.Array | None = None
    cache: dict[object, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.raw)

    @property
    def norm(self) -> pa.Array:
        if self._norm is None:
            self._norm = normalise_array(self.raw)
        return self._norm

    def raw_at(self, k: int) -> str:
        return str(self.raw[k].as_py())

    def norm_at(self, k: int) -> str:
        return str(self.norm[k].as_py())


_UNIFY_MAX = 20_000


def encode(column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, Texts]:
    """(row -> index of its text, the distinct texts) of a string column."""
    if isinstance(column, pa.ChunkedArray):
        if column.num_chunks == 0:
            return np.empty(0, np.int32), Texts(pa.array([], pa.string()))
        enc = column.dictionary_encode()
        if enc.num_chunks > 1:
            if sum(len(ch.dictionary) for ch in enc.chunks) > _UNIFY_MAX:
                # many distinct texts: one hash table beats unifying one per chunk
                return encode(column.combine_chunks())
            enc = enc.unify_dictionaries()
        dictionary = enc.chunk(0).dictionary
        codes = np.concatenate(
            [np.asarray(ch.indices.to_numpy(zero_copy_only=False)) for ch in enc.chunks]
        )
    else:
        one = column.dictionary_encode()
        dictionary = one.dictionary
        codes = np.asarray(one.indices.to_numpy(zero_copy_only=False))
    return codes.astype(np.int32, copy=False), Texts(dictionary)


def _packed(column: pa.ChunkedArray) -> tuple[np.ndarray, int] | None:
    """Each text of ``column`` as a 64-bit integer ordered as the texts' bytes, and their
    length, when every text has one length of 1 to 8 bytes; else ``None``."""
    width = None
    pieces = []
    for chunk in column.chunks:
        if len(chunk) == 0:
            continue
        if chunk.null_count:
            return None
        start = chunk.offset
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int32)[start : start + len(chunk) + 1]
        w = int(offsets[1] - offsets[0])
        if not 1 <= w <= 8 or (width is not None and w != width):
            return None
        if int(offsets[-1] - offsets[0]) != w * len(chunk) or np.any(np.diff(offsets) != w):
            return None
        width = w
        data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
        if w < 8:
            padded = np.zeros((len(chunk), 8), dtype=np.uint8)
            padded[:, :w] = data.reshape(-1, w)
            data = padded.ravel()
        pieces.append(data.view(">u8").astype(np.uint64))
    if width is None:
        return None
    return np.concatenate(pieces), width


def encode_joint(parts: list[pa.ChunkedArray]) -> tuple[list[np.ndarray], Texts]:
    """:func:`encode` of several columns at once, with one list of distinct texts (an
    identifier has the same index in every file).

    Study identifiers are usually of one length (up to 8 bytes) and exported sorted: then the
    texts are compared as integers, and sorted runs are merged rather than hashed."""
    packed = [_packed(p) if len(p) else (np.empty(0, np.uint64), 0) for p in parts]
    widths = {w for got in packed if got is not None for w in [got[1]] if w}
    if all(got is not None for got in packed) and len(widths) == 1:
        width = widths.pop()
        keys = [got[0] for got in packed if got is not None]
        allkeys = np.concatenate(keys)
        if all(bool(np.all(k[1:] >= k[:-1])) for k in keys):
            merged = np.sort(allkeys, kind="stable")  # merges the sorted runs
            uniq = merged[np.concatenate(([True], merged[1:] != merged[:-1]))]
        else:
            uniq = np.unique(allkeys)

        def positions(k: np.ndarray) -> np.ndarray:
            return np.searchsorted(uniq, k).astype(np.int32)

        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # numpy frees the GIL
            codes: list[np.ndarray] = list(pool.map(positions, keys))
        raw = np.ascontiguousarray(uniq.astype(">u8").view(np.uint8).reshape(-1, 8)[:, :width])
        offsets = np.arange(len(uniq) + 1, dtype=np.int32) * width
        texts = pa.Array.from_buffers(
            pa.string(), len(uniq), [None, pa.py_buffer(offsets), pa.py_buffer(raw)]
        )
        return codes, Texts(texts)
    chunks = [c for p in parts for c in p.chunks]
    all_codes, shared = encode(pa.chunked_array(chunks, pa.string()).combine_chunks())
    bounds = np.cumsum([0, *(len(p) for p in parts)])
    return [all_codes[a:b] for a, b in itertools.pairwise(bounds)], shared


@dataclass(frozen=True)
class Parsed:
    """Per distinct text: ``status`` (OK, BLANK, FAILED, OUT_OF_RANGE) and the typed value
    (``values``: object for ids and codes, float64, int64, datetime64[ns])."""

    status: np.ndarray
    values: np.ndarray

    @property
    def has_value(self) -> np.ndarray:
        return self.status == OK


def _norm_key(texts: pa.Array) -> pa.Array:
    """How codes are compared: lower case, inner blanks as one space."""
    return pc.utf8_lower(pc.replace_substring_regex(texts, r"\s+", " "))


def code_lookup(codes: Mapping[str, Mapping[str, Any]]) -> tuple[pa.Array, list[str]]:
    """(normalised keys, the code of each key): every code and its Korean and English label."""
    keys: list[str] = []
    targets: list[str] = []
    for code, labels in codes.items():
        for key in (code, labels.get("ko"), labels.get("en")):
            if key is not None:
                keys.append(str(key))
                targets.append(str(code))
    norm = _norm_key(normalise_array(pa.array(keys, pa.string())))
    seen: dict[str, int] = {}
    uniq_keys: list[str] = []
    uniq_targets: list[str] = []
    for k, t in zip(norm.to_pylist(), targets, strict=True):
        if k not in seen:  # the first code to claim a text keeps it
            seen[k] = len(uniq_keys)
            uniq_keys.append(k)
            uniq_targets.append(t)
    return pa.array(uniq_keys, pa.string()), uniq_targets


def _match(texts: pa.Array, pattern: str) -> np.ndarray:
    return np.asarray(
        pc.fill_null(pc.match_substring_regex(texts, pattern), False).to_numpy(
            zero_copy_only=False
        ),
        dtype=bool,
    )


def _blank(norm: pa.Array) -> np.ndarray:
    upper = pc.utf8_upper(norm)
    return np.asarray(
        pc.is_in(upper, value_set=pa.array(BLANKS, pa.string())).to_numpy(zero_copy_only=False),
        dtype=bool,
    )


def parse_texts(texts: Texts, typ: str, codes: Mapping[str, Mapping[str, Any]] | None) -> Parsed:
    """Parse every distinct text of a column of type ``typ`` (``codes``: its code list)."""
    key = ("parse", typ, id(codes))
    if key in texts.cache:
        return texts.cache[key]
    norm = texts.norm
    n = len(norm)
    blank = _blank(norm)
    status = np.where(blank, BLANK, OK).astype(np.int8)
    values: np.ndarray
    if typ == "id":
        values = np.asarray(norm.to_numpy(zero_copy_only=False), dtype=object).copy()
        values[blank] = None
    elif typ == "code":
        lookup, targets = code_lookup(codes or {})
        pos = pc.index_in(_norm_key(norm), value_set=lookup).to_numpy(zero_copy_only=False)
        pos = np.where(np.isnan(pos.astype("float64")), -1, pos).astype(np.int64)
        tgt = np.array([*targets, None], dtype=object)
        values = tgt[pos]
        status[(pos < 0) & ~blank] = FAILED
        values[blank] = None
    elif typ == "codes":
        lookup, targets = code_lookup(codes or {})
        table = dict(zip(lookup.to_pylist(), targets, strict=True))
        values = np.empty(n, dtype=object)
        keys = _norm_key(norm).to_pylist()
        for k in np.flatnonzero(~blank):
            parts = [p.strip() for p in keys[k].replace(",", ";").split(";") if p.strip()]
            got = [table.get(p) for p in parts]
            if not parts or any(g is None for g in got):
                status[k] = FAILED
            else:
                values[k] = ";".join(sorted({g for g in got if g is not None}))
    elif typ == "int":
        ok = _match(norm, _INT) & ~blank
        status[~ok & ~blank] = FAILED
        values = np.zeros(n, dtype=np.int64)
        if ok.any():
            idx = np.flatnonzero(ok)
            whole = pc.replace_substring_regex(norm.take(pa.array(idx)), r"\.0*$", "")
            try:
                values[idx] = np.asarray(pc.cast(whole, pa.int64()).to_numpy(zero_copy_only=False))
            except pa.ArrowInvalid:  # beyond int64: one by one
                for k, text in zip(idx, whole.to_pylist(), strict=True):
                    v = int(text)
                    if -(2**63) <= v < 2**63:
                        values[k] = v
                    else:
                        status[k] = FAILED
    elif typ == "float":
        ok = _match(norm, _FLOAT) & ~blank
        status[~ok & ~blank] = FAILED
        values = np.full(n, np.nan)
        if ok.any():
            idx = np.flatnonzero(ok)
            got = pc.cast(norm.take(pa.array(idx)), pa.float64())
            values[idx] = np.asarray(got.to_numpy(zero_copy_only=False), dtype="float64")
            bad = ~np.isfinite(values[idx])  # 1e999
            status[idx[bad]] = FAILED
            values[idx[bad]] = np.nan
    elif typ == "date":
        values, st = _dates(norm, blank)
        status = np.where(blank, BLANK, st).astype(np.int8)
    else:  # pragma: no cover - the codebook's types are checked on loading
        raise KeyError(typ)
    parsed = Parsed(status, values)
    texts.cache[key] = parsed
    return parsed


def _dates(norm: pa.Array, blank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(datetime64[ns] values, status) of date texts."""
    n = len(norm)
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    status = np.full(n, FAILED, dtype=np.int8)
    shaped = np.flatnonzero(_match(norm, _DATE) & ~blank)
    if len(shaped) == 0:
        return out, status
    parts = pc.extract_regex(norm.take(pa.array(shaped)), _DATE)
    ymd = [
        np.asarray(pc.cast(parts.field(k), pa.int64()).to_numpy(zero_copy_only=False))
        for k in ("y", "m", "d")
    ]
    y, m, d = ymd
    good = (m >= 1) & (m <= 12) & (d >= 1)
    month = (y - 1970) * 12 + np.clip(m, 1, 12) - 1
    first = month.astype("datetime64[M]").astype("datetime64[D]")
    days_in = (month + 1).astype("datetime64[M]").astype("datetime64[D]") - first
    good &= d <= days_in.astype(np.int64)
    day = first + (np.clip(d, 1, 31) - 1).astype("timedelta64[D]")
    inside = (day >= np.datetime64(DATE_MIN)) & (day <= np.datetime64(DATE_MAX))
    status[shaped[good & inside]] = OK
    status[shaped[good & ~inside]] = OUT_OF_RANGE
    ok = shaped[good & inside]
    out[ok] = day[good & inside].astype("datetime64[ns]")
    return out, status


def rows_series(typ: str, parsed: Parsed, codes: np.ndarray) -> pd.Series:
    """The typed column of a frame: each row's value (missing where blank or failed)."""
    if typ == "int":
        mask = parsed.status != OK
        return pd.Series(pd.arrays.IntegerArray(parsed.values[codes], mask[codes]), dtype="Int64")
    if typ == "float":
        v = np.where(parsed.status == OK, parsed.values, np.nan)
        return pd.Series(v[codes], dtype="float64")
    if typ == "date":
        v = np.where(parsed.status == OK, parsed.values, np.datetime64("NaT"))
        return pd.Series(v[codes], dtype="datetime64[ns]")
    v = parsed.values.copy()
    v[parsed.status != OK] = None
    return pd.Series(v[codes], dtype="object")


@dataclass
class Column:
    """One column of a file, parsed: each row's distinct text (``codes`` into ``texts``) and
    the parse of every distinct text, with row-level views computed once."""

    name: str
    spec: Mapping[str, Any]
    codes: np.ndarray
    texts: Texts
    parsed: Parsed
    cache: dict[object, Any] = field(default_factory=dict)

    @property
    def typ(self) -> str:
        return str(self.spec["type"])

    def status(self) -> np.ndarray:
        """Per row: OK, BLANK, FAILED or OUT_OF_RANGE."""
        if "status" not in self.cache:
            self.cache["status"] = self.parsed.status[self.codes]
        return self.cache["status"]

    def present(self) -> np.ndarray:
        """Per row: the cell holds a valid value."""
        if "present" not in self.cache:
            self.cache["present"] = self.status() == OK
        return self.cache["present"]

    def values(self) -> np.ndarray:
        """Per row: the typed value (meaningful where :meth:`present`)."""
        if "values" not in self.cache:
            self.cache["values"] = self.parsed.values[self.codes]
        return self.cache["values"]

    def eq(self, value: str) -> np.ndarray:
        """Per row: the cell's value is ``value``."""
        key = ("eq", value)
        if key not in self.cache:
            hit = (self.parsed.status == OK) & np.array(
                [v == value for v in self.parsed.values], dtype=bool
            ).reshape(-1)
            self.cache[key] = hit[self.codes]
        return self.cache[key]

    def series(self) -> pd.Series:
        """The typed column of the validated frame."""
        return rows_series(self.typ, self.parsed, self.codes)


@dataclass
class Table:
    """A file of the contract, parsed: its columns by name and, once every file is read, the
    integer key of each row's patient (equal identifiers, equal keys; -1 when blank)."""

    entity: str
    file: str
    n_rows: int
    columns: dict[str, Column]
    keys: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))

    def has(self, *names: str) -> bool:
        return all(n in self.columns for n in names)

    def __getitem__(self, name: str) -> Column:
        return self.columns[name]

    def frame(self) -> pd.DataFrame:
        frame = pd.DataFrame({c: col.series() for c, col in self.columns.items()}, copy=False)
        frame.attrs["file"] = self.file
        return frame
