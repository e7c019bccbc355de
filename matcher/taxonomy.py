"""The skills taxonomy: the Skill model, loading and validating the YAML, and user overrides.

The shipped files live in the ``skills_taxonomy`` package and are read through ``importlib.resources``, once per
process. A user file (``--taxonomy PATH``) has the same shape; its skills replace shipped ones with the same id
and its ``remove:`` list drops shipped ones. Validation happens on load and every error names the file and skill.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import TaxonomyError

CATEGORIES: tuple[str, ...] = (
    "credentials",
    "education",
    "coding",
    "ehr_software",
    "privacy_compliance",
    "data_analytics",
    "revenue_cycle",
    "records_operations",
    "leadership",
    "soft_skills",
)
KINDS: tuple[str, ...] = ("credential", "degree", "knowledge", "skill", "tool", "soft_skill")
ROLE_LEVELS: tuple[str, ...] = ("director", "manager", "supervisor", "staff")
PROVENANCE_KEYS: tuple[str, ...] = ("seeds", "onet", "esco", "exams")
_SKILL_KEYS = frozenset(
    {
        "id",
        "label",
        "kind",
        "description",
        "aliases",
        "acronyms",
        "patterns",
        "context",
        "weights",
        "related",
        "acquire",
        "provenance",
        "category",
        "out_of_scope",
        "guarded",
    }
)
_GUARDED_KEYS = frozenset({"aliases", "acronyms", "patterns", "context"})
_CONTEXT_KEYS = frozenset({"window", "any", "none", "not_followed_by"})
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class SkillContext:
    """Conditions an ambiguous term must meet in its surroundings before it counts as a mention."""

    window: int = 0
    any: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    not_followed_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GuardedTerms:
    """Wordings of a skill that count only in a context of their own ("custodian of records" only where the hire
    acts as custodian), while the skill's other aliases keep theirs."""

    context: SkillContext
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Skill:
    """One taxonomy entry, identified by a stable id such as ``credentials.rhia``."""

    id: str
    label: str
    category: str
    kind: str
    description: str
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()
    context: SkillContext | None = None
    guarded: tuple[GuardedTerms, ...] = ()
    weights: Mapping[str, int] = field(default_factory=dict)
    related: tuple[str, ...] = ()
    acquire: str = ""
    provenance: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = ""

    def weight(self, role_level: str) -> int:
        """Importance 0-3 of this skill for postings of ``role_level`` (``outside`` uses the staff weight)."""
        return int(self.weights.get(role_level, self.weights.get("staff", 1)))


class Taxonomy:
    """An ordered, validated collection of skills, looked up by id."""

    def __init__(self, skills: Iterable[Skill], *, sources: Sequence[str] = ()) -> None:
        self._skills: dict[str, Skill] = {skill.id: skill for skill in skills}
        self.sources: tuple[str, ...] = tuple(sources)

    def __len__(self) -> int:
        return len(self._skills)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._skills.values())

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self._skills

    def __getitem__(self, skill_id: str) -> Skill:
        return self._skills[skill_id]

    def get(self, skill_id: str) -> Skill | None:
        return self._skills.get(skill_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._skills)

    def by_category(self, category: str) -> list[Skill]:
        return [skill for skill in self._skills.values() if skill.category == category]


