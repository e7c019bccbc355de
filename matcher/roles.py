"""Role level of a posting or resume: director, manager, supervisor, staff, or outside HIM.

The title decides when it names an HIM role ("Coding Manager", "Director of Health Information Management");
otherwise the content does: a document whose skills are mostly HIM operations, coding and credentials is an HIM
role even under a vague title, and anything else is ``outside``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .analysis import Mention, RoleLevel
from .requirements import DATE_RANGE_RE, REPORTS_TO_RE, reporting_boss
from .textindex import CaselessPattern

ROLE_LEVEL_ORDER: tuple[RoleLevel, ...] = ("staff", "supervisor", "manager", "director")

# Its words are written in lowercase: a CaselessPattern (see textindex).
_HIM_TITLE_RE = CaselessPattern(
    r"health\s+info(?:rmation)?|\bhims?\b|\bhis\b|medical\s+records?|health\s+records?|\bcod(?:ing|er|ers)\b"
    r"|\bcdi\b|clinical\s+documentation|documentation\s+(?:integrity|improvement|specialist|services)|release\s+of\s+information"
    r"|health(?:care)?\s+documentation|data\s+(?:quality|governance)|health\s+information|\bhie\b"
    r"|\broi\b|privacy|registrar|\bhit\b|data\s+integrity|\be?mpi\b|\bchart\b|transcription|revenue\s+integrity"
    r"|\brhi[at]\b|information\s+governance|records?\s+(?:management|clerk|technician|specialist|supervisor|manager|director)"
    r"|abstract(?:or|ion)|health\s+data|cancer\s+registry|tumou?r\s+registry|scanning|indexing|document\s+imaging"
    r"|\bhim\s+\w+|patient\s+identity|risk\s+adjustment",
)
_OUTSIDE_TITLE_RE = re.compile(
    r"\b(?:nurse|nursing|RN|LPN|CNA|engineer|developer|programmer|physician|therapist|pharmac\w*|billing|collections?"
    r"|patient\s+access|registration|scheduler|accountant|sales|teacher|chef|cook|human\s+resources|HR|recruiter"
    r"|hospital\s+administrator|administrator|COO|CEO|CFO|chief\s+operating|chief\s+executive|operations\s+officer"
    r"|receptionist|cashier|retail|store|claims|utilization|case\s+manager|social\s+worker|technologist)\b",
    re.IGNORECASE,
)
# "Health Information Management Director": the field's name contains "management", which is no rank.
_FIELD_NAME_RE = re.compile(
    r"health\s+information\s+management|information\s+management|records\s+management|revenue\s+cycle\s+management"
    r"|case\s+management|management\s+systems?|utilization\s+management|data\s+management",
    re.IGNORECASE,
)
_RANK_RES: tuple[tuple[RoleLevel, re.Pattern[str]], ...] = (
    (
        "director",
        re.compile(
            r"\b(?:director|chief|vp|vice\s+president|head\s+of|executive|CHIO|AVP|assistant\s+vice|senior\s+director)\b",
            re.IGNORECASE,
        ),
    ),
    ("manager", re.compile(r"\b(?:manager|mgr|management|administrator)\b", re.IGNORECASE)),
    (
        "supervisor",
        re.compile(r"\b(?:supervisor|supervisory|lead|team\s+leader|superintendent|coordinator)\b", re.IGNORECASE),
    ),
)
# Skills that only HIM work tends to need; soft skills and general software say nothing about the field.
_HIM_CATEGORIES = frozenset({"coding", "records_operations", "credentials", "revenue_cycle", "privacy_compliance"})
_HIM_CREDENTIALS = frozenset(
    {
        "credentials.rhia",
        "credentials.rhit",
        "credentials.ccs",
        "credentials.ccs_p",
        "credentials.cca",
        "credentials.cdip",
        "credentials.chps",
        "credentials.chda",
        "credentials.cpc",
        "credentials.ctr",
    }
)
# A "Job Title:" line: the first line, or a line after a newline. Searching for the newline lets the regex engine
# skip ahead; a "^" in multiline mode was tried at every character of the text (4x slower).
_TITLE_LABEL = r"[ \t]*(?:job\s+title|position\s+title|position|title|role|job)\s*[:\-–]\s*(?P<title>.+?)\s*$"
_FIRST_TITLE_LINE_RE = re.compile(_TITLE_LABEL, re.IGNORECASE | re.MULTILINE)
_TITLE_LINE_RE = re.compile(r"\n" + _TITLE_LABEL, re.IGNORECASE | re.MULTILINE)
_TITLE_WORD_RE = CaselessPattern(
    r"\b(?:director|manager|supervisor|lead|coder|specialist|technician|clerk|analyst|nurse|engineer|developer"
    r"|administrator|coordinator|officer|representative|assistant|receptionist|associate|registrar|auditor|chief"
    r"|consultant|educator|scientist|vp|head)\b",
)


_BOARD_FIELD_SEPARATOR_RE = re.compile(r"\s+[-–—|·]\s+")


def rank_of_title(title: str) -> RoleLevel:
    """The rank a title states, ignoring the field's own name ("information management"); staff by default."""
    cleaned = _FIELD_NAME_RE.sub(" ", title)
    for level, pattern in _RANK_RES:
        if pattern.search(cleaned):
            if (
                level == "manager"
                and re.search(r"\badministrator\b", cleaned, re.IGNORECASE)
                and re.search(r"\b(?:specialist|technician|assistant|clerk)\b", cleaned, re.IGNORECASE)
            ):
                continue
            return level
    return "staff"


