"""Run every benchmark in turn (progress on stdout, results in bench/RESULTS.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "bench_render.py",
    "bench_chapters.py",
    "bench_survival.py",
    "bench_table1.py",
    "bench_reconstruct.py",
    "bench_ensemble.py",
    "bench_load.py",
]

if __name__ == "__main__":
    for i, s in enumerate(SCRIPTS, 1):
        if not (HERE / s).exists():
            continue
        print(f"== [{i}/{len(SCRIPTS)}] {s}", flush=True)
        subprocess.run([sys.executable, str(HERE / s)], check=True)
    print(f"== done; see {HERE / 'RESULTS.md'}")
