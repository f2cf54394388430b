"""Benchmark ``rrall.survival`` against lifelines on synthetic cohorts.

    .venv/bin/python bench/bench_survival.py [--sizes 10000 100000 1000000 3000000]
                                             [--runs 5] [--no-write]

Data (made inside each child, seeded, not timed): ``n`` patients in two groups ("hsct" and
"no_hsct", half each), exponential survival (mean 3 and 2 years), exponential censoring
(about 30% censored), follow-up in whole days as in the study data.

For each size and each step, one warm-up child and then ``--runs`` children, each a fresh
process that imports, makes the data, and times one step (imports and data excluded):

- ``km``: ``rrall.survival.km_curve`` (KM with the Greenwood log-log 95% CI), all patients;
- ``km_lifelines``: lifelines ``KaplanMeierFitter().fit`` (which computes its CI), the same;
- ``logrank``: ``rrall.survival.logrank`` with a boolean group;
- ``logrank_lifelines``: lifelines ``logrank_test`` on the two samples;
- ``analyse``: ``rrall.survival.analyse``, the whole two-group OS analysis (curves, censor
  marks, landmarks, medians, risk table, log-rank) from a frame with string group labels.

Reports the median time of the runs and the peak RSS of the first measured child
(``ru_maxrss``, imports and data included), prints progress and a table, and writes the section between
``<!-- bench_survival:start -->`` and ``<!-- bench_survival:end -->`` of ``bench/RESULTS.md``.
Targets at 10^6 patients: KM and log-rank each < 0.3 s and within 1.5x of lifelines;
``analyse`` < 1 s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _results import machine, run_children, today, write_section

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10_000, 100_000, 1_000_000, 3_000_000)
TARGET_N, TARGET_S, TARGET_RATIO, TARGET_ANALYSE_S = 1_000_000, 0.3, 1.5, 1.0

_DATA = """
rng = np.random.default_rng(20170101)
n = {n}
hsct = rng.random(n) < 0.5
death = rng.exponential(np.where(hsct, 3.0, 2.0))
censor = rng.exponential(1 / 0.18, n)
days = np.ceil(np.minimum(death, censor) * 365.25)
years = days / 365.25
died = death <= censor
frame = pd.DataFrame({{"os_years": years, "os_event": died,
                       "group": np.where(hsct, "hsct", "no_hsct").astype(object)}})
time_s, event_s = frame["os_years"], frame["os_event"]
"""

_STEPS = {
    "km": (
        "from rrall.survival import km_curve",
        "out = km_curve(time_s, event_s)",
    ),
    "km_lifelines": (
        "from lifelines import KaplanMeierFitter",
        "kmf = KaplanMeierFitter().fit(years, died); out = kmf.confidence_interval_",
    ),
    "logrank": (
        "from rrall.survival import logrank",
        "out = logrank(time_s, event_s, hsct)",
    ),
    "logrank_lifelines": (
        "from lifelines.statistics import logrank_test",
        "out = logrank_test(years[hsct], years[~hsct], died[hsct], died[~hsct])",
    ),
    "analyse": (
        "from rrall.survival import analyse",
        "out = analyse(frame, key='os_hsct', time='os_years', event='os_event', group='group',"
        " order=('hsct', 'no_hsct'))",
    ),
}

_CHILD = """
import gc, json, resource, time
t0 = time.perf_counter()
import numpy as np, pandas as pd
{imports}
t1 = time.perf_counter()
{data}
gc.collect()
a = time.perf_counter()
{step}
b = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
print(json.dumps({{"s": b - a, "import_s": t1 - t0, "rss_gb": rss / 2**30, "events": int(died.sum())}}))
"""


def _code(step: str, n: int) -> str:
    imports, body = _STEPS[step]
    return _CHILD.format(imports=imports, data=_DATA.format(n=n), step=body)


def _measure(step: str, n: int, runs: int) -> dict[str, float]:
    code = _code(step, n)
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return run_children(code, runs, f"n={n:,} {step}", ("s",))


def _versions() -> str:
    import lifelines
    import numpy
    import pandas

    return (
        f"numpy {numpy.__version__}, pandas {pandas.__version__}, lifelines {lifelines.__version__}"
    )


def _table(results: dict[int, dict[str, dict[str, float]]]) -> str:
    head = (
        "| patients | KM ours (s) | KM lifelines (s) | ratio | log-rank ours (s) "
        "| log-rank lifelines (s) | ratio | `analyse` (s) | peak RSS `analyse` (GB) |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    rows = []
    for n, r in results.items():
        km, kml = r["km"]["s"], r["km_lifelines"]["s"]
        lr, lrl = r["logrank"]["s"], r["logrank_lifelines"]["s"]
        rows.append(
            f"| {n:,} | {km:.3f} | {kml:.3f} | {km / kml:.2f} | {lr:.3f} | {lrl:.3f} "
            f"| {lr / lrl:.2f} | {r['analyse']['s']:.3f} | {r['analyse']['rss_gb']:.2f} |"
        )
    return head + "\n".join(rows)


def _verdict(results: dict[int, dict[str, dict[str, float]]]) -> str:
    r = results.get(TARGET_N)
    if r is None:
        return "- targets (10^6 patients): not measured in this run"
    km, kml = r["km"]["s"], r["km_lifelines"]["s"]
    lr, lrl = r["logrank"]["s"], r["logrank_lifelines"]["s"]
    ok_km = km < TARGET_S and km <= TARGET_RATIO * kml
    ok_lr = lr < TARGET_S and lr <= TARGET_RATIO * lrl
    ok_an = r["analyse"]["s"] < TARGET_ANALYSE_S

    def yes(ok: bool) -> str:
        return "met" if ok else "NOT met"

    return (
        f"- targets at 10^6 patients: KM < {TARGET_S} s and <= {TARGET_RATIO}x lifelines: "
        f"{yes(ok_km)}; log-rank the same: {yes(ok_lr)}; `analyse` < {TARGET_ANALYSE_S} s: "
        f"{yes(ok_an)}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-write", action="store_true", help="print only, leave RESULTS.md")
    args = ap.parse_args()

    results: dict[int, dict[str, dict[str, float]]] = {}
    total = len(args.sizes) * len(_STEPS)
    k = 0
    for n in args.sizes:
        results[n] = {}
        for step in _STEPS:
            k += 1
            print(f"== [{k}/{total}] n={n:,} {step}: 1 warm-up + {args.runs} runs", flush=True)
            results[n][step] = _measure(step, n, args.runs)
            r = results[n][step]
            print(f"   median {r['s']:.3f} s, peak RSS {r['rss_gb']:.2f} GB", flush=True)

    table = _table(results)
    body = "\n".join(
        [
            "## Survival: Kaplan-Meier, log-rank and the whole OS analysis",
            "",
            f"- date: {today()}",
            f"- machine: {machine()}",
            f"- {_versions()}",
            f"- median of {args.runs} runs after one warm-up, each a fresh process "
            "(`python bench/bench_survival.py`); imports and data generation excluded",
            "- data: two groups, ~30% censored, follow-up in whole days (seeded)",
            _verdict(results),
            "",
            table,
        ]
    )
    print()
    print(body)
    if not args.no_write:
        write_section("bench_survival", body)
        print(f"\nwritten: {ROOT / 'bench' / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
