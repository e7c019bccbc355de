"""Taxonomy token patterns, evaluated only where their first token occurs.

The patterns are spaCy Matcher patterns, validated by spaCy's Matcher on load (taxonomy.py) and evaluated with
spaCy's semantics: every match of every length is returned, as spaCy's Matcher does without ``greedy``. spaCy's
Matcher, however, walks every token of the document in Python on every call; with a hundred patterns that cost
more than tokenizing. So:

- a pattern of literal tokens on one attribute (optionally ``"?"``) is expanded into phrases for spaCy's
  PhraseMatcher, which runs in C;
- any other pattern is anchored on its cheapest required literal token: that token's values go into the same
  PhraseMatchers as single-token phrases, and the pattern is evaluated only where an anchor was found, by a Python
  function generated for that one pattern (``_pattern_source``) the first time its anchor is hit;
- a pattern outside the supported subset (e.g. ``"!"``) runs through spaCy's own Matcher.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Columns of the per-document token array.
_ORTH, _LOWER, _NORM, _LIKE_NUM, _IS_DIGIT, _IS_PUNCT, _IS_ALPHA = range(7)
_TEXT_ATTRS = {"ORTH": _ORTH, "LOWER": _LOWER, "NORM": _NORM}
_FLAG_ATTRS = {"LIKE_NUM": _LIKE_NUM, "IS_DIGIT": _IS_DIGIT, "IS_PUNCT": _IS_PUNCT, "IS_ALPHA": _IS_ALPHA}
_QUANTIFIER_RE = re.compile(r"^\{(\d*)(,?)(\d*)\}$")
_UNBOUNDED = 10_000


class _Unsupported(Exception):
    pass


def _quantifier(op: Any) -> tuple[int, int]:
    if op is None:
        return 1, 1
    if op == "?":
        return 0, 1
    if op == "*":
        return 0, _UNBOUNDED
    if op == "+":
        return 1, _UNBOUNDED
    match = _QUANTIFIER_RE.match(str(op))
    if match is None:
        raise _Unsupported(op)  # "!" and anything new
    low, comma, high = match.groups()
    lo = int(low) if low else 0
    if not comma:
        return lo, lo
    return lo, int(high) if high else _UNBOUNDED


class _TokenSpec:
    """One token of a pattern: its checks and how many times it may repeat."""

    __slots__ = ("checks", "column", "high", "low", "mode", "values")

    def __init__(self, token: dict[str, Any], strings: Any) -> None:
        self.low, self.high = _quantifier(token.get("OP"))
        self.checks: list[tuple[int, str, Any]] = []
        for key, value in token.items():
            if key == "OP":
                continue
            if key in _TEXT_ATTRS:
                column = _TEXT_ATTRS[key]
                if isinstance(value, str):
                    self.checks.append((column, "eq", strings.add(value)))
                elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN", "REGEX"}:
                    for op, values in value.items():
                        if op == "REGEX":
                            # Verdicts are cached per string hash: the vocabulary repeats, the regex need not run again.
                            regex_cache: dict[int, bool] = {}
                            self.checks.append((column, "regex", (re.compile(str(values)), strings, regex_cache)))
                            continue
                        hashes = frozenset(strings.add(str(v)) for v in values)
                        self.checks.append((column, "in" if op == "IN" else "not_in", hashes))
                else:
                    raise _Unsupported(key)
            elif key in _FLAG_ATTRS and isinstance(value, bool):
                self.checks.append((_FLAG_ATTRS[key], "flag", value))
            else:
                raise _Unsupported(key)
        # The common one-check tokens are tested inline by the matcher loops (a call per token position was the
        # main cost): mode ANY, IN or NOT_IN on ``column`` against ``values``; anything else goes through accepts.
        self.mode, self.column = _GENERIC, -1
        self.values: frozenset[int] = frozenset()
        if not self.checks:
            self.mode = _ANY
        elif len(self.checks) == 1 and self.checks[0][1] in ("eq", "in", "not_in"):
            column, kind, value = self.checks[0]
            self.mode = _NOT_IN if kind == "not_in" else _IN
            self.column, self.values = column, frozenset({value}) if kind == "eq" else value

    def filter_starts(self, cols: TokenColumns, starts: Iterable[int]) -> list[int]:
        """The positions in ``starts`` this token accepts."""
        if self.mode == _IN:
            column, values = cols[self.column], self.values
            return [i for i in starts if column[i] in values]
        if self.mode == _NOT_IN:
            column, values = cols[self.column], self.values
            return [i for i in starts if column[i] not in values]
        if self.mode == _ANY:
            return list(starts)
        return [i for i in starts if self.accepts(cols, i)]

    def accepts(self, cols: TokenColumns, i: int) -> bool:
        """Whether the token at ``i`` passes every check (the matcher loops test one-check tokens inline)."""
        for column, kind, value in self.checks:
            cell = cols[column][i]
            if kind == "eq":
                if cell != value:
                    return False
            elif kind == "in":
                if cell not in value:
                    return False
            elif kind == "not_in":
                if cell in value:
                    return False
            elif kind == "regex":
                pattern, strings, regex_cache = value
                verdict = regex_cache.get(cell)
                if verdict is None:
                    verdict = regex_cache[cell] = pattern.search(strings[cell]) is not None
                if not verdict:
                    return False
            elif bool(cell) != value:
                return False
        return True

    def literal_column(self) -> tuple[int, frozenset[int]] | None:
        """(column, values) of the token's literal check, if it is a required literal."""
        if self.low < 1:
            return None
        for column, kind, value in self.checks:
            if kind == "eq":
                return column, frozenset({value})
            if kind == "in":
                return column, frozenset(value)
        return None


