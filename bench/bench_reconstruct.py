"""Time building one reconstructed cohort (target: < 10 s). Writes to a scratch folder only."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _results import machine, run_children, today, write_section

CHILD = r"""
import json, time, tempfile, pathlib
t0 = time.perf_counter()
from rrall.rebuild.reconstruct import build_cohort, write_cohort
t1 = time.perf_counter()
rec = build_cohort()
t2 = time.perf_counter()
with tempfile.TemporaryDirectory() as d:
    write_cohort(rec, pathlib.Path(d) / "out")
t3 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "build": t2 - t1, "write": t3 - t2}))
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    med = run_children(CHILD, a.runs, "bench_reconstruct", ("imports", "build", "write"))
    print(f"[bench_reconstruct] median build {med['build']:.2f} s (target < 10 s)")
    body = f"""## Reconstruction of one cohort

- Machine: {machine()}
- Date: {today()}; median of {a.runs} runs, each a fresh process (`python bench/bench_reconstruct.py`)

| step | median (s) | target |
|---|---|---|
| imports | {med["imports"]:.2f} | — |
| build the cohort (survival search included) | {med["build"]:.2f} | < 10 |
| write the files | {med["write"]:.2f} | — |
"""
    write_section("bench_reconstruct", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
