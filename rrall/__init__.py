"""rrall: reproducible re-analysis of Yoo et al. 2017 (relapsed/refractory childhood ALL).

The public API the report's chapters call: load the data, then one function per table or figure.
Attributes are imported on first use (PEP 562), so a chapter without figures never pays for
matplotlib and seaborn.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_API: dict[str, str] = {
    "Cohort": "rrall.cohort",
    "load_cohort": "rrall.cohort",
    "DataValidationError": "rrall.schema",
    "current_lang": "rrall.labels",
    "label": "rrall.labels",
    "Numbers": "rrall.numbers",
    "numbers": "rrall.numbers",
    "audit": "rrall.audit",
    "audit_summary": "rrall.audit",
    "load_published": "rrall.audit",
    "tbl_audit": "rrall.audit",
    "tbl_contradictions": "rrall.audit",
    "data_digest": "rrall.provenance",
    "reconstruction_note": "rrall.provenance",
    "fig_os": "rrall.figures",
    "fig_os_hsct": "rrall.figures",
    "fig_os_after_hsct": "rrall.figures",
    "tbl_characteristics": "rrall.tables",
    "tbl_agents": "rrall.tables",
    "tbl_response": "rrall.tables",
    "tbl_hsct": "rrall.tables",
    "tbl_os": "rrall.tables",
    "tbl_os_hsct": "rrall.tables",
    "tbl_os_after_hsct": "rrall.tables",
    "tbl_flow": "rrall.tables",
    "tbl_codebook": "rrall.tables",
    "tbl_codes": "rrall.tables",
    "tbl_provenance": "rrall.tables",
}

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

# ``numbers`` and ``audit`` are both a module and a function of that module: bind the functions
# now, so a later ``import rrall.numbers`` somewhere cannot leave the module in their place.
from rrall.audit import audit  # noqa: E402
from rrall.numbers import numbers  # noqa: E402


def __getattr__(name: str) -> Any:
    if name in _API:
        value = getattr(importlib.import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'rrall' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)


if TYPE_CHECKING:  # pragma: no cover
    from rrall.audit import audit, audit_summary, load_published, tbl_audit, tbl_contradictions
    from rrall.cohort import Cohort, load_cohort
    from rrall.figures import fig_os, fig_os_after_hsct, fig_os_hsct
    from rrall.labels import current_lang, label
    from rrall.numbers import Numbers, numbers
    from rrall.provenance import data_digest, reconstruction_note
    from rrall.schema import DataValidationError
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
