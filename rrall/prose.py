"""Present: the sentences whose words depend on the data, chosen from computed values.

Each function takes the edition's :class:`rrall.cite.Numbers` (cohort and language) and returns
Markdown with every number as a cited span. Which agent leads, which group is higher, whether a
test is significant and whether "most" is most are all read from the values, so the prose stays
true for any cohort a study team renders. A premise that does not hold changes the sentence.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from rrall.cite import Num, Numbers, numbers
from rrall.cohort import Cohort
from rrall.constants import ALPHA
from rrall.fmt import round_half_up
from rrall.labels import (
    CONCLUSION_LABEL,
    EXCLUSION_LABEL,
    GROUP_LABEL,
    STATISTIC_LABEL,
    Lang,
    Markdown,
    fill,
    label,
)
from rrall.labels.words import join_list, ordinal_suffix_en
from rrall.rebuild import ensemble

__all__ = [
    "ALPHA",
    "agents_sentence",
    "alive_in_cr_sentence",
    "asparaginase_sentence",
    "audit_caption",
    "audit_intro",
    "audit_title",
    "caption_os_hsct",
    "comparison",
    "conclusion_sentence",
    "contradictions_caption",
    "ensemble_caption",
    "ensemble_diagnostic_sentence",
    "ensemble_findings",
    "ensemble_intro",
    "ensemble_numbers",
    "ensemble_rerun",
    "ensemble_spread_sentence",
    "figure_caption",
    "flow_sentence",
    "followup_sentence",
    "how_to_cite",
    "hsct_reason_sentence",
    "immunophenotype_sentence",
    "landmark_sentence",
    "literature_sentence",
    "median_os_sentence",
    "mode_sentence",
    "naive_comparison_sentence",
    "no_data_sentence",
    "not_evaluable_sentence",
    "notice",
    "of_phrase",
    "overlap_sentence",
    "recon_appendix",
    "recon_title",
    "sex_ratio_sentence",
    "significance",
    "status_sentence",
    "strobe_table",
    "td_deaths_sentence",
    "td_sentence",
]


def _say(key: str, lang: Lang, **fields: Any) -> Markdown:
    return Markdown(fill(label(key, lang), fields))


def comparison(a: float, b: float, *, lang: Lang) -> str:
    """``higher`` / ``lower`` / ``the same`` for ``a`` against ``b`` (at the printed precision
    of one decimal, so values that print alike are called the same)."""
    ra, rb = round_half_up(a, 1), round_half_up(b, 1)
    key = "cmp_same" if ra == rb else ("cmp_higher" if ra > rb else "cmp_lower")
    return label(key, lang)


def significance(p: float, *, lang: Lang) -> str:
    """``statistically significant`` when ``p < ALPHA``, else not; NaN: could not be tested."""
    if p is None or math.isnan(p):
        return label("sig_ne", lang)
    return label("sig_yes" if p < ALPHA else "sig_no", lang)


def _position(value: float, lo: float, hi: float, lang: Lang) -> str:
    if value < lo:
        return label("range_below", lang)
    if value > hi:
        return label("range_above", lang)
    return label("range_within", lang)


def of_phrase(
    k: int, n: int, *, lang: Lang, k_num: Num | str | None = None, n_num: Num | str | None = None
) -> Markdown:
    """``all 8`` / ``none of the 8`` / ``7 of the 8`` (and the Korean equivalents)."""
    kk = k_num if k_num is not None else str(k)
    nn = n_num if n_num is not None else str(n)
    if n > 0 and k == n:
        return _say("of_all", lang, n=nn)
    if k == 0:
        return _say("of_none", lang, n=nn)
    return _say("of_some", lang, k=kk, n=nn)


def _join(items: list[Num], lang: Lang) -> Markdown:
    return Markdown(join_list([i._repr_markdown_() for i in items], lang))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _low(text: str, lang: Lang) -> str:
    """Lower-case the first letter of an English label used mid-sentence (not acronyms)."""
    if lang != "en" or len(text) < 2 or text[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


# ---- study flow ------------------------------------------------------------------------------
def flow_sentence(nums: Numbers) -> Markdown:
    """Records reviewed, excluded with their reasons, eligible."""
    lang = nums.lang
    if nums.count("flow.excluded") == 0:
        return _say(
            "flow_excluded_none",
            lang,
            reviewed=nums["flow.reviewed"],
            eligible=nums["flow.eligible"],
        )
    reasons = []
    for key, reason in (
        ("flow.excluded.clofarabine", "clofarabine"),
        ("flow.excluded.age", "age"),
        ("flow.excluded.prior_regimens", "prior_regimens"),
        ("flow.excluded.blasts", "blasts"),
    ):
        if nums.count(key):
            reasons.append(
                fill(
                    label("flow_reason", lang),
                    {
                        "reason": fill(label(EXCLUSION_LABEL[reason], lang), nums.limits()),
                        "n": nums[key],
                    },
                )
            )
    return _say(
        "flow_excluded_some",
        lang,
        reviewed=nums["flow.reviewed"],
        excluded=nums["flow.excluded"],
        reasons="; ".join(reasons),
        eligible=nums["flow.eligible"],
    )


def no_data_sentence(nums: Numbers) -> Markdown:
    """Eligible patients without treatment or follow-up records, and who is analysed."""
    if nums.count("flow.no_data") == 0:
        return _say("flow_no_data_none", nums.lang, analysed=nums["flow.analysed"])
    return _say(
        "flow_no_data_some",
        nums.lang,
        no_data=nums.patients("flow.no_data"),
        analysed=nums["flow.analysed"],
    )


# ---- characteristics ----------------------------------------------------------------------------
def sex_ratio_sentence(nums: Numbers) -> Markdown:
    """The male to female ratio, or that there were no female patients."""
    if not nums.value("t1.sex_ratio").estimable:
        return _say("sex_ratio_no_female", nums.lang)
    return _say("sex_ratio", nums.lang, ratio=nums["t1.sex_ratio"])


def immunophenotype_sentence(nums: Numbers) -> Markdown:
    """The commonest immunophenotype; "more than half" only when it is."""
    v = nums.value("t1.immunophenotype_top.share")
    if nums.raw("t1.immunophenotype_top") is None or not v.n:
        return _say("immuno_none", nums.lang)
    key = "immuno_top_majority" if v.value > 50 else "immuno_top"
    return _say(
        key,
        nums.lang,
        name=nums["t1.immunophenotype_top"],
        share=nums["t1.immunophenotype_top.share"],
    )


def status_sentence(nums: Numbers) -> Markdown:
    """Relapsed against refractory: more, fewer or as many, and the ratio when it exists."""
    rel, ref = nums.count("t1.relapsed"), nums.count("t1.refractory")
    key = "status_equal" if rel == ref else ("status_more" if rel > ref else "status_fewer")
    out = _say(key, nums.lang, rel=nums.n_pct("t1.relapsed"), ref=nums.n_pct("t1.refractory"))
    if ref and rel != ref:
        sep = ", " if nums.lang == "en" else "; "
        out = Markdown(
            out + sep + _say("status_ratio", nums.lang, ratio=nums["t1.relapsed_to_refractory"])
        )
    return out


# ---- treatment --------------------------------------------------------------------------------
_RANKS = ("agents.first", "agents.second", "agents.third", "agents.fourth", "agents.fifth")
_SHARES = (
    "agents.first.share",
    "agents.second.share",
    "agents.third.share",
    "agents.fourth.share",
    "agents.fifth.share",
)


def agents_sentence(nums: Numbers) -> Markdown:
    """The agents used most often (the top three, and any tied with the third)."""
    lang = nums.lang
    used = [i for i, k in enumerate(_RANKS) if nums.raw(k) is not None]
    if not used:
        return _say("agents_none", lang)
    counts = [nums.count(_SHARES[i]) for i in used]
    cut = min(3, len(used))
    while cut < len(used) and counts[cut] == counts[cut - 1]:
        cut += 1
    items: list[str] = []
    i = 0
    while i < cut:
        j = i
        while j + 1 < cut and counts[j + 1] == counts[i]:
            j += 1
        names = [nums.name(_RANKS[x]) for x in used[i : j + 1]]
        share = nums[_SHARES[used[i]]].inside()
        if j > i:
            items.append(
                fill(label("tied_with", lang), {"names": _join(names, lang), "share": share})
            )
        else:
            items.append(fill(label("item_share", lang), {"name": names[0], "share": share}))
        i = j + 1
    key = "agents_top_one" if len(used) == 1 else "agents_top"
    return _say(key, lang, list=Markdown(join_list(items, lang)))


def asparaginase_sentence(nums: Numbers) -> Markdown:
    """How many received L-asparaginase in the first cycle."""
    k = nums.count("agents.l_asparaginase")
    n = nums.count("flow.analysed")
    of = of_phrase(
        k, n, lang=nums.lang, k_num=nums["agents.l_asparaginase"], n_num=nums["flow.analysed"]
    )
    return _say("asparaginase_none" if k == 0 else "asparaginase", nums.lang, of=of)


def not_evaluable_sentence(nums: Numbers) -> Markdown:
    """Examined patients without a response category (empty when there are none)."""
    if nums.count("resp.not_evaluable") == 0:
        return Markdown("")
    return _say("not_evaluable", nums.lang, n=nums.patients("resp.not_evaluable"))


def overlap_sentence(nums: Numbers) -> Markdown:
    """Patients with two reasons for no marrow examination (empty when there are none)."""
    if nums.count("resp.reason.overlap") == 0:
        return Markdown("")
    return _say("reasons_overlap", nums.lang, n=nums.patients("resp.reason.overlap"))


def hsct_reason_sentence(nums: Numbers) -> Markdown:
    """The commonest reason for no transplant; "more than half" only when it is."""
    lang = nums.lang
    if nums.count("hsct.not_done") == 0:
        return _say("hsct_all_transplanted", lang)
    reason = nums.raw("hsct.reason.top")
    v = nums.value("hsct.reason.top.share")
    name = nums.cohort.codebook.label("reason_no_hsct", str(reason), lang)
    key = "hsct_reason_top_majority" if v.value > 50 else "hsct_reason_top"
    return _say(
        key,
        lang,
        untransplanted=nums.patients("hsct.not_done"),
        reason=_low(name, lang),
        reason_cap=_cap(name),
        share=nums.n_pct("hsct.reason.top.share"),
    )


def alive_in_cr_sentence(nums: Numbers) -> Markdown:
    """How many living transplanted patients had been in CR/CRp before HSCT."""
    alive = nums.count("hsct.alive")
    if alive == 0:
        return _say("alive_in_cr_none_alive", nums.lang)
    k = nums.count("hsct.alive.in_cr")
    of = of_phrase(
        k, alive, lang=nums.lang, k_num=nums.n("hsct.alive.in_cr"), n_num=nums["hsct.alive"]
    )
    return _say("alive_in_cr", nums.lang, of=of)


# ---- survival ----------------------------------------------------------------------------------
def median_os_sentence(nums: Numbers) -> Markdown:
    """Median overall survival with its CI, or that it was not reached."""
    if nums.value("os.median").missing == "not_reached":
        return _say("median_os_nr", nums.lang)
    return _say("median_os", nums.lang, m=nums.est("os.median"))


def followup_sentence(nums: Numbers) -> Markdown:
    """Median follow-up (reverse Kaplan-Meier) and the number lost to follow-up."""
    return _say(
        "followup",
        nums.lang,
        fu=nums.est("os.followup"),
        lost=nums.patients("os.lost"),
        days=nums["design.lost_days"],
    )


def naive_comparison_sentence(nums: Numbers) -> Markdown:
    """Five-year survival with and without HSCT (the paper's naive comparison), worded from the
    values; one group only: says so."""
    lang = nums.lang
    n_tx, n_no = nums.count("os.hsct.n"), nums.count("os.no_hsct.n")
    if n_tx == 0 or n_no == 0:
        group = label(GROUP_LABEL["hsct" if n_tx else "no_hsct"], lang)
        return _say("naive_one_group", lang, group=_low(group, lang))
    a, b = nums.value("os.hsct.5y"), nums.value("os.no_hsct.5y")
    if a.estimable and b.estimable:
        cmp = comparison(a.value, b.value, lang=lang)
    else:
        cmp = label("sig_ne", lang)
    key = "naive_cmp_same" if cmp == label("cmp_same", lang) else "naive_cmp"
    return _say(
        key,
        lang,
        n_tx=nums.patients("os.hsct.n"),
        n_no=nums.patients("os.no_hsct.n"),
        s_tx=nums["os.hsct.5y"],
        s_no=nums["os.no_hsct.5y"],
        cmp=cmp,
        p=nums["os.hsct.logrank_p"],
    )


def literature_sentence(nums: Numbers, which: str) -> Markdown:
    """The cohort's CR rate or 5-year OS placed against the range the literature reports."""
    if which == "cr":
        v, lo, hi = nums.value("rate.cr"), "lit.cr.low", "lit.cr.high"
    else:
        v, lo, hi = nums.value("os.5y"), "lit.os.low", "lit.os.high"
    pos = (
        _position(v.value, nums.raw(lo), nums.raw(hi), nums.lang)
        if v.estimable
        else label("sig_ne", nums.lang)
    )
    key = "cr_vs_literature" if which == "cr" else "os_vs_literature"
    return _say(
        key, nums.lang, cr=nums["rate.cr"], os5=nums["os.5y"], pos=pos, lo=nums[lo], hi=nums[hi]
    )


def mode_sentence(nums: Numbers, where: str) -> Markdown:
    """The sentence of ``where`` that depends on whether the data are reconstructed."""
    keys = {
        ("intro", True): "mode_intro_reconstructed",
        ("intro", False): "mode_intro_real",
        ("limits", True): "mode_limits_reconstructed",
        ("limits", False): "mode_limits_real",
        ("methods", True): "mode_methods_reconstructed",
        ("methods", False): "mode_methods_real",
        ("audit", True): "mode_audit_reconstructed",
        ("audit", False): "mode_audit_real",
    }
    return _say(keys[where, nums.reconstructed], nums.lang)


def caption_os_hsct(nums: Numbers) -> str:
    """The caption of the survival-by-transplant figure, for two groups or for one."""
    two = nums.count("os.hsct.n") > 0 and nums.count("os.no_hsct.n") > 0
    return figure_caption(nums, "cap_fig_os_hsct" if two else "cap_fig_os_one_group")


def figure_caption(nums: Numbers, key: str) -> str:
    """A figure's caption; for reconstructed data it says so (the curves' shapes, intervals
    and numbers at risk exist only in the reconstruction)."""
    text = label(key, nums.lang)
    if nums.reconstructed:
        note = "figure_reconstructed_flow" if key == "cap_fig_flow" else "figure_reconstructed"
        if not text.rstrip().endswith("."):
            text = text.rstrip() + "."
        text += " " + label(note, nums.lang)
    return text


def notice(nums: Numbers) -> Markdown:
    """The callout at the head of the book: reconstructed or the study's own data."""
    if nums.reconstructed:
        title_key, body_key = "notice_reconstructed_title", "notice_reconstructed_body"
    else:
        title_key, body_key = "notice_real_title", "notice_real_body"
    title = label(title_key, nums.lang)
    body = _say(body_key, nums.lang, n=nums["flow.reviewed"])
    kind = "warning" if nums.reconstructed else "note"
    return Markdown(f"::: {{.callout-{kind}}}\n## {title}\n{body}\n:::\n")


def how_to_cite(nums: Numbers) -> Markdown:
    """How to cite this report (the wording of ``CITATION.cff``), with the digest of the exact
    data it was computed from."""
    from rrall.citation import citation_text

    digest = nums["data.digest"]._repr_markdown_()
    return Markdown(citation_text(nums.lang, data_digest=digest))


# ---- appendices --------------------------------------------------------------------------------
def recon_appendix(nums: Numbers) -> Markdown:
    """Appendix B: how the reconstruction was built (reconstructed data), or where the study's
    data come from (real data)."""
    from rrall.published import load_published

    lang = nums.lang
    if not nums.reconstructed:
        folder = nums.cohort.folder
        codebook = "codebook_default" if nums.cohort.codebook.is_default() else "codebook_study"
        body = _say(
            "real_provenance",
            lang,
            folder=folder.name if folder else "data",
            codebook=label(codebook, lang),
        )
        return Markdown(f"## {label('h_provenance_real', lang)}\n\n{body}\n")
    items = len(load_published(nums.cohort.folder).items)
    parts = [
        f"## {label('h_recon_what', lang)}\n\n{_say('recon_what', lang, items=items)}",
        f"## {label('h_recon_method', lang)}\n\n{label('recon_method', lang)}",
        f"## {label('h_recon_result', lang)}\n\n{reconstruction_note(nums)}",
    ]
    return Markdown("\n\n".join(parts) + "\n")


def audit_intro(nums: Numbers) -> Markdown:
    """The audit's opening paragraph, in the words that fit the data (a reproduction of the
    paper, or another cohort set beside it)."""
    fields = {
        "total": nums["audit.items"],
        "places": nums["audit.places"],
        "reproduced": nums["audit.reproduced"],
        "contradiction": nums["audit.contradiction"],
        "different": nums["audit.different"],
        "unexplained": _say(
            "audit_differs_some" if nums.count("audit.differs") else "audit_differs_none",
            nums.lang,
            differs=nums["audit.differs"],
        ),
    }
    key = "audit_intro_reconstructed" if nums.reconstructed else "audit_intro_real"
    return _say(key, nums.lang, **fields)


def strobe_table(nums: Numbers) -> Markdown:
    """The STROBE checklist as a Markdown table whose last column cross-references the
    report's own sections, figures and tables."""
    from rrall.labels.strobe import STROBE_ITEMS, STROBE_REAL

    lang = nums.lang
    head = (
        label("strobe_col_item", lang),
        label("strobe_col_topic", lang),
        label("strobe_col_where", lang),
    )
    rows = [f"| {head[0]} | {head[1]} | {head[2]} |", "|---:|:---|:---|"]
    for number, topic, how in STROBE_ITEMS:
        if not nums.reconstructed:
            how = STROBE_REAL.get(how, how)
        rows.append(f"| {number} | {label(topic, lang)} | {label(how, lang)} |")
    return Markdown("\n".join(rows) + "\n")


def reconstruction_note(nums: Numbers) -> Markdown:
    """What the reconstruction's search found, from ``reconstruction.yaml``."""
    from rrall.published import load_published, load_reconstruction

    rec = load_reconstruction(nums.cohort.folder) or {}
    pub = load_published(nums.cohort.folder)
    missed = rec.get("missed") or {}
    names = {it.measure.get("key"): it for it in pub.items}
    lines = []
    for key, pair in missed.items():
        item = names.get(key) or next((it for it in pub.items if it.id == key), None)
        what = item.what[nums.lang] if item else str(key)
        lines.append(
            fill(
                label("recon_missed_item", nums.lang),
                {"what": what, "printed": pair[0], "got": pair[1]},
            )
        )
    text = _say(
        "recon_note",
        nums.lang,
        seed=rec.get("seed", ""),
        cutoff=nums["flow.cutoff"],
        k_lost=rec.get("k_lost", ""),
        steps=rec.get("iterations", ""),
    )
    if lines:
        key = "recon_missed_one" if len(lines) == 1 else "recon_missed"
        text = Markdown(text + " " + _say(key, nums.lang, items="; ".join(lines), k=len(lines)))
    return text


def audit_title(nums: Numbers) -> str:
    """The audit appendix's title: a reproduction audit, or this cohort beside the paper."""
    return label("ch_audit" if nums.reconstructed else "ch_audit_real", nums.lang)


def audit_caption(nums: Numbers) -> str:
    """The audit table's caption, in the words that fit the data."""
    return label("cap_audit" if nums.reconstructed else "cap_audit_real", nums.lang)


# ---- the corrected transplant comparison -----------------------------------------------------
def _td_verdict(nums: Numbers) -> str:
    """``untestable``, ``holds``, ``against``, ``sig_only``, ``lost`` or ``neither``."""
    mb, hr = nums.value("td.mb.p"), nums.value("td.hr")
    if not mb.estimable:
        return "untestable"
    naive = nums.value("os.hsct.logrank_p")
    naive_sig = naive.estimable and naive.value < ALPHA
    if mb.value < ALPHA:
        if hr.estimable and hr.value > 1:
            return "against"
        return "holds" if naive_sig else "sig_only"
    return "lost" if naive_sig else "neither"


def td_sentence(nums: Numbers) -> Markdown:
    """Whether the transplant difference survives the correction for immortal-time bias."""
    verdict = _td_verdict(nums)
    if verdict == "untestable":
        return _say("td_not_testable", nums.lang)
    key = {
        "holds": "td_holds",
        "sig_only": "td_sig_only",
        "against": "td_holds_against",
        "lost": "td_lost",
        "neither": "td_neither",
    }[verdict]
    return _say(key, nums.lang, p=nums["td.mb.p"], hr=nums.est("td.hr").inside())


def td_deaths_sentence(nums: Numbers) -> Markdown:
    """Deaths observed in the transplanted state against those expected (Mantel-Byar)."""
    if not nums.value("td.mb.p").estimable:
        return Markdown("")
    return _say(
        "td_deaths",
        nums.lang,
        observed=nums["td.mb.deaths_after"],
        expected=nums["td.mb.expected_after"],
    )


def landmark_sentence(nums: Numbers) -> Markdown:
    """The pre-specified landmark analysis: who is compared, who is excluded, the result."""
    lang = nums.lang
    t = nums["design.landmark_months"]
    if nums.count("td.landmark.hsct") == 0 or nums.count("td.landmark.no_hsct") == 0:
        return _say("landmark_not_possible", lang, t=t)
    p = nums.value("td.landmark.p")
    parts = [
        _say(
            "landmark_sentence",
            lang,
            t=t,
            n=nums.patients("td.landmark.n"),
            sig=significance(p.value, lang=lang),
            p=nums["td.landmark.p"],
            hr=nums.est("td.landmark.hr").inside(),
        )
    ]
    died = nums.count("td.landmark.died_before")
    censored = nums.count("td.landmark.censored_before")
    excl = {
        (True, True): "landmark_excl_both",
        (True, False): "landmark_excl_died",
        (False, True): "landmark_excl_censored",
    }.get((died > 0, censored > 0))
    if excl:
        parts.append(
            _say(
                excl,
                lang,
                died=nums.patients("td.landmark.died_before"),
                censored=nums.patients("td.landmark.censored_before"),
            )
        )
    if nums.count("td.landmark.tx_later") > 0:
        parts.append(_say("landmark_later", lang, later=nums.patients("td.landmark.tx_later")))
    return Markdown(". ".join(parts))


def conclusion_sentence(nums: Numbers) -> Markdown:
    """The conclusion, from the values: survival against the literature, what the corrected
    transplant comparison shows, and (reconstructed data) where to see how much rests on it."""
    lang = nums.lang
    v = nums.value("os.5y")
    lo, hi = nums.raw("lit.os.low"), nums.raw("lit.os.high")
    pos = _position(v.value, lo, hi, lang) if v.estimable else label("sig_ne", lang)
    parts: list[str] = [
        _say(
            "conclusion_os",
            lang,
            os5=nums["os.5y"],
            pos=pos,
            lo=nums["lit.os.low"],
            hi=nums["lit.os.high"],
        )
    ]
    key = {
        "holds": "conclusion_td_holds",
        "sig_only": "conclusion_td_holds",
        "against": "conclusion_td_against",
        "lost": "conclusion_td_lost",
        "neither": "conclusion_td_none",
        "untestable": "conclusion_td_untestable",
    }
    parts.append(label(key[_td_verdict(nums)], lang))
    if nums.reconstructed and "ens.n" in nums.reg and _td_verdict(nums) != "untestable":
        parts.append(_conclusion_ensemble(nums))
    parts.append(label("conclusion_call", lang))
    return Markdown(" ".join(parts))


def _conclusion_ensemble(nums: Numbers) -> Markdown:
    """In how many reconstructions the corrected comparison gives the shipped cohort's verdict."""
    below = nums.value("td.mb.p").value < ALPHA
    same_key = "ens.holds.mb_p" if below else "ens.fails.mb_p"
    n, same = nums.count("ens.n"), nums.count(same_key)
    which = "conclusion_ensemble"
    if same == n:
        which = "conclusion_ensemble_all"
    elif same == 0:
        which = "conclusion_ensemble_none"
    return _say(
        which,
        nums.lang,
        alpha=nums["design.alpha"],
        side=label("ens_side_below" if below else "ens_side_above", nums.lang),
        n=nums["ens.n"],
        k=nums.n(same_key),
    )


def contradictions_caption(nums: Numbers) -> str:
    """The caption of the contradictions table (with the reconstruction's interpretations only
    for reconstructed data)."""
    return label(
        "cap_contradictions" if nums.reconstructed else "cap_contradictions_real", nums.lang
    )


def recon_title(nums: Numbers) -> str:
    """Appendix B's title: the reconstruction, or simply where the data come from."""
    return label("ch_recon" if nums.reconstructed else "ch_recon_real", nums.lang)


# ---- the ensemble of reconstructions (Appendix: what rests on the reconstruction) -----------
def ensemble_numbers(cohort: Cohort, *, lang: Lang, folder: Path | None = None) -> Numbers:
    """The edition's cited numbers with the ensemble's besides (results in ``folder``,
    default the committed ones; see :func:`rrall.rebuild.ensemble.ensemble_view`)."""
    view = ensemble.ensemble_view(cohort, folder)
    return numbers(cohort, lang=lang).extended(view.values)


def _category(nums: Numbers, key: str) -> str:
    n = nums.count("ens.n")
    return ensemble.category(nums.count(key) / n) if n else "none"


def ensemble_intro(nums: Numbers) -> Markdown:
    """What the ensemble is, how it was made, and (real data) what it is not."""
    key = "ens_intro" if nums.reconstructed else "ens_intro_real"
    return _say(key, nums.lang, n=nums["ens.n"], seed=nums["ens.master_seed"])


def ensemble_findings(nums: Numbers) -> Markdown:
    """Which results hold in every reconstruction, in most, in some, in none; then what that
    means for the transplant comparison. All read from the counts."""
    lang = nums.lang
    alpha, t = nums["design.alpha"], nums["ens.landmark_months"]
    most = nums["ens.most"]
    groups: dict[str, list[str]] = {"all": [], "most": [], "some": [], "none": []}
    for cid, key in ensemble.HOLDS_KEY.items():
        what = label(CONCLUSION_LABEL[cid], lang, alpha=alpha, t=t)
        cat = _category(nums, key)
        if cat in ("most", "some"):
            count = fill(
                label("ens_k_of_n", lang),
                {"k": nums.n(key), "n": nums.of(key), "pct": nums[key]},
            )
            what = fill(label("ens_item", lang), {"what": what, "count": count})
        groups[cat].append(what)
    parts: list[str] = []
    for cat, sentence in (
        ("all", "ens_all"),
        ("most", "ens_most"),
        ("some", "ens_some"),
        ("none", "ens_none"),
    ):
        if groups[cat]:
            conj = "or" if cat == "none" else "and"
            items = Markdown(join_list(groups[cat], lang, conj=conj))
            parts.append(_say(sentence, lang, n=nums["ens.n"], items=items, most=most))
    verdict = _ensemble_verdict(nums)
    parts.append(label(verdict, lang) if verdict else "")
    if _category(nums, "ens.holds.naive_p") in ("most", "some"):
        parts.append(label("ens_verdict_naive_varies", lang))
    return Markdown(" ".join(p for p in parts if p))


def _ensemble_verdict(nums: Numbers) -> str:
    """The label of what the categories mean for the corrected transplant comparison."""
    naive = _category(nums, "ens.holds.naive_p")
    mb = _category(nums, "ens.holds.mb_p")
    ci = _category(nums, "ens.holds.td_ci")
    if mb == "all" and ci == "all":
        return "ens_verdict_robust"
    if mb == "none" and ci == "none":
        return "ens_verdict_immortal" if naive in ("all", "most") else ""
    return "ens_verdict_depends"


def ensemble_spread_sentence(nums: Numbers) -> Markdown:
    """How far the statistics the paper does not publish spread, and the naive P beside."""
    lang = nums.lang
    parts = [
        _say(
            "ens_spread",
            lang,
            mb_min=nums["ens.mb_p.min"],
            mb_max=nums["ens.mb_p.max"],
            mb_med=nums["ens.mb_p.median"],
            hr_min=nums["ens.td_hr.min"],
            hr_max=nums["ens.td_hr.max"],
            hr_med=nums["ens.td_hr.median"],
            os_min=nums["ens.os_median.min"],
            os_max=nums["ens.os_median.max"],
        )
    ]
    lo, hi = nums["ens.logrank_p.min"], nums["ens.logrank_p.max"]
    if lo.main == hi.main:
        parts.append(_say("ens_naive_fixed", lang, p=lo))
    else:
        parts.append(_say("ens_naive_range", lang, lo=lo, hi=hi))
    if nums.value("ens.mb_p.percentile").estimable:
        pct = nums["ens.mb_p.percentile"]
        parts.append(
            _say(
                "ens_shipped_sentence",
                lang,
                shipped=label(
                    "ens_shipped_name" if nums.reconstructed else "ens_shipped_name_real", lang
                ),
                p=nums["ens.mb_p.shipped"],
                pct=pct,
                suffix=ordinal_suffix_en(int(pct.main)) if lang == "en" else "",
            )
        )
    return Markdown(" ".join(parts))


def ensemble_diagnostic_sentence(nums: Numbers) -> Markdown:
    """That the seeds do vary the free parts (and which parts, if any, do not)."""
    lang = nums.lang
    fixed = [c for c in str(nums.raw("ens.diag.fixed")).split(",") if c]
    tail = ""
    if fixed:
        names = [_low(label(STATISTIC_LABEL[c], lang), lang) for c in fixed]
        tail = " " + label("ens_diagnostic_fixed", lang, items=join_list(names, lang))
    return Markdown(_diagnostic(nums) + tail)


def _diagnostic(nums: Numbers) -> Markdown:
    return _say(
        "ens_diagnostic_sentence",
        nums.lang,
        tx_min=nums["ens.hsct_day_median.min"],
        tx_max=nums["ens.hsct_day_median.max"],
        fu_min=nums["ens.alive_followup_median.min"],
        fu_max=nums["ens.alive_followup_median.max"],
        lost_min=nums["ens.k_lost.min"],
        lost_max=nums["ens.k_lost.max"],
    )


def ensemble_caption(nums: Numbers, which: str) -> Markdown:
    """Captions of the ensemble's tables and figure (``which``: ``spread``, ``conclusions``,
    ``diagnostic``, ``figure``)."""
    lang = nums.lang
    shipped = label("ens_shipped_name" if nums.reconstructed else "ens_shipped_name_real", lang)
    key = {
        "spread": "cap_ensemble",
        "conclusions": "cap_ensemble_conclusions",
        "diagnostic": "cap_ensemble_diagnostic",
        "figure": "cap_fig_ensemble",
    }[which]
    return _say(key, lang, n=nums["ens.n"], shipped=shipped, alpha=nums["design.alpha"])


def ensemble_rerun(nums: Numbers) -> Markdown:
    """How to rebuild the ensemble (commands as code)."""
    return _say("ens_rerun", nums.lang)
