"""rrall.site's mends for the rendered pages, and the texts of the report's surroundings."""

from __future__ import annotations

import re
from pathlib import Path

from rrall.labels.site import SITE, site_label
from rrall.site import polish_page

ROOT = Path(__file__).resolve().parent.parent
HANGUL = re.compile("[\uac00-\ud7a3]")

_PAGE = """<html lang="{lang}"><body>
<nav class="quarto-secondary-nav"><nav class="quarto-page-breadcrumbs" aria-label="breadcrumb">
</nav></nav>
<nav id="quarto-sidebar" class="sidebar">
<a class="sidebar-item-text sidebar-link text-start" data-bs-toggle="collapse" \
data-bs-target="#quarto-sidebar-section-1" role="navigation" aria-expanded="true">Appendices</a>
</nav>
<main class="content"><header id="title-block-header"><h1 class="title">Book</h1></header>
<section><h1 class="unnumbered">Preface</h1><h2 id="a">Summary</h2>
<div id="rrall-b4" style="padding-left:0px;overflow-x:auto;overflow-y:auto;"><table></table></div>
</section>
<nav class="page-navigation"></nav></main>
<h2 id="toc-title">Contents</h2></body></html>"""


def test_polish_names_every_navigation_landmark_in_the_page_language() -> None:
    for lang in ("ko", "en"):
        page = polish_page(_PAGE.format(lang=lang))
        for key in ("nav_secondary", "nav_sidebar", "nav_pages", "nav_breadcrumb"):
            assert f'aria-label="{site_label(key, lang)}"' in page, (lang, key)
        assert 'aria-label="breadcrumb"' not in page
        assert len(re.findall(r"<nav[^>]*aria-label=", page)) == 4
        assert 'role="navigation"' not in page
        assert 'href="#quarto-sidebar-section-1" role="button"' in page
        assert 'overflow-y:auto;" tabindex="0">' in page
        assert polish_page(page) == page  # idempotent


def test_polish_leaves_one_h1_per_page() -> None:
    page = polish_page(_PAGE.format(lang="en"))
    assert re.findall(r"<h(\d)[^>]*>([^<]*)", page) == [
        ("1", "Book"),
        ("2", "Preface"),
        ("3", "Summary"),
        ("2", "Contents"),  # outside <main>: untouched
    ]
    chapter = _PAGE.format(lang="en").replace('<h1 class="unnumbered">Preface</h1>', "")
    assert '<h2 id="a">' in polish_page(chapter)  # no h1 in the body: nothing moves


def test_site_labels_in_both_languages_and_all_used() -> None:
    sources = "\n".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / "rrall").rglob("*.py")
        if p.parent.name != "labels"
    )
    for key, entry in SITE.items():
        assert set(entry) == {"ko", "en"}, key
        assert HANGUL.search(entry["ko"]) or entry["ko"] == entry["en"], key
        assert not HANGUL.search(entry["en"]), key
        assert not entry["ko"].rstrip(".").endswith(("니다", "니까")), key  # plain -다 register
        assert set(re.findall(r"\{(\w+)\}", entry["ko"])) == set(
            re.findall(r"\{(\w+)\}", entry["en"])
        ), key
        assert f'"{key}"' in sources, f"unused label {key}"


def test_no_hangul_in_the_site_and_build_modules() -> None:
    for name in ("site", "fonts", "quarto", "citation", "supplement"):
        text = (ROOT / "rrall" / f"{name}.py").read_text(encoding="utf-8")
        assert not HANGUL.search(text), name


def test_notices_follow_the_data_and_link_the_other_edition(tmp_path: Path) -> None:
    from rrall.labels import label
    from rrall.site import notices

    for lang, other in (("ko", "en"), ("en", "ko")):
        recon = notices(lang, reconstructed=True)
        real = notices(lang, reconstructed=False)
        assert recon["banner"] != real["banner"]
        assert f'href="../{other}/index.html"' in recon["banner"]
        head = label("banner_reconstructed", lang).partition(": ")[0]
        assert head in recon["banner"] and head not in real["banner"]
        # the Typst notice is escaped: a '#' or '[' in the words cannot run as code
        assert "#set page(" in recon["typst"]
        assert recon["typst"].count("[") == recon["typst"].count("]")


