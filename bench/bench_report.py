"""Time the imports alone, and computing every table and figure of the report in one process.

Each run is a fresh subprocess; the median of several runs is reported (target: < 1 s for all
tables and figures, imports excluded). Writes the "report" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _results import machine, run_children, today, write_section

CHILD = r"""
import json, os, time
os.environ.setdefault("MPLBACKEND", "Agg")
t0 = time.perf_counter()
import rrall
from rrall import figures, tables, audit, numbers, cohort  # noqa: F401
t1 = time.perf_counter()
c = rrall.load_cohort()
t2 = time.perf_counter()
out = []
for lang in ("ko", "en"):
    n = rrall.numbers(c)
    for f in (rrall.tbl_flow, rrall.tbl_characteristics, rrall.tbl_agents, rrall.tbl_response, rrall.tbl_hsct,
              rrall.tbl_os, rrall.tbl_os_hsct, rrall.tbl_os_after_hsct, rrall.tbl_provenance, rrall.tbl_audit):
        out.append(len(f(c, lang=lang).as_raw_html()))
    for f in (rrall.tbl_codebook, rrall.tbl_codes, rrall.tbl_contradictions):
        out.append(len(f(lang=lang).as_raw_html()))
    for f in (rrall.fig_os, rrall.fig_os_hsct, rrall.fig_os_after_hsct):
        import io
        b = io.BytesIO(); f(c, lang=lang).savefig(b, format="png"); out.append(b.tell())
t3 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "load": t2 - t1, "compute": t3 - t2, "items": len(out)}))
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    med = run_children(CHILD, a.runs, "bench_report", ("imports", "load", "compute"))
    items = int(med["items"])
    print(
        f"[bench_report] median: imports {med['imports']:.2f} s, load {med['load']:.2f} s, "
        f"{items} tables and figures (both languages) {med['compute']:.2f} s"
    )
    body = f"""## Report: imports, and every table and figure in one process

- Machine: {machine()}
- Date: {today()}; median of {a.runs} runs, each a fresh process (`python bench/bench_report.py`)

| step | median (s) | target |
|---|---|---|
| imports (`rrall` with tables, figures, audit) | {med["imports"]:.2f} | — |
| load + validate + derive the study data | {med["load"]:.2f} | < 5 |
| all {items} tables and figures, both languages (imports and load excluded) | {med["compute"]:.2f} | — |
| the same, per language (one edition renders one language) | {med["compute"] / 2:.2f} | < 1 |
"""
    write_section("bench_report", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
