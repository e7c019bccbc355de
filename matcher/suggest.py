"""Grow the taxonomy from documents: phrases the taxonomy does not cover, ranked by keyness and frequency.

Candidates are noun chunks when an English parser package (``en_core_web_sm``) is installed, otherwise token-pattern
chunks: runs of content words (no stop words, punctuation or line breaks) and their 1-4-word n-grams. Words already
inside a taxonomy mention are not candidates. Variants are merged on their lowercase lemmas ("chart audits",
"Chart audit"), then ranked by document frequency times inverse document frequency against a background corpus
(the bundled sample postings by default) and by how unusual the words are in English at large (spaCy's lookup
word probabilities): what these documents say often, the background rarely, and everyday English seldom.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .analysis import Document
from .errors import OptionError
from .taxonomy import CATEGORIES

MAX_NGRAM = 4
_SLUG_RE = re.compile(r"[^a-z0-9]+")


@dataclass
class Suggestion:
    """A candidate skill phrase mined from documents."""

    key: tuple[str, ...]
    phrase: str
    variants: list[str]
    df: int
    documents: int
    background_df: int
    score: float
    category: str
    examples: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def yaml_snippet(self) -> str:
        slug = _SLUG_RE.sub("_", self.phrase.lower()).strip("_")[:40] or "new_skill"
        aliases = ", ".join(_yaml_str(v) for v in self.variants[:5])
        seeds = ", ".join(_yaml_str(s) for s in self.sources[:3])
        return (
            f"  - id: {self.category}.{slug}\n"
            f"    label: {_yaml_str(self.phrase[:1].upper() + self.phrase[1:])}\n"
            "    kind: skill\n"
            "    description: Describe this skill in your own words.\n"
            f"    aliases: [{aliases}]\n"
            "    weights: {director: 1, manager: 1, supervisor: 1, staff: 1}\n"
            "    acquire: Say how a candidate gains it.\n"
            f"    provenance:\n      seeds: [{seeds}]\n"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "phrase": self.phrase,
            "variants": self.variants,
            "df": self.df,
            "documents": self.documents,
            "background_df": self.background_df,
            "score": self.score,
            "category": self.category,
            "examples": self.examples,
            "sources": self.sources,
            "yaml": self.yaml_snippet(),
        }


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@lru_cache(maxsize=1)
def _word_log_probs() -> Any:
    """General-English word log-probabilities from spacy-lookups-data: common words make poor skill names."""
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lexeme_prob"]).get_table("lexeme_prob")


def _rarity(key: tuple[str, ...], surface: str) -> float:
    """How unusual a phrase's words are in general English (about 0.3 for 'the', 1.0 and above for jargon)."""
    table = _word_log_probs()
    words = surface.lower().split() or list(key)
    values = [float(table.get(w, -20.0)) for w in words]
    return max(0.1, -sum(values) / len(values) / 12.0)


def _parser() -> Any | None:
    """spaCy's small English parser when installed (it is optional: the tool never downloads it)."""
    import spacy.util

    if not spacy.util.is_package("en_core_web_sm"):
        return None
    import spacy

    return spacy.load("en_core_web_sm", disable=["ner", "lemmatizer"])


def _candidates(doc: Any, covered: set[int], parsed: Any | None) -> list[tuple[tuple[str, ...], str, int, int]]:
    """(lemma key, surface, start char, end char) for each candidate phrase in a tokenized document."""
    out = []
    if parsed is not None:
        for chunk in parsed.noun_chunks:
            tokens = [t for t in chunk if not t.is_stop and t.is_alpha]
            if tokens and not any(t.idx in covered for t in tokens):
                start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
                out.append((tuple(t.lower_ for t in tokens), parsed.text[start:end], start, end))
        return out
    run: list[Any] = []
    text = doc.text  # Doc.text joins every token anew on each access

    def flush() -> None:
        for n in range(1, MAX_NGRAM + 1):
            for i in range(len(run) - n + 1):
                gram = run[i : i + n]
                if n == 1 and len(gram[0]) < 4:
                    continue  # single short words are rarely skills
                start, end = gram[0].idx, gram[-1].idx + len(gram[-1])
                out.append((tuple(t.norm_ for t in gram), text[start:end], start, end))
        run.clear()

    for token in doc:
        usable = (
            token.is_alpha
            and not token.is_stop
            and len(token) >= 2
            and token.idx not in covered
            and "\n" not in token.whitespace_
        )
        if usable:
            run.append(token)
            continue
        flush()
    flush()
    return out


