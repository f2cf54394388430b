"""rrall.fmt: the paper's rounding (half up) and number formats."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest

from rrall.fmt import (
    fmt_mean_sd,
    fmt_median_range,
    fmt_num,
    fmt_p,
    fmt_p_sig,
    fmt_pct,
    pct,
    round_half_up,
)


@pytest.mark.parametrize(
    ("x", "digits", "expected"),
    [
        (31.25, 1, 31.3),  # 20/64*100: an exact binary half; banker's rounding would give 31.2
        (6.25, 1, 6.3),  # Python's round(6.25, 1) gives 6.2
        (2.675, 2, 2.68),  # the float 2.675 is 2.67499999...; round() gives 2.67
        (0.05, 1, 0.1),  # float 0.05 is 0.05000000000000000277
        (0.15, 1, 0.2),  # float 0.15 is 0.1499999999999999944
        (1.45, 1, 1.5),  # float 1.45 is 1.4499999999999999556
        (0.5, 0, 1.0),
        (1.5, 0, 2.0),
        (2.5, 0, 3.0),  # round(2.5) == 2
        (31.24, 1, 31.2),
        (31.26, 1, 31.3),
        (-31.25, 1, -31.3),  # halves go away from zero
        (-6.25, 1, -6.3),
        (-2.675, 2, -2.68),
        (-0.05, 1, -0.1),
        (-2.5, 0, -3.0),
        (0.1 * 3, 1, 0.3),  # 0.30000000000000004
        (14.35, 1, 14.4),  # float 14.35 is 14.3499999999999996447
        (0.000096, 4, 0.0001),
    ],
)
def test_round_half_up(x: float, digits: int, expected: float) -> None:
    assert round_half_up(x, digits) == expected


def test_round_half_up_nan_and_none() -> None:
    assert math.isnan(round_half_up(float("nan")))
    assert math.isnan(round_half_up(np.float64("nan")))
    assert math.isnan(round_half_up(None))  # type: ignore[arg-type]


def test_fmt_num_pads_and_nan() -> None:
    assert fmt_num(15, 1) == "15.0"
    assert fmt_num(0.1 * 3, 2) == "0.30"
    assert fmt_num(1.0 / 3.0, 4) == "0.3333"
    assert fmt_num(2.5, 0) == "3"
    assert fmt_num(float("nan")) == "NA"
    assert fmt_num(None) == "NA"  # type: ignore[arg-type]


def test_pct_and_fmt_pct() -> None:
    # 20/64 = 0.3125 -> 31.25 % -> 31.3 (half up)
    assert fmt_pct(20, 64) == "31.3"
    # 4/63 = 0.063492... -> 6.349 % -> 6.3
    assert fmt_pct(4, 63) == "6.3"
    # 4/64 = 6.25 % -> 6.3 (a half)
    assert fmt_pct(4, 64) == "6.3"
    # 1/64 = 1.5625 % -> 1.6; 39/64 = 60.9375 % -> 60.9; 25/64 = 39.0625 % -> 39.1
    assert fmt_pct(1, 64) == "1.6"
    assert fmt_pct(39, 64) == "60.9"
    assert fmt_pct(25, 64) == "39.1"
    # 48/64 = 75 % with 0 digits -> "75"
    assert fmt_pct(48, 64, digits=0) == "75"
    assert fmt_pct(0, 63) == "0.0"
    assert fmt_pct(63, 63) == "100.0"
    assert math.isnan(pct(1, 0))
    assert fmt_pct(1, 0) == "NA"


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        (0.00969, "P=0.0097"),
        (0.00005, "P<0.0001"),
        (0.0000999, "P<0.0001"),
        (0.0001, "P=0.0001"),
        (0.5, "P=0.5000"),
        (0.04995, "P=0.0500"),  # a half at the 5th decimal goes up
        (0.049949, "P=0.0499"),
        (1.0, "P=1.0000"),
        (float("nan"), "P=NA"),
    ],
)
def test_fmt_p(p: float, expected: str) -> None:
    assert fmt_p(p) == expected


def test_fmt_p_other_precision() -> None:
    assert fmt_p(0.0004, digits=3) == "P<0.001"
    assert fmt_p(0.0125, digits=2) == "P=0.01"  # 0.0125 -> 0.01 (the half is at the 3rd decimal)
    assert fmt_p(0.015, digits=2) == "P=0.02"


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        (0.0840057, "P=0.084"),
        (0.00969, "P=0.0097"),
        (0.0345, "P=0.035"),  # half up at the third decimal
        (0.5, "P=0.50"),
        (1.0, "P=1.0"),
        (0.00005, "P<0.0001"),
        (float("nan"), "P=NA"),
    ],
)
def test_fmt_p_sig(p: float, expected: str) -> None:
    assert fmt_p_sig(p) == expected


def test_fmt_mean_sd() -> None:
    assert fmt_mean_sd(14.25, 4.45) == "14.3±4.5"
    assert fmt_mean_sd(14.0, 4.0) == "14.0±4.0"
    assert fmt_mean_sd(1.005, 0.125, digits=2) == "1.01±0.13"
    assert fmt_mean_sd(float("nan"), float("nan")) == "NA±NA"


def test_fmt_median_range() -> None:
    assert fmt_median_range(15, 6, 25) == "15.0 (6.0-25.0)"
    assert fmt_median_range(145.05, 90.35, 178.5) == "145.1 (90.4-178.5)"
    assert fmt_median_range(0.125, 0.0, 2.675, digits=2) == "0.13 (0.00-2.68)"


def _exact_half_up(k: int, n: int, digits: int) -> Decimal:
    """100*k/n rounded half up with exact decimal arithmetic (halves are exact in Decimal)."""
    # 100*k/n is a half at `digits` decimals exactly when 2*10**digits*100*k/n is an odd integer;
    # a 28-digit Decimal quotient represents those exactly and never lands on a false half.
    q = (Decimal(100 * k) / Decimal(n)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return q


def test_round_half_up_matches_decimal_on_random_percentages() -> None:
    rng = np.random.default_rng(20170101)
    ns = rng.integers(1, 5000, size=4000)
    ks = [int(rng.integers(0, n + 1)) for n in ns]
    halves = 0
    for k, n in zip(ks, ns, strict=True):
        k, n = int(k), int(n)
        x = 100.0 * k / n
        for digits in (0, 1, 2):
            want = _exact_half_up(k, n, digits)
            got = round_half_up(x, digits)
            assert Decimal(repr(got)) == want, (k, n, digits, x, got, want)
            assert fmt_num(x, digits) == f"{want:.{digits}f}", (k, n, digits)
        assert fmt_pct(k, n) == f"{_exact_half_up(k, n, 1):.1f}"
        if (Decimal(2000 * k) / Decimal(n)) % 2 == 1:
            halves += 1
    # make sure the sample actually exercised exact halves at 1 decimal (n with 2000k/n odd)
    assert halves > 0


def test_round_half_up_matches_decimal_on_all_small_denominators() -> None:
    # Every k/n with n <= 128: the denominators of the paper (63, 64, 70 ...) and all halves.
    for n in range(1, 129):
        for k in range(0, n + 1):
            assert fmt_pct(k, n) == f"{_exact_half_up(k, n, 1):.1f}", (k, n)
