"""A Korean growth reference for plausibility screens of height and weight.

Approximate medians of the 2017 Korean National Growth Charts, rounded, with approximate SDs;
ages 1 to 18 (adults take the 18-year values). Used only to screen implausible values
(|z| > 4 for height, z < -4 or > 6 for weight) and by the reconstruction.
"""

from __future__ import annotations

import numpy as np

__all__ = ["HEIGHT", "WEIGHT", "growth_arrays", "growth_reference"]

# fmt: off
HEIGHT: dict[str, list[float]] = {
    "M": [76.5, 87.7, 96.5, 103.1, 109.6, 115.9, 122.1, 127.9, 133.4, 138.8, 144.7, 151.4,
          158.6, 165.0, 169.2, 171.4, 172.6, 173.6],
    "F": [75.1, 86.1, 95.4, 102.1, 108.6, 114.7, 120.8, 126.7, 132.6, 139.1, 145.8, 151.7,
          155.9, 158.3, 159.5, 160.0, 160.2, 160.6],
}
WEIGHT: dict[str, list[float]] = {
    "M": [9.9, 12.7, 14.7, 16.8, 18.9, 21.3, 24.2, 27.5, 31.3, 35.5, 40.2, 45.4, 50.9, 56.0,
          60.1, 63.1, 65.0, 66.7],
    "F": [9.3, 12.0, 14.2, 16.3, 18.4, 20.7, 23.4, 26.6, 30.2, 34.4, 38.9, 43.1, 46.6, 49.2,
          51.1, 52.3, 52.9, 53.2],
}
# fmt: on


def growth_arrays(
    sex: np.ndarray, age: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(height median, height SD, weight median, weight SD) for arrays of ``sex`` ("M"/"F")
    and ``age`` in years."""
    ages = np.arange(1, 19)
    a = np.clip(age.astype("float64"), 1, 18)
    male = sex == "M"
    h = np.where(male, np.interp(a, ages, HEIGHT["M"]), np.interp(a, ages, HEIGHT["F"]))
    w = np.where(male, np.interp(a, ages, WEIGHT["M"]), np.interp(a, ages, WEIGHT["F"]))
    # height SD about 4% of the median; weight is right-skewed: a generous SD
    return h, 0.042 * h, w, np.where(a < 10, 0.16 * w, 0.2 * w)


def growth_reference(sex: str, age: float) -> tuple[float, float, float, float]:
    """Approximate (height median, height SD, weight median, weight SD) for ``sex`` at ``age``."""
    h, h_sd, w, w_sd = growth_arrays(np.array([sex], dtype=object), np.array([float(age)]))
    return float(h[0]), float(h_sd[0]), float(w[0]), float(w_sd[0])
