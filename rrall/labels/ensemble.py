"""Words of the ensemble appendix: the statistics, the conclusions and their categories, the
tables' and figure's labels and the sentences built from the ensemble's results."""

from __future__ import annotations

__all__ = ["CATEGORY_LABEL", "CONCLUSION_LABEL", "ENSEMBLE_LABELS", "STATISTIC_LABEL"]

#: rrall.rebuild.ensemble.CONCLUSIONS id -> label key (a noun phrase: what a cohort gives)
CONCLUSION_LABEL: dict[str, str] = {
    "naive_logrank_p_below_05": "ens_c_naive_p",
    "mantel_byar_p_below_05": "ens_c_mb_p",
    "td_cox_hr_below_1": "ens_c_td_hr",
    "td_cox_ci_excludes_1": "ens_c_td_ci",
    "td_cox_p_below_05": "ens_c_td_p",
    "landmark_p_below_05": "ens_c_lm_p",
    "landmark_hr_below_1": "ens_c_lm_hr",
    "os_median_below_1y": "ens_c_os_median",
}

#: ensemble results column -> label key (tables, figure, popovers)
STATISTIC_LABEL: dict[str, str] = {
    "os_median": "ens_s_os_median",
    "os_6m": "ens_s_os_6m",
    "os_4y": "ens_s_os_4y",
    "logrank_p": "ens_s_logrank_p",
    "mb_chi2": "ens_s_mb_chi2",
    "mb_p": "ens_s_mb_p",
    "td_hr": "ens_s_td_hr",
    "td_p": "ens_s_td_p",
    "lm_p": "ens_s_lm_p",
    "lm_hr": "ens_s_lm_hr",
    "k_lost": "ens_s_k_lost",
    "hsct_day_min": "ens_s_hsct_day_min",
    "hsct_day_median": "ens_s_hsct_day_median",
    "hsct_day_max": "ens_s_hsct_day_max",
    "post_hsct_death_median": "ens_s_post_hsct_death_median",
    "alive_followup_median": "ens_s_alive_followup_median",
    "lost_day_median": "ens_s_lost_day_median",
    "n_regimen_combinations": "ens_s_n_regimen_combinations",
}

#: rrall.rebuild.ensemble.category -> label key
CATEGORY_LABEL: dict[str, str] = {
    "all": "ens_cat_all",
    "most": "ens_cat_most",
    "some": "ens_cat_some",
    "none": "ens_cat_none",
}

