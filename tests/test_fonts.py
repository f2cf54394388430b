"""rrall.fonts: the Korean font the set-up installs, and its licence notice."""

from __future__ import annotations

from pathlib import Path

import yaml

from rrall.fonts import install_fonts

ROOT = Path(__file__).resolve().parent.parent


def test_fonts_travel_with_their_licence(tmp_path: Path) -> None:
    dest = install_fonts(tmp_path / "fonts")
    notice = (dest / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in notice and "NanumGothic" in notice
    assert {p.name for p in dest.glob("*.ttf")} == {"NanumGothic.ttf", "NanumGothicBold.ttf"}
    # the HTML output ships the notice beside the fonts it serves
    resources = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))["project"][
        "resources"
    ]
    assert "/_assets/fonts/OFL.txt" in resources
