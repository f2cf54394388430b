"""Validation: read and check every file of the contract in a folder, in one pass for any size.

``validate_folder(folder)`` returns the typed frames or raises :class:`DataValidationError`
listing every problem (file, row or line, column, value as it may be shown, rule), in Korean
and English. The steps, each in its own module:

1. the folder and the codebook (:mod:`~rrall.contract.codebook`);
2. each file read as text (:mod:`~rrall.contract.read`), its header checked, its columns
   encoded (distinct texts) and parsed (:mod:`~rrall.contract.parse`);
3. the identifier guard (:mod:`~rrall.contract.guard`) on the header and every distinct text:
   a file holding a direct identifier is refused whole and nothing of it is shown;
4. the column and row rules (:mod:`~rrall.contract.rules`), then the rules across files
   (:mod:`~rrall.contract.crossfile`) and of the clinical timeline
   (:mod:`~rrall.contract.timeline`);
5. the report (:mod:`~rrall.contract.report`): one violation per cell, in file and row order,
   the first 200 shown and every one counted.

Files are only ever read.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from rrall.contract import guard
from rrall.contract.codebook import (
    ENTITIES,
    ID_COLUMN,
    Codebook,
    CodebookError,
    load_codebook,
)
from rrall.contract.crossfile import check_crossfile
from rrall.contract.parse import (
    BLANK,
    OK,
    Column,
    Table,
    Texts,
    encode,
    encode_joint,
    parse_texts,
)
from rrall.contract.read import locate, read_entity
from rrall.contract.report import Collector
from rrall.contract.rules import check_columns, check_rows, pattern_ok
from rrall.contract.timeline import check_timeline
from rrall.paths import data_dir

__all__ = ["ValidatedData", "validate_folder", "validate_folder_keys"]


@dataclass(frozen=True)
class ValidatedData:
    """Typed, validated frames, one per entity, where they came from, and the codebook."""

    frames: dict[str, pd.DataFrame]
    sources: dict[str, str] = field(default_factory=dict)
    codebook: Codebook = field(default_factory=load_codebook)

    def __getitem__(self, entity: str) -> pd.DataFrame:
        return self.frames[entity]


def validate_folder(folder: Path | str | None = None) -> ValidatedData:
    """Read and check every file of the contract in ``folder``; raise on any problem."""
    return validate_folder_keys(folder)[0]


def validate_folder_keys(
    folder: Path | str | None = None,
) -> tuple[ValidatedData, dict[str, np.ndarray]]:
    """:func:`validate_folder`, plus an integer key for the patient of every row of every frame
    (equal identifiers, equal keys), with which patients are matched across files cheaply."""
    folder = Path(folder) if folder else data_dir()
    out = Collector(ENTITIES)
    if not folder.is_dir():
        out.problem(None, "folder_missing")
        raise out.error()
    try:
        codebook = load_codebook(folder)
    except CodebookError as exc:
        if exc.key is None:
            out.problem(None, "codebook_syntax", file="codebook.yaml", line=exc.line or 0)
        else:
            out.problem(None, "codebook_key", file="codebook.yaml", key=exc.key)
        raise out.error() from None
    found = {e: locate(folder, e) for e in ENTITIES}
    if not any(found.values()):
        out.problem(None, "no_data_files", files=", ".join(f"{e}.csv" for e in ENTITIES))
        raise out.error()
    known = _known_words(codebook)
    # each file read as text, its columns encoded; the identifier columns of all files are
    # encoded together (one list of distinct identifiers, parsed and checked once)
    prepared: dict[str, _Prepared] = {}
    for entity in ENTITIES:
        paths = found[entity]
        if len(paths) > 1:
            out.problem(entity, "file_ambiguous", files=", ".join(p.name.lower() for p in paths))
        elif not paths:
            out.problem(entity, "file_missing")
        else:
            out.name_file(entity, paths[0].name.lower())
            got = _prepare(paths[0], entity, codebook, known, out)
            if got is not None:
                prepared[entity] = got
    with_ids = [p for p in prepared.values() if p.id_strings is not None]
    if with_ids:
        codes, shared = encode_joint([p.id_strings for p in with_ids])  # type: ignore[misc]
        for p, c in zip(with_ids, codes, strict=True):
            p.columns[p.id_pos] = (c, shared)  # type: ignore[index]
            p.id_strings = None
    tables: dict[str, Table] = {}
    for entity, prep in prepared.items():
        table = _check_file(prep, codebook, known, out)
        if table is not None:
            tables[entity] = table
    n_keys = _patient_keys(tables)
    for table in tables.values():
        check_columns(table, codebook, out)
        check_rows(table, codebook, out)
    check_crossfile(tables, codebook, n_keys, out)
    check_timeline(tables, codebook, n_keys, out)
    if out:
        raise out.error()
    frames = {e: t.frame() for e, t in tables.items()}
    sources = {e: out.file_name(e) for e in tables}
    return ValidatedData(frames, sources, codebook), {e: t.keys for e, t in tables.items()}


@dataclass
class _Prepared:
    """A file read and encoded, before its checks: the header's normalised names, each
    column as (row -> distinct index, distinct texts), the identifier column kept as text
    (``id_strings`` at ``id_pos``) until every file's is there."""

    entity: str
    header: list[str]
    header_line: int
    n_rows: int
    names: list[str]
    columns: list[tuple[np.ndarray, Texts] | None]
    id_pos: int | None
    id_strings: pa.ChunkedArray | None


