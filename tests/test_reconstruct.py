"""The reconstruction: deterministic, every reproducible number exact, a plausible timeline.

The timeline rules are checked here by an implementation of their own (straight from the CSV
files), independent of :mod:`rrall.rebuild.timeline` and of the data contract.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

import rrall
from rrall.audit import audit, audit_summary
from rrall.cohort import derive
from rrall.contract import DataValidationError, ValidatedData, load_codebook
from rrall.published import load_published
from rrall.rebuild.cli import main_reconstruct
from rrall.rebuild.reconstruct import (
    FILES,
    RECORD,
    FolderNotOursError,
    build_cohort,
    layout,
    write_cohort,
)
from rrall.rebuild.search import SearchRules
from rrall.rebuild.targets import load_targets
from rrall.rebuild.timeline import timeline_violations

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RULES = SearchRules()


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rebuilt") / "data"
    write_cohort(build_cohort(), folder)
    (folder / "codebook.yaml").write_bytes((DATA / "codebook.yaml").read_bytes())
    return folder


def test_rebuild_is_byte_identical_to_data(rebuilt: Path) -> None:
    for name in (*FILES, "reconstruction"):
        fname = f"{name}.csv" if name in FILES else RECORD
        assert (rebuilt / fname).read_bytes() == (DATA / fname).read_bytes(), fname


def test_rebuild_twice_gives_the_same_bytes(rebuilt: Path, tmp_path: Path) -> None:
    write_cohort(build_cohort(), tmp_path)
    for name in FILES:
        assert (tmp_path / f"{name}.csv").read_bytes() == (rebuilt / f"{name}.csv").read_bytes()


@pytest.mark.parametrize("where", ["rebuilt", "shipped"])
def test_every_number_reproduced_but_the_recorded_contradictions(where: str, rebuilt: Path) -> None:
    table = audit(rrall.load_cohort(rebuilt if where == "rebuilt" else DATA))
    s = audit_summary(table)
    recorded = {it.id for it in load_published().items if it.contradiction}
    assert s["differs"] == 0, table[table["status"] == "differs"]
    assert s["reproduced"] == s["total"] - len(recorded)
    contra = table[table["status"] == "contradiction"]
    assert set(contra["id"]) == recorded
    assert (contra["quote"] != contra["recomputed"]).all()  # a real difference, not a stale note


def test_data_folder_says_it_is_a_reconstruction() -> None:
    # the data folder says so; the report's banners and titles are the present layer's
    assert "RECONSTRUCT" in (DATA / "README.md").read_text(encoding="utf-8").upper()
    assert "재구성" in (DATA / "codebook.yaml").read_text(encoding="utf-8")
    record = yaml.safe_load((DATA / RECORD).read_text(encoding="utf-8"))
    assert "재구성" in record["notice"]["ko"] and "synthetic" in record["notice"]["en"]


def test_record_says_how_it_was_made() -> None:
    record = yaml.safe_load((DATA / RECORD).read_text(encoding="utf-8"))
    assert record["seed"] == 20170925 and record["cutoff"] == "2015-06-30"
    assert record["k_lost"] == record["lost_to_followup"]["count"]
    assert record["lost_to_followup"]["days"] == 365
    assert record["missed"] == {"os_5y": ["6.7", "6.6"]} or record["missed"] == {
        "os_5y": ["6.7", "6.8"]
    }
    assert "seed draws everything the paper leaves open" in record["how_seeds_vary"]
    assert record["settings"]["rules"]["hsct_day"] == list(RULES.hsct_day)
    assert "jointly impossible" in record["survival_search_report"]
    n = sum(r["patients"] for r in record["regimens"])
    assert n == load_targets().counts["flow_analysed"]


# --- the timeline, straight from the files --------------------------------------------------------
def _files(folder: Path) -> dict[str, pd.DataFrame]:
    frames = {name: pd.read_csv(folder / f"{name}.csv", dtype=str) for name in FILES}
    for frame in frames.values():
        for col in frame.columns:
            if col.endswith("_date"):
                frame[col] = pd.to_datetime(frame[col])
    return frames


def _timeline_breaks(folder: Path) -> list[str]:
    """Every break of the timeline rules, found without rrall."""
    f = _files(folder)
    fu = f["followup"].set_index("patient_id")
    rr = f["baseline"].set_index("patient_id")["rr_dx_date"]
    end = fu["death_date"].where(fu["vital_status"] == "dead", fu["last_contact_date"])
    starts = f["treatment"][f["treatment"]["cycle"] == "1"].groupby("patient_id")["start_date"]
    out = [f"{p}: {n} cycle-1 start dates" for p, n in starts.nunique().items() if n != 1]
    events = {
        "start": starts.min(),
        "exam": f["response"].set_index("patient_id")["exam_date"],
        "hsct": f["transplant"].set_index("patient_id")["hsct_date"],
    }
    for name, when in events.items():
        when = when.reindex(fu.index)
        out += [f"{p}: {name} before R/R" for p in when.index[when < rr.reindex(when.index)]]
        out += [f"{p}: {name} after the end" for p in when.index[when > end]]
    cut = fu["cutoff_date"].unique()
    if len(cut) != 1:
        out.append("several cut-offs")
    cutoff = pd.Timestamp(cut[0])
    if cutoff > pd.Timestamp.now():
        out.append("cut-off in the future")
    for name, when in {**events, "end": end, "rr": rr}.items():
        out += [f"{p}: {name} after the cut-off" for p in when.index[when > cutoff]]
    return out


def test_timeline_rules_hold(rebuilt: Path) -> None:
    assert _timeline_breaks(DATA) == []
    assert _timeline_breaks(rebuilt) == []
    assert timeline_violations(rrall.load_cohort(DATA)).empty


def test_a_broken_timeline_is_caught(tmp_path: Path) -> None:
    # cycle 1 starting after death (what the old reconstruction did to P022) is found by
    # both implementations
    for name in FILES:
        (tmp_path / f"{name}.csv").write_bytes((DATA / f"{name}.csv").read_bytes())
    fu = pd.read_csv(tmp_path / "followup.csv", dtype=str)
    pid = fu.loc[fu["vital_status"] == "dead", "patient_id"].iloc[0]
    death = pd.Timestamp(fu.loc[fu["patient_id"] == pid, "death_date"].iloc[0])
    tr = pd.read_csv(tmp_path / "treatment.csv", dtype=str)
    later = (death + pd.Timedelta(days=4)).date().isoformat()
    tr.loc[tr["patient_id"] == pid, "start_date"] = later
    tr.to_csv(tmp_path / "treatment.csv", index=False, lineterminator="\n")
    assert f"{pid}: start after the end" in _timeline_breaks(tmp_path)
    # the data contract refuses it too, and so does this layer's check on the derived cohort
    with pytest.raises(DataValidationError, match="event_after_end"):
        rrall.load_cohort(tmp_path)
    found = timeline_violations(_unchecked_cohort(tmp_path))
    assert set(found.loc[found["patient_id"] == pid, "rule"]) == {"start_before_end"}


def _unchecked_cohort(folder: Path) -> rrall.Cohort:
    """The cohort of ``folder`` derived without the contract's timeline rules."""
    frames = _files(folder)
    codebook = load_codebook(DATA)
    typed = {}
    for name, frame in frames.items():
        frame = frame.copy()
        for col, spec in codebook.files[name]["columns"].items():
            if spec["type"] in ("int",):
                frame[col] = pd.to_numeric(frame[col]).astype("Int64")
            elif spec["type"] == "float":
                frame[col] = pd.to_numeric(frame[col])
            elif spec["type"] not in ("date",):
                frame[col] = frame[col].where(frame[col].notna(), None)
        typed[name] = frame
    return derive(ValidatedData(typed, {n: f"{n}.csv" for n in typed}, codebook))