def _as_str_tuple(value: Any, *, what: str, source: str, skill_id: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise TaxonomyError(f"'{what}' must be a list of strings", source=source, skill_id=skill_id)
    out = tuple(str(v).strip() for v in value)
    if any(not v for v in out):
        raise TaxonomyError(f"'{what}' contains an empty string", source=source, skill_id=skill_id)
    return out


def _check_keys(mapping: Mapping[str, Any], valid: Iterable[str], *, what: str, source: str, skill_id: str) -> None:
    unknown = set(mapping) - set(valid)
    if unknown:
        raise TaxonomyError(
            f"unknown key(s) {sorted(unknown)} in {what}; valid: {sorted(valid)}", source=source, skill_id=skill_id
        )


def _parse_context(value: Any, *, source: str, skill_id: str) -> SkillContext | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise TaxonomyError("'context' must be a mapping", source=source, skill_id=skill_id)
    _check_keys(value, _CONTEXT_KEYS, what="context", source=source, skill_id=skill_id)
    window = value.get("window", 0)
    if not isinstance(window, int) or window < 0:
        raise TaxonomyError("context 'window' must be an integer >= 0", source=source, skill_id=skill_id)
    return SkillContext(
        window=window,
        any=tuple(
            w.lower() for w in _as_str_tuple(value.get("any"), what="context.any", source=source, skill_id=skill_id)
        ),
        none=tuple(
            w.lower() for w in _as_str_tuple(value.get("none"), what="context.none", source=source, skill_id=skill_id)
        ),
        not_followed_by=tuple(
            w.lower()
            for w in _as_str_tuple(
                value.get("not_followed_by"), what="context.not_followed_by", source=source, skill_id=skill_id
            )
        ),
    )


def _parse_guarded(value: Any, *, source: str, skill_id: str) -> tuple[GuardedTerms, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise TaxonomyError(
            "'guarded' must be a list of mappings with 'context' and aliases, acronyms or patterns",
            source=source,
            skill_id=skill_id,
        )
    groups = []
    for i, raw in enumerate(value):
        if not isinstance(raw, dict):
            raise TaxonomyError(f"guarded entry {i} must be a mapping", source=source, skill_id=skill_id)
        _check_keys(raw, _GUARDED_KEYS, what=f"guarded entry {i}", source=source, skill_id=skill_id)
        context = _parse_context(raw.get("context"), source=source, skill_id=skill_id)
        if context is None:
            raise TaxonomyError(
                f"guarded entry {i} needs a 'context' (without one, list its terms under the skill itself)",
                source=source,
                skill_id=skill_id,
            )
        group = GuardedTerms(
            context=context,
            aliases=_as_str_tuple(raw.get("aliases"), what=f"guarded[{i}].aliases", source=source, skill_id=skill_id),
            acronyms=_as_str_tuple(
                raw.get("acronyms"), what=f"guarded[{i}].acronyms", source=source, skill_id=skill_id
            ),
            patterns=_parse_patterns(raw.get("patterns"), source=source, skill_id=skill_id),
        )
        if not (group.aliases or group.acronyms or group.patterns):
            raise TaxonomyError(
                f"guarded entry {i} needs at least one of 'aliases', 'acronyms' or 'patterns'",
                source=source,
                skill_id=skill_id,
            )
        groups.append(group)
    return tuple(groups)


def _parse_patterns(value: Any, *, source: str, skill_id: str) -> tuple[tuple[dict[str, Any], ...], ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise TaxonomyError("'patterns' must be a list of token patterns", source=source, skill_id=skill_id)
    patterns = []
    for i, pattern in enumerate(value):
        if not isinstance(pattern, list) or not pattern or not all(isinstance(tok, dict) for tok in pattern):
            raise TaxonomyError(
                f"pattern {i} must be a non-empty list of token mappings such as {{NORM: code}}",
                source=source,
                skill_id=skill_id,
            )
        patterns.append(tuple(dict(tok) for tok in pattern))
    return tuple(patterns)


def _parse_weights(value: Any, *, source: str, skill_id: str) -> dict[str, int]:
    if not isinstance(value, dict):
        raise TaxonomyError(
            f"'weights' must map each of {list(ROLE_LEVELS)} to an integer 0-3", source=source, skill_id=skill_id
        )
    unknown = set(value) - set(ROLE_LEVELS)
    missing = set(ROLE_LEVELS) - set(value)
    if unknown or missing:
        raise TaxonomyError(
            f"'weights' keys must be exactly {list(ROLE_LEVELS)} "
            f"(unknown: {sorted(unknown)}, missing: {sorted(missing)})",
            source=source,
            skill_id=skill_id,
        )
    for level, w in value.items():
        if not isinstance(w, int) or isinstance(w, bool) or not 0 <= w <= 3:
            raise TaxonomyError(
                f"weight for '{level}' is {w!r}; valid weights are integers 0-3", source=source, skill_id=skill_id
            )
    return {level: int(value[level]) for level in ROLE_LEVELS}


def _parse_provenance(value: Any, *, source: str, skill_id: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise TaxonomyError(
            f"'provenance' must be a mapping with keys from {list(PROVENANCE_KEYS)}", source=source, skill_id=skill_id
        )
    _check_keys(value, PROVENANCE_KEYS, what="provenance", source=source, skill_id=skill_id)
    out = {
        key: _as_str_tuple(value.get(key), what=f"provenance.{key}", source=source, skill_id=skill_id)
        for key in PROVENANCE_KEYS
        if value.get(key)
    }
    if not any(out.values()):
        raise TaxonomyError(
            "provenance is empty; cite a seed document, O*NET, ESCO or an exam domain", source=source, skill_id=skill_id
        )
    return out


def parse_skill(raw: Any, *, category: str | None, source: str) -> Skill:
    """Validate one raw YAML mapping and build a Skill; raise TaxonomyError naming the file and id."""
    if not isinstance(raw, dict):
        raise TaxonomyError("every entry under 'skills' must be a mapping", source=source)
    skill_id = raw.get("id")
    if not isinstance(skill_id, str) or not _ID_RE.match(skill_id):
        raise TaxonomyError(
            f"id {skill_id!r} is not valid; ids look like '<category>.<slug>' in lowercase a-z, 0-9 and _",
            source=source,
            skill_id=str(skill_id),
        )
    _check_keys(raw, _SKILL_KEYS, what="the skill", source=source, skill_id=skill_id)
    skill_category = raw.get("category", category)
    if skill_category not in CATEGORIES:
        raise TaxonomyError(
            f"category {skill_category!r} is not one of {list(CATEGORIES)}", source=source, skill_id=skill_id
        )
    if skill_id.split(".", 1)[0] != skill_category:
        raise TaxonomyError(
            f"id prefix must be the category '{skill_category}' (e.g. '{skill_category}.{skill_id.split('.', 1)[1]}')",
            source=source,
            skill_id=skill_id,
        )
    kind = raw.get("kind", "skill")
    if kind not in KINDS:
        raise TaxonomyError(f"kind {kind!r} is not one of {list(KINDS)}", source=source, skill_id=skill_id)
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise TaxonomyError("'label' is required and must be a non-empty string", source=source, skill_id=skill_id)
    aliases = _as_str_tuple(raw.get("aliases"), what="aliases", source=source, skill_id=skill_id)
    acronyms = _as_str_tuple(raw.get("acronyms"), what="acronyms", source=source, skill_id=skill_id)
    patterns = _parse_patterns(raw.get("patterns"), source=source, skill_id=skill_id)
    guarded = _parse_guarded(raw.get("guarded"), source=source, skill_id=skill_id)
    if not (aliases or acronyms or patterns or guarded):
        raise TaxonomyError(
            "a skill needs at least one of 'aliases', 'acronyms', 'patterns' or 'guarded' to be found in text",
            source=source,
            skill_id=skill_id,
        )
    return Skill(
        id=skill_id,
        label=label.strip(),
        category=skill_category,
        kind=kind,
        description=str(raw.get("description", "")).strip(),
        aliases=aliases,
        acronyms=acronyms,
        patterns=patterns,
        context=_parse_context(raw.get("context"), source=source, skill_id=skill_id),
        guarded=guarded,
        weights=_parse_weights(raw.get("weights"), source=source, skill_id=skill_id),
        related=_as_str_tuple(raw.get("related"), what="related", source=source, skill_id=skill_id),
        acquire=str(raw.get("acquire", "")).strip(),
        provenance=_parse_provenance(raw.get("provenance"), source=source, skill_id=skill_id),
        source=source,
    )


def _parse_file(text: str, *, source: str) -> tuple[list[Skill], list[str]]:
    try:
        loaded = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as err:
        raise TaxonomyError(f"is not valid YAML: {err}", source=source) from err
    if not isinstance(loaded, dict):
        raise TaxonomyError("must be a mapping with 'skills:' (and optionally 'category:', 'remove:')", source=source)
    unknown = set(loaded) - {"category", "skills", "remove"}
    if unknown:
        raise TaxonomyError(
            f"unknown top-level key(s) {sorted(unknown)}; valid: category, skills, remove", source=source
        )
    category = loaded.get("category")
    raw_skills = loaded.get("skills") or []
    if not isinstance(raw_skills, list):
        raise TaxonomyError("'skills' must be a list", source=source)
    skills = [parse_skill(raw, category=category, source=source) for raw in raw_skills]
    seen: set[str] = set()
    for skill in skills:
        if skill.id in seen:
            raise TaxonomyError("duplicate id in this file", source=source, skill_id=skill.id)
        seen.add(skill.id)
    remove = _as_str_tuple(loaded.get("remove"), what="remove", source=source, skill_id="(remove)")
    return skills, list(remove)


def _check_patterns(skills: Iterable[Skill]) -> None:
    """Compile every token pattern once so a bad pattern fails on load with its skill named."""
    skills = list(skills)
    if not any(skill.patterns or any(g.patterns for g in skill.guarded) for skill in skills):
        return
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    matcher = Matcher(Vocab())
    for skill in skills:
        patterns = [*skill.patterns, *(p for group in skill.guarded for p in group.patterns)]
        for i, pattern in enumerate(patterns):
            try:
                matcher.add(f"{skill.id}#{i}", [list(pattern)])
            except Exception as err:  # spaCy raises ValueError/MatchPatternError with a long schema dump
                first_line = str(err).strip().splitlines()[0][:300]
                raise TaxonomyError(
                    f"pattern {i} does not compile as a spaCy Matcher pattern: {first_line}",
                    source=skill.source,
                    skill_id=skill.id,
                ) from err


def _check_references(skills: Mapping[str, Skill]) -> None:
    for skill in skills.values():
        for ref in skill.related:
            if ref not in skills:
                raise TaxonomyError(
                    f"'related' names '{ref}', which is not a skill id in the taxonomy",
                    source=skill.source,
                    skill_id=skill.id,
                )


def _shipped_files() -> list[tuple[str, str]]:
    root = resources.files("skills_taxonomy").joinpath("skills")
    files = sorted((entry for entry in root.iterdir() if entry.name.endswith((".yaml", ".yml"))), key=lambda e: e.name)
    return [(f"skills_taxonomy/skills/{entry.name}", entry.read_text(encoding="utf-8")) for entry in files]


def _read_user_file(path: Path) -> list[tuple[str, str]]:
    if path.is_dir():
        files = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        if not files:
            raise TaxonomyError("is a directory without any .yaml files", source=str(path))
        return [item for f in files for item in _read_user_file(f)]
    if not path.exists():
        raise TaxonomyError("does not exist; give a YAML file or a directory of them", source=str(path))
    try:
        return [(str(path), path.read_text(encoding="utf-8"))]
    except UnicodeDecodeError as err:
        raise TaxonomyError("is not UTF-8 text", source=str(path)) from err


def build_taxonomy(files: Sequence[tuple[str, str]], *, check_patterns: bool = True) -> Taxonomy:
    """Build a validated Taxonomy from (source name, YAML text) pairs, later files overriding earlier ones."""
    merged: dict[str, Skill] = {}
    removed: set[str] = set()
    for source, text in files:
        skills, remove = _parse_file(text, source=source)
        for skill_id in remove:
            if skill_id not in merged:
                raise TaxonomyError(f"'remove' names '{skill_id}', which no earlier file defines", source=source)
            del merged[skill_id]
            removed.add(skill_id)
        for skill in skills:
            merged[skill.id] = skill
            removed.discard(skill.id)
    if removed:
        # A skill the user removed disappears from other skills' "related" lists too.
        for skill_id, skill in list(merged.items()):
            if removed.intersection(skill.related):
                merged[skill_id] = replace(skill, related=tuple(r for r in skill.related if r not in removed))
    _check_references(merged)
    if check_patterns:
        _check_patterns(merged.values())
    return Taxonomy(merged.values(), sources=[source for source, _ in files])


@lru_cache(maxsize=8)
def _load_cached(user_paths: tuple[str, ...], include_shipped: bool) -> Taxonomy:
    files: list[tuple[str, str]] = _shipped_files() if include_shipped else []
    for p in user_paths:
        files.extend(_read_user_file(Path(p)))
    return build_taxonomy(files)


def load_taxonomy(*, paths: Sequence[str | Path] = (), include_shipped: bool = True) -> Taxonomy:
    """Load the shipped taxonomy, then each user file or directory in ``paths`` on top (cached per process)."""
    return _load_cached(tuple(str(Path(p)) for p in paths), include_shipped)


def validate_taxonomy_files(*, paths: Sequence[str | Path] = ()) -> Taxonomy:
    """Validate the shipped taxonomy plus ``paths`` without the cache; raise TaxonomyError on the first fault."""
    files = _shipped_files()
    for p in paths:
        files.extend(_read_user_file(Path(p)))
    return build_taxonomy(files)