_GENERIC, _ANY, _IN, _NOT_IN = range(4)
_MAX_PREFIX = 12
_MAX_GUARD_WINDOW = 16
_MAX_GUARD_OCCURRENCES = 8.0  # per posting
_MAX_NEAR_CHECKS = 3
_MAX_EXPANSION = 5000


class TextPieces:
    """Where each piece of a tokenized text came from in the document: the text is the document with some spans
    cut out, one separator character standing for each cut.

    A posting's boilerplate (EEO text, benefits) is cut out before tokenizing rather than blanked: spaCy's suffix
    and infix regexes scan a whitespace token at every position, and a blanked section is one long whitespace token,
    unique to its document and so never cached (measured: tokenizing took twice as long as on the cut text).
    """

    __slots__ = ("deltas", "starts")

    def __init__(self, starts: Sequence[int], deltas: Sequence[int]) -> None:
        self.starts = starts  # where each piece starts in the tokenized text, ascending, the first at 0
        self.deltas = deltas  # what to add to an offset in that piece to index the document

    def original_offsets(self, offsets: Any) -> Any:
        """``offsets`` (a numpy array of offsets into the tokenized text) as offsets into the document."""
        import numpy

        piece = numpy.searchsorted(numpy.asarray(self.starts, dtype=offsets.dtype), offsets, side="right") - 1
        return offsets + numpy.asarray(self.deltas, dtype=offsets.dtype)[piece]


