"""The spaCy pipeline and the compiled skill matchers, built once per process.

The default pipeline is spaCy's blank English tokenizer plus lemma lookups from ``spacy-lookups-data``, so it runs
offline from PyPI packages alone. Instead of running a lemmatizer component over every token, the lowercase lemma
is stored as each vocabulary entry's NORM when the entry is first created: matching on NORM then costs nothing per
token, the lookup lemmatizer's case-sensitivity ("Managed" stays "Managed") is side-stepped, and the same
normalisation applies to taxonomy aliases and documents alike.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from .keywords import KeywordIndex
from .patterns import TokenColumns, TokenPatternMatcher, WordFrequency
from .taxonomy import SkillContext, Taxonomy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# spaCy's default tokenizer keeps "ICD-10" and "10-CM" whole; splitting every hyphen or slash between letters
# and digits makes "ICD-10-CM", "ICD 10 CM" and "ICD-10 CM" the same token sequence once hyphens are dropped.
_EXTRA_INFIXES = (
    r"(?<=[0-9A-Za-z])[-\u2010\u2011\u2013/](?=[0-9A-Za-z])",
    r"[•▪◦●■]",
    # Scraped postings run a closing parenthesis into the next word where markup stood: "(minimum necessary)Send".
    # (Words run together, "teamRHIT", are split by the reader where it can tell; here an acronym never fires
    # inside another word.)
    r"\)(?=[A-Z])",
    # ... and run list items together at a semicolon: "university required;Minimum of 5 years".
    r"(?<=[A-Za-z]);(?=[A-Za-z])",
)
# Bullets glued to the first word ("•RHIA", "-RHIA/RHIT required", "*Detail oriented") are common in scraped
# postings.
# Emoji bullets carry an invisible variation selector ("✔️RHIA" is "✔", U+FE0F, "RHIA"), which must not stay glued
# to the word.
_EXTRA_PREFIXES = (r"[•▪◦●■]", r"[-\u2013\u2014*](?=[A-Za-z])", r"[\ufe0f\u200d]")
# A full stop after a hyphen and one capital ends the sentence: "... CPC or CCS-P." is CCS-P, not CCS followed by
# the initial "P." that spaCy's exceptions keep whole.
_EXTRA_SUFFIXES = (r"(?<=-[A-Z])\.",)
# The tokenizer cache holds 10,000 words by default; batches of postings use far more, and a larger cache was
# measured 1.5-2.7x faster on large batches.
_TOKENIZER_CACHE = 200_000
_SEPARATOR_RE = re.compile(r"(?<=[0-9A-Za-z])(?:-|\s+(?=[0-9])|(?<=[0-9])\s+)(?=[0-9A-Za-z])")
_MAX_VARIANT_SEPARATORS = 4


@lru_cache(maxsize=1)
def _lemma_table() -> Any:
    """spaCy's English lookup lemmas (a Table keyed by string hash: ``get`` takes the string itself)."""
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


# Shorthand of terse postings and resumes ("RHIT pref, 3 yrs mgmt exp", "inpt/outpt coding", "state & fed regs",
# "MR dept"), read as the words they stand for so that every alias written in full also matches them. Only forms
# that mean one thing in HIM text: "rec" (medication reconciliation), "pt" (part-time, physical therapy), "ED"
# (emergency department) and "auth" (prior authorization) are ambiguous and stay as written.
SHORTHAND: dict[str, str] = {
    "mgmt": "management",
    "mgmnt": "management",
    "mngmt": "management",
    "mngt": "management",
    "mgt": "management",
    "mgr": "manager",
    "mgrs": "managers",
    "supv": "supervisory",
    "supvr": "supervisor",
    "exp": "experience",
    "exper": "experience",
    "yr": "year",
    "yrs": "years",
    "dept": "department",
    "depts": "departments",
    "regs": "regulations",
    "fed": "federal",
    "govt": "government",
    "info": "information",
    "inpt": "inpatient",
    "outpt": "outpatient",
    "dx": "diagnosis",
    "hosp": "hospital",
    "svcs": "services",
    "ops": "operations",
    "assoc": "associate",
    "reimb": "reimbursement",
    "cert": "certification",
    "certs": "certifications",
    "comms": "communications",
    "knowl": "knowledge",
}


