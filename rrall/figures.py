"""Present: analyses + language -> matplotlib figures (Kaplan-Meier with a KMunicate risk table,
and the study flow diagram)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch
from matplotlib.ticker import FuncFormatter

from rrall import survival
from rrall.cohort import Cohort
from rrall.constants import ALPHA
from rrall.fmt import fmt_num, fmt_p_sig
from rrall.fonts import FONT_FAMILY, font_files
from rrall.labels import EXCLUSION_LABEL, GROUP_LABEL, STATISTIC_LABEL, Lang, label
from rrall.rebuild import ensemble
from rrall.registry import registry, thresholds
from rrall.transplant import transplant_comparison

__all__ = [
    "COLORS",
    "ENSEMBLE_PANELS",
    "fig_ensemble",
    "fig_flow",
    "fig_os",
    "fig_os_after_hsct",
    "fig_os_hsct",
    "fig_simon_makuch",
    "km_figure",
    "setup_style",
]

COLORS = {
    "all": "#222222",
    "hsct": "#0072B2",
    "no_hsct": "#D55E00",
    "cr_hsct": "#009E73",
    "before_hsct": "#D55E00",
    "after_hsct": "#0072B2",
    "hsct_by_landmark": "#0072B2",
    "no_hsct_by_landmark": "#D55E00",
}


@lru_cache(maxsize=1)
def setup_style() -> None:
    """Register NanumGothic and set a clean seaborn theme that keeps it (no missing glyphs)."""
    for f in font_files():
        font_manager.fontManager.addfont(str(f))
    sns.set_theme(
        style="ticks",
        font=FONT_FAMILY,
        rc={
            "axes.unicode_minus": False,
            "font.family": FONT_FAMILY,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "figure.dpi": 150,
            "savefig.dpi": 150,
            "axes.titlesize": 11,
            "axes.labelsize": 10,
            "legend.fontsize": 9,
            "xtick.labelsize": 9,
            "ytick.labelsize": 9,
        },
    )


def km_figure(
    a: survival.SurvivalAnalysis,
    *,
    lang: Lang,
    x_label: str | None = None,
    y_label: str | None = None,
    test_text: str | None = None,
    risk_rows: tuple[str, ...] = ("at_risk", "censored", "events"),
    legend_counts: bool = True,
) -> Figure:
    """Kaplan-Meier curves with 95% CI bands, censor marks and a KMunicate risk table.

    The axis runs to the last follow-up (every death and censoring visible); the legend and the
    test sit above the plotting area, clear of the curves.
    """
    setup_style()
    groups = [g for g in a.groups if len(a.curves[a.curves["group"] == g])]
    n_rows = len(risk_rows) * max(len(groups), 1)
    fig = plt.figure(figsize=(7.0, 4.4 + 0.2 * n_rows))
    gs = fig.add_gridspec(2, 1, height_ratios=[4.2, 0.2 * n_rows + 0.35], hspace=0.32)
    ax = fig.add_subplot(gs[0])
    tab = fig.add_subplot(gs[1], sharex=ax)
    ticks = list(a.ticks)
    x_end = ticks[-1]
    for g in groups:
        c = a.curves[a.curves["group"] == g]
        cens = a.censor_marks[a.censor_marks["group"] == g]
        last = max(float(c["time"].max()), float(cens["time"].max()) if len(cens) else 0.0)
        t = np.append(c["time"].to_numpy(), last)
        s = np.append(c["survival"].to_numpy(), c["survival"].iloc[-1]) * 100
        lo = np.append(c["ci_low"].to_numpy(), c["ci_low"].iloc[-1]) * 100
        hi = np.append(c["ci_high"].to_numpy(), c["ci_high"].iloc[-1]) * 100
        color = COLORS[g]
        name = label(GROUP_LABEL[g], lang)
        if legend_counts:
            name = label("legend_n", lang, name=name, n=a.sizes[g])
        ax.step(t, s, where="post", color=color, lw=1.8, label=name)
        ax.fill_between(t, lo, hi, step="post", color=color, alpha=0.15, lw=0)
        ax.plot(
            cens["time"], cens["survival"] * 100, ls="none", marker="|", ms=8, mew=1.4, color=color
        )
    ax.set_ylim(0, 102)
    ax.set_yticks(range(0, 101, 20))
    ax.set_xlim(0, x_end + 0.05)
    ax.set_xticks(ticks)
    ax.set_ylabel(y_label or label("os_axis", lang))
    ax.set_xlabel(x_label or label("time_rr_axis", lang))
    ax.grid(axis="y", color="#e6e6e6", lw=0.6)
    handles, _ = ax.get_legend_handles_labels()
    handles.append(Patch(facecolor="#999999", alpha=0.3, label=label("ci_band", lang)))
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.01),
        ncol=len(handles),
        frameon=False,
        borderaxespad=0.0,
        handlelength=1.4,
        columnspacing=1.2,
    )
    if test_text is None and a.logrank is not None and not np.isnan(a.logrank.p):
        test_text = label("logrank", lang, p=fmt_p_sig(a.logrank.p))
    if test_text:
        ax.text(1.0, 1.09, test_text, transform=ax.transAxes, ha="right", va="bottom", fontsize=9)
    _risk_table(tab, a, groups, lang, n_rows, risk_rows)
    fig.subplots_adjust(left=0.24, right=0.97, top=0.88, bottom=0.04)
    plt.close(fig)  # returned, not shown: Jupyter displays the value once
    return fig


_ROW_LABEL = {"at_risk": "at_risk_row", "censored": "censored_row", "events": "events_row"}


def _risk_table(
    tab: plt.Axes,
    a: survival.SurvivalAnalysis,
    groups: Sequence[str],
    lang: Lang,
    n_rows: int,
    rows: Sequence[str],
) -> None:
    """KMunicate rows under the plot: at risk, censored and dead per group at each tick."""
    tab.set_ylim(-0.5, n_rows - 0.5)
    tab.invert_yaxis()
    tab.axis("off")
    row = 0
    for g in groups:
        r = a.risk[a.risk["group"] == g]
        name = label(GROUP_LABEL[g], lang)
        for col in rows:
            key = _ROW_LABEL[col]
            tab.text(
                -0.02,
                row,
                f"{name}: {label(key, lang)}" if col == rows[0] else label(key, lang),
                transform=tab.get_yaxis_transform(),
                ha="right",
                va="center",
                fontsize=8,
                color=COLORS[g],
            )
            for tt, v in zip(r["time"], r[col], strict=True):
                tab.text(
                    tt, row, str(int(v)), ha="center", va="center", fontsize=8, color=COLORS[g]
                )
            row += 1
    tab.text(
        -0.02,
        -0.9,
        label("at_risk", lang),
        transform=tab.get_yaxis_transform(),
        ha="right",
        va="bottom",
        fontsize=8,
        fontweight=600,
    )


def fig_os(cohort: Cohort, *, lang: Lang) -> Figure:
    """Overall survival of all analysed patients (the paper's Fig. 1A)."""
    return km_figure(survival.os_all(cohort), lang=lang)


def fig_os_hsct(cohort: Cohort, *, lang: Lang) -> Figure:
    """Overall survival by HSCT from R/R diagnosis, with the naive log-rank P (Fig. 1B)."""
    return km_figure(survival.os_by_hsct(cohort), lang=lang)


def fig_os_after_hsct(cohort: Cohort, *, lang: Lang) -> Figure:
    """Survival from HSCT for patients transplanted in CR/CRp (the paper's Fig. 1C)."""
    return km_figure(
        survival.os_after_hsct_cr(cohort),
        lang=lang,
        x_label=label("time_hsct_axis", lang),
        y_label=label("surv_axis", lang),
    )


def fig_simon_makuch(cohort: Cohort, *, lang: Lang) -> Figure:
    """Survival by current transplant state (Simon-Makuch): patients contribute to the
    untransplanted curve until the day of transplant and to the transplanted curve after it;
    below, the number in each state at each tick."""
    sm = transplant_comparison(cohort).simon_makuch
    names = {0: "before_hsct", 1: "after_hsct"}
    curves = sm.curves.assign(group=sm.curves["state"].map(names)).drop(columns="state")
    marks = sm.censor_marks.assign(group=sm.censor_marks["state"].map(names))
    risk = sm.risk.assign(group=sm.risk["state"].map(names))
    sizes = {
        g: int(risk.loc[risk["group"] == g, "at_risk"].max()) if len(risk) else 0
        for g in names.values()
    }
    a = survival.SurvivalAnalysis(
        key="simon_makuch",
        groups=tuple(names.values()),
        sizes=sizes,
        curves=curves,
        censor_marks=marks,
        landmarks=curves.iloc[0:0],  # not drawn
        medians=curves.iloc[0:0],
        risk=risk,
        ticks=tuple(sm.ticks),
        logrank=None,
    )
    return km_figure(a, lang=lang, risk_rows=("at_risk",), legend_counts=False)


# ---- the study flow diagram ---------------------------------------------------------------------
def _box(
    ax: plt.Axes,
    x: float,
    y: float,
    w: float,
    h: float,
    text: str,
    *,
    bold: bool,
    align: str = "center",
) -> None:
    ax.add_patch(
        FancyBboxPatch(
            (x - w / 2, y - h / 2),
            w,
            h,
            boxstyle="round,pad=0.004,rounding_size=0.012",
            lw=1.2 if bold else 0.9,
            ec="#333333",
            fc="#eef2f6" if bold else "#ffffff",
        )
    )
    tx = x if align == "center" else x - w / 2 + 0.015
    ax.text(
        tx,
        y,
        text,
        ha=align,
        va="center",
        fontsize=8.5,
        linespacing=1.35,
        fontweight=600 if bold else "normal",
    )


def _arrow(ax: plt.Axes, x0: float, y0: float, x1: float, y1: float) -> None:
    ax.annotate(
        "",
        xy=(x1, y1),
        xytext=(x0, y0),
        arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.0, "shrinkA": 0, "shrinkB": 0},
    )


