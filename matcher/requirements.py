"""Requirements as data: required/preferred cues, text that asks for nothing, degrees, credential alternatives, years.

Everything here works on the text and the already-found mentions with regular expressions over one sentence at a
time: cheap enough to run on every posting of a large batch.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from .analysis import (
    CredentialRequirement,
    DegreeRequirement,
    ExperienceRequirement,
    Mention,
    Requirement,
)
from .pipeline import SHORTHAND
from .textindex import CaselessPattern, TextIndex

_CLAUSE_SPLIT_RE = re.compile(r"(?=[,;()bw])(?:,|;|\(|\)|\bbut\b|\bwhile\b)")
_NEGATION_ALTERNATIVES = (
    r"\bno\s+(?:prior\s+|previous\s+)?(?P<span>[^.;:\n]{0,80}?)\b(?:is\s+|are\s+)?(?:required|necessary|needed|expected)\b",
    r"\b(?P<span2>[^.;:\n]{0,80}?)\s+(?:(?:is|are|will\s+be)\s+)?not\s+(?:required|necessary|needed|mandatory|expected(?!\s+to\b))\b",
    r"\bnot\s+(?:required|necessary|needed)\s*:\s*(?P<span3>[^.;\n]{0,80})",
    # "You will not code charts or manage an HIM team", "this role is not expected to build reports"
    r"\b(?:you|it|and|this\s+(?:role|position|job)|the\s+(?:role|position|incumbent|lead|supervisor|coordinator|specialist)"
    # "The CHIO is not expected to hold a CCS": the job by its title
    r"|the\s+(?:(?-i:[A-Z])[\w-]*\s+){0,2}(?-i:[A-Z])[\w-]*)"
    r"\s+(?:will\s+not|won't|would\s+not"
    r"|does\s+not|do\s+not|is\s+not|are\s+not)\s+(?:be\s+)?(?:expected\s+to\s+|required\s+to\s+|asked\s+to\s+"
    r"|responsible\s+for\s+)?(?P<span4>[^.;\n]{1,100})",
    # "A CCS or CCS-P alone will not meet the requirement", "Coding experience alone, without ..., will not qualify"
    r"\b(?P<span5>[^.;:\n]{1,60}?)\s+alone(?:\s*,[^.;\n]{0,60},)?\s+(?:will|would|does|do)\s+not\s+(?:meet|qualify"
    r"|satisfy|suffice|be\s+(?:sufficient|enough|accepted))",
    # "We do not expect candidates to hold coding credentials such as the CCS", "Applicants holding a CCS in place of
    # the RHIA will not meet this requirement"
    r"\bwe\s+(?:do\s+not|don't)\s+(?:require|expect)\s+(?:candidates\s+|applicants\s+|you\s+)?(?:to\s+(?:have|hold|be)\s+)?"
    r"(?P<span6>[^.;\n]{1,100})"
    r"|\b(?:applicants|candidates)\s+(?:holding|with)\s+(?P<span7>[^.;:\n]{1,80}?)\s+(?:will|would)\s+not\s+(?:meet|satisfy|qualify)"
    # "We are not looking for inpatient coding experience", "Not a fit if you're looking for a coding job"
    r"|\b(?:we(?:'re|\s+are)\s+not\s+looking\s+for|not\s+a\s+(?:good\s+)?fit\s+(?:if|for)\s+(?:you(?:'re|\s+are)\s+"
    r"(?:looking\s+for|seeking|after)\s+)?)(?P<span8>[^.;\n]{1,100})"
    # "No cancer registry abstracting is involved in this role", "No coding is performed in this position"
    r"|\bno\s+(?P<span9>[^.;:\n]{1,80}?)\s+(?:is|are|will\s+be)\s+(?:involved|included|performed|done|part)\s+(?:in|by|at|of)"
    r"\s+(?:this|the)\s+(?:role|position|job)",
)
# Most negation windows ("including but not limited to", "do not") hold neither "not required" (or necessary,
# needed, ...) nor "alone", and the alternatives that need them (1 and 2, and 4) try a lazy span at every position:
# each window gets the expression without the alternatives it cannot match, which finds the same at a fraction of
# the cost. Keyed by (holds "not required", holds "alone").
_NOT_REQUIRED_RE = re.compile(r"\bnot\s+(?:required|necessary|needed|mandatory|expected)", re.IGNORECASE)
_ALONE_RE = re.compile(r"\balone\b", re.IGNORECASE)
_NEGATIONS = {
    (not_required, alone): re.compile(
        "|".join(
            alternative
            for i, alternative in enumerate(_NEGATION_ALTERNATIVES)
            if (not_required or i not in (1, 2)) and (alone or i != 4)
        ),
        re.IGNORECASE,
    )
    for not_required in (True, False)
    for alone in (True, False)
}
# "Coding, CDI and DNFB management ... are **not** in scope for this role", "ROI is outside the scope of this job",
# "The Cancer Registry is a separate department and is not part of this role": read back from each "scope" or "part"
# to the start of its clause.
_OUT_OF_SCOPE_RE = re.compile(
    r"\s+(?:(?:is|are|will\s+be|fall|falls)\s+)?(?:[*_]{0,2}not[*_]{0,2}\s+(?:in|within|part\s+of)|outside(?:\s+of)?)\s+"
    r"(?:the\s+scope\b|scope\b|(?:this|the|your)\s+(?:role|job|position)\b)",
    re.IGNORECASE,
)


def _cues(index: TextIndex, s_start: int, s_end: int) -> tuple[list[tuple[int, str]], list[int]]:
    """Requirement cues (absolute offset, kind) and clause boundaries of one sentence, stored in ``index.memo``
    (most sentences hold several mentions)."""
    positions, all_cues = _all_cues(index)
    cues = all_cues[bisect.bisect_left(positions, s_start) : bisect.bisect_left(positions, s_end)]
    clauses = [m.start() for m in _CLAUSE_SPLIT_RE.finditer(index.text, s_start, s_end)] if cues else []
    index.memo[("cues", s_start)] = (cues, clauses)
    return cues, clauses


def _all_cues(index: TextIndex) -> tuple[list[int], list[tuple[int, str]]]:
    """Every requirement cue of the text as (offset, kind), in order, with their offsets alone (to bisect)."""
    known = index.memo.get(("all cues", -1))
    if known is None:
        cues = sorted(
            [(start, "preferred") for start, _ in index.keywords("preferred")]
            + [(start, "required") for start, _ in index.keywords("required")]
        )
        known = index.memo[("all cues", -1)] = ([start for start, _ in cues], cues)
    return known  # type: ignore[return-value]


def requirement_of(index: TextIndex, start: int, end: int, *, section: str) -> Requirement | None:
    """Whether the posting requires or prefers what sits at ``text[start:end]``.

    The nearest cue wins: first within the mention's clause, then within its sentence; otherwise the section
    decides (required or preferred qualifications), and duties or summary text stays ``None``.
    """
    return requirements_of(index, [(start, end, section)])[0]


def requirements_of(index: TextIndex, spans: Iterable[tuple[int, int, str]]) -> list[Requirement | None]:
    """``requirement_of`` for each (start, end, section) of ``spans``: one call for all of a document's mentions,
    since a call per mention cost more than the answers themselves."""
    memo = index.memo
    sentence = index.sentence
    sentence_of = index.sentence_number
    # Sentence number -> its cues and clause boundaries; most sentences hold several mentions.
    known: dict[tuple[int, int], tuple[int, int, list[tuple[int, str]], list[int]]] = {}
    answers: list[Requirement | None] = []
    bisect_left, bisect_right = bisect.bisect_left, bisect.bisect_right
    # Mentions come in order, and the next one is most often in the same sentence: the starts and ends that keep
    # the last sentence number (see TextIndex.sentence_number) are checked before anything is looked up.
    same_starts = same_ends = (0, -1)
    facts: tuple[int, int, list[tuple[int, str]], list[int]] | None = None
    for start, end, section in spans:
        if facts is None or not (same_starts[0] <= start < same_starts[1] and same_ends[0] < end <= same_ends[1]):
            number = sentence_of(start, end)
            same_starts, same_ends = index.sentence_number_range(number)
            facts = known.get(number)
            if facts is None:
                s_start, s_end = sentence(start, end)
                cached = memo.get(("cues", s_start))
                facts = known[number] = (
                    s_start,
                    s_end,
                    *(cached if cached is not None else _cues(index, s_start, s_end)),  # type: ignore[misc]
                )
        s_start, s_end, cues, clauses = facts
        if cues:
            i = bisect_right(clauses, start)
            clause_start = clauses[i - 1] if i else s_start
            j = bisect_left(clauses, end)
            clause_end = clauses[j] if j < len(clauses) else s_end
            near = [(abs(pos - start), kind) for pos, kind in cues if clause_start <= pos < clause_end] or [
                (abs(pos - start), kind) for pos, kind in cues if s_start <= pos < s_end
            ]
            if near:
                # "preferred but not required" and "required; X preferred" are common: the nearest cue decides.
                answers.append(min(near)[1])  # type: ignore[arg-type]
                continue
        answers.append("required" if section == "required" else "preferred" if section == "preferred" else None)
    return answers


def unasked_spans(index: TextIndex) -> list[tuple[int, int]]:
    """The stretches of the text that name skills without asking for them (see ``is_not_asked``), read once."""
    unasked = index.memo.get(("unasked", -1))
    if unasked is None:
        unasked = index.memo[("unasked", -1)] = _unasked_spans(index)
    return unasked  # type: ignore[return-value]


def is_not_asked(index: TextIndex, start: int, end: int) -> bool:
    """True where the text names a skill without asking for it: "no coding experience required", "you will not code
    charts", "Reports to: VP, Revenue Cycle", "Epic training provided"."""
    return any(lo <= start and end <= hi for lo, hi in unasked_spans(index))


