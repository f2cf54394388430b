"""Benchmark ``rrall.load_cohort()`` (read + validate + derive).

    .venv/bin/python bench/bench_load.py [--n 1000000] [--runs 3] [--study-runs 5]

Times (a) the study data ``data/`` and (b) a generated folder of ``--n`` patients
(``bench/_scratch/n<N>``, made by ``bench/_gen.py`` when missing). Each run is a fresh
subprocess that imports rrall, loads, and reports its wall time and peak RSS
(``ru_maxrss`` after the load). Prints progress and a summary, and writes the section
"## Load + validate + derive" of ``bench/RESULTS.md`` between the markers
``<!-- bench_load:start -->`` and ``<!-- bench_load:end -->`` (other sections are kept).
Targets: 10^6 patients in under 5 s and under 2 GB peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _results import RESULTS, machine, today, write_section

ROOT = Path(__file__).resolve().parent.parent
TARGET_S, TARGET_GB = 5.0, 2.0

_CHILD = """
import json, resource, sys, time
t0 = time.perf_counter()
from rrall import load_cohort
t1 = time.perf_counter()
c = load_cohort(sys.argv[1])
t2 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "rss": rss,
                  "patients": len(c.patients), "agents": len(c.agents)}))
"""


def _one(folder: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run(
        [sys.executable, "-c", _CHILD, str(folder)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    if res.returncode != 0:
        raise SystemExit(f"load_cohort({folder}) failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def _series(label: str, folder: Path, runs: int) -> dict:
    got = []
    for k in range(runs):
        r = _one(folder)
        got.append(r)
        print(
            f"  {label} run {k + 1}/{runs}: {r['load_s']:.2f} s, peak RSS {r['rss'] / 2**30:.2f} GB"
            f" ({r['patients']:,} patients)",
            flush=True,
        )
    return {
        "label": label,
        "folder": str(folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder),
        "runs": runs,
        "median_s": statistics.median(r["load_s"] for r in got),
        "min_s": min(r["load_s"] for r in got),
        "peak_gb": max(r["rss"] for r in got) / 2**30,
        "patients": got[0]["patients"],
    }


def _versions() -> str:
    import numpy
    import pandas
    import pyarrow

    return f"pandas {pandas.__version__}, numpy {numpy.__version__}, pyarrow {pyarrow.__version__}"


def _section(rows: list[dict]) -> str:
    lines = [
        "## Load + validate + derive",
        "",
        "`rrall.load_cohort()` in a fresh subprocess per run (`bench/bench_load.py`); median wall",
        "time of the load (imports excluded) and the highest peak RSS over the runs.",
        "",
        f"- date: {today()}",
        f"- machine: {machine()}",
        f"- {_versions()}",
        f"- targets (10^6 patients): < {TARGET_S:g} s, < {TARGET_GB:g} GB peak",
        "",
        "| data | patients | runs | median (s) | best (s) | peak RSS (GB) | target met |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        big = r["patients"] >= 10**6
        met = (r["median_s"] < TARGET_S and r["peak_gb"] < TARGET_GB) if big else None
        lines.append(
            f"| {r['folder']} | {r['patients']:,} | {r['runs']} | {r['median_s']:.2f} | {r['min_s']:.2f}"
            f" | {r['peak_gb']:.2f} | {'-' if met is None else ('yes' if met else 'no')} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="time rrall.load_cohort on the study data and N patients"
    )
    ap.add_argument("--n", type=int, default=1_000_000, help="generated patients (default 10^6)")
    ap.add_argument("--runs", type=int, default=3, help="runs on the generated folder (default 3)")
    ap.add_argument("--study-runs", type=int, default=5, help="runs on data/ (default 5)")
    ap.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = ap.parse_args(argv)

    big = ROOT / "bench" / "_scratch" / f"n{args.n}"
    if not (big / "followup.csv").exists():
        print(f"generating {args.n:,} patients in {big} ...", flush=True)
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "_gen.py"), "--n", str(args.n), str(big)],
            check=True,
        )
    rows = []
    print(f"study data ({args.study_runs} runs):", flush=True)
    rows.append(_series("study", ROOT / "data", args.study_runs))
    print(f"{args.n:,} patients ({args.runs} runs):", flush=True)
    rows.append(_series(f"n{args.n}", big, args.runs))

    print("\nsummary (median wall time of load_cohort, peak RSS):")
    for r in rows:
        print(
            f"  {r['folder']:<28} {r['patients']:>10,} patients  {r['median_s']:7.2f} s  {r['peak_gb']:5.2f} GB"
        )
    print(f"  targets for 10^6 patients: < {TARGET_S:g} s, < {TARGET_GB:g} GB")
    if not args.no_write:
        write_section("bench_load", _section(rows))
        print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
