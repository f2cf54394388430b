"""rrall: reproducible re-analysis of Yoo et al. 2017 (relapsed/refractory childhood ALL).

The public API the report's chapters call: load the data, then one function per table or
figure, and ``numbers`` for the values cited in the prose. Every name is imported on first use
(PEP 562): ``python -m rrall validate`` never pays for lifelines, matplotlib or great-tables,
and a chapter pays only for what it shows.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

#: public name -> module that defines it
_API: dict[str, str] = {
    "Cohort": "rrall.cohort",
    "load_cohort": "rrall.cohort",
    "DataValidationError": "rrall.contract",
    "current_lang": "rrall.labels",
    "label": "rrall.labels",
    "numbers": "rrall.cite",
    "audit_summary": "rrall.audit",
    "load_published": "rrall.published",
    "data_digest": "rrall.provenance",
    "tbl_agents": "rrall.tables",
    "tbl_characteristics": "rrall.tables",
    "tbl_codebook": "rrall.tables",
    "tbl_codes": "rrall.tables",
    "tbl_flow": "rrall.tables",
    "tbl_hsct": "rrall.tables",
    "tbl_os": "rrall.tables",
    "tbl_os_after_hsct": "rrall.tables",
    "tbl_os_hsct": "rrall.tables",
    "tbl_provenance": "rrall.tables",
    "tbl_response": "rrall.tables",
    "tbl_audit": "rrall.tables",
    "tbl_contradictions": "rrall.tables",
    "tbl_checks": "rrall.tables",
    "tbl_design": "rrall.tables",
    "tbl_environment": "rrall.tables",
    "fig_flow": "rrall.figures",
    "fig_simon_makuch": "rrall.figures",
    "tbl_td": "rrall.tables",
    "tbl_ensemble": "rrall.tables",
    "tbl_ensemble_conclusions": "rrall.tables",
    "tbl_ensemble_diagnostic": "rrall.tables",
    "fig_ensemble": "rrall.figures",
    "fig_os": "rrall.figures",
    "fig_os_hsct": "rrall.figures",
    "fig_os_after_hsct": "rrall.figures",
}

__all__ = [
    "Cohort",
    "DataValidationError",
    "audit_summary",
    "current_lang",
    "data_digest",
    "fig_ensemble",
    "fig_flow",
    "fig_os",
    "fig_os_after_hsct",
    "fig_os_hsct",
    "fig_simon_makuch",
    "label",
    "load_cohort",
    "load_published",
    "numbers",
    "tbl_agents",
    "tbl_audit",
    "tbl_characteristics",
    "tbl_checks",
    "tbl_codebook",
    "tbl_codes",
    "tbl_contradictions",
    "tbl_design",
    "tbl_ensemble",
    "tbl_ensemble_conclusions",
    "tbl_ensemble_diagnostic",
    "tbl_environment",
    "tbl_flow",
    "tbl_hsct",
    "tbl_os",
    "tbl_os_after_hsct",
    "tbl_os_hsct",
    "tbl_provenance",
    "tbl_response",
    "tbl_td",
]


# A public name must not be a submodule's name too: importing the submodule would replace the
# function with the module (``rrall.audit`` is a module; its ``audit`` function lives in it).


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'rrall' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))


if TYPE_CHECKING:  # pragma: no cover
    from rrall.audit import audit_summary
    from rrall.cite import numbers
    from rrall.cohort import Cohort, load_cohort
    from rrall.contract import DataValidationError
    from rrall.figures import (
        fig_ensemble,
        fig_flow,
        fig_os,
        fig_os_after_hsct,
        fig_os_hsct,
        fig_simon_makuch,
    )
    from rrall.labels import current_lang, label
    from rrall.provenance import data_digest
    from rrall.published import load_published
    from rrall.tables import (
        tbl_agents,
        tbl_audit,
        tbl_characteristics,
        tbl_checks,
        tbl_codebook,
        tbl_codes,
        tbl_contradictions,
        tbl_design,
        tbl_ensemble,
        tbl_ensemble_conclusions,
        tbl_ensemble_diagnostic,
        tbl_environment,
        tbl_flow,
        tbl_hsct,
        tbl_os,
        tbl_os_after_hsct,
        tbl_os_hsct,
        tbl_provenance,
        tbl_response,
        tbl_td,
    )