# --- clinical plausibility ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def days() -> pd.DataFrame:
    """Per analysed patient: days after the R/R diagnosis of each event."""
    c = rrall.load_cohort(DATA)
    p = c.analysed
    start = p["patient_id"].map(c.agents.groupby("patient_id")["start_date"].min())
    end = p["death_date"].where(p["os_event"], p["last_contact_date"])
    since = lambda d: (d - p["rr_dx_date"]).dt.days  # noqa: E731
    return pd.DataFrame(
        {
            "start": since(start),
            "exam": since(p["exam_date"]),
            "hsct": since(p["hsct_date"]),
            "end": since(end),
            "dead": p["os_event"],
            "reasons": p["reasons_not_examined"].fillna(""),
            "in_cr": p["hsct_in_cr"],
        }
    )


def test_transplants_months_after_diagnosis_and_spread(days: pd.DataFrame) -> None:
    tx = days["hsct"].dropna()
    assert tx.between(*RULES.hsct_day).all()  # 3 to 8 months
    assert tx.nunique() >= 12 and tx.quantile(0.75) - tx.quantile(0.25) >= 30


def test_early_deaths_after_transplant_are_not_clustered(days: pd.DataFrame) -> None:
    died = days[days["hsct"].notna() & days["dead"]]
    post = np.sort((died["end"] - died["hsct"]).to_numpy())
    assert post.min() >= RULES.min_days_hsct_to_death
    assert (post <= RULES.early_post_hsct_days).sum() <= RULES.max_early_post_hsct_deaths
    # never three deaths within two weeks of each other after HSCT
    assert all(post[i + 2] - post[i] > 14 for i in range(len(post) - 2))
    survivors = days[days["hsct"].notna() & ~days["dead"]]
    assert ((survivors["end"] - survivors["hsct"]) >= RULES.min_days_hsct_to_last_contact).all()
    assert survivors["in_cr"].all()  # all survivors were in CR/CRp before HSCT (the paper)


