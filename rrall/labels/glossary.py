"""The report's terms: one Korean and one English word per concept, and the abbreviations.

Korean terms follow the usage of the Korean Society of Pediatric Hematology-Oncology (대한소아
혈액종양학회); English follows British spelling, as the English edition does. Tables, figures
and the prose take their terms from here; ``tests/test_glossary.py`` fails when a known variant
(left column of ``AVOID``) appears in the rendered text of an edition.
"""

from __future__ import annotations

__all__ = ["ABBREVIATIONS", "AVOID", "TERMS"]

#: concept -> {"ko": term, "en": term}
TERMS: dict[str, dict[str, str]] = {
    "all": {"ko": "급성림프모구백혈병", "en": "acute lymphoblastic leukaemia"},
    "rr": {"ko": "재발성/불응성", "en": "relapsed or refractory"},
    "hsct": {
        "ko": "동종조혈모세포이식",
        "en": "allogeneic haematopoietic stem cell transplantation",
    },
    "cr": {"ko": "완전관해", "en": "complete remission"},
    "crp": {"ko": "혈소판 미회복 완전관해", "en": "complete remission without platelet recovery"},
    "pr": {"ko": "부분관해", "en": "partial remission"},
    "refractory": {"ko": "불응", "en": "refractory disease"},
    "orr": {"ko": "전체반응률", "en": "overall response rate"},
    "os": {"ko": "전체 생존율", "en": "overall survival"},
    "ci": {"ko": "95% 신뢰구간", "en": "95% confidence interval"},
    "at_risk": {"ko": "추적 중인 환자 수", "en": "number at risk"},
    "censored": {"ko": "중도절단", "en": "censored"},
    "immortal_time": {"ko": "불멸시간 편향", "en": "immortal-time bias"},
    "reinduction": {"ko": "재관해유도 요법", "en": "reinduction therapy"},
    "matched_related": {"ko": "HLA 일치 혈연 공여자", "en": "HLA-matched related donor"},
    "cytogenetics_initial": {
        "ko": "최초 진단 시 세포유전학 소견",
        "en": "cytogenetics at first diagnosis",
    },
    "daunorubicin": {"ko": "다우노루비신", "en": "daunorubicin"},
    "prospective": {"ko": "전향적 연구", "en": "prospective study"},
    "reconstructed": {"ko": "재구성(합성) 자료", "en": "reconstructed (synthetic) data"},
}

#: abbreviation -> {"ko": expansion, "en": expansion}; defined at first use in each edition and
#: in the note of every table that uses it
ABBREVIATIONS: dict[str, dict[str, str]] = {
    "ALL": {"ko": "급성림프모구백혈병", "en": "acute lymphoblastic leukaemia"},
    "R/R": {"ko": "재발성/불응성", "en": "relapsed or refractory"},
    "HSCT": {"ko": "조혈모세포이식", "en": "haematopoietic stem cell transplant"},
    "CR": {"ko": "완전관해", "en": "complete remission"},
    "CRp": {"ko": "혈소판 미회복 완전관해", "en": "complete remission without platelet recovery"},
    "PR": {"ko": "부분관해", "en": "partial remission"},
    "OS": {"ko": "전체 생존율", "en": "overall survival"},
    "CI": {"ko": "신뢰구간", "en": "confidence interval"},
    "HR": {"ko": "위험비", "en": "hazard ratio"},
    "SD": {"ko": "표준편차", "en": "standard deviation"},
    "FAB": {"ko": "French-American-British", "en": "French-American-British"},
    "HLA": {"ko": "사람 백혈구 항원", "en": "human leucocyte antigen"},
    "MRD": {"ko": "미세잔존질환", "en": "minimal residual disease"},
    "NA": {"ko": "자료 없음", "en": "not available"},
    "NE": {"ko": "평가 불가", "en": "not evaluable"},
}

#: a variant the report does not use -> the term it uses instead (per language)
AVOID: dict[str, dict[str, str]] = {
    "ko": {
        "신뢰대": "신뢰구간",
        "95% CI": "95% 신뢰구간",
        "사사오입": "반올림",
        "위험 환자 수": "추적 중인 환자 수",
        "최초 세포유전학": "최초 진단 시 세포유전학 소견",
        "재관해 요법": "재관해유도 요법",
        "다우노마이신": "다우노루비신",
        "전향 연구": "전향적 연구",
        "df=": "자유도",
        "혈소판 회복 없는 완전관해": "혈소판 미회복 완전관해",
        "불멸 시간 편향": "불멸시간 편향",
    },
    "en": {
        "leukemia": "leukaemia",
        "hematopoietic": "haematopoietic",
        "pediatric": "paediatric",
        "df=": "degree of freedom",
    },
}