ENSEMBLE_LABELS: dict[str, dict[str, str]] = {
    # ---- conclusions (noun phrases) --------------------------------------------------------
    "ens_c_naive_p": {
        "ko": "단순 로그순위 검정의 P {alpha} 미만",
        "en": "a naive log-rank P below {alpha}",
    },
    "ens_c_mb_p": {
        "ko": "Mantel-Byar 검정의 P {alpha} 미만",
        "en": "a Mantel-Byar P below {alpha}",
    },
    "ens_c_td_hr": {
        "ko": "시간 의존 Cox 모형의 이식 위험비 1 미만",
        "en": "a time-dependent Cox hazard ratio of transplant below 1",
    },
    "ens_c_td_ci": {
        "ko": "1을 벗어난 시간 의존 Cox 위험비의 95% 신뢰구간",
        "en": "a time-dependent Cox 95% confidence interval that excludes 1",
    },
    "ens_c_td_p": {
        "ko": "시간 의존 Cox 모형의 P {alpha} 미만",
        "en": "a time-dependent Cox P below {alpha}",
    },
    "ens_c_lm_p": {
        "ko": "{t}개월 기준점 분석의 P {alpha} 미만",
        "en": "a {t}-month landmark log-rank P below {alpha}",
    },
    "ens_c_lm_hr": {
        "ko": "{t}개월 기준점 분석의 이식 위험비 1 미만",
        "en": "a {t}-month landmark hazard ratio of transplant below 1",
    },
    "ens_c_os_median": {
        "ko": "1년 미만의 전체 생존 기간 중앙값",
        "en": "a median overall survival below 1 year",
    },
    # ---- statistics ---------------------------------------------------------------------------
    "ens_s_os_median": {
        "ko": "전체 생존 기간 중앙값, 개월",
        "en": "Median overall survival, months",
    },
    "ens_s_os_6m": {"ko": "6개월 전체 생존율, %", "en": "Overall survival at 6 months, %"},
    "ens_s_os_4y": {"ko": "4년 전체 생존율, %", "en": "Overall survival at 4 years, %"},
    "ens_s_logrank_p": {"ko": "단순 로그순위 검정의 P", "en": "Naive log-rank P"},
    "ens_s_mb_chi2": {"ko": "Mantel-Byar 카이제곱", "en": "Mantel-Byar chi-square"},
    "ens_s_mb_p": {"ko": "Mantel-Byar 검정의 P", "en": "Mantel-Byar P"},
    "ens_s_td_hr": {"ko": "시간 의존 Cox 위험비", "en": "Time-dependent Cox HR"},
    "ens_s_td_p": {"ko": "시간 의존 Cox 모형의 P", "en": "Time-dependent Cox P"},
    "ens_s_lm_p": {"ko": "{t}개월 기준점 분석의 P", "en": "Landmark log-rank P at {t} months"},
    "ens_s_lm_hr": {"ko": "{t}개월 기준점 분석의 위험비", "en": "Landmark HR at {t} months"},
    "ens_s_k_lost": {"ko": "추적 소실 환자 수", "en": "Patients lost to follow-up"},
    "ens_s_hsct_day_min": {
        "ko": "가장 이른 이식일 (재발/불응 진단 후 일수)",
        "en": "Earliest transplant (days after R/R diagnosis)",
    },
    "ens_s_hsct_day_median": {
        "ko": "이식일 중앙값 (재발/불응 진단 후 일수)",
        "en": "Median transplant day (days after R/R diagnosis)",
    },
    "ens_s_hsct_day_max": {
        "ko": "가장 늦은 이식일 (재발/불응 진단 후 일수)",
        "en": "Latest transplant (days after R/R diagnosis)",
    },
    "ens_s_post_hsct_death_median": {
        "ko": "이식 후 사망까지 일수의 중앙값",
        "en": "Median days from transplant to death",
    },
    "ens_s_alive_followup_median": {
        "ko": "생존자의 추적 일수 중앙값",
        "en": "Median follow-up of survivors, days",
    },
    "ens_s_lost_day_median": {
        "ko": "추적 소실 환자의 마지막 확인일 중앙값 (일)",
        "en": "Median day of last contact of those lost, days",
    },
    "ens_s_n_regimen_combinations": {
        "ko": "첫 주기 약제 조합의 종류 수",
        "en": "Distinct first-cycle drug combinations",
    },
    # ---- categories ---------------------------------------------------------------------------
    "ens_cat_all": {"ko": "모든 재구성", "en": "All reconstructions"},
    "ens_cat_most": {"ko": "대부분 ({most}% 이상)", "en": "Most ({most}% or more)"},
    "ens_cat_some": {"ko": "일부", "en": "Some"},
    "ens_cat_none": {"ko": "없음", "en": "None"},
    # ---- headings -------------------------------------------------------------------------------
    "h_ens_findings": {
        "ko": "모든 재구성에서 성립하는 결과와 그렇지 않은 결과",
        "en": "What holds in every reconstruction, and what does not",
    },
    "h_ens_spread": {
        "ko": "논문 밖 통계량의 분포",
        "en": "The spread of the statistics the paper does not publish",
    },
    "h_ens_diagnostic": {
        "ko": "시드가 바꾸는 부분",
        "en": "What the seeds vary",
    },
    # ---- which summary ----------------------------------------------------------------------
    "ens_which_median": {"ko": "중앙값", "en": "median"},
    "ens_which_min": {"ko": "최솟값", "en": "minimum"},
    "ens_which_max": {"ko": "최댓값", "en": "maximum"},
    # ---- tables -------------------------------------------------------------------------------
    "ens_col_statistic": {"ko": "통계량", "en": "Statistic"},
    "ens_col_median_iqr": {"ko": "중앙값 (사분위범위)", "en": "Median (IQR)"},
    "ens_col_range": {"ko": "범위", "en": "Range"},
    "ens_col_share": {"ko": "P < {alpha}인 재구성, n (%)", "en": "P < {alpha}, n (%)"},
    "ens_col_shipped": {"ko": "수록 코호트 (백분위)", "en": "Shipped cohort (percentile)"},
    "ens_col_shipped_real": {
        "ko": "이 연구의 자료 (백분위)",
        "en": "This study's data (percentile)",
    },
    "ens_col_conclusion": {"ko": "결과", "en": "Result"},
    "ens_col_holds": {"ko": "성립한 재구성", "en": "Reconstructions in which it holds"},
    "ens_col_category": {"ko": "범주", "en": "Category"},
    "ens_col_shipped_holds": {"ko": "수록 코호트", "en": "Shipped cohort"},
    "ens_col_shipped_holds_real": {"ko": "이 연구의 자료", "en": "This study's data"},
    "ens_col_variable": {"ko": "논문이 정하지 않은 부분", "en": "Part the paper leaves open"},
    "ens_col_distinct": {"ko": "서로 다른 값의 수", "en": "Distinct values"},
    "ens_k_of_n": {"ko": "{n}개 중 {k}개, {pct}", "en": "{k} of {n}, {pct}"},
    "ens_k_of_n_cell": {"ko": "{n}개 중 {k}개 ({pct}%)", "en": "{k} of {n} ({pct}%)"},
    "ens_yes": {"ko": "예", "en": "Yes"},
    "ens_no": {"ko": "아니오", "en": "No"},
    "ens_note": {
        "ko": "IQR, 사분위범위; HR, 위험비. 재구성 {n}개는 모두 논문의 수치를 수록 코호트와 같은 기준으로 재현하고 임상 시간 규칙을 지킨다. 단순 로그순위 검정의 P는 논문이 인쇄한 생존 곡선에 묶여 있다. 백분위는 재구성들 사이에서 해당 코호트 값의 중간 순위 백분위이다. 추정할 수 없는 값은 요약에서 뺐다.",
        "en": "IQR, interquartile range; HR, hazard ratio. Each of the {n} reconstructions reproduces the paper's numbers by the same test as the shipped cohort and obeys the clinical timeline rules. The naive log-rank P is tied to the survival curves the paper prints. The percentile is the mid-rank percentile of that cohort's value among the reconstructions. Values that cannot be estimated are left out of the summaries.",
    },
    "ens_conclusions_note": {
        "ko": "범주: 모든 재구성에서 성립, 대부분({most}% 이상), 일부, 어느 재구성에서도 성립하지 않음. 추정할 수 없는 통계량은 성립하지 않은 것으로 센다.",
        "en": "Categories: holds in every reconstruction, in most ({most}% or more), in some, or in none. A statistic that cannot be estimated counts as not holding.",
    },
    "ens_diagnostic_note": {
        "ko": "재구성마다 한 값(예: 그 코호트의 이식일 중앙값)을 계산하고, 재구성들 사이의 분포를 보였다. 값이 하나뿐이면 그 부분은 시드에 따라 달라지지 않는다.",
        "en": "One value per reconstruction (for example, that cohort's median transplant day), summarised across the reconstructions. A single distinct value would mean that the part does not vary with the seed.",
    },
    "cap_ensemble": {
        "ko": "재구성 {n}개에 걸친 논문 밖 통계량의 분포",
        "en": "Spread of the statistics the paper does not publish across {n} reconstructions",
    },
    "cap_ensemble_conclusions": {
        "ko": "재구성 {n}개 가운데 각 결과가 성립한 수",
        "en": "How many of the {n} reconstructions give each result",
    },
    "cap_ensemble_diagnostic": {
        "ko": "논문이 정하지 않은 부분이 시드에 따라 달라지는 정도",
        "en": "How the parts the paper leaves open vary with the seed",
    },
    "cap_fig_ensemble": {
        "ko": "재구성 {n}개의 P 값과 위험비. 점 하나가 재구성 하나이고, 마름모는 {shipped}, 세로 점선은 유의수준 {alpha}(왼쪽)와 위험비 1(오른쪽)이다. 단순 로그순위 검정의 P는 논문이 인쇄한 생존 곡선에 묶여 있다.",
        "en": "P values and hazard ratios across {n} reconstructions. Each dot is one reconstruction; the diamond marks {shipped}; the dotted lines mark the {alpha} level (left) and a hazard ratio of 1 (right). The naive log-rank P is tied to the survival curves the paper prints.",
    },
    "ens_shipped_name": {"ko": "수록 코호트", "en": "the shipped cohort"},
    "ens_shipped_name_real": {"ko": "이 연구의 자료", "en": "this study's data"},
    "ens_legend_shipped": {"ko": "수록 코호트", "en": "Shipped cohort"},
    "ens_legend_shipped_real": {"ko": "이 연구의 자료", "en": "This study's data"},
    "ens_legend_dot": {"ko": "재구성 하나", "en": "One reconstruction"},
    "ens_legend_iqr": {"ko": "사분위범위와 중앙값", "en": "Interquartile range and median"},
    "ens_axis_p": {"ko": "P (로그 척도)", "en": "P (log scale)"},
    "ens_axis_hr": {"ko": "위험비 (로그 척도)", "en": "Hazard ratio (log scale)"},
    "ens_panel_p": {"ko": "A. 검정의 P", "en": "A. P values"},
    "ens_panel_hr": {"ko": "B. 이식의 위험비", "en": "B. Hazard ratios of transplant"},
    # ---- popovers -----------------------------------------------------------------------------
    "what_ens_n": {
        "ko": "앙상블의 재구성 코호트 수",
        "en": "Reconstructed cohorts in the ensemble",
    },
    "what_ens_seed": {
        "ko": "앙상블의 시드를 만든 마스터 시드",
        "en": "Master seed from which the ensemble's seeds are drawn",
    },
    "what_ens_holds": {
        "ko": "결과가 성립한 재구성: {conclusion}",
        "en": "Reconstructions giving {conclusion}",
    },
    "what_ens_stat": {
        "ko": "{statistic}: 재구성들 사이의 {which}",
        "en": "{statistic}: {which} across the reconstructions",
    },
    "what_ens_shipped": {"ko": "{shipped}의 값: {statistic}", "en": "{statistic}: {shipped}"},
    "what_ens_percentile": {
        "ko": "재구성들 사이에서 {shipped} 값의 백분위: {statistic}",
        "en": "Percentile of {shipped} among the reconstructions: {statistic}",
    },
    "what_ens_landmark": {
        "ko": "앙상블의 기준점 분석 시점(재발/불응 진단 후 개월)",
        "en": "The ensemble's landmark (months after R/R diagnosis)",
    },
    "what_ens_most": {
        "ko": "결과가 '대부분'의 재구성에서 성립한다고 말하는 최소 비율(%)",
        "en": "Smallest share (%) of reconstructions for a result to hold in 'most'",
    },
    "what_ens_fails": {
        "ko": "결과가 성립하지 않은 재구성: {conclusion}",
        "en": "Reconstructions not giving {conclusion}",
    },
    "what_ens_fixed": {
        "ko": "모든 재구성에서 값이 같았던 부분",
        "en": "Parts that took one value in every reconstruction",
    },
    "est_ensemble": {
        "ko": "앙상블 결과 파일(data/ensemble/ensemble.csv)에서 계산",
        "en": "computed from the ensemble's results file (data/ensemble/ensemble.csv)",
    },
    # ---- sentences ------------------------------------------------------------------------------
    "ens_intro": {
        "ko": "논문이 정하지 않은 부분(누가 어떤 약제를 함께 받았는지, 정확한 사망·중도절단·이식 날짜, 누가 추적 소실되었는지)은 수록 자료에서 시드 하나가 정한 것이다. 그래서 논문 밖의 통계량이 그 선택에 얼마나 기대는지 보려고, 마스터 시드 {seed}에서 나온 시드로 재구성 코호트 {n}개를 더 만들었다. 각 코호트는 수록 코호트와 같은 재현 감사([@sec-audit])와 임상 시간 규칙을 통과하였고, 통과한 코호트는 어떤 통계량으로도 골라내지 않고 모두 남겼다. 시드가 무엇을 바꾸는지는 [@sec-recon]에 있다.",
        "en": "Whatever the paper does not fix (which patients received which drugs together, the exact days of death, censoring and transplant, who was lost to follow-up) was chosen in the shipped data by one seed. To see how much the statistics beyond the paper rest on those choices, we built {n} further reconstructed cohorts from seeds drawn from master seed {seed}. Each passed the same reproduction audit (@sec-audit) and clinical timeline rules as the shipped cohort, and every cohort that passed was kept, none selected on any statistic. What the seed changes is described in @sec-recon.",
    },
    "ens_intro_real": {
        "ko": "이 부록의 재구성 코호트 {n}개(마스터 시드 {seed})는 논문만으로 만든 것이다. 이 보고서의 자료는 연구팀의 실제 자료이므로 재구성 앙상블은 그 자료의 불확실성을 말하지 않는다. 다만 논문과 맞는 코호트들 가운데 이 연구의 자료가 어디에 놓이는지를 각 분포에 표시하였다.",
        "en": "The {n} reconstructed cohorts of this appendix (master seed {seed}) were built from the paper alone. The data of this report are the study's own, so the ensemble says nothing about their uncertainty; each distribution marks where this study's data fall among the cohorts consistent with the paper.",
    },
    "ens_all": {
        "ko": "재구성 {n}개 모두에서 {items|이/가} 나왔다.",
        "en": "All {n} reconstructions give {items}.",
    },
    "ens_most": {
        "ko": "대부분의 재구성({most}% 이상)에서 {items|이/가} 나왔다.",
        "en": "Most reconstructions ({most}% or more) give {items}.",
    },
    "ens_some": {
        "ko": "논문이 정하지 않은 세부에 따라 달라진 결과는 {items|이다/다}.",
        "en": "Results that depend on the details the paper leaves open: {items}.",
    },
    "ens_none": {
        "ko": "어느 재구성에서도 {items|이/가} 나오지 않았다.",
        "en": "No reconstruction gives {items}.",
    },
    "ens_item": {"ko": "{what}({count})", "en": "{what} ({count})"},
    "ens_verdict_immortal": {
        "ko": "따라서 단순 비교에서 보인 이식 여부에 따른 생존 차이는 불멸시간 편향을 보정하면 어느 재구성에서도 통계적으로 유의하지 않았다. 이 결론은 논문이 정하지 않은 세부에 기대지 않는다.",
        "en": "The survival difference by transplant seen in the naive comparison is therefore not statistically significant, in any reconstruction, once immortal-time bias is corrected: this conclusion does not rest on the details the paper leaves open.",
    },
    "ens_verdict_robust": {
        "ko": "따라서 이식군의 생존 차이는 불멸시간 편향을 보정해도 모든 재구성에서 통계적으로 유의하였다.",
        "en": "The difference in survival by transplant therefore stays statistically significant after correcting for immortal-time bias in every reconstruction.",
    },
    "ens_verdict_depends": {
        "ko": "불멸시간 편향을 보정한 비교의 유의성은 재구성마다 달라, 논문이 정하지 않은 세부(특히 이식 날짜)에 기댄다.",
        "en": "Whether the comparison corrected for immortal-time bias is significant varies between reconstructions: it rests on details the paper leaves open, the transplant days above all.",
    },
    "ens_naive_fixed": {
        "ko": "단순 로그순위 검정은 모든 재구성에서 {p|이었다/였다}. 논문이 생존 곡선을 인쇄된 눈금에서 고정하기 때문이다.",
        "en": "The naive log-rank test gives {p} in every reconstruction, because the paper fixes the survival curves at their printed marks.",
    },
    "ens_naive_range": {
        "ko": "단순 로그순위 검정은 재구성에 따라 {lo}에서 {hi}까지였다.",
        "en": "The naive log-rank test gives {lo} to {hi} across the reconstructions.",
    },
    "ens_verdict_naive_varies": {
        "ko": "단순 로그순위 검정의 유의성조차 재구성마다 다르다.",
        "en": "Even the naive log-rank test is significant in some reconstructions only.",
    },
    "ens_spread": {
        "ko": "Mantel-Byar 검정은 재구성에 따라 {mb_min}에서 {mb_max}까지(중앙값 {mb_med}), 시간 의존 Cox 모형의 이식 위험비는 {hr_min}에서 {hr_max}까지(중앙값 {hr_med}) 나왔다. 전체 생존 기간 중앙값은 {os_min}에서 {os_max} 사이였다.",
        "en": "Across the reconstructions the Mantel-Byar test gives {mb_min} to {mb_max} (median {mb_med}), and the time-dependent Cox hazard ratio of transplant lies between {hr_min} and {hr_max} (median {hr_med}). The median overall survival lies between {os_min} and {os_max}.",
    },
    "ens_shipped_sentence": {
        "ko": "{shipped}의 Mantel-Byar 검정 결과({p})는 재구성들 사이에서 {pct}{suffix}번째 백분위에 놓인다.",
        "en": "The Mantel-Byar result of {shipped} ({p}) lies at the {pct}{suffix} percentile of the reconstructions.",
    },
    "ens_diagnostic_sentence": {
        "ko": "재구성들 사이에서([@tbl-ensemble-diagnostic]) 코호트의 이식일 중앙값은 재구성에 따라 {tx_min}일에서 {tx_max}일까지, 생존자의 추적 일수 중앙값은 {fu_min}일에서 {fu_max}일까지, 추적 소실 환자 수는 {lost_min}명에서 {lost_max}명까지 달랐다.",
        "en": "Across the reconstructions (@tbl-ensemble-diagnostic), a cohort's median transplant day ranges from {tx_min} to {tx_max} days after R/R diagnosis, the survivors' median follow-up from {fu_min} to {fu_max} days, and the number lost to follow-up from {lost_min} to {lost_max}.",
    },
    "ens_diagnostic_fixed": {
        "ko": "다음 부분은 모든 재구성에서 같은 값이었다: {items}.",
        "en": "These parts took one value in every reconstruction: {items}.",
    },
    "ens_rerun": {
        "ko": "앙상블은 `python -m rrall ensemble`(또는 `make ensemble`)로 다시 만든다. 결과 파일과 설정은 `data/ensemble/`에 있고, 시드와 코호트 수가 같으면 결과도 같다.",
        "en": "The ensemble is rebuilt by `python -m rrall ensemble` (or `make ensemble`); its results file and settings are in `data/ensemble/`, and the same seed and number of cohorts give the same results.",
    },
}
