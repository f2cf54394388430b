"""Sentences and clauses whose words depend on the data, in Korean and English.

:mod:`rrall.prose` chooses among them from computed values (which group is higher, whether a
test is significant, whether "most" is most); this module holds only the words. Fields in
braces are filled with cited numbers; ``{x|이/가}`` attaches the fitting Korean particle.
"""

from __future__ import annotations

__all__ = ["PROSE"]

PROSE: dict[str, dict[str, str]] = {
    # ---- comparisons and judgements ------------------------------------------------------------
    "cmp_higher": {"ko": "높았다", "en": "higher"},
    "cmp_lower": {"ko": "낮았다", "en": "lower"},
    "cmp_same": {"ko": "같았다", "en": "the same"},
    "range_below": {"ko": "보다 낮다", "en": "below"},
    "range_within": {"ko": " 범위 안에 있다", "en": "within"},
    "range_above": {"ko": "보다 높다", "en": "above"},
    "sig_yes": {"ko": "통계적으로 유의하였다", "en": "statistically significant"},
    "sig_no": {"ko": "통계적으로 유의하지 않았다", "en": "not statistically significant"},
    "sig_ne": {"ko": "검정할 수 없었다", "en": "could not be tested"},
    # ---- lists -----------------------------------------------------------------------------------
    "item_share": {"ko": "{name}({share})", "en": "{name} ({share})"},
    "tied_with": {"ko": "{names}(각각 {share})", "en": "{names} ({share} each)"},
    "of_all": {"ko": "{n}명 모두", "en": "all {n}"},
    "of_one_of_one": {"ko": "1명", "en": "the one"},
    "of_none": {"ko": "{n}명 중 아무도", "en": "none of the {n}"},
    "of_some": {"ko": "{n}명 중 {k}명", "en": "{k} of the {n}"},
    # ---- study flow --------------------------------------------------------------------------
    "flow_excluded_some": {
        "ko": "검토한 의무기록 {reviewed}건 가운데 {excluded}건이 선정 기준을 만족하지 못하여({reasons}) 적격 환자는 {eligible}명이었다",
        "en": "Of the {reviewed} records reviewed, {excluded} did not meet the eligibility criteria ({reasons}), leaving {eligible} eligible patients",
    },
    "flow_excluded_none": {
        "ko": "검토한 의무기록 {reviewed}건이 모두 선정 기준을 만족하여 적격 환자는 {eligible}명이었다",
        "en": "All {reviewed} records reviewed met the eligibility criteria, giving {eligible} eligible patients",
    },
    "flow_reason": {"ko": "{reason} {n}건", "en": "{reason}, {n}"},
    "flow_no_data_some": {
        "ko": "적격 환자 가운데 {no_data|은/는} 재발/불응 진단 후 치료와 추적 자료가 없어, 치료·반응·생존 분석에는 {analysed}명이 포함되었다",
        "en": "Treatment and follow-up records after R/R diagnosis were missing for {no_data}, so the treatment, response and survival analyses include {analysed} patients",
    },
    "flow_no_data_none": {
        "ko": "적격 환자 모두에게 재발/불응 진단 후 치료와 추적 자료가 있어 {analysed}명 모두 치료·반응·생존 분석에 포함되었다",
        "en": "Every eligible patient had treatment and follow-up records after R/R diagnosis, so all {analysed} are included in the treatment, response and survival analyses",
    },
    # ---- characteristics ---------------------------------------------------------------------------
    "sex_ratio": {"ko": "남녀 비는 {ratio}:1이었다", "en": "the male to female ratio was {ratio}:1"},
    "sex_ratio_no_female": {"ko": "여자 환자는 없었다", "en": "there were no female patients"},
    "immuno_top": {
        "ko": "면역표현형은 {name|이/가} {share|으로/로} 가장 많았다",
        "en": "the commonest immunophenotype was {name} ({share})",
    },
    "immuno_top_majority": {
        "ko": "면역표현형은 {name|이/가} {share|으로/로} 과반을 차지하였다",
        "en": "the commonest immunophenotype was {name}, in more than half of the patients ({share})",
    },
    "immuno_none": {"ko": "면역표현형 자료는 없었다", "en": "no immunophenotype was recorded"},
    "status_more": {
        "ko": "재발성으로 등록된 환자는 {rel|으로/로} 불응성 {ref}보다 많았다",
        "en": "More patients were registered with relapsed disease, {rel}, than with refractory disease, {ref}",
    },
    "status_fewer": {
        "ko": "재발성으로 등록된 환자는 {rel|으로/로} 불응성 {ref}보다 적었다",
        "en": "Fewer patients were registered with relapsed disease, {rel}, than with refractory disease, {ref}",
    },
    "status_equal": {
        "ko": "재발성과 불응성으로 등록된 환자는 각각 {rel}, {ref|으로/로} 같았다",
        "en": "As many patients were registered with relapsed disease, {rel}, as with refractory disease, {ref}",
    },
    "status_ratio": {
        "ko": "불응성 환자 1명당 재발성 환자는 {ratio}명이었다",
        "en": "that is, {ratio} relapsed for every refractory patient",
    },
    # ---- treatment ---------------------------------------------------------------------------------
    "agents_top": {
        "ko": "첫 주기에 스테로이드 외에 가장 자주 쓰인 약제는 {list|이었다/였다}",
        "en": "Apart from steroids, the agents used most often in the first cycle were {list}",
    },
    "agents_top_one": {
        "ko": "첫 주기에 쓰인 스테로이드 외 약제는 {list}뿐이었다",
        "en": "The only agent other than steroids used in the first cycle was {list}",
    },
    "agents_none": {
        "ko": "첫 주기에 스테로이드 외 약제를 받은 환자는 없었다",
        "en": "No patient received an agent other than steroids in the first cycle",
    },
    "asparaginase": {
        "ko": "일차 치료의 근간인 L-아스파라기나제는 첫 주기에 {of|이/가} 받았다",
        "en": "L-asparaginase, a backbone of frontline therapy, was given in the first cycle to {of} patients",
    },
    "asparaginase_none": {
        "ko": "일차 치료의 근간인 L-아스파라기나제는 첫 주기에 {of} 받지 않았다",
        "en": "L-asparaginase, a backbone of frontline therapy, was given in the first cycle to {of} patients",
    },
    "not_evaluable": {
        "ko": "골수 검사를 받은 환자 가운데 {n|은/는} 반응 범주가 보고되지 않아 평가 불가로 두었다",
        "en": "For {n} examined, no response category was reported; they are counted as not evaluable",
    },
    "reasons_overlap": {
        "ko": "{n|은/는} 두 사유가 함께 보고되었다",
        "en": "both reasons were reported for {n}",
    },
    "hsct_reason_top": {
        "ko": "이식을 받지 않은 {untransplanted} 가운데 가장 흔한 사유는 {reason|으로/로} {share|을/를} 차지하였다",
        "en": "Among the {untransplanted} not transplanted, the commonest reason was {reason} ({share})",
    },
    "hsct_reason_top_majority": {
        "ko": "이식을 받지 않은 {untransplanted} 가운데 과반인 {share|이/가} {reason} 때문이었다",
        "en": "{reason_cap} was the reason in more than half of the {untransplanted} not transplanted ({share})",
    },
    "hsct_all_transplanted": {
        "ko": "이식을 받지 않은 환자는 없었다",
        "en": "Every treated patient was transplanted",
    },
    "alive_in_cr": {
        "ko": "마지막 확인 때 살아 있던 이식 환자 {of|이/가} 이식 전 골수 검사에서 CR 또는 CRp였다",
        "en": "Of the transplanted patients alive at last contact, {of} had been in CR or CRp at the marrow examination before transplant",
    },
    "alive_in_cr_none_alive": {
        "ko": "마지막 확인 때 살아 있던 이식 환자는 없었다",
        "en": "No transplanted patient was alive at last contact",
    },
    # ---- survival ----------------------------------------------------------------------------------
    "naive_cmp": {
        "ko": "이식받은 {n_tx}의 5년 생존율은 {s_tx|으로/로} 이식받지 않은 {n_no}의 {s_no}보다 {cmp}(로그순위 검정 {p})",
        "en": "At five years, survival was {cmp} with HSCT, {s_tx} ({n_tx}), than without, {s_no} ({n_no}; log-rank {p})",
    },
    "naive_cmp_same": {
        "ko": "이식받은 {n_tx}의 5년 생존율은 {s_tx|으로/로} 이식받지 않은 {n_no}의 {s_no|과/와} {cmp}(로그순위 검정 {p})",
        "en": "At five years, survival was {cmp} with HSCT, {s_tx} ({n_tx}), as without, {s_no} ({n_no}; log-rank {p})",
    },
    "naive_one_group": {
        "ko": "이식 여부로 나눈 비교는 할 수 없었다: 환자가 모두 {group}에 속한다",
        "en": "No comparison by transplant was possible: every patient was in the {group} group",
    },
    "followup": {
        "ko": "역 카플란-마이어 방법으로 구한 중앙 추적 기간은 {fu|이었고/였고}, 추적이 끊긴 환자(마감일보다 {days}일 넘게 앞서 마지막으로 생존이 확인된 환자)는 {lost|이었다/였다}",
        "en": "Median follow-up by the reverse Kaplan-Meier method was {fu}; {lost} were lost to follow-up (last known alive more than {days} days before the cut-off)",
    },
    "median_os": {"ko": "중앙 생존 기간은 {m|이었다/였다}", "en": "median survival was {m}"},
    "median_os_nr": {"ko": "중앙 생존 기간에는 도달하지 않았다", "en": "median survival was not reached"},
    # ---- the corrected transplant comparison ---------------------------------------------------
    "td_holds": {
        "ko": "이식을 시간 의존 상태로 다루어 불멸시간 편향을 보정해도 이식군의 생존 차이는 통계적으로 유의하였다(Mantel-Byar {mb_p}; 위험비 {hr})",
        "en": "With transplant treated as a time-dependent state, which removes immortal-time bias, the survival difference in favour of transplant remained statistically significant (Mantel-Byar {mb_p}; hazard ratio {hr})",
    },
    "td_holds_against": {
        "ko": "이식을 시간 의존 상태로 다루어 불멸시간 편향을 보정하면 이식군의 생존이 통계적으로 유의하게 낮았다(Mantel-Byar {mb_p}; 위험비 {hr})",
        "en": "With transplant treated as a time-dependent state, which removes immortal-time bias, survival was significantly worse after transplant (Mantel-Byar {mb_p}; hazard ratio {hr})",
    },
    "td_lost": {
        "ko": "이식을 시간 의존 상태로 다루어 불멸시간 편향을 보정하면 이식군의 생존 차이는 통계적으로 유의하지 않았다(Mantel-Byar {mb_p}; 위험비 {hr})",
        "en": "With transplant treated as a time-dependent state, which removes immortal-time bias, the survival difference was no longer statistically significant (Mantel-Byar {mb_p}; hazard ratio {hr})",
    },
    "td_not_testable": {
        "ko": "이식을 시간 의존 상태로 다룬 비교는 할 수 없었다(이식 환자나 사망이 없다)",
        "en": "The comparison with transplant as a time-dependent state could not be made (no transplants or no deaths)",
    },
    "landmark_sentence": {
        "ko": "재발/불응 진단 {t}개월 뒤 살아 있던 {n|을/를} 그때까지의 이식 여부로 나눈 기준점 분석에서 두 군의 차이는 {sig}({p})",
        "en": "In the landmark analysis of the {n} alive {t} months after R/R diagnosis, grouped by transplant up to then, the difference was {sig} ({p})",
    },
    "landmark_not_possible": {
        "ko": "{t}개월 기준점 분석은 할 수 없었다: 기준점에 살아 있는 환자 중 한 군이 비어 있다",
        "en": "The landmark analysis at {t} months was not possible: one of its groups is empty among the patients alive at the landmark",
    },
    # ---- discussion ----------------------------------------------------------------------------------
    "cr_vs_literature": {
        "ko": "이 코호트의 완전관해율 {cr|은/는} 재관해유도 요법에서 보고된 8-40%{pos}",
        "en": "The CR rate of this cohort, {cr}, is {pos} the 8-40% reported for reinduction regimens",
    },
    "os_vs_literature": {
        "ko": "5년 전체 생존율 {os5|은/는} 재발성/불응성 소아 ALL에서 흔히 보고되는 20-40%{pos}",
        "en": "Five-year overall survival of {os5} is {pos} the 20-40% usually reported for R/R childhood ALL",
    },
    # ---- data mode ---------------------------------------------------------------------------------
    "mode_intro_reconstructed": {
        "ko": "이번 판은 원 자료 대신 논문의 집계값을 재현하도록 만든 재구성 자료로 계산하였다(@sec-recon).",
        "en": "This edition is computed from reconstructed data built to reproduce the paper's aggregates, not from the original records (@sec-recon).",
    },
    "mode_intro_real": {
        "ko": "이번 판은 자료 폴더에 있는 연구 자료로 계산하였다(@sec-recon).",
        "en": "This edition is computed from the study data in the data folder (@sec-recon).",
    },
}
