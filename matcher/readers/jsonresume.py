"""JSON Resume (jsonresume.org schema) as resume text with the usual section headings."""

from __future__ import annotations

from typing import Any


def is_json_resume(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("basics"), dict)
        and any(key in data for key in ("work", "education", "skills", "certificates"))
    )


def _dates(item: dict[str, Any]) -> str:
    start, end = item.get("startDate") or "", item.get("endDate") or ("Present" if item.get("startDate") else "")
    return f"{start} - {end}".strip(" -") if start or end else ""


def json_resume_text(data: dict[str, Any]) -> str:
    """Render a JSON Resume as plain text: header, summary, experience, education, certifications, skills."""
    basics = data.get("basics") or {}
    lines = [str(basics.get("name") or ""), str(basics.get("label") or "")]
    if basics.get("summary"):
        lines += ["", "SUMMARY", str(basics["summary"])]
    if data.get("work"):
        lines += ["", "EXPERIENCE"]
        for job in data["work"]:
            head = ", ".join(str(x) for x in (job.get("position"), job.get("name") or job.get("company")) if x)
            lines.append(f"{head}, {_dates(job)}".strip(", "))
            if job.get("summary"):
                lines.append(str(job["summary"]))
            lines += [f"- {h}" for h in job.get("highlights") or []]
    if data.get("volunteer"):
        lines += ["", "VOLUNTEER"]
        for item in data["volunteer"]:
            lines.append(", ".join(str(x) for x in (item.get("position"), item.get("organization")) if x))
    if data.get("education"):
        lines += ["", "EDUCATION"]
        for item in data["education"]:
            degree = " in ".join(str(x) for x in (item.get("studyType"), item.get("area")) if x)
            lines.append(", ".join(x for x in (degree, str(item.get("institution") or ""), _dates(item)) if x))
    if data.get("certificates"):
        lines += ["", "CERTIFICATIONS"]
        for item in data["certificates"]:
            lines.append(", ".join(str(x) for x in (item.get("name"), item.get("issuer"), item.get("date")) if x))
    if data.get("skills"):
        lines += ["", "SKILLS"]
        for item in data["skills"]:
            keywords = ", ".join(str(k) for k in item.get("keywords") or [])
            lines.append(": ".join(x for x in (str(item.get("name") or ""), keywords) if x))
    return "\n".join(lines).strip()
