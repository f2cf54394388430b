"""The STROBE checklist for cohort studies (22 items) and where this report answers each.

Item wording is summarised from the STROBE statement (von Elm et al., 2007); each ``how`` text
points at the report's own sections and figures (Quarto cross-references) or says why the item
cannot be answered from a re-analysis.
"""

from __future__ import annotations

__all__ = ["STROBE_ITEMS", "STROBE_LABELS", "STROBE_REAL"]

#: (item number, label key of its topic, label key of where this report answers it)
STROBE_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("1", "strobe_title_topic", "strobe_title_how"),
    ("2", "strobe_background_topic", "strobe_background_how"),
    ("3", "strobe_objectives_topic", "strobe_objectives_how"),
    ("4", "strobe_design_topic", "strobe_design_how"),
    ("5", "strobe_setting_topic", "strobe_setting_how"),
    ("6", "strobe_participants_topic", "strobe_participants_how"),
    ("7", "strobe_variables_topic", "strobe_variables_how"),
    ("8", "strobe_sources_topic", "strobe_sources_how"),
    ("9", "strobe_bias_topic", "strobe_bias_how"),
    ("10", "strobe_size_topic", "strobe_size_how"),
    ("11", "strobe_quantitative_topic", "strobe_quantitative_how"),
    ("12", "strobe_statistics_topic", "strobe_statistics_how"),
    ("13", "strobe_flow_topic", "strobe_flow_how"),
    ("14", "strobe_descriptive_topic", "strobe_descriptive_how"),
    ("15", "strobe_outcomes_topic", "strobe_outcomes_how"),
    ("16", "strobe_main_topic", "strobe_main_how"),
    ("17", "strobe_other_topic", "strobe_other_how"),
    ("18", "strobe_key_topic", "strobe_key_how"),
    ("19", "strobe_limitations_topic", "strobe_limitations_how"),
    ("20", "strobe_interpretation_topic", "strobe_interpretation_how"),
    ("21", "strobe_generalisability_topic", "strobe_generalisability_how"),
    ("22", "strobe_funding_topic", "strobe_funding_how"),
)

#: items answered differently for a study's own data (no reconstruction): how key -> real key
STROBE_REAL: dict[str, str] = {
    "strobe_setting_how": "strobe_setting_how_real",
    "strobe_statistics_how": "strobe_statistics_how_real",
    "strobe_other_how": "strobe_other_how_real",
}

