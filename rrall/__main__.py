"""``python -m rrall validate [folder]``: check the data; print every problem and exit 1, or
print a one-line summary and exit 0.

Only the contract and the cohort are imported (``rrall.__init__`` makes the rest of the package
available to chapters); the report of problems goes to stderr, in Korean and English.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rrall.cohort import load_cohort
from rrall.contract import DataValidationError
from rrall.labels.contract import contract_text


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("reconstruct", "ensemble"):  # the rebuild layer's commands
        from rrall.rebuild import cli

        return cli.main(args)
    if not args or args[0] != "validate" or len(args) > 2:
        print(contract_text("usage", "ko") + "\n" + contract_text("usage", "en"), file=sys.stderr)
        return 2
    folder = Path(args[1]) if len(args) > 1 else None
    try:
        cohort = load_cohort(folder)
    except DataValidationError as err:
        print(err.report(), file=sys.stderr)
        return 1
    fields = {
        "screened": len(cohort.screening),
        "eligible": len(cohort.patients),
        "analysed": cohort.n_analysed,
        "files": ", ".join(sorted(cohort.sources.values())),
    }
    print(
        contract_text("report_ok", "ko", **fields)
        + " / "
        + contract_text("report_ok", "en", **fields)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
