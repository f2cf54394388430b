"""Every text the data contract shows a reader, in Korean and English, and the Korean words its
identifier guard looks for.

``CONTRACT[key] == {"ko": ..., "en": ...}``: one entry per rule a violation can name (the key is
the rule), plus the pieces of the report around them (header, cap, summary, where a problem is,
the "withheld" wording, the one-line OK). ``{field}`` placeholders are filled by
:func:`contract_text`. Korean is in the plain -다 register.

The identifier guard (``rrall.contract.guard``) also needs Korean *words*: surnames, column
names that announce an identifier, and common words that only look like names. They live here
because Hangul lives only in the label catalog.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "CONTRACT",
    "KO_COMMON_WORDS",
    "KO_IDENTIFIER_WORDS",
    "KO_SURNAMES",
    "KO_SURNAMES_DOUBLE",
    "contract_text",
]

Lang = Literal["ko", "en"]

CONTRACT: dict[str, dict[str, str]] = {
    # ---- the folder and its files ------------------------------------------------------------
    "folder_missing": {
        "ko": "자료 폴더가 없다",
        "en": "the data folder does not exist",
    },
    "no_data_files": {
        "ko": "자료 폴더에 자료 파일이 하나도 없다 (필요한 파일: {files})",
        "en": "the data folder holds none of the data files (expected: {files})",
    },
    "codebook_syntax": {
        "ko": "코드북 YAML 문법 오류다",
        "en": "codebook YAML syntax error",
    },
    "codebook_key": {
        "ko": "코드북의 '{key}' 항목이 없거나 올바르지 않다",
        "en": "codebook entry '{key}' is missing or invalid",
    },
    "file_missing": {"ko": "필수 파일이 없다", "en": "required file is missing"},
    "file_ambiguous": {
        "ko": "같은 자료의 파일이 둘 이상 있다 ({files})",
        "en": "more than one file for the same data ({files})",
    },
    "file_empty": {
        "ko": "파일이 비어 있다 (0바이트이거나 공백뿐이다)",
        "en": "the file is empty (no bytes, or only blank space)",
    },
    "no_data_rows": {
        "ko": "머리글 아래에 자료 행이 없다",
        "en": "no data rows below the header",
    },
    "file_encoding": {
        "ko": "UTF-8로도 CP949로도 읽을 수 없는 바이트가 있다",
        "en": "bytes that are neither UTF-8 nor CP949",
    },
    "file_utf16": {
        "ko": "UTF-16 파일이다: 'CSV UTF-8'로 다시 저장해야 한다",
        "en": "the file is UTF-16: save it again as 'CSV UTF-8'",
    },
    "file_unreadable": {
        "ko": "xlsx 통합 문서로 읽을 수 없다",
        "en": "the file cannot be read as an xlsx workbook",
    },
    "sheet_ambiguous": {
        "ko": "시트가 {n}개인데 '{entity}'라는 이름의 시트가 없다: 자료 시트의 이름을 '{entity}'로 바꿔야 한다",
        "en": "the workbook has {n} sheets and none is named '{entity}': name the data sheet '{entity}'",
    },
    "wrong_delimiter": {
        "ko": "필드 구분자가 쉼표가 아니라 {delimiter}이다: 쉼표로 구분한 CSV여야 한다",
        "en": "fields are separated by {delimiter}, not by commas",
    },
    "header_not_found": {
        "ko": "머리글 줄이 없다: 코드북의 열 이름이 첫 줄에 하나도 없다",
        "en": "no header line: none of the codebook's column names is on the first line",
    },
    "header_not_first": {
        "ko": "머리글이 첫 줄이 아니다: 그 위의 {n}줄(제목, 메모 등)을 지워야 한다",
        "en": "the header is not the first line: remove the {n} line(s) above it (titles, notes)",
    },
    "ragged_row": {
        "ko": "필드 수가 머리글과 다르다 ({found}개, 머리글은 {expected}개)",
        "en": "{found} fields where the header has {expected}",
    },
    # ---- columns -----------------------------------------------------------------------------
    "column_missing": {"ko": "필수 열이 없다", "en": "required column is missing"},
    "column_unknown": {"ko": "코드북에 없는 열이다", "en": "column not defined in the codebook"},
    "column_duplicate": {"ko": "열 이름이 두 번 나온다", "en": "column name appears twice"},
    # ---- direct identifiers ------------------------------------------------------------------
    "identifier_column": {
        "ko": "직접 식별자 열(이름, 주민등록번호, 병록번호, 연락처 등)은 허용되지 않는다",
        "en": "direct identifier column (name, registration or record number, contact ...) is not allowed",
    },
    "identifier_rrn": {
        "ko": "주민등록번호로 보이는 값이다",
        "en": "value looks like a Korean resident registration number",
    },
    "identifier_phone": {
        "ko": "전화번호로 보이는 값이다",
        "en": "value looks like a telephone number",
    },
    "identifier_name": {
        "ko": "사람 이름으로 보이는 값이다",
        "en": "value looks like a person's name",
    },
    "identifier_record": {
        "ko": "병록번호 같은 긴 번호(숫자 6자리 이상)로 보이는 값이다",
        "en": "value looks like a record number (six or more digits)",
    },
    # ---- cells -------------------------------------------------------------------------------
    "required": {"ko": "필수 값이 비어 있다", "en": "required value is blank"},
    "required_if": {
        "ko": "{cond}일 때 필요한 값이 비어 있다",
        "en": "value required when {cond} is blank",
    },
    "not_int": {"ko": "정수가 아니다", "en": "not an integer"},
    "not_number": {"ko": "숫자가 아니다", "en": "not a number"},
    "not_date": {"ko": "날짜 형식이 아니다 (YYYY-MM-DD)", "en": "not a date (YYYY-MM-DD)"},
    "date_out_of_range": {
        "ko": "날짜가 받아들이는 범위({min} ~ {max}) 밖이다",
        "en": "date outside the accepted range ({min} to {max})",
    },
    "bad_code": {
        "ko": "허용되지 않는 코드다 (허용: {allowed})",
        "en": "code not allowed (allowed: {allowed})",
    },
    "below_min": {"ko": "최솟값 {min}보다 작다", "en": "below the minimum {min}"},
    "above_max": {"ko": "최댓값 {max}보다 크다", "en": "above the maximum {max}"},
    "pattern": {
        "ko": "형식이 맞지 않는다 ({pattern})",
        "en": "does not match the format {pattern}",
    },
    "duplicate_id": {"ko": "중복된 연구 번호다", "en": "duplicate identifier"},
    # ---- rows --------------------------------------------------------------------------------
    "steroid_flag": {
        "ko": "스테로이드 표시가 약제 분류와 다르다",
        "en": "steroid flag disagrees with the agent's class",
    },
    "duplicate_agent": {
        "ko": "같은 약제가 두 번 기록되어 있다",
        "en": "the same agent is recorded twice",
    },
    "response_blasts": {
        "ko": "반응 범주가 골수 모세포 비율과 맞지 않는다 ({rule})",
        "en": "response category disagrees with marrow blasts ({rule})",
    },
    "exam_reason_conflict": {
        "ko": "골수 검사를 했는데 미시행 사유가 있다",
        "en": "marrow examined yet reasons for no examination given",
    },
    "not_examined_response": {
        "ko": "골수 검사를 하지 않았는데 반응 범주가 있다",
        "en": "no marrow examination yet a response category given",
    },
    "hsct_fields_conflict": {
        "ko": "이식하지 않았는데 이식 자료가 있다",
        "en": "no HSCT yet transplant details given",
    },
    "hsct_reason_conflict": {
        "ko": "이식했는데 미시행 사유가 있다",
        "en": "HSCT done yet a reason for no HSCT given",
    },
    "alive_with_death_date": {
        "ko": "생존인데 사망일이 있다",
        "en": "alive yet a death date is given",
    },
    "cutoff_not_unique": {
        "ko": "자료 마감일이 하나가 아니다 (첫 값 {first})",
        "en": "more than one data cut-off date (the first is {first})",
    },
    "implausible_height": {
        "ko": "연령·성별에 비해 신장이 비현실적이다 (z={z})",
        "en": "height implausible for age and sex (z={z})",
    },
    "implausible_weight": {
        "ko": "연령·성별에 비해 체중이 비현실적이다 (z={z})",
        "en": "weight implausible for age and sex (z={z})",
    },
    "implausible_bmi": {
        "ko": "체질량지수가 비현실적이다 ({bmi})",
        "en": "body mass index implausible ({bmi})",
    },
    "age_at_rr": {
        "ko": "재발/불응 진단 시 연령이 범위를 벗어난다 ({age}세)",
        "en": "age at R/R diagnosis out of range ({age} y)",
    },
    # ---- across files ------------------------------------------------------------------------
    "unknown_reference": {
        "ko": "{target} 파일에 없는 환자다",
        "en": "patient not found in {target}",
    },
    "not_eligible": {
        "ko": "선정 기준에 맞지 않는 환자가 기저 자료에 있다",
        "en": "patient in baseline does not meet the eligibility criteria",
    },
    "eligible_missing": {
        "ko": "선정 기준에 맞는 환자가 기저 자료에 없다",
        "en": "eligible patient is missing from baseline",
    },
    "incomplete_followup": {
        "ko": "치료·반응·이식·추적 자료 중 일부만 있다 ({missing} 없음)",
        "en": "only part of treatment/response/transplant/follow-up is present ({missing} missing)",
    },
    # ---- the clinical timeline ---------------------------------------------------------------
    "date_order": {"ko": "날짜 순서가 틀렸다: {rule}", "en": "dates out of order: {rule}"},
    "event_before_origin": {
        "ko": "{ref_column}({ref})보다 이른 날짜다",
        "en": "date is before {ref_column} ({ref})",
    },
    "event_after_end": {
        "ko": "추적이 끝난 {ref_column}({ref})보다 늦은 날짜다",
        "en": "date is after the end of follow-up, {ref_column} ({ref})",
    },
    "event_after_cutoff": {
        "ko": "자료 마감일 {ref_column}({ref})보다 늦은 날짜다",
        "en": "date is after the data cut-off {ref_column} ({ref})",
    },
    "cutoff_in_future": {
        "ko": "자료 마감일이 오늘({today})보다 늦다",
        "en": "the data cut-off is later than today ({today})",
    },
    "start_date_conflict": {
        "ko": "같은 환자의 1주기 시작일이 둘 이상이다 (먼저 나온 값 {first})",
        "en": "more than one cycle-1 start date for the patient (the first is {first})",
    },
    # ---- the report around the violations ----------------------------------------------------
    "report_header": {
        "ko": "자료 검증 실패: 문제 {n}건이 있어 보고서를 만들지 않는다.",
        "en": "Data validation failed: {n} problem(s) found; the report was not built.",
    },
    "report_cap": {
        "ko": "처음 {shown}건만 보인다. 나머지 {rest}건은 아래 규칙별 건수에 들어 있다.",
        "en": "Showing the first {shown}; the other {rest} are counted per rule below.",
    },
    "report_summary": {"ko": "규칙별 건수:", "en": "Problems per rule:"},
    "report_ok": {
        "ko": "자료 검증 통과: 선별 {screened}명, 적격 {eligible}명, 분석 {analysed}명 ({files})",
        "en": "data OK: {screened} screened, {eligible} eligible, {analysed} analysed ({files})",
    },
    "usage": {
        "ko": "사용법: python -m rrall validate [자료 폴더]",
        "en": "usage: python -m rrall validate [DATA_FOLDER]",
    },
    "where_file": {"ko": "파일 {file}", "en": "file {file}"},
    "where_row": {"ko": "{row}행", "en": "row {row}"},
    "where_row_line": {"ko": "{row}행({line}번째 줄)", "en": "row {row} (line {line})"},
    "where_line": {"ko": "{line}번째 줄", "en": "line {line}"},
    "where_column": {"ko": "열 '{column}'", "en": "column '{column}'"},
    "where_position": {"ko": "{position}번째 열", "en": "column {position}"},
    "where_value": {"ko": "값 {value}", "en": "value {value}"},
    "value_withheld": {
        "ko": "값은 식별자일 수 있어 보이지 않는다",
        "en": "value withheld (possible identifier)",
    },
}


def contract_text(key: str, lang: Lang, /, **fields: object) -> str:
    """The contract text ``key`` in ``lang``, with ``{fields}`` filled in."""
    text = CONTRACT[key][lang]
    return text.format(**fields) if fields else text


# ---- words for the identifier guard (not shown to readers) ------------------------------------
#: Korean surnames of one syllable, the commonest ~130 (a name is a surname and 1-3 syllables).
KO_SURNAMES: frozenset[str] = frozenset(
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민나진지엄채원천"
    "방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피"
    "두감음빈동온호범좌팽승간상갈시화계견당"
)
#: Korean surnames of two syllables.
KO_SURNAMES_DOUBLE: frozenset[str] = frozenset(
    ["남궁", "황보", "제갈", "사공", "선우", "서문", "독고", "동방", "어금", "망절"]
)
#: Words in a column name that announce a direct identifier (matched anywhere in the name).
KO_IDENTIFIER_WORDS: tuple[str, ...] = (
    "성명",
    "이름",
    "환자명",
    "주민",
    "등록번호",
    "병록번호",
    "환자번호",
    "차트",
    "전화",
    "휴대폰",
    "핸드폰",
    "연락처",
    "주소",
    "생년월일",
    "보호자",
    "이메일",
)
#: Words that look like a Korean name (surname + 1-3 syllables) but are common in clinical
#: exports: never taken for a name.
KO_COMMON_WORDS: frozenset[str] = frozenset(
    [
        "남자",
        "여자",
        "남성",
        "여성",
        "남아",
        "여아",
        "나이",
        "연령",
        "성별",
        "이식",
        "정상",
        "모름",
        "기타",
        "양호",
        "양성",
        "음성",
        "공여자",
        "제대혈",
        "소아",
        "진단",
        "진행",
        "관해",
        "완해",
        "사망",
        "생존",
        "유무",
        "유형",
        "구분",
        "비고",
        "검사",
        "조직",
        "신장",
        "체중",
        "부분관해",
        "완전관해",
        "재발",
        "불응",
        "미상",
        "해당없음",
        "없음",
        "시행",
        "미시행",
        "예",
        "아니오",
        "추적",
        "추적불가",
        "혈연",
        "비혈연",
        "형제",
        "부모",
        "반일치",
        "이배체",
        "저이배체",
        "고이배체",
        "혼합형",
        "주기",
        "약제",
        "반응",
        "이식일",
        "사망일",
        "마감일",
    ]
)
