"""Text normalisation in one place: every reader hands its text through ``normalize_text``.

Offsets in every Analysis index the normalised text, so this is the only place that may change characters.
"""

from __future__ import annotations

import re
import unicodedata

# Byte sequences that UTF-8 text shows after a detour through Windows-1252: a sign that ftfy is worth running.
_MOJIBAKE_RE = re.compile("[\u00c2\u00c3\u00e2][\u0080-\u00bf\u2018-\u203a\u20ac\u0152-\u017e\u02c6-\u02dc]")
_STRAY_A_CIRCUMFLEX_RE = re.compile("\u00c2(?=[ \u00a0])")
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES_RE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
# A bullet glued to the previous item ("coding accuracy•Manage ROI staff") starts a new line.
_GLUED_BULLET_RE = re.compile(r"(?<=\S)[ ]*([•▪◦●■·])[ ]*(?=\S)")
_BULLET_NO_SPACE_RE = re.compile(r"(?m)^([ ]*[•▪◦●■])(?=[^\s•▪◦●■])")
_LINE_BREAK_HYPHEN_RE = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_TRAILING_SPACE_RE = re.compile(r"[ ]+\n")
_MANY_BLANK_LINES_RE = re.compile(r"\n{3,}")
# Scraped postings lose the markup between list items and run them together: "gaps in EHR systemsProblem solve and
# provide solutions", "Nursing Informatics, preferredIn depth knowledge". A lowercase word of three or more letters
# glued to a capitalised word starts a new line there; so does a sentence or label glued to the next one ("in a
# healthcare setting.Minimum one year", "Required:RHIT") and a heading glued to its first item
# ("ResponsibilitiesPerform documentation reviews"). Brand names in camel case begin with a capital ("PowerChart")
# or a short prefix ("eClinicalWorks", "iKnowMed", "myAvatar"); athenahealth's products ("athenaOne") and e-mail
# addresses are left alone.
# Candidates are found by classing every character (a lowercase letter, A capital, . a full stop or colon, 9 a
# digit) in one bytes.translate and searching for "aA", "a.A", "aa.9", "AAaa", "aaa9" and "AA9": a regular
# expression scan of each text cost more than the rest of normalising it.
_CHARACTER_CLASSES = bytes(
    ord("a")
    if chr(c).islower() and c < 128
    else ord("A")
    if chr(c).isupper() and c < 128
    else ord(".")
    if chr(c) in ".!?:"
    else ord("9")
    if chr(c).isdigit() and c < 128
    else ord(" ")
    for c in range(256)
)
_GLUED_HEADINGS = frozenset(
    {
        "Responsibilities",
        "Qualifications",
        "Requirements",
        "Duties",
        "Required",
        "Preferred",
        "Benefits",
        "Education",
        "Experience",
        "Skills",
        "Summary",
        "Overview",
        "Description",
    }
)
_EMAIL_AHEAD_RE = re.compile(r"[A-Za-z.]*@")
# Lowercase words that begin camel-case names: athenahealth's products ("athenaOne", "athenaIDX"), openEHR.
_CAMEL_CASE_PREFIXES = frozenset({"athena", "open"})
# Credentials and HIM acronyms that scrapers glue to the next item ("RHIAWork from home", "CCSThree years").
_GLUED_ACRONYMS = frozenset(
    {
        "RHIA",
        "RHIT",
        "CCS",
        "CCA",
        "CPC",
        "CDIP",
        "CHPS",
        "CHDA",
        "CRIS",
        "CTR",
        "CCDS",
        "CPMA",
        "COC",
        "CIC",
        "CHC",
        "CRCR",
        "RN",
        "LPN",
        "BSN",
        "HIM",
        "HIT",
        "EHR",
        "EMR",
        "ROI",
        "MPI",
        "CDI",
        "HIPAA",
        "GED",
    }
)
# Words that start list items, sentences and headings, and never the second half of a brand name in camel case.
_GLUED_ITEM_STARTS = frozenset(
    {
        "What",
        "Other",
        "Keep",
        "Make",
        "Must",
        "Ability",
        "Minimum",
        "Experience",
        "Knowledge",
        "Excellent",
        "Ensure",
        "Maintain",
        "Oversee",
        "Provide",
        "Perform",
        "Assist",
        "Bachelor",
        "Demonstrated",
        "Proven",
        "Prior",
        "Please",
        "Apply",
        "Why",
        "Who",
        "You",
        "We",
        "The",
        "This",
        "Our",
    }
)


