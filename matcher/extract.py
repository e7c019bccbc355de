"""Text in, Analysis out: mentions with sections and requirement status, structured requirements, role level."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .analysis import Analysis, DegreeRequirement, Document, DocumentKind, Mention, Requirement, Requirements
from .errors import OptionError
from .patterns import TextPieces, TokenColumns
from .pipeline import RawMatch, get_nlp, get_skill_matcher
from .requirements import (
    credential_requirements,
    degree_in_progress,
    degree_requirements,
    experience_requirements,
    is_not_asked,
    requirement_of,
    requirements_of,
    resume_experience,
    unasked_spans,
)
from .roles import classify_role_level, guess_posting_title, guess_resume_title
from .sections import Section, SectionIndex, boilerplate_spans, find_sections
from .taxonomy import Skill, Taxonomy, load_taxonomy
from .textindex import TextIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc

KINDS: tuple[str, ...] = ("posting", "resume", "auto")
_RESUME_HEADINGS = re.compile(
    r"^\W*(?:professional\s+|work\s+|relevant\s+)?(?:experience|work\s+history|employment\s+history)\W*$"
    r"|^\W*(?:education|skills|skill\s+highlights|certifications|licenses|accomplishments|core\s+competencies)\W*$"
    r"|^\W*(?:professional\s+|career\s+)?(?:summary|profile|objective)\W*$",
    re.IGNORECASE | re.MULTILINE,
)
_RESUME_DATES = re.compile(
    r"(?:19|20)\d{2}\s*(?:-|–|—|to)\s*(?:current|present|(?:\d{1,2}/)?(?:19|20)\d{2})", re.IGNORECASE
)
_CONTACT = re.compile(r"@[\w-]+\.\w+|\b\d{3}[-.)\s]+\d{3}[-.\s]\d{4}\b|linkedin\.com/in/", re.IGNORECASE)
_POSTING_SIGNS = re.compile(
    r"\b(?:we\s+are\s+(?:seeking|looking|hiring)|you\s+will|you'll|the\s+ideal\s+candidate|apply\s+(?:now|today|online)"
    r"|equal\s+(?:employment\s+)?opportunity|benefits\s+(?:include|package)|job\s+(?:summary|description|type)"
    r"|position\s+(?:summary|description)|salary|per\s+hour|pay\s+range|full[\s-]time|part[\s-]time"
    r"|(?:preferred|required|minimum|basic)\s+qualifications|responsibilities\s+include|join\s+our|about\s+us"
    r"|what\s+you(?:'ll|\s+will)|this\s+(?:role|position)|the\s+successful\s+candidate|candidates?\s+must)\b",
    re.IGNORECASE,
)


def detect_kind(text: str) -> DocumentKind:
    """Guess whether a text is a posting or a resume from the words each kind of document uses."""
    head = text[:8000]
    resume = (
        len(_RESUME_HEADINGS.findall(head))
        + min(3, len(_RESUME_DATES.findall(head)))
        + 0.5 * min(2, len(_CONTACT.findall(head[:1500])))
    )
    posting = len(_POSTING_SIGNS.findall(head))
    return "resume" if resume > posting else "posting"


class Extractor:
    """Finds taxonomy skills, sections, requirements and the role level in postings and resumes.

    Build it once and reuse it: the spaCy pipeline and compiled matchers are shared by every call.
    """

    def __init__(self, *, taxonomy: Taxonomy | None = None, reference_year: int | None = None) -> None:
        """``reference_year`` is where "2019 - Present" ends on resumes (default: the current year)."""
        self.taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
        self.reference_year = reference_year if reference_year is not None else date.today().year
        self.nlp = get_nlp()
        self.skill_matcher = get_skill_matcher(self.taxonomy)
        self.keyword_index = self.skill_matcher.keywords

    def extract(self, document: Document | str, *, kind: str = "auto", source: str = "<text>") -> Analysis:
        """Analyse one document (or raw text, read as ``kind``)."""
        document = self._as_document(document, kind=kind, source=source)
        sections = find_sections(document.text, kind=document.kind)
        matchable, pieces = _matchable_text(document, sections)
        return self._analyse(document, self.nlp.make_doc(matchable), sections, pieces)

    def pipe(self, documents: Iterable[Document], *, batch_size: int = 256) -> Iterator[Analysis]:
        """Analyse many documents, streaming: one Analysis per Document, in order."""
        buffer: list[Document] = []
        for document in documents:
            buffer.append(document)
            if len(buffer) >= batch_size:
                yield from self._pipe_batch(buffer)
                buffer = []
        if buffer:
            yield from self._pipe_batch(buffer)

    def _pipe_batch(self, documents: Sequence[Document]) -> Iterator[Analysis]:
        tokenizer: Any = self.nlp.tokenizer
        for document in documents:
            sections = find_sections(document.text, kind=document.kind)
            matchable, pieces = _matchable_text(document, sections)
            yield self._analyse(document, tokenizer(matchable), sections, pieces)

    def _skill_mentions(
        self,
        document: Document,
        matches: Iterable[RawMatch],
        columns: TokenColumns,
        text_index: TextIndex,
        index: SectionIndex,
    ) -> list[Mention]:
        """The skill matches of a document as mentions: trimmed, placed in their sections, and in postings without
        what boilerplate holds or the text does not ask for, each marked required or preferred.

        One loop over every match of every document: written out rather than a chain of calls per match, which
        cost more than the work they did.
        """
        text = document.text
        posting = document.kind == "posting"
        idx, ends = columns.idx, columns.ends
        section_starts = index.starts
        section_names = [s.name for s in index.sections]
        in_boilerplate = index.in_boilerplate if index.has_boilerplate else None
        unasked = unasked_spans(text_index) if posting else ()
        edge = _EDGE_PUNCTUATION
        bisect_right = bisect.bisect_right
        kept: list[tuple[str, int, int, str]] = []
        section, section_lo, section_hi = "", 0, -1
        for skill_id, token_start, token_end in matches:
            start, end = idx[token_start], ends[token_end - 1]
            if text[start] in edge or text[end - 1] in edge:
                start, end = _trim_span(text, start, end)
            if in_boilerplate is not None and in_boilerplate(start):
                continue  # EEO and benefits text describes the employer, not the job
            if not section_lo <= start < section_hi:  # mentions come in order: most stay in the last one's section
                i = bisect_right(section_starts, start) - 1
                i = i if i > 0 else 0
                section = section_names[i]
                section_lo = section_starts[i] if i else 0
                section_hi = section_starts[i + 1] if i + 1 < len(section_starts) else len(text) + 1
            if section == "boilerplate":
                continue
            if unasked and any(lo <= start and end <= hi for lo, hi in unasked):
                continue
            kept.append((skill_id, start, end, section))
        if posting:
            requirements = requirements_of(text_index, [(start, end, section) for _, start, end, section in kept])
        else:
            requirements = [None] * len(kept)
        skills = self.taxonomy
        mentions = []
        for (skill_id, start, end, section), requirement in zip(kept, requirements, strict=True):
            skill = skills[skill_id]
            mentions.append(
                Mention(skill_id, skill.label, skill.category, start, end, text[start:end], section, requirement)
            )
        return mentions

    def _with_degree_mentions(
        self,
        mentions: list[Mention],
        degrees: Sequence[DegreeRequirement],
        *,
        text: str,
        sentence: Callable[[int, int], tuple[int, int]],
        section_of: Callable[[int], str],
        kind: str,
    ) -> list[Mention]:
        """``mentions`` plus the education skill of each parsed degree that no education mention covers.

        The degree reader knows wordings the taxonomy's phrases do not ("BSN", "Bachelor's or graduate degree in
        HIM"), and it ties a field to a degree across a list of alternatives.
        """
        added: list[Mention] = []
        # General degree mentions the reader read a field into: the specific skill replaces them.
        replaced: set[tuple[str, int, int]] = set()
        for degree in degrees:
            skill_id = _DEGREE_SKILLS.get((degree.level, degree.field)) or _DEGREE_SKILLS.get((degree.level, None))
            if skill_id is None or skill_id not in self.taxonomy:
                continue
            start, end = _trim_span(text, degree.start, degree.end)
            general = _DEGREE_SKILLS[(degree.level, None)]
            covering = {
                m.skill_id for m in (*mentions, *added) if m.category == "education" and m.start < end and start < m.end
            }
            # A phrase read only as "any associate degree" still gets the field the reader tied to it ("Associate's or
            # Bachelor's in HIM"); any other covering education mention already says what the degree is.
            if covering and (covering != {general} or skill_id == general):
                continue
            if covering and _FIELD_PREFERRED_RE.match(text, end) is None:
                # "Associate's or Bachelor's degree in HIM": the phrase the taxonomy read as any associate degree
                # is an associate degree in HIM, one ask and not two. "Associate degree required, preferably in HIT"
                # asks for both: any associate degree, and one in HIT if possible.
                replaced.update(
                    (m.skill_id, m.start, m.end)
                    for m in mentions
                    if m.skill_id == general and m.start < end and start < m.end
                )
            if skill_id == general:
                # "Master's degree (MHA, MBA or MPH)" asks for those degrees: a specific one of the same level in
                # the sentence says which, and the general skill would be a second, vaguer reading of it.
                lo, hi = sentence(start, end)
                if any(
                    _DEGREE_LEVELS.get(m.skill_id) == degree.level and lo <= m.start < hi and m.skill_id != skill_id
                    for m in mentions
                ):
                    continue
            requirement = degree.requirement if kind == "posting" else None
            added.append(_mention(self.taxonomy[skill_id], text, start, end, section_of(start), requirement))
        if not added:
            return mentions
        kept = [m for m in mentions if (m.skill_id, m.start, m.end) not in replaced]
        return sorted([*kept, *added], key=lambda m: (m.start, m.end))

    @staticmethod
    def _as_document(document: Document | str, *, kind: str, source: str) -> Document:
        if kind not in KINDS:
            raise OptionError(f"kind {kind!r} is not valid; use one of {list(KINDS)}")
        if isinstance(document, Document):
            return document
        if not isinstance(document, str):
            raise OptionError(f"expected a Document or str, got {type(document).__name__}")
        resolved: DocumentKind = detect_kind(document) if kind == "auto" else kind  # type: ignore[assignment]
        return Document(text=document, source=source, kind=resolved)

    def _analyse(
        self, document: Document, doc: Doc, sections: list[Section], pieces: TextPieces | None = None
    ) -> Analysis:
        text = document.text
        kind = document.kind
        columns = TokenColumns(doc, pieces)
        keyword_hits: list[tuple[int, int, int]] = []
        matches = self.skill_matcher.find(doc, columns, keyword_hits=keyword_hits)
        text_index = TextIndex(text, self.keyword_index.offsets(keyword_hits, columns))
        index = SectionIndex(sections, boilerplate_spans(text_index) if kind == "posting" else ())

        def section_of(offset: int) -> str:
            if index.in_boilerplate(offset):
                return "boilerplate"
            return index.section_at(offset).name

        def requirement_for(start: int, end: int, section: str) -> Requirement | None:
            if kind != "posting":
                return None
            return requirement_of(text_index, start, end, section=section)

        mentions = self._skill_mentions(document, matches, columns, text_index, index)
        degrees = degree_requirements(text_index, section_of=section_of, requirement_for=requirement_for)
        if kind == "posting":
            experience = experience_requirements(text_index, section_of=section_of, requirement_for=requirement_for)
            # What the posting names without asking ("no bachelor's degree required") is no requirement either.
            degrees = [d for d in degrees if not is_not_asked(text_index, d.start, d.end)]
            experience = [e for e in experience if not is_not_asked(text_index, e.start, e.end)]
        else:
            degrees = [replace(d, in_progress=degree_in_progress(text, d)) for d in degrees]
            experience_sections = [(s.start, s.end) for s in sections if s.name == "experience"]
            experience = resume_experience(
                text_index, experience=experience_sections, reference_year=self.reference_year
            )
        mentions = self._with_degree_mentions(
            mentions, degrees, text=text, sentence=text_index.sentence, section_of=section_of, kind=kind
        )
        if kind == "posting":
            mentions = _without_credential_conditions(mentions, text)
        requirements = Requirements(
            degrees=tuple(degrees),
            credentials=tuple(credential_requirements(text_index, mentions)),
            experience=tuple(experience),
        )
        if kind == "posting":
            title = document.title or guess_posting_title(text)
        else:
            experience_span = next(((s.start, s.end) for s in sections if s.name == "experience"), None)
            title = document.title or guess_resume_title(text, experience_span)
        role_level = classify_role_level(title, mentions, text=text)
        return Analysis(
            source=document.source,
            kind=kind,
            title=title,
            role_level=role_level,
            mentions=tuple(mentions),
            requirements=requirements,
            sections=tuple((s.name, s.start, s.end) for s in sections),
            text=text,
            warnings=document.warnings,
        )


def _without_credential_conditions(mentions: list[Mention], text: str) -> list[Mention]:
    """``mentions`` without a general degree that is only the condition of a credential ("RHIA, or RHIT with a
    bachelor's degree", "RHIT must have a bachelor's degree") where the posting asks for a specific degree of that
    level (a bachelor's in HIM) elsewhere: that degree is the one asked, the condition no second one."""
    specific_levels = {
        _DEGREE_LEVELS[m.skill_id]
        for m in mentions
        if m.skill_id in _DEGREE_LEVELS and m.skill_id not in _GENERAL_DEGREES
    }
    if not specific_levels:
        return mentions
    return [
        m
        for m in mentions
        if not (
            _GENERAL_DEGREES.get(m.skill_id) in specific_levels
            and _CREDENTIAL_CONDITION_RE.search(text, max(0, m.start - 40), m.start) is not None
        )
    ]


# The education skill a parsed degree stands for, by level and field (None: a field with no skill of its own).
_DEGREE_SKILLS: dict[tuple[str, str | None], str] = {
    ("bachelor", "health information management"): "education.bachelors_him",
    ("bachelor", "healthcare administration"): "education.bachelors_healthcare_admin",
    ("bachelor", None): "education.bachelors_any",
    ("master", "health information management"): "education.masters_him_informatics",
    ("master", "health informatics"): "education.masters_him_informatics",
    ("master", None): "education.masters_any",
    ("associate", "health information technology"): "education.associate_hit",
    ("associate", "health information management"): "education.associate_hit",
    ("associate", None): "education.associate_any",
    ("high_school", None): "education.high_school",
}
# The skill of each level's degree in any field.
_GENERAL_DEGREES: dict[str, str] = {
    skill_id: level for (level, field), skill_id in _DEGREE_SKILLS.items() if field is None
}
_FIELD_PREFERRED_RE = re.compile(
    r"[^\S\n]*(?:degree\b)?[^\S\n]*(?:[(,;:-][^\S\n]*)?(?:(?:is[^\S\n]+)?required[^\S\n]*[,;]?[^\S\n]*)?"
    r"(?:preferably|preferred|ideally)[^\S\n]*(?:\(|in\b|:)",
    re.IGNORECASE,
)
_CREDENTIAL_CONDITION_RE = re.compile(
    r"\b(?:RHIT|RHIA|CCS|CCA|CPC|RN|LPN)\s*[(,]?\s*(?:with|plus|must\s+(?:have|hold))\s+(?:an?\s+)?\Z"
)
# The level of each education skill that is a degree of one level.
_DEGREE_LEVELS: dict[str, str] = {
    **{skill_id: level for (level, _), skill_id in _DEGREE_SKILLS.items()},
    "education.mha": "master",
    "education.mba": "master",
    "education.mph": "master",
}


def _mention(skill: Skill, text: str, start: int, end: int, section: str, requirement: Requirement | None) -> Mention:
    return Mention(
        skill_id=skill.id,
        label=skill.label,
        category=skill.category,
        start=start,
        end=end,
        text=text[start:end],
        section=section,
        requirement=requirement,
    )


# List patterns may start or end on the list's punctuation (", scanning and indexing", "- Hire,"); the mention
# shows the words only.
_EDGE_PUNCTUATION = frozenset(" \t\n,;:-–—/&(•*·")


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    lo, hi = start, end
    while lo < hi and text[lo] in _EDGE_PUNCTUATION:
        lo += 1
    while hi > lo and text[hi - 1] in _EDGE_PUNCTUATION:
        hi -= 1
    return (lo, hi) if lo < hi else (start, end)


def _matchable_text(document: Document, sections: Sequence[Section]) -> tuple[str, TextPieces | None]:
    """The text to tokenize: a posting without its boilerplate sections (EEO, benefits, pay), since nothing found
    there counts, and where its pieces came from (None when nothing was cut, so offsets index the text as is)."""
    text = document.text
    if document.kind != "posting":
        return text, None
    pieces: list[str] = []
    starts: list[int] = []
    deltas: list[int] = []
    last = length = 0
    for section in sections:
        if section.name == "boilerplate" and section.end > section.start:
            kept = text[last : section.start]
            starts.append(length)
            deltas.append(last - length)
            # One newline stands for the cut: the words on either side stay apart and never join one phrase.
            pieces.append(kept)
            pieces.append("\n")
            length += len(kept) + 1
            last = section.end
    if not pieces:
        return text, None
    starts.append(length)
    deltas.append(last - length)
    pieces.append(text[last:])
    return "".join(pieces), TextPieces(starts, deltas)


_DEFAULT_EXTRACTOR: dict[int, Extractor] = {}


def default_extractor(taxonomy: Taxonomy | None = None) -> Extractor:
    """The process-wide Extractor for ``taxonomy`` (the shipped one when None)."""
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    key = id(taxonomy)
    if key not in _DEFAULT_EXTRACTOR:
        _DEFAULT_EXTRACTOR[key] = Extractor(taxonomy=taxonomy)
    return _DEFAULT_EXTRACTOR[key]


def extract(
    document: Document | str | Path,
    *,
    kind: str = "auto",
    taxonomy: Taxonomy | None = None,
) -> Analysis:
    """Analyse one document: a Document, a path to read, or raw text."""
    from .readers import read_document

    if isinstance(document, Path):
        document = read_document(document, kind=kind)
    return default_extractor(taxonomy).extract(document, kind=kind)
