"""The anchored token-pattern evaluator returns exactly what spaCy's Matcher returns for the same patterns."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher, PhraseMatcher

from matcher.patterns import TokenPatternMatcher
from matcher.pipeline import _normalize_pattern, _posting_word_frequency, get_nlp, make_normalizer

from .conftest import SAMPLE_POSTINGS, SAMPLE_RESUMES


@pytest.fixture(scope="module", params=["anchors by word length", "anchors by word frequency"])
def both(taxonomy, request):
    nlp = get_nlp()
    normalize = make_normalizer()
    phrases = {attr: PhraseMatcher(nlp.vocab, attr=attr) for attr in ("ORTH", "LOWER", "NORM")}
    frequency = _posting_word_frequency(nlp) if request.param.endswith("frequency") else None
    ours = TokenPatternMatcher(nlp.vocab, phrases, frequency=frequency)
    reference = Matcher(nlp.vocab)
    for skill in taxonomy:
        if skill.patterns:
            patterns = [_normalize_pattern(p, normalize) for p in skill.patterns]
            ours.add(skill.id, patterns)
            reference.add(skill.id, patterns)

    def run_ours(doc):
        found, anchors = set(), []
        for matcher in phrases.values():
            if len(matcher):
                for key, start, end in matcher(doc):
                    if key in ours.anchor_keys:
                        anchors.append((key, start))
                    else:
                        found.add((nlp.vocab.strings[key], start, end))
        found.update(ours.evaluate(doc, anchors))
        return found

    def run_reference(doc):
        return {(nlp.vocab.strings[k], s, e) for k, s, e in reference(doc)}

    return nlp, run_ours, run_reference


def test_same_matches_on_every_sample(both):
    nlp, run_ours, run_reference = both
    paths = [*sorted(SAMPLE_POSTINGS.glob("p*.txt")), *sorted(SAMPLE_RESUMES.glob("r*.txt"))]
    for path in paths:
        doc = nlp.make_doc(path.read_text(encoding="utf-8"))
        assert run_ours(doc) == run_reference(doc), path.name


WORDS = [
    "supervise",
    "managed",
    "a",
    "team",
    "of",
    "12",
    "coders",
    "staff",
    "bachelor",
    "'s",
    "degree",
    "in",
    "health",
    "information",
    "management",
    "or",
    "related",
    "field",
    ",",
    "HIM",
    "associate",
    "HIT",
    "modifier",
    "-",
    "25",
    "chart",
    "records",
    "audit",
    "coding",
    "policies",
    "and",
    "procedures",
    ".",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_same_matches_on_random_word_salad(both, words):
    nlp, run_ours, run_reference = both
    doc = nlp.make_doc(" ".join(words))
    assert run_ours(doc) == run_reference(doc)


def test_dropped_tokenizer_rules_keep_every_token():
    """get_nlp drops whitespace and one-character special cases so the tokenizer cache works past line 1; the
    tokens must be exactly those of the same tokenizer with spaCy's full rule set."""
    import spacy

    ours = get_nlp().tokenizer
    full = spacy.blank("en").tokenizer
    full.infix_finditer = ours.infix_finditer
    full.prefix_search = ours.prefix_search
    full.suffix_search = ours.suffix_search
    assert len(ours.rules) < len(full.rules)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SAMPLE_POSTINGS.glob("p0*"))]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SAMPLE_RESUMES.glob("*.txt"))]
    texts.append("Tabs\there,\u00a0nbsp\u2014dash 'quoted' don't  double  space\n\n\r\nend — ’s")
    for text in texts:
        expected = [(t.text, t.idx, t.whitespace_) for t in full(text)]
        assert [(t.text, t.idx, t.whitespace_) for t in ours(text)] == expected


def test_patterns_without_an_exactly_once_anchor_match_like_spacy():
    """User taxonomies may anchor only on repeated tokens ("+", "{1,3}"): those are walked from every start."""
    nlp = get_nlp()
    patterns = {
        "repeat": [
            [{"LOWER": {"IN": ["coding", "audit"]}, "OP": "+"}, {"LOWER": "and", "OP": "?"}, {"IS_PUNCT": True}]
        ],
        "gap": [
            [{"LOWER": {"NOT_IN": [".", ";"]}, "OP": "{1,2}"}, {"LOWER": {"IN": ["staff", "coders"]}, "OP": "{1,3}"}]
        ],
        "regex": [[{"LOWER": {"REGEX": "^bach"}}, {"LOWER": {"IN": ["degree", "in"]}, "OP": "{1,2}"}]],
    }
    phrases = {attr: PhraseMatcher(nlp.vocab, attr=attr) for attr in ("ORTH", "LOWER", "NORM")}
    ours = TokenPatternMatcher(nlp.vocab, phrases)
    reference = Matcher(nlp.vocab)
    for key, pats in patterns.items():
        ours.add(key, pats)
        reference.add(key, pats)
    assert ours._anchored and not any(p.around for p in ours._anchored)
    text = "Coding coding audit and, lead coders staff staff; bachelor degree in HIM. audit . manage coders"
    doc = nlp.make_doc(text)
    anchors = [(k, s) for m in phrases.values() if len(m) for k, s, _ in m(doc) if k in ours.anchor_keys]
    found = set(ours.evaluate(doc, anchors))
    expected = {(nlp.vocab.strings[k], s, e) for k, s, e in reference(doc)}
    assert found == expected and expected


