"""``python -m rrall validate [folder]``: check the data, print every problem, exit 1 on any."""

from __future__ import annotations

import sys
from pathlib import Path

from rrall.cohort import load_cohort
from rrall.schema import DataValidationError


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("reconstruct", "ensemble"):  # the rebuild layer's commands
        from rrall.rebuild import cli

        return cli.main(args)
    if not args or args[0] != "validate":
        print("usage: python -m rrall validate|reconstruct|ensemble ...", file=sys.stderr)
        return 2
    folder = Path(args[1]) if len(args) > 1 else None
    try:
        cohort = load_cohort(folder)
    except DataValidationError as err:
        print(err.report(), file=sys.stderr)
        return 1
    n_scr = len(cohort.screening)
    print(
        f"data OK / 자료 검증 통과: {n_scr} screened, {len(cohort.patients)} eligible, "
        f"{len(cohort.analysed)} analysed ({', '.join(sorted(cohort.sources.values()))})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