def _unasked_spans(index: TextIndex) -> list[tuple[int, int]]:
    """The stretches of the whole text that ask for nothing, read once: negations (only sentences holding "no",
    "not" or "n't" can have any), reporting lines and what the employer offers."""
    text = index.text
    spans: list[tuple[int, int]] = []
    for lo, hi in index.lines_for("reports_to"):
        for m in REPORTS_TO_RE.finditer(index, lo, hi):
            spans.append(reporting_boss(text, m))
    # Each wording holds its trigger word, with at most ~140 characters of the sentence before or after it.
    for lo, hi in index.windows_for("offered", before=150, after=150, within="sentence"):
        for m in _OFFERED_RE.finditer(text, lo, hi):
            group = next((g for g in ("trained", "topic", "taught", "included") if m.group(g) is not None), None)
            spans.append((m.start(group), m.end(group)) if group else index.sentence(m.start(), m.end()))
    for lo, hi in index.windows_for("onboarding", before=140, after=12, within="sentence"):
        if text.find("raining", lo, hi) == -1:  # "training" or "Training": most hires and orientations have none
            continue
        for m in _ONBOARDING_RE.finditer(text, lo, hi):
            group = m.lastgroup or "onboarded"
            spans.append((m.start(group), m.end(group)))
    # Work given to someone else: the team or people named do it, so the posting does not ask it of the hire. Only
    # where the sentence says the hire is spared it: "our HIM team handles coding and ROI" in a director posting
    # describes the department the director will run.
    for lo, hi in index.windows_for("delegated", before=140, after=130, within="sentence"):
        found = [
            (m.start(g), m.end(g))
            for m in _DELEGATED_RE.finditer(text, lo, hi)
            for g in ("doer", "done", "people")
            if m.group(g)
        ]
        for m in _DELEGATED_PASSIVE_RE.finditer(text, lo, hi):
            start = _clause_start(text, m.start(), floor=lo, stops=".;\n")
            if start < m.start():
                found.append((start, m.start()))
        for start, end in found:
            s_start, s_end = index.sentence(start, end)
            # A clause after a semicolon belongs with the one before it: "this role does not perform HCC coding;
            # risk adjustment coding is handled by the HIM coding team".
            before = text[:s_start].rstrip()
            if before.endswith(";"):
                s_start = index.sentence(len(before) - 1, len(before) - 1)[0]
            # The sparing words may stand in the sentence before or after: "You will not write queries yourself.
            # Our CDI specialists handle all provider queries."
            before_start = index.sentence(max(s_start - 2, 0), max(s_start - 2, 0))[0] if s_start > 1 else s_start
            after_end = index.sentence(s_end + 1, s_end + 1)[1] if s_end + 1 < len(text) else s_end
            if _SPARED_RE.search(text, before_start, after_end) is not None:
                spans.append((start, end))
    # A sentence in which the employer, by name, describes its own services, or tells of its awards ("We have earned
    # CARF accreditation", "Our HIM department was recognized by AHIMA for its ROI turnaround"), is "about us" text.
    about: set[int] = set()
    customers: set[int] = set()
    for start, end in index.keywords("employer"):
        s_start, s_end = index.sentence(start, end)
        if text[end - 3 : end].lower() == "our":  # "use our", "rely on our", "trust our"
            if s_start not in customers:
                customers.add(s_start)
                for m in _EMPLOYER_CUSTOMERS_RE.finditer(text, s_start, s_end):
                    spans.append((m.start("used"), m.end("used")))
            continue
        if s_start in about:
            continue
        about.add(s_start)
        about_us = _EMPLOYER_ABOUT_RE.match(text, s_start, s_end)
        if about_us is not None and about_us.lastgroup is not None:
            group = about_us.lastgroup
            spans.append((s_start, s_end) if group == "honours" else (about_us.start(group), about_us.end(group)))
    for lo, hi in index.windows_for("scope", before=40, after=25, within="sentence"):
        for m in _OUT_OF_SCOPE_RE.finditer(text, lo, hi):
            start = _clause_start(text, m.start(), floor=0, stops=".;:\n")
            if start < m.start():
                spans.append((start, m.start()))
    for start, end in index.keywords("proper_name"):
        if text[start].isupper():
            name = _NAME_BEFORE_RE.search(text, max(0, start - 80), start)
            if name is not None:
                spans.append((name.start(), end))
    # Each way of saying "not asked" holds a negation word, at most ~130 characters after the start of the match
    # and ~160 before its end: scanning that much of the sentence around each word finds what the whole sentence
    # gives, without trying the lazy 80-character spans at every position of a long sentence.
    for lo, hi in index.windows_for("negation", before=130, after=160, within="sentence"):
        negation = _NEGATIONS[
            _NOT_REQUIRED_RE.search(text, lo, hi) is not None, _ALONE_RE.search(text, lo, hi) is not None
        ]
        for m in negation.finditer(text, lo, hi):
            if index.keywords("preferred", m.start(), m.end()):
                continue  # "preferred but not required" is a preference, not a negation
            group = m.lastgroup
            if group is not None:
                spans.append((m.start(group), m.end(group) + 1))
    return spans


