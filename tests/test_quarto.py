"""Finding Quarto and checking its version; the landing page."""

from __future__ import annotations

from pathlib import Path

from rrall.quarto import parse_version
from rrall.site import landing_page


def test_parse_version() -> None:
    assert parse_version("1.10.18\n") == (1, 10, 18)
    assert parse_version("1.9") == (1, 9)
    assert parse_version("quarto 1.4.557") == (1, 4, 557)
    assert parse_version("none") is None
    assert parse_version("1.10.18") >= (1, 9) > parse_version("1.8.27")


def test_landing_page_links_only_rendered_editions(tmp_path: Path) -> None:
    assert "No edition rendered yet" in landing_page(tmp_path)
    (tmp_path / "ko").mkdir()
    (tmp_path / "ko" / "index.html").write_text("x", encoding="utf-8")
    page = landing_page(tmp_path)
    assert 'href="ko/index.html"' in page and 'href="en/index.html"' not in page
    assert "rrall-ko.pdf" not in page
    (tmp_path / "ko" / "rrall-ko.pdf").write_bytes(b"%PDF")
    assert 'href="ko/rrall-ko.pdf"' in landing_page(tmp_path)
    assert "재구성" in page and "Reconstructed" in page
