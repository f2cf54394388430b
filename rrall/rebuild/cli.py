"""Command lines of the rebuild layer: ``main_reconstruct`` and ``main_ensemble``.

``python -m rrall reconstruct [--seed N] [--out FOLDER]`` rebuilds the reconstructed cohort
(default: the data folder) and ``python -m rrall ensemble [--n N] [--seed S] [--jobs J]``
builds many and writes their statistics (see :mod:`rrall.rebuild.ensemble`). Both also run as
``python -m rrall.rebuild reconstruct|ensemble``. Exit codes: 0 done, 1 a cohort failed its
checks, 2 a usage error or a folder the reconstruction may not write to.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

__all__ = ["main", "main_ensemble", "main_reconstruct"]


def main_reconstruct(argv: list[str] | None = None) -> int:
    """Rebuild the reconstructed data files and print where and what was written."""
    from rrall.paths import data_dir
    from rrall.rebuild.reconstruct import (
        SEED,
        FolderNotOursError,
        build_cohort,
        check_folder,
        write_cohort,
    )

    ap = argparse.ArgumentParser(
        prog="python -m rrall reconstruct",
        description="Rebuild the reconstructed (synthetic) cohort from the published numbers.",
    )
    ap.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    ap.add_argument("--out", type=Path, default=None, help="folder (default: the data folder)")
    args = ap.parse_args(argv)
    folder = (args.out or data_dir()).resolve()
    t0 = time.perf_counter()
    print(f"[reconstruct] writing to {folder}", flush=True)
    try:
        check_folder(folder)
        rec = build_cohort(seed=args.seed, progress=lambda m: print(f"[reconstruct] {m}"))
        paths = write_cohort(rec, folder)
    except FolderNotOursError as err:
        print(f"[reconstruct] {err}", file=sys.stderr)
        return 2
    for p in paths:
        rows = f": {len(rec.frames[p.stem])} rows" if p.stem in rec.frames else ""
        print(f"[reconstruct] wrote {p}{rows}")
    print(f"[reconstruct] done in {time.perf_counter() - t0:.1f} s")
    return 0


def main_ensemble(argv: list[str] | None = None) -> int:
    """Build many reconstructions and write their statistics (see :mod:`rrall.rebuild.ensemble`)."""
    from rrall.rebuild import ensemble

    return ensemble.main(argv)


def main(argv: list[str] | None = None) -> int:
    """``python -m rrall.rebuild reconstruct|ensemble ...``"""
    args = sys.argv[1:] if argv is None else argv
    commands = {"reconstruct": main_reconstruct, "ensemble": main_ensemble}
    if not args or args[0] not in commands:
        print("usage: python -m rrall.rebuild reconstruct|ensemble [options]", file=sys.stderr)
        return 2
    return commands[args[0]](args[1:])
