"""A self-contained HTML report of a resume's fit: no scripts, no external resources, prints well.

It renders the payload of ``skills-matcher score --explain`` (see render.score_payload). Every string that comes from
an input (postings scraped from the web carry markup and scripts) is escaped; evidence is highlighted by offsets.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Any

CATEGORY_NAMES = {
    "credentials": "Credentials",
    "education": "Education",
    "coding": "Coding and classification",
    "ehr_software": "EHR and software",
    "privacy_compliance": "Privacy and compliance",
    "data_analytics": "Data and analytics",
    "revenue_cycle": "Revenue cycle",
    "records_operations": "Records operations",
    "leadership": "Leadership and management",
    "soft_skills": "Soft skills",
    "experience": "Experience",
}

_CSS = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --good: #2f855a; --warn: #b7791f; --bad: #c53030;
        --bar: #3e6fb0; --mark: #fff3b0; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink);
       margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 2px solid
var(--line); padding-bottom: .3rem; } h3 { font-size: 1.05rem; margin: 1.5rem 0 .4rem; }
.muted { color: var(--muted); } .cards { display: flex; gap: 1rem; flex-wrap: wrap; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: .8rem 1rem; min-width: 200px; flex: 1; }
.card .score { font-size: 1.8rem; font-weight: 600; }
.status-ready { color: var(--good); } .status-close { color: var(--warn); } .status-developing { color: var(--bad); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; } th, td { text-align: left; vertical-align: top;
padding: .35rem .5rem; border-bottom: 1px solid var(--line); } th { font-size: .8rem; text-transform: uppercase;
color: var(--muted); }
.bar { background: #edf2f7; border-radius: 3px; height: 10px; width: 120px; display: inline-block; }
.bar > span { display: block; height: 10px; border-radius: 3px; background: var(--bar); }
.comp { display: grid; grid-template-columns: 110px 120px 40px; gap: 2px 6px; font-size: .8rem; align-items: center; }
mark { background: var(--mark); padding: 0 2px; } .quote { font-size: .9rem; }
.action-acquire { color: var(--bad); font-weight: 600; } .action-reword { color: var(--warn); font-weight: 600; }
svg text { font: 12px sans-serif; fill: var(--ink); }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } .posting { break-inside: avoid; } }
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _highlight(evidence: Any) -> str:
    """An evidence quote with its mention marked; plain text when offsets are absent."""
    if not evidence:
        return ""
    if isinstance(evidence, str):
        return _e(evidence)
    text, start, end = evidence.get("text", ""), evidence.get("start", 0), evidence.get("end", 0)
    if not 0 <= start < end <= len(text):
        return _e(text)
    return f"{_e(text[:start])}<mark>{_e(text[start:end])}</mark>{_e(text[end:])}"


def _bar(value: float) -> str:
    width = max(0.0, min(1.0, float(value))) * 100
    return f'<span class="bar" role="img" aria-label="{width:.0f}%"><span style="width:{width:.0f}%"></span></span>'


def coverage_by_category(payload: dict[str, Any]) -> list[tuple[str, int, int]]:
    """(category, matched, asked) over every shown posting's skill requirements."""
    matched: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    for result in payload["results"]:
        for m in result["matched"]:
            matched[m["category"]] += 1
            asked[m["category"]] += 1
        for g in result["missing"]:
            if g["kind"] == "skill":  # credentials, degrees and years have their own components
                asked[g.get("category") or g["kind"]] += 1
    return [(c, matched[c], asked[c]) for c in sorted(asked, key=lambda c: (-asked[c], c))]


