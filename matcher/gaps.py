"""What a fit is made of: matched skills, gaps with their evidence and action, components, readiness."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Action = Literal["reword", "acquire"]
GapKind = Literal["skill", "credential", "degree", "experience"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """A quoted passage of a document: ``text`` is the sentence, ``start``/``end`` the mention inside it."""

    text: str
    section: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Match:
    """A posting skill the resume shows."""

    skill_id: str
    label: str
    category: str
    requirement: str | None
    importance: float
    strength: float  # 0-1: how well the resume proves it (work history 1.0, skills list only much less)
    posting_evidence: Evidence
    resume_evidence: Evidence


@dataclass(frozen=True, slots=True)
class Gap:
    """Something the posting asks that the resume lacks, and what to do about it."""

    kind: GapKind
    key: str  # skill id, credential ids joined by "|", degree level, or "years:<area>"
    label: str
    requirement: str | None
    importance: float
    action: Action
    advice: str
    posting_evidence: Evidence | None
    resume_evidence: Evidence | None = None
    category: str | None = None


@dataclass(frozen=True, slots=True)
class Component:
    """One part of the fit score: its value 0-1, its share of the score, and what it was computed from."""

    name: str
    value: float
    weight: float  # share of the final score after rescaling; 0 when it does not apply
    applies: bool
    detail: str


@dataclass(frozen=True, slots=True)
class Fit:
    """A resume scored against one posting."""

    posting: str
    title: str | None
    role_level: str
    score: float
    components: tuple[Component, ...]
    matched: tuple[Match, ...]
    missing: tuple[Gap, ...]
    flags: tuple[str, ...] = ()
    status: Literal["scored", "no_text"] = "scored"

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "posting": self.posting,
            "title": self.title,
            "role_level": self.role_level,
            "score": self.score,
            "status": self.status,
            "flags": list(self.flags),
            "components": {
                c.name: (asdict(c) if explain else {"value": round(c.value, 3), "weight": round(c.weight, 3)})
                for c in self.components
            },
            "matched": [asdict(m) for m in self.matched],
            "missing": [asdict(g) for g in self.missing],
        }
        if not explain:
            for item in out["matched"]:
                item["posting_evidence"] = item["posting_evidence"]["text"]
                item["resume_evidence"] = item["resume_evidence"]["text"]
            for item in out["missing"]:
                for key in ("posting_evidence", "resume_evidence"):
                    item[key] = item[key]["text"] if item[key] else None
        return out


@dataclass(frozen=True, slots=True)
class Readiness:
    """How ready a candidate is for one role level, over the fitted postings of that level."""

    level: str
    postings: int
    score: float  # mean fit score at this level
    status: Literal["ready", "close", "developing", "no postings"]
    top_gaps: tuple[tuple[str, str, float], ...] = field(default_factory=tuple)  # (key, label, share of postings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "postings": self.postings,
            "score": self.score,
            "status": self.status,
            "top_gaps": [{"key": k, "label": label, "share": share} for k, label, share in self.top_gaps],
        }
