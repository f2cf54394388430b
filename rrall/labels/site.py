"""Texts of the report's surroundings, in Korean and English: the landing page, the labels of
the web pages' navigation landmarks, the frame words of the citation, and the build tools'
messages (:mod:`rrall.site`, :mod:`rrall.citation`, :mod:`rrall.quarto`).

Korean is written in the plain -다 register.
"""

from __future__ import annotations

__all__ = ["EDITION_NAMES", "LANGUAGE_NAMES", "SITE", "site_label"]

#: each edition's language, named in itself (the language switch)
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}
#: each edition named in the words of a message: ``EDITION_NAMES[edition][words]``
EDITION_NAMES = {"ko": {"ko": "한국어판", "en": "Korean"}, "en": {"ko": "영어판", "en": "English"}}

SITE: dict[str, dict[str, str]] = {
    # ---- landing page (_book/index.html) -----------------------------------------------------
    "landing_title": {"ko": "rrall: 재현 보고서", "en": "rrall: reproducible report"},
    "landing_edition": {"ko": "한국어판", "en": "English edition"},
    "landing_none": {"ko": "렌더된 판이 없다.", "en": "No edition rendered yet."},
    # ---- accessible names of the navigation landmarks Quarto leaves unnamed -----------------
    "nav_secondary": {"ko": "상단 탐색 막대", "en": "Top navigation bar"},
    "nav_sidebar": {"ko": "장 목록", "en": "Chapters"},
    "nav_breadcrumb": {"ko": "현재 위치", "en": "Breadcrumb"},
    "nav_pages": {"ko": "이전 장과 다음 장", "en": "Previous and next chapter"},
    # ---- citation (rrall.citation) -------------------------------------------------------------
    "cite_version": {"ko": "버전 {version}", "en": "version {version}"},
    "cite_software": {"ko": "소프트웨어", "en": "software"},
    "cite_licence": {"ko": "{licence} 라이선스", "en": "{licence} licence"},
    "cite_data": {"ko": "자료 요약값 {digest}", "en": "data digest {digest}"},
    "cite_together": {
        "ko": "다시 분석한 원 논문과 함께 인용한다:",
        "en": "Please cite it together with the paper it re-analyses:",
    },
    # ---- the pre-render step (rrall.site.edition_guard) ----------------------------------------
    "edition_mixed": {
        "ko": "오류: Quarto가 다른 장의 상호 참조를 마지막으로 색인한 것은 {last} 렌더였다. 지금 {edition} 파일 몇 개만 렌더하면 그 파일에 {last}의 장 제목과 참조 표기가 실린다. 먼저 {edition} 전체를 렌더하라({command}). 그 뒤로는 {edition} 파일을 하나씩 렌더해도 된다.",
        "en": "ERROR: Quarto last indexed the other chapters' cross-references in a render of the {last} edition; rendering only some files of the {edition} edition now would print {last} chapter titles and reference labels in them. Render the whole {edition} edition first ({command}); single files of it can be rendered after that.",
    },
    # ---- build tools (rrall.quarto) ------------------------------------------------------------
    "quarto_missing": {
        "ko": "참고: 이 컴퓨터에서는 Quarto {min} 이상을 설치할 수 없다({wheel} 패키지가 접속할 수 없는 곳에서 실행 파일을 내려받는다). 설정은 계속하며 렌더 테스트는 건너뛴다.",
        "en": "NOTE: Quarto >= {min} could not be installed here ({wheel} downloads its binary from a host this machine cannot reach). Set-up continues; render tests will be skipped. Install Quarto >= {min} (quarto.org or `pip install quarto-cli`) to render.",
    },
    "quarto_required": {
        "ko": "오류: 렌더에는 Quarto {min} 이상이 필요하다 (현재: {found}).",
        "en": "ERROR: Quarto >= {min} is needed to render (found: {found}).",
    },
}


def site_label(key: str, lang: str, **fields: object) -> str:
    """The text ``key`` in ``lang`` (``"ko"`` or ``"en"``) with ``{fields}`` filled in."""
    return SITE[key][lang].format(**fields)