# The capitalised words of a name before its last word ("Meridian Coding & Abstracting" before "Solutions").
_NAME_BEFORE_RE = re.compile(r"(?<![\w&'.-])(?:(?-i:[A-Z])[\w'.-]*[ \t]+(?:&[ \t]+)?){1,5}\Z")


def _clause_start(text: str, end: int, *, floor: int, stops: str) -> int:
    """Where the clause ending at ``end`` starts: after the last of ``stops`` before it, at most
    ``_MAX_CLAUSE_CHARS`` back and never before ``floor``. Readers that find a verb phrase first ("is handled by",
    "is not part of this role") read their subject back this way instead of trying a lazy span at every position."""
    start = max(floor, end - _MAX_CLAUSE_CHARS)
    return max(start, *(text.rfind(stop, start, end) + 1 for stop in stops))


# The position reporting to someone: at the start of a line, or after the job as subject ("This role reports
# directly to ..."). "Prepares monthly reports to the board" is a duty, and does not match; nor does what follows
# the boss ("... reports to the VP of Revenue Cycle and leads 260 employees").
REPORTS_TO_RE = CaselessPattern(
    r"(?:^[^\w\n]*|\b(?:position|role|incumbent|job|manager|director|supervisor|lead|coordinator|specialist|analyst"
    r"|who|which|and|that|he|she|and\s+will)\s+)(?:reports|reporting|report)\s+(?:directly\s+|up\s+)?(?:to|through|into)\b"
    r"\s*:?\s*(?P<boss>[^.;\n]{1,100}?)(?=,?\s+(?:and|while)\s+[a-z]|[.;\n]|$)",
    re.MULTILINE,
)


def reporting_boss(text: str, match: re.Match[str]) -> tuple[int, int]:
    """The span of the boss a ``REPORTS_TO_RE`` match names. The expression runs on lowercased text, so it stops at
    every "and": where a capital follows, the "and" is inside the boss's title ("the Senior Director, HIM and
    Coding") and the boss runs on to the end of the clause."""
    start, end = match.span("boss")
    while _CAPITAL_AND_RE.match(text, end) is not None:
        stop = _BOSS_END_RE.search(text, end, min(len(text), end + 100))
        end = stop.start() if stop is not None else min(len(text), end + 100)
    return start, end


_CAPITAL_AND_RE = re.compile(r",?\s+(?:and|&)\s+[A-Z]")
_BOSS_END_RE = re.compile(r"[.;\n]|,?\s+(?:and|while)\s+[a-z]")

