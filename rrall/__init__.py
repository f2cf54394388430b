"""rrall: reproducible re-analysis of Yoo et al. 2017 (relapsed/refractory childhood ALL).

The public API the report's chapters call: load the data, then one function per table or figure.
"""

from __future__ import annotations

from rrall.cohort import Cohort, load_cohort
from rrall.figures import fig_os, fig_os_after_hsct, fig_os_hsct
from rrall.labels import current_lang, label
from rrall.numbers import Numbers, numbers
from rrall.schema import DataValidationError
from rrall.audit import audit, audit_summary, load_published, tbl_audit, tbl_contradictions
from rrall.provenance import data_digest, reconstruction_note
from rrall.tables import (
    tbl_agents,
    tbl_codebook,
    tbl_codes,
    tbl_flow,
    tbl_provenance,
    tbl_characteristics,
    tbl_hsct,
    tbl_os,
    tbl_os_after_hsct,
    tbl_os_hsct,
    tbl_response,
)

__all__ = [
    "Cohort",
    "DataValidationError",
    "Numbers",
    "current_lang",
    "fig_os",
    "fig_os_after_hsct",
    "fig_os_hsct",
    "label",
    "load_cohort",
    "numbers",
    "reconstruction_note",
    "audit",
    "audit_summary",
    "data_digest",
    "load_published",
    "tbl_agents",
    "tbl_audit",
    "tbl_codebook",
    "tbl_codes",
    "tbl_contradictions",
    "tbl_flow",
    "tbl_provenance",
    "tbl_characteristics",
    "tbl_hsct",
    "tbl_os",
    "tbl_os_after_hsct",
    "tbl_os_hsct",
    "tbl_response",
]
__version__ = "0.1.0"
