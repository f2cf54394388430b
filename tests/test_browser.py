"""Both editions as readers meet them: every page opened in Chromium (Playwright) and checked
with axe-core, at desktop and phone width; the supplement's single-file editions opened offline.

Needs the session's render (Quarto >= 1.9) and a Chromium (Debian's ``chromium``; Playwright's own
browser download is never used). Skipped with the reason where either is missing. Screenshots of
every page at both widths are saved under the pytest temporary folder; the path is printed.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .conftest import NO_QUARTO

_CANDIDATES = ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
CHROMIUM = next((p for p in _CANDIDATES if p and os.path.exists(p)), None)
try:
    import playwright.sync_api
    from axe_playwright_python.sync_playwright import Axe

    NO_PLAYWRIGHT = None
except ImportError as e:  # pragma: no cover - the dev extras install it
    NO_PLAYWRIGHT = f"playwright / axe-playwright-python not importable: {e}"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.render,
    pytest.mark.skipif(NO_QUARTO is not None, reason=str(NO_QUARTO)),
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium (apt-get install chromium)"),
    pytest.mark.skipif(NO_PLAYWRIGHT is not None, reason=str(NO_PLAYWRIGHT)),
]

# the machine's network is closed and the report must not need one: keep Chromium quiet
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = {"desktop": 1280, "phone": 390}
# words the search must find: Korean and English in the Korean edition, English in the English one
SEARCH_WORDS = {"ko": ("생존율", "Kaplan"), "en": ("transplant",)}

# gathered in the page, after the web fonts settled and then were all asked to load
_PAGE_FACTS = """async () => {
  await document.fonts.ready;
  const used = [...document.fonts].map(f => [f.family, f.weight, f.status]);
  await Promise.all([...document.fonts].map(f => f.load().catch(() => null)));
  const named = el => (el.getAttribute('aria-label') || '').trim() ||
    (el.getAttribute('aria-labelledby') || '').trim() || (el.getAttribute('title') || '').trim();
  const hidden = el => el.getAttribute('aria-hidden') === 'true' ||
    ['presentation', 'none'].includes(el.getAttribute('role'));
  const alt = el => (el.getAttribute('alt') || '').trim();
  const noAlt = [];
  const miss = el => noAlt.push(el.outerHTML.slice(0, 120));
  for (const img of document.querySelectorAll('img')) {
    if (!hidden(img) && !alt(img) && !named(img)) miss(img);
  }
  for (const svg of document.querySelectorAll('svg[role="img"]')) {
    if (!named(svg) && !svg.querySelector('title')) miss(svg);
  }
  for (const fig of document.querySelectorAll('figure')) {
    const img = [...fig.querySelectorAll('img')].some(alt);
    const cap = ((fig.querySelector('figcaption') || {}).textContent || '').trim();
    if (!cap && !img && !named(fig) && !fig.querySelector('table')) miss(fig);
  }
  return {
    lang: document.documentElement.lang,
    h1: document.querySelectorAll('h1').length,
    fontsUsed: used,
    fonts: [...document.fonts].map(f => [f.family, f.weight, f.status]),
    noAlt,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    langLink: (document.querySelector('a.rrall-lang') || {}).href || null,
  };
}"""


@dataclass
class Visit:
    """What one page showed at one width."""

    page: str
    width: str
    facts: dict[str, Any]
    console: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    axe: list[tuple[str, str, int]] = field(default_factory=list)


@pytest.fixture(scope="session")
def server(rendered: Path) -> Iterator[str]:
    """The rendered ``_book`` served on the loopback address; yields the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(rendered / "_book"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with playwright.sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _pages(book: Path) -> list[str]:
    return sorted(
        p.relative_to(book).as_posix() for p in book.rglob("*.html") if "site_libs" not in p.parts
    )


def _open(context: Any, url: str, base: str) -> tuple[Any, list[str], list[str]]:
    """A new page at ``url`` recording console messages and requests leaving ``base``."""
    page = context.new_page()
    console: list[str] = []
    foreign: list[str] = []
    page.on(
        "console",
        lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    local = (base, "data:", "blob:", "about:")
    page.on("request", lambda r: None if r.url.startswith(local) else foreign.append(r.url))
    page.goto(url, wait_until="load")
    return page, console, foreign


@pytest.fixture(scope="session")
def visits(
    rendered: Path,
    server: str,
    browser: Any,
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> list[Visit]:
    """Every page of both editions and the landing page, at desktop and phone width."""
    shots = tmp_path_factory.mktemp("screenshots")
    axe = Axe()
    out = []
    for width, px in WIDTHS.items():
        context = browser.new_context(viewport={"width": px, "height": 900})
        for rel in _pages(rendered / "_book"):
            page, console, foreign = _open(context, server + rel, server)
            facts = page.evaluate(_PAGE_FACTS)
            found = axe.run(page).response["violations"]
            shot = shots / f"{rel.replace('/', '_')}-{width}.png"
            page.screenshot(path=str(shot))
            out.append(
                Visit(
                    rel,
                    width,
                    facts,
                    console,
                    foreign,
                    [(v["id"], v["impact"], len(v["nodes"])) for v in found],
                )
            )
            page.close()
        context.close()
    # printed past pytest's capture, so that the path shows in every run
    lines = [f"screenshots ({len(out)}): {shots}"]
    lines += [
        f"  {v.width:7} {v.page:32} h1={v.facts['h1']} fonts loaded="
        f"{sum(f[2] == 'loaded' for f in v.facts['fonts'])}/{len(v.facts['fonts'])} "
        f"console={len(v.console)} other-host={len(v.foreign)} axe={v.axe}"
        for v in out
    ]
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\n" + "\n".join(lines))
    return out


def _fail(bad: list[str]) -> str:
    return f"{len(bad)} page views:\n" + "\n".join(bad[:40])


def test_every_page_was_visited(visits: list[Visit], rendered: Path) -> None:
    pages = _pages(rendered / "_book")
    assert len([p for p in pages if p.startswith("ko/")]) >= 9
    assert len([p for p in pages if p.startswith("en/")]) >= 9
    assert len(visits) == len(pages) * len(WIDTHS)


def test_no_console_error_or_warning(visits: list[Visit]) -> None:
    bad = [f"{v.page} ({v.width}): {m}" for v in visits for m in v.console]
    assert not bad, _fail(bad)


def test_no_request_to_another_host(visits: list[Visit]) -> None:
    bad = [f"{v.page} ({v.width}): {u}" for v in visits for u in v.foreign]
    assert not bad, _fail(bad)


def test_every_web_font_loads(visits: list[Visit]) -> None:
    bad = []
    for v in visits:
        fonts = v.facts["fonts"]
        if not any(f[0] == "Rrall Gothic" for f in fonts):
            bad.append(f"{v.page} ({v.width}): the report's web font is not declared")
        bad += [f"{v.page} ({v.width}): {f}" for f in fonts if f[2] != "loaded"]
        bad += [f"{v.page} ({v.width}): {f}" for f in v.facts["fontsUsed"] if f[2] == "error"]
    assert not bad, _fail(bad)


def test_lang_and_one_h1(visits: list[Visit]) -> None:
    bad = []
    for v in visits:
        want = v.page.split("/")[0] if "/" in v.page else "ko"
        if v.facts["lang"] != want:
            bad.append(f"{v.page}: lang={v.facts['lang']!r}, want {want!r}")
        if v.facts["h1"] != 1:
            bad.append(f"{v.page} ({v.width}): {v.facts['h1']} h1")
    assert not bad, _fail(bad)


def test_every_image_and_figure_has_a_text_alternative(visits: list[Visit]) -> None:
    bad = [f"{v.page}: {el}" for v in visits if v.width == "desktop" for el in v.facts["noAlt"]]
    assert not bad, _fail(bad)


def test_no_sideways_scroll_on_a_phone(visits: list[Visit]) -> None:
    bad = [
        f"{v.page}: {v.facts['scrollWidth']} px wide in {v.facts['clientWidth']} px"
        for v in visits
        if v.width == "phone" and v.facts["scrollWidth"] > v.facts["clientWidth"] + 1
    ]
    assert not bad, _fail(bad)


def test_no_serious_or_critical_axe_violation(visits: list[Visit]) -> None:
    bad = [
        f"{v.page} ({v.width}): {rule} ({impact}, {n} nodes)"
        for v in visits
        for rule, impact, n in v.axe
        if impact in ("serious", "critical")
    ]
    assert not bad, _fail(bad)


def test_language_switch_lands_on_the_same_page(rendered: Path, server: str, browser: Any) -> None:
    context = browser.new_context()
    bad = []
    for rel in _pages(rendered / "_book"):
        if "/" not in rel:
            continue  # the landing page links both editions
        lang, rest = rel.split("/", 1)
        other = "en" if lang == "ko" else "ko"
        page, _, _ = _open(context, server + rel, server)
        with page.expect_navigation():
            page.click("a.rrall-lang")
        landed = page.url.split("#")[0]
        if landed.endswith("/"):  # Quarto's links drop index.html when served over http
            landed += "index.html"
        lang_there = page.evaluate("document.documentElement.lang")
        if landed != f"{server}{other}/{rest}" or lang_there != other:
            bad.append(f"{rel} -> {landed}")
        page.close()
    context.close()
    assert not bad, _fail(bad)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_search_finds_a_korean_and_an_english_word(lang: str, server: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    for word in SEARCH_WORDS[lang]:
        page, console, foreign = _open(context, f"{server}{lang}/index.html", server)
        page.click("#quarto-search .aa-Input")
        page.keyboard.type(word)
        hits = page.locator(".aa-Panel .aa-Item")
        hits.first.wait_for(timeout=15_000)
        texts = " ".join(hits.all_inner_texts())
        assert word.lower() in texts.lower(), (lang, word, texts[:300])
        assert not console and not foreign, (console, foreign)
        page.close()
    context.close()


# -- the supplement's single-file editions, opened offline ----------------------------------------
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_single_file_edition_opens_offline(
    lang: str, supplement: Path, browser: Any, tmp_path: Path
) -> None:
    with zipfile.ZipFile(supplement) as z:
        z.extract(f"rrall-supplement/rrall-{lang}.html", tmp_path)
    html = tmp_path / "rrall-supplement" / f"rrall-{lang}.html"
    assert html.stat().st_size < 5_000_000
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page, console, foreign = _open(context, html.as_uri(), html.as_uri())
    facts = page.evaluate(_PAGE_FACTS)
    assert not foreign, foreign
    assert not console, console
    assert facts["lang"] == lang and facts["h1"] == 1
    assert any(f[0] == "Rrall Gothic" for f in facts["fonts"])
    assert all(f[2] == "loaded" for f in facts["fonts"]), facts["fonts"]
    assert not facts["noAlt"], facts["noAlt"]
    assert facts["langLink"].endswith(f"rrall-{'en' if lang == 'ko' else 'ko'}.html")
    page.close()
    context.close()
