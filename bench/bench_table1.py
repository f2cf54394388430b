"""Benchmark Table 1 (``rrall.characteristics.table1``) beside ``tableone`` on the same patients.

    .venv/bin/python bench/bench_table1.py [--sizes 10000 100000 1000000 3000000] [--runs 5] [--no-write]

For each size: the patients ``bench/_gen.py`` generates (the folders bench_load uses, made when
missing), loaded through the contract; one warm-up of each, then the median of ``--runs`` of
each in this process, imports, generation and loading excluded. ``tableone`` (a bench extra, ``make bench`` installs it) summarises the
same seven variables: the three continuous ones as mean (SD) and the four categorical ones as
counts with percentages; ``table1`` computes more (mean, SD, median, minimum and maximum of each
continuous variable). Writes the ``bench_table1`` section of ``bench/RESULTS.md``. Target: ours
no slower than ``tableone`` at 10^6 patients.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import machine, today, write_section  # noqa: E402

from rrall.characteristics import table1  # noqa: E402
from rrall.cohort import Cohort, load_cohort  # noqa: E402

CATEGORICAL = ["sex", "cytogenetics", "immunophenotype", "disease_status"]
CONTINUOUS = ["age_at_rr", "height_cm", "weight_kg"]
SCRATCH = Path(__file__).resolve().parent / "_scratch"
TARGET_N = 1_000_000  # the size the target is set at


def cohort(n: int) -> Cohort:
    """``n`` generated patients (``bench/_gen.py``, the folder bench_load uses), loaded and
    validated through the contract like any data folder."""
    folder = SCRATCH / f"n{n}"
    if not (folder / "followup.csv").exists():
        print(f"[bench_table1] generating {folder} ...", flush=True)
        gen = [sys.executable, str(ROOT / "bench" / "_gen.py"), "--n", str(n), str(folder)]
        subprocess.run(gen, check=True)
    return load_cohort(folder)


def _time(fn, runs: int) -> float:
    fn()  # warm-up
    got = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        got.append(time.perf_counter() - t)
    return statistics.median(got)


def measure(n: int, runs: int) -> dict[str, float]:
    from tableone import TableOne

    c = cohort(n)
    df = c.patients

    def ours() -> None:
        table1(c)

    def peer() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            TableOne(df, columns=CONTINUOUS + CATEGORICAL, categorical=CATEGORICAL, pval=False)

    return {"n": n, "ours": _time(ours, runs), "peer": _time(peer, runs)}


def _section(rows: list[dict[str, float]], runs: int) -> str:
    import tableone

    at = [r for r in rows if r["n"] == TARGET_N]
    big = at[0] if at else max(rows, key=lambda r: r["n"])
    met = "met" if big["ours"] <= big["peer"] else "not met"
    lines = [
        "## Table 1 beside `tableone`",
        "",
        f"- date: {today()}",
        f"- machine: {machine()}",
        f"- pandas {pd.__version__}, tableone {tableone.__version__}",
        f"- median of {runs} runs after one warm-up, in one process (`python bench/bench_table1.py`);",
        "  imports, generation and loading excluded; patients from `bench/_gen.py` loaded through the",
        "  contract",
        "- `table1`: n, mean, SD, median, minimum, maximum of 3 continuous variables and counts",
        "  with half-up percentages over 4 categorical ones; `tableone`: mean (SD) and counts with",
        "  percentages of the same 7 variables",
        f"- target at {big['n']:,.0f} patients: no slower than `tableone`: {met}",
        "",
        "| patients | `table1` (s) | `tableone` (s) | ratio |",
        "|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,.0f} | {r['ours']:.3f} | {r['peer']:.3f} | {r['ours'] / r['peer']:.2f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000, 3_000_000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = ap.parse_args(argv)
    rows = []
    for k, n in enumerate(args.sizes, 1):
        print(f"[bench_table1] {k}/{len(args.sizes)}: {n:,} patients ...", flush=True)
        r = measure(n, args.runs)
        print(
            f"[bench_table1]   table1 {r['ours']:.3f} s, tableone {r['peer']:.3f} s "
            f"(ratio {r['ours'] / r['peer']:.2f})",
            flush=True,
        )
        rows.append(r)
    text = _section(rows, args.runs)
    print(text)
    if not args.no_write:
        write_section("bench_table1", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
