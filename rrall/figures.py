"""Present: survival analyses + language -> matplotlib figures (KM with KMunicate risk table)."""

from __future__ import annotations

from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from rrall import survival
from rrall.cohort import Cohort
from rrall.fmt import fmt_p
from rrall.fonts import FONT_FAMILY, font_files
from rrall.labels import GROUP_LABEL, Lang, label

__all__ = ["COLORS", "fig_os", "fig_os_after_hsct", "fig_os_hsct", "km_figure", "setup_style"]

COLORS = {"all": "#222222", "hsct": "#0072B2", "no_hsct": "#D55E00", "cr_hsct": "#009E73"}


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
    title: str | None = None,
    x_label: str | None = None,
) -> Figure:
    """Kaplan-Meier curves with 95% CI bands, censor marks and a KMunicate risk table."""
    setup_style()
    groups = [g for g in a.groups if a.sizes.get(g)]
    n_rows = 3 * len(groups)
    fig = plt.figure(figsize=(7.0, 4.2 + 0.2 * n_rows))
    gs = fig.add_gridspec(2, 1, height_ratios=[4.2, 0.2 * n_rows + 0.35], hspace=0.32)
    ax = fig.add_subplot(gs[0])
    tab = fig.add_subplot(gs[1], sharex=ax)
    ticks = list(a.ticks)
    for g in groups:
        c = a.curves[a.curves["group"] == g]
        t = np.append(c["time"].to_numpy(), ticks[-1])
        s = np.append(c["survival"].to_numpy(), c["survival"].iloc[-1]) * 100
        lo = np.append(c["ci_low"].to_numpy(), c["ci_low"].iloc[-1]) * 100
        hi = np.append(c["ci_high"].to_numpy(), c["ci_high"].iloc[-1]) * 100
        color = COLORS[g]
        name = label("legend_n", lang, name=label(GROUP_LABEL[g], lang), n=a.sizes[g])
        last_t = float(a.curves[a.curves["group"] == g]["time"].max())
        cens = a.censor_marks[a.censor_marks["group"] == g]
        end = max(last_t, float(cens["time"].max()) if len(cens) else last_t)
        keep = t <= end + 1e-9
        ax.step(t[keep], s[keep], where="post", color=color, lw=1.8, label=name)
        ax.fill_between(t[keep], lo[keep], hi[keep], step="post", color=color, alpha=0.15, lw=0)
        ax.plot(
            cens["time"], cens["survival"] * 100, ls="none", marker="|", ms=8, mew=1.4, color=color
        )
    ax.set_ylim(0, 102)
    ax.set_yticks(range(0, 101, 20))
    ax.set_xlim(0, ticks[-1] + 0.05)
    ax.set_xticks(ticks)
    ax.set_ylabel(label("os_axis", lang))
    ax.set_xlabel(x_label or label("time_rr_axis", lang))
    ax.grid(axis="y", color="#e6e6e6", lw=0.6)
    handles, _ = ax.get_legend_handles_labels()
    handles.append(Patch(facecolor="#999999", alpha=0.3, label=label("ci_band", lang)))
    ax.legend(handles=handles, loc="upper right", frameon=False)
    if a.logrank is not None:
        ax.text(
            0.98,
            0.62,
            label("logrank", lang, p=fmt_p(a.logrank.p)),
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=9,
        )
    if title:
        ax.set_title(title, loc="left", fontweight=600)
    # risk table (KMunicate): at risk, censored, events per group at each tick
    tab.set_ylim(-0.5, n_rows - 0.5)
    tab.invert_yaxis()
    tab.axis("off")
    row = 0
    for g in groups:
        r = a.risk[a.risk["group"] == g]
        name = label(GROUP_LABEL[g], lang)
        for key, col in (
            ("at_risk_row", "at_risk"),
            ("censored_row", "censored"),
            ("events_row", "events"),
        ):
            tab.text(
                -0.02,
                row,
                f"{name}: {label(key, lang)}" if key == "at_risk_row" else label(key, lang),
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
    fig.subplots_adjust(left=0.24, right=0.97, top=0.93 if title else 0.97, bottom=0.04)
    plt.close(fig)  # returned, not shown: Jupyter displays the value once
    return fig


def fig_os(cohort: Cohort, *, lang: Lang, title: bool = False) -> Figure:
    """Figure 1A: overall survival of all analysed patients."""
    return km_figure(
        survival.os_all(cohort), lang=lang, title=label("fig_os_title", lang) if title else None
    )


def fig_os_hsct(cohort: Cohort, *, lang: Lang, title: bool = False) -> Figure:
    """Figure 1B: overall survival by HSCT, with the log-rank P."""
    return km_figure(
        survival.os_by_hsct(cohort),
        lang=lang,
        title=label("fig_hsct_title", lang) if title else None,
    )


def fig_os_after_hsct(cohort: Cohort, *, lang: Lang, title: bool = False) -> Figure:
    """Figure 1C: survival from HSCT for patients transplanted in CR/CRp."""
    return km_figure(
        survival.os_after_hsct_cr(cohort),
        lang=lang,
        title=label("fig_cr_title", lang) if title else None,
        x_label=label("time_hsct_axis", lang),
    )
