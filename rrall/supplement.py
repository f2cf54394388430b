"""The journal supplement: one zip archive a reviewer can open offline.

``python -m rrall.supplement --book _book --out _supplement`` (``make supplement``, after
``make report``) writes ``_supplement/rrall-supplement.zip`` holding

- each edition as one self-contained HTML file (``rrall-ko.html``, ``rrall-en.html``) and its PDF
  (copied from the book render),
- the data files with the codebook (``data/``), ``LICENSE``, ``CITATION.cff`` and the fonts' OFL
  notice, and
- a reviewer's ``README.md``: what each file is, the commands that re-run everything, the SHA-256
  of each data file and the git commit; ``SHA256SUMS`` lists every file of the archive.

A Quarto *book* renders one HTML page per chapter. The single file comes from a second,
single-document render of the same sources: a staging project (``<out>/build/<lang>``) whose one
document includes the edition's chapters in order, rendered with ``embed-resources``. Chapter
headings stay level 1 there, so cross-references number tables and figures by chapter as the
book does; the page is then mended like the book's pages (:func:`rrall.site.polish_page`: one
``h1``). The web fonts embedded in it are cut down to the characters the file contains.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import yaml

from rrall.citation import citation_text
from rrall.fonts import font_files, make_webfont
from rrall.labels import Lang
from rrall.paths import data_dir, project_root, read_yaml
from rrall.site import notices, polish_page, reconstructed_data

__all__ = [
    "ARCHIVE_NAME",
    "Edition",
    "build_supplement",
    "data_checksums",
    "reviewer_readme",
    "shrink_embedded_fonts",
    "single_file_html",
    "stage_edition",
    "write_archive",
]

ARCHIVE_NAME = "rrall-supplement.zip"
_LANGS = ("ko", "en")
_DATA_SUFFIXES = (".csv", ".yaml", ".md")
# files of _assets/ a single-document render needs besides the banner, CSL and web fonts
_ASSETS = ("rrall.css",)


@dataclass(frozen=True)
class Edition:
    """One language's files in the archive."""

    lang: str
    html: Path
    pdf: Path


# -- staging and rendering one self-contained HTML file ---------------------------------------
_HEADING_LINE = re.compile(r"^(#{1,6} .*?)(?: \{([^}]*)\})?\s*$")


def _unnumbered(qmd: str) -> str:
    """Every Markdown heading of ``qmd`` (outside code blocks) marked ``.unnumbered``."""
    out, fence = [], None
    for line in qmd.splitlines():
        stripped = line.lstrip()
        if fence is None and stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif fence is not None and stripped.startswith(fence):
            fence = None
        elif fence is None and (m := _HEADING_LINE.match(line)):
            attrs = m.group(2) or ""
            if ".unnumbered" not in attrs.split():
                attrs = f"{attrs} .unnumbered".strip()
            line = f"{m.group(1)} {{{attrs}}}"
        out.append(line)
    return "\n".join(out) + "\n"


def _profile(root: Path, lang: str) -> dict:
    data: dict = read_yaml((root / f"_quarto-{lang}.yml").read_text(encoding="utf-8"))
    return data