# What the employer gives the hire: training on its systems ("Epic training provided", "you will receive training
# on our coding policies") and the help of its own teams ("our Analytics team will support you with reporting").
_OFFERED_RE = re.compile(
    r"(?P<trained>\b[\w/&-]+(?:[ \t]+[\w/&-]+){0,2})[ \t]+training[ \t]+(?:will[ \t]+be[ \t]+|is[ \t]+|are[ \t]+)?provided\b"
    r"(?![ \t]+(?:to|for)\b)"
    # "Training in the VHA Encoder Product Suite and the Federal EHR will be provided"
    r"|\btraining\s+(?:in|on)\s+(?P<trained_on>[^.;\n]{1,100}?)\s+(?:will\s+be|is|are)\s+provided\b"
    r"|\byou(?:'ll|\s+will)\s+(?:receive|get|be\s+given|be\s+trained)\s+(?:\w+\s+)?(?:training\s+)?(?:on|in)\s+"
    r"(?P<topic>[^.;\n]{1,100})"
    r"|\b(?:we(?:'ll|\s+will)?|to)\s+(?:train|teach)\s+you\s+(?:on\s+|in\s+|to\s+use\s+|what\s+|how\s+)?(?P<taught>[^.;\n]{1,100})"
    r"|\b(?P<team>team|department|office|staff|group)\s+(?:will\s+)?(?:support|help|assist)s?\s+you\b"
    # "We provide four weeks of paid training, including HIPAA and state privacy law"
    r"|\bwe\s+(?:provide|offer|give)\s+(?:[\w-]+\s+){0,5}?training\s*,?\s+(?:including|in|on|covering)\s+(?P<included>[^.;\n]{1,100})",
    re.IGNORECASE,
)

# Training every new employee completes: "Employees complete HIPAA privacy training during orientation", "HIPAA
# and compliance training are completed upon hire". A duty ("delivers HIPAA training at orientation") has neither
# the employees as subject nor the passive. Read in a short window before each "orientation", "onboarding" or "hire".
_ONBOARDING_RE = re.compile(
    r"\b(?:employees|staff|new\s+hires|(?:team|workforce)\s+members|workforce|associates|you)\s+(?:will\s+)?"
    r"(?:complete|receive|take|attend)s?\s+(?P<onboarded>(?:[\w/&-]+[ \t]+){0,5}training)\s+"
    r"(?:during|at|upon|as\s+part\s+of|within\s+\w+\s+(?:days|weeks)\s+of)\s+(?:your\s+|their\s+)?"
    r"(?:new[\s-]hire\s+|new\s+employee\s+|general\s+)?(?:orientation|onboarding|hire)\b"
    r"|(?P<onboarding>(?:[\w/&-]+[ \t]+){0,5}training)\s+(?:is|are)\s+(?:completed|provided|given|offered)\s+"
    r"(?:during|at|upon|as\s+part\s+of)\s+(?:new[\s-]hire\s+|new\s+employee\s+|general\s+)?(?:orientation|onboarding|hire)\b",
    re.IGNORECASE,
)

_DELEGATED_RE = re.compile(
    r"\b(?:our|the|a|an|their|whose)\s+(?P<doer>(?:[\w&/-]+\s+){0,4}(?:team|department|office|coordinators?|specialists?"
    r"|vendor|staff|analysts?))\s+(?:handles?|performs|produces|builds|owns|covers|takes\s+care\s+of)\s+(?P<done>[^.;\n]{1,120})"
    r"|\b(?:coordinators|specialists|analysts|abstractors|coders|nurses|clerks|technicians|registrars)\s+handle\s+(?P<people>[^.;\n]{1,120})",
    re.IGNORECASE,
)
# "X is handled by our ...": the verb phrase is found first and X read back to the start of its clause (a lazy span
# tried at every position before the verb cost more than all the other requirement expressions together).
_DELEGATED_PASSIVE_RE = re.compile(
    r"\s(?:is|are)\s+(?:(?:all|entirely|fully)\s+)?(?:handled|performed|owned|produced|built|covered|done)\s+by\s+"
    r"(?:(?:our|the|a|an|their|another|other|separate)\b|(?-i:[A-Z]))",
    re.IGNORECASE,
)
_MAX_CLAUSE_CHARS = 120

# What says the hire does not do the delegated work: "... for you, so you can focus on ...", "... and are not part
# of this role", "no coding experience required - MDS coordinators handle ICD-10".
_SPARED_RE = re.compile(
    r"\b(?:for\s+you|so\s+(?:that\s+)?(?:you|this\s+(?:role|leader|position))|not\s+(?:part\s+of|expected|responsible"
    r"|required|asked|needed)|outside\s+(?:of\s+)?(?:this|the|your)\s+(?:role|position|job|scope)|instead\s+of|rather"
    r"\s+than|(?:you|this\s+(?:role|position|job))\s+(?:will|won't|do|does)\s+not|no\s+(?:[\w-]+\s+){0,4}(?:required|needed|necessary)"
    # "so neither is part of this job", "No cancer registry abstracting is involved in this role"
    r"|(?:neither|none)\s+(?:of\s+(?:them|these|which)\s+)?(?:is|are)\s+part\s+of|\b(?:is|are)\s+(?:not\s+)?involved\s+in\s+"
    r"(?:this|the|your)\s+(?:role|position|job)"
    # "This is not a medical records or coding position. Medical records requests ... are handled by ..."
    r"|\b(?:this|it)\s+is\s+not\s+an?\s+(?:[\w/&-]+\s+){0,6}?(?:position|role|job)\b)",
    re.IGNORECASE,
)