def test_ensure_notices_reports_only_the_notices_it_had_to_create(tmp_path: Path) -> None:
    from rrall.site import GENERATED, ensure_notices, notices

    created = ensure_notices(tmp_path, ROOT / "data")
    assert sorted(p.name for p in created) == [
        "banner-en.html",
        "banner-ko.html",
        "notice-en.typ",
        "notice-ko.typ",
    ]
    assert ensure_notices(tmp_path, ROOT / "data") == []  # present: the render may go on
    (tmp_path / GENERATED / "banner-en.html").unlink()
    assert [p.name for p in ensure_notices(tmp_path, ROOT / "data")] == ["banner-en.html"]
    # a folder without a reconstruction record is the study's own data: other words
    real = tmp_path / "real"
    real.mkdir()
    ensure_notices(tmp_path, real)
    banner = (tmp_path / GENERATED / "banner-ko.html").read_text(encoding="utf-8")
    assert banner == notices("ko", reconstructed=False)["banner"]


# ---- the edition guard of the pre-render step --------------------------------------------------
def test_edition_guard_refuses_single_files_after_the_other_editions_whole_render(
    tmp_path: Path,
) -> None:
    from rrall.site import INDEXED_EDITION, edition_guard

    assert edition_guard(tmp_path, "en", render_all=True) is None  # a whole render: recorded
    assert (tmp_path / INDEXED_EDITION).read_text(encoding="utf-8") == "en"
    assert edition_guard(tmp_path, "en", render_all=False) is None  # same edition: fine
    refused = edition_guard(tmp_path, "ko", render_all=False)
    assert refused is not None
    assert "quarto render" in refused and "--profile" not in refused  # Korean is the default
    assert "영어판" in refused and "한국어판" in refused  # Korean words
    assert "English edition" in refused and "Korean edition" in refused  # English words
    assert (tmp_path / INDEXED_EDITION).read_text(encoding="utf-8") == "en"  # unchanged
    assert edition_guard(tmp_path, "ko", render_all=True) is None  # the whole Korean edition
    assert edition_guard(tmp_path, "ko", render_all=False) is None
    refused = edition_guard(tmp_path, "en", render_all=False)
    assert refused is not None and "quarto render --profile en" in refused


def test_edition_guard_lets_a_first_render_of_single_files_go(tmp_path: Path) -> None:
    from rrall.site import INDEXED_EDITION, edition_guard

    assert edition_guard(tmp_path, "ko", render_all=False) is None  # nothing indexed yet
    assert (tmp_path / INDEXED_EDITION).read_text(encoding="utf-8") == "ko"


def test_prerender_hook_stops_a_mixed_render(tmp_path: Path) -> None:
    """The hook Quarto runs (``_assets/prerender.py``, in the project folder) exits 1 with the
    bilingual reason, and lets a whole render of the same edition go."""
    import os
    import subprocess
    import sys

    from rrall.paths import project_root
    from rrall.site import INDEXED_EDITION

    hook = project_root() / "_assets" / "prerender.py"
    state = tmp_path / INDEXED_EDITION
    state.parent.mkdir(parents=True)
    state.write_text("en", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QUARTO_", "RRALL_"))}
    env["PYTHONPATH"] = str(project_root())

    def run(**extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(hook)],
            cwd=tmp_path,
            env={**env, **extra},
            capture_output=True,
            text=True,
            check=False,
        )

    r = run(QUARTO_PROFILE="ko")
    assert r.returncode == 1, r.stderr
    assert (
        site_label("edition_mixed", "en", edition="Korean", last="English", command="quarto render")
        in r.stderr
    )
    r = run(QUARTO_PROFILE="ko", QUARTO_PROJECT_RENDER_ALL="1")
    assert r.returncode == 0, r.stderr
    assert state.read_text(encoding="utf-8") == "ko"
