"""Renderers for people and scripts: JSON Lines and plain-text tables. They format; they never compute."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from .analysis import Analysis
from .taxonomy import Skill


def to_json_line(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def format_table(rows: Sequence[Sequence[Any]], headers: Sequence[str], *, max_width: int = 60) -> str:
    """A plain aligned text table; long cells are shortened with an ellipsis."""

    def cell(value: Any) -> str:
        text = "" if value is None else str(value).replace("\n", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    body = [[cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in body:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in body)
    return "\n".join(lines)


def analysis_table(analysis: Analysis) -> str:
    """One document's extraction, for a person reading a terminal."""
    req = analysis.requirements
    lines = [
        f"{analysis.source}  [{analysis.kind}]  role level: {analysis.role_level}"
        + (f"  title: {analysis.title}" if analysis.title else ""),
    ]
    facts = []
    if req.min_degree("required"):
        facts.append(f"degree required: {req.min_degree('required')}")
    if req.min_degree("preferred"):
        facts.append(f"degree preferred: {req.min_degree('preferred')}")
    for group in req.credentials:
        status = group.requirement or "mentioned"
        facts.append(f"{' or '.join(group.labels)} ({status})")
    overall, supervisory = req.years("overall", None), req.years("supervisory", None)
    if overall:
        facts.append(f"{overall:g}+ years experience")
    if supervisory:
        facts.append(f"{supervisory:g}+ years supervisory")
    if facts:
        lines.append("requirements: " + "; ".join(facts))
    for warning in analysis.warnings:
        lines.append(f"warning: {warning}")
    rows = [
        (m.label, m.category, m.section, m.requirement or "", m.text, f"{m.start}-{m.end}") for m in analysis.mentions
    ]
    if rows:
        lines.append(
            format_table(rows, ("skill", "category", "section", "requirement", "text", "offsets"), max_width=40)
        )
    else:
        lines.append("(no taxonomy skills found)")
    return "\n".join(lines)


def skills_table(skills: Iterable[Skill]) -> str:
    rows = [
        (
            s.id,
            s.label,
            s.category,
            s.kind,
            "/".join(str(s.weights[level]) for level in ("director", "manager", "supervisor", "staff")),
        )
        for s in skills
    ]
    return format_table(rows, ("id", "label", "category", "kind", "weights d/m/s/st"), max_width=50)


def skill_to_dict(skill: Skill) -> dict[str, Any]:
    return {
        "id": skill.id,
        "label": skill.label,
        "category": skill.category,
        "kind": skill.kind,
        "description": skill.description,
        "aliases": list(skill.aliases),
        "acronyms": list(skill.acronyms),
        "weights": dict(skill.weights),
        "related": list(skill.related),
        "acquire": skill.acquire,
        "provenance": {k: list(v) for k, v in skill.provenance.items()},
        "source": skill.source,
    }
