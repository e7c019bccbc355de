"""Trigger words of requirement cues, negation, degrees, years and boilerplate, found in the skill matcher's pass.

The readers of requirements run their regular expressions only on the sentences and lines these words point to;
scanning whole texts with those expressions cost more than tokenizing them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .patterns import TokenColumns

if TYPE_CHECKING:
    from spacy.language import Language

KEYWORDS: dict[str, tuple[str, ...]] = {
    "preferred": (
        "preferred",
        "preferably",
        "prefer",
        "prefers",
        "desired",
        "desirable",
        "a plus",
        "is a plus",
        "nice to have",
        "nice-to-have",
        "bonus",
        "ideally",
        "advantageous",
        "an asset",
        "helpful",
        "beneficial",
        "pref",
        "pref.",
        "pref'd",
        "prefd",
        "strongly encouraged",
        # "RHIT welcome but not required", "Epic experience appreciated": a preference, and not a negation.
        "welcome",
        "welcomed",
        "appreciated",
        "an advantage",
        # "A CCS or CDIP would be a strong addition"
        "strong addition",
        "great addition",
        "nice addition",
        "welcome addition",
    ),
    "required": (
        "required",
        "requires",
        "require",
        "requirement",
        "requirements",
        "must",
        "minimum",
        "mandatory",
        "essential",
        "necessary",
        "req'd",
        "reqd",
        "req",
        "req.",
        "shall",
        "at least",
        "needed",
        "need to",
        "needs to",
        "obtain within",
        "obtained within",
        "of hire",
    ),
    "negation": ("no", "not", "n't"),
    # "Reports to: Director of Revenue Cycle" names the boss, not a skill the job asks for.
    "reports_to": (
        "reports to",
        "reporting to",
        "report to",
        "reports directly to",
        "reports up through",
        "reports into",
    ),
    # "You will receive training on Epic", "Our Analytics team will support you": offered to the hire, not asked.
    "offered": (
        "training provided",
        "be trained",
        "receive training",
        "train you",
        "paid training",
        "we provide",
        "we offer",
        "support you",
        "help you",
        "assist you",
        "teach you",
        "be provided",
        "is provided",
        "are provided",
    ),
    # "Employees complete HIPAA training during orientation": what every new employee does, not a skill asked.
    "onboarding": ("orientation", "onboarding", "hire"),
    "scope": ("scope", "part of this", "part of the", "part of your"),
    # "Our Decision Support team produces the dashboards", "requests are handled by our HIM department": work that
    # others do, not the hire.
    "delegated": (
        "handle",
        "handles",
        "handled",
        "performs",
        "performed",
        "produces",
        "produced",
        "builds",
        "built",
        "owns",
        "owned",
        "covers",
        "covered",
        "takes care of",
        "done by",
    ),
    # The last word of a company's or a building's name: "Meridian Coding & Abstracting Solutions", "the Cerner Family
    # Pavilion" name no skill.
    "proper_name": ("solutions", "pavilion", "inc", "inc.", "llc", "building", "tower", "campus"),
    # "Summit HIM Partners provides outsourced coding and ROI services to 350 hospitals": the employer about itself.
    "employer": (
        "provides",
        "delivers",
        "specializes in",
        "builds",
        "develops",
        "sells",
        "offers",
        "operates",
        "owns",
        "is a",
        "is an",
        "is the",
        "is one",
        "our platform",
        "our product",
        "our software",
        "our solution",
        "our solutions",
        "our customers",
        "our clients",
        "use our",
        "rely on our",
        "trust our",
        "earned",
        "received",
        "won",
        "recognized",
        "recognised",
        "awarded",
        "named",
        "known",
        "join",
    ),
    "degree": (
        "bachelor",
        "bachelors",
        "baccalaureate",
        "master",
        "masters",
        "associate",
        "associates",
        "degree",
        "diploma",
        "ged",
        "phd",
        "ph.d.",
        "ph.d",
        "doctorate",
        "doctoral",
        "mha",
        "mba",
        "mph",
        "msn",
        "bsn",
        "mshi",
        "mshim",
        "msim",
        "mhsa",
        "mhi",
        "mpa",
        "dha",
        "dnp",
        "dba",
        "b.s.",
        "b.a.",
        "m.s.",
        "m.h.a.",
        "m.b.a.",
        "m.p.h.",
        "a.a.s.",
        "aas",
        "a.s.",
        "bs",
        "ba",
        "ms",
        "bshim",
        "bsha",
        "certificate",
        "undergraduate",
        "graduate",
        "college",
        "high school",
        "hs",
        "secondary",
        "four-year",
        "two-year",
    ),
    "years": ("year", "years", "yr", "yrs", "yr.", "yrs."),
    "boilerplate": (
        "equal",
        "regard",
        "regardless",
        "accommodation",
        "accommodations",
        "e-verify",
        "drug",
        "veteran",
        "veterans",
        "affirmative",
        "dental",
        "vision",
        "401",
        "401(k",
        "403",
        "403(b",
        "reimbursement",
        "reimbursed",
        "reimburse",
        "reimburses",
        "paid time off",
        "tuition",
        "privacy policy",
        "privacy notice",
        "enjoy",
        "preference",
        "benefits",
        "diversity",
    ),
}


class KeywordIndex:
    """The keywords of every kind, riding along in another LOWER PhraseMatcher's pass (the skill matcher's, which saves
    a pass over every document): ``offsets`` reads that pass's hits as character offsets by kind."""

    def __init__(self, nlp: Language, *, matcher: Any) -> None:
        """``matcher``: the PhraseMatcher on LOWER to add the keywords to."""
        from spacy.tokens import Doc

        self.kinds: dict[int, str] = {}  # match key -> keyword kind
        for kind, words in KEYWORDS.items():
            self.kinds[nlp.vocab.strings.add(f"keyword:{kind}")] = kind
            # Tokenizer exceptions are case-sensitive ("B.S." is one token, "b.s." two), so a keyword without spaces
            # is one token as written; phrases go through the tokenizer like the documents they must match.
            docs = [nlp.make_doc(w) if " " in w else Doc(nlp.vocab, words=[w]) for w in words]
            matcher.add(f"keyword:{kind}", docs)

    def offsets(self, hits: Iterable[tuple[int, int, int]], columns: TokenColumns) -> dict[str, list[tuple[int, int]]]:
        """Character offsets by kind of the keyword hits among ``hits`` ((match key, start token, end token))."""
        found: dict[str, list[tuple[int, int]]] = {kind: [] for kind in KEYWORDS}
        char_span = columns.char_span
        kinds = self.kinds
        for key, start, end in hits:
            kind = kinds.get(key)
            if kind is not None:
                found[kind].append(char_span(start, end))
        for offsets in found.values():
            offsets.sort()
        return found
