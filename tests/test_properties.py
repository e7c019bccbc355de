from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from matcher import Document
from matcher.readers import normalize_text

HIM_WORDS = [
    "RHIA",
    "RHIT",
    "CCS",
    "ROI",
    "ICD-10-CM",
    "HIPAA",
    "Epic",
    "coding",
    "audit",
    "required",
    "preferred",
    "no",
    "or",
    "5+ years",
    "Qualifications\n",
    "Benefits\n",
    "•",
    "-",
    "/",
    "\n",
    "release of information",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(HIM_WORDS) | st.text(max_size=8), max_size=60).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, kind=st.sampled_from(["posting", "resume"]))
def test_extraction_never_crashes_and_offsets_are_valid(extractor, text, kind):
    analysis = extractor.extract(Document(text=text, source="h", kind=kind))
    for m in analysis.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
    assert analysis.role_level in {"director", "manager", "supervisor", "staff", "outside"}


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300))
def test_normalisation_is_idempotent_and_never_crashes(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@settings(max_examples=300, deadline=None)
@given(line=st.text(alphabet=st.sampled_from(list("ab :#*_=•-–—>|1.)(\t\u00a0\u3000")) | st.characters(), max_size=40))
def test_heading_decoration_is_stripped_as_by_the_reference_regex(line):
    import re

    from matcher.sections import _undecorated

    # The regex the string methods replaced (it tried the trailing alternative at every position of the line), with
    # the question mark of headings such as "Why Riverbend?" added since.
    reference = re.compile(
        r"^[\s#*_=•·▪◦●■\-–—>|\d.)(\u2190-\u2bff\ufe0f\u200d\U0001f000-\U0001faff]*|[\s*_=:|•\-–—?]*$"
    )
    assert _undecorated(line) == reference.sub("", line)


NEGATION_WORDS = ["no", "not", "required", "needed", "expected", "to", "you", "will", "this role", "is", "are", "be"]
NEGATION_WORDS += ["coding", "experience", "including but not limited to", "do", ".", ";", ":", "\n", "won't", "prior"]
NEGATION_WORDS += ["alone", "meet", "qualify", ","]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(NEGATION_WORDS) | st.text(max_size=6), max_size=40))
def test_negation_shortcut_finds_what_the_full_expression_finds(words):
    from matcher.requirements import _ALONE_RE, _NEGATIONS, _NOT_REQUIRED_RE

    text = " ".join(words)
    chosen = _NEGATIONS[_NOT_REQUIRED_RE.search(text) is not None, _ALONE_RE.search(text) is not None]
    full = [(m.start(), m.end(), m.lastgroup) for m in _NEGATIONS[True, True].finditer(text)]
    assert [(m.start(), m.end(), m.lastgroup) for m in chosen.finditer(text)] == full


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from([*"aA .!?\n•;(\"'\t", "\u00a0", "x"]), max_size=60))
def test_sentence_boundaries_are_those_of_the_reference_expression(text):
    import re

    from matcher.textindex import TextIndex

    reference = re.compile(r"[.!?](?=\s+[A-Z(\"'])|\n|•|;")
    assert TextIndex(text)._boundary_starts == [m.start() for m in reference.finditer(text)]


GLUE_WORDS = ["systems", "Problem", "athena", "One", "Responsibilities", "Required", "Key", "setting", ".", ":", "@"]
GLUE_WORDS += ["U.S.", "Ph.D.", "iKnow", "Med", "RHIT", "In", "a", "x.Y", "jane", "Doe", "\n", " ", "é", "Ab"]
GLUE_WORDS += ["Participation", "Other", "What", "We", "Excel"]


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(GLUE_WORDS) | st.text(alphabet="aAzZ.:@ é", max_size=4), max_size=30))
def test_glued_items_are_split_as_by_the_reference_expression(pieces):
    import re

    from matcher.readers.normalize import _GLUED_ITEM_STARTS, _split_glued_items

    # The expression the character-class scan replaced (it tried three alternatives at every position of a text).
    reference = re.compile(
        r"(?<![A-Za-z])(?!athena[A-Z])([a-z]{3,})(?=[A-Z][a-z])(?![A-Za-z.]*@)"
        r"|(?<=[a-z]{2})(?:[.!?](?=[A-Z][a-z])|:(?=[A-Z]))(?![A-Za-z.]*@)"
        r"|(?<![A-Za-z])((?:Key\s+|Job\s+)?(?:Responsibilities|Qualifications|Requirements|Duties|Required|Preferred"
        r"|Benefits|Education|Experience|Skills|Summary|Overview|Description))(?=[A-Z][a-z])"
    )
    text = "".join(pieces)
    split = _split_glued_items(text)
    assert split.replace("\n", "") == text.replace("\n", "")  # only line breaks are added
    if not re.search("[A-Z]{2}", text):  # acronyms ("fieldRHIA", "RHIAWork") have their own rules, tested by example
        breaks = {m.end() for m in reference.finditer(text)}
        # a capitalised word glued to a word that starts items ("ParticipationOther duties", "ExcelWhat You Bring")
        for run in re.finditer("[A-Za-z]+", text):
            for start_word in _GLUED_ITEM_STARTS:
                prefix = run.group()[: -len(start_word)]
                glued = run.group().endswith(start_word) and len(prefix) >= 4 and prefix[-1].islower()
                if glued and not prefix.islower():
                    breaks.add(run.start() + len(prefix))
        expected = "".join(text[a:b] + ("\n" if b in breaks else "") for a, b in _pieces(text, sorted(breaks)))
        assert split == expected


def _pieces(text, breaks):
    bounds = [0, *breaks, len(text)]
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]


TITLE_WORDS = ["Job Title", "Title", "Position", "role", "job", ":", "-", "–", "\n", " ", "\t", "HIM Manager", "x"]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(TITLE_WORDS), max_size=25))
def test_title_line_is_found_as_by_the_reference_expression(pieces):
    import re

    from matcher.roles import _FIRST_TITLE_LINE_RE, _TITLE_LINE_RE

    reference = re.compile(
        r"^\s*(?:job\s+title|position\s+title|position|title|role|job)\s*[:\-–]\s*(?P<title>.+?)\s*$",
        re.IGNORECASE | re.MULTILINE,
    )
    text = "".join(pieces)
    expected = reference.search(text)
    found = _FIRST_TITLE_LINE_RE.match(text) or _TITLE_LINE_RE.search(text)
    assert (found and found.group("title")) == (expected and expected.group("title"))


@given(st.text(alphabet="ab .;\nCD•!?", max_size=60), st.integers(0, 60), st.integers(0, 60), st.integers(1, 8))
def test_a_sentence_number_range_holds_exactly_the_spans_of_that_number(text, start, other, length):
    """requirements_of reuses a sentence's facts while the next span stays inside the range of its number."""
    from matcher.textindex import TextIndex

    assume(start < len(text) and other < len(text))  # spans lie within the text: start < end <= len(text)
    index = TextIndex(text)
    end = min(start + length, len(text))
    number = index.sentence_number(start, end)
    (start_lo, start_hi), (end_lo, end_hi) = index.sentence_number_range(number)
    assert start_lo <= start < start_hi and end_lo < end <= end_hi
    other_end = min(other + length, len(text))
    inside = start_lo <= other < start_hi and end_lo < other_end <= end_hi
    assert inside == (index.sentence_number(other, other_end) == number)
