"""Constants of the analysis, each defined once."""

from __future__ import annotations

__all__ = ["ALPHA", "DAYS_PER_YEAR", "LANDMARK_MONTHS", "MONTHS_PER_YEAR"]

#: days in a year, for durations in years (Julian year)
DAYS_PER_YEAR = 365.25
#: months in a year, for durations kept in years and shown in months
MONTHS_PER_YEAR = 12
#: the pre-specified landmark of the transplant comparison, in months after R/R diagnosis
LANDMARK_MONTHS = 6
#: the significance level the report uses for "statistically significant"
ALPHA = 0.05
