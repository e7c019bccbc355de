"""Golden snapshots of what extraction reports for each bundled sample posting.

Regenerate after an intended change with ``python -m tests.golden_files`` and review the diff: every change in a
golden file is a change users will see.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
POSTINGS = ROOT / "sample_postings"


def posting_files() -> list[Path]:
    return sorted(p for p in POSTINGS.iterdir() if p.suffix in {".txt", ".md", ".html"})


def snapshot(analysis: Any) -> dict[str, Any]:
    skills: dict[str, list[str]] = {}
    for m in analysis.mentions:
        skills.setdefault(m.skill_id, [])
        status = m.requirement or "-"
        if status not in skills[m.skill_id]:
            skills[m.skill_id].append(status)
    req = analysis.requirements
    return {
        "title": analysis.title,
        "role_level": analysis.role_level,
        "skills": {k: sorted(v) for k, v in sorted(skills.items())},
        "degree_required": req.min_degree("required"),
        "degree_preferred": req.min_degree("preferred"),
        "credentials": sorted("|".join(c.any_of) + f":{c.requirement}" for c in req.credentials),
        "years_experience": req.years("overall", None),
        "years_supervisory": req.years("supervisory", None),
    }


def main() -> None:
    from matcher import Extractor, read_document

    extractor = Extractor()
    GOLDEN.mkdir(exist_ok=True)
    for path in posting_files():
        analysis = extractor.extract(read_document(path, kind="posting"))
        out = GOLDEN / f"{path.stem}.json"
        out.write_text(json.dumps(snapshot(analysis), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(posting_files())} golden files to {GOLDEN}")


if __name__ == "__main__":
    main()
