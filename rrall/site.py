"""The landing page that links both editions: ``python -m rrall.site _book``."""

from __future__ import annotations

import html
import sys
from pathlib import Path

__all__ = ["landing_page", "write_landing"]

_EDITIONS = (
    (
        "ko",
        "한국어판",
        "재발성/불응성 소아 급성림프모구백혈병: 다기관 후향적 연구의 재현 가능한 재분석",
        "rrall-ko.pdf",
    ),
    (
        "en",
        "English edition",
        "Relapsed/refractory childhood ALL: a reproducible re-analysis of a multicentre retrospective study",
        "rrall-en.pdf",
    ),
)


def landing_page(book_dir: Path) -> str:
    """HTML linking each edition's HTML and PDF (only those that exist), with the data notice."""
    items = []
    for code, name, title, pdf in _EDITIONS:
        if not (book_dir / code / "index.html").exists():
            continue
        links = [f'<a href="{code}/index.html">HTML</a>']
        if (book_dir / code / pdf).exists():
            links.append(f'<a href="{code}/{pdf}">PDF</a>')
        items.append(
            f'<li lang="{code}"><strong>{html.escape(name)}</strong>: {html.escape(title)} '
            f"— {' · '.join(links)}</li>"
        )
    body = "\n".join(items) or "<li>No edition rendered yet. / 렌더된 판이 없습니다.</li>"
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>rrall: 재현 보고서 / reproducible report</title>
<style>
@font-face {{ font-family: "NanumGothic"; src: url("ko/_assets/fonts/NanumGothic.ttf") format("truetype"); }}
body {{ font-family: "NanumGothic", "Noto Sans KR", "Malgun Gothic", sans-serif; max-width: 46rem;
       margin: 3rem auto; padding: 0 1rem; line-height: 1.6; color: #222; }}
.notice {{ background: #fff4e5; border: 1px solid #f0b35c; border-radius: 4px; padding: .6rem .9rem; }}
li {{ margin: .6rem 0; }}
</style>
</head>
<body>
<main>
<h1>rrall</h1>
<p class="notice" role="note"><strong>재구성 자료 / Reconstructed data.</strong>
보고서의 모든 수치는 논문의 집계값을 재현하도록 만든 합성 환자 기록으로 계산했습니다.
Every number is computed from synthetic patient records built to reproduce the paper's aggregates.</p>
<ul>
{body}
</ul>
<p>Yoo KH, et al. <em>Clin Pediatr Hematol Oncol</em> 2017;24:101-106. doi:10.15264/cpho.2017.24.2.101</p>
</main>
</body>
</html>
"""


def write_landing(book_dir: Path) -> Path:
    """Write ``<book_dir>/index.html``."""
    out = book_dir / "index.html"
    out.write_text(landing_page(book_dir), encoding="utf-8")
    return out


if __name__ == "__main__":
    print(write_landing(Path(sys.argv[1] if len(sys.argv) > 1 else "_book")))