# Matched at a sentence start (never scanned across the text): the employer about itself. A capitalised name (not
# "The Director ...", "This role ...") that provides, builds or specializes in something, or is a company of some
# kind ("ChartBridge is a national HIM outsourcing company providing ROI, coding and ..."); its products and
# customers ("Our platform is live in 300 hospitals"); its honours ("We have earned CARF accreditation", "Our HIM
# department was recognized by AHIMA for ..."); an invitation to join its team ("Join a team where ...").
# A name is capitalised words that are not the job's own title ("HIM Manager is a hands-on leader who codes").
_NAME = (
    r"[^\w\n]*(?!(?:The|This|Our|We|You|It)\b)(?:(?!(?:Manager|Director|Supervisor|Lead|Coordinator|Specialist|Analyst"
    r"|Officer|Technician|Coder|Position|Role|Candidate|Incumbent)\b)(?-i:[A-Z])[\w&'.-]*\s+){0,5}"
    r"(?!(?:The|This|Our|We|You|It|Manager|Director|Supervisor|Lead|Coordinator|Specialist|Analyst|Officer|Technician|Coder"
    r"|Position|Role|Candidate|Incumbent)\b)(?-i:[A-Z])[\w&'.-]*"
)
_EMPLOYER_ABOUT_RE = re.compile(
    rf"{_NAME}\s+(?:provides|delivers|specializes\s+in|builds|develops|sells|offers|operates|owns)\s+(?P<services>[^.;\n]{{1,200}})"
    rf"|{_NAME}\s+is\s+(?:a|an|the|one\s+of\s+the)\s+(?P<company>[^.;\n]{{0,80}}?\b(?:company|provider|vendor|firm"
    r"|partner|platform|startup|leader|organization|organisation|hospital|health\s+system|employer|network)\b[^.;\n]{0,200})"
    r"|[^\w\n]*our\s+(?:[\w&'-]+\s+){0,4}?(?:platform|product|software|solutions?|customers|clients)\b(?P<product>[^.;\n]{1,200})"
    r"|[^\w\n]*(?:(?:we\s+|our\s+(?:[\w&'-]+\s+){0,6}?)(?:(?:have|has|was|were|is|are)\s+)?(?:been\s+)?"
    r"(?:proudly\s+|recently\s+|again\s+)?(?:earned|received|won|recognized|recognised|awarded|named|known\s+(?:for|as|around|across|throughout))\b"
    r"|join\s+(?:a|our)\s+(?:[\w&'-]+\s+){0,3}?(?:team|organization|family|community)\s+(?:where|that|who|of)\b)"
    r"(?P<honours>)",
    re.IGNORECASE,
)
# Anywhere in a sentence: "More than 300 hospitals use our DNFB Navigator".
_EMPLOYER_CUSTOMERS_RE = re.compile(
    r"\b(?:hospitals|customers|clients|health\s+systems|organizations)\s+(?:use|rely\s+on|trust)\s+our\b(?P<used>[^.;\n]{1,200})",
    re.IGNORECASE,
)

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_YEARS_RE = CaselessPattern(
    r"(?=[\dotfsen])(?P<num>\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
    r"\s*(?:\(\s*\d{1,2}\s*\)\s*)?(?:\+|plus|-plus)?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*(?:or\s+more\s+)?"
    r"(?:full[\s-]time\s+)?(?:years?|yrs?)\b\.?",
)
_EXPERIENCE_WORD_RE = re.compile(
    r"\b(?:experience|exp\b|background|work(?:ing)?\s+in|progressive|history)", re.IGNORECASE
)
# The regular expressions read the text as written, so the shorthand the token matcher expands ("3 yrs mgmt exp",
# "2 yrs supv exp") is named here from the same table.
_SUPERVISORY_SHORTHAND = "|".join(
    rf"{short}\b"
    for short, word in SHORTHAND.items()
    if word in ("management", "manager", "managers", "supervisory", "supervisor")
)
_SUPERVISORY_RE = re.compile(
    # "experience in health information management" names the field, not a management role
    rf"\b(?:supervis\w*|{_SUPERVISORY_SHORTHAND}|(?<!information )(?<!records )(?<!record )(?<!cycle )management"
    r"|managerial|manager|leadership"
    r"|lead(?:ing)?\s+(?:a\s+)?(?:team|staff|others|people|leaders)|director\w*|administrative\s+(?:experience|role)"
    r"|people\s+leader"
    r"|overseeing\s+staff)",
    re.IGNORECASE,
)
# Years spent somewhere or doing something are experience without the word: "3+ years in medical records", "1 year
# leading others", "2 years as a coding supervisor".
_YEARS_DOING_RE = re.compile(
    r"\s*(?:in|as|at|leading|managing|supervising|directing|overseeing|running|working|coding)\b", re.IGNORECASE
)
_NOT_EXPERIENCE_RE = re.compile(
    r"\b(?:within|after|old|ago|age|warranty|contract|term|retain\w*|kept|keep|stored?|destroy\w*)\b", re.IGNORECASE
)


SectionOf = Callable[[int], str]
RequirementFor = Callable[[int, int, str], "Requirement | None"]


def experience_requirements(
    index: TextIndex, *, section_of: SectionOf, requirement_for: RequirementFor
) -> list[ExperienceRequirement]:
    """Years of experience named in the text ("5+ years of HIM experience, 3 in a management role")."""
    text = index.text
    found: list[ExperienceRequirement] = []
    matches = [
        m for lo, hi in index.windows_for("years", before=60, after=12) for m in _YEARS_RE.finditer(index, lo, hi)
    ]
    for m in matches:
        s_start, s_end = index.sentence(m.start(), m.end())
        before = text[max(s_start, m.start() - 25) : m.start()]
        if _NOT_EXPERIENCE_RE.search(before):
            continue
        # The clause the number governs: up to the next comma/semicolon or "including".
        tail_end = s_end
        tail_match = re.search(r"[;,]|\bincluding\b|\bwith\s+(?:at\s+least\s+)?\d", text[m.end() : s_end])
        if tail_match:
            tail_end = m.end() + tail_match.start()
        tail = text[m.end() : min(tail_end, m.end() + 120)]
        head = text[max(s_start, m.start() - 60) : m.start()]
        if not (
            _EXPERIENCE_WORD_RE.search(tail) or _EXPERIENCE_WORD_RE.search(head[-40:]) or _YEARS_DOING_RE.match(tail)
        ):
            continue
        section = section_of(m.start())
        if section == "boilerplate":
            continue
        raw = m.group("num").lower()
        years = float(_NUMBER_WORDS.get(raw, raw))  # type: ignore[arg-type]
        if not 0 < years <= 40:
            continue
        area = "supervisory" if (_SUPERVISORY_RE.search(tail) or _SUPERVISORY_RE.search(head[-30:])) else "overall"
        found.append(
            ExperienceRequirement(
                years=years,
                area=area,  # type: ignore[arg-type]
                requirement=requirement_for(m.start(), m.end(), section),
                text=text[s_start:s_end].strip()[:300],
                start=m.start(),
                end=m.end(),
            )
        )
    return found


