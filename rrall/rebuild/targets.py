"""Every published number the reconstruction aims at, read from ``data/published.yaml``.

This is the rebuild layer's only door to the paper: item ids are the contract (``t1_sex_m``,
``os_1y`` ...), values are read from the printed quotes (:meth:`rrall.published.Printed.parse`),
and no figure of the paper is typed in code. Where ``published.yaml`` records a contradiction,
its ``follows`` decides what is aimed at: ``count`` (the patient count; the printed percentage
cannot be k/N) or ``other_published_numbers`` (the printed value cannot hold together with the
other numbers; the survival search accepts the nearest value that can, see
:mod:`rrall.rebuild.proofs`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rrall.published import Published, load_published

__all__ = [
    "COUNT_ITEMS",
    "KNOWN_FOLLOWS",
    "SurvivalTargets",
    "Targets",
    "load_targets",
    "survival_targets",
]

#: the ``follows`` values of ``published.yaml`` contradictions this layer knows how to honour
KNOWN_FOLLOWS = ("count", "other_published_numbers")

_YEARS = re.compile(r"\.(\d+)y$")


def _years(item_key: str) -> int:
    """The years of a survival key (``os.1y`` -> 1, ``os.hsct.5y`` -> 5)."""
    m = _YEARS.search(item_key)
    if m is None:
        raise ValueError(f"survival key {item_key!r} names no time point")
    return int(m.group(1))


@dataclass(frozen=True)
class SurvivalTargets:
    """The published survival numbers, as printed strings, and the group sizes they refer to.

    ``os_pct``: overall Kaplan-Meier survival ``(years, printed %)`` at each time point, in
    time order; ``hsct_pct`` / ``no_hsct_pct``: ``(years, printed %)`` of each transplant group;
    ``logrank_p``: printed P of that comparison; ``sub_pct``: ``(years after HSCT, printed %)``
    of the patients transplanted in CR/CRp. ``os_follows`` maps an overall time point whose
    printed value is a recorded contradiction to what the reconstruction follows.
    """

    n_hsct: int
    n_no_hsct: int
    n_hsct_cr_subgroup: int
    n_hsct_alive: int
    os_pct: tuple[tuple[int, str], ...]
    hsct_pct: tuple[int, str]
    no_hsct_pct: tuple[int, str]
    logrank_p: str
    sub_pct: tuple[int, str]
    os_follows: tuple[tuple[int, str], ...] = ()

    @property
    def n_total(self) -> int:
        """Cohort size (treated patients)."""
        return self.n_hsct + self.n_no_hsct


@dataclass(frozen=True)
class Targets:
    """What the reconstruction must reproduce, all read from ``published.yaml``.

    ``summaries``: variable -> printed ``mean``/``sd``/``median``/``min``/``max``;
    ``measured``: variable -> patients with a value (height, weight);
    ``categories``: variable -> level -> count (level ``None`` = not available);
    ``agents``: Table 2 agent -> count; ``counts``: item id -> count (flow, response,
    transplant); ``survival``: :class:`SurvivalTargets`.
    """

    summaries: dict[str, dict[str, str]]
    measured: dict[str, int]
    categories: dict[str, dict[str | None, int]]
    agents: dict[str, int]
    counts: dict[str, int]
    survival: SurvivalTargets

    def count(self, item_id: str) -> int:
        """The published count of ``item_id``."""
        return self.counts[item_id]


#: items whose counts the builder uses (flow, response, transplant, survival group sizes)
COUNT_ITEMS = (
    "flow_reviewed",
    "flow_eligible",
    "flow_no_data",
    "flow_analysed",
    "flow_sites",
    "resp_examined",
    "resp_cr",
    "resp_crp",
    "resp_pr",
    "resp_ref",
    "resp_reason_persistent",
    "resp_reason_death",
    "resp_reason_overlap",
    "resp_reason_other",
    "hsct_n",
    "hsct_pre_exam",
    "hsct_pre_cr",
    "hsct_none_n",
    "hsct_reason_refractory",
    "alive_after_hsct",
)


def _check_follows(pub: Published) -> None:
    for cid, c in pub.contradictions.items():
        if c.get("follows") not in KNOWN_FOLLOWS:
            raise ValueError(
                f"published.yaml: contradiction {cid} follows {c.get('follows')!r}; "
                f"the reconstruction knows {KNOWN_FOLLOWS}"
            )


def _table_items(pub: Published, table: str) -> list[tuple[Any, dict[str, Any]]]:
    return [(it, dict(it.measure["row"])) for it in pub.items if it.measure.get("table") == table]


def survival_targets(pub: Published) -> SurvivalTargets:
    """The survival part of :func:`load_targets`."""
    os_pct: list[tuple[int, str]] = []
    follows: list[tuple[int, str]] = []
    for it in pub.items:
        key = str(it.measure.get("key", ""))
        if re.fullmatch(r"os\.\d+y", key):
            y = _years(key)
            os_pct.append((y, it.target("pct")))
            if it.contradiction:
                follows.append((y, str(pub.contradictions[it.contradiction]["follows"])))
    os_pct.sort()
    hsct_key = str(pub.item("os_hsct").measure["key"])
    no_key = str(pub.item("os_no_hsct").measure["key"])
    sub_key = str(pub.item("os_after_3y").measure["key"])
    return SurvivalTargets(
        n_hsct=pub.count("hsct_n"),
        n_no_hsct=pub.count("hsct_none_n"),
        n_hsct_cr_subgroup=pub.count("hsct_pre_cr"),
        n_hsct_alive=pub.count("alive_after_hsct"),
        os_pct=tuple(os_pct),
        hsct_pct=(_years(hsct_key), pub.target("os_hsct", "pct")),
        no_hsct_pct=(_years(no_key), pub.target("os_no_hsct", "pct")),
        logrank_p=pub.target("os_logrank", "value"),
        sub_pct=(_years(sub_key), pub.target("os_after_3y", "pct")),
        os_follows=tuple(sorted(follows)),
    )


def load_targets(pub: Published | None = None) -> Targets:
    """Read every target from ``published.yaml`` (default: the project's copy)."""
    pub = pub or load_published()
    _check_follows(pub)
    summaries: dict[str, dict[str, str]] = {}
    measured: dict[str, int] = {}
    categories: dict[str, dict[str | None, int]] = {}
    for it, row in _table_items(pub, "table1"):
        fields: dict[str, str] = {}
        for place in it.printed:
            for k, v in place.parse().items():
                fields.setdefault(k, v)
        var, level = str(row["variable"]), str(row["level"])
        if level in ("mean_sd", "median_range"):
            stats = {k: v for k, v in fields.items() if k in ("mean", "sd", "median", "min", "max")}
            summaries.setdefault(var, {}).update(stats)
            if "n" in fields and not stats:
                measured[var] = int(fields["n"])
        else:
            categories.setdefault(var, {})[None if level == "NA" else level] = int(fields["n"])
    agents = {str(row["agent"]): pub.count(it.id) for it, row in _table_items(pub, "table2")}
    return Targets(
        summaries=summaries,
        measured=measured,
        categories=categories,
        agents=agents,
        counts={i: pub.count(i) for i in COUNT_ITEMS},
        survival=survival_targets(pub),
    )
