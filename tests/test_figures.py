"""Figures: tested through the analyses behind them, plus a smoke render in both languages."""

from __future__ import annotations

import io

import matplotlib
import pytest

matplotlib.use("Agg")

import rrall
from rrall import figures, survival
from rrall.fmt import fmt_p_sig
from rrall.labels import label


@pytest.fixture(scope="module")
def cohort() -> rrall.Cohort:
    return rrall.load_cohort()


FIGS = [
    (figures.fig_os, survival.os_all),
    (figures.fig_os_hsct, survival.os_by_hsct),
    (figures.fig_os_after_hsct, survival.os_after_hsct_cr),
]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(("fig_fn", "analysis_fn"), FIGS, ids=lambda f: getattr(f, "__name__", ""))
def test_figure_renders_and_shows_its_data(cohort, fig_fn, analysis_fn, lang: str) -> None:
    fig = fig_fn(cohort, lang=lang)
    a = analysis_fn(cohort)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")  # any missing glyph would warn, and warnings are errors
    assert buf.getbuffer().nbytes > 20_000
    ax, tab = fig.axes[0], fig.axes[1]
    assert ax.get_ylim() == (0, 102)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0", "20", "40", "60", "80", "100"]
    assert list(ax.get_xticks()) == list(a.ticks)
    assert ax.get_ylabel() in (label("os_axis", lang), label("surv_axis", lang))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    for g in a.groups:
        assert any(f"N={a.sizes[g]}" in t for t in legend)
    # every step curve starts at 100% and follows the KM estimate
    lines = [ln for ln in ax.get_lines() if ln.get_drawstyle() == "steps-post"]
    assert len(lines) == len(a.groups)
    for line, g in zip(lines, a.groups, strict=True):
        y = line.get_ydata()
        assert y[0] == 100
        curve = a.curves[a.curves["group"] == g]
        assert min(y) == pytest.approx(100 * curve["survival"].min())
    # the risk table prints the at-risk numbers at the ticks
    texts = {t.get_text() for t in tab.texts}
    r = a.risk
    assert {str(v) for v in r["at_risk"]} <= texts
    assert label("at_risk", lang) in texts
    if a.logrank is not None:
        want = label("logrank", lang, p=fmt_p_sig(a.logrank.p))
        assert any(want == t.get_text() for t in ax.texts)


def test_korean_and_english_figures_differ_in_text(cohort) -> None:
    ko = figures.fig_os(cohort, lang="ko")
    en = figures.fig_os(cohort, lang="en")
    assert ko.axes[0].get_xlabel() != en.axes[0].get_xlabel()
    assert any("\uac00" <= c <= "\ud7a3" for c in ko.axes[0].get_xlabel())


def test_font_is_nanumgothic() -> None:
    figures.setup_style()
    assert matplotlib.rcParams["font.family"][0] == "NanumGothic"
    assert matplotlib.rcParams["axes.unicode_minus"] is False


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_flow_diagram_shows_the_counts_of_the_data(cohort, lang: str, tmp_path) -> None:
    from rrall.registry import registry

    fig = figures.fig_flow(cohort, lang=lang)
    texts = "\n".join(t.get_text() for t in fig.axes[0].texts)
    r = registry(cohort)
    for key in ("flow.reviewed", "flow.eligible", "flow.analysed", "hsct.done", "resp.examined"):
        assert str(r[key].n) in texts, key
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    assert buf.getbuffer().nbytes > 20_000


def test_flow_diagram_follows_the_screening_log(tmp_path) -> None:
    """Add an ineligible record to a copy of the screening log: the diagram's counts follow."""
    from tests.helpers import copy_real_data

    folder = copy_real_data(tmp_path / "data")
    path = folder / "screening.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cols = lines[0].split(",")
    row = dict(zip(cols, lines[1].split(","), strict=True))
    row.update(patient_id="P999", clofarabine_exposed="Y")
    lines.append(",".join(row[c] for c in cols))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = rrall.load_cohort()
    after = rrall.load_cohort(folder)

    def counts(c: rrall.Cohort) -> str:
        return "\n".join(t.get_text() for t in figures.fig_flow(c, lang="en").axes[0].texts)

    b, a = counts(before), counts(after)
    n0 = len(before.screening)
    assert f"n = {n0}" in b and f"n = {n0 + 1}" in a
    assert (
        f"prior clofarabine: {int((after.screening['ineligible_reason'] == 'clofarabine').sum())}"
        in a
    )


def test_simon_makuch_figure_draws_both_states(cohort) -> None:
    fig = figures.fig_simon_makuch(cohort, lang="en")
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert label("grp_before_hsct", "en") in legend and label("grp_after_hsct", "en") in legend