def test_treatment_examination_and_induction_deaths(days: pd.DataFrame) -> None:
    assert days["start"].between(1, 30).all()  # days to a few weeks
    gap = (days["exam"] - days["start"]).dropna()
    assert gap.between(21, 42).all()  # 3 to 6 weeks after cycle 1 starts
    assert (days["exam"].dropna() < days["hsct"].reindex(gap.index).fillna(np.inf)).all()
    died = days[days["reasons"].str.contains("death_induction")]
    assert len(died) == load_published().count("resp_reason_death")
    assert died["exam"].isna().all() and died["dead"].all()
    assert (died["end"] > died["start"]).all()
    assert (died["end"] - died["start"] <= 42).all()  # before an examination would have been


def test_patients_look_real() -> None:
    c = rrall.load_cohort(DATA)
    p = c.analysed
    assert p["rr_dx_date"].min() >= np.datetime64("2007-01-01")
    assert p["rr_dx_date"].max() <= np.datetime64("2013-11-30")
    no = p[~p["hsct_done"] & p["os_event"]]
    assert no["os_years"].median() < 1.0  # steep early deaths without HSCT
    ag = c.agents.merge(c.patients[["patient_id", "immunophenotype", "cytogenetics"]])
    assert set(ag.loc[ag["agent"] == "nelarabine", "immunophenotype"]) == {"T"}
    assert set(ag.loc[ag["agent"] == "dasatinib", "cytogenetics"]) == {"t9_22"}
    assert set(ag.loc[ag["agent"] == "rituximab", "immunophenotype"]) == {"B"}


def test_layout_follows_the_published_counts() -> None:
    lay = layout(load_targets())
    pub = load_published()
    assert lay.induction == pub.count("resp_reason_death")
    assert lay.persistent + lay.overlap == pub.count("resp_reason_persistent")
    assert lay.ref + lay.hsct_other_examined == pub.count("resp_ref")


# --- lost to follow-up, defined once --------------------------------------------------------------
def test_lost_to_followup_is_what_the_record_says() -> None:
    record = yaml.safe_load((DATA / RECORD).read_text(encoding="utf-8"))
    codebook = yaml.safe_load((DATA / "codebook.yaml").read_text(encoding="utf-8"))
    window = pd.Timedelta(days=(codebook.get("study") or {}).get("lost_to_followup_days", 365))
    f = _files(DATA)
    fu = f["followup"]
    alive = fu["vital_status"] == "alive"
    lost = alive & (fu["last_contact_date"] < fu["cutoff_date"] - window)
    assert int(lost.sum()) == record["k_lost"]
    tx = f["transplant"].set_index("patient_id")["reason_no_hsct"]
    said_lost = set(tx.index[tx == "lost_followup"])
    assert said_lost <= set(fu.loc[lost, "patient_id"])
    assert (
        fu.loc[alive & ~lost, "cutoff_date"] - fu.loc[alive & ~lost, "last_contact_date"]
    ).max() <= window
    # the report's derived flag is the same rule
    c = rrall.load_cohort(DATA)
    assert int(c.analysed["lost_to_followup"].sum()) == record["k_lost"]


# --- never overwrite data -------------------------------------------------------------------------
def test_refuses_a_folder_with_someone_elses_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = tmp_path / "team"
    team.mkdir()
    (team / "screening.csv").write_bytes(b"patient_id,site\nP001,H01\n")
    before = {p.name: p.read_bytes() for p in team.iterdir()}
    rec = build_cohort()
    with pytest.raises(FolderNotOursError, match=str(team)):
        write_cohort(rec, team)
    assert main_reconstruct(["--out", str(team)]) == 2
    assert str(team) in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in team.iterdir()} == before
    # an empty folder, or one holding a previous reconstruction, is fine
    empty = tmp_path / "empty"
    empty.mkdir()
    write_cohort(rec, empty)
    write_cohort(rec, empty)
    assert (empty / RECORD).exists()


def test_command_line_says_where_it_writes(tmp_path: Path) -> None:
    out = tmp_path / "fresh"
    r = subprocess.run(
        [sys.executable, "-m", "rrall", "reconstruct", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert f"writing to {out.resolve()}" in r.stdout
    assert (out / "followup.csv").read_bytes() == (DATA / "followup.csv").read_bytes()
