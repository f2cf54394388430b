"""Number formatting the way the paper prints numbers (round half up)."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "fmt_mean_sd",
    "fmt_median_range",
    "fmt_num",
    "fmt_p",
    "fmt_p_sig",
    "fmt_pct",
    "number_words_en",
    "pct",
    "round_half_up",
]


def round_half_up(x: float, digits: int = 1) -> float:
    """Round ``x`` to ``digits`` decimals, halves away from zero (12.25 -> 12.3).

    The value is first taken to 12 significant digits so that binary noise
    (20/64*100 is exactly 31.25, but 0.1*3 is not 0.3) does not decide the halves.
    """
    if x is None or not math.isfinite(float(x)):
        return float("nan")
    d = Decimal(repr(float(f"{x:.12g}")))
    q = Decimal(1).scaleb(-digits)
    return float(d.quantize(q, rounding=ROUND_HALF_UP))


def fmt_num(x: float, digits: int = 1) -> str:
    """Format ``x`` with exactly ``digits`` decimals after rounding half up ("NA" if not finite)."""
    if x is None or not math.isfinite(float(x)):
        return "NA"
    return f"{round_half_up(x, digits) + 0.0:.{digits}f}"


def pct(numerator: float, denominator: float) -> float:
    """Percentage ``100 * numerator / denominator`` (NaN when the denominator is 0)."""
    if denominator == 0:
        return float("nan")
    return 100.0 * numerator / denominator


def fmt_pct(numerator: float, denominator: float, digits: int = 1) -> str:
    """A percentage as the paper prints it: ``fmt_pct(1, 8) == '12.5'``."""
    return fmt_num(pct(numerator, denominator), digits)


def fmt_p(p: float, digits: int = 4) -> str:
    """A P value the journal's way: ``P=0.0123``; below the precision ``P<0.0001``."""
    if p is None or math.isnan(p):
        return "P=NA"
    floor = 10.0 ** (-digits)
    if p < floor:
        return f"P<{floor:.{digits}f}"
    return f"P={fmt_num(p, digits)}"


def fmt_p_sig(p: float, sig: int = 2, floor: float = 1e-4) -> str:
    """A P value to ``sig`` significant digits, as clinical journals print it:
    ``P=0.084``, ``P=0.0012``, ``P=0.50``; below ``floor``: ``P<0.0001``."""
    if p is None or math.isnan(p):
        return "P=NA"
    if p < floor:
        return f"P<{fmt_num(floor, max(0, -math.floor(math.log10(floor))))}"
    digits = max(sig - 1 - math.floor(math.log10(p)), 1)
    return f"P={fmt_num(p, digits)}"


def fmt_mean_sd(mean: float, sd: float, digits: int = 1) -> str:
    """``12.3±4.6``."""
    return f"{fmt_num(mean, digits)}±{fmt_num(sd, digits)}"


def fmt_median_range(median: float, lo: float, hi: float, digits: int = 1) -> str:
    """``12.0 (3.0-21.0)``."""
    return f"{fmt_num(median, digits)} ({fmt_num(lo, digits)}-{fmt_num(hi, digits)})"


_WORDS_EN = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


def number_words_en(n: object) -> str:
    """``1 -> "one"``, ``16 -> "sixteen"`` (0 to 20, as English prose spells counts); larger
    or missing counts as digits or ``"NA"``."""
    if n is None or (isinstance(n, float) and not math.isfinite(n)):
        return "NA"
    k = int(n)  # type: ignore[call-overload]
    return _WORDS_EN[k] if 0 <= k < len(_WORDS_EN) else str(k)
