"""The web pages around the report: the landing page, and the mends each rendered page gets.

``python -m rrall.site _book`` writes the landing page ``_book/index.html``.
``python -m rrall.site --notices`` writes the data notices (``_assets/generated/``; the set-up
does, and the pre-render step again before every render).
``python -m rrall.site --polish <folder>`` mends the HTML pages Quarto wrote (run as the
project's post-render step, ``_assets/postrender.py``): navigation landmarks get names in the
page's language, a sidebar section toggle becomes a button instead of a second navigation
landmark, a table box that scrolls sideways takes keyboard focus, and a page whose body repeats the title block's ``h1`` (the book's first page: book
title, then the preface) has its body headings moved one level down, so that every page has
exactly one ``h1``.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from rrall.fonts import WEBFONT_FAMILY, WEBFONT_FILES
from rrall.labels import Lang, label
from rrall.labels.site import EDITION_NAMES, LANGUAGE_NAMES, site_label
from rrall.paths import data_dir, project_root
from rrall.published import RECONSTRUCTION_FILE

__all__ = [
    "edition_guard",
    "landing_page",
    "notices",
    "polish_book",
    "polish_page",
    "reconstructed_data",
    "write_landing",
    "write_notices",
]

#: where the pre-render step writes the notices that depend on the data (not committed)
GENERATED = Path("_assets") / "generated"
#: each edition's name in its own language, for the link to the other edition

_LANGS: tuple[Lang, ...] = ("ko", "en")


def reconstructed_data(folder: Path | None = None) -> bool:
    """Whether the data folder holds a reconstruction record (synthetic patients)."""
    return ((folder or data_dir()) / RECONSTRUCTION_FILE).exists()


def notices(lang: Lang, *, reconstructed: bool) -> dict[str, str]:
    """The edition's data notice as an HTML banner (every page) and a Typst running notice
    (every PDF page), in the words that fit the data."""
    other = "en" if lang == "ko" else "ko"
    banner = label("banner_reconstructed" if reconstructed else "banner_real", lang)
    running = label("running_reconstructed" if reconstructed else "running_real", lang)
    head, _, rest = banner.partition(": ")
    rest = rest[:1].upper() + rest[1:]
    text = (
        f"<strong>{html.escape(head)}.</strong> {html.escape(rest)}"
        if rest
        else html.escape(banner)
    )
    html_banner = (
        f'<div class="rrall-banner" role="note">\n  {text}\n'
        f'  <a class="rrall-lang" href="../{other}/index.html" hreflang="{other}" '
        f'lang="{other}">{LANGUAGE_NAMES[other]}</a>\n</div>\n'
    )
    typst = (
        "// The data notice on every page (written by the pre-render step from the label\n"
        "// catalog, in the words that fit the data in the data folder).\n"
        "#set page(foreground: place(bottom + center, dy: -0.9cm,\n"
        f'  text(size: 7pt, fill: rgb("#6b4e16"))[{_typst_escape(running)}]))\n'
    )
    return {"banner": html_banner, "typst": typst}


def _typst_escape(text: str) -> str:
    return re.sub(r"([\\#\[\]*_`$<>@])", r"\\\1", text)


def write_notices(root: Path | None = None, folder: Path | None = None) -> list[Path]:
    """Write ``_assets/generated/banner-<lang>.html`` and ``notice-<lang>.typ`` for the data in
    ``folder`` (the pre-render step does, before every render)."""
    out = (root or project_root()) / GENERATED
    out.mkdir(parents=True, exist_ok=True)
    recon = reconstructed_data(folder)
    written = []
    for lang in _LANGS:
        texts = notices(lang, reconstructed=recon)
        for name, key in ((f"banner-{lang}.html", "banner"), (f"notice-{lang}.typ", "typst")):
            path = out / name
            path.write_text(texts[key], encoding="utf-8")
            written.append(path)
    return written


#: the edition whose render last wrote Quarto's index of cross-references (in ``.quarto``)
INDEXED_EDITION = Path(".quarto") / "rrall-indexed-edition"


def edition_guard(root: Path, lang: Lang, *, render_all: bool) -> str | None:
    """Check a render of edition ``lang`` in project ``root`` against the edition Quarto's
    index of cross-references was last written for; ``None`` when it may go on, else the reason
    it may not, in Korean and English.

    Both editions render the same files into one ``.quarto`` folder, whose index gives the
    titles and labels of references to other chapters. A whole render rebuilds that index (and
    is recorded here); a render of single files reuses it, so after a whole render of the other
    edition it would print that edition's chapter titles and labels."""
    state = root / INDEXED_EDITION
    last = state.read_text(encoding="utf-8").strip() if state.is_file() else None
    if not render_all and last in _LANGS and last != lang:
        command = "quarto render" if lang == "ko" else f"quarto render --profile {lang}"
        return "\n".join(
            site_label(
                "edition_mixed",
                words,
                edition=EDITION_NAMES[lang][words],
                last=EDITION_NAMES[str(last)][words],
                command=command,
            )
            for words in _LANGS
        )
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(lang, encoding="utf-8")
    return None


