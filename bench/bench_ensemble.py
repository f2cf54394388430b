"""Time the ensemble: 200 cohorts on every core (target: < 2 min on 2 cores), the time of one
cohort, and how it scales from one process to two. Writes to scratch folders only.

Each timing is the median of ``--runs`` fresh processes (``python -m rrall ensemble``). The
one-cohort time is measured in one warm process over ``--cohorts`` seeds (build, write, load,
audit, timeline rules, statistics). The machine may be shared: the load average before each
measurement is recorded beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _results import machine, today, write_section

ONE = r"""
import json, sys, time
from rrall.rebuild import ensemble
ensemble._warm()
ensemble.cohort_row(1)  # first-use costs out of the way
seeds = ensemble.cohort_seeds(99, int(sys.argv[1]))
wall, cpu = [], []
for s in seeds:
    t0, c0 = time.perf_counter(), time.process_time()
    ensemble.cohort_row(s)
    wall.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
print(json.dumps({"wall": wall, "cpu": cpu}))
"""


def _load() -> float:
    return os.getloadavg()[0]


def _ensemble(n: int, jobs: int) -> tuple[float, float]:
    """Wall seconds of one ``python -m rrall ensemble`` run, and the load before it."""
    load = _load()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "rrall", "ensemble", "--n", str(n), "--jobs", str(jobs),
             "--no-progress", "--out", tmp],
            check=True,
            capture_output=True,
        )  # fmt: skip
        return time.perf_counter() - t0, load


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200, help="cohorts of the timed run")
    ap.add_argument("--scaling-n", type=int, default=40, help="cohorts of the scaling runs")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cohorts", type=int, default=20, help="seeds of the one-cohort timing")
    a = ap.parse_args()
    cores = os.cpu_count() or 1
    r = subprocess.run(
        [sys.executable, "-c", ONE, str(a.cohorts)], capture_output=True, text=True, check=True
    )
    one = json.loads(r.stdout.strip().splitlines()[-1])
    wall1, cpu1 = statistics.median(one["wall"]), statistics.median(one["cpu"])
    print(f"[bench_ensemble] one cohort: median {wall1:.2f} s wall, {cpu1:.2f} s CPU", flush=True)
    timed: dict[tuple[int, int], list[tuple[float, float]]] = {}
    plan = [(a.n, cores)] + [(a.scaling_n, j) for j in sorted({1, min(2, cores)})]
    for n, jobs in plan:
        for i in range(a.runs):
            sec, load = _ensemble(n, jobs)
            timed.setdefault((n, jobs), []).append((sec, load))
            print(f"[bench_ensemble] n={n} jobs={jobs} run {i + 1}/{a.runs}: {sec:.1f} s "
                  f"(load {load:.1f})", flush=True)  # fmt: skip

    def med(n: int, jobs: int) -> float:
        return statistics.median(s for s, _ in timed[(n, jobs)])

    def loads(n: int, jobs: int) -> str:
        return ", ".join(f"{lo:.1f}" for _, lo in timed[(n, jobs)])

    main_s = med(a.n, cores)
    s1, s2 = med(a.scaling_n, 1), med(a.scaling_n, min(2, cores))
    body = f"""## Ensemble: {a.n} reconstructions

- Machine: {machine()}
- Date: {today()}; median of {a.runs} runs, each a fresh `python -m rrall ensemble` process
  (`python bench/bench_ensemble.py`); load average (1 min) before each run in brackets: the
  machine may be shared, and a loaded machine stretches wall times
- Target: {a.n} cohorts in under 2 minutes on 2 cores

| measurement | median | target |
|---|---|---|
| {a.n} cohorts, {cores} processes (load {loads(a.n, cores)}) | {main_s:.1f} s | < 120 s |
| one cohort in a warm process: build, write, load, audit, timeline, statistics | {wall1:.2f} s wall, {cpu1:.2f} s CPU | < 1.2 s CPU (0.6 s per cohort with 2 cores) |
| {a.n} cohorts expected on an idle machine: {a.n} x {cpu1:.2f} s CPU / {cores} cores + ~3 s start-up | {a.n * cpu1 / cores + 3:.0f} s | < 120 s |
| {a.scaling_n} cohorts, 1 process (load {loads(a.scaling_n, 1)}) | {s1:.1f} s ({s1 / a.scaling_n:.2f} s per cohort) | — |
| {a.scaling_n} cohorts, {min(2, cores)} processes (load {loads(a.scaling_n, min(2, cores))}) | {s2:.1f} s ({s2 / a.scaling_n:.2f} s per cohort) | — |
| speed-up, 1 -> {min(2, cores)} processes | {s1 / s2:.2f}x | — |

A load average at or above the number of cores means other work held the cores: the wall
times then measure the sharing, and the speed-up from a second process cannot show (each
cohort is independent, so on an idle machine it approaches the number of cores).

Each run includes the start-up of the processes (imports, the proofs, about 3 s).
Building one cohort took 2.5 s before this layer was restructured, mostly the survival search
(now: order of events first, then days, groups, and the log-rank tuned by swaps that keep every
KM value); the one-cohort row above is now the whole cost of a cohort, its build included.
"""
    write_section("bench_ensemble", body)
    print(f"[bench_ensemble] {a.n} cohorts in {main_s:.1f} s (target < 120 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