def _coverage_chart(rows: list[tuple[str, int, int]]) -> str:
    height = 22 * len(rows) + 10
    parts = [f'<svg id="coverage-chart" width="640" height="{height}" role="img" aria-label="Coverage by category">']
    for i, (category, matched, asked) in enumerate(rows):
        y = 5 + 22 * i
        share = matched / asked if asked else 0.0
        parts.append(f'<text x="0" y="{y + 12}">{_e(CATEGORY_NAMES.get(category, category))}</text>')
        parts.append(f'<rect x="200" y="{y}" width="360" height="14" fill="#edf2f7"/>')
        parts.append(f'<rect x="200" y="{y}" width="{360 * share:.1f}" height="14" fill="#3e6fb0"/>')
        parts.append(f'<text x="568" y="{y + 12}">{matched}/{asked}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(payload: dict[str, Any], *, gaps_per_posting: int = 12) -> str:
    """The full report as one HTML document."""
    resume_name = str(payload["resume"]).replace("\\", "/").rsplit("/", 1)[-1]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Fit report: {_e(resume_name)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f'<h1 id="report-title">Fit report: {_e(resume_name)}</h1>',
        f'<p class="muted">Current role: {_e(payload.get("resume_title") or "not found")} '
        f"(level: {_e(payload['resume_role_level'])}). Made offline by skills-matcher; nothing was sent anywhere.</p>",
    ]
    for warning in payload.get("warnings", []):
        out.append(f'<p class="status-developing">Warning: {_e(warning)}</p>')
    out.append('<h2>Readiness by role level</h2><div class="cards" id="readiness">')
    for r in payload["readiness"].values():
        gaps = ", ".join(_e(g["label"]) for g in r["top_gaps"][:3]) or "none"
        if r["status"] == "no postings":
            out.append(
                f'<div class="card"><div class="muted">{_e(r["level"]).title()}</div><div class="score">–</div>'
                f'<div class="muted">no {_e(r["level"])} postings among those scored</div></div>'
            )
            continue
        out.append(
            f'<div class="card"><div class="muted">{_e(r["level"]).title()}</div>'
            f'<div class="score">{r["score"]:.0f}</div><div class="status-{_e(r["status"]).replace(" ", "-")}">'
            f'{_e(r["status"])} ({r["postings"]} postings)</div><div class="muted">Top gaps: {gaps}</div></div>'
        )
    out.append("</div>")
    out.append("<h2>Coverage of asked skills by category</h2>")
    out.append(_coverage_chart(coverage_by_category(payload)))
    out.append(
        '<h2>Postings, best first</h2><table id="ranking"><thead><tr><th>Score</th><th>Posting</th>'
        "<th>Level</th><th>Components</th></tr></thead><tbody>"
    )
    for result in payload["results"]:
        comps = "".join(
            f"<span>{_e(name.replace('_', ' '))}</span>{_bar(c['value'])}<span>{c['weight'] * 100:.0f}%</span>"
            for name, c in result["components"].items()
            if c.get("applies", c.get("weight", 0) > 0)
        )
        out.append(
            f"<tr><td><strong>{result['score']:.0f}</strong></td><td>{_e(result['title'] or result['posting'])}"
            f'<div class="muted">{_e(result["posting"])}</div></td><td>{_e(result["role_level"])}</td>'
            f'<td><div class="comp">{comps}</div></td></tr>'
        )
    out.append("</tbody></table>")
    out.append("<h2>Gaps and what to do</h2>")
    for i, result in enumerate(payload["results"]):
        out.append(
            f'<section class="posting" id="posting-{i}"><h3>{_e(result["title"] or result["posting"])} '
            f'<span class="muted">— {result["score"]:.0f}/100</span></h3>'
        )
        for flag in result["flags"]:
            out.append(f'<p class="muted">{_e(flag)}</p>')
        missing = result["missing"][:gaps_per_posting]
        if not missing:
            out.append("<p>No gaps found.</p></section>")
            continue
        out.append(
            '<table class="gaps"><thead><tr><th>Gap</th><th>Asked</th><th>Posting says</th>'
            "<th>Resume shows</th><th>Action</th></tr></thead><tbody>"
        )
        for g in missing:
            out.append(
                f"<tr><td>{_e(g['label'])}</td><td>{_e(g['requirement'] or 'named')}</td>"
                f'<td class="quote">{_highlight(g["posting_evidence"])}</td>'
                f'<td class="quote">{_highlight(g["resume_evidence"])}</td>'
                f'<td><span class="action-{_e(g["action"])}">{_e(g["action"])}</span>: {_e(g["advice"])}</td></tr>'
            )
        out.append("</tbody></table>")
        if len(result["missing"]) > gaps_per_posting:
            out.append(
                f'<p class="muted">{len(result["missing"]) - gaps_per_posting} more gaps in the JSON output.</p>'
            )
        matched = result["matched"][:8]
        if matched:
            out.append('<details><summary>Matched skills with evidence</summary><table class="matched"><tbody>')
            for m in matched:
                out.append(
                    f'<tr><td>{_e(m["label"])}</td><td class="quote">{_highlight(m["posting_evidence"])}</td>'
                    f'<td class="quote">{_highlight(m["resume_evidence"])}</td></tr>'
                )
            out.append("</tbody></table></details>")
        out.append("</section>")
    if payload.get("market_gaps"):
        out.append(
            '<h2>Gaps across these postings</h2><table id="market"><thead><tr><th>Gap</th><th>Postings</th>'
            "<th>Required in</th><th>Action</th></tr></thead><tbody>"
        )
        for g in payload["market_gaps"][:15]:
            out.append(
                f"<tr><td>{_e(g['label'])}</td><td>{g['postings']}</td><td>{g['required_in']}</td>"
                f"<td>{_e(g['action'])}</td></tr>"
            )
        out.append("</tbody></table>")
    out.append('<p class="muted">O*NET and ESCO data attribution: see the skills-matcher README.</p></body></html>')
    return "\n".join(out)
