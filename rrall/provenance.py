"""Which data the report was computed from: file names, row counts and SHA-256 digests."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from rrall.audit import load_published
from rrall.cohort import Cohort
from rrall.paths import data_dir

__all__ = ["data_digest", "provenance", "reconstruction_note"]


def provenance(cohort: Cohort, folder: Path | None = None) -> pd.DataFrame:
    """One row per input file: ``entity``, ``file``, ``rows``, ``sha256`` (first 16 hex digits)."""
    folder = folder or cohort.folder or data_dir()
    pts = cohort.patients
    counts = {
        "screening": len(cohort.screening),
        "baseline": len(pts),
        "treatment": len(cohort.agents),
        "response": int(pts["marrow_exam"].notna().sum()),
        "transplant": int(pts["hsct"].notna().sum()),
        "followup": int(pts["vital_status"].notna().sum()),
    }
    rows = []
    for entity, fname in cohort.sources.items():
        path = folder / fname
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else ""
        rows.append({"entity": entity, "file": fname, "rows": counts[entity], "sha256": digest})
    out = pd.DataFrame(rows)
    return out


def data_digest(cohort: Cohort, folder: Path | None = None) -> str:
    """One short digest over all input files, to cite the exact data a report came from."""
    h = hashlib.sha256()
    for d in provenance(cohort, folder)["sha256"]:
        h.update(str(d).encode())
    return h.hexdigest()[:12]


def _published_names(lang: str, folder: Path | None) -> dict[str, str]:
    """numbers key -> what the paper's number is (from ``published.yaml``)."""
    items = load_published((folder or data_dir()) / "published.yaml")["items"]
    return {item["key"]: item["what"][lang] for item in items}


def reconstruction_note(lang: str, folder: Path | None = None) -> str:
    """What the survival search found, from ``data/reconstruction.yaml``, in ``lang``.

    For real data (no ``reconstruction.yaml``) it says so.
    """
    import yaml

    path = (folder or data_dir()) / "reconstruction.yaml"
    if not path.exists():
        return {
            "ko": "이 자료 폴더에는 재구성 기록이 없다: 실제 자료로 계산한 보고서이다.",
            "en": "This data folder holds no reconstruction record: the report was computed from real data.",
        }[lang]
    info = yaml.safe_load(path.read_text(encoding="utf-8"))
    k = info.get("k_lost", "?")
    it = info.get("iterations", "?")
    missed = info.get("missed") or {}
    what = _published_names(lang, folder)
    paper, recon = ("논문", "재구성") if lang == "ko" else ("paper", "reconstruction")
    miss = ", ".join(
        f"{what.get(key, key)} ({paper} {v[0]}, {recon} {v[1]})" for key, v in missed.items()
    )
    if lang == "ko":
        text = (
            f"씨앗 {info.get('seed')}에서 탐색은 모두 {it}단계를 거쳐 해를 찾았다. 이식 후 생존자 8명만 "
            f"중도절단되면 1년 전체 생존율이 정수 k에 대한 k/63이 되어 53.7%가 될 수 없으므로(증명은 "
            f"rrall.survival_search와 그 시험), 비이식 환자 {k}명을 추적 불가로 중도절단하였다. 논문도 이식 "
            f"미시행 사유로 추적 불가를 들고 있으며, 이들 뒤에도 비이식군의 사망이 있어 곡선은 0%로 끝난다. "
            f"자료 마감일은 {info.get('cutoff')}이다."
        )
        if missed:
            text += f" 다른 수치와 함께 만족할 수 없어 가장 가까운 값을 택한 항목: {miss} (아래 모순 표)."
        return text
    text = (
        f"With seed {info.get('seed')} the search found its solution after {it} steps in all. If the 8 "
        f"transplanted survivors were the only censored patients, 1-year overall survival would be k/63 "
        f"for a whole number k, which never prints as 53.7% (the proof is in rrall.survival_search and "
        f"its tests), so {k} untransplanted patients are censored as lost to follow-up. The paper itself "
        f"names loss to follow-up among the reasons for no transplant, and later deaths in the no-HSCT "
        f"group take its curve to 0%. The data cut-off is {info.get('cutoff')}."
    )
    if missed:
        text += f" Not reachable together with the other numbers, so the nearest value was taken: {miss} (see the table of contradictions below)."
    return text
