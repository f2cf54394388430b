"""The Korean font (NanumGothic, SIL OFL 1.1): TTFs for figures and the PDF, WOFF2 for the web.

The TTFs come from a registry package (``koreanize-matplotlib``). Browsers do not accept them as
web fonts (Chromium's font sanitiser rejects their empty VTT source table ``TSI3``) and they weigh
4.6 MB each, so the set-up also makes sanitised, subset WOFF2 files from them with fontTools:
every Hangul syllable, the KS X 1001 symbol rows and Latin, so new text keeps rendering in the
font. The PDF keeps embedding its own subset of the TTFs (Typst subsets on its own).

A subset is a Modified Version under the SIL Open Font License, and "NanumGothic" is a Reserved
Font Name (OFL condition 3), so the web fonts carry their own family name, ``WEBFONT_FAMILY``, and
say in their name table what they were made from. The OFL notice travels beside them.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rrall.paths import project_root

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

__all__ = [
    "FONT_FAMILY",
    "WEBFONT_FAMILY",
    "WEBFONT_FILES",
    "WEBFONT_NOTICE",
    "font_dir",
    "font_files",
    "install_fonts",
    "install_webfonts",
    "make_webfont",
    "web_unicodes",
]

FONT_FAMILY = "NanumGothic"
_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf")
#: the web fonts' family name (a Modified Version may not use the Reserved Font Name)
WEBFONT_FAMILY = "Rrall Gothic"
#: the web font made from each TTF (same order as the TTFs), with its CSS weight
WEBFONT_FILES = {"RrallGothic-Regular.woff2": 400, "RrallGothic-Bold.woff2": 700}
# Visual TrueType's source tables: editor data, not font data (TSI3 is empty in NanumGothic,
# which is what makes Chromium's sanitiser reject the whole font)
_VTT_TABLES = ("TSI0", "TSI1", "TSI2", "TSI3", "TSI5", "TSIB", "TSIC", "TSID", "TSIJ", "TSIP")
# name records that carry the font's name (family, unique id, full name, PostScript name,
# typographic family and style, WWS names, CID findfont name)
_NAME_IDS = (1, 3, 4, 6, 16, 17, 18, 20, 21, 22)
_OFL = "NanumGothic-OFL.txt"
#: what the web fonts are, written above the OFL notice that travels with them
WEBFONT_NOTICE = (
    f"{WEBFONT_FAMILY} ({', '.join(WEBFONT_FILES)}): a Modified Version of NanumGothic under the\n"
    "SIL Open Font License 1.1 below, made by rrall's set-up (rrall.fonts.install_webfonts):\n"
    "Visual TrueType source tables removed, glyphs subset to Hangul syllables, KS X 1001 symbols\n"
    "and Latin, WOFF2 compression, and renamed because NanumGothic is a Reserved Font Name.\n\n"
)


def _package_font_dir() -> Path | None:
    # koreanize-matplotlib ships the TTFs; find them without importing the package
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    d = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    return d if d.exists() else None


@lru_cache(maxsize=1)
def font_dir() -> Path:
    """Folder holding NanumGothic: the project's ``_assets/fonts`` if set up, else the package's."""
    local = project_root() / "_assets" / "fonts"
    if all((local / f).exists() for f in _FILES):
        return local
    pkg = _package_font_dir()
    if pkg is None:
        raise FileNotFoundError("NanumGothic not found: run `make setup`")
    return pkg


def font_files() -> list[Path]:
    """The regular and bold TTF files."""
    return [font_dir() / f for f in _FILES]


def _copy_notice(dest: Path, preamble: str = "") -> None:
    # the wheel's licence covers its code only: the fonts' own OFL notice travels with them
    notice = (project_root() / "_assets" / _OFL).read_text(encoding="utf-8")
    (dest / "OFL.txt").write_text(preamble + notice, encoding="utf-8")


def install_fonts(dest: Path | None = None) -> Path:
    """Copy the TTFs (and their OFL notice) into ``_assets/fonts`` for figures and Typst."""
    dest = dest or project_root() / "_assets" / "fonts"
    dest.mkdir(parents=True, exist_ok=True)
    src = _package_font_dir()
    if src is None:
        raise FileNotFoundError("koreanize-matplotlib is not installed")
    for f in _FILES:
        shutil.copyfile(src / f, dest / f)
    _copy_notice(dest)
    return dest


def _ks_x_1001_symbols() -> set[int]:
    """Every character in KS X 1001's non-Hangul, non-Hanja rows (0xA1-0xAF lead bytes)."""
    out: set[int] = set()
    for lead in range(0xA1, 0xB0):
        for trail in range(0xA1, 0xFF):
            try:
                ch = bytes((lead, trail)).decode("euc_kr")
            except UnicodeDecodeError:
                continue
            out.add(ord(ch))
    return out


