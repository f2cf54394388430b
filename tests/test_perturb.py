"""Perturbation tests: change one record of (a copy of) the real data, and the numbers and tables
must move exactly as the change implies. Patients are chosen from the data, never hard-coded."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import rrall
from rrall.characteristics import table1
from rrall.fmt import fmt_pct, pct
from rrall.registry import Registry, registry
from rrall.survival import os_all, os_by_hsct
from rrall.treatment import table2
from tests.helpers import copy_real_data, read_csv_text, write_csv_text

ENTITY_FILES = ("screening", "baseline", "treatment", "response", "transplant", "followup")


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, rrall.Cohort, Registry]:
    """An untouched copy of the data (copied once, so a regeneration midway cannot mix versions)."""
    folder = copy_real_data(tmp_path_factory.mktemp("original"))
    c = rrall.load_cohort(folder)
    return folder, c, registry(c)


def _copy(original_folder: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "data"
    dst.mkdir()
    for f in original_folder.iterdir():
        (dst / f.name).write_bytes(f.read_bytes())
    return dst


def _edit(folder: Path, entity: str, fn) -> None:
    path = folder / f"{entity}.csv"
    write_csv_text(fn(read_csv_text(path)), path)


def _iso(ts: pd.Timestamp) -> str:
    return ts.date().isoformat()


# ---------------------------------------------------------------------------------------------
def test_unchanged_copy_gives_the_same_numbers(original, tmp_path: Path) -> None:
    folder, _, n0 = original
    n1 = registry(rrall.load_cohort(_copy(folder, tmp_path)))
    assert {k: v.value for k, v in n1.items() if k != "data.digest"} == {
        k: v.value for k, v in n0.items() if k != "data.digest"
    }


def test_remove_one_patient_everywhere(original, tmp_path: Path) -> None:
    folder, c0, n0 = original
    ana = c0.analysed
    victim = ana.iloc[len(ana) // 2]
    pid = victim["patient_id"]
    dst = _copy(folder, tmp_path)
    for entity in ENTITY_FILES:
        _edit(dst, entity, lambda f: f[f["patient_id"] != pid])
    c1 = rrall.load_cohort(dst)
    n1 = registry(c1)
    for key in ("flow.reviewed", "flow.eligible", "flow.analysed", "t1.n"):
        assert n1[key].value == n0[key].value - 1, key
    assert n1["flow.excluded"].value == n0["flow.excluded"].value
    # Table 1: the patient's own category loses one, the others keep their counts
    t0, t1_ = (
        table1(c0).set_index(["variable", "level"]),
        table1(c1).set_index(["variable", "level"]),
    )
    for var in ("sex", "cytogenetics", "immunophenotype", "disease_status"):
        own = victim[var] if isinstance(victim[var], str) else "NA"
        levels = [lv for (v, lv) in t0.index if v == var]
        assert levels
        for level in levels:
            want = int(t0.at[(var, level), "n"]) - (1 if level == own else 0)
            if want == 0 and (var, level) not in t1_.index:  # an NA row leaves with its last
                continue
            assert int(t1_.at[(var, level), "n"]) == want, (var, level)
    # every Table 1 percentage is now over the new total
    total = int(n1["t1.n"].value)
    assert t1_.at[("sex", "M"), "percent"] == pytest.approx(
        pct(int(t1_.at[("sex", "M"), "n"]), total)
    )
    # the rendered Table 1 shows the new N
    html = rrall.tbl_characteristics(c1, lang="en").as_raw_html()
    assert f"total N={total}" in html
    assert f"total N={total + 1}" not in html


def test_response_cr_to_ref(original, tmp_path: Path) -> None:
    folder, c0, n0 = original
    cr = c0.analysed[c0.analysed["response"] == "CR"]
    if cr.empty:
        pytest.skip("no CR patient in the data")
    pid = cr["patient_id"].iloc[0]
    dst = _copy(folder, tmp_path)

    def to_ref(f: pd.DataFrame) -> pd.DataFrame:
        f = f.copy()
        m = f["patient_id"] == pid
        f.loc[m, "response"] = "REF"
        f.loc[m, "blast_pct"] = "60"  # REF needs > 25 % blasts
        return f

    _edit(dst, "response", to_ref)
    n1 = registry(rrall.load_cohort(dst))
    assert n1["resp.cr"].n == n0["resp.cr"].n - 1
    assert n1["resp.refractory"].n == n0["resp.refractory"].n + 1
    for k in ("resp.crp", "resp.pr", "resp.not_evaluable", "resp.examined", "flow.analysed"):
        assert n1[k].value == n0[k].value, k
    n = n0["flow.analysed"].value
    k_cr = n0["rate.cr"].n
    assert n1["rate.cr"].n == k_cr - 1
    assert n1["rate.cr"].value == pytest.approx(100 * (k_cr - 1) / n)
    assert n1["rate.cr"].value < n0["rate.cr"].value
    assert n1["rate.cr"].ci[1] < n0["rate.cr"].ci[1]
    assert n1["rate.orr"].n == n0["rate.orr"].n - 1
    assert n1["rate.cr_only"].n == n0["rate.cr_only"].n - 1


def _movable_deaths(c: rrall.Cohort) -> pd.DataFrame:
    """Dead analysed patients without HSCT: their death date is bound only by R/R diagnosis and
    cut-off (no HSCT date to stay after)."""
    a = c.analysed
    return a[a["os_event"] & ~a["hsct_done"]]


def _move_death(folder: Path, pid: str, new_death: pd.Timestamp) -> None:
    def move(f: pd.DataFrame) -> pd.DataFrame:
        f = f.copy()
        m = f["patient_id"] == pid
        f.loc[m, "death_date"] = _iso(new_death)
        f.loc[m, "last_contact_date"] = _iso(new_death)
        return f

    _edit(folder, "followup", move)


def test_death_moved_before_one_year_lowers_os_1y(original, tmp_path: Path) -> None:
    folder, c0, n0 = original
    late = _movable_deaths(c0)
    late = late[late["os_years"] > 1.2]
    if late.empty:
        pytest.skip("no death after one year without HSCT")
    p = late.iloc[0]
    dst = _copy(folder, tmp_path)
    _move_death(dst, p["patient_id"], p["rr_dx_date"] + pd.Timedelta(days=200))
    c1 = rrall.load_cohort(dst)
    n1 = registry(c1)
    # one more death inside the first year: S(1) gains a factor (1 - 1/n) and later
    # risk sets before 1 year shrink, so S(1) strictly falls; the number of deaths is unchanged
    assert n1["os.1y"].value < n0["os.1y"].value
    assert n1["os.deaths"].value == n0["os.deaths"].value
    lm0 = os_all(c0).landmarks.set_index("years")
    lm1 = os_all(c1).landmarks.set_index("years")
    assert lm1.at[1.0, "at_risk"] == lm0.at[1.0, "at_risk"] - 1


def test_death_moved_after_one_year_raises_os_1y(original, tmp_path: Path) -> None:
    folder, c0, n0 = original
    early = _movable_deaths(c0)
    early = early[early["os_years"] < 0.9]
    if early.empty:
        pytest.skip("no death within a year without HSCT")
    p = early.iloc[0]
    new = p["rr_dx_date"] + pd.Timedelta(days=500)
    assert c0.cutoff is not None and new <= c0.cutoff
    dst = _copy(folder, tmp_path)
    _move_death(dst, p["patient_id"], new)
    n1 = registry(rrall.load_cohort(dst))
    assert n1["os.1y"].value > n0["os.1y"].value
    assert n1["os.deaths"].value == n0["os.deaths"].value


def _flip_vital_status(folder: Path, pid: str, to_dead: bool) -> None:
    def flip(f: pd.DataFrame) -> pd.DataFrame:
        f = f.copy()
        m = f["patient_id"] == pid
        if to_dead:  # alive -> died on the day of the last contact
            f.loc[m, "vital_status"] = "dead"
            f.loc[m, "death_date"] = f.loc[m, "last_contact_date"]
        else:  # dead -> alive, last seen on the day of death
            f.loc[m, "vital_status"] = "alive"
            f.loc[m, "death_date"] = ""
        return f

    _edit(folder, "followup", flip)


def test_flip_vital_status_of_a_transplanted_patient_changes_logrank(
    original, tmp_path: Path
) -> None:
    folder, c0, n0 = original
    a = c0.analysed
    hs = a[a["hsct_done"]]
    last_no_hsct = a.loc[~a["hsct_done"], "os_years"].max()
    # The log-rank only sees an event while both groups are at risk: at a time when only
    # HSCT patients remain, O - E = d - d*nA/N = 0 and the variance is 0. So flip a patient
    # whose follow-up ends while untransplanted patients are still at risk.
    cand = hs[hs["os_years"] < last_no_hsct]
    if cand.empty:
        pytest.skip("no HSCT patient observed while both groups are at risk")
    p = cand.iloc[0]
    to_dead = not bool(p["os_event"])
    change = 1 if to_dead else -1
    dst = _copy(folder, tmp_path)
    _flip_vital_status(dst, p["patient_id"], to_dead)
    c1 = rrall.load_cohort(dst)
    n1 = registry(c1)
    assert n1["os.deaths"].value == n0["os.deaths"].value + change
    m0, m1 = os_by_hsct(c0).medians.set_index("group"), os_by_hsct(c1).medians.set_index("group")
    assert m1.at["hsct", "events"] == m0.at["hsct", "events"] + change
    assert m1.at["no_hsct", "events"] == m0.at["no_hsct", "events"]
    lr0, lr1 = os_by_hsct(c0).logrank, os_by_hsct(c1).logrank
    assert lr0 is not None and lr1 is not None
    assert abs(lr1.chi2 - lr0.chi2) > 1e-6
    assert lr1.p != lr0.p
    assert n1["os.hsct.logrank_p"].value == lr1.p
    # the HSCT curve can only fall (alive -> dead) or rise (dead -> alive) at every landmark
    s0 = os_by_hsct(c0).landmarks.query("group == 'hsct'")["survival"].to_numpy()
    s1 = os_by_hsct(c1).landmarks.query("group == 'hsct'")["survival"].to_numpy()
    ok = ~(pd.isna(s0) | pd.isna(s1))
    assert ((s1[ok] <= s0[ok] + 1e-12) if to_dead else (s1[ok] >= s0[ok] - 1e-12)).all()


def test_flip_after_the_other_group_has_left_does_not_change_logrank(
    original, tmp_path: Path
) -> None:
    # the other side of the comment above: an HSCT death after the last untransplanted patient
    # left follow-up contributes O - E = 0 and variance 0
    folder, c0, _ = original
    a = c0.analysed
    last_no_hsct = a.loc[~a["hsct_done"], "os_years"].max()
    cand = a[a["hsct_done"] & ~a["os_event"] & (a["os_years"] > last_no_hsct)]
    if cand.empty:
        pytest.skip("no surviving HSCT patient followed beyond every untransplanted patient")
    dst = _copy(folder, tmp_path)
    _flip_vital_status(dst, cand["patient_id"].iloc[0], to_dead=True)
    c1 = rrall.load_cohort(dst)
    lr0, lr1 = os_by_hsct(c0).logrank, os_by_hsct(c1).logrank
    assert lr0 is not None and lr1 is not None
    assert lr1.chi2 == pytest.approx(lr0.chi2, rel=1e-9)
    # ... while the KM curve of the HSCT group does change (it now drops at that time)
    min0 = os_by_hsct(c0).curves.query("group == 'hsct'")["survival"].min()
    min1 = os_by_hsct(c1).curves.query("group == 'hsct'")["survival"].min()
    assert min1 < min0


def test_removing_a_counted_agent_row_changes_table2(original, tmp_path: Path) -> None:
    folder, c0, n0 = original
    ag = c0.agents
    nonsteroid = ag[ag["steroid"] == "N"]
    per_patient = ag.groupby("patient_id")["agent"].size()
    # a non-steroid row of a patient with other rows left (stays treated and analysed)
    row = nonsteroid[nonsteroid["patient_id"].map(per_patient) > 1].iloc[0]
    pid, agent = row["patient_id"], row["agent"]
    dst = _copy(folder, tmp_path)
    _edit(dst, "treatment", lambda f: f[~((f["patient_id"] == pid) & (f["agent"] == agent))])
    c1 = rrall.load_cohort(dst)
    n1 = registry(c1)
    assert n1["flow.analysed"].value == n0["flow.analysed"].value
    a0, a1 = table2(c0).set_index("agent")["n"], table2(c1).set_index("agent")["n"]
    k0 = int(a0[agent])
    if k0 == 1:
        assert agent not in a1.index
        assert n1["agents.n_used"].value == n0["agents.n_used"].value - 1
    else:
        assert int(a1[agent]) == k0 - 1
    for other in a0.index.drop(agent):
        assert a1[other] == a0[other], other
    before = rrall.tbl_agents(c0, lang="en").as_raw_html()
    after = rrall.tbl_agents(c1, lang="en").as_raw_html()
    assert before != after
    n = int(n0["flow.analysed"].value)
    if k0 > 1:
        assert f"{k0 - 1} ({fmt_pct(k0 - 1, n)})" in after