def ensure_notices(root: Path | None = None, folder: Path | None = None) -> list[Path]:
    """Write the data notices (``write_notices``) and return those that did not exist before.

    Quarto resolves the notices' paths when it starts, before the pre-render step: a notice
    missing then is silently left out of every page, so the pre-render step stops the render
    when this returns anything."""
    out = (root or project_root()) / GENERATED
    before = {p for p in out.glob("*") if p.is_file()} if out.is_dir() else set()
    return [p for p in write_notices(root, folder) if p not in before]


def _title(lang: Lang) -> str:
    """The edition's book title (the catalog's; the profiles carry the same words, a test
    holds them to it)."""
    return label("book_title", lang)


def _both(key: str, tag: str = "span") -> str:
    """The label in both languages, each marked with its language (Korean first)."""
    return " / ".join(
        f'<{tag} lang="{lang}">{html.escape(site_label(key, lang))}</{tag}>' for lang in _LANGS
    )


def landing_page(book_dir: Path) -> str:
    """HTML linking each edition's HTML and PDF (only those that exist), with the data notice."""
    items = []
    for code in _LANGS:
        if not (book_dir / code / "index.html").exists():
            continue
        links = [f'<a href="{code}/index.html">HTML</a>']
        pdf = f"rrall-{code}.pdf"
        if (book_dir / code / pdf).exists():
            links.append(f'<a href="{code}/{pdf}">PDF</a>')
        items.append(
            f'<li lang="{code}"><strong>{html.escape(site_label("landing_edition", code))}</strong>: '
            f"{html.escape(_title(code))} — {' · '.join(links)}</li>"
        )
    none = _both("landing_none")
    body = "\n".join(items) or f"<li>{none}</li>"
    regular, bold = (f"ko/_assets/webfonts/{f}" for f in WEBFONT_FILES)
    notice = []
    recon = reconstructed_data()
    for lang in _LANGS:
        banner = label("banner_reconstructed" if recon else "banner_real", lang)
        head, _, rest = banner.partition(": ")
        head, text = html.escape(head + "."), html.escape(rest[:1].upper() + rest[1:])
        notice.append(f'<span lang="{lang}"><strong>{head}</strong> {text}</span>')
    title = " / ".join(html.escape(site_label("landing_title", lang)) for lang in _LANGS)
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="ko/_assets/favicon.svg" type="image/svg+xml">
<style>
@font-face {{ font-family: "{WEBFONT_FAMILY}"; src: url("{regular}") format("woff2"); font-weight: 400; }}
@font-face {{ font-family: "{WEBFONT_FAMILY}"; src: url("{bold}") format("woff2"); font-weight: 700; }}
body {{ font-family: "{WEBFONT_FAMILY}", "Noto Sans KR", "Malgun Gothic", sans-serif; max-width: 46rem;
       margin: 3rem auto; padding: 0 1rem; line-height: 1.6; color: #222; word-break: keep-all;
       overflow-wrap: anywhere; }}