class TokenColumns:
    """One Doc's token attributes, read in one ``to_array`` call and shared by every step of an analysis (keywords,
    anchored patterns, context rules, character offsets); the rarer flag columns only if a pattern asks."""

    __slots__ = ("columns", "doc", "ends", "idx", "length", "lower", "norm", "orth")

    _ATTRS: tuple[str, ...] = ("ORTH", "LOWER", "NORM", "LIKE_NUM", "IS_DIGIT", "IS_PUNCT", "IS_ALPHA")

    def __init__(self, doc: Doc, pieces: TextPieces | None = None) -> None:
        """``pieces``: where the Doc's text was cut out of a longer text; offsets then index that text."""
        import numpy
        from spacy.attrs import IDX, LENGTH, LIKE_NUM, LOWER, NORM, ORTH

        self.doc = doc
        self.length = len(doc)
        rows: Sequence[Sequence[int]]
        if self.length:
            # Memoryviews index to plain ints without converting every 64-bit hash up front (.tolist() did, and
            # cost more than all the lookups an analysis makes). LIKE_NUM rides along: the years-of-experience
            # patterns ask for it in most postings, and a second to_array call costs more than a sixth column.
            table = numpy.ascontiguousarray(doc.to_array([ORTH, LOWER, NORM, IDX, LENGTH, LIKE_NUM]).T)
            table[4] += table[3]  # token ends
            if pieces is not None:
                table[3] = pieces.original_offsets(table[3])
                # An end maps as its token's last character does (a whitespace token may span a cut).
                table[4] = pieces.original_offsets(table[4] - 1) + 1
            rows = [memoryview(row) for row in table]
        else:
            rows = [[], [], [], [], [], []]
        orth, lower, norm, idx, ends, like_num = rows
        self.orth: Sequence[int] = orth
        self.lower: Sequence[int] = lower
        self.norm: Sequence[int] = norm
        self.idx: Sequence[int] = idx
        self.ends: Sequence[int] = ends
        # By column number; the rarely asked flags are None until read (hot loops index this list, then fall back to
        # ``self[column]``, since a method call per token position costs more than the lookup itself).
        self.columns: list[Sequence[int] | None] = [orth, lower, norm, like_num, None, None, None]

    def __getitem__(self, column: int) -> Sequence[int]:
        values = self.columns[column]
        if values is None:
            from spacy import attrs

            values = self.doc.to_array(getattr(attrs, self._ATTRS[column])).tolist()
            self.columns[column] = values
        return values

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens ``[start, end)``."""
        return self.idx[start], self.ends[end - 1]


# Expected occurrences per document of a token value: (column, string hash) -> float.
WordFrequency = Callable[[int, int], float]


def _occurrences(frequency: WordFrequency | None, column: int, values: Iterable[int]) -> float:
    """How often any of ``values`` occurs in ``column`` per posting (0 when word frequencies are unknown)."""
    return sum(frequency(column, v) for v in values) if frequency is not None else 0.0


class _CompiledPattern:
    """A pattern with its anchor, a required literal token ``prefix`` tokens (min, max) after the start, and its
    guard: another required literal token, ``guard_offset`` tokens (min, max) after the start, or None."""

    __slots__ = (
        "after",
        "anchor_column",
        "anchor_token",
        "anchors",
        "around",
        "before",
        "guard",
        "guard_offset",
        "key",
        "prefix",
        "required_near",
        "tokens",
    )

    def __init__(
        self, key: str, tokens: list[_TokenSpec], strings: Any = None, frequency: WordFrequency | None = None
    ) -> None:
        self.key = key
        self.tokens = tokens
        # Anchor on the required literal token within reach of the start that costs least: every hit of an anchor
        # means trying each start its prefix allows, so the cost is how often its words occur in postings times the
        # width of that window ("file ... chart" anchors on "file", not on the far commoner "chart"). Without word
        # frequencies the longest word stands in for the rarest.
        best: tuple[tuple[float, int], int, tuple[int, int], tuple[int, frozenset[int]]] | None = None
        low = high = 0
        for j, spec in enumerate(tokens):
            literal = spec.literal_column()
            # An anchor matched exactly once is walked away from in both directions (_pattern_source), however far
            # it sits from the start; any other anchor must be near the start, whose every position is tried.
            around = spec.high == 1
            if literal is not None and (around or high <= _MAX_PREFIX):
                column, values = literal
                shortest = min(len(strings[v]) for v in values) if strings is not None else 1
                occurrences = _occurrences(frequency, column, values)
                cost = (occurrences * (1 if around else high - low + 1), -shortest)
                if best is None or cost < best[0]:
                    best = (cost, j, (low, high), literal)
            low, high = min(low + spec.low, _UNBOUNDED), min(high + spec.high, _UNBOUNDED)
        if best is None:
            raise _Unsupported("no required literal token within reach of the start to anchor on")
        _, self.anchor_token, self.prefix, (self.anchor_column, self.anchors) = best
        # An anchor matched exactly once splits the pattern in two walks from it (see _pattern_source): the tokens
        # before it, last first, and those after it.
        self.around = tokens[self.anchor_token].high == 1
        self.before = tokens[self.anchor_token - 1 :: -1] if self.anchor_token else []
        self.after = tokens[self.anchor_token + 1 :]
        # Required one-check words at a fixed distance from the anchor, as (column, values, offset), rarest first:
        # most failed walks lack one of them, which one lookup shows before any walk (_pattern_source).
        near: list[tuple[float, tuple[int, frozenset[int], int]]] = []
        for direction, side in ((-1, self.before), (1, self.after)):
            for distance, spec in enumerate(side, start=1):
                if spec.low >= 1 and spec.mode == _IN and spec.column <= _LIKE_NUM:
                    occurrences = _occurrences(frequency, spec.column, spec.values)
                    near.append((occurrences, (spec.column, spec.values, direction * distance)))
                if spec.low != 1 or spec.high != 1:
                    break  # past a repeated or optional token the distance is no longer fixed
        self.required_near = tuple(check for _, check in sorted(near, key=lambda item: item[0])[:_MAX_NEAR_CHECKS])
        # The guard is the rarest other required literal: most anchor hits ("manage") have no guard word ("coders")
        # at the right distance, which a slice of its token column shows before any walk.
        guard: tuple[tuple[float, int], tuple[int, int], tuple[int, frozenset[int]]] | None = None
        low = high = 0
        for j, spec in enumerate(tokens):
            literal = spec.literal_column()
            if literal is not None and j != self.anchor_token:
                column, values = literal
                shortest = min(len(strings[v]) for v in values) if strings is not None else 1
                occurrences = _occurrences(frequency, column, values)
                # A word found in nearly every posting ("and", ",", "-") rejects almost nothing and its check costs
                # at every anchor hit: no guard is better.
                common = occurrences > _MAX_GUARD_OCCURRENCES if frequency is not None else shortest < 3
                cost = (occurrences, -shortest)
                if not common and (guard is None or cost < guard[0]):
                    guard = (cost, (low, high), literal)
            low, high = min(low + spec.low, _UNBOUNDED), min(high + spec.high, _UNBOUNDED)
        self.guard: tuple[int, frozenset[int]] | None = guard[2] if guard is not None else None
        self.guard_offset: tuple[int, int] = guard[1] if guard is not None else (0, 0)

    def ends_from(self, cols: TokenColumns, start: int) -> set[int]:
        """Every end position of a match starting at ``start`` (spaCy returns all lengths, so do we)."""
        tokens = self.tokens
        positions = _reach(tokens, cols, start)
        positions.discard(start)  # spaCy never returns an empty match
        return positions


def _reach(specs: Sequence[_TokenSpec], cols: TokenColumns, origin: int, *, backwards: bool = False) -> set[int]:
    """The token boundaries reachable from ``origin`` by matching ``specs`` in turn (forwards, or backwards with the
    specs given last first), as a set: paths that meet again are walked once."""
    n = cols.length
    columns = cols.columns
    positions = {origin}
    step = -1 if backwards else 1
    for spec in specs:
        low, high, mode, values = spec.low, spec.high, spec.mode, spec.values
        column = (columns[spec.column] or cols[spec.column]) if mode in (_IN, _NOT_IN) else None
        reached: set[int] = set()
        if mode == _IN and low == high == 1:
            # The commonest token by far, one required word: a single lookup per position.
            for pos in positions:
                at = pos - 1 if backwards else pos
                if 0 <= at < n and column[at] in values:  # type: ignore[index]
                    reached.add(pos + step)
            if not reached:
                return reached
            positions = reached
            continue
        accepts = spec.accepts
        for pos in positions:
            if low == 0:
                reached.add(pos)
            if backwards:
                limit = max(0, pos - high)
                if mode == _ANY:
                    reached.update(range(limit, pos - max(low, 1) + 1))
                    continue
                p = pos
                while p > limit and (
                    (column[p - 1] in values)  # type: ignore[index]
                    if mode == _IN
                    else (column[p - 1] not in values)  # type: ignore[index]
                    if mode == _NOT_IN
                    else accepts(cols, p - 1)
                ):
                    p -= 1
                    if pos - p >= low:
                        reached.add(p)
                continue
            limit = min(n, pos + high)
            if mode == _ANY:
                reached.update(range(pos + max(low, 1), limit + 1))
                continue
            p = pos
            if mode == _IN:
                while p < limit and column[p] in values:  # type: ignore[index]
                    p += 1
                    if p - pos >= low:
                        reached.add(p)
            elif mode == _NOT_IN:
                while p < limit and column[p] not in values:  # type: ignore[index]
                    p += 1
                    if p - pos >= low:
                        reached.add(p)
            else:
                while p < limit and accepts(cols, p):
                    p += 1
                    if p - pos >= low:
                        reached.add(p)
        if not reached:
            return reached
        positions = reached
    return positions


def _check(spec: _TokenSpec, name: str, at: str) -> str:
    """Python source testing the token at index expression ``at`` against ``spec`` (its values bound to ``name``)."""
    if spec.mode == _IN:
        return f"c{spec.column}[{at}] in {name}"
    if spec.mode == _NOT_IN:
        return f"c{spec.column}[{at}] not in {name}"
    if spec.mode == _ANY:
        return "True"
    return f"{name}(cols, {at})"


def _walk_source(
    specs: Sequence[_TokenSpec], names: Sequence[str], *, backwards: bool, result: str, exit: str
) -> list[str]:
    """Source lines that walk ``specs`` from ``p`` as ``_reach`` does, leaving the reachable boundaries in the set
    ``result`` (or running ``exit`` when there are none).

    Tokens that occur exactly once keep a single position ``p`` (no set at all while every token so far was exactly
    once, by far the common case); the first optional or repeated token turns the walk into a set of positions.
    """
    lines: list[str] = []
    single = True
    for spec, name in zip(specs, names, strict=True):
        check = _check(spec, name, "q - 1" if backwards else "q")
        if spec.low == spec.high == 1:
            at = "p - 1" if backwards else "p"
            inside = "p > 0" if backwards else "p < n"
            test = _check(spec, name, at)
            move = "p - 1" if backwards else "p + 1"
            if single:
                lines.append(f"if not ({inside} and {test}): {exit}")
                lines.append(f"p = {move}")
            else:
                lines.append(f"R = {{{move} for p in P if {inside} and {test}}}")
                lines.append(f"if not R: {exit}")
                lines.append("P = R")
            continue
        low, high = spec.low, spec.high
        body: list[str] = []
        if low == 0:
            body.append("R.add(p)")
        if backwards:
            body += [f"limit = p - {high}", "if limit < 0: limit = 0"]
            every, compare, step, gap = f"range(limit, p - {max(low, 1)} + 1)", ">", "q -= 1", "p - q"
        else:
            body += [f"limit = p + {high}", "if limit > n: limit = n"]
            every, compare, step, gap = f"range(p + {max(low, 1)}, limit + 1)", "<", "q += 1", "q - p"
        if spec.mode == _ANY:
            body.append(f"R.update({every})")
        else:
            body += ["q = p", f"while q {compare} limit and {check}:", f"    {step}"]
            body.append(f"    if {gap} >= {low}: R.add(q)" if low > 1 else "    R.add(q)")
        lines.append("R = set()")
        if single:
            lines.extend(body)
        else:
            lines.append("for p in P:")
            lines.extend("    " + line for line in body)
        lines.append(f"if not R: {exit}")
        lines.append("P = R")
        single = False
    lines.append(f"{result} = (p,)" if single else f"{result} = P")
    return lines


def _farthest_required(side: Sequence[_TokenSpec]) -> tuple[_TokenSpec, int, int] | None:
    """The last required one-check word of a walk from the anchor, with the least and most tokens that can stand
    between it and the anchor; None when there is none whose gap varies within a bounded window."""
    low = high = 0
    found: tuple[_TokenSpec, int, int] | None = None
    for spec in side:
        # A word at a fixed distance is already checked (required_near).
        if spec.low >= 1 and spec.mode == _IN and spec.column <= _NORM and 0 < high - low <= _MAX_GUARD_WINDOW:
            found = (spec, low, high)
        low, high = low + spec.low, min(high + spec.high, _UNBOUNDED)
    return found


def _pattern_source(pattern: _CompiledPattern, bind: Callable[[Any], str], *, exit: str) -> list[str]:
    """Source lines appending to ``found`` every (key, start, end) match of ``pattern`` whose anchor sits at
    ``pos``, or running ``exit`` as soon as there can be none: the guard, the fixed-distance words and both walks
    from the anchor, with the pattern's word sets bound as constants. The token columns it reads are ``c0``, ``c1``
    and ``c2`` (ORTH, LOWER, NORM)."""
    body: list[str] = []
    anchor = pattern.tokens[pattern.anchor_token]
    if len(anchor.checks) > 1:
        body.append(f"if not {bind(anchor.accepts)}(cols, pos): {exit}")
    if pattern.guard is not None:
        guard_column, guard_words = pattern.guard
        guard_low, guard_high = pattern.guard_offset
        values = bind(guard_words)
        low, high = pattern.prefix
        if guard_high - guard_low > _MAX_GUARD_WINDOW:
            index = bind(object())  # this pattern's own key in the per-document cache
            body.append(f"seen = present.get({index})")
            body.append("if seen is None:")
            body.append(f"    seen = present[{index}] = not {values}.isdisjoint(c{guard_column})")
            body.append(f"if not seen: {exit}")
        else:
            body.append(f"lo = pos - {high}")
            body.append("if lo < 0: lo = 0")
            body.append(f"hi = pos - {low} + {guard_high + 1}")
            body.append("if hi > n: hi = n")
            body.append(f"if {values}.isdisjoint(c{guard_column}[lo + {guard_low} : hi]): {exit}")
    for column, words, offset in pattern.required_near:
        at = f"pos + {offset}" if offset > 0 else f"pos - {-offset}"
        inside = f"pos + {offset} < n" if offset > 0 else f"pos >= {-offset}"
        body.append(f"if not ({inside} and c{column}[{at}] in {bind(words)}): {exit}")

    # The farthest required word on each side, within the few positions the tokens before it allow: when it is
    # missing, one slice of its column says so, where the walk would build sets of positions first.
    for side, backwards in ((pattern.before, True), (pattern.after, False)):
        farthest = _farthest_required(side)
        if farthest is None:
            continue
        spec, low, high = farthest
        if backwards:
            hi = f"pos - {low}" if low else "pos"
            body.append(f"lo = pos - {high + 1}")
            body.append("if lo < 0: lo = 0")
            body.append(f"if {bind(spec.values)}.isdisjoint(c{spec.column}[lo : {hi}]): {exit}")
        else:
            window = f"c{spec.column}[pos + {low + 1} : pos + {high + 2}]"
            body.append(f"if {bind(spec.values)}.isdisjoint({window}): {exit}")

    def names(specs: Sequence[_TokenSpec]) -> list[str]:
        return [bind(spec.values if spec.mode in (_IN, _NOT_IN) else spec.accepts) for spec in specs]

    body.append("p = pos")
    body.extend(_walk_source(pattern.before, names(pattern.before), backwards=True, result="starts", exit=exit))
    body.append("p = pos + 1")
    body.extend(_walk_source(pattern.after, names(pattern.after), backwards=False, result="ends", exit=exit))
    body.append(f"found.extend([({bind(pattern.key)}, start, end) for start in starts for end in ends])")
    return body


def _matcher_source(pattern: _CompiledPattern, name: str, constants: dict[str, Any]) -> list[str]:
    """Source of a function ``name(cols, n, pos, found, present)`` appending to ``found`` every match of
    ``pattern`` whose anchor sits at ``pos``, written out by ``_pattern_source``.

    A generic evaluator spends most of its time deciding, at every token, what kind of check comes next; the
    taxonomy's patterns are fixed when it loads, so that decision is made once, here. (One function per anchor
    word, running all its patterns, was measured no faster.)
    """

    def bind(value: Any) -> str:
        constant = f"K{len(constants)}"
        constants[constant] = value
        return constant

    body = _pattern_source(pattern, bind, exit="return")
    used = {spec.column for spec in (*pattern.before, *pattern.after) if spec.mode in (_IN, _NOT_IN)}
    used.update(column for column, _, _ in pattern.required_near)
    if pattern.guard is not None:
        used.add(pattern.guard[0])
    header = [f"    c{column} = columns[{column}]" for column in sorted(used)]
    return [f"def {name}(cols, n, pos, found, present):", "    columns = cols.columns", *header] + [
        "    " + line for line in body
    ]


_ATTR_OF_COLUMN = {_ORTH: "ORTH", _LOWER: "LOWER", _NORM: "NORM"}


def _phrase_doc(vocab: Any, words: Sequence[str], attr: str) -> Any:
    from spacy.tokens import Doc

    doc = Doc(vocab, words=list(words))
    if attr == "NORM":  # a Doc built from words gets norms from the vocabulary; the pattern's own values rule
        for token, word in zip(doc, words, strict=True):
            token.norm_ = word
    return doc


def expand_pattern(pattern: Sequence[dict[str, Any]]) -> tuple[str, list[list[str]]] | None:
    """(attribute, word sequences) for a pattern of literal tokens on one attribute, or None."""
    attrs = set()
    choices: list[list[str | None]] = []
    for token in pattern:
        op = token.get("OP")
        keys = [k for k in token if k != "OP"]
        if op not in (None, "?") or len(keys) != 1 or keys[0] not in _TEXT_ATTRS:
            return None
        value = token[keys[0]]
        if isinstance(value, str):
            values: list[str | None] = [value]
        elif isinstance(value, dict) and set(value) == {"IN"}:
            values = [str(v) for v in value["IN"]]
        else:
            return None
        if op == "?":
            values.append(None)
        attrs.add(keys[0])
        choices.append(values)
    size = 1
    for values in choices:
        size *= len(values)
    if len(attrs) != 1 or size > _MAX_EXPANSION:
        return None
    sequences = []
    for combo in itertools.product(*choices):
        words = [w for w in combo if w is not None]
        if words and all(w and " " not in w for w in words):
            sequences.append(words)
    return (attrs.pop(), sequences) if sequences else None


class TokenPatternMatcher:
    """Token patterns of the taxonomy, sharing the caller's PhraseMatchers (one per attribute) for speed.

    ``add`` puts phrases and anchors into ``phrase_matchers``; the caller runs those matchers once, hands anchor
    hits (match keys this class owns) to ``evaluate``, and treats other keys as skill ids.
    """

    def __init__(self, vocab: Any, phrase_matchers: dict[str, Any], frequency: WordFrequency | None = None) -> None:
        self.vocab = vocab
        self._frequency = frequency
        self._phrases = phrase_matchers
        self._anchored: list[_CompiledPattern] = []
        self._fallback: Any = None
        # Phrase-matcher keys this class owns -> the patterns anchored on that token.
        self.anchor_keys: dict[int, list[int]] = {}
        # The same keys -> the compiled match functions of their patterns, and each pattern's by its index; both
        # filled as anchors are first hit.
        self._matchers: dict[int, tuple[_AnchoredMatch, ...]] = {}
        self._compiled: dict[int, _AnchoredMatch] = {}

    def __len__(self) -> int:
        return len(self._anchored) + (len(self._fallback) if self._fallback is not None else 0)

    def add(self, key: str, patterns: Iterable[list[dict[str, Any]]]) -> None:
        for pattern in patterns:
            expanded = expand_pattern(pattern)
            if expanded is not None:
                attr, sequences = expanded
                self._phrases[attr].add(key, [_phrase_doc(self.vocab, words, attr) for words in sequences])
                continue
            try:
                compiled = _CompiledPattern(
                    key,
                    [_TokenSpec(token, self.vocab.strings) for token in pattern],
                    self.vocab.strings,
                    self._frequency,
                )
            except _Unsupported:
                from spacy.matcher import Matcher

                if self._fallback is None:
                    self._fallback = Matcher(self.vocab)
                self._fallback.add(key, [pattern])
                continue
            index = len(self._anchored)
            self._anchored.append(compiled)
            self._matchers.clear()
            self._watch(compiled.anchor_column, compiled.anchors, index)

    def _watch(self, column: int, values: frozenset[int], index: int) -> None:
        """Have the phrase matchers report each of ``values`` in ``column`` as an anchor of pattern ``index``."""
        attr = _ATTR_OF_COLUMN[column]
        for value in values:
            word = self.vocab.strings[value]
            name = f"token:{attr}:{word}"
            token_key = self.vocab.strings.add(name)
            if token_key not in self.anchor_keys:
                self.anchor_keys[token_key] = []
                self._phrases[attr].add(name, [_phrase_doc(self.vocab, [word], attr)])
            self.anchor_keys[token_key].append(index)

    def evaluate(
        self, doc: Doc, anchor_hits: Sequence[tuple[int, int]], columns: TokenColumns | None = None
    ) -> list[tuple[str, int, int]]:
        """Matches of anchored patterns given (anchor key, token position) hits, plus fallback patterns."""
        found: list[tuple[str, int, int]] = []
        if anchor_hits:
            cols = columns if columns is not None else TokenColumns(doc)
            matchers = self._matchers
            n = cols.length
            # Per document: whether a far-reaching guard word occurs at all, asked once per pattern.
            present: dict[object, bool] = {}
            for token_key, pos in anchor_hits:
                key_matchers = matchers.get(token_key)
                if key_matchers is None:
                    key_matchers = self._compile(token_key)
                for match in key_matchers:
                    match(cols, n, pos, found, present)
        if self._fallback is not None:
            strings = self.vocab.strings
            found.extend((strings[key], start, end) for key, start, end in self._fallback(doc))
        return found

    def _compile(self, token_key: int) -> tuple[_AnchoredMatch, ...]:
        """The match functions of the patterns anchored on ``token_key``, generated and compiled on its first hit
        (compiling all of them up front cost a cold start 0.14 s): one per pattern anchored on a token matched
        exactly once (all of the shipped taxonomy's); any other pattern walks from every start."""
        by_index = self._compiled
        for index in self.anchor_keys[token_key]:
            if index in by_index:
                continue
            pattern = self._anchored[index]
            if pattern.around:
                constants: dict[str, Any] = {}
                source = _matcher_source(pattern, "match", constants)
                namespace = dict(constants)
                exec(compile("\n".join(source), f"<token pattern {pattern.key}>", "exec"), namespace)
                by_index[index] = namespace["match"]
            else:
                by_index[index] = functools.partial(_match_from_every_start, pattern)
        matchers = self._matchers[token_key] = tuple(by_index[i] for i in self.anchor_keys[token_key])
        return matchers


# (cols, n, anchor position, found, per-document guard presence): appends (key, start, end) to found.
_AnchoredMatch = Callable[[TokenColumns, int, int, list[tuple[str, int, int]], dict[object, bool]], None]


def _match_from_every_start(
    pattern: _CompiledPattern,
    cols: TokenColumns,
    n: int,
    pos: int,
    found: list[tuple[str, int, int]],
    present: dict[object, bool],
) -> None:
    """Matches of a pattern whose anchor may repeat ("+", "{1,3}"): a full walk from every start its prefix allows."""
    low, high = pattern.prefix
    first_start, last_start = max(0, pos - high), pos - low
    guard = pattern.guard
    guard_column: Sequence[int] = ()
    guard_values: frozenset[int] = frozenset()
    guard_low = guard_high = 0
    if guard is not None:
        guard_column, guard_values = cols[guard[0]], guard[1]
        guard_low, guard_high = pattern.guard_offset
        if guard_high - guard_low > _MAX_GUARD_WINDOW:
            # An open-ended gap: presence in the document is all that is cheap to know.
            seen = present.get(pattern)
            if seen is None:
                seen = present[pattern] = not guard_values.isdisjoint(guard_column)
            if not seen:
                return
            guard = None
        elif guard_values.isdisjoint(guard_column[first_start + guard_low : min(n, last_start + guard_high + 1)]):
            return  # no guard word within reach of any start
    starts: Iterable[int] = range(first_start, last_start + 1)
    first = pattern.tokens[0]
    if first.low:  # cheap rejection of most starts before the full walk
        starts = first.filter_starts(cols, starts)
    for start in starts:
        if (
            guard is not None
            and first_start != last_start
            and guard_values.isdisjoint(guard_column[start + guard_low : min(n, start + guard_high + 1)])
        ):
            continue
        for end in pattern.ends_from(cols, start):
            found.append((pattern.key, start, end))
