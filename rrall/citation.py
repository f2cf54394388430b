"""How to cite rrall, in the wording of ``CITATION.cff`` (the one source).

The README's "How to cite" section and the report's preface print :func:`citation_text`; a test
checks the README against it, so the three never disagree. ``python -m rrall.citation [en|ko]``
prints the text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from rrall.labels.site import site_label
from rrall.paths import project_root, read_yaml

__all__ = ["citation_text", "load_citation", "paper_citation", "vancouver_name"]


def load_citation(path: Path | None = None) -> dict[str, Any]:
    """``CITATION.cff`` as a mapping."""
    path = path or project_root() / "CITATION.cff"
    data: dict[str, Any] = read_yaml(path.read_text(encoding="utf-8"))
    return data


def vancouver_name(person: dict[str, str]) -> str:
    """``{"family-names": "Jeon", "given-names": "In-Sang"}`` -> ``"Jeon IS"``; an entity's name."""
    if "name" in person:
        return person["name"]
    initials = "".join(
        part[0].upper() for part in re.split(r"[\s\-.]+", person["given-names"]) if part
    )
    return f"{person['family-names']} {initials}"


def paper_citation(ref: dict[str, Any]) -> str:
    """A CFF article reference in the Vancouver style the report uses."""
    authors = ", ".join(vancouver_name(a) for a in ref["authors"])
    issue = f"({ref['issue']})" if ref.get("issue") else ""
    pages = f"{ref['start']}-{ref['end']}" if ref.get("end") else f"{ref['start']}"
    where = f"{ref['journal']} {ref['year']};{ref['volume']}{issue}:{pages}"
    return f"{authors}. {ref['title']}. {where}. doi:{ref['doi']}"


def citation_text(lang: str, *, data_digest: str | None = None, path: Path | None = None) -> str:
    """The citation of rrall in ``lang`` (``"ko"`` or ``"en"``), with the paper it re-analyses.

    ``data_digest`` (:func:`rrall.provenance.data_digest`) names the exact data a report was
    computed from; the README's citation has none.
    """
    cff = load_citation(path)
    authors = ", ".join(vancouver_name(a) for a in cff["authors"])
    version = "rrall " + site_label("cite_version", lang, version=cff["version"])
    if data_digest:
        version += ", " + site_label("cite_data", lang, digest=data_digest)
    kind = site_label("cite_software", lang)
    papers = [paper_citation(r) for r in cff.get("references", []) if r.get("type") == "article"]
    return " ".join(
        [
            f"{authors}. {cff['title']} ({version}) [{kind}].",
            site_label("cite_licence", lang, licence=cff["license"]) + ".",
            site_label("cite_together", lang),
            *papers,
        ]
    )


if __name__ == "__main__":
    print(citation_text(sys.argv[1] if len(sys.argv) > 1 else "en"))
