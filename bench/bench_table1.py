"""Benchmark Table 1 (``rrall.characteristics.table1``) beside ``tableone`` on the same patients.

    .venv/bin/python bench/bench_table1.py [--sizes 10000 100000 1000000] [--runs 5] [--no-write]

For each size: seeded synthetic patients with the columns Table 1 reads (age, height and weight
with ~2% missing, sex, cytogenetics, immunophenotype, disease status; codes from the codebook);
one warm-up of each, then the median of ``--runs`` of each in this process, imports and data
generation excluded. ``tableone`` (a bench extra, ``make bench`` installs it) summarises the
same seven variables: the three continuous ones as mean (SD) and the four categorical ones as
counts with percentages; ``table1`` computes more (mean, SD, median, minimum and maximum of each
continuous variable). Writes the ``bench_table1`` section of ``bench/RESULTS.md``. Target: ours
no slower than ``tableone`` at 10^6 patients.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import machine, today, write_section  # noqa: E402

from rrall.characteristics import table1  # noqa: E402
from rrall.contract import load_codebook  # noqa: E402

CATEGORICAL = ["sex", "cytogenetics", "immunophenotype", "disease_status"]
CONTINUOUS = ["age_at_rr", "height_cm", "weight_kg"]


def patients(n: int, seed: int = 20170101) -> pd.DataFrame:
    """``n`` synthetic patients with Table 1's columns (codes from the study's codebook)."""
    rng = np.random.default_rng(seed)
    codes = load_codebook(ROOT / "data").codes
    age = rng.uniform(1, 18, n)
    df = pd.DataFrame(
        {
            "age_at_rr": age,
            "height_cm": 75 + 5.5 * age + rng.normal(0, 6, n),
            "weight_kg": 9 + 2.6 * age + rng.normal(0, 4, n),
        }
    )
    for col in CONTINUOUS:
        df.loc[rng.random(n) < 0.02, col] = np.nan
    for col in CATEGORICAL:
        levels = list(codes[col])
        df[col] = pd.Series(rng.choice(levels, n), dtype="object")
    return df


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

    df = patients(n)
    cohort = SimpleNamespace(patients=df, codebook=load_codebook(ROOT / "data"))

    def ours() -> None:
        table1(cohort)  # type: ignore[arg-type]

    def peer() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            TableOne(df, columns=CONTINUOUS + CATEGORICAL, categorical=CATEGORICAL, pval=False)

    return {"n": n, "ours": _time(ours, runs), "peer": _time(peer, runs)}


def _section(rows: list[dict[str, float]], runs: int) -> str:
    import tableone

    big = max(rows, key=lambda r: r["n"])
    met = "met" if big["ours"] <= big["peer"] else "not met"
    lines = [
        "## Table 1 beside `tableone`",
        "",
        f"- date: {today()}",
        f"- machine: {machine()}",
        f"- pandas {pd.__version__}, tableone {tableone.__version__}",
        f"- median of {runs} runs after one warm-up, in one process (`python bench/bench_table1.py`);",
        "  imports and data generation excluded; seeded synthetic patients, ~2% of each continuous",
        "  value missing",
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
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
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
