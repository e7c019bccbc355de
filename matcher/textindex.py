"""Sentences, clauses and trigger lines of one document, computed once and looked up by offset.

Requirement cues, negation, degrees and years are all read sentence by sentence. Scanning the whole text with a
large regular expression per question cost more than tokenizing; instead sentence boundaries come from one pass,
trigger words from one PhraseMatcher pass (keywords.py), and the expensive expressions run only on the few
sentences and lines those words point to.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

# A sentence ends at ". " before a capital, a newline, a bullet or a semicolon. Candidates are found with a plain
# character class and the full stops checked after: one expression with the lookahead scanned the text 1.6x slower.
_BOUNDARY_CHAR_RE = re.compile(r"[.!?\n•;]")
_AFTER_FULL_STOP_RE = re.compile(r"\s+[A-Z(\"']")


class CaselessPattern:
    """A case-insensitive expression that runs on the lowercased text where it can: Python's regex engine skips an
    alternative on its first character only when case matters, and case-sensitive scans of lowercased text ran about
    twice as fast. Its words must be written in lowercase; matches index the text as usual, but their groups hold
    lowercased text (take what a match covers from ``index.text``). Callers with a plain string use ``sensitive`` on
    its lowercased form, or ``insensitive`` on the string itself."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.insensitive = re.compile(pattern, flags | re.IGNORECASE)
        self.sensitive = re.compile(pattern, flags & ~re.IGNORECASE)

    def finditer(self, index: TextIndex, lo: int, hi: int) -> Iterator[re.Match[str]]:
        lower = index.lower
        if lower is None:
            return self.insensitive.finditer(index.text, lo, hi)
        return self.sensitive.finditer(lower, lo, hi)


class TextIndex:
    """Offsets of sentences and lines of ``text``, with lazily cached per-sentence facts."""

    __slots__ = ("_boundary_ends", "_boundary_starts", "_keywords", "_lower", "memo", "text")

    def __init__(self, text: str, keywords: dict[str, list[tuple[int, int]]] | None = None) -> None:
        self.text = text
        self._keywords = keywords or {}
        # Every boundary is one character long.
        starts = []
        after_full_stop = _AFTER_FULL_STOP_RE.match
        for m in _BOUNDARY_CHAR_RE.finditer(text):
            at = m.start()
            if text[at] in "\n•;" or after_full_stop(text, at + 1):
                starts.append(at)
        self._boundary_starts = starts
        self._boundary_ends = [start + 1 for start in starts]
        # Per-sentence facts computed once (keyed by a name and the sentence start), for the readers in requirements.py.
        self.memo: dict[tuple[str, int], object] = {}
        self._lower: str | bool | None = False  # not computed yet

    @property
    def lower(self) -> str | None:
        """The text lowercased, when that kept every offset (a few characters, such as "İ", lowercase to two)."""
        if self._lower is False:
            lower = self.text.lower()
            self._lower = lower if len(lower) == len(self.text) else None
        return self._lower  # type: ignore[return-value]

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (or bullet, or line) around ``text[start:end]``, leading spaces trimmed."""
        text = self.text
        i = bisect.bisect_right(self._boundary_ends, start)
        left = self._boundary_ends[i - 1] if i else 0
        j = bisect.bisect_left(self._boundary_starts, end)
        if j < len(self._boundary_starts):
            right = self._boundary_starts[j]
            if text[right] in ".!?":
                right += 1
        else:
            right = len(text)
        while left < start and text[left].isspace():
            left += 1
        return left, max(right, end)

    def sentence_number(self, start: int, end: int) -> tuple[int, int]:
        """Which sentence ``sentence(start, end)`` is, as the numbers of the boundaries around it: equal numbers, equal
        sentences (a mention never starts in the spaces that ``sentence`` trims)."""
        return bisect.bisect_right(self._boundary_ends, start), bisect.bisect_left(self._boundary_starts, end)

    def sentence_number_range(self, number: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
        """For a sentence ``number``: the starts [lo, hi) and the ends (lo, hi] that give that number."""
        i, j = number
        ends, starts = self._boundary_ends, self._boundary_starts
        big = len(self.text) + 1
        return (
            (ends[i - 1] if i else 0, ends[i] if i < len(ends) else big),
            (starts[j - 1] if j else -1, starts[j] if j < len(starts) else big),
        )

    def keywords(self, kind: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
        """Offsets of the trigger words of ``kind`` (see keywords.py) that start within ``[lo, hi)``."""
        offsets = self._keywords.get(kind, [])
        if lo == 0 and hi is None:
            return offsets
        i = bisect.bisect_left(offsets, (lo, -1))
        j = bisect.bisect_left(offsets, (len(self.text) if hi is None else hi, -1))
        return offsets[i:j]

    def lines_for(self, kind: str) -> list[tuple[int, int]]:
        """(start, end) of each line holding a trigger word of ``kind``, in order, each once."""
        text = self.text
        out: list[tuple[int, int]] = []
        for start, _end in self._keywords.get(kind, []):
            if out and start < out[-1][1]:
                continue
            lo = text.rfind("\n", 0, start) + 1
            hi = text.find("\n", start)
            out.append((lo, len(text) if hi == -1 else hi))
        return out

    def windows_for(self, kind: str, *, before: int, after: int, within: str = "line") -> list[tuple[int, int]]:
        """Stretches of text around each trigger word of ``kind``: ``before`` and ``after`` characters either side,
        widened to whole words, kept within the word's line (or sentence), overlapping stretches merged; in order.

        For expressions whose every match holds a trigger word and is shorter than the margins, scanning these
        finds what scanning the whole lines finds, and a prose posting's "line" can be a paragraph long.
        """
        text = self.text
        out: list[tuple[int, int]] = []
        for start, end in self._keywords.get(kind, []):
            if within == "sentence":
                line_lo, line_hi = self.sentence(start, end)
            else:
                line_lo = text.rfind("\n", 0, start) + 1
                line_hi = text.find("\n", end)
                if line_hi == -1:
                    line_hi = len(text)
            lo = max(line_lo, start - before)
            while lo > line_lo and not text[lo - 1].isspace():
                lo -= 1
            hi = min(line_hi, end + after)
            while hi < line_hi and not text[hi].isspace():
                hi += 1
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], hi))
            else:
                out.append((lo, hi))
        return out
