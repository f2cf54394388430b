"""load_cohort(): read, validate and derive. The only way chapters get data.

Derived variables are computed here and only here:

- ``eligible`` (screening): the codebook's criteria (``study.eligibility``) on the screening log;
- ``age_at_rr``: age at first diagnosis + (R/R diagnosis - first diagnosis) in years;
- ``analysed``: eligible patients with treatment and follow-up records;
- ``os_years`` / ``os_event``: R/R diagnosis to death from any cause, censored at last contact;
- ``hsct_years``: R/R diagnosis to HSCT; ``after_hsct_years``: HSCT to death or last contact;
- ``cr_any`` (CR or CRp), ``responder`` (CR, CRp or PR), ``hsct_in_cr`` (pre-HSCT CR/CRp).
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

from rrall.constants import DAYS_PER_YEAR
from rrall.contract import Codebook, ValidatedData, validate_folder_keys
from rrall.contract.eligibility import eligibility_of
from rrall.contract.eligibility import ineligibility_reasons as _reasons
from rrall.paths import data_dir, project_root

__all__ = [
    "DAYS_PER_YEAR",
    "Cohort",
    "derive",
    "eligibility",
    "ineligibility_reasons",
    "load_cohort",
    "lost_to_followup_days",
    "memo",
]

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Cohort:
    """The validated study data with derived variables.

    ``screening``: all reviewed records with ``eligible`` and ``ineligible_reason``;
    ``patients``: one row per eligible patient (baseline + response + transplant + follow-up);
    ``agents``: first-cycle agents, one row per patient and agent (analysed patients).
    """

    screening: pd.DataFrame
    patients: pd.DataFrame
    agents: pd.DataFrame
    cutoff: pd.Timestamp | None
    sources: dict[str, str]
    codebook: Codebook
    folder: Path | None = None

    @property
    def lost_to_followup_days(self) -> int:
        """Alive patients last seen more than this many days before the cut-off are lost to
        follow-up (the study's codebook says how many)."""
        return lost_to_followup_days(self.codebook)

    @property
    def reconstructed(self) -> bool:
        """True when the data folder holds a reconstruction record (``reconstruction.yaml``):
        the patients are synthetic. A study's real export has none."""
        return ((self.folder or data_dir()) / "reconstruction.yaml").exists()

    @property
    def n_analysed(self) -> int:
        """How many patients :attr:`analysed` holds (counted, not copied out)."""
        return int(self.patients["analysed"].sum())

    @property
    def analysed(self) -> pd.DataFrame:
        """Patients with treatment and follow-up data (the paper's N=63)."""
        return self.patients[self.patients["analysed"]].reset_index(drop=True)


def lost_to_followup_days(codebook: Codebook) -> int:
    """The loss-to-follow-up window of the study's codebook (``study.lost_to_followup_days``)."""
    return codebook.lost_to_followup_days


def eligibility(codebook: Codebook) -> dict[str, float]:
    """The eligibility thresholds of the study's codebook, as the report cites them:
    ``min_age`` and ``max_age`` (whole years at first diagnosis, inclusive), ``min_regimens``
    and ``min_blasts`` (%); NaN for a criterion the study does not have."""
    by_reason = {c.reason: c for c in codebook.eligibility}
    nan = float("nan")

    def bound(reason: str, attr: str) -> float:
        c = by_reason.get(reason)
        value = getattr(c, attr) if c is not None else None
        return float(value) if value is not None else nan

    below = bound("age", "below")
    return {
        "min_age": bound("age", "min"),
        "max_age": below - 1 if below == below else bound("age", "max"),
        "min_regimens": bound("prior_regimens", "min"),
        "min_blasts": bound("blasts", "min"),
    }


def ineligibility_reasons(screening: pd.DataFrame, codebook: Codebook) -> pd.Series:
    """The reason of the first eligibility criterion of ``codebook`` each record fails ("" when
    eligible); the criteria and their order are the codebook's ``study.eligibility``."""
    return _reasons(screening, codebook)


def derive(data: ValidatedData) -> Cohort:
    """Derive the analysis variables from validated frames."""
    return _derive(data, None)


def _derive(data: ValidatedData, keys: dict[str, np.ndarray] | None) -> Cohort:
    """:func:`derive`; ``keys`` (entity -> integer code of each row's patient id, equal ids
    equal codes, from :func:`rrall.contract.validate_folder_keys`) spares hashing the ids."""
    keys = _patient_keys(data, keys)
    scr = _copy(data["screening"])
    scr["eligible"], scr["ineligible_reason"] = eligibility_of(scr, data.codebook)

    scr_part = scr[["patient_id", "site", "age_at_initial_dx"]]
    later = [(data[e], e) for e in ("response", "transplant", "followup")]
    fu = data["followup"]
    joined = _join_by_keys(data["baseline"], scr_part, later, keys)
    if joined is not None:
        pts = joined
    else:  # pandas merges (missing or repeated ids, or a column name in two files)
        base = data["baseline"].merge(scr_part, on="patient_id", how="left")
        base["age_at_rr"] = _age_at_rr(base)
        pts = base
        for right, _ in later:
            pts = pts.merge(right, on="patient_id", how="left")
    treat = data["treatment"]
    if keys is not None:
        treated = _present(keys["treatment"], keys["baseline"])
    else:
        treated = pts["patient_id"].isin(set(treat["patient_id"])).to_numpy()
    pts["analysed"] = treated & pts["vital_status"].notna().to_numpy()

    dead = pts["vital_status"].eq("dead")
    end = pts["death_date"].where(dead, pts["last_contact_date"])
    pts["os_event"] = dead
    pts["os_days"] = (end - pts["rr_dx_date"]).dt.days
    pts["os_years"] = pts["os_days"] / DAYS_PER_YEAR
    pts["hsct_done"] = pts["hsct"].eq("Y")
    pts["hsct_years"] = (pts["hsct_date"] - pts["rr_dx_date"]).dt.days / DAYS_PER_YEAR
    pts["after_hsct_years"] = (end - pts["hsct_date"]).dt.days / DAYS_PER_YEAR
    pts["marrow_examined"] = pts["marrow_exam"].eq("Y")
    pts["cr_any"] = pts["response"].isin(["CR", "CRp"])
    pts["responder"] = pts["response"].isin(["CR", "CRp", "PR"])
    pts["hsct_in_cr"] = pts["hsct_done"] & pts["pre_hsct_marrow"].isin(["CR", "CRp"])
    lost_days = pd.Timedelta(days=data.codebook.lost_to_followup_days)
    pts["lost_to_followup"] = (~dead) & (pts["last_contact_date"] < pts["cutoff_date"] - lost_days)
    for col in ("os_event", "hsct_done", "marrow_examined", "cr_any", "responder", "hsct_in_cr"):
        pts[col] = pts[col].fillna(False).astype(bool)

    if keys is not None:
        in_analysed = _present(keys["baseline"][pts["analysed"].to_numpy()], keys["treatment"])
    else:
        in_analysed = treat["patient_id"].isin(pts.loc[pts["analysed"], "patient_id"]).to_numpy()
    agents = _take_rows(treat, np.flatnonzero(in_analysed))
    cut = fu["cutoff_date"].dropna()
    return Cohort(
        screening=scr,
        patients=_reset_index(pts),
        agents=agents,
        cutoff=cut.iloc[0] if len(cut) else None,
        sources=dict(data.sources),
        codebook=data.codebook,
    )


_JOINED = ("screening", "baseline", "treatment", "response", "transplant", "followup")


def _patient_keys(
    data: ValidatedData, keys: dict[str, np.ndarray] | None
) -> dict[str, np.ndarray] | None:
    """Integer codes of the patient ids of each frame, or ``None`` when an id is missing (the
    joins then fall back to pandas, which matches missing keys with each other)."""
    ids = {e: data[e]["patient_id"] for e in _JOINED}
    if keys is not None and all(len(keys.get(e, ())) == len(s) for e, s in ids.items()):
        return keys  # from validation: every id is there (it is required)
    if any(s.isna().any() for s in ids.values()):
        return None
    codes, _ = pd.factorize(np.concatenate([s.to_numpy(dtype=object) for s in ids.values()]))
    bounds = np.cumsum([0, *(len(s) for s in ids.values())])
    return {e: codes[a:b] for e, a, b in zip(ids, bounds[:-1], bounds[1:], strict=True)}


def _present(keys: np.ndarray, among: np.ndarray) -> np.ndarray:
    """Per key of ``among``: does it occur in ``keys``?"""
    size = max(int(keys.max(initial=-1)), int(among.max(initial=-1))) + 1
    seen = np.zeros(size, dtype=bool)
    seen[keys] = True
    return seen[among]


def _age_at_rr(base: pd.DataFrame, age: pd.Series | None = None) -> pd.Series:
    """Age at first diagnosis (``age``, else the column) + years to the R/R diagnosis."""
    age = base["age_at_initial_dx"] if age is None else age
    return age + ((base["rr_dx_date"] - base["initial_dx_date"]).dt.days / DAYS_PER_YEAR)


def _join_by_keys(
    base: pd.DataFrame,
    scr_part: pd.DataFrame,
    later: list[tuple[pd.DataFrame, str]],
    keys: dict[str, np.ndarray] | None,
) -> pd.DataFrame | None:
    """``base`` merged (left, on ``patient_id``) with ``scr_part``, then ``age_at_rr``, then
    each of ``later``, as the pandas merges would make it; ``None`` unless every id is known by
    its integer key, the ids of each right-hand frame are unique and no column name repeats.

    The rows of a right-hand frame are taken by position; rows it lacks are filled as merge
    fills them (NaN, NaT or <NA>; integers and booleans widened).
    """
    if keys is None:
        return None
    rights = [(scr_part, "screening"), *later]
    names = list(base.columns)
    for right, _ in rights:
        names += [c for c in right.columns if c != "patient_id"]
    if len(set(names)) != len(names) or "age_at_rr" in names:
        return None
    left = keys["baseline"]
    size = 1 + max(int(k.max(initial=-1)) for k in (left, *(keys[e] for _, e in rights)))
    columns: dict[str, object] = {c: _take(base[c], None) for c in base.columns}
    for right, entity in rights:
        rk = keys[entity]
        if len(rk) and np.bincount(rk, minlength=size).max() > 1:
            return None
        row = np.full(size, -1, dtype=np.intp)
        row[rk] = np.arange(len(rk))
        pos = row[left]
        for c in right.columns:
            if c != "patient_id":
                columns[c] = _take(right[c], pos)
        if entity == "screening":
            age = pd.Series(columns["age_at_initial_dx"], index=base.index)
            columns["age_at_rr"] = _age_at_rr(base, age).array
    return pd.DataFrame(columns, copy=False)  # fresh arrays: no need to copy them into blocks


def _take(column: pd.Series, rows: np.ndarray | None) -> object:
    """A copy of the values of ``column`` at ``rows`` (all when ``None``); a row of -1 is
    missing (NaN, NaT or <NA>; integers and booleans widened, as merge and reindex do)."""
    if not isinstance(column.dtype, np.dtype):  # extension arrays (Int64 ...)
        return column.array.copy() if rows is None else column.array.take(rows, allow_fill=True)
    values = column.to_numpy()
    return values.copy() if rows is None else pd.api.extensions.take(values, rows, allow_fill=True)


def _copy(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame.copy()``, column by column (no consolidation of the blocks into 2-D arrays)."""
    if not frame.columns.is_unique:
        return frame.copy()
    out = pd.DataFrame(
        {c: _take(frame[c], None) for c in frame.columns}, index=frame.index.copy(), copy=False
    )
    out.attrs = copy.deepcopy(frame.attrs)
    return out


def _take_rows(frame: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """``frame.iloc[rows].reset_index(drop=True)``, column by column."""
    if not frame.columns.is_unique:
        return frame.iloc[rows].reset_index(drop=True)
    out = pd.DataFrame({c: _take(frame[c], rows) for c in frame.columns}, copy=False)
    out.attrs = copy.deepcopy(frame.attrs)
    return out


def _reset_index(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame.reset_index(drop=True)``, without the copy when the index is already 0..n-1."""
    index = frame.index
    if isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1:
        return frame
    return frame.reset_index(drop=True)


def load_cohort(folder: Path | str | None = None) -> Cohort:
    """Read, validate and derive the study data in ``folder`` (default: ``data/``).

    Raises :class:`rrall.contract.DataValidationError` listing every problem when the files
    break the data contract; nothing is computed from invalid data.

    A folder whose files have not changed since it was last loaded in this process gives the
    same :class:`Cohort` object again, with everything :func:`memo` kept for it: each chapter
    asks for the cohort, and a kernel that runs several chapters reads and checks the files
    once. Any change to a file of the folder (or to the project's codebook and paper numbers it
    may fall back on) loads it anew.
    """
    path = Path(folder).resolve() if folder else data_dir()
    stamp = _stamp(path)
    key = str(path)
    kept = _LOADED.get(key)
    if kept is not None and kept[0] == stamp:
        _LOADED.move_to_end(key)
        return kept[1]
    data, keys = validate_folder_keys(path)
    cohort = dataclasses.replace(_derive(data, keys), folder=path)
    _LOADED[key] = (stamp, cohort)
    while len(_LOADED) > _KEEP:
        _LOADED.popitem(last=False)
    return cohort


#: the cohorts last loaded, by folder, with the stamp of the files they were read from
_LOADED: OrderedDict[str, tuple[tuple[tuple[str, int, int, int], ...], Cohort]] = OrderedDict()
_KEEP = 2


def _stamp(folder: Path) -> tuple[tuple[str, int, int, int], ...]:
    """Name, size, modification time and inode of every file a load of ``folder`` may read:
    the folder's own and the project's codebook and paper numbers (the fallbacks)."""
    files: set[Path] = set()
    with contextlib.suppress(OSError):
        files = {p for p in folder.iterdir() if p.is_file()}
    project = project_root() / "data"
    files |= {project / "codebook.yaml", project / "published.yaml"}
    out = []
    for p in files:
        try:
            st = p.stat()
        except OSError:
            continue
        out.append((str(p), st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(sorted(out))


_MEMO: weakref.WeakKeyDictionary[Cohort, dict[str, object]] = weakref.WeakKeyDictionary()


def memo(cohort: Cohort, key: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per cohort object (results derived from frozen data never change)."""
    store = _MEMO.setdefault(cohort, {})
    if key not in store:
        store[key] = compute()
    return store[key]  # type: ignore[return-value]
