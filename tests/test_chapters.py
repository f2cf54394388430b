"""Every chapter's code cells and inline expressions run in a real Jupyter kernel, both languages.

This is the render without Quarto: any error or any output on stderr (a warning) fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient

from tests.qmd import read_chapter

ROOT = Path(__file__).resolve().parent.parent


def _chapter_files() -> list[Path]:
    import yaml

    cfg = yaml.safe_load((ROOT / "_quarto-ko.yml").read_text(encoding="utf-8"))
    return [ROOT / it["href"] for it in cfg["book"]["chapters"] + cfg["book"]["appendices"]]


def _kernel() -> str:
    try:
        KernelSpecManager().get_kernel_spec("rrall")
        return "rrall"
    except NoSuchKernel:  # pragma: no cover - set-up registers it
        return "python3"


def _notebook(path: Path) -> nbformat.NotebookNode:
    ch = read_chapter(path)
    nb = nbformat.v4.new_notebook()
    for code in ch.cells:
        body = "\n".join(line for line in code.splitlines() if not line.startswith("#|"))
        nb.cells.append(nbformat.v4.new_code_cell(body))
    for expr in ch.inline:
        nb.cells.append(
            nbformat.v4.new_code_cell(
                f"__v = str({expr})\nassert __v.strip(), {expr!r}\nprint(__v)"
            )
        )
    return nb


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("chapter", _chapter_files(), ids=lambda p: p.stem)
def test_chapter_executes(chapter: Path, lang: str) -> None:
    nb = _notebook(chapter)
    if not nb.cells:
        pytest.skip(f"{chapter.name} has no Python code")
    env_before = os.environ.get("QUARTO_PROFILE")
    os.environ["QUARTO_PROFILE"] = lang
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    try:
        client = NotebookClient(
            nb, kernel_name=_kernel(), timeout=300, resources={"metadata": {"path": str(ROOT)}}
        )
        client.execute()
    finally:
        if env_before is None:
            os.environ.pop("QUARTO_PROFILE", None)
        else:
            os.environ["QUARTO_PROFILE"] = env_before
    problems = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                problems.append(f"cell {i} wrote to stderr: {out.get('text')!r}")
    assert not problems, "\n".join(problems)
    shown = [
        o
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.get("output_type") == "execute_result"
    ]
    for o in shown:
        data = o.get("data", {})
        # tables reach Quarto as Markdown with a raw HTML block, figures as PNG; no text/html
        assert "text/html" not in data, "text/html output would pull require.js from a CDN"
    # the language reached the kernel: Korean edition prints Hangul in its inline numbers' context
    texts = "".join(
        "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/markdown", ""))
        for c in nb.cells
        for o in c.get("outputs", [])
    )
    if lang == "ko" and any("text/markdown" in o.get("data", {}) for o in shown):
        assert any("\uac00" <= ch <= "\ud7a3" for ch in texts), "Korean edition shows no Hangul"