def _known_words(codebook: Codebook) -> frozenset[str]:
    """The codebook's own words (column names, labels, codes): safe to print, never a name."""
    words: set[str] = set()
    for f in codebook.files.values():
        for k in ("ko", "en"):
            if isinstance(f.get(k), str):
                words.add(f[k])
        for col, spec in f["columns"].items():
            words.add(str(col))
            for k in ("ko", "en"):
                if isinstance(spec.get(k), str):
                    words.add(spec[k])
    for entries in codebook.codes.values():
        for code, labels in entries.items():
            words.update({str(code), str(labels.get("ko")), str(labels.get("en"))})
    return frozenset(guard.normalise(w).casefold() for w in words) | frozenset(
        guard.normalise(w) for w in words
    )


def _prepare(
    path: Path, entity: str, codebook: Codebook, known: frozenset[str], out: Collector
) -> _Prepared | None:
    """Read one file as text and encode its columns; ``None`` when it cannot be read."""
    specs: Mapping[str, Mapping[str, Any]] = codebook.columns(entity)

    def title_check(text: str, line: int) -> str | None:
        kind = guard.line_kind(text)
        return guard.RULE_OF_KIND[kind] if kind else None

    sheet = read_entity(path, entity, specs, out, title_check=title_check)
    if sheet is None:
        return None
    names = [guard.normalise(h) for h in sheet.header]
    safe = {n: (n in specs or guard.safe_name(n, specs)) for n in names}
    out.register(
        entity,
        n_rows=sheet.n_rows,
        positions={n: j + 1 for j, n in reversed(list(enumerate(names)))},
        safe=safe,
        line_of=sheet.line_of,
    )
    id_pos = names.index(ID_COLUMN) if names.count(ID_COLUMN) == 1 else None
    id_strings = sheet.columns[id_pos] if id_pos is not None else None
    todo = [c for j, c in enumerate(sheet.columns) if j != id_pos]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        encoded = iter(list(pool.map(encode, todo)))
    columns: list[tuple[np.ndarray, Texts] | None] = [
        None if j == id_pos else next(encoded) for j in range(len(names))
    ]
    return _Prepared(
        entity,
        sheet.header,
        sheet.header_line,
        sheet.n_rows,
        names,
        columns,
        id_pos,
        id_strings,
    )


