"""The data contract: what a study's export must look like, and the checks that hold it to it.

Modules, in the order validation uses them:

- :mod:`~rrall.contract.codebook`: the codebook (columns, codes, the study's own settings);
- :mod:`~rrall.contract.read`: files as text (CSV in UTF-8 or CP949, xlsx), header and lines;
- :mod:`~rrall.contract.parse`: text to typed values, once per distinct text;
- :mod:`~rrall.contract.guard`: direct identifiers, and what of the input may be printed;
- :mod:`~rrall.contract.rules`: each column's rules, and rules within the rows of one file;
- :mod:`~rrall.contract.crossfile`: references, eligibility, completeness, plausibility;
- :mod:`~rrall.contract.timeline`: the clinical timeline of each patient;
- :mod:`~rrall.contract.report`: violations, the collector, the bilingual report;
- :mod:`~rrall.contract.validate`: the entry point, :func:`validate_folder`;
- :mod:`~rrall.contract.eligibility` and :mod:`~rrall.contract.growth`: the study's
  eligibility criteria and the growth reference, also used by the analysis.
"""

from rrall.contract.codebook import (
    CODEBOOK_FILE,
    ENTITIES,
    Codebook,
    CodebookError,
    default_codebook_path,
    load_codebook,
)
from rrall.contract.eligibility import eligible_mask, ineligibility_reasons
from rrall.contract.growth import growth_reference
from rrall.contract.report import DataValidationError, Violation
from rrall.contract.validate import ValidatedData, validate_folder, validate_folder_keys

__all__ = [
    "CODEBOOK_FILE",
    "ENTITIES",
    "Codebook",
    "CodebookError",
    "DataValidationError",
    "ValidatedData",
    "Violation",
    "default_codebook_path",
    "eligible_mask",
    "growth_reference",
    "ineligibility_reasons",
    "load_codebook",
    "validate_folder",
    "validate_folder_keys",
]
