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
        "guarded": [
            {"aliases": list(g.aliases), "acronyms": list(g.acronyms), "patterns": [list(p) for p in g.patterns]}
            for g in skill.guarded
        ],
        "weights": dict(skill.weights),
        "related": list(skill.related),
        "acquire": skill.acquire,
        "provenance": {k: list(v) for k, v in skill.provenance.items()},
        "source": skill.source,
    }


def _bar(value: float, width: int = 10) -> str:
    filled = round(max(0.0, min(1.0, value)) * width)
    return "#" * filled + "." * (width - filled)


def score_payload(
    *,
    resume: Any,
    fits: Sequence[Any],
    readiness: dict[str, Any],
    market: Sequence[dict[str, Any]],
    warnings: Sequence[str],
    explain: bool,
) -> dict[str, Any]:
    """The JSON object of ``skills-matcher score`` (see schemas/score.schema.json)."""
    return {
        "resume": resume.source,
        "resume_title": resume.title,
        "resume_role_level": resume.role_level,
        "warnings": list(warnings),
        "results": [fit.to_dict(explain=explain) for fit in fits],
        "readiness": {level: r.to_dict() for level, r in readiness.items()},
        "market_gaps": list(market),
    }


def score_table(payload: dict[str, Any], *, markdown: bool = False, gaps_per_posting: int = 5) -> str:
    """``skills-matcher score`` for people: ranked postings, components, top gaps, readiness."""
    lines: list[str] = []
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    lines.append(
        f"{h1}Fit of {payload['resume']} (current level: {payload['resume_role_level']}"
        + (f", {payload['resume_title']}" if payload["resume_title"] else "")
        + ")"
    )
    for warning in payload["warnings"]:
        lines.append(f"warning: {warning}")
    lines.append("")
    lines.append(f"{h2}Readiness")
    readiness_rows: list[tuple[Any, ...]] = [
        (
            r["level"],
            "-" if r["status"] == "no postings" else f"{r['score']:.0f}",
            r["status"],
            r["postings"],
            ", ".join(g["label"] for g in r["top_gaps"][:3]),
        )
        for r in payload["readiness"].values()
    ]
    lines.append(_table(readiness_rows, ("level", "score", "status", "postings", "top gaps"), markdown))
    lines.append("")
    lines.append(f"{h2}Postings, best first")
    rows: list[tuple[Any, ...]] = []
    for result in payload["results"]:
        comps = result["components"]
        parts = " ".join(
            f"{name.split('_')[0][:5]}:{_bar(c['value'], 5)}" for name, c in comps.items() if c.get("weight", 0) > 0
        )
        rows.append((f"{result['score']:.0f}", result["role_level"], result["title"] or result["posting"], parts))
    lines.append(_table(rows, ("score", "level", "posting", "components"), markdown, max_width=70))
    for result in payload["results"]:
        lines.append("")
        lines.append(f"{h2}{result['title'] or result['posting']} — {result['score']:.0f}/100")
        lines.append(f"source: {result['posting']}")
        for flag in result["flags"]:
            lines.append(f"note: {flag}")
        missing = result["missing"][:gaps_per_posting]
        if not missing:
            lines.append("No gaps found.")
            continue
        rows = [
            (
                g["label"],
                g["requirement"] or "-",
                g["action"],
                _quote_text(g["posting_evidence"], width=None if markdown else 60),
                g["advice"],
            )
            for g in missing
        ]
        lines.append(_table(rows, ("gap", "asked", "action", "posting says", "what to do"), markdown, max_width=60))
        if len(result["missing"]) > gaps_per_posting:
            lines.append(f"(+{len(result['missing']) - gaps_per_posting} more gaps: use --format json or --explain)")
    if payload["market_gaps"]:
        lines.append("")
        lines.append(f"{h2}Gaps across these postings (most demanded first)")
        rows = [(g["label"], g["postings"], g["required_in"], g["action"]) for g in payload["market_gaps"][:10]]
        lines.append(_table(rows, ("gap", "postings", "required in", "action"), markdown))
    return "\n".join(lines)


def _quote_text(evidence: Any, width: int | None = 60) -> str:
    """The evidence as a table cell of ``width`` characters that keeps the asked words in view: a long sentence is
    shown from a little before them ("…3 years of hospital outpatient coding…"), not cut off before them."""
    if evidence is None:
        return ""
    if not isinstance(evidence, dict):
        return str(evidence)
    if width is None:  # Markdown cells are not cut
        return str(evidence["text"])
    text, start, end = evidence["text"], evidence.get("start", 0), evidence.get("end", 0)
    if len(text) <= width or end < width:  # the asked words already show
        return text
    lo = max(0, min(start - 12, len(text) - width + 1))
    space = text.find(" ", lo, start)
    lo = space + 1 if space != -1 else lo
    return "…" + text[lo:]


def _table(rows: Sequence[Sequence[Any]], headers: Sequence[str], markdown: bool, max_width: int = 50) -> str:
    if not markdown:
        return format_table(rows, headers, max_width=max_width)

    def cell(value: Any) -> str:
        return ("" if value is None else str(value)).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out.extend("| " + " | ".join(cell(v) for v in row) + " |" for row in rows)
    return "\n".join(out)