def _check_file(
    prep: _Prepared, codebook: Codebook, known: frozenset[str], out: Collector
) -> Table | None:
    """Check one file's header and cells; ``None`` when it is refused."""
    entity, names = prep.entity, prep.names
    specs: Mapping[str, Mapping[str, Any]] = codebook.columns(entity)
    safe = {n: (n in specs or guard.safe_name(n, specs)) for n in names}
    columns = [c for c in prep.columns if c is not None]
    assert len(columns) == len(names)
    clean = True
    flagged: set[int] = set()
    # the header: identifier columns, pasted identifiers
    for j, (raw, name) in enumerate(zip(prep.header, names, strict=True)):
        rule = None if name in specs else guard.header_kind(raw, known)
        if rule is not None:
            clean = False
            flagged.add(j)
            shown = name if rule == "identifier_column" and safe[name] else None
            out.problem(
                entity,
                rule,
                line=prep.header_line,
                column=shown,
                position=j + 1,
                withheld=rule != "identifier_column",
            )
    # every cell: registration and telephone numbers; names and record numbers where a code
    # or an identifier was expected and something else was written
    parsed: dict[int, Column] = {}
    for j, (name, (codes, texts)) in enumerate(zip(names, columns, strict=True)):
        if "scan" not in texts.cache:  # identifier texts are shared by every file
            texts.cache["scan"] = guard.scan_values(texts.norm)
        kind_u = texts.cache["scan"]
        spec = specs.get(name)
        if spec is not None and names.count(name) == 1:
            col = Column(
                name,
                spec,
                codes,
                texts,
                parse_texts(texts, spec["type"], _codes_of(spec, codebook)),
            )
            parsed[j] = col
            failed_u = col.parsed.status != OK
            failed_u &= col.parsed.status != BLANK
            if "pattern" in spec:
                failed_u |= (col.parsed.status == OK) & ~pattern_ok(col)
            key = ("scan_failed", spec["type"], spec.get("pattern"), spec.get("codes"))
            if key not in texts.cache:
                texts.cache[key] = guard.scan_failed(
                    texts.norm,
                    failed_u & (kind_u == guard.NONE),
                    identifier=spec["type"] == "id",
                    records=spec["type"] in ("id", "code", "codes"),
                    known=known,
                )
            kind_u = np.maximum(kind_u, texts.cache[key])
        if kind_u.any():
            clean = False
            kind = kind_u[codes]
            for k, rule in guard.RULE_OF_KIND.items():
                out.cells(entity, name, kind == k, rule, withheld=True)
    # the columns: each codebook column once, nothing else
    ok = clean
    line = prep.header_line
    for name in sorted({n for n in names if names.count(n) > 1}, key=names.index):
        at = [j for j, n in enumerate(names) if n == name][1]
        out.problem(entity, "column_duplicate", line=line, column=name, position=at + 1)
        ok = False
    for j, name in enumerate(names):
        if name not in specs and j not in flagged:
            out.problem(entity, "column_unknown", line=line, column=name, position=j + 1)
            ok = False
    for name in specs:
        if name not in names:
            out.problem(entity, "column_missing", line=line, column=name)
            ok = False
    if not ok:
        return None
    cols: dict[str, Column] = {}
    for j, name in enumerate(names):
        cols[name] = parsed[j]
    # codebook order, and how a cell may be shown
    ordered = {name: cols[name] for name in specs}
    for name, col in ordered.items():
        out.show(entity, name, _shown(col))
    return Table(entity, out.file_name(entity), prep.n_rows, ordered)


def _codes_of(spec: Mapping[str, Any], codebook: Codebook) -> Mapping[str, Any] | None:
    return codebook.codes[spec["codes"]] if spec["type"] in ("code", "codes") else None


def _shown(col: Column):
    """How a cell of ``col`` may be shown: an identifier only when it is a valid study
    identifier, any other value through :func:`guard.shown`."""
    texts = col.texts
    if col.typ == "id":
        valid = pattern_ok(col) if "pattern" in col.spec else col.parsed.status == OK

        def show_id(row: int) -> tuple[str | None, bool]:
            k = int(col.codes[row])
            text = texts.raw_at(k)
            return (guard.shown(text) if valid[k] else guard.mask_all(text)), False

        return show_id

    def show(row: int) -> tuple[str | None, bool]:
        return guard.shown(texts.raw_at(int(col.codes[row]))), False

    return show


def _patient_keys(tables: dict[str, Table]) -> int:
    """Give every row of every table the integer key of its patient (-1 when blank); return
    the number of keys. The identifier columns share their distinct texts; two texts that
    normalise alike (" P001" and "P001") are one patient."""
    if not tables:
        return 0
    shared = next(iter(tables.values()))[ID_COLUMN]
    texts, parsed = shared.texts, shared.parsed
    if pc.all(pc.equal(texts.raw, texts.norm)).as_py() is not False:
        key_u = np.arange(len(texts), dtype=np.int64)
        n = len(texts)
    else:
        key_u, uniq = pd.factorize(np.asarray(texts.norm.to_numpy(zero_copy_only=False)))
        key_u = key_u.astype(np.int64)
        n = len(uniq)
    key_u = np.where(parsed.status == OK, key_u, -1)
    for t in tables.values():
        t.keys = key_u[t[ID_COLUMN].codes]
    return n
