"""Small language mechanics the catalog's templates need: Korean particles, English plurals,
lists, and numbers as words. No wording of the report lives here, only how words attach.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["has_final_consonant", "join_list", "josa", "ordinal_suffix_en", "plural_en"]

# How a final character is read aloud in Korean, for choosing a particle: True when the reading
# ends in a consonant (받침). Digits: 일(1) 이(2) 삼(3) 사(4) 오(5) 육(6) 칠(7) 팔(8) 구(9) 영(0).
_DIGIT_FINAL = {
    "0": True,
    "1": True,
    "2": False,
    "3": True,
    "4": False,
    "5": False,
    "6": True,
    "7": True,
    "8": True,
    "9": False,
}
# Latin letters read in Korean: 엘(L), 엠(M), 엔(N), 알(R) end in a consonant.
_LATIN_FINAL = set("LMNRlmnr")
_PAIRS = {
    "이/가": ("이", "가"),
    "은/는": ("은", "는"),
    "을/를": ("을", "를"),
    "과/와": ("과", "와"),
    "이다/다": ("이다", "다"),
    "이었다/였다": ("이었다", "였다"),
    "으로/로": ("으로", "로"),
    "이었고/였고": ("이었고", "였고"),
}


def _spoken_end(word: str) -> str:
    """The text a particle attaches to: a trailing parenthetical is an aside, so
    ``"이다루비신(12.5%)"`` ends, for the particle, in ``"이다루비신"``."""
    text = word.rstrip(" \"'.")
    while text.endswith(")"):
        depth, i = 0, len(text) - 1
        while i >= 0:
            depth += {")": 1, "(": -1}.get(text[i], 0)
            if depth == 0:
                break
            i -= 1
        if i <= 0:
            return text.rstrip(")")
        text = text[:i].rstrip()
    return text


def has_final_consonant(word: str) -> bool:
    """Whether ``word`` ends, as read aloud in Korean, in a consonant (받침)."""
    text = _spoken_end(word).rstrip("]}")
    if not text:
        return False
    ch = text[-1]
    if "\uac00" <= ch <= "\ud7a3":
        return (ord(ch) - 0xAC00) % 28 != 0
    if ch in _DIGIT_FINAL:
        return _DIGIT_FINAL[ch]
    if ch == "%":  # 퍼센트
        return False
    return ch in _LATIN_FINAL


def josa(word: str, pair: str) -> str:
    """``word`` with the particle of ``pair`` that fits it: ``josa("빈크리스틴", "이/가")`` is
    ``"빈크리스틴이"``; ``"으로/로"`` takes 로 after ㄹ as well as after a vowel."""
    with_final, without = _PAIRS[pair]
    final = has_final_consonant(word)
    if pair == "으로/로" and final:
        ch = word.rstrip()[-1]
        if "\uac00" <= ch <= "\ud7a3" and (ord(ch) - 0xAC00) % 28 == 8:  # ㄹ
            final = False
    return word + (with_final if final else without)


def plural_en(n: float, singular: str, plural: str | None = None) -> str:
    """``"1 patient"``, ``"2 patients"`` (the count is not printed by this function)."""
    return singular if n == 1 else (plural or singular + "s")


def join_list(items: Sequence[str], lang: str, *, conj: str = "and") -> str:
    """``"a, b and c"`` in English (``conj="or"``: ``"a, b or c"``), ``"a, b, c"`` in
    Korean."""
    items = [str(i) for i in items]
    if lang == "ko" or len(items) < 2:
        return ", ".join(items)
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]


def ordinal_suffix_en(n: int) -> str:
    """The English ordinal suffix of ``n``: ``st`` (1, 21), ``nd``, ``rd``, ``th`` (11-13)."""
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
