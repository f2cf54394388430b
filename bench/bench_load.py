"""Benchmark load + validate + derive through the contract's one validation path.

    .venv/bin/python bench/bench_load.py [--n 1000000] [--runs 5] [--sizes 10000,...]
                                         [--scratch DIR] [--no-write]

Every measurement is a whole fresh process, imports included, timed from outside (wall time,
and CPU time and peak RSS from ``os.wait4``); one warm-up run, then the median of ``--runs``:

- ``validate``: ``python -m rrall validate <folder>`` on ``--n`` generated patients (as the
  render's pre-render step runs it); exit 0;
- the peer: pandas alone reading the same six files into typed frames (``engine="pyarrow"``,
  date columns parsed), no check, no derivation;
- ``load (contract + cohort only)``: a process that imports ``rrall.contract`` and
  ``rrall.cohort`` and calls ``load_cohort`` (``rrall/__init__`` is lazy: nothing else loads);
- ``import rrall``: the package alone (its lazy ``__init__``);
- ``validate, one error per row``: ``python -m rrall validate`` on the same patients with one
  broken cell in every row of every file (exit 1; the report is capped);
- the study data ``data/``;
- growth: ``validate`` and the peer at each of ``--sizes`` patients (default 10^4 to 3x10^6).

Generated folders go to ``bench/_scratch/`` (made by ``bench/_gen.py`` when missing). Writes
the section between ``<!-- bench_load:start -->`` and ``<!-- bench_load:end -->`` of
``bench/RESULTS.md``. Targets for 10^6 patients: median under 3 s, peak RSS under 2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _results import RESULTS, machine, today, write_section

ROOT = Path(__file__).resolve().parent.parent
TARGET_S, TARGET_GB = 3.0, 2.0

_LOAD = "import sys\nimport rrall.contract, rrall.cohort\nrrall.cohort.load_cohort(sys.argv[1])\n"
_IMPORT = "import rrall\n"
#: the peer: pandas alone reading the same six files into typed frames (pyarrow engine, the
#: codebook's date columns as dates, passed as JSON in argv[2] by :func:`_peer`), with no check
#: and no derivation: the floor any validator built on pandas pays
_PEER = """import json, sys
from pathlib import Path
import pandas as pd
for name, dates in json.loads(sys.argv[2]).items():
    frame = pd.read_csv(Path(sys.argv[1]) / f"{name}.csv", engine="pyarrow")
    for col in dates:
        frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d")
"""


#: Arrow alone reading the same six files (types inferred), no pandas: the floor of any reader
_ARROW = """import sys
from pathlib import Path
import pyarrow.csv as csv
for path in sorted(Path(sys.argv[1]).glob("*.csv")):
    csv.read_csv(path)
"""

#: where one load's time goes: the contract's and the cohort's steps, timed inside one process
#: by wrapping the functions ``validate_folder_keys`` and ``load_cohort`` call (seconds, as JSON)
_STEPS = """import json, sys, time
t0 = time.perf_counter()
import rrall.cohort as C
import rrall.contract.parse as P
import rrall.contract.validate as V
spent = {"imports": time.perf_counter() - t0}
def timed(owner, name, label):
    f = getattr(owner, name)
    def g(*a, **k):
        t = time.perf_counter()
        try:
            return f(*a, **k)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - t
    setattr(owner, name, g)
for owner, name, label in json.loads(sys.argv[2]):
    timed({"V": V, "C": C, "Table": P.Table}[owner], name, label)
