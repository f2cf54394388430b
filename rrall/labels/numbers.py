"""What each cited number is and how it was estimated: the words of the HTML popovers.

Keys are the ``what`` and ``method`` label keys of :class:`rrall.registry.Value`; fields in
braces are filled from the value's ``fields`` (codes are shown by their labels).
"""

from __future__ import annotations

__all__ = ["NUMBER_LABELS"]

NUMBER_LABELS: dict[str, dict[str, str]] = {
    # ---- what it is ------------------------------------------------------------------------
    "what_flow_reviewed": {"ko": "검토한 의무기록 수", "en": "Records reviewed"},
    "what_flow_eligible": {
        "ko": "선정 기준을 만족한 환자 수",
        "en": "Patients meeting the eligibility criteria",
    },
    "what_flow_excluded": {
        "ko": "선정 기준을 만족하지 못한 기록 수",
        "en": "Records not meeting the eligibility criteria",
    },
    "what_flow_excluded_reason": {
        "ko": "제외 사유별 기록 수: {reason}",
        "en": "Records excluded: {reason}",
    },
    "what_flow_no_data": {
        "ko": "재발/불응 진단 후 치료·추적 자료가 없는 적격 환자 수",
        "en": "Eligible patients without treatment or follow-up records after R/R diagnosis",
    },
    "what_flow_analysed": {
        "ko": "치료·반응·생존 분석에 포함된 환자 수",
        "en": "Patients in the treatment, response and survival analyses",
    },
    "what_flow_sites": {
        "ko": "적격 환자를 등록한 기관 수",
        "en": "Hospitals that enrolled eligible patients",
    },
    "what_flow_sites_listed": {
        "ko": "자료 규약에 등록된 기관 수",
        "en": "Hospitals listed in the data contract",
    },
    "what_first_rr_dx": {
        "ko": "가장 이른 재발/불응 진단일",
        "en": "Earliest date of R/R diagnosis",
    },
    "what_last_rr_dx": {"ko": "가장 늦은 재발/불응 진단일", "en": "Latest date of R/R diagnosis"},
    "what_cutoff": {"ko": "자료 마감일", "en": "Data cut-off"},
    "what_age_mean": {"ko": "재발/불응 진단 시 연령의 평균", "en": "Mean age at R/R diagnosis"},
    "what_age_sd": {
        "ko": "재발/불응 진단 시 연령의 표준편차",
        "en": "Standard deviation of age at R/R diagnosis",
    },
    "what_age_median": {
        "ko": "재발/불응 진단 시 연령의 중앙값",
        "en": "Median age at R/R diagnosis",
    },
    "what_age_min": {"ko": "재발/불응 진단 시 최소 연령", "en": "Youngest age at R/R diagnosis"},
    "what_age_max": {"ko": "재발/불응 진단 시 최고 연령", "en": "Oldest age at R/R diagnosis"},
    "what_sex_ratio": {
        "ko": "남녀 비 (여자 1명당 남자 수)",
        "en": "Male to female ratio (males per female)",
    },
    "what_relapsed_to_refractory": {
        "ko": "불응성 환자 1명당 재발성 환자 수",
        "en": "Relapsed patients per refractory patient",
    },
    "what_status_share": {
        "ko": "적격 환자 중 질병 상태가 {status}인 비율",
        "en": "Share of eligible patients with {status} disease",
    },
    "what_missing_share": {
        "ko": "{variable} 자료가 없는 적격 환자의 비율",
        "en": "Share of eligible patients without {variable}",
    },
    "what_immunophenotype_top": {
        "ko": "가장 많은 면역표현형과 그 비율",
        "en": "Commonest immunophenotype and its share",
    },
    "what_agents_n_used": {
        "ko": "첫 주기에 쓰인 스테로이드 외 약제의 수",
        "en": "Agents other than steroids used in the first cycle",
    },
    "what_agent_rank": {
        "ko": "첫 주기에 {rank}번째로 많이 쓰인 약제",
        "en": "Agent ranked {rank} by use in the first cycle",
    },
    "what_agent_rank_share": {
        "ko": "첫 주기에 {rank}번째로 많이 쓰인 약제를 받은 환자의 비율",
        "en": "Share of treated patients given the agent ranked {rank}",
    },
    "what_agent_patients": {
        "ko": "첫 주기에 {agent}를 받은 환자 수",
        "en": "Patients given {agent} in the first cycle",
    },
    "what_resp_examined": {
        "ko": "첫 주기 후 골수 검사로 반응을 평가한 환자의 비율",
        "en": "Share of treated patients with a marrow examination after the first cycle",
    },
    "what_resp_not_examined": {
        "ko": "첫 주기 후 골수 검사를 받지 않은 환자의 비율",
        "en": "Share of treated patients without a marrow examination",
    },
    "what_resp_category": {
        "ko": "첫 주기 후 반응이 {category}인 환자의 비율",
        "en": "Share of treated patients with {category} after the first cycle",
    },
    "what_resp_reason": {
        "ko": "골수 검사 미시행 사유가 {reason}인 환자 수",
        "en": "Patients not examined because of: {reason}",
    },
    "what_resp_reason_overlap": {
        "ko": "미시행 사유가 둘 보고된 환자 수",
        "en": "Patients with two reasons reported",
    },
    "what_rate": {"ko": "{rate}", "en": "{rate}"},
    "what_hsct_done": {
        "ko": "동종조혈모세포이식을 받은 환자의 비율",
        "en": "Share of treated patients given allogeneic HSCT",
    },
    "what_hsct_not_done": {
        "ko": "이식을 받지 않은 환자 수",
        "en": "Treated patients not transplanted",
    },
    "what_hsct_pre_examined": {
        "ko": "이식 전 골수 검사를 받은 이식 환자 수",
        "en": "Transplanted patients with a marrow examination before HSCT",
    },
    "what_hsct_in_cr": {
        "ko": "이식 전 CR 또는 CRp였던 이식 환자 수",
        "en": "Transplanted patients in CR or CRp before HSCT",
    },
    "what_hsct_reason": {
        "ko": "이식하지 않은 환자 중 사유가 {reason}인 비율",
        "en": "Share of untransplanted patients not transplanted because of: {reason}",
    },
    "what_hsct_reason_top": {
        "ko": "이식하지 않은 환자의 가장 흔한 사유와 그 비율",
        "en": "Commonest reason for no transplant and its share",
    },
    "what_hsct_alive": {
        "ko": "마지막 확인 때 살아 있던 이식 환자 수",
        "en": "Transplanted patients alive at last contact",
    },
    "what_hsct_alive_in_cr": {
        "ko": "살아 있는 이식 환자 중 이식 전 CR 또는 CRp였던 비율",
        "en": "Share of living transplanted patients who were in CR or CRp before HSCT",
    },
    "what_survival_at": {"ko": "{group}: {t}년 생존율", "en": "{group}: survival at {t} years"},
    "what_median_survival": {"ko": "{group}: 중앙 생존 기간", "en": "{group}: median survival"},
    "what_deaths": {"ko": "추적 기간 중 사망한 환자 수", "en": "Deaths during follow-up"},
    "what_censored": {
        "ko": "중도절단된 환자 수 (사망이 확인되지 않음)",
        "en": "Patients censored (not known to have died)",
    },
    "what_lost": {
        "ko": "추적이 끊긴 환자 수 (마감일 {days}일 전보다 앞서 마지막으로 확인된 생존자)",
        "en": "Patients lost to follow-up (alive when last seen more than {days} days before the cut-off)",
    },
    "what_followup_median": {
        "ko": "중앙 추적 기간 (역 카플란-마이어)",
        "en": "Median follow-up (reverse Kaplan-Meier)",
    },
    "what_group_size": {"ko": "{group}: 환자 수", "en": "{group}: patients"},
    "what_logrank_p": {
        "ko": "이식군과 비이식군의 단순 비교 (로그순위 검정) P값",
        "en": "P value of the naive comparison of transplanted and untransplanted patients (log-rank test)",
    },
    "what_logrank_chi2": {
        "ko": "로그순위 검정의 카이제곱 통계량",
        "en": "Chi-square statistic of the log-rank test",
    },
    "what_mb_p": {
        "ko": "이식을 시간에 따라 변하는 상태로 본 Mantel-Byar 검정의 P값",
        "en": "P value of the Mantel-Byar test, transplant as a time-dependent state",
    },
    "what_mb_chi2": {
        "ko": "Mantel-Byar 검정의 카이제곱 통계량",
        "en": "Chi-square statistic of the Mantel-Byar test",
    },
    "what_mb_deaths_after": {
        "ko": "이식 후 상태에서 관찰된 사망 수",
        "en": "Deaths observed in the transplanted state",
    },
    "what_mb_expected_after": {
        "ko": "이식이 생존과 무관할 때 이식 후 상태에서 기대되는 사망 수",
        "en": "Deaths expected in the transplanted state if transplant made no difference",
    },
    "what_td_hr": {
        "ko": "시간 의존 Cox 모형의 이식 위험비",
        "en": "Hazard ratio of transplant in the time-dependent Cox model",
    },
    "what_td_hr_p": {
        "ko": "시간 의존 Cox 모형의 이식 위험비에 대한 Wald 검정 P값",
        "en": "Wald P value of the transplant hazard ratio in the time-dependent Cox model",
    },
    "what_landmark_group": {
        "ko": "{t}개월 기준점 분석: {group}",
        "en": "Landmark analysis at {t} months: {group}",
    },
    "what_landmark_n": {
        "ko": "{t}개월 기준점에 살아서 추적 중인 환자 수",
        "en": "Patients alive and followed at the {t}-month landmark",
    },
    "what_landmark_died": {
        "ko": "{t}개월 기준점 전에 사망하여 제외된 환자 수",
        "en": "Patients excluded for dying before the {t}-month landmark",
    },
    "what_landmark_censored": {
        "ko": "{t}개월 기준점 전에 중도절단되어 제외된 환자 수",
        "en": "Patients excluded for being censored before the {t}-month landmark",
    },
    "what_landmark_tx_later": {
        "ko": "{t}개월 기준점 뒤에 이식받아 비이식군에 남은 환자 수",
        "en": "Patients transplanted after the {t}-month landmark, counted as untransplanted",
    },
    "what_landmark_p": {
        "ko": "{t}개월 기준점 분석의 로그순위 검정 P값",
        "en": "Log-rank P value of the {t}-month landmark analysis",
    },
    "what_landmark_hr": {
        "ko": "{t}개월 기준점 분석의 이식 위험비 (Cox 모형)",
        "en": "Hazard ratio of transplant in the {t}-month landmark analysis (Cox model)",
    },
    "what_lit_cr": {
        "ko": "재관해유도 요법에서 보고된 완전관해율의 범위 (원 논문 서론의 인용)",
        "en": "Range of CR rates reported for reinduction regimens (quoted in the paper's introduction)",
    },
    "what_lit_os": {
        "ko": "재발성/불응성 소아 ALL에서 흔히 보고되는 생존율의 범위 (원 논문 고찰의 인용)",
        "en": "Range of survival usually reported for R/R childhood ALL (quoted in the paper's discussion)",
    },
    "what_audit_items": {
        "ko": "논문이 자기 코호트에 대해 인쇄한 수치의 개수",
        "en": "Numbers the paper prints about its own cohort",
    },
    "what_audit_places": {
        "ko": "그 수치가 인쇄된 자리의 수",
        "en": "Places where those numbers are printed",
    },
    "what_audit_places_match": {
        "ko": "재계산 값이 인쇄된 글자와 같은 자리의 수",
        "en": "Places where the recomputed text equals the printed text",
    },
    "what_audit_reproduced": {
        "ko": "인쇄된 모든 자리에서 재현된 수치",
        "en": "Numbers reproduced at every place they are printed",
    },
    "what_audit_contradiction": {
        "ko": "논문의 다른 수치와 함께 성립할 수 없는 수치",
        "en": "Numbers that cannot hold together with the paper's other numbers",
    },
    "what_audit_differs": {"ko": "설명되지 않은 불일치", "en": "Unexplained differences"},
    "what_audit_different": {
        "ko": "이 코호트에서 논문과 다른 값이 나온 수치",
        "en": "Numbers that come out differently in this cohort",
    },
    "what_data_digest": {
        "ko": "입력 파일들의 SHA-256에서 계산한 자료 요약값",
        "en": "Data digest computed from the SHA-256 of the input files",
    },
    "what_design_institutions": {
        "ko": "참여 의사를 밝힌 기관 수 (자료 규약의 기관 목록)",
        "en": "Institutions willing to take part (the data contract's list)",
    },
    "what_design_accrual_first": {
        "ko": "등록 기간의 시작 (재발/불응 진단일, 자료 규약)",
        "en": "Start of the study period (R/R diagnosis; data contract)",
    },
    "what_design_accrual_last": {
        "ko": "등록 기간의 끝 (재발/불응 진단일, 자료 규약)",
        "en": "End of the study period (R/R diagnosis; data contract)",
    },
    "what_design_min_age": {
        "ko": "선정 기준: 최초 진단 시 최소 연령 (세)",
        "en": "Eligibility: youngest age at first diagnosis (years)",
    },
    "what_design_max_age": {
        "ko": "선정 기준: 최초 진단 시 최고 연령 (세)",
        "en": "Eligibility: oldest age at first diagnosis (years)",
    },
    "what_design_min_regimens": {
        "ko": "선정 기준: 이전 항암화학요법의 최소 수",
        "en": "Eligibility: fewest prior chemotherapy regimens",
    },
    "what_design_min_blasts": {
        "ko": "선정 기준: 골수 림프모구 최소 비율 (%)",
        "en": "Eligibility: lowest marrow lymphoblast share (%)",
    },
    "what_design_lost_days": {
        "ko": "추적 소실의 기준 (마감일 전 일수, 자료 규약)",
        "en": "Loss-to-follow-up window (days before the cut-off; data contract)",
    },
    "what_design_landmark": {
        "ko": "미리 정한 기준점 (재발/불응 진단 후 개월)",
        "en": "Pre-specified landmark (months after R/R diagnosis)",
    },
    "what_design_alpha": {"ko": "유의수준 (양측)", "en": "Significance level (two-sided)"},
    # ---- how it was estimated ------------------------------------------------------------------
    "est_count": {"ko": "환자 수를 셈", "en": "count of patients"},
    "est_share": {"ko": "{k}/{n}", "en": "{k}/{n}"},
    "est_clopper_pearson": {
        "ko": "{k}/{n}; 95% 신뢰구간은 Clopper-Pearson 정확 구간",
        "en": "{k}/{n}; exact Clopper-Pearson 95% confidence interval",
    },
    "est_km": {
        "ko": "카플란-마이어 추정값; 95% 신뢰구간은 Greenwood 분산의 log-log 변환",
        "en": "Kaplan-Meier estimate; 95% confidence interval from Greenwood's variance on the log-log scale",
    },
    "est_reverse_km": {
        "ko": "역 카플란-마이어 방법 (사망을 중도절단으로 봄)",
        "en": "reverse Kaplan-Meier method (deaths treated as censored)",
    },
    "est_logrank": {
        "ko": "로그순위 검정 (카이제곱 {chi2}, 자유도 1)",
        "en": "log-rank test (chi-square {chi2}, 1 degree of freedom)",
    },
    "est_mantel_byar": {
        "ko": "Mantel-Byar 검정 (카이제곱 {chi2}, 자유도 1)",
        "en": "Mantel-Byar test (chi-square {chi2}, 1 degree of freedom)",
    },
    "est_cox": {
        "ko": "Cox 비례위험 모형 (Efron 동순위 처리); 95% 신뢰구간은 Wald 구간",
        "en": "Cox proportional hazards model (Efron ties); Wald 95% confidence interval",
    },
    "est_td_cox": {
        "ko": "이식을 시간 의존 공변량으로 둔 Cox 모형 (Efron 동순위 처리)",
        "en": "Cox model with transplant as a time-dependent covariate (Efron ties)",
    },
    "est_summary": {
        "ko": "적격 환자의 요약 통계량",
        "en": "summary statistic over eligible patients",
    },
    "est_digest": {
        "ko": "파일별 SHA-256을 이어 붙여 다시 SHA-256을 구한 값의 앞 12자리",
        "en": "first 12 hex digits of the SHA-256 over the files' SHA-256 digests",
    },
    "est_date": {"ko": "자료에서 읽은 날짜", "en": "date read from the data"},
    "pop_audit": {"ko": "감사 표의 해당 행", "en": "its row in the audit"},
}