def _line(ax: plt.Axes, xs: Sequence[float], ys: Sequence[float]) -> None:
    ax.plot(xs, ys, color="#333333", lw=1.0, solid_capstyle="butt")


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.fill(part, width) for part in text.split("\n"))


_EXCLUSIONS = (
    ("clofarabine", "flow.excluded.clofarabine"),
    ("age", "flow.excluded.age"),
    ("prior_regimens", "flow.excluded.prior_regimens"),
    ("blasts", "flow.excluded.blasts"),
)


def fig_flow(cohort: Cohort, *, lang: Lang) -> Figure:
    """STROBE flow diagram drawn from the data: records reviewed, exclusions by reason,
    eligible, without data, analysed; then the response-assessment and transplant branches."""
    setup_style()
    r = registry(cohort)

    def n(key: str) -> int:
        return int(r[key].n or 0)

    limits = {k: fmt_num(v.value, 0) for k, v in thresholds(r).items()}
    width = 24 if lang == "ko" else 34

    def box_text(lab: str, key: str, unit: str = "flow_n") -> str:
        return _wrap(label(lab, lang), width) + "\n" + label(unit, lang, n=n(key))

    fig, ax = plt.subplots(figsize=(7.2, 6.6))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    mx, mw, mh = 0.30, 0.44, 0.10  # main column
    sx, sw = 0.77, 0.44  # side column
    y_rev, y_eli, y_ana = 0.91, 0.64, 0.40
    reasons = [
        f"· {label(EXCLUSION_LABEL[reason], lang, **limits)}: {n(key)}"
        for reason, key in _EXCLUSIONS
        if n(key)
    ]
    excl = (
        label("flow_excluded", lang)
        + " ("
        + label("flow_records", lang, n=n("flow.excluded"))
        + ")"
    )
    excl_text = "\n".join([excl, *reasons])
    reviewed = (
        label("flow_reviewed", lang)
        + "\n"
        + label("flow_records", lang, n=n("flow.reviewed"))
        + "\n"
        + label("flow_sites", lang, s=n("flow.sites_enrolling"))
    )
    _box(ax, mx, y_rev, mw, 0.12, reviewed, bold=True)
    y_ex = (y_rev + y_eli) / 2
    _box(ax, sx, y_ex, sw, 0.045 + 0.032 * len(reasons), excl_text, bold=False, align="left")
    _box(ax, mx, y_eli, mw, mh, box_text("flow_eligible", "flow.eligible"), bold=True)
    y_nd = (y_eli + y_ana) / 2
    _box(ax, sx, y_nd, sw, 0.09, box_text("flow_no_data", "flow.no_data"), bold=False)
    _box(ax, mx, y_ana, mw, mh, box_text("flow_analysed", "flow.analysed"), bold=True)
    _arrow(ax, mx, y_rev - 0.06, mx, y_eli + mh / 2)
    _arrow(ax, mx, y_ex, sx - sw / 2, y_ex)
    _arrow(ax, mx, y_eli - mh / 2, mx, y_ana + mh / 2)
    _arrow(ax, mx, y_nd, sx - sw / 2, y_nd)
    # two branches of the analysed patients, side by side
    bw, bh, by, bar = 0.215, 0.12, 0.09, 0.24
    xs = (0.12, 0.355, 0.645, 0.88)
    texts = (
        box_text("flow_examined", "resp.examined"),
        box_text("flow_not_examined", "resp.not_examined"),
        box_text("flow_hsct", "hsct.done"),
        box_text("flow_no_hsct", "hsct.not_done"),
    )
    for x, t in zip(xs, texts, strict=True):
        _box(ax, x, by, bw, bh, _wrap(t, 16 if lang == "ko" else 22), bold=False)
    _line(ax, [mx, mx], [y_ana - mh / 2, bar])
    _line(ax, [xs[0], xs[-1]], [bar, bar])
    for x in xs:
        _arrow(ax, x, bar, x, by + bh / 2)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01)
    plt.close(fig)
    return fig


