"""How complete the taxonomy is: coverage of the O*NET and ESCO reference items, and provenance that holds.

The reference extracts ship in ``skills_taxonomy/reference/`` and load lazily, once. An item is covered when a
skill cites it in its provenance or when the extractor finds a taxonomy skill in the item's own words; items the
taxonomy deliberately leaves out are listed with their reason in ``reference/out_of_scope.yaml``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .taxonomy import Taxonomy

TARGET_ESCO_OCCUPATION = "medical records manager"
TARGET_TECH_OCCUPATIONS: tuple[str, ...] = ("29-2072.00", "29-9021.00")
TASK_OCCUPATIONS: tuple[str, ...] = ("11-9111.00", "29-2072.00", "29-9021.00")
SOURCES: tuple[str, ...] = ("esco", "onet_tech", "onet_task")
_ONET_REF_RE = re.compile(
    r"^(?P<code>\d{2}-\d{4}\.\d{2})(?: (?P<kind>task|tech|knowledge|skill|work_style) (?P<value>.+))?$"
)
_EXAM_REF_RE = re.compile(r"^(?P<credential>.+) domain (?P<domain>\S+)$")


def _read_tsv(name: str) -> list[dict[str, str]]:
    text = resources.files("skills_taxonomy").joinpath("reference", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


@dataclass(frozen=True)
class Reference:
    """The shipped O*NET, ESCO, exam-outline and seed references, as lookup sets and item lists."""

    occupations: frozenset[str]
    tasks: dict[tuple[str, str], str]  # (SOC, task id) -> task text
    technology: list[dict[str, str]]
    ratings: dict[str, frozenset[tuple[str, str]]]  # knowledge/skill/work_style -> (SOC, element)
    esco: list[dict[str, str]]
    exams: frozenset[tuple[str, str]]
    seeds: frozenset[str]
    out_of_scope: dict[tuple[str, str], str]  # (source, item) -> reason


@lru_cache(maxsize=1)
def load_reference() -> Reference:
    """Read the shipped reference extracts (once per process)."""
    tasks = {(r["O*NET-SOC Code"], r["Task ID"]): r["Task"] for r in _read_tsv("onet_29.3_task_statements.tsv")}
    ratings = {
        kind: frozenset((r["O*NET-SOC Code"], r["Element Name"]) for r in _read_tsv(f"onet_29.3_{name}.tsv"))
        for kind, name in (("knowledge", "knowledge"), ("skill", "skills"), ("work_style", "work_styles"))
    }
    scope_text = resources.files("skills_taxonomy").joinpath("reference", "out_of_scope.yaml").read_text("utf-8")
    scope = yaml.safe_load(scope_text) or []
    return Reference(
        occupations=frozenset(r["O*NET-SOC Code"] for r in _read_tsv("onet_29.3_occupation_data.tsv")),
        tasks=tasks,
        technology=_read_tsv("onet_29.3_technology_skills.tsv"),
        ratings=ratings,
        esco=_read_tsv("esco_1.2.0_occupation_skills_him.tsv"),
        exams=frozenset((r["credential"], r["domain_no"]) for r in _read_tsv("credential_exam_outlines.tsv")),
        seeds=frozenset(r["file"] for r in _read_tsv("seeds.tsv")),
        out_of_scope={(entry["source"], entry["item"]): entry["reason"] for entry in scope},
    )


def provenance_problems(taxonomy: Taxonomy) -> list[tuple[str, str, str]]:
    """(skill id, reference, what is wrong) for every provenance entry the shipped references do not contain."""
    ref = load_reference()
    problems = []
    for skill in taxonomy:
        for entry in skill.provenance.get("onet", ()):
            m = _ONET_REF_RE.match(entry)
            if m is None:
                problems.append((skill.id, entry, "not of the form '<SOC> [task|tech|knowledge|skill|work_style] X'"))
                continue
            code, kind, value = m.group("code"), m.group("kind"), m.group("value")
            if code not in ref.occupations:
                problems.append((skill.id, entry, f"occupation {code} is not in the shipped O*NET extract"))
            elif kind == "task" and (code, value) not in ref.tasks:
                problems.append((skill.id, entry, "no such task id for this occupation"))
            elif kind == "tech" and not any(
                t["O*NET-SOC Code"] == code and t["Example"] == value for t in ref.technology
            ):
                problems.append((skill.id, entry, "no such technology example for this occupation"))
            elif kind in ref.ratings and (code, value) not in ref.ratings[kind]:
                problems.append((skill.id, entry, f"no such {kind} element for this occupation"))
        esco = {(r["esco_occupation"], r["skill_label"]) for r in ref.esco}
        for entry in skill.provenance.get("esco", ()):
            occupation, _, label = entry.partition(" | ")
            if (occupation, label) not in esco:
                problems.append((skill.id, entry, "no such ESCO occupation-skill relation"))
        for entry in skill.provenance.get("exams", ()):
            m = _EXAM_REF_RE.match(entry)
            if m is None or (m.group("credential"), m.group("domain")) not in ref.exams:
                problems.append((skill.id, entry, "no such exam domain in the shipped outlines"))
        for entry in skill.provenance.get("seeds", ()):
            if entry not in ref.seeds:
                problems.append((skill.id, entry, "not one of the seed documents"))
    return problems


@dataclass(frozen=True, slots=True)
class CoverageItem:
    """One reference item and how the taxonomy covers it."""

    source: str  # esco | onet_tech | onet_task
    occupation: str
    item: str
    detail: str  # essential/optional, Hot/In Demand flags, Core/Supplemental
    target: bool  # counts toward the published aim
    status: str  # covered | out_of_scope | missing
    skills: tuple[str, ...]
    how: str  # provenance | text | reason for being out of scope

    def to_dict(self) -> dict[str, Any]:
        return {**{k: getattr(self, k) for k in self.__slots__}, "skills": list(self.skills)}


def _cited(taxonomy: Taxonomy) -> dict[str, set[str]]:
    cited: dict[str, set[str]] = {}
    for skill in taxonomy:
        for key in ("onet", "esco"):
            for entry in skill.provenance.get(key, ()):
                cited.setdefault(entry, set()).add(skill.id)
    return cited


def coverage(taxonomy: Taxonomy, *, extractor: Any, sources: Iterable[str] = SOURCES) -> list[CoverageItem]:
    """Coverage of the reference items of the target occupations by ``taxonomy``."""
    from .analysis import Document

    ref = load_reference()
    cited = _cited(taxonomy)
    wanted = set(sources)
    rows: list[tuple[str, str, str, str, bool, str]] = []  # source, occupation, item, detail, target, citation
    if "esco" in wanted:
        for r in ref.esco:
            target = r["esco_occupation"] == TARGET_ESCO_OCCUPATION and r["relation"] == "essential"
            rows.append(
                (
                    "esco",
                    r["esco_occupation"],
                    r["skill_label"],
                    r["relation"],
                    target,
                    f"{r['esco_occupation']} | {r['skill_label']}",
                )
            )
    if "onet_tech" in wanted:
        for r in ref.technology:
            hot = "Hot" if r["Hot Technology"] == "Y" else ""
            demand = "In Demand" if r["In Demand"] == "Y" else ""
            flags = ", ".join(f for f in (hot, demand) if f)
            target = r["O*NET-SOC Code"] in TARGET_TECH_OCCUPATIONS and bool(flags)
            rows.append(
                (
                    "onet_tech",
                    r["O*NET-SOC Code"],
                    r["Example"],
                    flags or "-",
                    target,
                    f"{r['O*NET-SOC Code']} tech {r['Example']}",
                )
            )
    if "onet_task" in wanted:
        for (code, task_id), task in ref.tasks.items():
            if code in TASK_OCCUPATIONS:
                rows.append(("onet_task", code, task, f"task {task_id}", False, f"{code} task {task_id}"))
    texts = [item for _, _, item, _, _, _ in rows]
    documents = [Document(text=text, source="reference", kind="resume") for text in texts]
    found = [analysis.skill_ids for analysis in extractor.pipe(documents)]
    out = []
    for (source, occupation, item, detail, target, citation), skill_ids in zip(rows, found, strict=True):
        by_citation = cited.get(citation, set())
        if by_citation:
            out.append(
                CoverageItem(
                    source, occupation, item, detail, target, "covered", tuple(sorted(by_citation)), "provenance"
                )
            )
        elif skill_ids:
            out.append(
                CoverageItem(source, occupation, item, detail, target, "covered", tuple(sorted(skill_ids)), "text")
            )
        elif (source, item) in ref.out_of_scope:
            out.append(
                CoverageItem(
                    source, occupation, item, detail, target, "out_of_scope", (), ref.out_of_scope[(source, item)]
                )
            )
        else:
            out.append(CoverageItem(source, occupation, item, detail, target, "missing", (), ""))
    return out


def coverage_summary(items: Iterable[CoverageItem]) -> dict[str, dict[str, float]]:
    """Per aim: items, covered, out of scope, missing and the share covered or out of scope."""
    groups: dict[str, list[CoverageItem]] = {}
    for item in items:
        if item.target:
            name = (
                f"ESCO essential skills of '{TARGET_ESCO_OCCUPATION}'"
                if item.source == "esco"
                else "O*NET Hot/In-Demand technologies of 29-2072.00 and 29-9021.00"
            )
            groups.setdefault(name, []).append(item)
    out = {}
    for name, group in groups.items():
        covered = sum(i.status == "covered" for i in group)
        scoped = sum(i.status == "out_of_scope" for i in group)
        out[name] = {
            "items": len(group),
            "covered": covered,
            "out_of_scope": scoped,
            "missing": len(group) - covered - scoped,
            "share": round((covered + scoped) / len(group), 3) if group else 1.0,
        }
    return out
