"""Every label the report shows, in Korean and English, and the active language.

One catalog: ``LABELS[key] == {"ko": ..., "en": ...}``. Code labels (sex, agents,
response categories ...) belong to the codebook (``Codebook.label``), defined once there.
"""

from __future__ import annotations

import os
from typing import Literal

__all__ = ["GROUP_LABEL", "LABELS", "LANGS", "Lang", "current_lang", "label"]

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")

LABELS: dict[str, dict[str, str]] = {
    # ---- generic -------------------------------------------------------------------------
    "n": {"ko": "N", "en": "N"},
    "na": {"ko": "NA", "en": "NA"},
    "na_note": {"ko": "NA, 자료 없음.", "en": "NA, not available."},
    "mean_sd": {"ko": "평균±표준편차", "en": "Mean±SD"},
    "median_range": {"ko": "중앙값 (범위)", "en": "Median (range)"},
    "years": {"ko": "년", "en": "years"},
    "reconstruction_note": {
        "ko": "재구성 자료: 논문의 집계값을 재현하도록 만든 합성 환자 기록으로 계산함.",
        "en": "Reconstructed data: computed from synthetic patient records built to "
        "reproduce the paper's published aggregates.",
    },
    # ---- Table 1 ------------------------------------------------------------------------
    "tbl1_title": {"ko": "표 1. 환자 특성", "en": "Table 1. Patient characteristics"},
    "tbl1_col_char": {"ko": "특성", "en": "Characteristics"},
    "tbl1_col_value": {
        "ko": "환자 수 (%), 전체 N={n}",
        "en": "Number of patients (%), total N={n}",
    },
    "tbl1_col_paper": {"ko": "논문 수치", "en": "Published"},
    "var_age": {"ko": "재발/불응 진단 시 연령 (세)", "en": "Age at R/R diagnosis (y)"},
    "var_sex": {"ko": "성별", "en": "Sex"},
    "var_height": {"ko": "신장 (cm)", "en": "Height (cm)"},
    "var_weight": {"ko": "체중 (kg)", "en": "Body weight (kg)"},
    "var_cytogenetics": {"ko": "최초 세포유전학", "en": "Initial cytogenetics"},
    "var_immunophenotype": {"ko": "면역표현형", "en": "Immunophenotype"},
    "var_disease_status": {"ko": "질병 상태", "en": "Disease status"},
    "denominator": {"ko": "(N={n})", "en": "(N={n})"},
    # ---- Table 2 ------------------------------------------------------------------------
    "tbl2_title": {
        "ko": "표 2. 재발/불응 ALL 첫 주기에 사용한 스테로이드 외 항암제",
        "en": "Table 2. Chemotherapeutic agents other than steroid used at the 1st cycle for R/R ALL",
    },
    "tbl2_col_agent": {"ko": "약제", "en": "Agents"},
    "tbl2_note": {
        "ko": "R/R ALL, 재발성/불응성 급성림프모구백혈병. 한 환자가 여러 약제를 받으므로 합계는 N을 넘는다.",
        "en": "R/R ALL, relapsed/refractory acute lymphoblastic leukemia. Patients received "
        "several agents, so the counts add up to more than N.",
    },
    # ---- response -----------------------------------------------------------------------
    "tbl_resp_title": {"ko": "첫 주기 후 치료 반응", "en": "Response to the first cycle"},
    "resp_col_item": {"ko": "항목", "en": "Item"},
    "resp_col_n": {"ko": "환자 수 (%)", "en": "Patients, n (%)"},
    "resp_col_ci": {"ko": "95% 신뢰구간", "en": "95% CI"},
    "resp_exam_done": {"ko": "골수 검사 시행", "en": "Marrow examination done"},
    "resp_not_examined": {"ko": "골수 검사 미시행", "en": "No marrow examination"},
    "resp_reason": {"ko": "미시행 사유 (중복 가능)", "en": "Reasons (more than one allowed)"},
    "contra_group": {"ko": "논문 수치 사이의 모순", "en": "Contradictions between printed numbers"},
    "interp_group": {
        "ko": "논문에 없는 사항의 해석",
        "en": "Interpretations where the paper is silent",
    },
    "resp_reason_overlap": {
        "ko": "{n}명은 두 가지 사유가 함께 보고됨",
        "en": "Patients with both reasons reported: {n}",
    },
    "resp_cr_rate": {"ko": "완전관해율 (CR+CRp)", "en": "CR rate (CR+CRp)"},
    "resp_cr_strict": {
        "ko": "완전관해율 (CR만, 방법 정의)",
        "en": "CR rate (CR only, methods definition)",
    },
    "resp_orr": {"ko": "전체반응률 (CR+CRp+PR)", "en": "Overall response rate (CR+CRp+PR)"},
    "resp_note": {
        "ko": "분모는 치료받은 전체 환자 {n}명. 95% 신뢰구간은 Clopper-Pearson 정확 구간.",
        "en": "Denominator: all {n} treated patients. 95% CI: exact Clopper-Pearson interval.",
    },
    "resp_group_category": {"ko": "반응 범주", "en": "Response category"},
    "resp_group_rates": {"ko": "반응률", "en": "Response rates"},
    "resp_group_exam": {"ko": "골수 검사", "en": "Marrow examination"},
    # ---- transplant ---------------------------------------------------------------------
    "tbl_hsct_title": {"ko": "동종조혈모세포이식", "en": "Allogeneic HSCT"},
    "hsct_done": {"ko": "이식 시행", "en": "Transplanted"},
    "hsct_pre_status": {"ko": "이식 전 골수 상태", "en": "Marrow status before HSCT"},
    "hsct_reason_none": {"ko": "이식 미시행 사유", "en": "Reason for no HSCT"},
    "hsct_alive": {"ko": "이식 후 생존", "en": "Alive after HSCT"},
    "hsct_note": {
        "ko": "이식 시행 비율의 분모는 치료받은 {n}명, 이식 전 상태의 분모는 이식 환자 {h}명, "
        "미시행 사유의 분모는 미시행 환자 {u}명.",
        "en": "Denominators: {n} treated patients for HSCT, {h} transplanted patients for the "
        "status before HSCT, {u} untransplanted patients for the reasons.",
    },
    # ---- survival -----------------------------------------------------------------------
    "os": {"ko": "전체 생존율", "en": "Overall survival"},
    "os_axis": {"ko": "전체 생존율 (%)", "en": "Overall survival (%)"},
    "time_rr_axis": {"ko": "재발/불응 진단 후 기간 (년)", "en": "Years since R/R diagnosis"},
    "time_hsct_axis": {"ko": "이식 후 기간 (년)", "en": "Years since HSCT"},
    "at_risk": {"ko": "위험 환자 수", "en": "Number at risk"},
    "at_risk_row": {"ko": "위험", "en": "At risk"},
    "censored_row": {"ko": "중도절단", "en": "Censored"},
    "events_row": {"ko": "사망", "en": "Events"},
    "all_patients": {"ko": "전체", "en": "All patients"},
    "grp_hsct": {"ko": "이식", "en": "HSCT"},
    "grp_no_hsct": {"ko": "비이식", "en": "No HSCT"},
    "grp_cr_hsct": {"ko": "CR/CRp 후 이식", "en": "HSCT in CR/CRp"},
    "legend_n": {"ko": "{name} (N={n})", "en": "{name} (N={n})"},
    "logrank": {"ko": "로그순위 검정 {p}", "en": "Log-rank {p}"},
    "fig_os_title": {"ko": "A. 전체 생존율", "en": "A. Overall survival"},
    "fig_hsct_title": {"ko": "B. 이식 여부별 전체 생존율", "en": "B. Overall survival by HSCT"},
    "fig_cr_title": {
        "ko": "C. CR/CRp 후 이식 환자의 이식 후 생존율",
        "en": "C. Survival after HSCT in CR/CRp",
    },
    "ci_band": {"ko": "95% 신뢰대", "en": "95% CI"},
    "tbl_surv_title": {"ko": "시점별 생존율", "en": "Survival at landmark times"},
    "surv_col_group": {"ko": "군", "en": "Group"},
    "surv_col_time": {"ko": "시점", "en": "Time"},
    "surv_col_est": {"ko": "생존율 % (95% CI)", "en": "Survival % (95% CI)"},
    "surv_col_risk": {"ko": "위험 환자 수", "en": "At risk"},
    "surv_year": {"ko": "{t}년", "en": "{t} y"},
    "surv_median": {"ko": "중앙 생존 기간, 년 (95% CI)", "en": "Median survival, years (95% CI)"},
    "surv_median_nr": {"ko": "도달하지 않음", "en": "Not reached"},
    "surv_note": {
        "ko": "카플란-마이어 추정값; 95% 신뢰구간은 Greenwood 분산의 log-log 변환. "
        "NE: 추정 불가(위험 환자 없음).",
        "en": "Kaplan-Meier estimates; 95% CI from Greenwood's variance on the log-log scale. "
        "NE: not estimable (nobody at risk).",
    },
    "ne": {"ko": "NE", "en": "NE"},
    # ---- chapter titles -----------------------------------------------------------------
    "ch_preface": {"ko": "머리말", "en": "Preface"},
    "ch_intro": {"ko": "서론", "en": "Introduction"},
    "ch_methods": {"ko": "대상 및 방법", "en": "Patients and methods"},
    "ch_results": {"ko": "결과", "en": "Results"},
    "ch_discussion": {"ko": "고찰", "en": "Discussion"},
    "ch_refs": {"ko": "참고문헌", "en": "References"},
    "ch_codebook": {"ko": "자료 규약과 코드북", "en": "Data contract and codebook"},
    "ch_recon": {"ko": "재구성 자료의 방법", "en": "How the data were reconstructed"},
    "ch_audit": {
        "ko": "재현 감사: 논문 수치와 재계산 수치",
        "en": "Reproduction audit: published against recomputed",
    },
    # ---- captions (Quarto cross-reference divs) -------------------------------------------
    "cap_tbl1": {
        "ko": "환자 특성 (적격 환자 N={n})",
        "en": "Patient characteristics (eligible patients, N={n})",
    },
    "cap_tbl2": {
        "ko": "재발/불응 ALL 첫 주기에 사용한 스테로이드 외 항암제 (치료받은 환자 N={n})",
        "en": "Chemotherapeutic agents other than steroid used in the first cycle for R/R ALL (treated patients, N={n})",
    },
    "cap_response": {
        "ko": "첫 주기 후 골수 검사와 치료 반응 (N={n})",
        "en": "Marrow examination and response after the first cycle (N={n})",
    },
    "cap_hsct": {
        "ko": "동종조혈모세포이식과 미시행 사유",
        "en": "Allogeneic HSCT and reasons for no transplant",
    },
    "cap_fig_os": {
        "ko": "치료받은 환자 전체의 전체 생존율 (카플란-마이어, 음영은 95% 신뢰대, 세로 눈금은 중도절단)",
        "en": "Overall survival of all treated patients (Kaplan-Meier; shading, 95% CI; ticks, censored)",
    },
    "cap_tbl_os": {
        "ko": "전체 생존율: 시점별 추정값과 중앙 생존 기간",
        "en": "Overall survival: estimates at landmark times and median survival",
    },
    "cap_fig_os_hsct": {
        "ko": "조혈모세포이식 여부에 따른 전체 생존율 (재발/불응 진단일부터; 불멸 시간 편향에 주의)",
        "en": "Overall survival by allogeneic HSCT, from R/R diagnosis (beware of immortal-time bias)",
    },
    "cap_tbl_os_hsct": {
        "ko": "이식 여부별 생존율과 로그순위 검정",
        "en": "Survival by HSCT with the log-rank test",
    },
    "cap_fig_os_after": {
        "ko": "CR 또는 CRp 상태에서 이식받은 환자의 이식 후 생존율",
        "en": "Survival after HSCT for patients transplanted in CR or CRp",
    },
    "cap_tbl_os_after": {
        "ko": "CR/CRp 후 이식 환자의 이식 후 생존율",
        "en": "Survival after HSCT in CR/CRp",
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
        "ko": "논문 수치와 재계산 수치의 대조",
        "en": "Published numbers against recomputed ones",
    },
    "cap_contradictions": {
        "ko": "논문 수치 사이의 모순과 해석",
        "en": "Contradictions between the paper's numbers, and interpretations",
    },
    "cap_flow": {
        "ko": "연구 흐름: 검토한 기록에서 분석 대상까지",
        "en": "Study flow: from records reviewed to patients analysed",
    },
    # ---- validation messages -----------------------------------------------------------
    "err_header": {
        "ko": "자료 검증 실패: {n}건의 문제가 있어 보고서를 만들지 않습니다.",
        "en": "Data validation failed: {n} problem(s) found; the report was not built.",
    },
    "err_where": {
        "ko": "파일 {file}, {row}행, 열 '{column}', 값 {value}",
        "en": "file {file}, row {row}, column '{column}', value {value}",
    },
    "err_withheld": {"ko": "(개인정보 보호를 위해 표시하지 않음)", "en": "(withheld: identifier)"},
}


#: survival group code -> label key (figures and tables)
GROUP_LABEL: dict[str, str] = {
    "all": "all_patients",
    "hsct": "grp_hsct",
    "no_hsct": "grp_no_hsct",
    "cr_hsct": "grp_cr_hsct",
}


def current_lang() -> Lang:
    """The language of the active Quarto profile (``QUARTO_PROFILE``), else ``RRALL_LANG``, else ko."""
    for var in ("QUARTO_PROFILE", "RRALL_LANG"):
        for part in os.environ.get(var, "").replace(" ", "").split(","):
            if part in LANGS:
                return part  # type: ignore[return-value]
    return "ko"


def label(key: str, lang: Lang, **fields: object) -> str:
    """The label ``key`` in ``lang``, with ``{fields}`` filled in."""
    text = LABELS[key][lang]
    return text.format(**fields) if fields else text
