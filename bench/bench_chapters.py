"""Time all chapters' code of one edition in one fresh kernel, beside the import floor.

    .venv/bin/python bench/bench_chapters.py [--runs 5] [--lang ko en] [--no-write]

For each edition: one warm-up, then ``--runs`` runs, each in a fresh Jupyter kernel (the
project's ``rrall`` kernel where registered). A run executes every chapter of the edition's
profile in book order, its cells and then its inline expressions (as ``tests/test_chapters.py``
does), and times them from the first cell to the last, the kernel's start excluded. The floor
runs the same way in a fresh kernel: ``import pandas, lifelines, matplotlib.pyplot, seaborn,
great_tables``, the libraries the chapters need, and nothing else. Target (issue 19): all
chapters' code of one edition <= 1.5 x the floor. Also reports where the time goes (the median
per chapter) and writes the ``bench_chapters`` section of ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import nbformat
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
from _results import machine, today, write_section  # noqa: E402

TARGET_RATIO = 1.5
FLOOR = "import pandas, lifelines, matplotlib.pyplot, seaborn, great_tables"


def _chapters(lang: str) -> list[Path]:
    prof = yaml.safe_load((ROOT / f"_quarto-{lang}.yml").read_text(encoding="utf-8"))
    book = prof["book"]
    hrefs = [c["href"] for c in book["chapters"]] + [c["href"] for c in book.get("appendices", [])]
    return [ROOT / h for h in hrefs]


def _timed(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    """A notebook that records ``time.perf_counter()`` after each named group of cells."""
    nb = nbformat.v4.new_notebook()
    nb.cells.append(
        nbformat.v4.new_code_cell("import time as __t\n__marks = [('start', __t.perf_counter())]")
    )
    for name, code in cells:
        nb.cells.append(nbformat.v4.new_code_cell(code))
        if name:
            nb.cells.append(
                nbformat.v4.new_code_cell(f"__marks.append(({name!r}, __t.perf_counter()))")
            )
    nb.cells.append(nbformat.v4.new_code_cell("import json as __j\nprint(__j.dumps(__marks))"))
    return nb


def _edition(lang: str) -> nbformat.NotebookNode:
    from tests.test_chapters import notebook

    cells: list[tuple[str, str]] = []
    for path in _chapters(lang):
        body = notebook(path).cells
        for i, c in enumerate(body):
            cells.append((path.stem if i == len(body) - 1 else "", c.source))
    return _timed(cells)


def _run(nb: nbformat.NotebookNode, lang: str) -> list[tuple[str, float]]:
    import json

    from nbclient import NotebookClient

    from tests.test_chapters import _kernel

    os.environ["QUARTO_PROFILE"] = lang
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.from_dict(nb)  # a fresh copy: outputs of earlier runs are not kept
    NotebookClient(
        nb, kernel_name=_kernel(), timeout=900, resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        raise RuntimeError(f"{errors[0].get('ename')}: {errors[0].get('evalue')}")
    marks = json.loads(nb.cells[-1].outputs[0]["text"])
    return [(name, t - marks[0][1]) for name, t in marks[1:]]


def measure(lang: str, runs: int) -> dict[str, object]:
    edition, floor = _edition(lang), _timed([("floor", FLOOR)])
    totals: list[float] = []
    floors: list[float] = []
    per_chapter: dict[str, list[float]] = {}
    for i in range(runs + 1):
        marks = _run(edition, lang)
        f = _run(floor, lang)[-1][1]
        prev = 0.0
        if i == 0:
            print(
                f"[bench_chapters] {lang} warm-up: {marks[-1][1]:.2f} s (floor {f:.2f} s)",
                flush=True,
            )
            continue
        for name, t in marks:
            per_chapter.setdefault(name, []).append(t - prev)
            prev = t
        totals.append(marks[-1][1])
        floors.append(f)
        print(
            f"[bench_chapters] {lang} run {i}/{runs}: chapters {totals[-1]:.2f} s, "
            f"floor {f:.2f} s, ratio {totals[-1] / f:.2f}",
            flush=True,
        )
    return {
        "code": statistics.median(totals),
        "floor": statistics.median(floors),
        "per_chapter": {k: statistics.median(v) for k, v in per_chapter.items()},
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--lang", nargs="+", default=["ko", "en"])
    ap.add_argument("--no-write", action="store_true")
    a = ap.parse_args()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    t0 = time.perf_counter()
    res = {lang: measure(lang, a.runs) for lang in a.lang}
    rows = []
    for lang, r in res.items():
        ratio = r["code"] / r["floor"]  # type: ignore[operator]
        met = "yes" if ratio <= TARGET_RATIO else "no"
        rows.append(f"| {lang} | {r['code']:.2f} | {r['floor']:.2f} | {ratio:.2f} | {met} |")
        print(
            f"[bench_chapters] {lang}: chapters {r['code']:.2f} s, floor {r['floor']:.2f} s, ratio {ratio:.2f}"
        )
    slow = sorted(res[a.lang[0]]["per_chapter"].items(), key=lambda kv: -kv[1])  # type: ignore[union-attr]
    where = ", ".join(f"{k} {v:.2f}" for k, v in slow)
    body = f"""## All chapters' code of one edition, beside the import floor

- Machine: {machine()}
- Date: {today()}; load average at the start {load}; {a.runs} runs after one warm-up, each in a fresh
  kernel, kernel start excluded (`python bench/bench_chapters.py`, {time.perf_counter() - t0:.0f} s in all)
- Floor: `{FLOOR}` in a fresh kernel, measured in the same run as each edition
- Target: all chapters' code of one edition <= {TARGET_RATIO} x the floor

| edition | chapters' code, median (s) | import floor, median (s) | ratio | target met |
|---|---:|---:|---:|---|
{chr(10).join(rows)}

Where the time goes ({a.lang[0]}, median seconds per chapter, setup and inline expressions included):
{where}.
"""
    if not a.no_write:
        write_section("bench_chapters", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