.notice {{ background: #fff4e5; border: 1px solid #f0b35c; border-radius: 4px; padding: .6rem .9rem; }}
li {{ margin: .6rem 0; }}
a {{ color: #0b4f9c; }}
</style>
</head>
<body>
<main>
<h1>rrall</h1>
<p class="notice" role="note">{" ".join(notice)}</p>
<ul>
{body}
</ul>
<p lang="en">Yoo KH, et al. Clin Pediatr Hematol Oncol 2017;24:101-106. doi:10.15264/cpho.2017.24.2.101</p>
</main>
</body>
</html>
"""


def write_landing(book_dir: Path) -> Path:
    """Write ``<book_dir>/index.html``."""
    out = book_dir / "index.html"
    out.write_text(landing_page(book_dir), encoding="utf-8")
    return out


# -- mends for the pages Quarto writes ---------------------------------------------------------
# Quarto 1.10 leaves these navigation landmarks without a name (axe: landmark-unique), and names
# the breadcrumb in English on every edition.
_NAV_NAMES = (
    (re.compile(r'<nav class="quarto-secondary-nav"(?![^>]*aria-label)'), "nav_secondary"),
    (re.compile(r'<nav id="quarto-sidebar"(?![^>]*aria-label)'), "nav_sidebar"),
    (re.compile(r'<nav class="page-navigation"(?![^>]*aria-label)'), "nav_pages"),
)
_BREADCRUMB = re.compile(r'(<nav class="quarto-page-breadcrumbs") aria-label="breadcrumb"')
# a sidebar section's toggle (e.g. "Appendices") is a link with role="navigation": a second,
# unnamed navigation landmark inside the sidebar's. It opens and closes the section: a button.
_SECTION_TOGGLE = re.compile(
    r'(<a class="sidebar-item-text sidebar-link text-start" data-bs-toggle="collapse" '
    r'data-bs-target="(#[\w-]+)") role="navigation"'
)
# a wide table scrolls sideways inside its own box on a phone (great-tables' container); keyboard
# users can only scroll a box that takes focus (axe: scrollable-region-focusable)
_SCROLL_BOX = re.compile(r'<div id="[\w-]+" style="[^"]*overflow-x:\s*auto[^"]*"(?![^>]*tabindex)')
_LANG = re.compile(r'<html[^>]*\blang="([a-z]{2})')
_TITLE_BLOCK_END = re.compile(r'<header id="title-block-header".*?</header>', re.S)
_HEADING = re.compile(r"<(/?)h([1-5])\b")


def _demote(fragment: str) -> str:
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", fragment)


def polish_page(page: str, lang: str | None = None) -> str:
    """One rendered page, mended (see the module's docstring); other text is left as it is."""
    if lang is None:
        m = _LANG.search(page)
        lang = m.group(1) if m and m.group(1) in _LANGS else "en"
    for pattern, key in _NAV_NAMES:
        named = f'\\g<0> aria-label="{html.escape(site_label(key, lang), quote=True)}"'
        page = pattern.sub(named, page)
    crumb = html.escape(site_label("nav_breadcrumb", lang), quote=True)
    page = _BREADCRUMB.sub(lambda m: f'{m.group(1)} aria-label="{crumb}"', page)
    page = _SECTION_TOGGLE.sub(r'\1 href="\2" role="button"', page)
    page = _SCROLL_BOX.sub(r'\g<0> tabindex="0"', page)
    # one h1 per page: the title block's; headings in the body below it move one level down
    title = _TITLE_BLOCK_END.search(page)
    end = page.find("</main>", title.end()) if title else -1
    if title and end > 0 and "<h1" in page[title.end() : end]:
        page = page[: title.end()] + _demote(page[title.end() : end]) + page[end:]
    return page


def polish_book(folder: Path, files: list[Path] | None = None) -> list[Path]:
    """Mend every HTML page in ``folder`` (or only ``files``); returns the pages changed."""
    changed = []
    for p in files if files is not None else sorted(folder.rglob("*.html")):
        if p.suffix != ".html" or "site_libs" in p.parts or not p.exists():
            continue
        text = p.read_text(encoding="utf-8")
        new = polish_page(text)
        if new != text:
            p.write_text(new, encoding="utf-8")
            changed.append(p)
    return changed


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--polish":
        print(f"polished {len(polish_book(Path(sys.argv[2])))} pages")
    elif len(sys.argv) > 1 and sys.argv[1] == "--notices":
        print("data notices ->", ", ".join(p.name for p in write_notices()))
    else:
        print(write_landing(Path(sys.argv[1] if len(sys.argv) > 1 else "_book")))
