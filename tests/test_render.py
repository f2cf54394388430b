"""Render with a real Quarto (where one is on PATH): both editions, HTML and PDF, clean logs.

Skipped with a reason when no Quarto >= 1.9 is available (it cannot be installed on the
project's development and CI machines; see README).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rrall.quarto import find_quarto, quarto_version

ROOT = Path(__file__).resolve().parent.parent
QUARTO = find_quarto()
VERSION = quarto_version(QUARTO) if QUARTO else None

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(
        VERSION is None or VERSION < (1, 9),
        reason=f"Quarto >= 1.9 not on PATH (found: {VERSION}); render tests need it",
    ),
]

# ipykernel 7.x prints this on every kernel start; it is not a Quarto warning
_KNOWN_NOISE = re.compile(r"Kernel is running over TCP without encryption")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project rendered the way the README says: plain, then each profile."""
    dest = tmp_path_factory.mktemp("render") / "project"
    ignore = shutil.ignore_patterns(
        ".venv", "_book", ".quarto", "__pycache__", ".git", "*.quarto_ipynb"
    )
    shutil.copytree(ROOT, dest, ignore=ignore)
    env = {**os.environ, "QUARTO_PYTHON": sys.executable}
    env.pop("QUARTO_PROFILE", None)
    logs = {}
    for name, args in (("plain", []), ("en", ["--profile", "en"])):
        r = subprocess.run(
            [QUARTO, "render", *args],
            cwd=dest,
            env=env,
            capture_output=True,
            text=True,
            timeout=1500,
        )
        logs[name] = r.stdout + r.stderr
        assert r.returncode == 0, logs[name][-4000:]
    subprocess.run([sys.executable, "-m", "rrall.site", str(dest / "_book")], check=True)
    (dest / "render-logs.txt").write_text(
        "\n".join(f"=== {k}\n{v}" for k, v in logs.items()), encoding="utf-8"
    )
    return dest


def test_outputs_exist_for_both_editions(rendered: Path) -> None:
    for lang in ("ko", "en"):
        book = rendered / "_book" / lang
        assert (book / "index.html").exists()
        assert (book / "chapters" / "results.html").exists()
        assert (book / f"rrall-{lang}.pdf").stat().st_size > 50_000
    landing = (rendered / "_book" / "index.html").read_text(encoding="utf-8")
    assert 'href="ko/index.html"' in landing and 'href="en/index.html"' in landing


def test_quarto_printed_no_warning(rendered: Path) -> None:
    log = (rendered / "render-logs.txt").read_text(encoding="utf-8")
    bad = [
        line
        for line in log.splitlines()
        if re.search(r"\bWARN(ING)?\b|\bwarning:|\bERROR\b|\((E|W)\)", line)
        and not _KNOWN_NOISE.search(line)
    ]
    assert not bad, "\n".join(bad[:20])


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_pdf_text_has_hangul_and_english(rendered: Path, lang: str) -> None:
    pdf = rendered / "_book" / lang / f"rrall-{lang}.pdf"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    hangul = sum("\uac00" <= c <= "\ud7a3" for c in text)
    latin = len(re.findall(r"[A-Za-z]", text))
    assert hangul > (
        1000 if lang == "ko" else 20
    )  # English edition still has Korean codebook labels
    assert latin > 1000
    assert "Kaplan" in text or "카플란" in text


@pytest.mark.skipif(
    shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) not installed"
)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_pdf_fonts_all_embedded(rendered: Path, lang: str) -> None:
    pdf = rendered / "_book" / lang / f"rrall-{lang}.pdf"
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        cols = row.split()
        # columns: name type... emb sub uni object ID: emb is the 5th from the end
        assert cols[-5] == "yes", row
    assert any("NanumGothic" in r for r in rows)
    # the Korean font is set in the Typst header, so even the title page and the table of
    # contents use it; Typst's default serif (Libertinus) would mean the set rule came too late
    assert not any("Libertinus" in r for r in rows), rows


def test_html_pages_request_no_other_host(rendered: Path) -> None:
    for page in (rendered / "_book").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        srcs = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', html)
        assert not srcs, f"{page}: loads from another host"
        assert "@import url(" not in html


def test_each_page_links_to_the_other_language(rendered: Path) -> None:
    for lang, other in (("ko", "en"), ("en", "ko")):
        page = (rendered / "_book" / lang / "chapters" / "results.html").read_text(encoding="utf-8")
        assert 'class="rrall-lang"' in page
        assert f"/{other}/" in page or f"../{other}/" in page
        assert "rrall-banner" in page


def test_korean_edition_uses_korean_crossref_labels(rendered: Path) -> None:
    def page(lang: str) -> str:
        html = (rendered / "_book" / lang / "chapters" / "results.html").read_text(encoding="utf-8")
        return html.replace("&nbsp;", " ").replace("\u00a0", " ")

    ko, en = page("ko"), page("en")
    assert "표 3.1" in ko and "그림 3.1" in ko
    assert "Table 3.1" in en and "Figure 3.1" in en
