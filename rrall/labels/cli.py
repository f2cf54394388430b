"""Messages of the command-line tools (set-up, validation, render guard), in both languages."""

from __future__ import annotations

__all__ = ["CLI_LABELS"]

CLI_LABELS: dict[str, dict[str, str]] = {
    "cli_quarto_missing": {
        "ko": "참고: 이 컴퓨터에는 Quarto {min} 이상을 설치할 수 없다({wheel} 패키지는 접속할 수 없는 곳에서 실행 파일을 내려받는다). 설정은 계속하며 렌더 시험은 건너뛴다. 렌더하려면 Quarto {min} 이상을 설치하라(quarto.org 또는 `pip install quarto-cli`).",
        "en": "NOTE: Quarto >= {min} could not be installed here ({wheel} downloads its binary from a host this machine cannot reach). Set-up continues; render tests will be skipped. Install Quarto >= {min} (quarto.org or `pip install quarto-cli`) to render.",
    },
    "cli_quarto_old": {
        "ko": "{path}의 Quarto {version}는 {min}보다 오래되었다: {wheel} 패키지를 시도한다",
        "en": "quarto {version} at {path} is older than {min}; trying the {wheel} wheel",
    },
    "cli_quarto_required": {
        "ko": "오류: 렌더에는 Quarto {min} 이상이 필요하다 (찾은 것: {found}).",
        "en": "ERROR: Quarto >= {min} is needed to render (found: {found}).",
    },
    "cli_none": {"ko": "없음", "en": "none"},
    "cli_fonts_missing": {
        "ko": "나눔고딕 글꼴이 없다: make setup을 실행하라",
        "en": "NanumGothic not found: run `make setup`",
    },
}