def suggest(
    documents: Sequence[Document],
    *,
    extractor: Any,
    background: Sequence[str],
    min_df: int = 2,
    top: int = 30,
) -> list[Suggestion]:
    """Candidate skills in ``documents`` that the taxonomy does not cover, best first."""
    if min_df < 1:
        raise OptionError(f"min_df is {min_df}; it must be at least 1")
    if top < 1:
        raise OptionError(f"top is {top}; it must be at least 1")
    if not documents:
        raise OptionError("suggest needs at least one document")
    nlp = extractor.nlp
    parser = _parser()
    df: Counter[tuple[str, ...]] = Counter()
    surfaces: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, ...], list[str]] = defaultdict(list)
    sources: dict[tuple[str, ...], list[str]] = defaultdict(list)
    categories: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for document in documents:
        analysis = extractor.extract(document)
        doc = nlp.make_doc(document.text)
        covered = {
            token.idx for m in analysis.mentions for token in doc.char_span(m.start, m.end, alignment_mode="expand")
        }
        parsed = parser(document.text) if parser is not None else None
        seen: set[tuple[str, ...]] = set()
        for key, surface, start, end in _candidates(doc, covered, parsed):
            surfaces[key][surface.lower()] += 1
            if key in seen:
                continue
            seen.add(key)
            df[key] += 1
            sources[key].append(document.source)
            if len(examples[key]) < 2:
                lo, hi = max(0, start - 60), min(len(document.text), end + 60)
                examples[key].append(" ".join(document.text[lo:hi].split()))
            near = [m.category for m in analysis.mentions if abs(m.start - start) < 200]
            categories[key].update(near)
    background_df: Counter[tuple[str, ...]] = Counter()
    for text in background:
        doc = nlp.make_doc(text)
        background_df.update({key for key, _, _, _ in _candidates(doc, set(), None)})
    n_docs, n_background = len(documents), max(len(background), 1)
    results = []
    for key, count in df.items():
        if count < min_df:
            continue
        idf = math.log((n_background + 1) / (background_df[key] + 1)) + 1.0
        phrase = surfaces[key].most_common(1)[0][0]
        # Keyness against the background corpus, times how unusual the words are in English at large; multi-word
        # terms are likelier to be skills than single words.
        score = (count / n_docs) * idf * _rarity(key, phrase) * (0.5 if len(key) == 1 else 1.0 + 0.25 * (len(key) - 2))
        category = categories[key].most_common(1)[0][0] if categories[key] else "records_operations"
        results.append(
            Suggestion(
                key=key,
                phrase=phrase,
                variants=[s for s, _ in surfaces[key].most_common()],
                df=count,
                documents=n_docs,
                background_df=background_df[key],
                score=round(score, 4),
                category=category if category in CATEGORIES else "records_operations",
                examples=examples[key],
                sources=sources[key],
            )
        )
    # A phrase that only ever appears inside a longer candidate with the same frequency is part of that term.
    by_key = {r.key: r for r in results}
    subsumed: set[tuple[str, ...]] = set()
    for r in results:
        for n in range(1, len(r.key)):
            for i in range(len(r.key) - n + 1):
                part = r.key[i : i + n]
                if part in by_key and by_key[part].df == r.df:
                    subsumed.add(part)
    kept = [r for r in results if r.key not in subsumed]
    kept.sort(key=lambda r: (-r.score, -r.df, r.phrase))
    return kept[:top]
