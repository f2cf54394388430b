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
    "sex_ratio": {
        "ko": "남녀 비는 {ratio}:1이었다",
        "en": "the male to female ratio was {ratio}:1",
    },
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
        "en": "The reason for no transplant was {reason} in {share} of the {untransplanted} not transplanted, more than half",
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
    "median_os_nr": {
        "ko": "중앙 생존 기간에는 도달하지 않았다",
        "en": "median survival was not reached",
    },
    # ---- the corrected transplant comparison ---------------------------------------------------
    "td_holds": {
        "ko": "이식을 시간에 따라 변하는 상태로 다루어 불멸시간 편향을 없애도 이식 후 생존의 차이는 통계적으로 유의하였다(Mantel-Byar {p}; 위험비 {hr})",
        "en": "With transplant treated as a state that changes over time, which removes immortal-time bias, the survival difference in favour of transplant remained statistically significant (Mantel-Byar {p}; hazard ratio {hr})",
    },
    "td_sig_only": {
        "ko": "이식을 시간에 따라 변하는 상태로 다루면 이식 후 생존의 차이가 통계적으로 유의하였다(Mantel-Byar {p}; 위험비 {hr})",
        "en": "With transplant treated as a state that changes over time, survival differed significantly after transplant (Mantel-Byar {p}; hazard ratio {hr})",
    },
    "td_holds_against": {
        "ko": "이식을 시간에 따라 변하는 상태로 다루면 이식 후 생존이 통계적으로 유의하게 나빴다(Mantel-Byar {p}; 위험비 {hr})",
        "en": "With transplant treated as a state that changes over time, survival was significantly worse after transplant (Mantel-Byar {p}; hazard ratio {hr})",
    },
    "td_lost": {
        "ko": "이식을 시간에 따라 변하는 상태로 다루어 불멸시간 편향을 없애면 생존의 차이는 더 이상 통계적으로 유의하지 않았다(Mantel-Byar {p}; 위험비 {hr})",
        "en": "With transplant treated as a state that changes over time, which removes immortal-time bias, the survival difference was no longer statistically significant (Mantel-Byar {p}; hazard ratio {hr})",
    },
    "td_neither": {
        "ko": "이식을 시간에 따라 변하는 상태로 다루어도 생존의 차이는 통계적으로 유의하지 않았다(Mantel-Byar {p}; 위험비 {hr})",
        "en": "With transplant treated as a state that changes over time, the survival difference was not statistically significant either (Mantel-Byar {p}; hazard ratio {hr})",
    },
    "td_not_testable": {
        "ko": "이식을 시간에 따라 변하는 상태로 다룬 비교는 할 수 없었다(이식받은 환자나 사망이 없다)",
        "en": "The comparison with transplant as a state that changes over time could not be made (no transplants, or no deaths)",
    },
    "td_deaths": {
        "ko": "이식 후 상태에서 관찰된 사망은 {observed}명으로, 이식이 생존과 무관할 때 기대되는 {expected}명과 비교된다",
        "en": "In the transplanted state, {observed} deaths were observed against {expected} expected if transplant made no difference",
    },
    "landmark_sentence": {
        "ko": "재발/불응 진단 {t}개월 뒤 살아서 추적 중이던 {n|을/를} 그때까지의 이식 여부로 나눈 기준점 분석에서 두 군의 차이는 {sig}({p}; 위험비 {hr})",
        "en": "In the landmark analysis of the {n} alive and followed {t} months after R/R diagnosis, grouped by transplant up to then, the difference was {sig} ({p}; hazard ratio {hr})",
    },
    # who the landmark analysis leaves out (a part whose count is 0 is not mentioned)
    "landmark_excl_both": {
        "ko": "기준점 전에 사망한 {died}과 중도절단된 {censored|은/는} 제외되었다",
        "en": "The analysis excludes {died} who died and {censored} censored before the landmark",
    },
    "landmark_excl_died": {
        "ko": "기준점 전에 사망한 {died|은/는} 제외되었다",
        "en": "The analysis excludes {died} who died before the landmark",
    },
    "landmark_excl_censored": {
        "ko": "기준점 전에 중도절단된 {censored|은/는} 제외되었다",
        "en": "The analysis excludes {censored} censored before the landmark",
    },
    "landmark_later": {
        "ko": "기준점 뒤에 이식받은 {later|은/는} 비이식군에 남았다",
        "en": "A transplant after the landmark (in {later}) leaves the patient in the untransplanted group",
    },
    "landmark_not_possible": {
        "ko": "{t}개월 기준점 분석은 할 수 없었다: 기준점에 살아 있는 환자 가운데 한 군이 비어 있다",
        "en": "The landmark analysis at {t} months was not possible: among the patients alive at the landmark, one of its groups is empty",
    },
    # ---- conclusion -------------------------------------------------------------------------------
    "conclusion_os": {
        "ko": "재발성/불응성 소아 ALL 환자의 5년 전체 생존율은 {os5|으로/로}, 흔히 보고되는 {lo}-{hi}%{pos}.",
        "en": "Five-year overall survival of patients with R/R childhood ALL was {os5}, {pos} the {lo}-{hi}% usually reported.",
    },
    "conclusion_td_holds": {
        "ko": "이식받은 환자의 생존 우위는 불멸시간 편향을 보정한 뒤에도 유지되었다.",
        "en": "The survival advantage of transplanted patients held once immortal-time bias was removed.",
    },
    "conclusion_td_against": {
        "ko": "불멸시간 편향을 보정하면 이식 후 생존이 오히려 나빴다.",
        "en": "Once immortal-time bias was removed, survival was worse after transplant.",
    },
    "conclusion_td_lost": {
        "ko": "원 논문이 보고한 이식군의 생존 우위는 불멸시간 편향이 있는 비교에 기대고 있으며, 편향을 보정하면 통계적으로 유의하지 않아 이 자료만으로는 이식이 생존을 늘렸다고 말할 수 없다.",
        "en": "The survival advantage of transplanted patients reported in the paper rests on a comparison with immortal-time bias; once it is removed the difference is not statistically significant, so these data alone do not show that transplant improved survival.",
    },
    "conclusion_td_none": {
        "ko": "이식 여부에 따른 생존의 차이는 단순 비교에서도, 편향을 보정한 비교에서도 통계적으로 유의하지 않았다.",
        "en": "Survival did not differ significantly by transplant, in the naive comparison or in the corrected one.",
    },
    "conclusion_td_untestable": {
        "ko": "이식 여부에 따른 생존 비교는 할 수 없었다.",
        "en": "Survival could not be compared by transplant.",
    },
    "conclusion_ensemble": {
        "ko": "이식일과 생존 기간은 재구성된 값이다. 보정한 비교의 같은 판정(Mantel-Byar 검정의 P가 {alpha} {side})은 [@sec-ensemble]의 재구성 {n}개 중 {k}개에서 나왔다.",
        "en": "Transplant days and survival times are reconstructed: the same verdict on the corrected comparison (a Mantel-Byar P {side} {alpha}) comes out in {k} of the {n} reconstructions of @sec-ensemble.",
    },
    "conclusion_ensemble_all": {
        "ko": "이식일과 생존 기간은 재구성된 값이다. 보정한 비교의 같은 판정(Mantel-Byar 검정의 P가 {alpha} {side})은 [@sec-ensemble]의 재구성 {n}개 모두에서 나왔다.",
        "en": "Transplant days and survival times are reconstructed: the same verdict on the corrected comparison (a Mantel-Byar P {side} {alpha}) comes out in all {n} reconstructions of @sec-ensemble.",
    },
    "conclusion_ensemble_none": {
        "ko": "이식일과 생존 기간은 재구성된 값이다. 보정한 비교의 같은 판정(Mantel-Byar 검정의 P가 {alpha} {side})은 [@sec-ensemble]의 재구성 {n}개 어디에서도 나오지 않았다.",
        "en": "Transplant days and survival times are reconstructed, and the same verdict on the corrected comparison (a Mantel-Byar P {side} {alpha}) comes out in none of the {n} reconstructions of @sec-ensemble.",
    },
    "ens_side_below": {"ko": "미만", "en": "below"},
    "ens_side_above": {"ko": "이상", "en": "at or above"},
    "conclusion_call": {
        "ko": "원 논문의 저자들은 이 환자들을 위한 치료 선택지가 더 필요하다고 결론지었다.",
        "en": "The original authors concluded that these patients need more treatment options.",
    },
    # ---- discussion ----------------------------------------------------------------------------------
    "cr_vs_literature": {
        "ko": "이 코호트의 완전관해율 {cr|은/는} 재관해유도 요법에서 보고된 {lo}-{hi}%{pos}",
        "en": "The CR rate of this cohort, {cr}, is {pos} the {lo}-{hi}% reported for reinduction regimens",
    },
    "os_vs_literature": {
        "ko": "5년 전체 생존율 {os5|은/는} 재발성/불응성 소아 ALL에서 흔히 보고되는 {lo}-{hi}%{pos}",
        "en": "Five-year overall survival of {os5} is {pos} the {lo}-{hi}% usually reported for R/R childhood ALL",
    },
    # ---- notices -------------------------------------------------------------------------------------
    "notice_reconstructed_body": {
        "ko": "이 보고서의 모든 표, 그림, 수치는 **재구성(합성) 환자 기록**으로 계산하였다. 원 연구의 개인별 자료는 공개되지 않았으므로, `data/`에는 논문이 발표한 집계값이 논문의 반올림 규칙 그대로 다시 나오도록 만든 가상의 의무기록 {n}건을 두었다. 이 기록은 실제 환자가 아니다. 논문이 알려주지 않는 개인 단위의 관계(누가 어떤 약을 받았는지, 정확한 날짜와 생존 기간)는 그럴듯하게 채운 것이며, 논문에 없는 분석(신뢰구간, 중앙값, 불멸시간 편향을 보정한 비교)은 재구성 자료를 기술할 뿐이다. 그런 결론이 재구성에 얼마나 기대는지는 [@sec-ensemble]에 있다. 연구팀이 자체 자료를 같은 규약으로 넣고 다시 렌더하면 이 보고서는 그 자료의 보고서가 된다.",
        "en": "Every table, figure and number in this report is computed from **reconstructed (synthetic) patient records**. The original study's individual data are not public, so `data/` holds {n} invented records designed so that the paper's published aggregates come out again at the paper's own rounding. They are not real patients. Patient-level relationships the paper does not report (who received which drugs, exact dates and survival times) are filled in plausibly, and analyses the paper does not report (confidence intervals, medians, the comparison corrected for immortal-time bias) describe the reconstruction only; @sec-ensemble shows how much of them rests on it. When the study team puts its own export in the same contract and renders again, this becomes the report of those data.",
    },
    "notice_real_body": {
        "ko": "이 보고서는 자료 폴더에 있는 연구 자료(검토한 의무기록 {n}건)로 계산하였다. 원 논문의 수치와 이 코호트의 수치는 [@sec-audit]에 나란히 있다.",
        "en": "This report is computed from the study data in its data folder ({n} records reviewed). The published paper's numbers and this cohort's stand side by side in @sec-audit.",
    },
    # ---- appendix: where the data come from ------------------------------------------------------
    "recon_what": {
        "ko": "원 연구의 환자 단위 자료는 공개되지 않았다. 그래도 이 보고서는 모든 결과를 환자 단위 기록에서 계산해야 하므로, `data/`에는 논문이 발표한 집계값을 되살리도록 만든 **합성 환자 기록**이 있다. `data/published.yaml`은 논문이 자기 코호트에 대해 인쇄한 수치 {items}개를 인쇄된 그대로(단위와 기호까지) 그 위치의 문장과 함께 적고, `rrall.rebuild`는 이 수치에서 고정된 난수 씨앗으로 매번 바이트 단위까지 같은 파일을 만든다(`python -m rrall reconstruct`).\n\n이 기록은 실제 환자가 아니다. 집계값(표의 빈도와 백분율, 평균과 표준편차, 카플란-마이어 추정값, 로그순위 P값)은 논문과 같지만, 논문이 알려주지 않는 개인 단위의 관계는 그럴듯하게 채운 것이다. 누가 어떤 약제 조합을 받았는지, 정확한 날짜와 생존 기간, 기관 배정은 모두 합성이다. 따라서 그림은 논문의 그림과 모양이 비슷할 뿐 같은 곡선이 아니며, 논문에 없는 분석(신뢰구간, 중앙 생존 기간, 추적 중인 환자 수, 불멸시간 편향을 보정한 비교)은 재구성 자료의 값이다.",
        "en": "The original patient-level data are not public. This report must still compute every result from patient-level records, so `data/` holds **synthetic patient records** built to reproduce the paper's published aggregates. `data/published.yaml` lists the {items} numbers the paper prints about its own cohort exactly as printed (units and signs included), each with the sentence it stands in, and `rrall.rebuild` builds the files from them with a fixed random seed, byte for byte the same on every run (`python -m rrall reconstruct`).\n\nThese records are not patients. Their aggregates (counts and percentages, means and SDs, Kaplan-Meier estimates, the log-rank P value) equal the paper's, but every patient-level relationship the paper does not report is filled in plausibly: who received which combination of drugs, exact dates and survival times and hospital assignments are all synthetic. The figures therefore resemble the paper's without being the same curves, and analyses the paper does not report (confidence intervals, median survival, numbers at risk, the comparison corrected for immortal-time bias) are values of the reconstruction.",
    },
    "recon_method": {
        "ko": "- **기저 특성.** 성별, 질병 상태, 면역표현형, 세포유전학 소견은 논문의 표 1 빈도대로 배정하되 t(9;22), t(1;19), 고·저이배체는 B세포 계열 환자에게만 주었다. 재발/불응 진단 시 연령은 평균, 표준편차, 중앙값, 최솟값, 최댓값이 인쇄값으로 반올림되도록 제약 최소제곱(SLSQP)으로 맞춘 뒤 0.01 단위로 반올림하고 탐욕적으로 보정하였다. 최초 진단 시 연령은 재발까지의 간격(재발성은 길게, 불응성은 짧게)을 빼서 정하였다. 신장과 체중은 최초 진단 시 측정값으로 해석하여(@sec-audit), 한국 소아 성장 기준[@kim2018growth]의 연령·성별 값 가까이에서 같은 방법으로 논문의 표 1 요약값에 맞추었다.\n- **약제.** 논문의 표 2에 있는 약제별 환자 수를 정확히 만드는 재관해유도 요법 조합(예: 이다루비신+시타라빈, 빈크리스틴+이다루비신+스테로이드, T세포 환자에게 넬라라빈, t(9;22) 환자에게 다사티닙)을 배정하였다.\n- **반응과 이식.** CR, CRp, PR, 불응, 골수 검사 미시행 사유와 그 중복, 이식 전 골수 상태, 이식 미시행 사유의 인원을 논문대로 배정하고, 골수 모세포 비율은 반응 범주와 맞게 두었다. 날짜는 임상 경과가 말이 되도록 정하였다: 첫 주기는 진단 며칠에서 몇 주 뒤에 시작하고, 골수 검사는 그 몇 주 뒤에, 이식은 재관해유도와 공여자 탐색을 거쳐 몇 달 뒤에 한다. 모든 날짜는 재발/불응 진단과 사망 또는 마지막 확인 사이에 있다.\n- **생존.** 전체 카플란-마이어 값 네 개(1, 2, 3, 5년), 이식군 5년 값, 0%로 끝나는 비이식군 곡선, 로그순위 P값(소수 넷째 자리), 이식일부터 잰 CR/CRp 이식군의 3년 값을 동시에 만족해야 한다. 탐색은 정확한 수용 조건(반올림한 값이 모두 인쇄값과 같을 때만 해로 인정)을 둔 확률적 국소 탐색이다.\n- **시드가 정하는 것.** 논문이 정하지 않은 것은 모두 시드 하나에서 뽑는다: 발표된 생존 눈금 사이의 사망과 중도절단 순서와 날짜, 이식일, 이식받지 않은 환자 중 몇 명이 누구로 추적 소실되는지, 어느 환자가 어떤 특성을 갖는지, 발표된 인원 안에서 반응을 이식군과 비이식군에 나누는 방식, 환자별 약제 조합, 기관, 날짜, 공여자와 스테로이드. 자료 규약의 임상 시간 규칙이 이 추첨의 범위를 정한다. 다른 시드는 논문을 똑같이 정확히 재현하는 다른 코호트를 만든다. [@sec-ensemble]에서 그런 코호트를 많이 만들어 모든 코호트에서 성립하는 결론을 보인다.",
        "en": "- **Baseline.** Sex, disease status, immunophenotype and cytogenetics follow the counts of the paper's Table 1, with t(9;22), t(1;19) and hypo- or hyperdiploidy given only to B-lineage patients. Ages at R/R diagnosis were fitted by constrained least squares (SLSQP) so that mean, SD, median, minimum and maximum print as published, then rounded to 0.01 and repaired greedily. Age at first diagnosis subtracts an interval to relapse (longer for relapsed, shorter for refractory disease). Height and weight, read as measured at first diagnosis (@sec-audit), were fitted the same way to the summaries of the paper's Table 1 while staying near the Korean growth reference [@kim2018growth] for age and sex.\n- **Agents.** Reinduction combinations that give the count of every agent in the paper's Table 2 exactly (for example idarubicin+cytarabine, vincristine+idarubicin+steroid, nelarabine for T-lineage and dasatinib for t(9;22) patients) were assigned.\n- **Response and transplant.** The numbers with CR, CRp, PR, refractory disease, each reason for no marrow examination and their overlap, marrow status before HSCT and each reason for no HSCT follow the paper; marrow blast percentages agree with the response categories. Dates follow a plausible clinical course: the first cycle starts days to weeks after diagnosis, the marrow examination some weeks later, and transplant months later, after reinduction and a donor search. Every date lies between R/R diagnosis and death or last contact.\n- **Survival.** Four overall Kaplan-Meier values (1, 2, 3 and 5 years), the five-year value with HSCT, a no-HSCT curve that ends at 0%, the log-rank P to four decimals and the three-year value from transplant in the CR/CRp group must all hold at once. A stochastic local search with exact acceptance finds such data: a candidate is accepted only when every rounded value equals the printed one.\n- **What the seed decides.** Everything the paper leaves open is drawn from one seed: the order and days of deaths and censorings between the published survival marks, the transplant days, how many untransplanted patients are lost to follow-up and which, which patient has which characteristics, the split of responses between transplanted and untransplanted patients within the published counts, each patient's drug combination, hospitals, dates, donors and steroids. The clinical timeline rules of the data contract bound these draws. Another seed gives another cohort that reproduces the paper just as exactly; @sec-ensemble builds many of them and shows which conclusions hold in all.",
    },
    "real_provenance": {
        "ko": "이 판은 `{folder}` 폴더에 있는 연구팀의 내보내기 자료로 계산하였다. 모든 파일은 보고서를 만들기 전에 자료 규약({codebook})으로 검증되었고, 파일별 SHA-256은 머리말과 [@sec-repro]에 있다.",
        "en": "This edition is computed from the study team's export in the folder `{folder}`. Every file was checked against the data contract ({codebook}) before any table was drawn; the SHA-256 of each file is in the preface and in @sec-repro.",
    },
    "recon_note": {
        "ko": "탐색은 난수 씨앗 {seed}에서 시작해 {steps}단계 만에 해를 찾았다. 자료 마감일은 {cutoff}로 두었다. 이식받지 않은 환자 {k_lost}명은 추적 소실로 중도절단된다. 논문도 이식하지 못한 사유로 추적 불가를 든다. 이렇게 해야 하는 이유(이식 후 생존자만 중도절단되면 1년 전체 생존율이 인쇄값이 될 수 없음)의 증명은 `rrall.rebuild.proofs`와 그 시험에 있다.",
        "en": "The search started from random seed {seed} and found its solution after {steps} steps. The data cut-off is set at {cutoff}. Of the untransplanted patients, {k_lost} are censored as lost to follow-up, a reason the paper itself names among those for no transplant; why some must be (if only transplanted survivors were censored, the one-year overall survival could not print as published) is proved in `rrall.rebuild.proofs` and its tests.",
    },
    "recon_missed_one": {
        "ko": "다음 수치는 다른 수치와 함께 맞출 수 없어 가장 가까운 값을 택하였다: {items}(@sec-audit).",
        "en": "One number cannot be reached together with the others, so the nearest value was taken: {items} (@sec-audit).",
    },
    "recon_missed": {
        "ko": "다음 수치 {k}개는 다른 수치와 함께 맞출 수 없어 가장 가까운 값을 택하였다: {items}(@sec-audit).",
        "en": "Of the published numbers, {k} cannot be reached together with the others, so the nearest values were taken: {items} (@sec-audit).",
    },
    "recon_missed_item": {
        "ko": "{what} (논문 {printed}, 재구성 {got})",
        "en": "{what} (published {printed}, reconstruction {got})",
    },
    "codebook_default": {"ko": "논문의 규약", "en": "the paper's contract"},
    "codebook_study": {
        "ko": "자료 폴더에 있는 연구 자체의 규약",
        "en": "the study's own contract in the data folder",
    },
    # ---- appendix: the audit ------------------------------------------------------------------------
    "audit_intro_reconstructed": {
        "ko": "논문이 자기 코호트에 대해 인쇄한 수치 {total}개(인쇄된 자리로는 {places}곳)를 이 보고서의 함수로 다시 계산하여 논문의 형식 그대로(반올림 자릿수, 단위, 기호) 적고 인쇄된 글자와 비교하였다. 수치 {reproduced}개는 인쇄된 모든 자리에서 일치하였고, {contradiction}개는 논문의 다른 수치와 함께 성립할 수 없는 모순이며(아래 표), {unexplained}. 같은 수치를 여러 곳에 인쇄한 경우 한 항목으로 세고, 문헌의 수치와 선정 기준 같은 설계 값은 세지 않았다.",
        "en": "The {total} numbers the paper prints about its own cohort ({places} printed places) were recomputed with this report's functions, written in the paper's own form (decimals, units and signs) and compared with the printed text. Of them, {reproduced} match at every place they are printed, {contradiction} are contradictions that cannot hold together with the paper's other numbers (table below), and {unexplained}. A number printed in several places counts once; literature figures and design parameters such as the eligibility criteria are not counted.",
    },
    # the audit's unexplained differences, in audit_intro_reconstructed ("none", not "0 differ")
    "audit_differs_some": {
        "ko": "설명되지 않은 불일치는 {differs}개이다",
        "en": "{differs} differ without explanation",
    },
    "audit_differs_none": {
        "ko": "설명되지 않은 불일치는 없다",
        "en": "none differs without explanation",
    },
    "audit_intro_real": {
        "ko": "논문이 자기 코호트에 대해 인쇄한 수치 {total}개를 이 코호트에서 같은 방법과 형식으로 계산하여 나란히 보인다. 서로 다른 코호트이므로 차이는 오류가 아니다: 이 코호트에서 {reproduced}개는 논문과 같은 값이었고 {different}개는 달랐다.",
        "en": "The {total} numbers the paper prints about its cohort are set beside the same quantities computed, in the same form, from this cohort. The cohorts differ, so a difference is not an error: {reproduced} of them come out the same in this cohort and {different} differ.",
    },
    "audit_design_intro": {
        "ko": "논문이 인쇄한 설계 값(참여 기관 수, 등록 기간, 선정 기준)은 환자 자료에서 다시 계산하는 값이 아니라 자료 규약이 정하는 값이다. 아래 표는 규약이 논문과 같은 값을 정하는지 보인다.",
        "en": "The design parameters the paper prints (institutions, study period, eligibility criteria) are not recomputed from patients: the data contract fixes them. The table shows whether the contract states the paper's values.",
    },
    "audit_checks_intro": {
        "ko": "다음은 인쇄된 수치들 사이의 일관성 점검이다. 이것은 인쇄된 수치가 아니므로 위의 개수에 들지 않는다.",
        "en": "These are checks of consistency between printed numbers; they are not printed numbers themselves and are not counted above.",
    },
    # ---- data mode ---------------------------------------------------------------------------------
    "mode_intro_reconstructed": {
        "ko": "이번 판은 원 자료 대신 논문의 집계값을 재현하도록 만든 재구성 자료로 계산하였다(@sec-recon).",
        "en": "This edition is computed from reconstructed data built to reproduce the paper's aggregates, not from the original records (@sec-recon).",
    },
    "mode_limits_reconstructed": {
        "ko": "이번 판은 재구성 자료로 계산하였으므로, 논문이 인쇄한 집계값 밖의 모든 값(개인별 생존 시간, 약제 조합, 이식일과 그에 기댄 분석)은 실제와 다를 수 있으며 실제 자료로 다시 계산해야 확정된다. 어떤 결론이 재구성의 세부에 따라 달라지는지는 [@sec-ensemble]에 있다.",
        "en": "This edition is computed from reconstructed data, so everything beyond the aggregates the paper prints (individual survival times, drug combinations, transplant dates and the analyses that rest on them) may differ from the real cohort until the real data are run through it; @sec-ensemble shows which conclusions depend on the details of the reconstruction.",
    },
    "mode_limits_real": {
        "ko": "이번 판은 연구 자료로 계산하였다. 자료 규약의 검증을 통과한 값만 쓰였다.",
        "en": "This edition is computed from the study data; only values that passed the data contract's checks were used.",
    },
    "mode_methods_reconstructed": {
        "ko": "재구성 자료에서만 정해지는 값(예: 개인별 생존 시간과 이식일)에 결론이 얼마나 기대는지는 같은 발표 수치를 재현하는 재구성 코호트 여러 개로 확인하였다([@sec-ensemble]).",
        "en": "How far the conclusions rest on what only the reconstruction determines (such as each patient's survival time and transplant date) was checked on many reconstructed cohorts that all reproduce the published numbers (@sec-ensemble).",
    },
    "mode_methods_real": {
        "ko": "자료는 연구팀이 내보낸 그대로 쓰였고 결측값은 대체하지 않았다.",
        "en": "The data are used as the study team exported them; missing values are not imputed.",
    },
    "mode_audit_reconstructed": {
        "ko": "재구성이 논문에 없는 사항을 해석해야 했던 곳도 함께 적었다.",
        "en": "The places where the reconstruction had to interpret what the paper leaves open are listed as well.",
    },
    "mode_audit_real": {
        "ko": "이 모순은 논문 안의 일이며, 이 코호트의 자료와는 관계가 없다.",
        "en": "These contradictions are within the paper and say nothing about this cohort's data.",
    },
    "mode_intro_real": {
        "ko": "이번 판은 자료 폴더에 있는 연구 자료로 계산하였다(@sec-recon).",
        "en": "This edition is computed from the study data in the data folder (@sec-recon).",
    },
}
