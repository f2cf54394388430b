"""Figures: tested through the analyses behind them, plus a smoke render in both languages."""

from __future__ import annotations

import io

import matplotlib
import pytest

matplotlib.use("Agg")

import rrall
from rrall import figures, survival
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
    assert ax.get_ylabel() == label("os_axis", lang)
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
        assert any(
            label("logrank", lang, p=rrall.numbers(cohort)["os_hsct_p"]) == t.get_text()
            for t in ax.texts
        )


def test_korean_and_english_figures_differ_in_text(cohort) -> None:
    ko = figures.fig_os(cohort, lang="ko")
    en = figures.fig_os(cohort, lang="en")
    assert ko.axes[0].get_xlabel() != en.axes[0].get_xlabel()
    assert any("\uac00" <= c <= "\ud7a3" for c in ko.axes[0].get_xlabel())


def test_font_is_nanumgothic() -> None:
    figures.setup_style()
    assert matplotlib.rcParams["font.family"][0] == "NanumGothic"
    assert matplotlib.rcParams["axes.unicode_minus"] is False