def stage_edition(lang: str, dest: Path, root: Path | None = None) -> Path:
    """Write a single-document Quarto project for ``lang`` into ``dest``; returns its ``.qmd``.

    The project copies the book's sources (``index.qmd``, ``chapters/``, ``references.bib``,
    CSS, CSL, web fonts) and its one document includes the edition's chapters in book order.
    """
    root = root or project_root()
    base = read_yaml((root / "_quarto.yml").read_text(encoding="utf-8"))
    prof = _profile(root, lang)
    book = {**base.get("book", {}), **prof["book"]}
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "_assets").mkdir(parents=True)
    shutil.copytree(root / "chapters", dest / "chapters")
    shutil.copyfile(root / "references.bib", dest / "references.bib")
    # the book leaves its first page (the preface) unnumbered, sections included; so does this
    index = (root / "index.qmd").read_text(encoding="utf-8")
    (dest / "index.qmd").write_text(_unnumbered(index), encoding="utf-8")
    for name in _ASSETS:
        shutil.copyfile(root / "_assets" / name, dest / "_assets" / name)
    shutil.copytree(root / "_assets" / "csl", dest / "_assets" / "csl")
    shutil.copytree(root / "_assets" / "webfonts", dest / "_assets" / "webfonts")
    # the language link points at the other edition's file beside this one in the archive
    other = "en" if lang == "ko" else "ko"
    banner = notices(cast(Lang, lang), reconstructed=reconstructed_data())["banner"]
    banner = banner.replace(f"../{other}/index.html", f"rrall-{other}.html")
    (dest / "_assets" / "banner.html").write_text(banner, encoding="utf-8")

    html_fmt = base["format"]["html"]
    config = {
        "project": {"type": "default"},
        "lang": lang,
        "bibliography": "references.bib",
        "csl": base["csl"],
        "link-citations": True,
        "jupyter": base["jupyter"],
        "execute": base["execute"],
        "crossref": {"chapters": True},
        "format": {
            "html": {
                "theme": html_fmt["theme"],
                "css": html_fmt["css"],
                "toc": True,
                "toc-depth": 2,
                "number-sections": True,
                "fig-format": html_fmt["fig-format"],
                "fig-dpi": html_fmt["fig-dpi"],
                "html-math-method": html_fmt["html-math-method"],
                "smooth-scroll": False,
                "anchor-sections": False,
                "embed-resources": True,
                "include-before-body": "_assets/banner.html",
            }
        },
    }
    (dest / "_quarto.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    # an empty profile file, so that `--profile <lang>` is a known profile here too
    (dest / f"_quarto-{lang}.yml").write_text("{}\n", encoding="utf-8")

    front = {
        "title": book["title"],
        "subtitle": book.get("subtitle"),
        "author": book.get("author"),
    }
    items = [it["href"] for it in prof["book"]["chapters"] + prof["book"].get("appendices", [])]
    body = "\n\n".join(f"{{{{< include {href} >}}}}" for href in items)
    doc = dest / f"rrall-{lang}.qmd"
    doc.write_text(
        "---\n"
        + yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        + "---\n\n"
        + body
        + "\n",
        encoding="utf-8",
    )
    return doc


def single_file_html(lang: str, build: Path, *, quarto: str = "quarto") -> Path:
    """Stage and render ``lang`` as one self-contained HTML file; returns the mended file."""
    doc = stage_edition(lang, build / lang)
    env = {**os.environ, "QUARTO_PROFILE": lang, "QUARTO_PYTHON": sys.executable}
    r = subprocess.run(
        [quarto, "render", doc.name, "--profile", lang],
        cwd=doc.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    (build / f"render-{lang}.log").write_text(r.stdout + r.stderr, encoding="utf-8")
    if r.returncode != 0:
        raise RuntimeError(f"quarto render of {doc} failed:\n{(r.stdout + r.stderr)[-3000:]}")
    out = doc.with_suffix(".html")
    page = polish_page(out.read_text(encoding="utf-8"), lang)
    out.write_text(shrink_embedded_fonts(page), encoding="utf-8")
    return out


# -- fonts embedded in one file: only the characters it shows ----------------------------------
_WOFF2_URI = re.compile(r"data:font/woff2;base64,([A-Za-z0-9+/=]+)")


def shrink_embedded_fonts(page: str) -> str:
    """Replace each embedded web font by a subset to the characters the page contains.

    The web fonts (:data:`rrall.fonts.WEBFONT_FILES`) are recognised by their order in the page
    (regular, then bold, as the CSS declares them) and remade from the TTFs, so a subset is never
    taken of a subset. The characters are every character in the file: a superset of the text
    shown, so nothing the page displays can miss its glyph.
    """
    found = list(_WOFF2_URI.finditer(page))
    if not found:
        return page
    chars = {ord(c) for c in _WOFF2_URI.sub("", page)} | set(range(0x20, 0x7F))
    ttfs = font_files()
    tmp_dir = Path(os.environ.get("TMPDIR", "/tmp"))
    made: list[str] = []
    for i, ttf in enumerate(ttfs[: len(found)]):
        out = make_webfont(ttf, tmp_dir / f"rrall-shrink-{os.getpid()}-{i}.woff2", chars)
        made.append(base64.b64encode(out.read_bytes()).decode("ascii"))
        out.unlink()
    parts, last = [], 0
    for i, m in enumerate(found):
        parts.append(page[last : m.start(1)])
        parts.append(made[i] if i < len(made) else m.group(1))
        last = m.end(1)
    parts.append(page[last:])
    return "".join(parts)


# -- the archive --------------------------------------------------------------------------------
def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def data_checksums(folder: Path | None = None) -> dict[str, str]:
    """``{file name: SHA-256}`` of the data files (CSV, YAML, README) in ``folder``."""
    folder = folder or data_dir()
    return {
        p.name: _sha256(p)
        for p in sorted(folder.iterdir())
        if p.is_file() and p.suffix in _DATA_SUFFIXES
    }


def _git_commit(root: Path) -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not built from a git checkout)"
    return head + (" (with uncommitted changes)" if dirty else "")


def reviewer_readme(
    editions: list[Edition], checksums: dict[str, str], commit: str, sizes: dict[str, int]
) -> str:
    """The archive's README.md: what each file is, how to re-run, checksums, commit."""
    rows = []
    names = {"ko": "Korean", "en": "English"}
    for e in editions:
        rows.append(
            f"| `{e.html.name}` | {names[e.lang]} edition, one self-contained HTML file "
            f"({sizes[e.html.name] / 1e6:.1f} MB): opens offline in any browser, requests nothing "
            "from the network; fonts, figures and styles are inside it |"
        )
        rows.append(
            f"| `{e.pdf.name}` | {names[e.lang]} edition as PDF "
            f"({sizes[e.pdf.name] / 1e6:.1f} MB) |"
        )
    rows += [
        "| `data/` | the patient-level files the report was computed from, the codebook "
        "(`codebook.yaml`: every column's type, unit, codes in Korean and English), the published "
        "numbers (`published.yaml`) and the data's README with its licence (CC BY 4.0). "
        "**Reconstructed (synthetic) patients, not real ones.** |",
        "| `LICENSE` | the code's licence (MIT) |",
        "| `CITATION.cff` | how to cite rrall and the paper it re-analyses |",
        "| `OFL.txt` | the licence of the font embedded in the HTML and PDF files "
        "(NanumGothic, SIL OFL 1.1) |",
        "| `SHA256SUMS` | SHA-256 of every file in this archive (`sha256sum -c SHA256SUMS`) |",
    ]
    sums = "\n".join(f"{digest}  data/{name}" for name, digest in checksums.items())
    return f"""# rrall: reviewer's supplement

A reproducible, bilingual (Korean/English) re-analysis of Yoo KH, et al. A Multicenter
Retrospective Analysis on the Treatment Pattern and Outcome in Relapsed/Refractory Childhood Acute
Lymphoblastic Leukemia. Clin Pediatr Hematol Oncol 2017;24(2):101-106.
doi:10.15264/cpho.2017.24.2.101

**The data are a reconstruction**: synthetic patient records built to reproduce every aggregate
the paper publishes. They are not real patients.

Built from git commit `{commit}`.

## Files

| file | what it is |
|---|---|
{chr(10).join(rows)}

## Re-running everything

With Python 3.11+, `make`, Quarto >= 1.9 and network access to the package registries:

```sh
git clone <repository> rrall && cd rrall
git checkout {commit.split()[0]}
make report       # set-up, data validation, both editions as HTML pages and PDF in _book/
make supplement   # this archive, in _supplement/{ARCHIVE_NAME}
make test         # the test suite
```

To check that the data files here are the ones the report was computed from, compare their
SHA-256 with the list below (`sha256sum data/*`); the report's preface lists the digests of the
files it was computed from.

## How to cite

{citation_text("en")}

## SHA-256 of the data files

```
{sums}
```
"""


def write_archive(
    out: Path,
    editions: list[Edition],
    *,
    data: Path | None = None,
    root: Path | None = None,
    commit: str | None = None,
) -> Path:
    """Write the zip (``out/ARCHIVE_NAME``) and return its path."""
    root = root or project_root()
    data = data or data_dir()
    checksums = data_checksums(data)
    members: dict[str, bytes] = {}
    for e in editions:
        members[e.html.name] = e.html.read_bytes()
        members[e.pdf.name] = e.pdf.read_bytes()
    for name in checksums:
        members[f"data/{name}"] = (data / name).read_bytes()
    members["LICENSE"] = (root / "LICENSE").read_bytes()
    members["CITATION.cff"] = (root / "CITATION.cff").read_bytes()
    members["OFL.txt"] = (root / "_assets" / "NanumGothic-OFL.txt").read_bytes()
    sizes = {k: len(v) for k, v in members.items()}
    readme = reviewer_readme(editions, checksums, commit or _git_commit(root), sizes)
    members = {"README.md": readme.encode("utf-8"), **members}
    members["SHA256SUMS"] = "".join(
        f"{hashlib.sha256(v).hexdigest()}  {k}\n" for k, v in members.items()
    ).encode("ascii")
    out.mkdir(parents=True, exist_ok=True)
    archive = out / ARCHIVE_NAME
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, blob in members.items():
            info = zipfile.ZipInfo(f"rrall-supplement/{name}", date_time=(2017, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, blob)
    return archive


def build_supplement(book: Path, out: Path, *, quarto: str = "quarto") -> Path:
    """Render the single-file editions and write the archive; ``book`` holds the PDFs."""
    editions = []
    for lang in _LANGS:
        pdf = book / lang / f"rrall-{lang}.pdf"
        if not pdf.exists():
            raise FileNotFoundError(f"{pdf} is missing: run `make report` first")
        html = single_file_html(lang, out / "build", quarto=quarto)
        editions.append(Edition(lang, html, pdf))
    return write_archive(out, editions)


def main(argv: list[str] | None = None) -> int:
    """Command line: build the archive and print its size and contents."""
    p = argparse.ArgumentParser(prog="python -m rrall.supplement")
    p.add_argument("--book", type=Path, default=Path("_book"))
    p.add_argument("--out", type=Path, default=Path("_supplement"))
    a = p.parse_args(argv)
    archive = build_supplement(a.book, a.out)
    with zipfile.ZipFile(archive) as z:
        for info in z.infolist():
            print(f"{info.file_size / 1e3:10.1f} kB  {info.filename}")
    print(f"{archive}: {archive.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
