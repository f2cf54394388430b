"""rrall.fonts: the Korean font the set-up installs, its web fonts, and their licence notice."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTFont

from rrall.fonts import (
    WEBFONT_FAMILY,
    WEBFONT_FILES,
    install_fonts,
    install_webfonts,
    web_unicodes,
)

ROOT = Path(__file__).resolve().parent.parent


def test_fonts_travel_with_their_licence(tmp_path: Path) -> None:
    dest = install_fonts(tmp_path / "fonts")
    notice = (dest / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in notice and "NanumGothic" in notice
    assert {p.name for p in dest.glob("*.ttf")} == {"NanumGothic.ttf", "NanumGothicBold.ttf"}


def test_html_ships_the_web_fonts_with_their_notice_and_not_the_ttfs() -> None:
    resources = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))["project"][
        "resources"
    ]
    assert "/_assets/webfonts/OFL.txt" in resources
    assert {f"/_assets/webfonts/{f}" for f in WEBFONT_FILES} <= set(resources)
    assert not [r for r in resources if r.endswith(".ttf")]
    css = (ROOT / "_assets" / "rrall.css").read_text(encoding="utf-8")
    for name, weight in WEBFONT_FILES.items():
        assert f'url("webfonts/{name}") format("woff2")' in css
        assert f"font-weight: {weight};" in css
    assert f'font-family: "{WEBFONT_FAMILY}"' in css


def test_web_unicodes_cover_hangul_ks_x_1001_symbols_and_latin() -> None:
    cps = web_unicodes()
    assert all(c in cps for c in range(0xAC00, 0xD7A4))  # every Hangul syllable
    for ch in "AZaz09 ±≤≥→−–—“”‘’…·×°µ※①㎏㎖":
        assert ord(ch) in cps, ch
    assert ord("一") not in cps  # no Hanja


def test_web_fonts_are_sanitised_renamed_woff2(tmp_path: Path) -> None:
    # a small subset keeps the test quick; the set-up makes the full set the same way
    dest = install_webfonts(tmp_path / "web", unicodes=[*range(0x20, 0x7F), *range(0xAC00, 0xAC40)])
    notice = (dest / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in notice and "Modified Version" in notice
    for name, weight in WEBFONT_FILES.items():
        font = TTFont(dest / name)
        assert font.flavor == "woff2"
        tables = set(font.keys())
        assert not {t for t in tables if t.startswith("TSI")}  # VTT tables gone
        cmap = font.getBestCmap()
        assert 0xAC00 in cmap and ord("A") in cmap and 0xAC40 not in cmap
        names = {r.nameID: r.toUnicode() for r in font["name"].names if r.platformID == 3}
        assert names[1] == WEBFONT_FAMILY  # a Modified Version drops the Reserved Font Name
        assert not any("Nanum" in names[i] for i in (1, 4, 6) if i in names)
        assert (font["OS/2"].usWeightClass >= 600) == (weight == 700)


@pytest.mark.parametrize("name", list(WEBFONT_FILES))
def test_set_up_web_fonts_are_full_and_under_1_mb(name: str) -> None:
    path = ROOT / "_assets" / "webfonts" / name
    if not path.exists():
        pytest.skip("web fonts not made yet (`make setup` makes them)")
    assert path.stat().st_size < 1_000_000
    cmap = TTFont(path).getBestCmap()
    assert set(web_unicodes()) - set(cmap) <= set(web_unicodes()) - _ttf_cmap()


def _ttf_cmap() -> set[int]:
    from rrall.fonts import font_files

    return set(TTFont(font_files()[0]).getBestCmap())
