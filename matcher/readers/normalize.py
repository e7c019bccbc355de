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
# glued to a capitalised word starts a new line there. Brand names in camel case begin with a capital ("PowerChart")
# or a short prefix ("eClinicalWorks", "iKnowMed", "myAvatar"); athenahealth's products are the exception kept.
_GLUED_ITEMS_RE = re.compile(
    r"(?<![A-Za-z])(?!athena[A-Z])([a-z]{3,})(?=[A-Z][a-z])(?![A-Za-z.]*@)"
    # ... or a sentence, or a label, glued to the next one: "in a healthcare setting.Minimum one year",
    # "Required:Minimum two years"
    r"|(?<=[a-z]{2})(?:[.!?](?=[A-Z][a-z])|:(?=[A-Z]))(?![A-Za-z.]*@)"
    # ... or a heading glued to the first item under it: "ResponsibilitiesPerform documentation reviews"
    r"|(?<![A-Za-z])((?:Key\s+|Job\s+)?(?:Responsibilities|Qualifications|Requirements|Duties|Required|Preferred"
    r"|Benefits|Education|Experience|Skills|Summary|Overview|Description))(?=[A-Z][a-z])"
)
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
    return text


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
    text = _GLUED_ITEMS_RE.sub(_line_break_after, text)
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


def _line_break_after(match: re.Match[str]) -> str:
    return match.group() + "\n"
