"""How to cite: CITATION.cff is valid CFF 1.2, and the README and the report take their wording
from it (rrall.citation); the licences are stated."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

from rrall.citation import citation_text, load_citation, vancouver_name
from rrall.labels.site import SITE

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / ".venv" / "cff-schema-1.2.0.json"
PAPER_AUTHORS = (
    "Yoo KH, Chung NG, Cho B, Kang HJ, Shin HY, Im HJ, Seo JJ, Lim YT, Lyu CJ, Kim SK, Jeon IS, "
    "Kook H, Koo HH"
)


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


@pytest.mark.skipif(
    not SCHEMA.exists(), reason="CFF 1.2.0 schema not fetched yet (`make setup` gets it)"
)
def test_citation_cff_is_valid_cff_1_2() -> None:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"].endswith("/1.2.0/schema.json")
    cff = load_citation()
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(cff)
    # and the schema does reject a broken file
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate({**cff, "cff-version": "1.2"})


def test_citation_cff_agrees_with_the_project() -> None:
    cff = load_citation()
    assert cff["cff-version"] == "1.2.0"
    assert cff["version"] == _pyproject()["version"]
    assert cff["license"] == _pyproject()["license"] == "MIT"
    en = yaml.safe_load((ROOT / "_quarto-en.yml").read_text(encoding="utf-8"))
    assert cff["title"] == en["book"]["title"]
    (paper,) = [r for r in cff["references"] if r["type"] == "article"]
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    assert f"doi          = {{{paper['doi']}}}" in bib
    assert ", ".join(vancouver_name(a) for a in paper["authors"]) == PAPER_AUTHORS


def test_vancouver_names() -> None:
    assert vancouver_name({"family-names": "Jeon", "given-names": "In-Sang"}) == "Jeon IS"
    assert vancouver_name({"family-names": "Cho", "given-names": "Bin"}) == "Cho B"
    assert vancouver_name({"name": "rrall contributors"}) == "rrall contributors"


def test_citation_text_in_both_languages() -> None:
    en, ko = citation_text("en"), citation_text("ko", data_digest="0123abcd")
    for text in (en, ko):
        assert text.startswith("rrall contributors. ")
        assert PAPER_AUTHORS in text and "doi:10.15264/cpho.2017.24.2.101" in text
        assert "2017;24(2):101-106" in text
    assert SITE["cite_together"]["en"] in en and SITE["cite_together"]["ko"] in ko
    assert "0123abcd" in ko and "0123abcd" not in en
    assert not re.search("[\uac00-\ud7a3]", en)


def test_readme_how_to_cite_is_the_citation_text() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How to cite\n", 1)[1].split("\n## ", 1)[0]
    first_paragraph = section.strip().split("\n\n")[0]
    assert " ".join(first_paragraph.split()) == citation_text("en")


def test_licences_are_stated() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "rrall contributors" in licence
    data_readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    last = data_readme.rstrip().rsplit("\n## ", 1)[1]
    assert last.startswith("Licence\n") and "CC BY 4.0" in last
    assert "NanumGothic" in (ROOT / "_assets" / "NanumGothic-OFL.txt").read_text(encoding="utf-8")
