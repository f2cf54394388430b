"""``python -m rrall validate [folder]``: check the data, print every problem, exit 1 on any."""

from __future__ import annotations

import sys
from pathlib import Path

from rrall.cohort import load_cohort
from rrall.labels import both
from rrall.schema import DataValidationError


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] != "validate":
        print("usage: python -m rrall validate [DATA_FOLDER]", file=sys.stderr)
        return 2
    folder = Path(args[1]) if len(args) > 1 else None
    try:
        cohort = load_cohort(folder)
    except DataValidationError as err:
        print(err.report(), file=sys.stderr)
        return 1
    n_scr = len(cohort.screening)
    print(
        both(
            "cli_data_ok",
            screened=n_scr,
            eligible=len(cohort.patients),
            analysed=len(cohort.analysed),
            files=", ".join(sorted(cohort.sources.values())),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