# ---- the ensemble of reconstructions ------------------------------------------------------------
#: (panel, rows): the ensemble figure's statistics, P values left and hazard ratios right
ENSEMBLE_PANELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("p", ("logrank_p", "mb_p", "td_p", "lm_p")),
    ("hr", ("td_hr", "lm_hr")),
)


def _strip(
    ax: plt.Axes, rows: Sequence[str], results: pd.DataFrame, shipped: dict[str, float]
) -> None:
    """One row per statistic: every reconstruction as a dot (jittered up and down), its
    median and IQR as a bar, this report's cohort as a diamond."""
    rng = np.random.default_rng(0)  # the jitter only; the same picture every render
    for i, col in enumerate(rows):
        y = len(rows) - 1 - i
        v = results[col].to_numpy(dtype=float)
        v = v[np.isfinite(v) & (v > 0)]
        if v.size:
            ax.scatter(
                v,
                y + rng.uniform(-0.22, 0.22, v.size),
                s=7,
                color=COLORS["hsct"],
                alpha=0.45,
                lw=0,
                zorder=2,
            )
            q1, med, q3 = np.percentile(v, [25, 50, 75])
            ax.plot([q1, q3], [y, y], color="#222222", lw=3.2, solid_capstyle="butt", zorder=3)
            ax.plot([med], [y], marker="|", ms=14, mew=2.2, color="#ffffff", zorder=4)
        x = shipped.get(col, float("nan"))
        if np.isfinite(x) and x > 0:
            ax.plot([x], [y], marker="D", ms=7, color=COLORS["no_hsct"], mec="#222222", zorder=5)
    ax.set_yticks(range(len(rows)))
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xscale("log")
    ax.grid(axis="x", color="#e6e6e6", lw=0.6, which="major")