def him_content_score(mentions: Iterable[Mention]) -> int:
    """Distinct HIM-specific skills in the document (credentials count double: they mark the profession)."""
    ids = {m.skill_id: m.category for m in mentions}
    score = sum(1 for category in ids.values() if category in _HIM_CATEGORIES)
    score += sum(1 for skill_id in ids if skill_id in _HIM_CREDENTIALS)
    return score


def classify_role_level(title: str | None, mentions: Sequence[Mention], *, text: str = "") -> RoleLevel:
    """Role level from the title when it names an HIM role, else from the content."""
    him_score = him_content_score(mentions)
    if title:
        if _HIM_TITLE_RE.insensitive.search(title):
            return rank_of_title(title)
        if _OUTSIDE_TITLE_RE.search(title):
            return "outside"
    if him_score >= 6:
        if title and _TITLE_WORD_RE.insensitive.search(title):
            return rank_of_title(title)
        # "... and reports to the Director of Revenue Cycle" names the boss's rank, not the job's.
        head = text[:600]
        for boss in reversed([reporting_boss(head, m) for m in REPORTS_TO_RE.insensitive.finditer(head)]):
            head = head[: boss[0]] + head[boss[1] :]
        return rank_of_title(head) if _TITLE_WORD_RE.insensitive.search(head) else "staff"
    return "outside"


def guess_posting_title(text: str) -> str | None:
    """A posting's title: an explicit "Job Title:" line, else the first short line that reads like a title."""
    head = text[:3000]
    labelled = _FIRST_TITLE_LINE_RE.match(head) or _TITLE_LINE_RE.search(head)
    if labelled:
        return labelled.group("title")[:120]
    for line in text[:2000].splitlines():
        stripped = line.strip(" \t#*-•|=")
        if len(stripped.split()) > 14:
            # Job boards put employer, place and pay on the title's line: "Medical Records Manager - Lakeshore
            # Community Hospital - Sandusky, OH - $31.50 an hour - Full-time".
            stripped = _BOARD_FIELD_SEPARATOR_RE.split(stripped, maxsplit=1)[0]
        if not stripped or len(stripped) > 120:
            continue
        lowered = stripped.lower()
        if len(stripped.split()) <= 14 and (
            _TITLE_WORD_RE.sensitive.search(lowered) or _HIM_TITLE_RE.sensitive.search(lowered)
        ):
            return stripped
    return None


def guess_resume_title(text: str, experience: tuple[int, int] | None) -> str | None:
    """A candidate's current title: the first title-like line of the experience section, else of the header."""
    regions = []
    if experience is not None:
        regions.append(text[experience[0] : experience[1]])
    regions.append(text[:800])
    for region in regions:
        for line in region.splitlines()[:60]:
            stripped = line.strip(" \t#*-•|=_")
            if not stripped or len(stripped) > 140:
                continue
            if _TITLE_WORD_RE.insensitive.search(stripped) and len(stripped.split()) <= 16:
                # "Medical Record Technician , 10/2014 to Current": the dates belong to the job, not the title.
                undated = _EMPTY_PARENTHESES_RE.sub(" ", DATE_RANGE_RE.sub(" ", stripped))
                return " ".join(undated.split()).strip(" ,;|-–—") or stripped
    return None


_EMPTY_PARENTHESES_RE = re.compile(r"\(\s*\)")
