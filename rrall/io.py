"""Read the study's tabular files as text, whatever encoding or format a hospital exports.

Files are only ever opened for reading. Every cell comes back as a string (empty
string for a blank cell) so that validation sees exactly what the file holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

__all__ = ["ENCODINGS", "RawTable", "find_entity_file", "read_table"]

ENCODINGS: tuple[str, ...] = ("utf-8-sig", "cp949")
_EXTENSIONS: tuple[str, ...] = (".csv", ".xlsx")


@dataclass(frozen=True)
class RawTable:
    """A file read as text: its path, the encoding used and the cells as strings."""

    path: Path
    encoding: str
    frame: pd.DataFrame


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
    if path.suffix.lower() == ".xlsx":
        frame = pd.read_excel(
            path, dtype=str, keep_default_na=False, engine="openpyxl", header=None
        )
        return RawTable(path, "xlsx", _first_row_header(frame.fillna("")))
    raw = path.read_bytes()
    for enc in ENCODINGS:
        try:
            raw.decode(enc)
        except UnicodeDecodeError:
            continue
        from io import StringIO

        text = raw.decode(enc)
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