# Token patterns written on LOWER ("experience", "inpatient") accept the shorthand of their words as well.
_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    full: tuple(short for short, word in SHORTHAND.items() if word == full) for full in set(SHORTHAND.values())
}


def make_normalizer() -> Callable[[str], str]:
    """Return the word -> lowercase-lemma function used for NORM on documents and taxonomy alike."""
    table = _lemma_table()
    from spacy.lang.norm_exceptions import BASE_NORMS  # dashes and curly quotes to their plain forms

    def normalize(word: str) -> str:
        if word in BASE_NORMS:
            return str(BASE_NORMS[word])
        lower = word.lower().replace("\u2019", "'")
        lower = SHORTHAND.get(lower, lower)
        return table.get(lower, lower)  # type: ignore[no-any-return]

    return normalize


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared tokenizer pipeline; built on first use, then reused for the life of the process."""
    import spacy
    from spacy.attrs import NORM
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    nlp = spacy.blank("en")
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex((*nlp.Defaults.infixes, *_EXTRA_INFIXES)).finditer  # type: ignore[misc]
    tokenizer.prefix_search = compile_prefix_regex((*nlp.Defaults.prefixes, *_EXTRA_PREFIXES)).search  # type: ignore[misc]
    tokenizer.suffix_search = compile_suffix_regex((*nlp.Defaults.suffixes, *_EXTRA_SUFFIXES)).search  # type: ignore[misc]
    # spaCy stops caching a text's words once any special case has matched in it (the has_special flag of its
    # tokenizer lives for the whole text), and "\n" is a special case: past a posting's first line nothing was
    # cached, so every word was split again by the affix regexes in every document. Rules for whitespace and
    # single characters only restate the character itself; without them the tokens are the same (tested) and
    # tokenizing was measured ~7x faster.
    tokenizer.rules = {key: value for key, value in tokenizer.rules.items() if not (key.isspace() or len(key) == 1)}
    try:
        tokenizer.max_cache_size = _TOKENIZER_CACHE
    except AttributeError:  # older spaCy without a configurable cache: default size still works
        pass
    normalize = make_normalizer()
    vocab: Any = nlp.vocab
    vocab.lex_attr_getters[NORM] = normalize
    # Entries created before the getter was set (tokenizer exceptions) get the same treatment.
    for lexeme in list(nlp.vocab):
        lexeme.norm_ = normalize(lexeme.orth_)
    max_length = 5_000_000
    nlp.max_length = max_length
    return nlp


def surface_variants(phrase: str) -> list[str]:
    """Spelling variants of a phrase: every hyphen and letter-digit space kept, spaced or joined.

    "ICD-10-CM" gives "ICD-10-CM", "ICD 10 CM", "ICD10CM", "ICD-10 CM", ...; "bachelor's" also gives "bachelors".
    """
    base = {phrase.strip(), phrase.replace("&", "and").strip(), phrase.replace(" and ", " & ").strip()}
    out: list[str] = []
    for text in sorted(base):
        for candidate in (text, text.replace("'s ", "s ").replace("\u2019s ", "s ")):
            separators = list(_SEPARATOR_RE.finditer(candidate))
            if not separators or len(separators) > _MAX_VARIANT_SEPARATORS:
                out.append(candidate)
                continue
            pieces = _SEPARATOR_RE.split(candidate)
            for choice in itertools.product(("-", " ", ""), repeat=len(separators)):
                variant = pieces[0] + "".join(sep + piece for sep, piece in zip(choice, pieces[1:], strict=True))
                out.append(variant)
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _posting_word_frequency(nlp: Language) -> WordFrequency | None:
    """How often each word occurs per posting, counted over the bundled sample postings.

    Only used to pick cheap anchors for token patterns (which never changes what matches); None when the samples
    are missing, and the anchor choice falls back to word length.
    """
    from importlib import resources

    from spacy.attrs import LOWER, NORM, ORTH

    try:
        entries = [e for e in resources.files("sample_postings").iterdir() if e.name.endswith((".txt", ".md"))]
    except (ModuleNotFoundError, OSError):
        return None
    if not entries:
        return None
    counts: list[Counter[int]] = [Counter(), Counter(), Counter()]
    for entry in entries:
        table = nlp.make_doc(entry.read_bytes().decode("utf-8", errors="replace")).to_array([ORTH, LOWER, NORM])
        for column, counter in enumerate(counts):
            counter.update(table[:, column].tolist())
    n = len(entries)

    def frequency(column: int, value: int) -> float:
        return counts[column][value] / n if column < len(counts) else 0.0

    return frequency


@dataclass(frozen=True, slots=True)
class ContextRule:
    """A skill's context rule with its phrases as NORM hashes: one-word phrases as a set, since most phrases are one
    word and a set intersection answers for all of them at once, and longer phrases as hash sequences."""

    context: SkillContext
    any_words: frozenset[int]
    any_longer: tuple[tuple[int, ...], ...]
    none_words: frozenset[int]
    none_longer: tuple[tuple[int, ...], ...]
    followers: frozenset[int]  # LOWER hashes of the words that must not follow the match
    window: int
    # First words of the longer phrases: where none of them is near, no phrase is (one set test instead of a
    # scan per phrase).
    any_first: frozenset[int]
    none_first: frozenset[int]

    @classmethod
    def build(
        cls,
        context: SkillContext,
        any_phrases: tuple[tuple[int, ...], ...],
        none_phrases: tuple[tuple[int, ...], ...],
        followers: frozenset[int],
    ) -> ContextRule:
        return cls(
            context,
            frozenset(p[0] for p in any_phrases if len(p) == 1),
            tuple(p for p in any_phrases if len(p) > 1),
            frozenset(p[0] for p in none_phrases if len(p) == 1),
            tuple(p for p in none_phrases if len(p) > 1),
            followers,
            context.window,
            frozenset(p[0] for p in any_phrases if len(p) > 1),
            frozenset(p[0] for p in none_phrases if len(p) > 1),
        )


class RawMatch(NamedTuple):
    """A skill found at a token span, before sections, requirements and negation are considered (a tuple: dozens
    are made per document, and a frozen dataclass cost three times as much to build)."""

    skill_id: str
    start: int  # token index
    end: int  # token index, exclusive


def _normalize_pattern(pattern: Iterable[dict[str, Any]], normalize: Callable[[str], str]) -> list[dict[str, Any]]:
    out = []
    for token in pattern:
        token = dict(token)
        value = token.get("NORM")
        if isinstance(value, str):
            token["NORM"] = normalize(value)
        elif isinstance(value, dict):
            token["NORM"] = {
                op: [normalize(v) for v in vals] if isinstance(vals, list) else vals for op, vals in value.items()
            }
        lower = token.get("LOWER")
        if isinstance(lower, str):
            lower = lower.lower()
            token["LOWER"] = {"IN": [lower, *_SHORT_FORMS[lower]]} if lower in _SHORT_FORMS else lower
        elif isinstance(lower, dict) and isinstance(lower.get("IN"), list):
            words = [str(w).lower() for w in lower["IN"]]
            token["LOWER"] = {
                **lower,
                "IN": list(dict.fromkeys(w for word in words for w in (word, *_SHORT_FORMS.get(word, ())))),
            }
        out.append(token)
    return out


class SkillMatcher:
    """The taxonomy compiled into spaCy matchers: finds every skill in a Doc as token spans.

    Aliases go into a PhraseMatcher on NORM (case-insensitive, lemma-normalised), acronyms (case-sensitive) ride in
    the PhraseMatcher on LOWER and are kept where the text's case is theirs, and token patterns are anchored on words
    those matchers report. Context rules for ambiguous terms are applied here so that every caller sees the same
    decisions.
    """

    def __init__(self, taxonomy: Taxonomy, nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        self.taxonomy = taxonomy
        self.nlp = nlp
        vocab = nlp.vocab
        normalize = make_normalizer()
        self._normalize = normalize
        self._alias_matcher = PhraseMatcher(vocab, attr="NORM")
        self._lower_matcher = PhraseMatcher(vocab, attr="LOWER")
        # Case-sensitive phrases in the LOWER pass: a PhraseMatcher pass over every document cost more than checking
        # the case of the few lowercase hits.
        self._acronym_matcher = _ExactCasePhrases(self._lower_matcher, vocab)
        self._phrase_matchers = (self._alias_matcher, self._lower_matcher)
        self._pattern_matcher = TokenPatternMatcher(
            vocab,
            {"NORM": self._alias_matcher, "ORTH": self._acronym_matcher, "LOWER": self._lower_matcher},
            frequency=_posting_word_frequency(nlp),
        )
        # Requirement, negation, degree and boilerplate trigger words share the LOWER pass (see ``find``).
        self.keywords = KeywordIndex(nlp, matcher=self._lower_matcher)
        self._key_to_skill: dict[int, str] = {}
        self._contexts: dict[str, ContextRule] = {}
        # A skill's guarded terms match under names of their own ("<skill id>#1"), so that their context rule, not
        # the skill's, decides them; accepted matches take the skill's id again.
        self._owner: dict[str, str] = {}
        for skill in taxonomy:
            self._add_terms(skill.id, skill.aliases, skill.acronyms, skill.patterns, skill.context)
            for i, group in enumerate(skill.guarded, start=1):
                name = f"{skill.id}#{i}"
                self._owner[name] = skill.id
                self._add_terms(name, group.aliases, group.acronyms, group.patterns, group.context)

    def _add_terms(
        self,
        name: str,
        aliases: Sequence[str],
        acronyms: Sequence[str],
        patterns: Sequence[Sequence[dict[str, Any]]],
        context: SkillContext | None,
    ) -> None:
        make_doc = self.nlp.make_doc
        self._key_to_skill[self.nlp.vocab.strings.add(name)] = name
        if aliases:
            docs = [make_doc(v) for alias in aliases for v in surface_variants(alias)]
            self._alias_matcher.add(name, [d for d in docs if len(d)])
        if acronyms:
            docs = [make_doc(v) for acronym in acronyms for v in surface_variants(acronym)]
            self._acronym_matcher.add(name, [d for d in docs if len(d)])
        if patterns:
            self._pattern_matcher.add(name, [_normalize_pattern(p, self._normalize) for p in patterns])
        if context is not None:
            self._contexts[name] = ContextRule.build(
                context,
                self._phrase_hashes(context.any),
                self._phrase_hashes(context.none),
                frozenset(self.nlp.vocab.strings.add(w) for w in context.not_followed_by),
            )

    def _phrase_hashes(self, phrases: Iterable[str]) -> tuple[tuple[int, ...], ...]:
        hashes: list[tuple[int, ...]] = []
        for phrase in phrases:
            doc = self.nlp.make_doc(phrase)
            hashes.append(tuple(t.norm for t in doc))
            # A context word is lemmatised on its own ("finding" -> "find") while the text's inflections of it
            # lemmatise to the word itself ("findings" -> "finding"): the word as written counts as well.
            if len(doc) == 1 and doc[0].norm != doc[0].lower:
                hashes.append((doc[0].lower,))
        return tuple(hashes)

    def find(
        self,
        doc: Doc,
        columns: TokenColumns | None = None,
        *,
        keyword_hits: list[tuple[int, int, int]] | None = None,
    ) -> list[RawMatch]:
        """Every skill match in ``doc``, overlaps resolved, context rules applied, in document order.

        ``columns`` are the Doc's token columns when the caller already has them. ``keyword_hits`` receives the
        (key, start, end) hits of ``self.keywords``, found in the same pass.
        """
        # (start, -end, skill id): sorted as plain tuples, that is by start, longest first, then skill id.
        found: list[tuple[int, int, str]] = []
        anchor_hits: list[tuple[int, int]] = []
        key_to_skill = self._key_to_skill
        anchor_keys = self._pattern_matcher.anchor_keys
        exact_case = self._acronym_matcher.exact
        orth: Sequence[int] | None = None
        for matcher in self._phrase_matchers:
            if len(matcher):  # an empty matcher makes spaCy warn (W036); user taxonomies may have none
                for key, start, end in matcher(doc):
                    exact = exact_case.get(key)
                    if exact is not None:
                        if orth is None:
                            if columns is None:
                                columns = TokenColumns(doc)
                            orth = columns.orth
                        if tuple(orth[start:end]) not in exact[1]:
                            continue
                        key = exact[0]
                    skill_id = key_to_skill.get(key)
                    if skill_id is not None:
                        found.append((start, -end, skill_id))
                    elif key in anchor_keys:
                        anchor_hits.append((key, start))  # where a token pattern may match
                    elif keyword_hits is not None:
                        keyword_hits.append((key, start, end))
        if columns is None:
            columns = TokenColumns(doc)
        found.extend(
            (start, -end, skill_id)
            for skill_id, start, end in self._pattern_matcher.evaluate(doc, anchor_hits, columns)
        )
        if not found:
            return []
        # Context rules first: a longer match its context rejects ("ROI" as return on investment) must not hide
        # the shorter matches inside it.
        norms: _DocNorms | None = None
        contexts = self._contexts
        owner = self._owner
        guarded = False
        accepted: list[tuple[int, int, str]] = []
        for start, negative_end, skill_id in sorted(set(found)):
            rule = contexts.get(skill_id)
            if rule is not None:
                if norms is None:
                    norms = _DocNorms(columns.norm)
                if not _context_ok(columns, norms, start, -negative_end, rule):
                    continue
                if skill_id in owner:  # guarded terms always have a rule
                    skill_id = owner[skill_id]
                    guarded = True
            accepted.append((start, -negative_end, skill_id))
        if guarded:  # a guarded term and an ordinary alias of one skill may match the same span
            accepted = list(dict.fromkeys(accepted))
        return _merge_overlaps(_drop_contained(accepted))


class _ExactCasePhrases:
    """Case-sensitive phrases ("HIM", "ROI") added to a PhraseMatcher on LOWER under keys of their own: ``exact`` maps
    each such key to the key the phrases were added as and their exact ORTH sequences, which a hit must have."""

    def __init__(self, lower_matcher: Any, vocab: Any) -> None:
        self._lower = lower_matcher
        self._vocab = vocab
        self.exact: dict[int, tuple[int, set[tuple[int, ...]]]] = {}

    def __len__(self) -> int:
        return len(self.exact)

    def add(self, key: str, docs: Iterable[Doc]) -> None:
        strings = self._vocab.strings
        name = f"exact-case:{key}"
        entry = self.exact.setdefault(strings.add(name), (strings.add(key), set()))
        docs = list(docs)
        entry[1].update(tuple(token.orth for token in doc) for doc in docs)
        self._lower.add(name, docs)


class _DocNorms:
    """A Doc's NORM hashes, with the set of them built on first need (for whole-document context rules; window rules
    read only ``values``). Counts and positions of one word come from numpy: building them for every word cost
    more than all the questions a document asks of them."""

    __slots__ = ("_array", "_present", "values")

    def __init__(self, values: Sequence[int]) -> None:
        self.values = values
        self._present: frozenset[int] | None = None
        self._array: Any = None

    @property
    def present(self) -> frozenset[int]:
        # Most whole-document context words occur nowhere in a given posting: one set answers that for all of them.
        if self._present is None:
            self._present = frozenset(self.values)
        return self._present

    def _as_array(self) -> Any:
        if self._array is None:
            import numpy

            self._array = numpy.asarray(self.values, dtype=numpy.uint64)
        return self._array

    def count(self, value: int) -> int:
        return int((self._as_array() == value).sum())

    def positions(self, value: int) -> list[int]:
        import numpy

        return numpy.flatnonzero(self._as_array() == value).tolist()  # type: ignore[no-any-return]


def _context_ok(columns: TokenColumns, norms: _DocNorms, start: int, end: int, rule: ContextRule) -> bool:
    """Whether a match at tokens [start, end) meets its skill's context rule; its own words are not context.

    Called for most matches of most postings: every test that cannot apply is skipped before it builds anything."""
    if rule.followers and end < columns.length and columns.lower[end] in rule.followers:
        return False
    values = norms.values
    window = rule.window
    if window:
        lo = start - window if start > window else 0
        hi = min(len(values), end + window)
        nearby = set(values[lo:start])
        nearby.update(values[end:hi])
        if rule.none_words and not rule.none_words.isdisjoint(nearby):
            return False
        if not rule.none_first.isdisjoint(nearby) and any(
            _phrase_near(values, phrase, nearby, lo, hi, start, end) for phrase in rule.none_longer
        ):
            return False
        if rule.any_words and not rule.any_words.isdisjoint(nearby):
            return True
        if not rule.any_first.isdisjoint(nearby):
            return any(_phrase_near(values, phrase, nearby, lo, hi, start, end) for phrase in rule.any_longer)
        return not (rule.any_words or rule.any_longer)
    if rule.none_words and _words_elsewhere(norms, rule.none_words, start, end):
        return False
    if rule.none_longer and any(_phrase_elsewhere(norms, phrase, start, end) for phrase in rule.none_longer):
        return False
    if rule.any_words and _words_elsewhere(norms, rule.any_words, start, end):
        return True
    if rule.any_longer:
        return any(_phrase_elsewhere(norms, phrase, start, end) for phrase in rule.any_longer)
    return not rule.any_words


def _phrase_near(
    values: Sequence[int], phrase: tuple[int, ...], nearby: set[int], lo: int, hi: int, start: int, end: int
) -> bool:
    """Whether ``phrase`` occurs within ``values[lo:hi]`` outside the match ``[start, end)``."""
    if phrase[0] not in nearby:
        return False
    n = len(phrase)
    return any(
        values[i] == phrase[0] and (i + n <= start or i >= end) and tuple(values[i : i + n]) == phrase
        for i in range(lo, hi - n + 1)
    )


def _words_elsewhere(norms: _DocNorms, words: frozenset[int], start: int, end: int) -> bool:
    """Whether any of ``words`` occurs in the document outside the match ``[start, end)``."""
    found = words.intersection(norms.present)
    if not found:
        return False
    own = list(norms.values[start:end])
    # A word found in the document but not among the match's own words must occur outside it.
    return any(w not in own for w in found) or any(norms.count(w) > own.count(w) for w in found)


def _phrase_elsewhere(norms: _DocNorms, phrase: tuple[int, ...], start: int, end: int) -> bool:
    """Whether ``phrase`` occurs in the document outside the match ``[start, end)``."""
    if phrase[0] not in norms.present:
        return False
    n = len(phrase)
    values = norms.values
    return any((i + n <= start or i >= end) and tuple(values[i : i + n]) == phrase for i in norms.positions(phrase[0]))


def _drop_contained(found: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    """Drop matches lying strictly inside a longer match ("CCS" inside "CCS-P"); equal spans all stay.

    ``found`` is sorted by start, longest first, so any earlier span reaching at least as far contains this one.
    """
    max_end_before = -1  # furthest end among earlier spans that differ from the current one
    group_span: tuple[int, int] | None = None
    group_max_end = -1
    for start, end, skill_id in found:
        if (start, end) != group_span:
            max_end_before = max(max_end_before, group_max_end)
            group_span, group_max_end = (start, end), end
        if max_end_before >= end:
            continue
        yield start, end, skill_id


def _merge_overlaps(found: Iterable[tuple[int, int, str]]) -> list[RawMatch]:
    """The matches as RawMatches, two overlapping matches of one skill made one ("Excellent presentation" and
    "presentation skills" in "Excellent presentation skills"): a person reads one mention there, not two."""
    merged: list[RawMatch] = []
    last_of: dict[str, int] = {}  # skill id -> index in ``merged`` of its latest match
    for start, end, skill_id in found:
        i = last_of.get(skill_id)
        if i is not None and merged[i].end > start:
            if end > merged[i].end:
                merged[i] = RawMatch(skill_id, merged[i].start, end)
            continue
        last_of[skill_id] = len(merged)
        merged.append(RawMatch(skill_id, start, end))
    return merged


@lru_cache(maxsize=8)
def get_skill_matcher(taxonomy: Taxonomy) -> SkillMatcher:
    """The compiled matcher for ``taxonomy``, built once per taxonomy object in this process."""
    return SkillMatcher(taxonomy, get_nlp())