@lru_cache(maxsize=1)
def web_unicodes() -> frozenset[int]:
    """Code points the web fonts keep: text the report may ever show, not only today's.

    All 11,172 Hangul syllables and the compatibility jamo, the KS X 1001 symbol rows (Korean
    punctuation, units, circled numbers, Greek, box drawing), Latin (ASCII, Latin-1, Latin
    Extended-A), general punctuation, arrows and mathematical operators (≤ ≥ ± − →). Hanja are
    left out (the report has none; browsers fall back to a system font if one ever appears).
    """
    ranges = (
        (0x0020, 0x007E),  # ASCII
        (0x00A0, 0x017F),  # Latin-1 Supplement, Latin Extended-A
        (0x2000, 0x206F),  # general punctuation (dashes, quotes, ellipsis, nbsp variants)
        (0x2070, 0x209F),  # super- and subscripts
        (0x2190, 0x22FF),  # arrows, mathematical operators
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0x3130, 0x318F),  # Hangul compatibility jamo
        (0xAC00, 0xD7A3),  # Hangul syllables
    )
    cps = {c for lo, hi in ranges for c in range(lo, hi + 1)}
    return frozenset(cps | _ks_x_1001_symbols())


def _rename(font: TTFont, style: str) -> None:
    """Give the font ``WEBFONT_FAMILY`` as its name, on every platform and language."""
    name = font["name"]
    family = WEBFONT_FAMILY
    ps = f"{family.replace(' ', '')}-{style}"
    for nid in _NAME_IDS:
        name.removeNames(nameID=nid)
    for nid, value in (
        (1, family),
        (3, f"{ps};rrall"),
        (4, f"{family} {style}"),
        (6, ps),
        (10, f"Modified Version of {FONT_FAMILY} (subset, WOFF2), SIL Open Font License 1.1"),
    ):
        name.setName(value, nid, 3, 1, 0x409)


def make_webfont(src: Path, dest: Path, unicodes: Iterable[int] | None = None) -> Path:
    """Write a sanitised WOFF2 of the TTF ``src``: VTT tables dropped, subset to ``unicodes``.

    ``unicodes`` defaults to :func:`web_unicodes`. Glyphs keep their hinting and layout features;
    the font is renamed ``WEBFONT_FAMILY`` (see the module's note on the OFL).
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(src)
    for tag in _VTT_TABLES:
        if tag in font:
            del font[tag]
    opts = subset.Options()
    opts.flavor = "woff2"
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    subsetter = subset.Subsetter(options=opts)
    subsetter.populate(unicodes=sorted(web_unicodes() if unicodes is None else set(unicodes)))
    subsetter.subset(font)
    _rename(font, "Bold" if font["OS/2"].usWeightClass >= 600 else "Regular")
    dest.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff2"
    font.save(dest)
    return dest


def install_webfonts(dest: Path | None = None, unicodes: Iterable[int] | None = None) -> Path:
    """Make ``_assets/webfonts/*.woff2`` (regular and bold) and put the OFL notice beside them."""
    dest = dest or project_root() / "_assets" / "webfonts"
    dest.mkdir(parents=True, exist_ok=True)
    keep = None if unicodes is None else sorted(set(unicodes))
    for ttf, woff2 in zip(font_files(), WEBFONT_FILES, strict=True):
        make_webfont(ttf, dest / woff2, keep)
    _copy_notice(dest, WEBFONT_NOTICE)
    return dest
