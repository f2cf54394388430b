"""Which data the report was computed from: file names, row counts and SHA-256 digests."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from rrall.cohort import Cohort
from rrall.paths import data_dir

__all__ = ["provenance", "data_digest", "reconstruction_note"]


def provenance(cohort: Cohort, folder: Path | None = None) -> pd.DataFrame:
    """One row per input file: ``entity``, ``file``, ``rows``, ``sha256`` (first 16 hex digits)."""
    folder = folder or data_dir()
    counts = {
        "screening": len(cohort.screening),
        "baseline": len(cohort.patients),
        "treatment": None,
        "response": int(cohort.patients["marrow_exam"].notna().sum()),
        "transplant": int(cohort.patients["hsct"].notna().sum()),
        "followup": int(cohort.patients["vital_status"].notna().sum()),
    }
    rows = []
    for entity, fname in cohort.sources.items():
        path = folder / fname
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else ""
        rows.append({"entity": entity, "file": fname, "rows": counts.get(entity), "sha256": digest})
    out = pd.DataFrame(rows)
    out.loc[out["entity"] == "treatment", "rows"] = len(cohort.agents)
    return out


def data_digest(cohort: Cohort, folder: Path | None = None) -> str:
    """One short digest over all input files, to cite the exact data a report came from."""
    h = hashlib.sha256()
    for d in provenance(cohort, folder)["sha256"]:
        h.update(str(d).encode())
    return h.hexdigest()[:12]


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
    if lang == "ko":
        return (
            f"씨앗 {info.get('seed')}에서 탐색은 {it}회 반복 후 모든 생존 목표를 만족하는 해를 찾았다. "
            f"이식 생존자 8명만 중도절단되면 1년 전체 생존율이 63명 중 정수 k에 대한 k/63이 되어 53.7%가 될 수 "
            f"없으므로(증명은 rrall.survival_search와 그 시험), 비이식 환자 중 추적 불가로 중도절단된 환자 {k}명을 "
            f"두었다. 논문도 이식 미시행 사유로 추적 불가를 들고 있으며, 이 환자들 뒤에도 비이식군의 사망이 있어 "
            f"곡선은 0%로 끝난다."
        )
    return (
        f"With seed {info.get('seed')} the search found data meeting every survival target after {it} "
        f"iterations. If the 8 transplanted survivors were the only censored patients, 1-year overall "
        f"survival would be k/63 for a whole number k, which never prints as 53.7% (the proof is in "
        f"rrall.survival_search and its tests), so {k} untransplanted patients are censored as lost to "
        f"follow-up. The paper itself names loss to follow-up among the reasons for no transplant, and "
        f"deaths in the no-HSCT group after these censorings take its curve to 0%."
    )
