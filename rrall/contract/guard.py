"""The identifier guard: find direct identifiers in any cell, header or title line, and decide
what of the input may ever be printed.

The principle: **nothing from the input is printed unless it is known to be safe.**

- A *value* is shown only through :func:`shown`: digit groups of six or more digits become
  ``•`` (a date ``2010-13-01`` or a decimal ``150.5`` stays readable), long texts are cut,
  anything in an identifier column (``patient_id``) that is not a valid study identifier is
  replaced by ``•`` whole, and a value that failed an identifier check is never shown at all.
- A *column name* is shown only when :func:`safe_name` says so: a name the codebook defines (or
  one of its labels), or a short ASCII token; otherwise the report gives the column's position.
  Sheet names and title lines are never shown.

Detection works on the distinct texts of a column, normalised (Unicode NFKC, dash-like marks
as ``-``), with RE2 regular expressions run by arrow over all of them at once; only the few
texts those find are looked at in Python. It covers, in every spelling that survives NFKC
(no hyphen, spaces, full-width digits and hyphens, en or em dashes, a Hangul "eu" used as a
dash):

- Korean resident registration numbers, ``YYMMDD-Gxxxxxx`` with a valid date, also with the
  last six digits masked (``900101-1******``);
- Korean telephone numbers (mobile, Seoul, area codes, 070/050/080) written with or without
  the area code in parentheses (``(02)``, ``02)``), as bare digits, or with ``+82``/``0082``;
  any other ``+``-prefixed number that :mod:`phonenumbers` takes for a possible number;
- personal names, Hangul (a surname and one to three syllables) or romanised (a Korean surname
  among two to four capitalised words), outside the codebook's own words;
- record numbers: six or more digits in a row where an identifier or a code was expected;
- column names that announce an identifier (name, registration number, chart, phone, address,
  e-mail, date of birth ... in English or Korean).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from rrall.labels.contract import (
    KO_COMMON_WORDS,
    KO_IDENTIFIER_WORDS,
    KO_SURNAMES,
    KO_SURNAMES_DOUBLE,
)

__all__ = [
    "NAME",
    "NONE",
    "PHONE",
    "RECORD",
    "RRN",
    "RULE_OF_KIND",
    "column_is_identifier",
    "header_kind",
    "line_kind",
    "mask_all",
    "normalise",
    "normalise_array",
    "safe_name",
    "scan_failed",
    "scan_values",
    "shown",
    "text_kind",
]

NONE, RRN, PHONE, NAME, RECORD = 0, 1, 2, 3, 4
#: detection kind -> the rule a violation names
RULE_OF_KIND: dict[int, str] = {
    RRN: "identifier_rrn",
    PHONE: "identifier_phone",
    NAME: "identifier_name",
    RECORD: "identifier_record",
}

_MAX_SHOWN = 40
_MASK = "\u2022"  # •
# dash-like marks that people put in numbers: hyphen, non-breaking hyphen, figure/en/em dash,
# horizontal bar, minus sign, katakana prolonged mark, Hangul "eu" (compatibility and
# conjoining), middle dots
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\u3161\u1173\u00b7\u30fb\uff65"
_DASH_CLASS = "[" + _DASHES + "]"
_DASH_RE = re.compile(_DASH_CLASS)

# -- the RE2 expressions (run by arrow on normalised text; plain ASCII classes only) ---------
_SEP = r"[ .\-/]{0,3}"
_AREA = r"(?:1[016789]|2|[3-6][1-5]|70|50[0-9]?|80)"
_PHONE_KR = (
    r"(?:^|[^0-9])"
    r"(?:(?:\+|00)?82[ .\-]{0,3}(?:\(0\)[ .\-]{0,3})?\(?0?|\(?0)"
    + _AREA
    + r"\)?"
    + _SEP
    + r"[0-9]{3,4}"
    + _SEP
    + r"[0-9]{4}(?:$|[^0-9])"
)
_RRN = (
    r"(?:^|[^0-9])[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[ .\-]{0,3}"
    r"[0-9](?:[0-9]{6}|[*xX#\x{2022}\x{25cf}]{6})(?:$|[^0-9])"
)
_PHONE_INTL = r"\+[1-9][0-9 .\-()]{6,18}[0-9]"
_DIGITS6 = r"[0-9]{6}"
_ANY_NUMBER = f"{_PHONE_KR}|{_RRN}|{_PHONE_INTL}"
_HANGUL_NAME = r"^[\x{AC00}-\x{D7A3}]{1,2} ?[\x{AC00}-\x{D7A3}]{1,4}$"
_HANGUL = r"[\x{AC00}-\x{D7A3}]"
_LATIN_WORDS = r"^[A-Za-z]{2,14}(?:[ ,\-]+[A-Za-z]{1,14}){1,3}$"

_PHONE_INTL_PY = re.compile(_PHONE_INTL)
_LATIN_SPLIT = re.compile(r"[ ,\-]+")

#: romanised Korean surnames (two-letter ones that are common English words are left out)
_ROMAN_SURNAMES: frozenset[str] = frozenset(
    """
    kim gim lee yi rhee ri park pak bak choi choe chae jung jeong chung joung kang gang cho
    joh yoon yun jang chang lim rim han shin seo suh kwon gwon hwang ahn song yoo ryu you
    hong jeon jun chun ko moon mun yang son sohn bae baek paek back heo huh hur nam shim sim
    noh roh kwak gwak sung seong cha joo chu choo woo koo goo min jin jee uhm eom um won
    bang kong gong hyun hyeon ham byun byeon pyun yeom yeo seok suk sun seon seol gil yeon
    pyo myung myeong ban wang geum keum yook yuk maeng tak kook guk eun pyeon yong namgung
    hwangbo jegal sagong seonwoo sunwoo dokgo
    """.split()  # noqa: SIM905 (a word list reads better as words)
)

_ID_WORDS_EN = re.compile(
    r"(?:^|[^a-z])(?:names?|patient ?name|full ?name|first ?name|last ?name|surname|given ?name|"
    r"rrn|ssn|jumin|resident(?: ?(?:no|number|id))?|mrn|chart(?: ?(?:no|number))?|"
    r"record ?(?:no|number)|hospital ?(?:id|no|number)|hosp ?no|registration ?(?:no|number)|"
    r"phone|tel|telephone|mobile|cellphone|fax|address|addr|e ?-?mail|birth ?date|"
    r"date ?of ?birth|dob|birthday|guardian|contact ?(?:no|number))(?:[^a-z]|$)"
)
_SAFE_TOKEN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,31}$")
_DIGIT_RUN4 = re.compile(r"[0-9]{4}")
# a group of digits joined by single separators, and the shapes of such groups that are shown
_DIGIT_GROUP = re.compile(r"\d+(?:[ .\-/()]\d+)*")
_SHOWN_GROUP = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d+\.\d+")
_RUN6 = re.compile(r"\d{6}")


# -- normalisation -------------------------------------------------------------------------------
def normalise(text: str) -> str:
    """NFKC, dash-like marks as ``-``, surrounding blanks removed."""
    return _DASH_RE.sub("-", unicodedata.normalize("NFKC", text)).strip()


def normalise_array(texts: pa.Array) -> pa.Array:
    """:func:`normalise` for an arrow string array (only non-ASCII texts are changed by NFKC)."""
    out = pc.utf8_trim_whitespace(texts)
    ascii_ = pc.string_is_ascii(out)
    if not pc.all(ascii_).as_py():
        nfkc = pc.utf8_trim_whitespace(
            pc.replace_substring_regex(pc.utf8_normalize(out, form="NFKC"), _DASH_CLASS, "-")
        )
        out = pc.if_else(ascii_, out, nfkc)
    return out


def _match(texts: pa.Array, pattern: str) -> np.ndarray:
    return np.asarray(
        pc.fill_null(pc.match_substring_regex(texts, pattern), False).to_numpy(
            zero_copy_only=False
        ),
        dtype=bool,
    )


# -- values ----------------------------------------------------------------------------------------
def scan_values(norm: pa.Array) -> np.ndarray:
    """Per normalised text: ``RRN``, ``PHONE`` or ``NONE`` (run on every text of every column)."""
    kind = np.zeros(len(norm), dtype=np.int8)
    if len(norm) == 0:
        return kind
    # one pass over every text for any of the three; each alone only where one matched
    cand = np.flatnonzero(_match(norm, _ANY_NUMBER))
    if len(cand) == 0:
        return kind
    sub = norm.take(pa.array(cand))
    sub_kind = np.zeros(len(cand), dtype=np.int8)
    sub_kind[_match(sub, _PHONE_KR)] = PHONE
    sub_kind[_match(sub, _RRN)] = RRN
    intl = np.flatnonzero(_match(sub, _PHONE_INTL) & (sub_kind == NONE))
    if len(intl):
        values = sub.take(pa.array(intl)).to_pylist()
        for k, text in zip(intl, values, strict=True):
            if _possible_phone(text):
                sub_kind[k] = PHONE
    kind[cand] = sub_kind
    return kind


def _possible_phone(text: str) -> bool:
    import phonenumbers

    for m in _PHONE_INTL_PY.finditer(text):
        try:
            number = phonenumbers.parse(m.group(0), None)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            return True
    return False


def scan_failed(
    norm: pa.Array,
    failed: np.ndarray,
    *,
    identifier: bool,
    records: bool,
    known: frozenset[str],
) -> np.ndarray:
    """Per normalised text that failed its column's type or format (``failed``): ``NAME``,
    ``RECORD`` or ``NONE``. In an ``identifier`` column any name-like text or long number is
    taken for an identifier; elsewhere only strict names and, where ``records`` (code columns,
    headers), six or more digits in a row."""
    kind = np.zeros(len(norm), dtype=np.int8)
    idx = np.flatnonzero(failed)
    if len(idx) == 0:
        return kind
    sub = norm.take(pa.array(idx))
    digits = _match(sub, _DIGITS6)
    if identifier:
        named = _match(sub, _HANGUL) | _match(sub, _LATIN_WORDS)
        kind[idx[named]] = NAME
        kind[idx[digits]] = RECORD
        return kind
    if records:
        kind[idx[digits]] = RECORD
    else:
        digits[:] = False
    cand = np.flatnonzero(~digits & (_match(sub, _HANGUL_NAME) | _match(sub, _LATIN_WORDS)))
    if len(cand):
        for k, text in zip(cand, sub.take(pa.array(cand)).to_pylist(), strict=True):
            if looks_like_name(text, known):
                kind[idx[k]] = NAME
    return kind


def looks_like_name(text: str, known: frozenset[str]) -> bool:
    """A Korean name in Hangul (surname + 1-3 syllables) or romanised (a Korean surname among
    two to four capitalised words); never a word of the codebook or a common clinical word."""
    t = text.strip()
    if t.casefold() in known:
        return False
    compact = t.replace(" ", "")
    if compact and all("\uac00" <= ch <= "\ud7a3" for ch in compact):
        if compact in KO_COMMON_WORDS or not 2 <= len(compact) <= 5:
            return False
        if compact[:2] in KO_SURNAMES_DOUBLE and len(compact) >= 3:
            return True
        return compact[0] in KO_SURNAMES and len(compact) <= 4
    parts = [w for w in _LATIN_SPLIT.split(t) if w]
    if not 2 <= len(parts) <= 4 or not all(w.isascii() and w.isalpha() for w in parts):
        return False
    words = [w for w in re.split(r"[ ,]+", t) if w]  # "Chul-soo" is one capitalised word
    if not all(w[0].isupper() for w in words):
        return False
    return parts[0].lower() in _ROMAN_SURNAMES or parts[-1].lower() in _ROMAN_SURNAMES


def text_kind(text: str, known: frozenset[str] = frozenset()) -> int:
    """The identifier kind of one text, as a header cell or a title line: every check."""
    norm = pa.array([normalise(text)], pa.string())
    kind = int(scan_values(norm)[0])
    if kind:
        return kind
    return int(scan_failed(norm, np.array([True]), identifier=False, records=True, known=known)[0])


def line_kind(text: str) -> int:
    """The identifier kind of a line of free text above the header (a title): registration,
    telephone or record numbers anywhere in it. (Names are not sought in free text, where
    too many words look like one; the line is refused and never shown either way.)"""
    norm = pa.array([normalise(text)], pa.string())
    kind = int(scan_values(norm)[0])
    if kind:
        return kind
    return RECORD if _match(norm, _DIGITS6)[0] else NONE


# -- column names ----------------------------------------------------------------------------------
def column_is_identifier(name: str) -> bool:
    """Whether a column name announces a direct identifier (English or Korean)."""
    t = unicodedata.normalize("NFKC", name).casefold().replace("_", " ")
    return bool(_ID_WORDS_EN.search(t)) or any(w in t for w in KO_IDENTIFIER_WORDS)


def header_kind(name: str, known: frozenset[str]) -> str | None:
    """The identifier rule a header cell breaks (``None`` if none); codebook names are safe."""
    norm = normalise(name)
    if norm in known or norm.casefold() in known:
        return None
    if column_is_identifier(norm):
        return "identifier_column"
    kind = text_kind(norm, known)
    return RULE_OF_KIND[kind] if kind else None


def safe_name(name: str, known: Iterable[str]) -> bool:
    """Whether a column name may be printed: a name the codebook knows, or a short ASCII token
    (letters, digits, ``_ . -``; no run of four digits) that announces no identifier."""
    norm = normalise(name)
    if norm in set(known):
        return True
    return (
        bool(_SAFE_TOKEN.match(norm))
        and not _DIGIT_RUN4.search(norm)
        and not looks_like_name(norm.replace("_", " "), frozenset())
    )


# -- showing a value -----------------------------------------------------------------------------
def shown(text: str) -> str:
    """A value as a report may show it: quoted, cut to 40 characters, every digit group of six
    or more digits (but dates and decimals) replaced by ``•``."""
    t = text.strip()
    if len(t) > _MAX_SHOWN:
        t = t[:_MAX_SHOWN] + "\u2026"

    def hide(m: re.Match[str]) -> str:
        group = m.group(0)
        if not _RUN6.search(group) and (
            _SHOWN_GROUP.fullmatch(group) or sum(ch.isdigit() for ch in group) < 6
        ):
            return group
        return "".join(_MASK if ch.isdigit() else ch for ch in group)

    return repr(_DIGIT_GROUP.sub(hide, t))


def mask_all(text: str) -> str:
    """A value of an identifier column that is not a valid study identifier: all ``•``."""
    n = len(text.strip())
    return repr(_MASK * min(max(n, 1), 8))
