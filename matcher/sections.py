"""Sections of postings and resumes, found from their headings.

A heading is a short line (or the label before a colon, "Req: RHIT/RHIA") whose words match one of the section
names below. Text before the first heading belongs to the summary. Employer boilerplate (EEO statements,
benefits, "about us") is also recognised paragraph by paragraph, because scraped postings often lack headings.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .textindex import CaselessPattern, TextIndex

_POSTING_HEADINGS: dict[str, str] = {
    "preferred": r"""
        (?:additional\s+|other\s+)?(?:preferred|desired|desirable)(?:\s+(?:job|qualifications?|skills|experience|education
        |requirements|credentials|certifications?|knowledge|background|attributes))*
        | pref\.? | nice[\s-]to[\s-]haves? | bonus(?:\s+points)? | pluses | a\s+plus | (?:it'?s\s+)?a\s+plus\s+if\s+you\s+have
        | what\s+(?:would\s+)?(?:make|sets?)\s+you\s+(?:stand\s+out|apart) | ideal(?:ly)?(?:\s+candidate)?(?:\s+(?:will\s+)?(?:have|has|qualifications))?
        | preferred\s+but\s+not\s+required | additional\s+qualifications
    """,
    "required": r"""
        (?:(?:minimum|required|basic|essential|job|position|mandatory|key)\s+){0,2}(?:qualifications?|requirements?)
            (?:\s+(?:required|and\s+(?:education|experience|skills)|&\s+(?:education|experience|skills)))?
        | requirements?\s+(?:and|&)\s+qualifications? | qualifications?\s+(?:and|&)\s+requirements?
        | what\s+you(?:'ll|\s+will)?\s+(?:bring|need)(?:\s+to\s+succeed)? | what\s+we(?:'re|\s+are)\s+looking\s+for
        | what\s+we\s+(?:need|require|expect)(?:\s+from\s+you)?
        | must[\s-]haves? | required | req(?:'?d|s)?\.? | requirements\s+to\s+apply
        | (?:education|experience|training)(?:\s*(?:,|and|&|/)\s*(?:education|experience|training|licensure|certifications?|skills))*
        | (?:licensure|licenses?|certifications?|credentials?)(?:\s*(?:,|and|&|/)\s*(?:licensure|licenses?|certifications?|registrations?|credentials?))*
        | (?:skills|knowledge|abilities)(?:\s*(?:,|and|&|/)\s*(?:skills|knowledge|abilities|competencies))* | ksas?
        | specialized\s+experience | who\s+you\s+are | about\s+you(?:rself)? | you\s+(?:have|bring) | your\s+(?:background|experience|qualifications)
        | minimum\s+(?:education|experience)(?:\s+(?:and|&)\s+(?:education|experience))? | how\s+you\s+will\s+be\s+evaluated
        | basic\s+requirements | necessary\s+skills(?:\s+and\s+abilities)? | minimum\s+required
    """,
    "duties": r"""
        (?:key|essential|primary|major|main|core|principal|general)?\s*(?:job\s+|position\s+)?(?:responsibilities|duties|functions|tasks)
            (?:\s+(?:and|&)\s+(?:responsibilities|duties|tasks))?(?:\s+of\s+(?:the|this)\s+(?:job|position|role))?(?:\s+include)?
        | essential\s+(?:job\s+)?functions | (?:a\s+)?day\s+in\s+the\s+life
        | what\s+you(?:'ll|\s+will)\s+(?:do|lead|own|oversee|manage|work\s+on|be\s+doing|be\s+responsible\s+for)
        | your\s+(?:responsibilities|impact) | (?:the\s+)?impact\s+you(?:'ll|\s+will)\s+(?:have|make)
        | how\s+you(?:'ll|\s+will)\s+(?:contribute|make\s+an\s+impact)
        | (?:what|how)\s+you(?:'ll|\s+will)\s+spend\s+your\s+(?:time|days)(?:\s+on)?
        | day[\s-]to[\s-]day | accountabilities | in\s+this\s+role(?:,?\s+you\s+will)? | the\s+work | your\s+role
        | role\s+responsibilities | scope(?:\s+of\s+(?:the\s+)?(?:role|position))? | major\s+duties
    """,
    "summary": r"""
        (?:full\s+)?(?:job|position|role|general)?\s*(?:summary|overview|description|purpose)
        | about\s+(?:the|this)\s+(?:role|position|job|opportunity) | the\s+(?:role|position|opportunity)
        | (?:position|job)\s+description | summary\s+of\s+(?:the\s+)?(?:position|role) | job\s+title | title
        | why\s+(?:this|the)\s+(?:role|position|job)(?:\s+(?:exists|matters))?
    """,
    "boilerplate": r"""
        about\s+(?:us|the\s+(?:company|organization|organisation|employer|team|hospital|health\s+system))
        | about\s+(?!you\b|yourself\b)[A-Za-z][\w&'.-]*(?:\s+[A-Za-z][\w&'.-]*){0,5}
        | who\s+we\s+are | our\s+(?:mission|values|culture|story|commitment|company|organization|benefits)
        | (?:benefits|perks)(?:\s*(?:and|&|/)\s*(?:perks|benefits))?(?:\s+(?:package|overview|include|summary))?
        | what\s+we\s+offer | we\s+offer | what\s+(?!you\b)[\w&'.-]+(?:\s+[\w&'.-]+){0,3}\s+offers(?:\s+you)?
        | why\s+(?:join|work\s+(?:for|with|at))(?:\s+us)? | why\s+(?!(?:this|the|you|your|we)\b)(?-i:[A-Z])[\w]*(?:\s+(?-i:[A-Z])[\w]*){0,3}
        | why\s+(?:us|choose\s+us|you(?:'ll|\s+will)\s+love(?:\s+[\w']+){0,4})
        | total\s+rewards | compensation(?:\s+(?:and|&)\s+benefits)? | (?:pay|salary)(?:\s+(?:range|rate|and\s+benefits))?
        | (?:a\s+)?reasonable\s+estimate\s+of\s+(?:the\s+)?(?:current\s+)?(?:pay\s+|salary\s+|compensation\s+)?range
        | equal\s+(?:employment\s+)?opportunity(?:\s+employer)?(?:\s+statement)? | eeo(?:\s+statement)? | e\.e\.o\.
        | diversity(?:\s*(?:,|and|&)\s*(?:equity|inclusion|belonging))*(?:\s+statement)?
        | conditions\s+of\s+employment | how\s+to\s+apply | application\s+(?:process|instructions)
        | additional\s+information | other\s+information | (?:legal\s+)?disclaimer | reasonable\s+accommodations?
        | (?:physical\s+(?:demands|requirements)|work(?:ing)?\s+(?:conditions|environment))
            (?:\s*(?:/|and|&|,)\s*(?:physical\s+(?:demands|requirements)|work(?:ing)?\s+(?:conditions|environment)))*
        | (?:work\s+)?schedule | modes?\s+of\s+work | work\s+(?:modes?|arrangements?) | (?:remote|hybrid)\s+work(?:\s+eligibility)?
        | location | shift | travel | employment\s+type | job\s+type | hours | requisition(?:\s+(?:id|number))?
        | security\s+clearance | background\s+check | required\s+documents | vaccination(?:\s+policy)?
        | similar\s+jobs | people\s+also\s+(?:viewed|searched(?:\s+for)?) | more\s+jobs(?:\s+(?:like\s+this|from\s+\w+))?
        | (?:recommended|related)\s+jobs | jobs\s+you\s+may\s+(?:like|be\s+interested\s+in) | (?:hiring|profile)\s+insights
        | what\s+you\s+(?:won'?t|will\s+not)\s+(?:do|be\s+doing) | not\s+(?:part\s+of|included\s+in)\s+(?:this|the)\s+(?:role|job|position)
    """,
}

_RESUME_HEADINGS: dict[str, str] = {
    "summary": r"""
        (?:professional|career|executive|personal)?\s*(?:summary|profile|overview|objective)
        | summary\s+of\s+qualifications | qualifications\s+summary | career\s+highlights | highlights | about\s+me
    """,
    "experience": r"""
        (?:professional|work|relevant|leadership|management|employment|career|clinical|healthcare|him|related)?\s*
            (?:experience|history|background)(?:\s+(?:and|&)\s+(?:accomplishments|achievements))?
        | work\s+history | employment(?:\s+history)? | career\s+history | positions\s+held | professional\s+experience
    """,
    "education": r"""
        education(?:al\s+background)?(?:\s*(?:and|&|/)\s*(?:training|professional\s+development|credentials|certifications?))?
        | academic\s+(?:background|history|credentials) | degrees? | training | professional\s+development
        | continuing\s+education
    """,
    "certifications": r"""
        (?:professional\s+)?(?:certifications?|licen[sc]es?|licensure|credentials?|registrations?)
            (?:\s*(?:and|&|/|,)\s*(?:certifications?|licen[sc]es?|licensure|credentials?|registrations?|affiliations?))*
    """,
    "skills": r"""
        (?:core|key|technical|professional|relevant|computer|software|additional)?\s*(?:skills|competencies|proficiencies|expertise)
            (?:\s*(?:and|&|/|,)\s*(?:abilities|tools|qualifications|technologies|systems|software|competencies|skills|expertise))*
        | areas\s+of\s+(?:expertise|strength) | skill\s+highlights | tools(?:\s*(?:and|&|/)\s*(?:technologies|systems|software))?
        | software | systems | keywords | technologies | technical\s+proficiencies
    """,
    "other": r"""
        volunteer(?:\s+(?:experience|work))? | awards?(?:\s*(?:and|&)\s*honou?rs)? | honou?rs | affiliations
        | professional\s+(?:affiliations|memberships|associations) | memberships | publications | presentations
        | references | interests | activities | projects | accomplishments | achievements | languages
    """,
}


def _compile(table: dict[str, str]) -> CaselessPattern:
    body = "|".join(f"(?P<{name}>{pattern})" for name, pattern in table.items())
    return CaselessPattern(rf"^\s*(?:{body})\s*$", re.VERBOSE)


# Matched on lowercased candidates by the case-sensitive form (2.5x faster). All their words are lowercase; the one
# wording that needs a capital ("Why Riverbend") starts with "why" and is matched by the case-insensitive form.
_HEADING_RES = {"posting": _compile(_POSTING_HEADINGS), "resume": _compile(_RESUME_HEADINGS)}
# Emoji and pictographs lead headings of job-board posts ("⭐ Nice to have", "✔️ What you bring").
_LEADING_DECORATION_RE = re.compile(r"^[\s#*_=•·▪◦●■\-–—>|\d.)(\u2190-\u2bff\ufe0f\u200d\U0001f000-\U0001faff]*")
# Every character Python counts as whitespace (what the regex's \s strips), plus trailing decoration. str.rstrip
# does in one call what a regex anchored at the end does by trying every position of the line.
_TRAILING_DECORATION = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000*_=:|•-–—?"
)


def _undecorated(line: str) -> str:
    """A heading candidate without its bullets, numbering, Markdown marks and trailing colon or rules."""
    if line[:1].isalpha():  # most lines: nothing to strip in front, and no regex call to find that out
        return line.rstrip(_TRAILING_DECORATION)
    lead = _LEADING_DECORATION_RE.match(line)
    return line[lead.end() if lead else 0 :].rstrip(_TRAILING_DECORATION)


def _heading_candidate(line: str) -> str:
    """``line`` undecorated, without the "include but are not limited to" that real postings add to headings."""
    candidate = _undecorated(line)
    if "limited" in candidate or "following" in candidate:
        candidate = _NOT_LIMITED_TO_RE.sub("", candidate).rstrip(_TRAILING_DECORATION)
    return candidate


_NOT_LIMITED_TO_RE = re.compile(
    r"(?:,?\s+(?:which\s+)?(?:includes?|incl\.?))?(?:,?\s+but\s+(?:(?:are|is)\s+)?not\s+limited\s+to|\s+the\s+following)\s*$",
    re.IGNORECASE,
)


# The lookahead names every first letter of the phrases below (tested): a position starting with another is skipped
# at once, which made scanning 1.6x faster.
_BOILERPLATE_PARAGRAPH_RE = CaselessPattern(
    r"(?=[abcdehmprstvw4])(?:equal\s+(?:employment\s+)?opportunity|without\s+regard\s+to|regardless\s+of\s+(?:race|age|sex)"
    r"|reasonable\s+accommodation|e-verify|drug[\s-]free\s+workplace|protected\s+veteran|affirmative\s+action"
    r"|(?:medical|dental|vision)(?:\s*,\s*|\s+and\s+)(?:dental|vision|life)|40[13]\s*\(?[kb]\)?|paid\s+time\s+off|tuition\s+reimbursement"
    # "reimbursement of exam fees for the RHIA or CCS after one year of service"
    r"|reimburse(?:ment|d|s)?\s+(?:of\s+|for\s+)?(?:your\s+)?(?:[\w-]+\s+)?(?:exam|certification|credential(?:ing)?)\s+fees"
    # the applicant-data notice of job boards: "... stored in accordance with our Privacy Policy", "refer to our CA
    # Privacy Notice"
    r"|(?:accordance\s+with|refer\s+to|see|review|read)\s+(?:our|the)\s+(?:[\w-]+\s+)?privacy\s+(?:policy|notice)"
    # what staff get ("PUMC's CDI team members enjoy a flexible remote work program") and hiring preferences by law
    r"|(?:employees|team\s+members|staff|associates|colleagues)\s+(?:also\s+|will\s+|can\s+)?enjoy"
    r"|\bbenefits\s+(?:for\s+(?:[\w-]+\s+){0,3})?(?:include|including)\b|\bbenefits\s+package\b"
    r"|preference\s+in\s+(?:hiring|employment)|(?:hiring|veterans'?)\s+preference"
    # the employer's diversity statement: "We value diversity, inclusion and a culture of continuous learning"
    r"|we\s+(?:value|celebrate|embrace|welcome)\s+diversity|diversity\s*(?:,|and|&)\s*(?:equity\s*,?\s*(?:and\s+)?)?inclusion)",
)
_MAX_HEADING_CHARS = 70
_ONE_LINE_FIELDS = frozenset(
    {
        "location",
        "shift",
        "hours",
        "schedule",
        "work schedule",
        "pay",
        "salary",
        "pay range",
        "salary range",
        "pay rate",
        "job type",
        "employment type",
        "travel",
        "requisition",
        "requisition id",
        "requisition number",
    }
)
_MAX_INLINE_LABEL_CHARS = 45
_MIN_INLINE_PARAGRAPH_CHARS = 60  # text after an inline label that makes a paragraph of it, not a short field
# Labels of a paragraph about the employer ("About us:", "Who we are:"), as opposed to job conditions ("Working
# conditions: ...") which often run on to the end of the posting.
_ABOUT_EMPLOYER_RE = re.compile(r"about\b|who\s+we\s+are|our\s", re.IGNORECASE)


# Postings written as prose, without headings, put their qualifications in a paragraph of their own that opens
# with who is wanted: "We are looking for someone who has an Associate's in HIT ...", "We are looking for an RHIA
# with ...", "You should have ...", "Candidates must ...". Such a paragraph is read as the required (or, for "the
# ideal candidate", preferred) qualifications; a paragraph introducing the job ("We are seeking a Director of HIM to
# lead ...") names the job, not a person with attributes, and stays in the summary.
_ASK_PARAGRAPH_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "required",
        re.compile(
            r"(?:we(?:'re|\s+are)|i(?:'m|\s+am))\s+(?:looking\s+for|seeking|hoping\s+to\s+find)\s+(?:someone|somebody"
            r"|a\s+candidate|candidates|an\s+individual|individuals|a\s+person|people|applicants"
            r"|an?\s+(?:RHIA|RHIT|CCS|CPC|credentialed|certified|registered|experienced|seasoned|proven)\b)"
            r"|you\s+(?:should|must)\s+(?:have|be|know|bring|hold)\b|you(?:'ll|\s+will)\s+need\b"
            r"|(?:candidates|applicants)\s+(?:must|should|will\s+need)\b|to\s+(?:be\s+considered|qualify)\b"
            r"|(?:the\s+)?(?:successful|qualified)\s+(?:candidate|applicant)s?\s+(?:must|should|will\s+(?:have|possess|bring|hold))\b"
            r"|(?:minimum\s+)?(?:requirements|qualifications)\s+(?:include|are)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "preferred",
        re.compile(
            r"(?:the\s+)?ideal\s+(?:candidate|applicant|person)\s+(?:will\s+)?(?:have|has|is|brings|holds)\b", re.I
        ),
    ),
)


def _ask_paragraph(line: str) -> str | None:
    for name, expression in _ASK_PARAGRAPH_RES:
        if expression.match(line):
            return name
    return None


@dataclass(frozen=True, slots=True)
class Section:
    """A stretch of a document under one heading; offsets index the document text."""

    name: str
    start: int
    end: int
    heading: str = ""


def _heading_name(candidate: str, kind: str) -> str | None:
    lowered = candidate.lower()
    if lowered.startswith("why"):
        match = _HEADING_RES[kind].insensitive.match(candidate)
    else:
        match = _HEADING_RES[kind].sensitive.match(lowered)
    if match is None:
        return None
    return match.lastgroup


def find_sections(text: str, *, kind: str) -> list[Section]:
    """Split ``text`` (a posting or a resume) into consecutive sections covering the whole text."""
    if kind not in _HEADING_RES:
        kind = "posting"
    starts: list[tuple[int, str, str]] = [(0, "summary", "")]
    line_end = -1
    # Where an inline "About us: <text>" paragraph ends, the section before it resumes (see below).
    resume_at_blank: str | None = None
    paragraph_start = True
    for line in text.split("\n"):
        line_start, line_end = line_end + 1, line_end + 1 + len(line)
        stripped = line.strip()
        if not stripped:
            if resume_at_blank is not None:
                starts.append((line_start, resume_at_blank, ""))
                resume_at_blank = None
            paragraph_start = True
            continue
        opens_paragraph, paragraph_start = paragraph_start, False
        name: str | None = None
        heading = ""
        if len(stripped) <= _MAX_HEADING_CHARS:
            candidate = _heading_candidate(stripped)
            if candidate and len(candidate.split()) <= 8:
                name = _heading_name(candidate, kind)
                heading = candidate
        inline_text = False
        if name is None:
            colon = stripped.find(":")
            if 0 < colon <= _MAX_INLINE_LABEL_CHARS:
                candidate = _undecorated(stripped[:colon])
                if candidate and len(candidate.split()) <= 6:
                    name = _heading_name(candidate, kind)
                    heading = candidate
                    inline_text = len(stripped) - colon > _MIN_INLINE_PARAGRAPH_CHARS
        if name is not None:
            resume_at_blank = None
            if kind == "posting" and name == "boilerplate" and inline_text and _ABOUT_EMPLOYER_RE.match(heading):
                # "About us: QuickCare runs 38 clinics ..." with the text on the label's line: employer text to the
                # end of its paragraph. Unlabelled job text often follows it, and must not be swallowed with it.
                resume_at_blank = starts[-1][1]
            if kind == "posting" and name == "boilerplate" and heading.lower() in _ONE_LINE_FIELDS:
                # A one-line "Location: Remote" or "Pay: $22-27 an hour" field ends at its line; it does not
                # swallow what follows.
                starts.append((line_start, name, heading))
                next_line = min(line_end + 1, len(text))
                starts.append((next_line, starts[-2][1] if len(starts) > 1 else "summary", ""))
                continue
            starts.append((line_start, name, heading))
        elif (
            kind == "posting"
            and opens_paragraph
            and stripped[:1].isalpha()  # prose, not the first item of a list
            and starts[-1][1] == "summary"
            and resume_at_blank is None
        ):
            asks = _ask_paragraph(stripped)
            if asks is not None:
                starts.append((line_start, asks, ""))
                resume_at_blank = "summary"
    sections: list[Section] = []
    for i, (start, name, heading) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        if end > start or (i == len(starts) - 1 and not sections):
            sections.append(Section(name, start, end, heading))
    if not sections:
        sections.append(Section("summary", 0, len(text)))
    return sections


def boilerplate_spans(index: TextIndex) -> list[tuple[int, int]]:
    """Sentences that read as EEO or benefits text wherever they stand, as (start, end) offsets."""
    spans: list[tuple[int, int]] = []
    # Every phrase of the expression holds a trigger word, with at most 30 characters before it and 45 after.
    for lo, hi in index.windows_for("boilerplate", before=30, after=45):
        for hit in _BOILERPLATE_PARAGRAPH_RE.finditer(index, lo, hi):
            start, end = index.sentence(hit.start(), hit.end())
            if spans and start < spans[-1][1]:
                continue
            spans.append((start, end))
    return spans


class SectionIndex:
    """Answers "which section is offset N in?" by bisection."""

    def __init__(self, sections: Sequence[Section], boilerplate: Sequence[tuple[int, int]] = ()) -> None:
        self.sections = list(sections)
        self.starts = [s.start for s in self.sections]
        self._boilerplate = sorted(boilerplate)
        self._boilerplate_starts = [s for s, _ in self._boilerplate]
        self.has_boilerplate = bool(self._boilerplate)

    def section_at(self, offset: int) -> Section:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.sections[max(i, 0)]

    def in_boilerplate(self, offset: int) -> bool:
        i = bisect.bisect_right(self._boilerplate_starts, offset) - 1
        return i >= 0 and self._boilerplate[i][0] <= offset < self._boilerplate[i][1]
