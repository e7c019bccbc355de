from __future__ import annotations

import re
from collections import Counter

import pytest

from matcher import TaxonomyError, load_taxonomy
from matcher.taxonomy import CATEGORIES, ROLE_LEVELS, build_taxonomy

from .conftest import MINI_TAXONOMY

SEED_FILES = {
    "000_0cf09cab7b8c1ecb.txt",
    "001_abde84c990ffefd4.txt",
    "002_2f0dc05204cba32e.txt",
    "003_48580b31f9925efd.txt",
    "004_556ec5dd567cb182.txt",
}


def test_shipped_taxonomy_is_large_and_covers_every_category(taxonomy):
    assert len(taxonomy) >= 150
    counts = Counter(skill.category for skill in taxonomy)
    assert set(counts) == set(CATEGORIES)
    assert all(n >= 5 for n in counts.values()), counts


def test_every_skill_has_weights_provenance_and_advice(taxonomy):
    for skill in taxonomy:
        assert set(skill.weights) == set(ROLE_LEVELS), skill.id
        assert any(skill.provenance.values()), skill.id
        assert skill.description, skill.id
        assert skill.acquire, skill.id


def test_provenance_references_are_well_formed(taxonomy):
    onet = re.compile(r"^\d{2}-\d{4}\.\d{2}( (task \d+|tech .+|knowledge .+|skill .+|work_style .+))?$")
    exam = re.compile(r"^[A-Z][A-Z-]+ domain \d+$")
    for skill in taxonomy:
        for seed in skill.provenance.get("seeds", ()):
            assert seed in SEED_FILES, (skill.id, seed)
        for ref in skill.provenance.get("onet", ()):
            assert onet.match(ref), (skill.id, ref)
        for ref in skill.provenance.get("esco", ()):
            assert " | " in ref, (skill.id, ref)
        for ref in skill.provenance.get("exams", ()):
            assert exam.match(ref), (skill.id, ref)


def test_named_skills_from_the_issue_exist(taxonomy):
    labels = " ".join(f"{s.id} {s.label} {' '.join(s.aliases)} {' '.join(s.acronyms)}" for s in taxonomy).lower()
    for needle in [
        "rhia",
        "rhit",
        "ccs",
        "ccs-p",
        "cca",
        "cdip",
        "chps",
        "chda",
        "cpc",
        "cahiim",
        "icd-10-cm",
        "icd-10-pcs",
        "hcpcs",
        "ms-drg",
        "apr-drg",
        "epic",
        "meditech",
        "hipaa",
        "42 cfr part 2",
        "joint commission",
        "release of information",
        "master patient index",
        "dnfb",
        "clinical documentation",
        "budget",
        "sql",
    ]:
        assert needle in labels, needle


def _skill_yaml(**overrides: str) -> str:
    fields = {
        "id": "coding.example",
        "label": "Example",
        "aliases": "[example phrase]",
        "weights": "{director: 1, manager: 1, supervisor: 1, staff: 1}",
        "provenance": "{seeds: [000_0cf09cab7b8c1ecb.txt]}",
    }
    fields.update(overrides)
    body = "\n".join(f"    {k}: {v}" for k, v in fields.items() if v is not None)
    return f"category: coding\nskills:\n  - {body.strip()}\n"


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"id": "Coding.Bad Id"}, "is not valid"),
        ({"id": "education.example"}, "id prefix must be the category"),
        ({"weights": "{director: 1, manager: 1}"}, "weights"),
        ({"weights": "{director: 5, manager: 1, supervisor: 1, staff: 1}"}, "integers 0-3"),
        ({"provenance": "{}"}, "provenance"),
        ({"aliases": None}, "at least one of"),
        ({"related": "[coding.nowhere]"}, "coding.nowhere"),
        ({"colour": "blue"}, "unknown key"),
        ({"patterns": "[[{NOPE: x}]]"}, "does not compile"),
        ({"guarded": "[{aliases: [x y]}]"}, "needs a 'context'"),
        ({"guarded": "[{context: {window: 3, none: [z]}}]"}, "needs at least one of"),
        ({"guarded": "[{aliases: [x y], context: {window: 3}, colour: blue}]"}, "unknown key"),
        ({"guarded": "[{patterns: [[{NOPE: x}]], context: {window: 3}}]"}, "does not compile"),
    ],
)
def test_invalid_skills_are_rejected_naming_file_and_skill(overrides, fragment):
    with pytest.raises(TaxonomyError) as info:
        build_taxonomy([("user.yaml", _skill_yaml(**overrides))])
    message = str(info.value)
    assert "user.yaml" in message
    assert fragment in message
    assert message.startswith("[E001]")


def test_duplicate_ids_in_one_file_are_rejected():
    text = (
        _skill_yaml() + "  - id: coding.example\n    label: again\n    aliases: [x]\n"
        "    weights: {director: 1, manager: 1, supervisor: 1, staff: 1}\n    provenance: {seeds: [a.txt]}\n"
    )
    with pytest.raises(TaxonomyError, match="duplicate id"):
        build_taxonomy([("dup.yaml", text)])


def test_invalid_yaml_is_reported_with_file_name():
    with pytest.raises(TaxonomyError, match=r"broken\.yaml: is not valid YAML"):
        build_taxonomy([("broken.yaml", "skills: [\n")])


def test_user_file_overrides_and_removes_shipped_skills(tmp_path, taxonomy):
    shipped = next(iter(taxonomy))
    user = tmp_path / "mine.yaml"
    user.write_text(
        f"category: {shipped.category}\nremove: [{taxonomy.ids[1]}]\nskills:\n"
        f"  - id: {shipped.id}\n    label: Overridden\n    aliases: [zebra skill]\n"
        "    weights: {director: 0, manager: 0, supervisor: 0, staff: 0}\n    provenance: {seeds: [mine]}\n"
        f"  - id: {shipped.category}.brand_new\n    label: Brand new\n    aliases: [brand new skill]\n"
        "    weights: {director: 1, manager: 1, supervisor: 1, staff: 1}\n    provenance: {seeds: [mine]}\n",
        encoding="utf-8",
    )
    merged = load_taxonomy(paths=[user])
    assert merged[shipped.id].label == "Overridden"
    assert f"{shipped.category}.brand_new" in merged
    assert taxonomy.ids[1] not in merged
    assert len(merged) == len(taxonomy)


def test_mini_taxonomy_builds():
    mini = build_taxonomy([("mini.yaml", MINI_TAXONOMY)])
    assert "coding.cpt" in mini
    assert mini["coding.cpt"].weight("staff") == 3