t = time.perf_counter()
C.load_cohort(sys.argv[1])
spent["total"] = spent["imports"] + time.perf_counter() - t
print(json.dumps(spent))
"""

_READ = "reading the files (Arrow, as text)"
_ENCODE = "encoding each column's distinct texts"
#: (module, function, label) of each step, in the order of a load; ``_prepare`` reads a file and
#: encodes its columns, so the encoding is its time less the reading's
STEPS: tuple[tuple[str, str, str], ...] = (
    ("V", "read_entity", _READ),
    ("V", "_prepare", _ENCODE),
    ("V", "encode_joint", "matching identifiers across files"),
    ("V", "_check_file", "header, identifier guard and parsing"),
    ("V", "check_columns", "column rules"),
    ("V", "check_rows", "row rules"),
    ("V", "check_crossfile", "rules across files"),
    ("V", "check_timeline", "timeline rules"),
    ("Table", "frame", "building the pandas frames"),
    ("C", "_derive", "derivation (the cohort)"),
)


def _steps(py: str, folder: Path, runs: int) -> list[tuple[str, float]]:
    """Median seconds of each step of ``runs`` loads of ``folder``, each in a fresh process."""
    cmd = [py, "-c", _STEPS, str(folder), json.dumps(STEPS)]
    labels = ["imports", *(label for _, _, label in STEPS)]
    got: list[dict[str, float]] = []
    for k in range(runs + 1):  # the first is a warm-up
        out = subprocess.run(cmd, cwd=ROOT, env=_env(), capture_output=True, text=True, check=True)
        if k:
            g = json.loads(out.stdout)
            g[_ENCODE] -= g[_READ]
            g["everything else"] = g["total"] - sum(g[label] for label in labels)
            got.append(g)
            print(f"  steps {k}/{runs}: {g['total']:.2f} s", flush=True)
    labels += ["everything else", "total"]
    return [(label, statistics.median(g[label] for g in got)) for label in labels]


def _peer(py: str, folder: Path) -> list[str]:
    """The peer's command on ``folder``: each file of the contract with its date columns, read
    from the folder's codebook."""
    from rrall.contract import ENTITIES, load_codebook

    book = load_codebook(folder)
    dates = {
        e: [c for c, spec in book.columns(e).items() if spec["type"] == "date"] for e in ENTITIES
    }
    return [py, "-c", _PEER, str(folder), json.dumps(dates)]


@dataclass
class Run:
    wall: float
    cpu: float
    rss: float  # bytes
    code: int
    err_bytes: int


