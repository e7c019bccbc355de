"""skills-matcher: match HIM resumes and job postings against a skills taxonomy, offline.

The public API is what ``__all__`` lists. Names load lazily so that importing ``matcher`` (and running
``skills-matcher --help``) does not pull in spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "Analysis": "analysis",
    "CredentialRequirement": "analysis",
    "DegreeRequirement": "analysis",
    "Document": "analysis",
    "ExperienceRequirement": "analysis",
    "Mention": "analysis",
    "Requirements": "analysis",
    "Extractor": "extract",
    "extract": "extract",
    "read_document": "readers",
    "read_text": "readers",
    "Skill": "taxonomy",
    "Taxonomy": "taxonomy",
    "load_taxonomy": "taxonomy",
    "validate_taxonomy_files": "taxonomy",
    "FitScorer": "scoring",
    "coverage": "coverage",
    "coverage_summary": "coverage",
    "analyze_postings": "batch",
    "BatchResult": "batch",
    "write_tables": "batch",
    "Fit": "gaps",
    "Gap": "gaps",
    "Match": "gaps",
    "Readiness": "gaps",
    "market_gaps": "scoring",
    "MatcherError": "errors",
    "TaxonomyError": "errors",
    "DocumentError": "errors",
    "OptionError": "errors",
    "NoTextError": "errors",
    "NotFittedError": "errors",
}

__all__ = [*sorted(_EXPORTS), "__version__"]

if TYPE_CHECKING:
    from .analysis import (
        Analysis,
        CredentialRequirement,
        DegreeRequirement,
        Document,
        ExperienceRequirement,
        Mention,
        Requirements,
    )
    from .batch import BatchResult, analyze_postings, write_tables
    from .coverage import coverage, coverage_summary
    from .errors import DocumentError, MatcherError, NoTextError, NotFittedError, OptionError, TaxonomyError
    from .extract import Extractor, extract
    from .gaps import Fit, Gap, Match, Readiness
    from .readers import read_document, read_text
    from .scoring import FitScorer, market_gaps
    from .taxonomy import Skill, Taxonomy, load_taxonomy, validate_taxonomy_files


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'matcher' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
