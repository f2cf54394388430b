"""rrall: reproducible re-analysis of Yoo et al. 2017 (relapsed/refractory childhood ALL).

The public API the report's chapters call: load the data, then one function per table or figure.
The figure functions are imported on first use (PEP 562), so a chapter without figures never
pays for matplotlib and seaborn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rrall.audit import audit, audit_summary, load_published, tbl_audit, tbl_contradictions
from rrall.cohort import Cohort, load_cohort
from rrall.contract import DataValidationError
from rrall.labels import current_lang, label
from rrall.numbers import Numbers, numbers
from rrall.provenance import data_digest, reconstruction_note
from rrall.tables import (
    tbl_agents,
    tbl_characteristics,
    tbl_codebook,
    tbl_codes,
    tbl_flow,
    tbl_hsct,
    tbl_os,
    tbl_os_after_hsct,
    tbl_os_hsct,
    tbl_provenance,
    tbl_response,
)

_FIGURES = ("fig_os", "fig_os_hsct", "fig_os_after_hsct")

__all__ = [
    "Cohort",
    "DataValidationError",
    "Numbers",
    "audit",
    "audit_summary",
    "current_lang",
    "data_digest",
    "fig_os",
    "fig_os_after_hsct",
    "fig_os_hsct",
    "label",
    "load_cohort",
    "load_published",
    "numbers",
    "reconstruction_note",
    "tbl_agents",
    "tbl_audit",
    "tbl_characteristics",
    "tbl_codebook",
    "tbl_codes",
    "tbl_contradictions",
    "tbl_flow",
    "tbl_hsct",
    "tbl_os",
    "tbl_os_after_hsct",
    "tbl_os_hsct",
    "tbl_provenance",
    "tbl_response",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _FIGURES:
        from rrall import figures

        value = getattr(figures, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'rrall' has no attribute {name!r}")


if TYPE_CHECKING:  # pragma: no cover
    from rrall.figures import fig_os, fig_os_after_hsct, fig_os_hsct
