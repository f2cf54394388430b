"""Write a large synthetic data folder in the rrall data contract (for benchmarks only).

    .venv/bin/python bench/_gen.py --n 1000000 [--seed 20170101] [--bad] [OUT]

``OUT`` defaults to ``bench/_scratch/n<N>`` (git-ignored). The folder holds the six CSV files
and a copy of ``data/codebook.yaml``; every record is valid, so ``rrall.load_cohort(OUT)``
succeeds: eligible screening rows (plus ~5% ineligible records that are not in baseline),
consistent dates, height and weight plausible for age via ``rrall.contract.growth``,
codes (and a few Korean/English labels or case/space variants) from the codebook, about two
agents per patient. Output is deterministic for a given ``--n`` and ``--seed``.

The codebook is copied as it is: its identifier pattern ``^P[0-9]{3,7}$`` takes up to 10^7
records.

With ``--bad`` (default ``OUT`` ``bench/_scratch/n<N>_bad``) one cell of every row of every file
holds a code no list has: for 10^6 patients, about seven million violations, the capped
report's benchmark.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rrall.contract import load_codebook  # noqa: E402
from rrall.contract.growth import HEIGHT, WEIGHT  # noqa: E402

CUTOFF = np.datetime64("2017-06-30")
RR_MIN, RR_MAX = np.datetime64("2007-01-01"), np.datetime64("2013-11-30")


def _dates(d: np.ndarray) -> np.ndarray:
    """datetime64[D] -> 'YYYY-MM-DD' strings (object), NaT -> ''."""
    s = np.datetime_as_string(d.astype("datetime64[D]"), unit="D").astype(object)
    s[np.isnat(d)] = ""
    return s


def _growth(sex_m: np.ndarray, age: np.ndarray) -> tuple[np.ndarray, ...]:
    ages = np.arange(1, 19)
    a = np.clip(age, 1, 18)
    h = np.where(sex_m, np.interp(a, ages, HEIGHT["M"]), np.interp(a, ages, HEIGHT["F"]))
    w = np.where(sex_m, np.interp(a, ages, WEIGHT["M"]), np.interp(a, ages, WEIGHT["F"]))
    return h, 0.042 * h, w, np.where(a < 10, 0.16 * w, 0.2 * w)


def _fmt(x: np.ndarray, nd: int) -> np.ndarray:
    out = np.char.mod(f"%.{nd}f", np.nan_to_num(x)).astype(object)
    out[np.isnan(x)] = ""
    return out


def _variants(
    codes: np.ndarray, labels: dict[str, dict], rng: np.random.Generator, frac: float = 0.03
) -> np.ndarray:
    """Write a small share of codes as a Korean/English label or with odd case and spaces."""
    out = codes.astype(object).copy()
    pick = (rng.random(len(out)) < frac) & (out != "")
    kind = rng.integers(0, 3, len(out))
    for i in np.flatnonzero(pick):
        c = out[i]
        if kind[i] == 0:
            out[i] = labels[c]["ko"]
        elif kind[i] == 1:
            out[i] = str(labels[c]["en"]).upper()
        else:
            out[i] = f" {c.lower()} "
    return out


#: with ``bad``: one broken cell in every row of every file (a code no list has)
BAD_CELL = {
    "screening": "clofarabine_exposed",
    "baseline": "sex",
    "treatment": "steroid",
    "response": "marrow_exam",
    "transplant": "donor",
    "followup": "vital_status",
}


def _write(frame: pd.DataFrame, out: Path, entity: str, broken: bool) -> None:
    if broken:
        frame[BAD_CELL[entity]] = "maybe"
    frame.to_csv(out / f"{entity}.csv", index=False)


def generate(n: int, out: Path, seed: int = 20170101, *, broken: bool = False) -> Path:
    """Write ``n`` eligible patients (+ ~5% ineligible screening records) to ``out``; with
    ``broken``, one cell of every row is a code no list has (:data:`BAD_CELL`)."""
    rng = np.random.default_rng(seed)
    cb = load_codebook(ROOT / "data").raw
    codes = cb["codes"]
    out.mkdir(parents=True, exist_ok=True)
    n_inel = max(1, n // 20)
    total = n + n_inel
    width = max(3, len(str(total)))
    (out / "codebook.yaml").write_bytes((ROOT / "data" / "codebook.yaml").read_bytes())

    # -- screening: eligible patients first, then ineligible records, shuffled together
    order = rng.permutation(total)
    ids_all = np.char.add("P", np.char.zfill(np.arange(1, total + 1).astype(str), width)).astype(
        object
    )
    elig = np.zeros(total, bool)
    elig[order[:n]] = True
    age0 = np.round(rng.uniform(1.0, 21.5, total), 2)
    prior = rng.integers(2, 7, total)
    blasts = np.round(rng.uniform(25.0, 99.0, total), 1)
    clof = np.full(total, "N", dtype=object)
    inel = np.flatnonzero(~elig)
    why = rng.integers(0, 4, len(inel))
    clof[inel[why == 0]] = "Y"
    age0[inel[why == 1]] = np.round(rng.uniform(0.1, 0.9, (why == 1).sum()), 2)
    prior[inel[why == 2]] = rng.integers(0, 2, (why == 2).sum())
    blasts[inel[why == 3]] = np.round(rng.uniform(0.0, 24.0, (why == 3).sum()), 1)
    sites = np.array(list(codes["site"]), dtype=object)
    _write(
        pd.DataFrame(
            {
                "patient_id": ids_all,
                "site": sites[rng.integers(0, len(sites), total)],
                "age_at_initial_dx": _fmt(age0, 2),
                "prior_regimens": prior.astype(str).astype(object),
                "marrow_blast_pct": _fmt(blasts, 1),
                "clofarabine_exposed": _variants(clof, codes["yes_no"], rng, 0.01),
            }
        ),
        out,
        "screening",
        broken,
    )

    # -- baseline: the eligible patients
    b = np.flatnonzero(elig)
    pid = ids_all[b]
    a0 = age0[b]
    sex_m = rng.random(n) < 0.6
    day = np.timedelta64(1, "D")
    span = int((RR_MAX - RR_MIN) / day)
    rr = RR_MIN + rng.integers(0, span + 1, n) * day
    gap_days = rng.integers(30, 6 * 365, n)
    gap_days = np.minimum(gap_days, np.floor((29.5 - a0) * 365.25).astype(int))  # age at R/R <= 30
    init = rr - gap_days * day
    hm, hsd, wm, wsd = _growth(sex_m, a0)
    height = np.round(np.clip(hm + hsd * rng.normal(0, 1, n).clip(-2, 2), 50, 210), 1)
    weight = np.round(np.clip(wm + wsd * rng.normal(0, 1, n).clip(-2, 2), 5, 200), 1)
    bmi = weight / (height / 100) ** 2
    bad = (bmi < 10.5) | (bmi > 44)
    weight[bad] = np.round(wm[bad], 1)
    height[rng.random(n) < 0.05] = np.nan
    weight[rng.random(n) < 0.05] = np.nan
    cyto = np.array(["", *codes["cytogenetics"]], dtype=object)[rng.integers(0, 7, n)]
    immuno = np.array(["", *codes["immunophenotype"]], dtype=object)[rng.integers(0, 4, n)]
    status = np.where(rng.random(n) < 0.7, "relapsed", "refractory").astype(object)
    sex = np.where(sex_m, "M", "F").astype(object)
    _write(
        pd.DataFrame(
            {
                "patient_id": pid,
                "sex": _variants(sex, codes["sex"], rng),
                "initial_dx_date": _dates(init),
                "rr_dx_date": _dates(rr),
                "height_cm": _fmt(height, 1),
                "weight_kg": _fmt(weight, 1),
                "cytogenetics": cyto,
                "immunophenotype": immuno,
                "disease_status": status,
            }
        ),
        out,
        "baseline",
        broken,
    )

    # -- later files: all but ~1% of baseline patients (those have no later record at all)
    t = np.flatnonzero(rng.random(n) >= 0.01)
    m = len(t)
    tid, trr = pid[t], rr[t]
    start_days = rng.integers(0, 15, m)
    start = trr + start_days * day

    # treatment: 1-3 distinct agents (mean 2), steroid flag from the codebook
    agents = np.array(list(codes["agent"]), dtype=object)
    is_ster = np.array([bool(codes["agent"][a].get("steroid")) for a in agents])
    k = rng.choice([1, 2, 3], m, p=[0.25, 0.5, 0.25])
    first = rng.integers(0, len(agents), m)
    rows = np.repeat(np.arange(m), k)
    pos = np.arange(len(rows)) - np.repeat(np.cumsum(k) - k, k)
    step = rng.integers(1, len(agents) // 3, m)  # distinct agents: first + pos*step (step < n/2)
    ag = (first[rows] + pos * step[rows]) % len(agents)
    _write(
        pd.DataFrame(
            {
                "patient_id": tid[rows],
                "cycle": "1",
                "start_date": _dates(start)[rows],
                "agent": agents[ag],
                "steroid": np.where(is_ster[ag], "Y", "N").astype(object),
            }
        ),
        out,
        "treatment",
        broken,
    )

    # response: marrow examined (85%) with a response consistent with the blasts
    exam = rng.random(m) < 0.85
    resp_codes = np.array(["CR", "CRp", "PR", "REF", "NE"], dtype=object)
    rc = resp_codes[rng.choice(5, m, p=[0.4, 0.1, 0.15, 0.3, 0.05])]
    bl = np.select(
        [rc == "CR", rc == "CRp", rc == "PR", rc == "REF"],
        [
            rng.uniform(0, 4.9, m),
            rng.uniform(0, 4.9, m),
            rng.uniform(5, 25, m),
            rng.uniform(25.1, 99, m),
        ],
        np.nan,
    )
    bl = np.round(bl, 1)
    bl[~exam] = np.nan
    rc[~exam] = ""
    exam_days = start_days + rng.integers(14, 45, m)
    exam_date = np.where(exam, trr + exam_days * day, np.datetime64("NaT"))
    reasons = np.array(["persistent", "death_induction", "other", "other;persistent"], dtype=object)
    rs = reasons[rng.integers(0, 4, m)]
    rs[exam] = ""
    _write(
        pd.DataFrame(
            {
                "patient_id": tid,
                "marrow_exam": np.where(exam, "Y", "N").astype(object),
                "exam_date": _dates(exam_date),
                "blast_pct": _fmt(bl, 1),
                "response": _variants(rc, codes["response"], rng),
                "reasons_not_examined": rs,
            }
        ),
        out,
        "response",
        broken,
    )

    # transplant (30%): after R/R diagnosis and before the end of follow-up
    max_days = ((CUTOFF - trr) / day).astype(int)
    hs = rng.random(m) < 0.3
    h_days = np.minimum(rng.integers(60, 400, m), max_days)
    hdate = np.where(hs, trr + h_days * day, np.datetime64("NaT"))
    donors = np.array(list(codes["donor"]), dtype=object)
    pre = np.array(["CR", "CRp", "PR", "REF", "not_done"], dtype=object)
    nohs = np.array(list(codes["reason_no_hsct"]), dtype=object)
    _write(
        pd.DataFrame(
            {
                "patient_id": tid,
                "hsct": np.where(hs, "Y", "N").astype(object),
                "hsct_date": _dates(hdate),
                "donor": np.where(hs & (rng.random(m) < 0.95), donors[rng.integers(0, 5, m)], ""),
                "pre_hsct_marrow": np.where(hs, pre[rng.integers(0, 5, m)], ""),
                "reason_no_hsct": np.where(hs, "", nohs[rng.integers(0, 5, m)]),
            }
        ),
        out,
        "transplant",
        broken,
    )

    # follow-up: death or last contact on/after every event, on/before the cut-off
    # the timeline: death or last contact on or after every event (start, exam, HSCT)
    lo = np.maximum(np.where(hs, h_days, 0), np.where(exam, exam_days, start_days))
    end_days = lo + (rng.random(m) * (max_days - lo + 1)).astype(int)
    end = trr + np.minimum(end_days, max_days) * day
    dead = rng.random(m) < 0.6
    death = np.where(dead, end, np.datetime64("NaT"))
    _write(
        pd.DataFrame(
            {
                "patient_id": tid,
                "vital_status": np.where(dead, "dead", "alive").astype(object),
                "death_date": _dates(death),
                "last_contact_date": _dates(end),
                "cutoff_date": str(CUTOFF),
            }
        ),
        out,
        "followup",
        broken,
    )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", type=Path, help="output folder (default bench/_scratch/n<N>)")
    ap.add_argument("--n", type=int, default=1_000_000, help="eligible patients (default 10^6)")
    ap.add_argument("--seed", type=int, default=20170101)
    ap.add_argument("--bad", action="store_true", help="one broken cell in every row")
    args = ap.parse_args(argv)
    out = args.out or ROOT / "bench" / "_scratch" / f"n{args.n}{'_bad' if args.bad else ''}"
    t0 = time.perf_counter()
    generate(args.n, out, args.seed, broken=args.bad)
    size = sum(p.stat().st_size for p in out.iterdir()) / 2**20
    print(f"wrote {args.n:,} patients to {out} ({size:.0f} MB) in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