def _first_characters(items: list, fold: bool = True) -> set[str] | None:
    """The characters a match of the parsed expression ``items`` can start with (lowercased if ``fold``, for
    expressions that ignore case); None when any character can."""
    from re import _constants as c

    found: set[str] = set()
    for op, arg in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: the next item decides
        if op is c.LITERAL:
            return found | {chr(arg).lower() if fold else chr(arg)}
        if op is c.IN:
            for kind, value in arg:
                if kind is c.LITERAL:
                    found.add(chr(value).lower() if fold else chr(value))
                elif kind is c.RANGE:
                    found.update(chr(v).lower() if fold else chr(v) for v in range(value[0], value[1] + 1))
                elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                    found.update("0123456789")
                else:
                    return None
            return found
        if op is c.BRANCH:
            for branch in arg[1]:
                first = _first_characters(list(branch), fold)
                if first is None:
                    return None
                found |= first
            return found
        if op is c.SUBPATTERN:
            first = _first_characters(list(arg[-1]), fold)
            if first is None:
                return None
            return found | first
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, _high, item = arg
            first = _first_characters(list(item), fold)
            if first is None:
                return None
            found |= first
            if low >= 1:
                return found
            continue  # optional: what follows may start the match too
        return None
    return found


@pytest.mark.parametrize(
    "name",
    [
        "matcher.requirements._ANY_FIELD_RE",
        "matcher.requirements._CLAUSE_SPLIT_RE",
        "matcher.requirements._DEGREE_RE",
        "matcher.requirements._YEARS_RE",
        "matcher.sections._BOILERPLATE_PARAGRAPH_RE",
    ],
)
def test_first_letter_lookaheads_cover_every_alternative(name):
    """Some expressions open with a lookahead on the first letters their matches can have (it makes scanning faster);
    a letter missing from it would silently lose matches."""
    import importlib
    import re
    from re import _parser

    module, _, attribute = name.rpartition(".")
    expression = getattr(importlib.import_module(module), attribute)
    expression = getattr(expression, "insensitive", expression)  # a CaselessPattern's case-insensitive form
    parsed = list(_parser.parse(expression.pattern, expression.flags))
    assert parsed[0][0] is re._constants.ASSERT, "the expression no longer opens with a lookahead"
    fold = bool(expression.flags & re.IGNORECASE)
    lookahead = _first_characters(list(parsed[0][1][1]), fold)
    needed = _first_characters(parsed[1:], fold)
    assert lookahead is not None and needed is not None
    assert needed <= lookahead, f"first letters missing from the lookahead: {sorted(needed - lookahead)}"


@pytest.mark.parametrize(
    "name",
    [
        "matcher.requirements._YEARS_RE",
        "matcher.requirements.REPORTS_TO_RE",
        "matcher.sections._BOILERPLATE_PARAGRAPH_RE",
    ],
)
def test_caseless_patterns_find_the_same_in_lowercased_text(name):
    """A CaselessPattern scans the lowercased text case-sensitively: that must find exactly what the case-insensitive
    expression finds in the text (it would not if a word of the expression had a capital)."""
    import importlib

    module, _, attribute = name.rpartition(".")
    pattern = getattr(importlib.import_module(module), attribute)
    checked = 0
    for path in [*SAMPLE_POSTINGS.iterdir(), *SAMPLE_RESUMES.iterdir()]:
        if path.suffix not in {".txt", ".md"}:
            continue
        text = path.read_text(encoding="utf-8")
        for variant in (text, text.upper()):
            expected = [m.span() for m in pattern.insensitive.finditer(variant)]
            assert [m.span() for m in pattern.sensitive.finditer(variant.lower())] == expected, path.name
            checked += len(expected)
    assert checked > 5


@pytest.mark.parametrize("name", ["_TITLE_WORD_RE", "_HIM_TITLE_RE"])
def test_lowercase_title_expressions_agree_with_the_case_insensitive_ones(name):
    from matcher import roles

    pattern = getattr(roles, name)
    found = 0
    for path in [*SAMPLE_POSTINGS.iterdir(), *SAMPLE_RESUMES.iterdir()]:
        if path.suffix not in {".txt", ".md"}:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            for variant in (line, line.upper()):
                expected = pattern.insensitive.search(variant) is not None
                assert (pattern.sensitive.search(variant.lower()) is not None) == expected, line
                found += expected
    assert found > 50