def _within(ax: plt.Axes, x: float) -> bool:
    lo, hi = ax.get_xlim()
    return lo <= x <= hi


def fig_ensemble(cohort: Cohort, *, lang: Lang, folder: Path | None = None) -> Figure:
    """The reconstructions' P values (left, with the significance level) and hazard ratios of
    transplant (right, with 1), each reconstruction a dot and this report's cohort a diamond;
    the naive log-rank P, which the paper fixes, beside the corrected tests."""
    setup_style()
    view = ensemble.ensemble_view(cohort, folder)
    months = fmt_num(view.landmark_months, 0)
    n_rows = [len(rows) for _, rows in ENSEMBLE_PANELS]
    fig = plt.figure(figsize=(7.0, 1.5 + 0.55 * sum(n_rows)))
    gs = fig.add_gridspec(2, 1, height_ratios=n_rows, hspace=0.75)
    shipped = dict(view.shipped)
    width = 28 if lang == "en" else 18  # characters per line (Hangul is wider)
    for k, (panel, rows) in enumerate(ENSEMBLE_PANELS):
        ax = fig.add_subplot(gs[k])
        _strip(ax, rows, view.results, shipped)
        ax.set_yticklabels(
            [_wrap(label(STATISTIC_LABEL[c], lang, t=months), width) for c in reversed(rows)]
        )
        if panel == "p":
            ax.axvline(ALPHA, color="#555555", ls=":", lw=1.2, zorder=1)
            ax.set_xlabel(label("ens_axis_p", lang))
            ax.set_title(label("ens_panel_p", lang), loc="left")
        else:
            ax.axvline(1.0, color="#555555", ls=":", lw=1.2, zorder=1)
            ax.set_xlabel(label("ens_axis_hr", lang))
            ax.set_title(label("ens_panel_hr", lang), loc="left")
            ax.set_xticks([t for t in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20) if _within(ax, t)])
        ax.xaxis.set_major_formatter(
            FuncFormatter(lambda x, _: fmt_num(x, max(0, -int(np.floor(np.log10(x))))))
        )
    handles = [
        Line2D(
            [],
            [],
            ls="none",
            marker="o",
            ms=4,
            color=COLORS["hsct"],
            alpha=0.6,
            label=label("ens_legend_dot", lang),
        ),
        Line2D(
            [],
            [],
            ls="none",
            marker="D",
            ms=6,
            color=COLORS["no_hsct"],
            mec="#222222",
            label=label(
                "ens_legend_shipped" if cohort.reconstructed else "ens_legend_shipped_real",
                lang,
            ),
        ),
        Line2D([], [], color="#222222", lw=3.2, label=label("ens_legend_iqr", lang)),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False, fontsize=8.5)
    fig.subplots_adjust(left=0.27, right=0.97, top=0.93, bottom=0.17)
    plt.close(fig)
    return fig
