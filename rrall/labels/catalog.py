"""The labels of tables, figures, captions and chapter titles, in Korean and English.

Korean is written in the plain -다 register of a Korean scientific text; English in British
spelling. Terms follow :mod:`rrall.labels.glossary`.
"""

from __future__ import annotations

__all__ = ["CATALOG"]

CATALOG: dict[str, dict[str, str]] = {
    # ---- generic ---------------------------------------------------------------------------
    "na": {"ko": "NA", "en": "NA"},
    "not_estimable": {"ko": "추정 불가", "en": "not estimable"},
    "not_reached": {"ko": "도달하지 않음", "en": "not reached"},
    "mean_sd": {"ko": "평균±표준편차", "en": "Mean±SD"},
    "median_range": {"ko": "중앙값 (범위)", "en": "Median (range)"},
    "patients_one": {"ko": "{n}명", "en": "{n} patient"},
    "patients_many": {"ko": "{n}명", "en": "{n} patients"},
    "n_pct": {"ko": "{n}명({pct}%)", "en": "{n} ({pct}%)"},
    "months_value": {"ko": "{m}개월", "en": "{m} months"},
    "ci_text": {"ko": "95% 신뢰구간 {lo}-{hi}", "en": "95% CI {lo}-{hi}"},
    "ci_not_estimable": {"ko": "95% 신뢰구간 추정 불가", "en": "95% CI not estimable"},
    "p_not_estimable": {"ko": "P값 추정 불가", "en": "P not estimable"},
    "published_beside": {"ko": "논문 {quote}, {where}", "en": "published {quote}, {where}"},
    "month_date": {"ko": "{y}년 {month}월", "en": "{month} {y}"},
    "day_date": {"ko": "{y}년 {month}월 {d}일", "en": "{d} {month} {y}"},
    "reconstructed_note": {
        "ko": "재구성(합성) 자료로 계산한 값이다. 논문에 없는 값(신뢰구간, 중앙값, 추적 중인 환자 수, 곡선의 모양)은 재구성 자료에만 있는 값이며 실제 환자의 결과가 아니다.",
        "en": "Computed from reconstructed (synthetic) data. Values the paper does not print (confidence intervals, medians, numbers at risk, the shape of the curves) exist only in the reconstruction and are not results of real patients.",
    },
    "figure_reconstructed_flow": {
        "ko": "재구성(합성) 자료로 그렸다. 각 단계의 인원은 논문과 같다.",
        "en": "Drawn from reconstructed (synthetic) data; the number at each step equals the paper's.",
    },
    "figure_reconstructed": {
        "ko": "재구성(합성) 자료로 그렸다: 곡선의 모양, 신뢰구간, 추적 중인 환자 수는 재구성에만 있는 값이다.",
        "en": "Drawn from reconstructed (synthetic) data: the shape of the curves, the intervals and the numbers at risk exist only in the reconstruction.",
    },
    "published_differs_note": {
        "ko": "†논문에 인쇄된 값과 다르다: {items}. 부록 {appendix} 참조.",
        "en": "†Differs from the value the paper prints: {items}. See Appendix {appendix}.",
    },
    "published_item": {"ko": "{what} 논문 {quote}", "en": "{what}, published {quote}"},
    # ---- chapter and section headings ---------------------------------------------------------
    "book_title": {
        "ko": "재발성/불응성 소아 급성림프모구백혈병: 다기관 후향적 연구의 재현 가능한 재분석",
        "en": "Relapsed/refractory childhood acute lymphoblastic leukaemia: a reproducible re-analysis of a multicentre retrospective study",
    },
    "ch_preface": {"ko": "머리말", "en": "Preface"},
    "ch_intro": {"ko": "서론", "en": "Introduction"},
    "ch_methods": {"ko": "대상 및 방법", "en": "Patients and methods"},
    "ch_results": {"ko": "결과", "en": "Results"},
    "ch_discussion": {"ko": "고찰", "en": "Discussion"},
    "ch_refs": {"ko": "참고문헌", "en": "References"},
    "ch_codebook": {"ko": "자료 규약과 코드북", "en": "Data contract and codebook"},
    "ch_recon": {
        "ko": "자료의 출처와 재구성",
        "en": "Where the data come from: the reconstruction",
    },
    "ch_recon_real": {"ko": "자료의 출처", "en": "Where the data come from"},
    "ch_audit": {
        "ko": "재현 감사: 논문의 수치와 재계산한 수치",
        "en": "Reproduction audit: the published numbers and the recomputed ones",
    },
    "ch_audit_real": {
        "ko": "이 코호트와 논문의 수치",
        "en": "This cohort beside the published paper",
    },
    "ch_ensemble": {
        "ko": "재구성에 기댄 결론: 재구성 앙상블",
        "en": "What rests on the reconstruction: an ensemble of cohorts",
    },
    "ch_strobe": {"ko": "STROBE 점검표", "en": "STROBE checklist"},
    "ch_repro": {"ko": "재현 정보", "en": "Reproducibility"},
    "h_summary": {"ko": "요약", "en": "Summary"},
    "h_paper": {"ko": "원 논문", "en": "The original paper"},
    "h_cite": {"ko": "이 보고서의 인용", "en": "How to cite this report"},
    "h_data": {"ko": "계산에 쓴 자료", "en": "The data this report was computed from"},
    "h_methods_patients": {"ko": "대상", "en": "Patients"},
    "h_methods_eligibility": {"ko": "선정 및 제외 기준", "en": "Eligibility"},
    "h_methods_data": {"ko": "자료 수집", "en": "Data collection"},
    "h_methods_definitions": {"ko": "정의", "en": "Definitions"},
    "h_methods_stats": {"ko": "통계 분석", "en": "Statistical analysis"},
    "h_flow": {"ko": "연구 흐름", "en": "Study flow"},
    "h_characteristics": {"ko": "환자 특성", "en": "Patient characteristics"},
    "h_treatment": {"ko": "치료 경향과 치료 반응", "en": "Treatment and response"},
    "h_transplant": {"ko": "동종조혈모세포이식", "en": "Allogeneic transplantation"},
    "h_survival": {"ko": "생존", "en": "Survival"},
    "h_td": {
        "ko": "이식의 효과: 불멸시간 편향을 보정한 비교",
        "en": "The effect of transplant, corrected for immortal-time bias",
    },
    "h_after_hsct": {
        "ko": "CR 또는 CRp 상태에서 이식받은 환자",
        "en": "Patients transplanted in CR or CRp",
    },
    "h_limitations": {"ko": "제한점", "en": "Limitations"},
    "h_conclusion": {"ko": "결론", "en": "Conclusion"},
    "h_recon_what": {"ko": "재구성 자료란", "en": "What reconstructed data are"},
    "h_recon_method": {"ko": "재구성 방법", "en": "How the cohort was built"},
    "h_recon_result": {"ko": "탐색 결과와 실현 가능성", "en": "Search result and feasibility"},
    "h_provenance_real": {"ko": "자료의 출처", "en": "Data provenance"},
    "h_audit_numbers": {"ko": "인쇄된 수치", "en": "The printed numbers"},
    "h_audit_design": {"ko": "설계 값", "en": "Design parameters"},
    "h_audit_checks": {"ko": "수치 사이의 일관성", "en": "Consistency between printed numbers"},
    "h_audit_contradictions": {"ko": "모순과 해석", "en": "Contradictions and interpretations"},
    # ---- Table 1 ---------------------------------------------------------------------------
    "tbl1_title": {"ko": "환자 특성", "en": "Patient characteristics"},
    "tbl1_col_char": {"ko": "특성", "en": "Characteristic"},
    "tbl1_col_value": {"ko": "환자 수 (%), 전체 N={n}", "en": "Patients, n (%); total N={n}"},
    "var_age": {"ko": "재발/불응 진단 시 연령 (세)", "en": "Age at R/R diagnosis (years)"},
    "var_sex": {"ko": "성별", "en": "Sex"},
    "var_height": {"ko": "신장 (cm)", "en": "Height (cm)"},
    "var_weight": {"ko": "체중 (kg)", "en": "Body weight (kg)"},
    "var_cytogenetics": {
        "ko": "최초 진단 시 세포유전학 소견",
        "en": "Cytogenetics at first diagnosis",
    },
    "var_immunophenotype": {"ko": "면역표현형", "en": "Immunophenotype"},
    "var_disease_status": {"ko": "질병 상태", "en": "Disease status"},
    "denominator": {"ko": "(N={n})", "en": "(N={n})"},
    "tbl1_note": {
        "ko": "R/R, 재발성/불응성; SD, 표준편차; NA, 자료 없음. 신장과 체중의 측정 시점은 논문에 없으며, 재구성은 최초 진단 시 값으로 해석하였다(부록 {appendix}).",
        "en": "R/R, relapsed or refractory; SD, standard deviation; NA, not available. The paper does not say when height and weight were measured; the reconstruction reads them as values at first diagnosis (Appendix {appendix}).",
    },
    "tbl1_note_real": {
        "ko": "R/R, 재발성/불응성; SD, 표준편차; NA, 자료 없음. 신장과 체중은 자료 규약에 정의된 시점의 값이다.",
        "en": "R/R, relapsed or refractory; SD, standard deviation; NA, not available. Height and weight are the values at the time the data contract defines.",
    },
    # ---- Table 2 ---------------------------------------------------------------------------
    "tbl2_title": {
        "ko": "재발/불응 ALL의 첫 주기에 쓴 스테로이드 외 항암제",
        "en": "Chemotherapeutic agents other than steroids in the first cycle for R/R ALL",
    },
    "tbl2_col_agent": {"ko": "약제", "en": "Agent"},
    "tbl2_note": {
        "ko": "R/R ALL, 재발성/불응성 급성림프모구백혈병. 한 환자가 여러 약제를 받으므로 합계는 N을 넘는다.",
        "en": "R/R ALL, relapsed or refractory acute lymphoblastic leukaemia. Patients received several agents, so the counts add up to more than N.",
    },
    # ---- response --------------------------------------------------------------------------
    "tbl_resp_title": {"ko": "첫 주기 후 치료 반응", "en": "Response to the first cycle"},
    "resp_col_item": {"ko": "항목", "en": "Item"},
    "resp_col_n": {"ko": "환자 수 (%)", "en": "Patients, n (%)"},
    "resp_col_ci": {"ko": "95% 신뢰구간", "en": "95% CI"},
    "resp_exam_done": {"ko": "골수 검사 시행", "en": "Marrow examination done"},
    "resp_not_examined": {"ko": "골수 검사 미시행", "en": "No marrow examination"},
    "resp_reason_overlap": {
        "ko": "{n|은/는} 두 가지 사유가 함께 보고되었다.",
        "en": "Both reasons were reported for {n}.",
    },
    "resp_cr_rate": {"ko": "완전관해율 (CR+CRp)", "en": "CR rate (CR+CRp)"},
    "resp_cr_only": {
        "ko": "완전관해율 (CR만; 방법의 정의)",
        "en": "CR rate (CR only; the methods' definition)",
    },
    "resp_orr": {"ko": "전체반응률 (CR+CRp+PR)", "en": "Overall response rate (CR+CRp+PR)"},
    "resp_note": {
        "ko": "CR, 완전관해; CRp, 혈소판 미회복 완전관해; PR, 부분관해; CI, 신뢰구간. 분모는 치료받은 환자 {n}명이다. 95% 신뢰구간은 Clopper-Pearson 정확 구간이다.",
        "en": "CR, complete remission; CRp, complete remission without platelet recovery; PR, partial remission; CI, confidence interval. Denominator: all {n} treated patients. 95% CI: exact Clopper-Pearson interval.",
    },
    "resp_group_category": {"ko": "반응 범주", "en": "Response category"},
    "resp_group_rates": {"ko": "반응률", "en": "Response rates"},
    "resp_group_exam": {"ko": "골수 검사", "en": "Marrow examination"},
    # ---- transplant ------------------------------------------------------------------------
    "tbl_hsct_title": {"ko": "동종조혈모세포이식", "en": "Allogeneic HSCT"},
    "hsct_done": {"ko": "이식 시행", "en": "Transplanted"},
    "hsct_pre_status": {"ko": "이식 전 골수 상태", "en": "Marrow status before HSCT"},
    "hsct_reason_none": {"ko": "이식 미시행 사유", "en": "Reason for no HSCT"},
    "hsct_alive": {"ko": "이식 후 생존", "en": "Alive after HSCT"},
    "hsct_note": {
        "ko": "HSCT, 동종조혈모세포이식; CR, 완전관해; CRp, 혈소판 미회복 완전관해; PR, 부분관해. 이식 시행의 분모는 치료받은 {n}명, 이식 후 생존과 이식 전 상태의 분모는 이식 환자 {h}명, 미시행 사유의 분모는 미시행 환자 {u}명이다.",
        "en": "HSCT, allogeneic haematopoietic stem cell transplantation; CR, complete remission; CRp, complete remission without platelet recovery; PR, partial remission. Denominators: {n} treated patients for HSCT, {h} transplanted patients for survival after and status before HSCT, {u} untransplanted patients for the reasons.",
    },
    # ---- survival --------------------------------------------------------------------------
    "os_axis": {"ko": "전체 생존율 (%)", "en": "Overall survival (%)"},
    "surv_axis": {"ko": "생존율 (%)", "en": "Survival (%)"},
    "time_rr_axis": {"ko": "재발/불응 진단 후 기간 (년)", "en": "Years since R/R diagnosis"},
    "time_hsct_axis": {"ko": "이식 후 기간 (년)", "en": "Years since HSCT"},
    "at_risk": {"ko": "추적 중인 환자 수", "en": "Number at risk"},
    "at_risk_row": {"ko": "추적 중", "en": "At risk"},
    "censored_row": {"ko": "중도절단", "en": "Censored"},
    "events_row": {"ko": "사망", "en": "Deaths"},
    "all_patients": {"ko": "전체", "en": "All patients"},
    "grp_hsct": {"ko": "이식", "en": "HSCT"},
    "grp_no_hsct": {"ko": "비이식", "en": "No HSCT"},
    "grp_cr_hsct": {"ko": "CR/CRp 후 이식", "en": "HSCT in CR/CRp"},
    "grp_before_hsct": {"ko": "이식 전", "en": "Before HSCT"},
    "grp_after_hsct": {"ko": "이식 후", "en": "After HSCT"},
    "grp_hsct_by_landmark": {"ko": "기준점까지 이식", "en": "HSCT by the landmark"},
    "grp_no_hsct_by_landmark": {"ko": "기준점까지 비이식", "en": "No HSCT by the landmark"},
    "legend_n": {"ko": "{name} (N={n})", "en": "{name} (N={n})"},
    "logrank": {"ko": "로그순위 검정 {p}", "en": "Log-rank {p}"},
    "ci_band": {"ko": "95% 신뢰구간", "en": "95% CI"},
    "surv_col_time": {"ko": "시점", "en": "Time"},
    "surv_col_est": {"ko": "생존율, % (95% 신뢰구간)", "en": "Survival, % (95% CI)"},
    "surv_col_risk": {"ko": "추적 중인 환자 수", "en": "At risk"},
    "surv_year": {"ko": "{t}년", "en": "{t} y"},
    "surv_median": {
        "ko": "중앙 생존 기간, 개월 (95% 신뢰구간)",
        "en": "Median survival, months (95% CI)",
    },
    "surv_note": {
        "ko": "카플란-마이어 추정값. 95% 신뢰구간은 Greenwood 분산을 log-log 척도에서 변환하였다. '추정 불가'는 그 시점에 추적 중인 환자가 없거나 구간을 정할 수 없음을 뜻한다.",
        "en": "Kaplan-Meier estimates; 95% CI (confidence interval) from Greenwood's variance on the log-log scale. 'Not estimable': nobody is still at risk at that time, or the interval cannot be formed.",
    },
    "surv_note_test": {
        "ko": "로그순위 검정 {p} (카이제곱 {chi2}, 자유도 1). 이 비교에는 불멸시간 편향이 있다: 보정한 비교는 결과의 '이식의 효과' 절에 있다.",
        "en": "Log-rank test {p} (chi-square {chi2}, 1 degree of freedom). This comparison carries immortal-time bias: the corrected comparisons are in the Results section on the effect of transplant.",
    },
    # ---- time-dependent transplant analyses -------------------------------------------------
    "td_col_method": {"ko": "방법", "en": "Method"},
    "td_col_result": {"ko": "결과", "en": "Result"},
    "td_naive": {
        "ko": "단순 비교: 진단일부터의 로그순위 검정 (논문)",
        "en": "Naive comparison: log-rank from R/R diagnosis (the paper)",
    },
    "td_mantel_byar": {
        "ko": "Mantel-Byar 검정 (이식을 시간 의존 상태로)",
        "en": "Mantel-Byar test (transplant as a time-dependent state)",
    },
    "td_cox": {
        "ko": "시간 의존 Cox 모형: 이식의 위험비",
        "en": "Time-dependent Cox model: hazard ratio of transplant",
    },
    "td_landmark": {"ko": "{t}개월 기준점 분석", "en": "Landmark analysis at {t} months"},
    "td_chi2_p": {"ko": "카이제곱 {chi2}, {p}", "en": "chi-square {chi2}, {p}"},
    "td_hr_ci": {
        "ko": "위험비 {hr} (95% 신뢰구간 {lo}-{hi}), {p}",
        "en": "HR {hr} (95% CI {lo}-{hi}), {p}",
    },
    "td_landmark_result": {
        "ko": "{n_tx}명 대 {n_no}명; 카이제곱 {chi2}, {p}; 제외 {excluded}명",
        "en": "{n_tx} vs {n_no} patients; chi-square {chi2}, {p}; {excluded} excluded",
    },
    "td_landmark_hr": {
        "ko": "{t}개월 기준점 분석: 이식의 위험비",
        "en": "Landmark analysis at {t} months: hazard ratio of transplant",
    },
    "td_note": {
        "ko": "HR, 위험비; CI, 신뢰구간. 단순 비교는 이식일까지 살아 있어야 이식군에 드는 불멸시간 편향을 안고 있다. Mantel-Byar 검정과 시간 의존 Cox 모형은 환자를 이식 전에는 비이식 상태로, 이식일부터 이식 상태로 센다. 기준점 분석은 기준점에 살아 있는 환자만 남기고 기준점까지의 이식 여부로 군을 고정한다.",
        "en": "HR, hazard ratio; CI, confidence interval. The naive comparison carries immortal-time bias: a patient must live until the transplant to join the transplant group. The Mantel-Byar test and the time-dependent Cox model count each patient as untransplanted until the day of transplant and as transplanted from then on. The landmark analysis keeps the patients alive at the landmark and fixes each one's group by transplant up to that time.",
    },
    # ---- study flow --------------------------------------------------------------------------
    "flow_reviewed": {"ko": "검토한 의무기록", "en": "Records reviewed"},
    "flow_excluded": {"ko": "제외", "en": "Excluded"},
    "excl_clofarabine": {"ko": "클로파라빈 투여력", "en": "prior clofarabine"},
    "excl_age": {
        "ko": "최초 진단 시 연령 {min_age}-{max_age}세 아님",
        "en": "age at first diagnosis not {min_age}-{max_age} years",
    },
    "excl_prior_regimens": {
        "ko": "이전 항암요법 {min_regimens}가지 미만",
        "en": "fewer than {min_regimens} prior regimens",
    },
    "excl_blasts": {
        "ko": "골수 림프모구 {min_blasts}% 미만",
        "en": "marrow lymphoblasts below {min_blasts}%",
    },
    "flow_eligible": {"ko": "적격 환자", "en": "Eligible patients"},
    "flow_no_data": {
        "ko": "재발/불응 후 치료·추적 자료 없음",
        "en": "No treatment or follow-up records after R/R diagnosis",
    },
    "flow_analysed": {
        "ko": "치료·반응·생존 분석",
        "en": "Treatment, response and survival analyses",
    },
    "flow_examined": {
        "ko": "골수 검사로 반응 평가",
        "en": "Response assessed by marrow examination",
    },
    "flow_not_examined": {"ko": "골수 검사 없음", "en": "No marrow examination"},
    "flow_hsct": {"ko": "동종조혈모세포이식", "en": "Allogeneic HSCT"},
    "flow_no_hsct": {"ko": "이식 안 함", "en": "No HSCT"},
    "flow_sites": {"ko": "{s}개 기관에서 등록", "en": "{s} enrolling hospitals"},
    "flow_n": {"ko": "{n}명", "en": "n = {n}"},
    "flow_records": {"ko": "{n}건", "en": "n = {n}"},
    "flow_step": {"ko": "단계", "en": "Step"},
    "flow_patients": {"ko": "환자 수", "en": "Patients"},
    # ---- figures' text alternatives ----------------------------------------------------------
    # ---- captions ----------------------------------------------------------------------------
    "cap_tbl1": {
        "ko": "환자 특성 (적격 환자 N={n})",
        "en": "Patient characteristics (eligible patients, N={n})",
    },
    "cap_tbl2": {
        "ko": "재발/불응 ALL의 첫 주기에 쓴 스테로이드 외 항암제 (치료받은 환자 N={n})",
        "en": "Chemotherapeutic agents other than steroids in the first cycle for R/R ALL (treated patients, N={n})",
    },
    "cap_response": {
        "ko": "첫 주기 후 골수 검사와 치료 반응 (N={n})",
        "en": "Marrow examination and response after the first cycle (N={n})",
    },
    "cap_hsct": {
        "ko": "동종조혈모세포이식과 미시행 사유",
        "en": "Allogeneic HSCT and reasons for no transplant",
    },
    "cap_fig_flow": {"ko": "연구 흐름도 (STROBE)", "en": "Study flow (STROBE)"},
    "cap_fig_os": {
        "ko": "치료받은 환자 전체의 전체 생존율 (카플란-마이어; 음영은 95% 신뢰구간, 세로 눈금은 중도절단)",
        "en": "Overall survival of all treated patients (Kaplan-Meier; shading, 95% confidence interval; ticks, censored)",
    },
    "cap_tbl_os": {
        "ko": "전체 생존율: 시점별 추정값과 중앙 생존 기간",
        "en": "Overall survival: estimates at landmark times and median survival",
    },
    "cap_fig_os_hsct": {
        "ko": "이식 여부에 따른 전체 생존율, 재발/불응 진단일부터 (논문의 단순 비교; 불멸시간 편향이 있다)",
        "en": "Overall survival by allogeneic HSCT from R/R diagnosis (the paper's naive comparison; it carries immortal-time bias)",
    },
    "cap_fig_os_one_group": {
        "ko": "전체 생존율, 재발/불응 진단일부터 (이식 여부로 나눌 수 없다: 한 군뿐이다)",
        "en": "Overall survival from R/R diagnosis (no comparison by HSCT: only one group)",
    },
    "cap_tbl_os_hsct": {
        "ko": "이식 여부별 생존율 (단순 비교)",
        "en": "Survival by HSCT (naive comparison)",
    },
    "cap_fig_os_after": {
        "ko": "CR 또는 CRp 상태에서 이식받은 환자의 이식 후 생존율",
        "en": "Survival after HSCT of patients transplanted in CR or CRp",
    },
    "cap_tbl_os_after": {
        "ko": "CR/CRp 후 이식 환자의 이식 후 생존율",
        "en": "Survival after HSCT in CR/CRp",
    },
    "cap_tbl_td": {
        "ko": "이식의 효과: 단순 비교와 불멸시간 편향을 보정한 비교",
        "en": "Transplant: the naive comparison and the comparisons corrected for immortal-time bias",
    },
    "cap_fig_sm": {
        "ko": "현재 이식 상태에 따른 생존율 (Simon-Makuch; 이식 환자는 이식일에 이식 곡선으로 옮긴다)",
        "en": "Survival by current transplant state (Simon-Makuch; patients move to the transplant curve on the day of transplant)",
    },
    "cap_codebook": {
        "ko": "자료 규약: 파일별 열 정의",
        "en": "Data contract: the columns of each file",
    },
    "cap_codes": {
        "ko": "허용 코드와 한국어·영어 표기",
        "en": "Allowed codes with Korean and English labels",
    },
    "cap_provenance": {
        "ko": "이 보고서를 계산한 자료 파일",
        "en": "The data files this report was computed from",
    },
    "cap_audit": {
        "ko": "논문의 수치와 재계산한 수치",
        "en": "The paper's numbers against the recomputed ones",
    },
    "cap_audit_real": {
        "ko": "이 코호트와 논문의 수치",
        "en": "This cohort beside the published paper",
    },
    "cap_design": {
        "ko": "논문의 설계 값과 자료 규약",
        "en": "The paper's design parameters against the data contract",
    },
    "cap_contradictions": {
        "ko": "논문 수치 사이의 모순과 재구성의 해석",
        "en": "Contradictions between the paper's numbers, and the reconstruction's interpretations",
    },
    "cap_contradictions_real": {
        "ko": "논문 수치 사이의 모순",
        "en": "Contradictions between the paper's numbers",
    },
    "cap_checks": {
        "ko": "논문 수치 사이의 일관성 점검",
        "en": "Consistency checks between the paper's numbers",
    },
    "cap_strobe": {"ko": "STROBE 점검표 (코호트 연구)", "en": "STROBE checklist (cohort studies)"},
    "cap_versions": {"ko": "계산 환경", "en": "Computing environment"},
    # ---- audit --------------------------------------------------------------------------------
    "audit_where": {"ko": "위치", "en": "Where"},
    "audit_item": {"ko": "항목", "en": "Item"},
    "audit_printed": {"ko": "논문", "en": "Published"},
    "audit_recomputed": {"ko": "재계산", "en": "Recomputed"},
    "audit_this_cohort": {"ko": "이 코호트", "en": "This cohort"},
    "audit_verdict": {"ko": "판정", "en": "Verdict"},
    "audit_places": {"ko": "{n}곳 중 {k}곳", "en": "{k} of {n}"},
    "audit_places_col": {"ko": "일치한 인쇄 위치", "en": "Places matching"},
    "status_reproduced": {"ko": "일치", "en": "reproduced"},
    "status_contradiction": {"ko": "모순", "en": "contradiction"},
    "status_differs": {"ko": "불일치", "en": "DIFFERS"},
    "status_same": {"ko": "같음", "en": "same"},
    "status_different": {"ko": "다름", "en": "different"},
    "design_contract": {"ko": "자료 규약", "en": "Data contract"},
    "design_agrees": {"ko": "같음", "en": "agrees"},
    "design_differs": {"ko": "다름", "en": "differs"},
    "design_unchecked": {"ko": "규약에 없음", "en": "not in the contract"},
    "contra_group": {"ko": "논문 수치 사이의 모순", "en": "Contradictions between printed numbers"},
    "interp_group": {
        "ko": "논문에 없는 사항의 해석",
        "en": "Interpretations where the paper is silent",
    },
    "contra_col_item": {"ko": "항목", "en": "Item"},
    "contra_col_printed": {"ko": "논문 수치", "en": "Printed"},
    "contra_col_where": {"ko": "논문의 위치와 문장", "en": "Where the paper prints it"},
    "contra_col_text": {"ko": "설명", "en": "Explanation"},
    "page": {"ko": "{page}쪽", "en": "p. {page}"},
    # ---- provenance and environment ------------------------------------------------------
    "prov_file": {"ko": "파일", "en": "File"},
    "prov_rows": {"ko": "행 수", "en": "Rows"},
    "prov_sha": {"ko": "SHA-256", "en": "SHA-256"},
    "env_item": {"ko": "항목", "en": "Item"},
    "env_value": {"ko": "값", "en": "Value"},
    "env_python": {"ko": "Python", "en": "Python"},
    "env_quarto": {"ko": "Quarto", "en": "Quarto"},
    "env_pandoc": {"ko": "Pandoc", "en": "Pandoc"},
    "env_commit": {"ko": "git 커밋", "en": "Git commit"},
    "env_rendered": {"ko": "렌더 시각 (UTC)", "en": "Rendered (UTC)"},
    "env_platform": {"ko": "운영체제", "en": "Platform"},
    "env_unknown": {"ko": "알 수 없음", "en": "unknown"},
    "env_not_git": {"ko": "git 저장소가 아님", "en": "not a git checkout"},
    "env_dirty": {
        "ko": "{commit} (커밋되지 않은 변경 있음)",
        "en": "{commit} (with uncommitted changes)",
    },
    # ---- codebook appendix ---------------------------------------------------------------------
    "cb_column": {"ko": "열", "en": "Column"},
    "cb_desc": {"ko": "설명", "en": "Description"},
    "cb_type": {"ko": "형식", "en": "Type"},
    "cb_range": {"ko": "단위·범위·코드", "en": "Unit, range or codes"},
    "cb_required": {"ko": "필수", "en": "Required"},
    "cb_yes": {"ko": "예", "en": "yes"},
    "cb_no": {"ko": "아니오", "en": "no"},
    "cb_code": {"ko": "코드", "en": "Code"},
    "cb_ko": {"ko": "한국어", "en": "Korean"},
    "cb_en": {"ko": "영어", "en": "English"},
    # ---- STROBE appendix ----------------------------------------------------------------------
    "strobe_col_item": {"ko": "항목", "en": "Item"},
    "strobe_col_topic": {"ko": "주제", "en": "Topic"},
    "strobe_col_where": {"ko": "이 보고서에서", "en": "In this report"},
    # ---- notices ------------------------------------------------------------------------------
    "notice_reconstructed_title": {
        "ko": "재구성 자료로 계산한 보고서",
        "en": "A report computed from reconstructed data",
    },
    "notice_real_title": {
        "ko": "연구 자료로 계산한 보고서",
        "en": "A report computed from the study's data",
    },
    "banner_reconstructed": {
        "ko": "재구성 자료: 이 보고서의 모든 표·그림·수치는 논문의 집계값을 재현하도록 만든 합성 환자 기록으로 계산하였다. 실제 환자 자료가 아니다.",
        "en": "Reconstructed data: every table, figure and number in this report is computed from synthetic patient records built to reproduce the paper's published aggregates. They are not real patients.",
    },
    "reconstruction_record_notice": {
        "ko": "이 폴더의 환자 기록은 재구성(합성) 자료이며 실제 환자가 아니다.",
        "en": "The patient records in this folder are reconstructed (synthetic), not real patients.",
    },
    "banner_real": {
        "ko": "이 보고서는 자료 폴더의 연구 자료로 계산하였다.",
        "en": "This report is computed from the study data in its data folder.",
    },
    "running_reconstructed": {
        "ko": "재구성(합성) 자료로 계산함 · 실제 환자 자료 아님",
        "en": "Computed from reconstructed (synthetic) data · not real patients",
    },
    "running_real": {"ko": "연구 자료로 계산함", "en": "Computed from the study data"},
}