def _next_word(text: str, at: int) -> str:
    end = at
    while end < len(text) and text[end].isascii() and text[end].isalpha():
        end += 1
    return text[at:end]


_GLUED_NUMBER_RE = re.compile(r"\d{1,2}[.)][ ]+[A-Z]")
_GLUED_YEARS_RE = re.compile(r"\d{1,2}\+?[ ]*(?:-[ ]*\d{1,2}[ ]*)?(?:years?|yrs?)\b", re.IGNORECASE)
# Cheap membership tests that decide whether the expressions above need to run at all.
_MOJIBAKE_LEADS = "\u00c2\u00c3\u00e2"
_BULLETS = "•▪◦●■·"


def normalize_text(text: str) -> str:
    """Repair mojibake, normalise Unicode (NFC) and line ends, split glued bullets, drop invisible characters.

    Repairs can uncover more to repair (a split bullet next to mojibake), so it runs until nothing changes.
    """
    for _ in range(4):
        normalized = _normalize_once(text)
        if normalized == text:
            break
        text = normalized
    # Last and once: a line break after a glued item changes nothing the repairs above look at.
    return _split_glued_items(text)


def _normalize_once(text: str) -> str:
    # Each expression runs only when the characters it rewrites are present: scanning a posting with all of them
    # cost more than extracting its skills, and most texts are plain ASCII with none of them.
    if not text.isascii():
        if any(lead in text for lead in _MOJIBAKE_LEADS) and _MOJIBAKE_RE.search(text):
            import ftfy

            text = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False, fix_line_breaks=True)
        text = unicodedata.normalize("NFC", text)
        text = _ZERO_WIDTH_RE.sub("", text)
        # A non-breaking space read as Windows-1252 leaves "Â" before a plain space; ftfy cannot tell it apart.
        if "\u00c2" in text:
            text = _STRAY_A_CIRCUMFLEX_RE.sub(" ", text)
        text = _SPACES_RE.sub(" ", text)
        if any(bullet in text for bullet in _BULLETS):
            if _has_glued_bullet(text):
                text = _GLUED_BULLET_RE.sub(r"\n\1 ", text)
            text = _BULLET_NO_SPACE_RE.sub(r"\1 ", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.replace("\t", " ")
    if "-\n" in text:
        text = _LINE_BREAK_HYPHEN_RE.sub("", text)
    if " \n" in text:
        text = _TRAILING_SPACE_RE.sub("\n", text)
    if "\n\n\n" in text:
        text = _MANY_BLANK_LINES_RE.sub("\n\n", text)
    return text.strip("\n ")


def _has_glued_bullet(text: str) -> bool:
    """Whether some bullet follows other text on its line (the regex that splits them is slow to run for nothing)."""
    for bullet in _BULLETS:
        i = text.find(bullet)
        while i != -1:
            j = i - 1
            while j >= 0 and text[j] == " ":
                j -= 1
            if j >= 0 and not text[j].isspace():
                return True
            i = text.find(bullet, i + 1)
    return False


def _find_all(classes: bytes, pattern: bytes) -> list[int]:
    """Every offset of ``pattern`` in ``classes`` (overlaps included)."""
    found = []
    i = classes.find(pattern)
    while i != -1:
        found.append(i)
        i = classes.find(pattern, i + 1)
    return found


def _acronym_start(text: str, k: int) -> int:
    """Where the run of capitals holding offset ``k`` starts."""
    while k > 0 and "A" <= text[k - 1] <= "Z":
        k -= 1
    return k


def _split_glued_items(text: str) -> str:
    """``text`` with a line break after each glued list item, sentence, label or heading (see above). Candidates
    come from one cheap character-class scan; most texts have none, or only brand names."""
    classes = text.encode("ascii", "replace").translate(_CHARACTER_CLASSES)
    # A lowercase letter followed by a capital, directly or across ".!?:" (every non-ASCII character became "?", a
    # "." class: only a real ".!?:" counts).
    glued = _find_all(classes, b"aA") + [i for i in _find_all(classes, b"a.A") if text[i + 1] in ".!?:"]
    breaks: list[int] = []
    for i in sorted(glued):
        after = text[i + 1]
        if after in ".!?:":
            # "setting.Minimum", "Required:RHIT": two lowercase letters, the mark, then a capital (and a lowercase
            # letter after a full stop, so that "U.S.Army" or "Ph.D." stay)
            if (
                i >= 1
                and "a" <= text[i - 1] <= "z"
                and (after == ":" or "a" <= text[i + 3 : i + 4] <= "z")
                and _EMAIL_AHEAD_RE.match(text, i + 2) is None
            ):
                breaks.append(i + 2)
            continue
        start = i
        while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
            start -= 1
        word = text[start : i + 1]
        lowercase_word = len(word) >= 3 and word.islower() and word not in _CAMEL_CASE_PREFIXES
        if not ("a" <= text[i + 2 : i + 3] <= "z"):
            # a lowercase word glued to an acronym that ends there: "related fieldRHIA or RHIT", "programCCS"
            end = i + 1
            while end < len(text) and "A" <= text[end] <= "Z":
                end += 1
            known = text[i + 1 : end] in _GLUED_ACRONYMS and word not in _CAMEL_CASE_PREFIXES  # but "PowerBI" stays
            if (lowercase_word or (known and len(word) >= 3)) and end - i > 2 and not text[end : end + 1].islower():
                breaks.append(i + 1)
            continue
        if word in _GLUED_HEADINGS or (lowercase_word and _EMAIL_AHEAD_RE.match(text, i + 1) is None):
            breaks.append(i + 1)
        elif len(word) >= 4 and not word.islower() and _next_word(text, i + 1) in _GLUED_ITEM_STARTS:
            # a capitalised word glued to the first word of the next item: "Conditions of ParticipationOther duties
            # as assigned", "put them into ExcelWhat You Bring"; brand names ("PowerChart") go on with other words
            breaks.append(i + 1)
    # an acronym glued to the next item: "Preferred: RHIT or RHIAWork from home" (k is the acronym's last letter)
    for k in _find_all(classes, b"AAaa"):
        start = _acronym_start(text, k)
        if (start == 0 or not text[start - 1].isalpha()) and text[start : k + 1] in _GLUED_ACRONYMS:
            breaks.append(k + 1)
    # a numbered item glued to the sentence before: "as needed.14. Adheres to all policies"
    for i in _find_all(classes, b"aa.9"):
        if text[i + 2] == "." and _GLUED_NUMBER_RE.match(text, i + 3) is not None:
            breaks.append(i + 3)
    # a word glued to the years of the next item: "HIT preferred3+ years of release of information experience"
    for i in _find_all(classes, b"aaa9"):
        if _GLUED_YEARS_RE.match(text, i + 3) is not None:
            breaks.append(i + 3)
    # an acronym glued to the years of the next item: "RHIA, RHIT or CCS10+ years of coding experience"
    for k in _find_all(classes, b"AA9"):
        if text[_acronym_start(text, k) : k + 2] in _GLUED_ACRONYMS and _GLUED_YEARS_RE.match(text, k + 2) is not None:
            breaks.append(k + 2)
    breaks.sort()
    if not breaks:
        return text
    pieces = []
    last = 0
    for at in breaks:
        pieces.append(text[last:at])
        last = at
    pieces.append(text[last:])
    return "\n".join(pieces)
