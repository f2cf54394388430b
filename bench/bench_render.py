"""Time a cold render of both editions (HTML + PDF) beside a two-chapter floor book.

    .venv/bin/python bench/bench_render.py [--runs 5] [--no-write]

Needs ``quarto`` (>= 1.9) on PATH; exits with a message otherwise. Each run renders a fresh copy
of the project (no ``.quarto``, no ``_book``: cold) the way the README does, ``quarto render``
(Korean, the default profile) then ``quarto render --profile en``, and, in the same run, a floor
book: two chapters, one pandas cell, the same two formats, rendered once per edition. Then one
chapter of one edition is re-rendered after a prose edit (``quarto render
chapters/discussion.qmd --profile en``, a sentence appended). One warm-up run, then ``--runs``
runs; medians. Targets (issue 19): both editions <= 60 s and <= 4 x the floor; one chapter
after a prose edit < 10 s. Writes the ``bench_render`` section of ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from _results import machine, today, write_section  # noqa: E402

TARGET_BOTH, TARGET_RATIO, TARGET_CHAPTER = 60.0, 4.0, 10.0
IGNORE = shutil.ignore_patterns(
    ".venv", "_book", "_supplement", ".quarto", "__pycache__", ".git", "*.quarto_ipynb", "_freeze"
)

FLOOR_QUARTO = """project:
  type: book
book:
  title: "Floor"
  author: "rrall"
  chapters:
    - index.qmd
    - chapter.qmd
format:
  html: default
  typst: default
jupyter: {kernel}
"""
FLOOR_INDEX = "# Preface {.unnumbered}\n\nA floor book.\n"
FLOOR_CHAPTER = """# One chapter

```{python}
import pandas as pd
pd.DataFrame({"a": [1, 2], "b": [3, 4]})
```
"""


def _quarto() -> str | None:
    return shutil.which("quarto")


def _env() -> dict[str, str]:
    env = {**os.environ, "QUARTO_PYTHON": sys.executable}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.pop("QUARTO_PROFILE", None)
    return env


def _render(cwd: Path, *args: str) -> float:
    t0 = time.perf_counter()
    r = subprocess.run(
        ["quarto", "render", *args], cwd=cwd, env=_env(), capture_output=True, text=True
    )
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(
            f"quarto render {' '.join(args)} failed:\n{(r.stdout + r.stderr)[-3000:]}"
        )
    return dt


def _kernel() -> str:
    sys.path.insert(0, str(ROOT))
    from tests.test_chapters import _kernel as kernel

    return kernel()


def one_run(tmp: Path) -> dict[str, float]:
    proj = tmp / "project"
    shutil.copytree(ROOT, proj, ignore=IGNORE)
    ko = _render(proj)
    en = _render(proj, "--profile", "en")
    chapter = proj / "chapters" / "discussion.qmd"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\n\nA sentence added after the render.\n",
        encoding="utf-8",
    )
    one = _render(proj, "chapters/discussion.qmd", "--profile", "en")
    floor = tmp / "floor"
    floor.mkdir()
    (floor / "_quarto.yml").write_text(FLOOR_QUARTO.format(kernel=_kernel()), encoding="utf-8")
    (floor / "index.qmd").write_text(FLOOR_INDEX, encoding="utf-8")
    (floor / "chapter.qmd").write_text(FLOOR_CHAPTER, encoding="utf-8")
    floor_s = 0.0
    for _ in ("ko", "en"):  # once per edition
        shutil.rmtree(floor / "_book", ignore_errors=True)
        shutil.rmtree(floor / ".quarto", ignore_errors=True)
        floor_s += _render(floor)
    return {"ko": ko, "en": en, "both": ko + en, "floor": floor_s, "chapter": one}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-write", action="store_true")
    a = ap.parse_args()
    if _quarto() is None:
        print("[bench_render] quarto is not on PATH: nothing to measure", file=sys.stderr)
        return 2
    version = subprocess.run(["quarto", "--version"], capture_output=True, text=True).stdout.strip()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    rows = []
    for i in range(a.runs + 1):
        with tempfile.TemporaryDirectory() as tmp:
            r = one_run(Path(tmp))
        label = "warm-up" if i == 0 else f"run {i}/{a.runs}"
        print(
            f"[bench_render] {label}: ko {r['ko']:.1f} s, en {r['en']:.1f} s, both {r['both']:.1f} s, "
            f"floor {r['floor']:.1f} s (ratio {r['both'] / r['floor']:.1f}), one chapter {r['chapter']:.1f} s",
            flush=True,
        )
        if i:
            rows.append(r)
    med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
    ratio = med["both"] / med["floor"]
    yes = {True: "yes", False: "no"}
    print(
        f"[bench_render] median: both editions {med['both']:.1f} s, floor {med['floor']:.1f} s, "
        f"ratio {ratio:.1f}, one chapter {med['chapter']:.1f} s"
    )
    body = f"""## Render: both editions cold, beside a two-chapter floor book

- Machine: {machine()}; Quarto {version}
- Date: {today()}; load average at the start {load}; {a.runs} runs after one warm-up, each a fresh copy of
  the project (`python bench/bench_render.py`)
- Floor: a two-chapter book with one pandas cell, HTML + Typst, rendered once per edition, in the same run

| measure | median (s) | target | met |
|---|---:|---|---|
| `quarto render` (Korean edition, HTML + PDF) | {med["ko"]:.1f} | — | — |
| `quarto render --profile en` (English edition) | {med["en"]:.1f} | — | — |
| both editions, cold | {med["both"]:.1f} | <= {TARGET_BOTH:.0f} | {yes[med["both"] <= TARGET_BOTH]} |
| floor book, once per edition | {med["floor"]:.1f} | — | — |
| both editions / floor | {ratio:.1f} x | <= {TARGET_RATIO:.0f} x | {yes[ratio <= TARGET_RATIO]} |
| one chapter of one edition after a prose edit | {med["chapter"]:.1f} | < {TARGET_CHAPTER:.0f} | {yes[med["chapter"] < TARGET_CHAPTER]} |
"""
    if not a.no_write:
        write_section("bench_render", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
