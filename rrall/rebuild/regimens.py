"""First-cycle regimens: which agents each treated patient received together.

The paper prints only how many patients received each agent (Table 2). The combinations are
a reconstruction choice: :data:`TEMPLATES` lists plausible salvage regimens of the period
(a choice, documented here); :func:`all_counts` finds every way of giving them to patients so
that every agent's count equals its Table 2 target (read from ``published.yaml``),
:func:`solve_counts` draws one uniformly from the seed, and :func:`assign_regimens` gives the
regimens to patients, honouring lineage (nelarabine for T-lineage, rituximab for B-lineage,
dasatinib for t(9;22)).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["TEMPLATES", "Template", "all_counts", "assign_regimens", "solve_counts"]


@dataclass(frozen=True)
class Template:
    """A first-cycle regimen: non-steroid ``agents``, whether a steroid is added, and which
    patients may receive it (``""`` anyone, ``"T"``/``"B"`` that lineage, ``"ph"`` t(9;22))."""

    agents: tuple[str, ...]
    steroid: bool
    needs: str = ""


#: plausible salvage regimens (agent codes of the codebook); vincristine goes with a steroid
TEMPLATES: tuple[Template, ...] = (
    Template(("vincristine", "idarubicin"), True),
    Template(("vincristine", "methotrexate"), True),
    Template(("vincristine", "cytarabine"), True),
    Template(("vincristine", "daunomycin"), True),
    Template(("vincristine", "idarubicin", "cytarabine"), True),
    Template(("vincristine", "cytarabine", "methotrexate"), True),
    Template(("idarubicin", "cytarabine"), False),
    Template(("cytarabine", "methotrexate"), False),
    Template(("idarubicin", "cytarabine", "etoposide"), False),
    Template(("fludarabine", "cytarabine"), False),
    Template(("fludarabine", "cytarabine", "idarubicin"), False),
    Template(("cyclophosphamide", "etoposide"), False),
    Template(("ifosfamide", "etoposide"), False),
    Template(("mercaptopurine", "methotrexate"), False),
    Template(("nelarabine",), False, "T"),
    Template(("nelarabine", "cyclophosphamide", "etoposide"), False, "T"),
    Template(("dasatinib", "vincristine"), True, "ph"),
    Template(("doxorubicin", "vincristine", "l_asparaginase"), True),
    Template(("rituximab", "vincristine", "idarubicin"), True, "B"),
)


def solve_counts(
    agent_counts: Mapping[str, int],
    n_patients: int,
    rng: np.random.Generator,
    *,
    templates: Sequence[Template] = TEMPLATES,
    eligible: Mapping[str, int] | None = None,
) -> list[int]:
    """How many patients received each template: one of :func:`all_counts`, drawn uniformly.

    Raises ``ValueError`` when no combination exists.
    """
    found = all_counts(
        tuple(sorted(agent_counts.items())),
        n_patients,
        tuple(templates),
        tuple(sorted((eligible or {}).items())),
    )
    if not found:
        raise ValueError("no combination of the templates gives the Table 2 counts")
    return list(found[int(rng.integers(len(found)))])


@functools.lru_cache(maxsize=8)
def all_counts(
    agent_counts: tuple[tuple[str, int], ...],
    n_patients: int,
    templates: tuple[Template, ...] = TEMPLATES,
    eligible: tuple[tuple[str, int], ...] = (),
) -> tuple[tuple[int, ...], ...]:
    """Every combination of template counts giving each agent its count and adding up to
    ``n_patients`` (a template restricted to a group at most ``eligible[needs]``), in a fixed
    order.

    Exhaustive depth-first search, templates with the rarest agent first; a template that is
    the last one left for some agent takes exactly what that agent still needs.
    """
    counts_of = dict(agent_counts)
    agents = sorted(counts_of)
    unknown = {a for t in templates for a in t.agents} - set(agents)
    if unknown:
        raise ValueError(f"templates use agents Table 2 does not list: {sorted(unknown)}")
    a_index = {a: i for i, a in enumerate(agents)}
    uses = np.zeros((len(templates), len(agents)), dtype=int)
    for i, t in enumerate(templates):
        for a in t.agents:
            uses[i, a_index[a]] = 1
    caps = dict(eligible)
    cap = [caps.get(t.needs, n_patients) if t.needs else n_patients for t in templates]
    need = np.array([counts_of[a] for a in agents])
    size = uses.sum(axis=1)
    rarest = [int(need[uses[i] == 1].min()) for i in range(len(templates))]
    order = sorted(range(len(templates)), key=lambda i: (rarest[i], i))
    counts = [0] * len(templates)
    out: list[tuple[int, ...]] = []

    def rec(j: int, left: np.ndarray, patients: int) -> None:
        if j == len(order):
            if patients == 0 and not left.any():
                out.append(tuple(counts))
            return
        rest = order[j:]
        cover = uses[rest].sum(axis=0)
        if ((left > 0) & (cover == 0)).any():
            return
        total = int(left.sum())
        if not size[rest].min() * patients <= total <= size[rest].max() * patients:
            return
        i = order[j]
        top = min(cap[i], patients, *(left[uses[i] == 1]))
        last_for = (uses[i] == 1) & (cover == 1) & (left > 0)
        if last_for.any():
            want = set(left[last_for].tolist())
            if len(want) > 1 or next(iter(want)) > top:
                return
            choices: Sequence[int] = [int(next(iter(want)))]
        else:
            choices = range(top + 1)
        for c in choices:
            counts[i] = c
            rec(j + 1, left - c * uses[i], patients - c)
        counts[i] = 0

    rec(0, need.copy(), n_patients)
    return tuple(out)


def assign_regimens(
    patients: pd.DataFrame,
    counts: Sequence[int],
    rng: np.random.Generator,
    *,
    templates: Sequence[Template] = TEMPLATES,
) -> list[Template]:
    """One template per row of ``patients`` (columns ``immunophenotype``, ``cytogenetics``):
    restricted templates first, to a random eligible patient; the others at random, keeping
    t(9;22) patients for dasatinib while it is still to give."""
    n = len(patients)
    pheno = patients["immunophenotype"].to_numpy(dtype=object)
    cyto = patients["cytogenetics"].to_numpy(dtype=object)
    ok = {
        "": np.ones(n, dtype=bool),
        "T": pheno == "T",
        "B": pheno == "B",
        "ph": cyto == "t9_22",
    }
    out: list[Template | None] = [None] * n
    free = np.ones(n, dtype=bool)
    queue = [t for t, c in zip(templates, counts, strict=True) for _ in range(c) if t.needs]
    queue += [t for t, c in zip(templates, counts, strict=True) for _ in range(c) if not t.needs]
    if len(queue) != n:
        raise ValueError(f"{len(queue)} regimens for {n} patients")
    ph_left = sum(1 for t in queue if t.needs == "ph")
    for t in queue:
        cand = np.flatnonzero(free & ok[t.needs])
        if not t.needs and ph_left:  # keep t(9;22) patients for dasatinib
            spare = cand[~ok["ph"][cand]]
            cand = spare if spare.size else cand
        if cand.size == 0:
            raise ValueError(f"no eligible patient left for {t.agents}")
        i = int(cand[int(rng.integers(cand.size))])
        out[i] = t
        free[i] = False
        if t.needs == "ph":
            ph_left -= 1
    return [t for t in out if t is not None]