STROBE_LABELS: dict[str, dict[str, str]] = {
    "strobe_title_topic": {"ko": "제목과 초록", "en": "Title and abstract"},
    "strobe_title_how": {
        "ko": "제목과 요약이 다기관 후향적 코호트 연구임을 밝히고 결과를 균형 있게 요약한다(머리말의 '요약').",
        "en": "The title and summary name the design (a multicentre retrospective cohort) and summarise the results in balance (the Preface's summary).",
    },
    "strobe_background_topic": {"ko": "배경과 근거", "en": "Background and rationale"},
    "strobe_background_how": {"ko": "[-@sec-intro]장.", "en": "@sec-intro."},
    "strobe_objectives_topic": {"ko": "목적", "en": "Objectives"},
    "strobe_objectives_how": {
        "ko": "[-@sec-intro]장의 마지막 문단.",
        "en": "Last paragraph of @sec-intro.",
    },
    "strobe_design_topic": {"ko": "연구 설계", "en": "Study design"},
    "strobe_design_how": {"ko": "@sec-methods-patients.", "en": "@sec-methods-patients."},
    "strobe_setting_topic": {"ko": "장소와 기간", "en": "Setting"},
    "strobe_setting_how": {
        "ko": "참여 기관과 등록 기간은 @sec-methods-patients, 자료 마감일은 [@sec-results-flow]에 있다. 마감일은 논문에 없어 재구성에서 정하였다(@sec-recon).",
        "en": "Hospitals and the study period in @sec-methods-patients; the data cut-off in @sec-results-flow. The paper gives no cut-off; the reconstruction had to choose one (@sec-recon).",
    },
    "strobe_participants_topic": {"ko": "대상자", "en": "Participants"},
    "strobe_participants_how": {
        "ko": "선정·제외 기준과 추적 방법은 [@sec-methods-eligibility] 및 [@sec-methods-definitions]에 있다. 짝지음 설계가 아니다.",
        "en": "Eligibility criteria and follow-up in @sec-methods-eligibility and @sec-methods-definitions. Not a matched design.",
    },
    "strobe_variables_topic": {"ko": "변수", "en": "Variables"},
    "strobe_variables_how": {
        "ko": "결과 변수(반응, 전체 생존)와 노출(이식)의 정의는 @sec-methods-definitions, 모든 변수는 [@sec-codebook]에 있다.",
        "en": "Outcomes (response, overall survival) and exposure (transplant) are defined in @sec-methods-definitions; every variable in @sec-codebook.",
    },
    "strobe_sources_topic": {"ko": "자료원과 측정", "en": "Data sources and measurement"},
    "strobe_sources_how": {
        "ko": "[@sec-methods-data] 및 @sec-codebook.",
        "en": "@sec-methods-data and @sec-codebook.",
    },
    "strobe_bias_topic": {"ko": "비뚤림", "en": "Bias"},
    "strobe_bias_how": {
        "ko": "불멸시간 편향과 그 보정은 [@sec-methods-stats] 및 @sec-td, 선택 비뚤림은 [-@sec-discussion]장에서 다룬다.",
        "en": "Immortal-time bias and its correction in @sec-methods-stats and @sec-td; selection in @sec-discussion.",
    },
    "strobe_size_topic": {"ko": "연구 규모", "en": "Study size"},
    "strobe_size_how": {
        "ko": "규모는 기간 내 적격 환자 전체로 정해졌다(표본 크기 계산 없음, @sec-results-flow).",
        "en": "All eligible patients in the period were included; there was no sample size calculation (@sec-results-flow).",
    },
    "strobe_quantitative_topic": {"ko": "정량 변수", "en": "Quantitative variables"},
    "strobe_quantitative_how": {
        "ko": "연속형 변수는 범주로 나누지 않고 요약하였다(@tbl-characteristics).",
        "en": "Continuous variables are summarised without grouping (@tbl-characteristics).",
    },
    "strobe_statistics_topic": {"ko": "통계 방법", "en": "Statistical methods"},
    "strobe_statistics_how": {
        "ko": "@sec-methods-stats. 결측은 표에 'NA'(자료 없음)로 그대로 보이고 대체하지 않았다. 추적 소실은 중도절단으로 다루고 그 수를 보고한다(@sec-results-survival). 재구성 자료에 대한 민감도 분석은 [@sec-ensemble]에 있다. 교란 보정 모형은 없다.",
        "en": "@sec-methods-stats. Missing values are shown as 'NA' (not available) and not imputed. Loss to follow-up is handled as censoring and counted (@sec-results-survival). Sensitivity to the reconstruction is in @sec-ensemble. There is no model adjusting for confounders.",
    },
    "strobe_flow_topic": {"ko": "대상자 흐름", "en": "Participants (flow)"},
    "strobe_flow_how": {
        "ko": "단계별 인원과 제외 사유는 [@fig-flow] 및 [@sec-results-flow]에 있다.",
        "en": "Numbers at each stage and reasons for exclusion in @fig-flow and @sec-results-flow.",
    },
    "strobe_descriptive_topic": {"ko": "기술 자료", "en": "Descriptive data"},
    "strobe_descriptive_how": {
        "ko": "특성과 변수별 결측은 @tbl-characteristics, 추적 기간 요약은 [@sec-results-survival]에 있다.",
        "en": "Characteristics and missing data per variable in @tbl-characteristics; follow-up in @sec-results-survival.",
    },
    "strobe_outcomes_topic": {"ko": "결과 자료", "en": "Outcome data"},
    "strobe_outcomes_how": {
        "ko": "시간에 따른 사망과 중도절단 수는 @fig-os 아래의 표에 있다.",
        "en": "Deaths and censorings over time in the table below @fig-os.",
    },
    "strobe_main_topic": {"ko": "주요 결과", "en": "Main results"},
    "strobe_main_how": {
        "ko": "추정값과 95% 신뢰구간은 @tbl-os, @tbl-response, [@tbl-td]에 있다. 보정 모형은 없다.",
        "en": "Estimates with 95% confidence intervals in @tbl-os, @tbl-response and @tbl-td. No adjusted model.",
    },
    "strobe_other_topic": {"ko": "기타 분석", "en": "Other analyses"},
    "strobe_other_how": {
        "ko": "불멸시간 편향을 보정한 비교(@sec-td)와 재구성 앙상블(@sec-ensemble).",
        "en": "Comparisons corrected for immortal-time bias (@sec-td) and the ensemble of reconstructions (@sec-ensemble).",
    },
    "strobe_key_topic": {"ko": "핵심 결과", "en": "Key results"},
    "strobe_key_how": {
        "ko": "[-@sec-discussion]장의 첫 문단.",
        "en": "First paragraph of @sec-discussion.",
    },
    "strobe_limitations_topic": {"ko": "제한점", "en": "Limitations"},
    "strobe_limitations_how": {"ko": "@sec-limitations.", "en": "@sec-limitations."},
    "strobe_interpretation_topic": {"ko": "해석", "en": "Interpretation"},
    "strobe_interpretation_how": {"ko": "[-@sec-discussion]장.", "en": "@sec-discussion."},
    "strobe_generalisability_topic": {"ko": "일반화 가능성", "en": "Generalisability"},
    "strobe_generalisability_how": {"ko": "@sec-limitations.", "en": "@sec-limitations."},
    "strobe_funding_topic": {"ko": "연구비", "en": "Funding"},
    "strobe_funding_how": {
        "ko": "원 연구는 Sanofi의 지원을 받았다(논문의 감사의 글). 이 재분석은 외부 연구비를 받지 않았다.",
        "en": "The original study was funded by Sanofi (the paper's acknowledgement). This re-analysis received no external funding.",
    },
    "strobe_setting_how_real": {
        "ko": "참여 기관과 등록 기간은 [@sec-methods-patients], 자료 마감일은 [@sec-results-flow]에 있다.",
        "en": "Hospitals and the study period in @sec-methods-patients; the data cut-off in @sec-results-flow.",
    },
    "strobe_statistics_how_real": {
        "ko": "[@sec-methods-stats]. 결측은 표에 'NA'(자료 없음)로 그대로 보이고 대체하지 않았다. 추적 소실은 중도절단으로 다루고 그 수를 보고한다([@sec-results-survival]). 교란 보정 모형은 없다.",
        "en": "@sec-methods-stats. Missing values are shown as 'NA' (not available) and not imputed. Loss to follow-up is handled as censoring and counted (@sec-results-survival). There is no model adjusting for confounders.",
    },
    "strobe_other_how_real": {
        "ko": "불멸시간 편향을 보정한 비교([@sec-td]).",
        "en": "Comparisons corrected for immortal-time bias (@sec-td).",
    },
}
