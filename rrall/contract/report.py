"""The report of violations: what a problem is, where it is, and the bilingual report.

Rules add violations to a :class:`Collector` in *batches*: one rule, one column, many rows (a
numpy array), so that a million bad rows cost arrays, not a million objects. The collector

- keeps **one violation per cell**: the first rule to claim a cell (parse, then the column's
  own rules, then rules across rows and files) is the one reported, and rules that look at
  several cells skip cells already reported (:meth:`Collector.clean`);
- counts every violation per rule, and turns only the first ones (in file, then row or line,
  then column order) into :class:`Violation` objects;
- shows a value only as :mod:`rrall.contract.guard` allows.

:class:`DataValidationError` carries them; ``report()`` prints a header, the first 200
violations and the count per rule, in Korean and English.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from rrall.labels.contract import Lang, contract_text

__all__ = [
    "CAP",
    "KEEP",
    "Collector",
    "DataValidationError",
    "Violation",
]

#: violations a report shows (per language)
CAP = 200
#: violations kept as objects on the error (all are counted)
KEEP = 1000


@dataclass(frozen=True)
class Violation:
    """One problem with the input.

    ``file`` is the file's name (``None`` for the folder or the codebook); ``row`` the 1-based
    data row and ``line`` the physical line (CSV) or sheet row (xlsx), when known; ``column``
    the column's name when it is known to be safe to print, else ``position`` (1-based);
    ``value`` the cell as it may be shown (quoted, masked), ``withheld`` when it may not be
    shown at all; ``rule`` the key of the rule, ``params`` what its message needs.
    """

    file: str | None
    row: int | None
    column: str | None
    value: str | None
    rule: str
    params: tuple[tuple[str, str], ...] = ()
    line: int | None = None
    position: int | None = None
    withheld: bool = False

    def message(self, lang: Lang) -> str:
        """The problem in one line, in ``lang``."""
        parts = []
        if self.file is not None:
            parts.append(contract_text("where_file", lang, file=self.file))
        if self.row is not None and self.line is not None:
            parts.append(contract_text("where_row_line", lang, row=self.row, line=self.line))
        elif self.row is not None:
            parts.append(contract_text("where_row", lang, row=self.row))
        elif self.line is not None:
            parts.append(contract_text("where_line", lang, line=self.line))
        if self.column is not None:
            parts.append(contract_text("where_column", lang, column=self.column))
        elif self.position is not None:
            parts.append(contract_text("where_position", lang, position=self.position))
        if self.withheld:
            parts.append(contract_text("value_withheld", lang))
        elif self.value is not None:
            parts.append(contract_text("where_value", lang, value=self.value))
        text = contract_text(self.rule, lang, **dict(self.params))
        return (", ".join(parts) + ": " if parts else "") + f"{text} [{self.rule}]"


class DataValidationError(ValueError):
    """The input breaks the data contract.

    ``violations``: the first :data:`KEEP` problems in file and row order (all of them when
    there are fewer); ``total``: how many there are; ``counts``: how many per rule.
    """

    def __init__(
        self,
        violations: list[Violation],
        *,
        total: int | None = None,
        counts: Mapping[str, int] | None = None,
    ) -> None:
        self.violations = list(violations)
        self.total = len(self.violations) if total is None else int(total)
        if counts is None:
            tally: dict[str, int] = {}
            for v in self.violations:
                tally[v.rule] = tally.get(v.rule, 0) + 1
            counts = tally
        self.counts = dict(counts)
        super().__init__(self.report())

    def report(self, lang: Lang | None = None, *, limit: int = CAP) -> str:
        """The problems, one per line, in ``lang`` (both, Korean first, when ``None``): a
        header, the first ``limit``, a note of the rest, and the count per rule."""
        lines: list[str] = []
        for lg in ("ko", "en") if lang is None else (lang,):
            lines.append(contract_text("report_header", lg, n=self.total))
            shown = self.violations[:limit]
            lines += [f"  - {v.message(lg)}" for v in shown]
            if self.total > len(shown):
                lines.append(
                    "  "
                    + contract_text(
                        "report_cap", lg, shown=len(shown), rest=self.total - len(shown)
                    )
                )
            lines.append("  " + contract_text("report_summary", lg))
            for rule, n in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0])):
                lines.append(f"    {rule}: {n}")
        return "\n".join(lines)

    def _render_traceback_(self) -> list[str]:  # IPython/Jupyter: the report, not a traceback
        return self.report().splitlines()


# ---- collecting ----------------------------------------------------------------------------------
#: (text or None, withheld) of the cell in a row of a column
Shown = Callable[[int], tuple[str | None, bool]]


@dataclass
class _Source:
    """What the collector knows of one file: its name, rows, columns and lines."""

    order: int
    file: str
    n_rows: int = 0
    positions: dict[str, int] = field(default_factory=dict)  # column -> 1-based position
    safe: dict[str, bool] = field(default_factory=dict)  # column -> name may be printed
    shown: dict[str, Shown] = field(default_factory=dict)
    line_of: Callable[[np.ndarray], np.ndarray] | None = None


@dataclass
class _Batch:
    seq: int
    entity: str | None
    rule: str
    rows: np.ndarray  # 0-based data rows, ascending (empty for file-level problems)
    column: str | None = None
    params: tuple[tuple[str, str], ...] = ()
    params_at: Callable[[int], Mapping[str, object]] | None = None
    value_at: Callable[[int], str | None] | None = None
    line: int | None = None  # a problem at a line of the file, not at a data row
    position: int | None = None  # column position when the column has no safe name
    withheld: bool = False
    by_line: bool = False  # rows are physical lines
    file: str | None = None  # the file a folder-level problem is about


def _params(items: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    return tuple((k, str(v)) for k, v in items.items())


class Collector:
    """Violations in batches; see the module docstring."""

    def __init__(self, entities: tuple[str, ...]) -> None:
        self._sources: dict[str, _Source] = {
            e: _Source(order=k, file=f"{e}.csv") for k, e in enumerate(entities)
        }
        self._batches: list[_Batch] = []
        self._claimed: dict[tuple[str, str], np.ndarray] = {}
        self._seen: set[tuple[object, ...]] = set()

    # -- registering what is known about a file -------------------------------------------------
    def name_file(self, entity: str, file: str) -> None:
        """The name the file of ``entity`` goes by in the report."""
        self._sources[entity].file = file

    def file_name(self, entity: str) -> str:
        return self._sources[entity].file

    def register(
        self,
        entity: str,
        *,
        n_rows: int,
        positions: Mapping[str, int],
        safe: Mapping[str, bool],
        line_of: Callable[[np.ndarray], np.ndarray] | None,
    ) -> None:
        """The rows, columns (1-based positions, whether each name may be printed) and the
        physical line of data rows of ``entity``'s file."""
        src = self._sources[entity]
        src.n_rows = n_rows
        src.positions = dict(positions)
        src.safe = dict(safe)
        src.line_of = line_of

    def show(self, entity: str, column: str, shown: Shown) -> None:
        """How a cell of ``column`` may be shown."""
        self._sources[entity].shown[column] = shown

    # -- adding ----------------------------------------------------------------------------------
    def problem(
        self,
        entity: str | None,
        rule: str,
        /,
        *,
        line: int | None = None,
        column: str | None = None,
        position: int | None = None,
        withheld: bool = False,
        file: str | None = None,
        **params: object,
    ) -> None:
        """A problem with the folder (``entity`` None; ``file`` names the file it is about,
        such as the codebook), a file, a line or a header cell."""
        p = _params(params)
        key = (entity, rule, line, column, position, p, file)
        if key in self._seen:
            return
        self._seen.add(key)
        self._batches.append(
            _Batch(
                len(self._batches),
                entity,
                rule,
                np.empty(0, np.int64),
                column=column,
                params=p,
                line=line,
                position=position,
                withheld=withheld,
                file=file,
            )
        )

    def lines(
        self,
        entity: str,
        lines: np.ndarray,
        rule: str,
        /,
        *,
        params_at: Callable[[int], Mapping[str, object]] | None = None,
        **params: object,
    ) -> None:
        """Violations of ``rule`` at physical ``lines`` of the file (not at data rows)."""
        if len(lines) == 0:
            return
        self._batches.append(
            _Batch(
                len(self._batches),
                entity,
                rule,
                np.unique(np.asarray(lines, dtype=np.int64)),
                params=_params(params),
                params_at=params_at,
                by_line=True,
            )
        )

    def cells(
        self,
        entity: str,
        column: str,
        rows: np.ndarray,
        rule: str,
        /,
        *,
        params_at: Callable[[int], Mapping[str, object]] | None = None,
        value_at: Callable[[int], str | None] | None = None,
        withheld: bool = False,
        **params: object,
    ) -> np.ndarray:
        """Violations of ``rule`` at ``rows`` (0-based, or a boolean mask) of ``column``;
        returns the rows kept (cells already reported by an earlier rule are left out).

        The value shown is the cell's own (as :meth:`show` registered), unless ``value_at``
        gives another; ``params_at(row)`` adds row-specific parameters."""
        rows = np.asarray(rows)
        if rows.dtype == bool:
            rows = np.flatnonzero(rows)
        if len(rows) == 0:
            return rows
        rows = rows.astype(np.int64, copy=False)
        if len(rows) > 1 and not bool(np.all(rows[1:] > rows[:-1])):
            rows = np.unique(rows)  # sorted, once each (a mask's rows already are)
        claimed = self._claim_mask(entity, column)
        rows = rows[~claimed[rows]]
        if len(rows) == 0:
            return rows
        claimed[rows] = True
        self._batches.append(
            _Batch(
                len(self._batches),
                entity,
                rule,
                rows,
                column=column,
                params=_params(params),
                params_at=params_at,
                value_at=value_at,
                withheld=withheld,
            )
        )
        return rows

    def _claim_mask(self, entity: str, column: str) -> np.ndarray:
        key = (entity, column)
        if key not in self._claimed:
            self._claimed[key] = np.zeros(self._sources[entity].n_rows, dtype=bool)
        return self._claimed[key]

    def clean(self, entity: str, column: str) -> np.ndarray:
        """Per row of ``entity``: no violation reported for ``column`` yet."""
        got = self._claimed.get((entity, column))
        if got is None:
            return np.ones(self._sources[entity].n_rows, dtype=bool)
        return ~got

    # -- results ---------------------------------------------------------------------------------
    def __bool__(self) -> bool:
        return bool(self._batches)

    def total(self) -> int:
        return sum(max(len(b.rows), 1) for b in self._batches)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for b in self._batches:
            out[b.rule] = out.get(b.rule, 0) + max(len(b.rows), 1)
        return out

    def error(self, keep: int = KEEP) -> DataValidationError:
        """The :class:`DataValidationError` of everything collected."""
        return DataValidationError(self.first(keep), total=self.total(), counts=self.counts())

    def first(self, keep: int = KEEP) -> list[Violation]:
        """The first ``keep`` violations: by file, then file-level before rows, then row (or
        line), then column position, then the order rules ran."""
        keys: list[np.ndarray] = []
        for k, b in enumerate(self._batches):
            src = self._sources.get(b.entity) if b.entity is not None else None
            order = -1 if src is None else src.order
            if len(b.rows) == 0:
                where = 0 if b.line is None else b.line
                pos = b.position or (src.positions.get(b.column, 0) if src and b.column else 0)
                keys.append(np.array([[order, 0, where, pos, b.seq, k, -1]], dtype=np.int64))
                continue
            rows = b.rows[:keep]
            pos = src.positions.get(b.column or "", 0) if src else 0
            block = np.empty((len(rows), 7), dtype=np.int64)
            block[:, 0] = order
            block[:, 1] = 0 if b.by_line else 1
            block[:, 2] = rows
            block[:, 3] = pos
            block[:, 4] = b.seq
            block[:, 5] = k
            block[:, 6] = rows
            keys.append(block)
        if not keys:
            return []
        allkeys = np.concatenate(keys)
        order_ = np.lexsort(allkeys[:, [4, 3, 2, 1, 0]].T)[:keep]
        return [self._violation(int(allkeys[i, 5]), int(allkeys[i, 6])) for i in order_]

    def _violation(self, k: int, row: int) -> Violation:
        b = self._batches[k]
        src = self._sources.get(b.entity) if b.entity is not None else None
        file = src.file if src is not None else b.file
        column, position = b.column, b.position
        if src is not None and column is not None:
            position = position or src.positions.get(column)
            if not src.safe.get(column, True):
                column = None
        if row < 0:
            return Violation(
                file, None, column, None, b.rule, b.params, b.line, position, b.withheld
            )
        if b.by_line:
            params = b.params + (_params(b.params_at(row)) if b.params_at else ())
            return Violation(file, None, None, None, b.rule, params, row, None, False)
        value: str | None
        withheld = b.withheld
        if withheld:
            value = None
        elif b.value_at is not None:
            value = b.value_at(row)
        elif src is not None and b.column in src.shown:
            value, withheld = src.shown[b.column](row)
        else:
            value = None
        params = b.params
        if b.params_at is not None:
            params = params + _params(b.params_at(row))
        line = None
        if src is not None and src.line_of is not None:
            line = int(src.line_of(np.array([row]))[0])
        return Violation(file, row + 1, column, value, b.rule, params, line, position, withheld)
