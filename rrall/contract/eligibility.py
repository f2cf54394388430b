"""The study's eligibility criteria (``study.eligibility`` in the codebook) on the screening log."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rrall.contract.codebook import Codebook, Criterion

__all__ = ["criterion_mask", "eligibility_of", "eligible_mask", "ineligibility_reasons"]


def criterion_mask(screening: pd.DataFrame, criterion: Criterion) -> pd.Series:
    """Per record: it meets ``criterion`` (a missing value does not)."""
    v = screening[criterion.column]
    ok = v.notna()
    if criterion.excluded is not None:
        ok &= v != criterion.excluded
    if criterion.min is not None:
        ok &= v >= criterion.min
    if criterion.max is not None:
        ok &= v <= criterion.max
    if criterion.below is not None:
        ok &= v < criterion.below
    return ok.fillna(False).astype(bool)


def eligible_mask(screening: pd.DataFrame, codebook: Codebook) -> pd.Series:
    """Per record: it meets every eligibility criterion of ``codebook``."""
    return eligibility_of(screening, codebook)[0]


def ineligibility_reasons(screening: pd.DataFrame, codebook: Codebook) -> pd.Series:
    """The reason of the first criterion each record fails, in the codebook's order ("" when
    eligible)."""
    return eligibility_of(screening, codebook)[1]


def eligibility_of(screening: pd.DataFrame, codebook: Codebook) -> tuple[pd.Series, pd.Series]:
    """:func:`eligible_mask` and :func:`ineligibility_reasons` together, each criterion
    evaluated once (a reason is never blank: the codebook's loader refuses one)."""
    reasons = np.full(len(screening), "", dtype=object)
    eligible = np.ones(len(screening), dtype=bool)
    for c in reversed(codebook.eligibility):
        fails = ~criterion_mask(screening, c).to_numpy()
        reasons[fails] = c.reason
        eligible &= ~fails
    index = screening.index
    return pd.Series(eligible, index=index), pd.Series(reasons, index=index, dtype="object")