# Each expression starts with a lookahead on its possible first characters: with it, the regex engine skips to the
# next such character instead of trying every alternative at every position (measured 2x faster on the windows).
_DEGREE_RE = re.compile(
    r"""
    (?=[dpmgabfuchst])
    (?:(?P<doctorate>\b(?:doctorate|doctoral\s+degree|ph\.\s?d\.?|phd|(?-i:DHA|DBA|DNP))\b)
  | (?P<master>\b(?:master'?s?\s+degree(?:\s+of\s+\w+)?|master\s+of\s+\w+|master'?s\b(?:\s+of\s+\w+)?|graduate\s+degree|advanced\s+degree
        |(?-i:MHA|MBA|MPH|MSN|MSHI|MSHIM|MSIM|MHSA|MHI|MPA)|m\.h\.a\.?|m\.b\.a\.?|m\.p\.h\.?|m\.s\.(?:\s+in)?
        |(?-i:MS)(?=\s+(?:in|degree|HIM|Health|health))|m\.?s\.?\s+in\s+health)\b)
  | (?P<bachelor>\b(?:bachelor'?s?(?:\s+degree)?(?:\s+of\s+(?:science|arts|applied\s+science))?|baccalaureate(?:\s+degree)?
        |four[\s-]year\s+(?:college\s+)?degree|undergraduate\s+degree|college\s+degree|b\.s\.|b\.a\.|(?-i:BSN|BSHIM|BSHA)
        |(?-i:BS|BA)(?=\s*(?:in\b|degree|,\s*HIM|HIM|Health|health|\())))
  | (?P<associate>\b(?:associate'?s?\s+(?:degree|of\s+(?:applied\s+)?(?:science|arts)|in\b)|associate\s+degree|assoc\.?\s+degree
        |associate'?s(?=\s+or\s+(?:a\s+)?bachelor)|a\.a\.s\.?|(?-i:AAS)
        |a\.s\.\s+in|two[\s-]year\s+(?:college\s+)?degree)\b)
  | (?P<certificate>\b(?:post[\s-]baccalaureate\s+certificate|certificate\s+program|coding\s+certificate|diploma\s+program
        |certificate\s+in\s+(?:medical\s+coding|health\s+information|coding))\b)
  | (?P<high_school>\b(?:high\s+school\s+(?:diploma|graduate|education)|(?-i:GED)|hs\s+diploma|secondary\s+school)\b))
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Matched against lowercased text by lowercased, case-sensitive expressions: the regex engine skips an alternative on
# its first character only when case matters, and the field search ran twice as fast (the texts searched are only
# asked whether and which field they name, so lowercasing them loses nothing).
_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern.lower()))
    for name, pattern in (
        (
            "health information management",
            r"health\s+information\s+(?:management|administration)|\bHIM\b|medical\s+records?\s+administration|BSHIM|MSHIM",
        ),
        ("health information technology", r"health\s+information\s+technology|\bHIT\b|medical\s+records?\s+technology"),
        ("health informatics", r"(?:health|medical|clinical|nursing)\s+informatics|\bMSHI\b|\bMHI\b|informatics"),
        (
            "healthcare administration",
            r"health\s*care\s+administration|health\s+(?:services\s+)?administration|hospital\s+administration|health\s+care\s+management|healthcare\s+management|\bMHA\b|\bMHSA\b|BSHA",
        ),
        ("business administration", r"business(?:\s+administration)?|\bMBA\b|finance|accounting"),
        ("public health", r"public\s+health|\bMPH\b"),
        ("nursing", r"nursing|\bBSN\b|\bMSN\b"),
        (
            "information technology",
            r"computer\s+science|information\s+(?:systems|technology)|data\s+science|engineering",
        ),
        ("related field", r"related\s+(?:field|discipline|area)|equivalent"),
    )
)
# Any field at all: most degrees name none ("Bachelor's degree required"), and one search says so for all of them.
# The lookahead names every first letter of the fields (tested): a position starting with another is skipped at once.
_ANY_FIELD_RE = re.compile("(?=[abcdefhimnpr])(?:" + "|".join(f"(?:{pattern.pattern})" for _, pattern in _FIELDS) + ")")
_ACCREDITED_RE = re.compile(r"CAHIIM", re.IGNORECASE)


def degree_requirements(
    index: TextIndex, *, section_of: SectionOf, requirement_for: RequirementFor
) -> list[DegreeRequirement]:
    """Degrees named in the text, with level, field, CAHIIM accreditation and required/preferred status."""
    text = index.text
    found: list[DegreeRequirement] = []
    matches = [
        m for lo, hi in index.windows_for("degree", before=40, after=60) for m in _DEGREE_RE.finditer(text, lo, hi)
    ]
    for m in matches:
        level = m.lastgroup or "bachelor"
        section = section_of(m.start())
        if section == "boilerplate":
            continue
        s_start, s_end = index.sentence(m.start(), m.end())
        # The field follows the degree ("... in Health Information Management") or, less often, precedes it.
        after = text[m.start() : min(s_end, m.end() + 90)].lower()
        # The field of what follows the degree is not the degree's: "Bachelor's degree and three years of experience
        # in health information management", "a bachelor's degree plus a ... HIM certificate".
        stop = _FIELD_STOP_RE.search(after, m.end() - m.start())
        if stop is not None:
            after = after[: stop.start()]
        before = text[max(s_start, m.start() - 40) : m.start()].lower()
        field = None
        if _NO_FIELD_RE.match(text, m.end(), min(len(text), m.end() + 30)):
            pass  # "Associate degree (any field), or ... HIM experience": no field, whatever follows
        elif _ANY_FIELD_RE.search(after) or _ANY_FIELD_RE.search(before[-25:]):
            for name, pattern in _FIELDS:
                if pattern.search(after) or (name != "related field" and pattern.search(before[-25:])):
                    field = name
                    break
        sentence = text[s_start:s_end]
        found.append(
            DegreeRequirement(
                level=level,
                field=field,
                requirement=requirement_for(m.start(), m.end(), section),
                text=m.group().strip(),
                start=m.start(),
                end=m.end(),
                accredited=bool(_ACCREDITED_RE.search(sentence)),
            )
        )
    return found


_FIELD_STOP_RE = re.compile(
    r"\b(?:experience|years?|yrs|certificate|certification|credential|plus)\b|\band\s+(?:\d|one|two|three|four|five|six)"
)
_NO_FIELD_RE = re.compile(
    r"[^\S\n]*[(,:-]?[^\S\n]*(?:in[^\S\n]+)?(?:any|an?[^\S\n]+unrelated)[^\S\n]+(?:field|major|discipline|subject|area)",
    re.IGNORECASE,
)


# What stands between two items offered as alternatives: "RHIA or RHIT", "CCS/CPC", "Epic, Cerner or MEDITECH".
ALTERNATIVE_GAP_RE = re.compile(r"^[\s,/|]*(?:(?:and\s*/\s*or|or|either)\b[\s,/]*)?$", re.IGNORECASE)
_WITHIN_RE = re.compile(
    r"within\s+(?P<n>\d+|one|two|three|six|twelve|eighteen)\s+(?P<unit>months?|years?|days?)", re.IGNORECASE
)


# A list of alternatives with other items between two credentials: "Registered Health Information Administrator
# Certificate OR Professional Medical Auditor Certificate OR Coding Associate Certificate OR Registered Health
# Information Technician": the gap runs to an "or" before the next credential, with no sentence break or "and".
_OR_LIST_GAP_RE = re.compile(r"^[^.;:\n]{0,40}?(?:\bor\b|/)(?:[^.;:\n]{1,80}?(?:\bor\b|/))*\s*$", re.IGNORECASE)
_AND_RE = re.compile(r"\band\b|&", re.IGNORECASE)
# A credential the posting accepts in place of the one before it: "RHIT req'd (RHIA OK)", "RHIT required; RHIA also
# accepted", "CCS preferred, CPC considered".
_ACCEPTED_INSTEAD_RE = re.compile(
    r"[^\S\n]*\)?[^\S\n]*(?:is[^\S\n]+|are[^\S\n]+|also[^\S\n]+|will[^\S\n]+be[^\S\n]+)*(?:ok|okay|accepted|acceptable|considered"
    r"|in[^\S\n]+lieu|may[^\S\n]+substitute|substitutes)\b",
    re.IGNORECASE,
)


def credential_requirements(index: TextIndex, mentions: Sequence[Mention]) -> list[CredentialRequirement]:
    """Group credential mentions into requirements; "RHIA or RHIT", "CCS/CPC" and "RHIA, RHIT or CCS" are one each."""
    text = index.text
    creds = [m for m in mentions if m.category == "credentials"]
    groups: list[list[Mention]] = []
    for mention in creds:
        if groups:
            last = groups[-1][-1]
            gap = text[last.end : mention.start]
            if last.skill_id == mention.skill_id and not gap.strip(" ()"):
                continue  # "Registered Health Information Administrator (RHIA)" names one credential
            if (
                (
                    len(gap) <= 40
                    and (
                        ALTERNATIVE_GAP_RE.match(gap)
                        or re.fullmatch(r"\s*\(\s*", gap)
                        or re.fullmatch(r"\s*\)?\s*(?:,|/|or)?\s*\(?\s*", gap)
                    )
                )
                or (len(gap) <= 300 and _OR_LIST_GAP_RE.match(gap) and not _AND_RE.search(gap))
                or (
                    len(gap) <= 40
                    and "\n" not in gap
                    and "." not in gap
                    and _ACCEPTED_INSTEAD_RE.match(text, mention.end, min(len(text), mention.end + 40))
                )
            ):
                if mention.skill_id not in {m.skill_id for m in groups[-1]}:
                    groups[-1].append(mention)
                continue
        groups.append([mention])
    out: list[CredentialRequirement] = []
    seen: set[tuple[str, ...]] = set()
    for group in groups:
        any_of = tuple(dict.fromkeys(m.skill_id for m in group))
        if any_of in seen:
            continue
        seen.add(any_of)
        s_start, s_end = index.sentence(group[0].start, group[-1].end)
        sentence = text[s_start:s_end]
        within = _WITHIN_RE.search(sentence)
        statuses = [m.requirement for m in group if m.requirement]
        out.append(
            CredentialRequirement(
                any_of=any_of,
                labels=tuple(dict.fromkeys(m.label for m in group)),
                requirement=statuses[0] if statuses else None,
                text=sentence.strip()[:300],
                start=group[0].start,
                end=group[-1].end,
                within=f"{within.group('n')} {within.group('unit')}" if within else None,
            )
        )
    return out


_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_DATE = r"(?:(?P<{p}m>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+|(?P<{p}n>\d{{1,2}})\s*/\s*)?(?P<{p}y>(?:19|20)\d{{2}})"
DATE_RANGE_RE = re.compile(
    _DATE.format(p="a")
    + r"\s*(?:-|–|—|to|until|through)\s*(?:"
    + _DATE.format(p="b")
    + r"|(?P<now>present|current|now|today|date))",
    re.IGNORECASE,
)
_SUPERVISORY_TITLE_RE = re.compile(
    # "lead" as a title ("Team Lead", "Lead Coder"), not the verb of a duty line ("Lead discussions regarding ...")
    r"\b(?:director|manager|supervisor|supervisory|lead(?![^\S\n]+(?-i:[a-z]))|chief|head|coordinator|administrator|vp"
    r"|vice\s+president"
    r"|officer|team\s+leader|charge\s+nurse|superintendent)\b",
    re.IGNORECASE,
)
_IN_PROGRESS_RE = re.compile(
    r"\b(?:pursuing|in\s+progress|expected|anticipated|candidate|enrolled|currently|toward|towards|working\s+on)\b",
    re.IGNORECASE,
)


def _month_index(match: re.Match[str], prefix: str) -> int | None:
    year = match.group(f"{prefix}y")
    if year is None:
        return None
    month = 6
    if match.group(f"{prefix}m"):
        month = _MONTHS.get(match.group(f"{prefix}m")[:3].lower(), 6)
    elif match.group(f"{prefix}n") and 1 <= int(match.group(f"{prefix}n")) <= 12:
        month = int(match.group(f"{prefix}n"))
    return int(year) * 12 + month - 1


def resume_experience(
    index: TextIndex, *, experience: Sequence[tuple[int, int]], reference_year: int
) -> list[ExperienceRequirement]:
    """Years of work a resume shows: date ranges in its experience section, overlaps counted once.

    Supervisory years are ranges whose job title names a supervisory rank: the title is read on the range's line and
    the two lines with words above it or, where the section puts dates above its jobs, on the short lines under it
    (see ``_ranges_with_layout``). "Present" ends at ``reference_year`` (mid-year), so results do not drift day to
    day.
    """
    text = index.text
    spans = list(experience) or [(0, len(text))]
    overall: list[tuple[int, int]] = []
    supervisory: list[tuple[int, int]] = []
    evidence: dict[str, tuple[int, int]] = {}
    for m, dates_first in _ranges_with_layout(text, spans):
        start = _month_index(m, "a")
        end = reference_year * 12 + 5 if m.group("now") else _month_index(m, "b")
        if start is None or end is None or end < start or end - start > 50 * 12:
            continue
        interval = (start, end + 1)
        overall.append(interval)
        line_start = text.rfind("\n", 0, m.start())
        if dates_first:
            # Dates above each job ("January 2009 to January 2014\nCompany Name City, State Delivery Manager"): the
            # job's title is on the range's line or the next line with text; the lines above belong to the job before.
            context = text[line_start + 1 : m.end()] + "\n" + _job_lines_after(text, m.end())
        else:
            context = _job_lines_before(text, line_start) + "\n" + text[line_start + 1 : m.end()]
        if _SUPERVISORY_TITLE_RE.search(context):
            supervisory.append(interval)
            evidence.setdefault("supervisory", (m.start(), m.end()))
        evidence.setdefault("overall", (m.start(), m.end()))
    out = []
    for area, intervals in (("overall", overall), ("supervisory", supervisory)):
        months = _union_length(intervals)
        if months:
            start, end = evidence[area]
            out.append(
                ExperienceRequirement(
                    years=round(months / 12, 1),
                    area=area,  # type: ignore[arg-type]
                    requirement=None,
                    text=text[start:end],
                    start=start,
                    end=end,
                )
            )
    return out


def _job_lines_after(text: str, end: int) -> str:
    """The short lines under a date range, up to the first duty line: employer, place and title, as resume builders
    lay them out ("Company Name", "City", ", State", "Health Information Specialist"; PDF copies put each on a line
    of its own)."""
    lines: list[str] = []
    for line in text[end : end + 400].split("\n")[1:]:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped[0] in "•*-–—·" or DATE_RANGE_RE.search(stripped) or len(lines) == 6:
            break
        if len(stripped) > 100:
            if not lines:  # the title run into the first duty: "Health Information Manager Company Name ... Oversaw"
                lines.append(stripped[:60])
            break
        lines.append(stripped)
    return "\n".join(lines)


def _job_lines_before(text: str, line_start: int) -> str:
    """The two lines with words above a date range's line (PDF copies put a lone comma or a blank between a title
    and its dates: "Medical Record Technician", ",", "10/2014 to Current")."""
    lines: list[str] = []
    end = line_start
    while end > 0 and len(lines) < 2:
        start = text.rfind("\n", 0, end)
        line = text[start + 1 : end]
        if sum(c.isalnum() for c in line) >= 2:
            lines.append(line)
        end = start
    return "\n".join(reversed(lines))


def _ranges_with_layout(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[re.Match[str], bool]]:
    """The date ranges of each experience section, each with whether the section puts dates above its jobs: its first
    range stands right under the heading, alone on its line, so no title can precede it."""
    for lo, hi in spans:
        ranges = list(DATE_RANGE_RE.finditer(text, lo, hi))
        if not ranges:
            continue
        first = ranges[0]
        heading_end = text.find("\n", lo, first.start())
        line_end = text.find("\n", first.end())
        dates_first = (
            heading_end != -1
            and not text[heading_end : first.start()].strip()
            and not text[first.end() : len(text) if line_end == -1 else line_end].strip()
        )
        for m in ranges:
            yield m, dates_first


def _union_length(intervals: list[tuple[int, int]]) -> int:
    total, current_end = 0, -1
    for start, end in sorted(intervals):
        if end <= current_end:
            continue
        total += end - max(start, current_end)
        current_end = end
    return total


# A credential a resume names without holding it yet: "RHIT Pending", "RHIA eligible", "CCS (exam scheduled June
# 2027)", "candidate for the CHPS", "sitting for the RHIT". Read next to the credential only, not on the whole line:
# "RHIA; CCS (pending)" holds the RHIA.
_PENDING_AFTER_RE = re.compile(
    r"[^\S\n]*[(\-–—:,]?[^\S\n]*(?:exam[^\S\n]+)?(?:pending|eligible|eligibility|in[^\S\n]+progress|expected|anticipated"
    r"|candidate|scheduled|to[^\S\n]+be[^\S\n]+taken|not[^\S\n]+yet)\b",
    re.IGNORECASE,
)
_PENDING_BEFORE_RE = re.compile(
    r"\b(?:pursuing|preparing[^\S\n]+for|studying[^\S\n]+for|sitting[^\S\n]+for|eligible[^\S\n]+(?:for|to[^\S\n]+sit[^\S\n]+for)"
    r"|candidate[^\S\n]+for|working[^\S\n]+(?:on|toward|towards))(?:[^\S\n]+(?:the|an?))?[^\S\n]*$",
    re.IGNORECASE,
)


def credential_pending(text: str, start: int, end: int) -> bool:
    """A resume's credential at ``text[start:end]`` that is not yet earned ("RHIT Pending", "eligible for the RHIA")."""
    return bool(_PENDING_AFTER_RE.match(text, end, min(len(text), end + 40))) or bool(
        _PENDING_BEFORE_RE.search(text, max(0, start - 40), start)
    )


def degree_in_progress(text: str, degree: DegreeRequirement) -> bool:
    """A resume's degree that is still being earned ("pursuing a B.S. in HIM", "MHA expected 2027")."""
    line_start = text.rfind("\n", 0, degree.start) + 1
    line_end = text.find("\n", degree.end)
    line = text[line_start : len(text) if line_end == -1 else line_end]
    return bool(_IN_PROGRESS_RE.search(line))
