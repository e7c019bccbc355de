"""What reading and extraction produce: the Document, its Mentions, Requirements and the Analysis of it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

DocumentKind = Literal["posting", "resume"]
RoleLevel = Literal["director", "manager", "supervisor", "staff", "outside"]
Requirement = Literal["required", "preferred"]
DEGREE_LEVELS: tuple[str, ...] = ("high_school", "certificate", "associate", "bachelor", "master", "doctorate")


@dataclass(frozen=True, slots=True)
class Document:
    """A posting or resume as text: what a reader hands to the extractor.

    ``text`` is already normalised (mojibake repaired, Unicode NFC, line ends unified); every offset elsewhere
    indexes it. ``title`` is what the source said the document is called, when it said so.
    """

    text: str
    source: str
    kind: DocumentKind
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """One taxonomy skill found in a document: ``text == document.text[start:end]``."""

    skill_id: str
    label: str
    category: str
    start: int
    end: int
    text: str
    section: str
    requirement: Requirement | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DegreeRequirement:
    """A degree named in the text: its level, field and, in postings, whether it is required or preferred."""

    level: str
    field: str | None
    requirement: Requirement | None
    text: str
    start: int
    end: int
    accredited: bool = False
    in_progress: bool = False  # resumes: still being earned


@dataclass(frozen=True, slots=True)
class CredentialRequirement:
    """Credentials asked for together: any one of ``any_of`` satisfies it ("RHIA or RHIT")."""

    any_of: tuple[str, ...]
    labels: tuple[str, ...]
    requirement: Requirement | None
    text: str
    start: int
    end: int
    within: str | None = None  # e.g. "6 months" when it may be earned after hire


@dataclass(frozen=True, slots=True)
class ExperienceRequirement:
    """Years of experience asked for (postings) or shown (resumes); ``area`` is overall or supervisory."""

    years: float
    area: Literal["overall", "supervisory"]
    requirement: Requirement | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Requirements:
    """Structured requirements of a posting, or the matching facts of a resume."""

    degrees: tuple[DegreeRequirement, ...] = ()
    credentials: tuple[CredentialRequirement, ...] = ()
    experience: tuple[ExperienceRequirement, ...] = ()

    def min_degree(self, requirement: Requirement | None = "required") -> str | None:
        """Lowest degree level among those with this requirement status ("Associate or Bachelor's": associate)."""
        levels = [d.level for d in self.degrees if d.requirement == requirement]
        return min(levels, key=DEGREE_LEVELS.index) if levels else None

    def max_degree(self, *, completed: bool = True) -> str | None:
        """Highest degree level named (resumes: completed ones only unless ``completed`` is False)."""
        levels = [d.level for d in self.degrees if not (completed and d.in_progress)]
        return max(levels, key=DEGREE_LEVELS.index) if levels else None

    def years(self, area: str = "overall", requirement: Requirement | None = "required") -> float | None:
        values = [
            e.years for e in self.experience if e.area == area and (requirement is None or e.requirement == requirement)
        ]
        return max(values) if values else None

    def to_dict(self) -> dict[str, Any]:
        required_years = self.years("overall", None)
        return {
            "degree_required": self.min_degree("required"),
            "degree_preferred": self.min_degree("preferred"),
            "degrees": [asdict(d) for d in self.degrees],
            "credentials": [
                {**asdict(c), "any_of": list(c.any_of), "labels": list(c.labels)} for c in self.credentials
            ],
            "years_experience": required_years,
            "years_supervisory": self.years("supervisory", None),
            "experience": [asdict(e) for e in self.experience],
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything extraction found in one document."""

    source: str
    kind: DocumentKind
    title: str | None
    role_level: RoleLevel
    mentions: tuple[Mention, ...]
    requirements: Requirements
    sections: tuple[tuple[str, int, int], ...]  # (name, start, end)
    text: str
    warnings: tuple[str, ...] = ()

    @classmethod
    def empty(cls, *, source: str, kind: DocumentKind, warning: str | None = None) -> Analysis:
        """The analysis of a document with no usable text: nothing found, role level outside."""
        return cls(
            source=source,
            kind=kind,
            title=None,
            role_level="outside",
            mentions=(),
            requirements=Requirements(),
            sections=(),
            text="",
            warnings=(warning,) if warning else (),
        )

    @property
    def skill_ids(self) -> frozenset[str]:
        return frozenset(m.skill_id for m in self.mentions)

    def mentions_of(self, skill_id: str) -> list[Mention]:
        return [m for m in self.mentions if m.skill_id == skill_id]

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "kind": self.kind,
            "title": self.title,
            "role_level": self.role_level,
            "mentions": [m.to_dict() for m in self.mentions],
            "requirements": self.requirements.to_dict(),
            "sections": [{"name": n, "start": s, "end": e} for n, s, e in self.sections],
            "warnings": list(self.warnings),
        }
        if include_text:
            out["text"] = self.text
        return out
