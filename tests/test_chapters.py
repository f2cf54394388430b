"""Every chapter's code cells and inline expressions run in a real Jupyter kernel, both languages.

This is the render without Quarto: any error or any output on stderr (a warning) fails. Inline
expressions are read the way Quarto reads them (their Markdown form when they have one), and
every number they print must be a cited span carrying its registry key (the HTML popover), and
no "NA", "nan" or "None" may reach the prose.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient

from rrall.labels import visible_text
from tests.qmd import read_chapter

ROOT = Path(__file__).resolve().parent.parent
SPAN = re.compile(r"\[((?:\\.|[^\]\\])*)\]\{\.rrall-num key=\"([\w.:]+)\"[^}]*\}")
NA_LIKE = re.compile(r"(?<![\w])(NA|nan|NaN|None|inf)(?![\w])|NA%")
MARK = "<<inline>>"


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


_SHOW = (
    "def __show(v):\n"
    "    md = getattr(v, '_repr_markdown_', None)\n"
    "    text = md() if md is not None else str(v)\n"
    "    import json\n"
    f"    print({MARK!r} + json.dumps(text))\n"
)


def notebook(path: Path) -> nbformat.NotebookNode:
    """The chapter as a notebook: its cells, then one cell per inline expression."""
    ch = read_chapter(path)
    nb = nbformat.v4.new_notebook()
    for code in ch.cells:
        body = "\n".join(line for line in code.splitlines() if not line.startswith("#|"))
        nb.cells.append(nbformat.v4.new_code_cell(body))
    if ch.inline:
        nb.cells.append(nbformat.v4.new_code_cell(_SHOW))
    for expr in ch.inline:
        nb.cells.append(nbformat.v4.new_code_cell(f"__show({expr})"))
    return nb


def execute(path: Path, lang: str, env: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """Run the chapter's notebook in the rrall kernel with the edition's profile."""
    return run_notebook(notebook(path), lang, env)


def run_notebook(
    nb: nbformat.NotebookNode, lang: str, env: dict[str, str] | None = None, timeout: int = 600
) -> nbformat.NotebookNode:
    """Execute ``nb`` in the rrall kernel with the edition's profile and ``env`` set (the
    environment is restored afterwards)."""
    saved = {k: os.environ.get(k) for k in ("QUARTO_PROFILE", *(env or {}))}
    os.environ["QUARTO_PROFILE"] = lang
    os.environ.update(env or {})
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    try:
        NotebookClient(
            nb, kernel_name=_kernel(), timeout=timeout, resources={"metadata": {"path": str(ROOT)}}
        ).execute()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def problems(nb: nbformat.NotebookNode) -> list[str]:
    """Errors and stderr output of an executed notebook."""
    out = []
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error":
                out.append(f"cell {i}: {o.get('ename')}: {o.get('evalue')}")
            if o.get("output_type") == "stream" and o.get("name") == "stderr":
                out.append(f"cell {i} wrote to stderr: {o.get('text')!r}")
    return out


def inline_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """The Markdown each inline expression gives Quarto."""
    texts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            text = o.get("text", "")
            if o.get("output_type") == "stream" and text.startswith(MARK):
                texts.append(json.loads(text[len(MARK) :]))
    return texts


# Typed tokens that are not results: which estimate (the 5-year one), the 95% of a CI, a ratio's
# ":1" and "per 1", a hazard ratio's or a median's threshold of 1 (the ensemble's conclusions),
# SHA-256, cytogenetic names, citation keys and cross-references.
NOT_RESULTS = re.compile(
    r"\d+년|\d+-year|95%|:1(?!\d)|1명당|SHA-256|t\(\d+;\d+\)|rrall \d+\.\d+\.\d+"
    r"|(?:below|excludes|ratio of) 1(?!\d|\.\d)|1 미만|1을 벗어난|위험비 1\("
    r"|@[\w:.-]*\d[\w:.-]*"
)


def uncited_numbers(markdown: str) -> list[str]:
    """Digits in an inline output that are neither inside a cited span nor a typed token that
    is not a result (``NOT_RESULTS``)."""
    outside = NOT_RESULTS.sub("", SPAN.sub("", markdown))
    return re.findall(r"\d+(?:\.\d+)?", outside)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("chapter", _chapter_files(), ids=lambda p: p.stem)
def test_chapter_executes(chapter: Path, lang: str) -> None:
    nb = execute(chapter, lang)
    assert not problems(nb), "\n".join(problems(nb))
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "execute_result":
                # tables reach Quarto as Markdown with a raw HTML block, figures as PNG
                assert "text/html" not in o.get("data", {}), "text/html would pull require.js"
    texts = inline_outputs(nb)
    assert len(texts) == len(read_chapter(chapter).inline)
    for md in texts:
        assert md.strip(), "an inline expression printed nothing"
        assert not uncited_numbers(md), f"number without its data-key in: {md[:200]}"
        assert not NA_LIKE.search(visible_text(md)), f"NA-like token in: {visible_text(md)}"
    hangul = any("\uac00" <= c <= "\ud7a3" for t in texts for c in visible_text(t))
    if texts and any(re.search("[A-Za-z]{3}", visible_text(t)) for t in texts):
        assert hangul == (lang == "ko"), "the edition's language did not reach the kernel"


def test_uncited_number_detector() -> None:
    assert uncited_numbers('[6.6%]{.rrall-num key="os.5y" what="x"} (@sec-audit)') == []
    assert uncited_numbers('6.6% of [1]{.rrall-num key="a"}') == ["6.6"]
    assert NA_LIKE.search("was NA%") and not NA_LIKE.search("NAME is fine")