def _env() -> dict[str, str]:
    """The environment of every measured process: no bytecode written, no ``RRALL_DATA``."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("RRALL_DATA", None)
    return env


def _once(args: list[str]) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, proc.returncode, len(err)
    )


def _series(label: str, args: list[str], runs: int, expect: int) -> dict:
    _once(args)  # warm-up: page cache, bytecode
    got = []
    for k in range(runs):
        r = _once(args)
        if r.code != expect:
            raise SystemExit(f"{label}: exit {r.code}, expected {expect}")
        got.append(r)
        print(
            f"  {label} {k + 1}/{runs}: {r.wall:.2f} s wall, {r.cpu:.2f} s CPU, "
            f"{r.rss / 2**30:.2f} GB",
            flush=True,
        )
    return {
        "label": label,
        "runs": runs,
        "median_s": statistics.median(r.wall for r in got),
        "best_s": min(r.wall for r in got),
        "cpu_s": statistics.median(r.cpu for r in got),
        "peak_gb": max(r.rss for r in got) / 2**30,
        "report_kb": max(r.err_bytes for r in got) / 1024,
    }


def _folder(scratch: Path, n: int, bad: bool) -> Path:
    folder = scratch / f"n{n}{'_bad' if bad else ''}"
    if not (folder / "followup.csv").exists():
        print(f"generating {folder} ...", flush=True)
        cmd = [sys.executable, str(ROOT / "bench" / "_gen.py"), "--n", str(n), str(folder)]
        subprocess.run([*cmd, "--bad"] if bad else cmd, check=True)
    return folder


def _versions() -> str:
    import numpy
    import pandas
    import pyarrow

    return f"pandas {pandas.__version__}, numpy {numpy.__version__}, pyarrow {pyarrow.__version__}"


def _section(
    rows: list[dict],
    n: int,
    load: str,
    growth: list[tuple[int, dict, dict]],
    steps: list[tuple[str, float]],
) -> str:
    lines = [
        "## Load + validate + derive",
        "",
        "Each run a whole fresh process, imports included (`bench/bench_load.py`); one warm-up,",
        "then the median wall time, the median CPU time (user + system) and the highest peak RSS.",
        f"{n:,} generated patients (`bench/_gen.py`: {n:,} eligible, 5% more screened, ~2 agents",
        'each); "one error per row" breaks one cell in every row of every file.',
        "",
        f"- date: {today()}",
        f"- machine: {machine()}",
        f"- load average at the start: {load} (the machine is shared: wall times vary; CPU",
        "  times less)",
        f"- {_versions()}",
        f"- targets ({n:,} patients): median < {TARGET_S:g} s, peak RSS < {TARGET_GB:g} GB",
        "",
        "| process | runs | median (s) | best (s) | CPU (s) | peak RSS (GB) | stderr (KB) | target met |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        met = "-"
        if r.get("target"):
            met = "yes" if r["median_s"] < TARGET_S and r["peak_gb"] < TARGET_GB else "no"
        lines.append(
            f"| {r['label']} | {r['runs']} | {r['median_s']:.2f} | {r['best_s']:.2f} | "
            f"{r['cpu_s']:.2f} | {r['peak_gb']:.2f} | {r['report_kb']:.0f} | {met} |"
        )
    lines += [
        "",
        "How it grows: `python -m rrall validate` (read, every rule, derive) beside the peer,",
        "pandas alone reading the same six files into typed frames with no check, in the same run",
        "(whole processes, imports included; median of the runs above after a warm-up).",
        "",
        "| patients | validate (s) | CPU (s) | peak RSS (GB) | peer (s) | peer peak RSS (GB) "
        "| validate / peer |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, ours, peer in growth:
        lines.append(
            f"| {size:,} | {ours['median_s']:.2f} | {ours['cpu_s']:.2f} | {ours['peak_gb']:.2f} "
            f"| {peer['median_s']:.2f} | {peer['peak_gb']:.2f} "
            f"| {ours['median_s'] / peer['median_s']:.2f} |"
        )
    runs = rows[0]["runs"]
    lines += [
        "",
        f"Where one load of {n:,} patients spends its time: each step timed inside one fresh",
        f"process (`load_cohort`, as `rrall validate` calls it; median of {runs} runs after a",
        "warm-up, run after the table above: the machine's speed may have moved in between, so",
        "the total need not equal the whole process's median there).",
        "",
        "| step | median (s) | share |",
        "|---|---:|---:|",
    ]
    total = steps[-1][1]
    for label, sec in steps:
        lines.append(f"| {label} | {sec:.2f} | {100 * sec / total:.0f}% |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="generated patients (default 10^6)")
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    ap.add_argument("--scratch", type=Path, default=ROOT / "bench" / "_scratch")
    ap.add_argument(
        "--sizes",
        type=lambda t: [int(x) for x in t.split(",") if x],
        default=[10_000, 100_000, 1_000_000, 3_000_000],
        help="patients for the growth table (comma-separated; default 10^4,10^5,10^6,3x10^6)",
    )
    ap.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = ap.parse_args(argv)
    good = _folder(args.scratch, args.n, bad=False)
    bad = _folder(args.scratch, args.n, bad=True)
    py = sys.executable
    load = (
        " ".join(Path("/proc/loadavg").read_text().split()[:3])
        if Path("/proc/loadavg").exists()
        else "?"
    )
    plan = [
        (
            f"`python -m rrall validate` ({args.n:,})",
            [py, "-m", "rrall", "validate", str(good)],
            0,
            True,
        ),
        (
            f"peer: pandas `read_csv` of the same files, no checks ({args.n:,})",
            _peer(py, good),
            0,
            False,
        ),
        (
            f"floor: Arrow alone reading the same files, no pandas, no check ({args.n:,})",
            [py, "-c", _ARROW, str(good)],
            0,
            False,
        ),
        (
            f"load, `rrall.contract` + `rrall.cohort` only ({args.n:,})",
            [py, "-c", _LOAD, str(good)],
            0,
            True,
        ),
        ("`import rrall` alone (lazy `__init__`)", [py, "-c", _IMPORT], 0, False),
        (
            f"`python -m rrall validate`, one error per row ({args.n:,})",
            [py, "-m", "rrall", "validate", str(bad)],
            1,
            False,
        ),
        (
            "`python -m rrall validate` (study data, 64 patients)",
            [py, "-m", "rrall", "validate"],
            None,
            False,
        ),
    ]
    rows = []
    for label, cmd, expect, target in plan:
        print(f"{label}:", flush=True)
        if expect is None:  # the study data: whatever data/ gives (see tests/conftest.py)
            expect = _once(cmd).code
        row = _series(label, cmd, args.runs, expect)
        row["target"] = target
        rows.append(row)
    print(f"steps ({args.n:,} patients):", flush=True)
    steps = _steps(py, good, args.runs)
    growth = []
    for n in sorted({*args.sizes, args.n}):
        if n == args.n:  # measured above
            ours, peer = rows[0], rows[1]
        else:
            folder = _folder(args.scratch, n, bad=False)
            print(f"growth, {n:,} patients:", flush=True)
            ours = _series(
                f"validate {n:,}", [py, "-m", "rrall", "validate", str(folder)], args.runs, 0
            )
            peer = _series(f"peer {n:,}", _peer(py, folder), args.runs, 0)
        growth.append((n, ours, peer))
    print("\nwhere the time goes (median s):")
    for label, sec in steps:
        print(f"  {sec:6.2f} s  {label}")
    print("\nsummary (median wall, CPU, peak RSS):")
    for r in rows:
        print(
            f"  {r['median_s']:6.2f} s  {r['cpu_s']:6.2f} s CPU  {r['peak_gb']:5.2f} GB  {r['label']}"
        )
    if not args.no_write:
        write_section("bench_load", _section(rows, args.n, load, growth, steps))
        print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
