"""The fit score and gap report: one formula, weights from ``skills_taxonomy/scoring.yaml``.

``FitScorer`` follows scikit-learn's shape: ``fit`` on posting analyses (validates them, learns the TF-IDF model
and what postings of each level demand, into attributes ending in ``_``), then ``score(resume=..., posting=...)``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml

from .analysis import DEGREE_LEVELS, Analysis, Mention
from .errors import NotFittedError, OptionError
from .gaps import Component, Evidence, Fit, Gap, Match, Readiness
from .requirements import ALTERNATIVE_GAP_RE, credential_pending
from .roles import ROLE_LEVEL_ORDER
from .taxonomy import Taxonomy, load_taxonomy
from .textindex import TextIndex

HIM_FIELDS = frozenset({"health information management", "health information technology", "health informatics"})
COMPONENTS: tuple[str, ...] = (
    "required_skills",
    "preferred_skills",
    "credentials",
    "education",
    "experience",
    "similarity",
    "role_fit",
)
_REQUIREMENT_RANK = {"required": 2, None: 1, "preferred": 0}
LEVELS_FOR_READINESS: tuple[str, ...] = ("supervisor", "manager", "director")


@lru_cache(maxsize=4)
def load_weights(path: str | None = None) -> dict[str, Any]:
    """The scoring weights: the shipped ``scoring.yaml`` or a user file of the same shape."""
    if path is None:
        text = resources.files("skills_taxonomy").joinpath("scoring.yaml").read_text(encoding="utf-8")
        source = "skills_taxonomy/scoring.yaml"
    else:
        source = path
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as err:
            raise OptionError(f"{path}: cannot read the scoring weights ({err.strerror})") from err
    weights = yaml.safe_load(text)
    if not isinstance(weights, dict) or not isinstance(weights.get("components"), dict):
        raise OptionError(f"{source}: scoring weights need a 'components' mapping")
    expected = set(COMPONENTS)
    if set(weights["components"]) != expected:
        raise OptionError(f"{source}: 'components' must name exactly {sorted(expected)}")
    return weights


@dataclass(frozen=True, slots=True)
class _Asked:
    """A skill a posting asks for, with its strongest requirement status and first mention."""

    skill_id: str
    requirement: str | None
    mention: Mention


def _asked_skills(posting: Analysis) -> list[_Asked]:
    best: dict[str, _Asked] = {}
    for mention in posting.mentions:
        current = best.get(mention.skill_id)
        if current is None or _REQUIREMENT_RANK[mention.requirement] > _REQUIREMENT_RANK[current.requirement]:
            best[mention.skill_id] = _Asked(mention.skill_id, mention.requirement, mention)
    return list(best.values())


_DEGREE_LABELS = {
    "high_school": "high school diploma or GED",
    "certificate": "certificate programme",
    "associate": "associate degree",
    "bachelor": "bachelor's degree",
    "master": "master's degree",
    "doctorate": "doctorate",
}

# Categories whose lists are often alternatives ("Epic, Cerner or MEDITECH"), and the words that make a list either-or.
_ALTERNATIVE_CATEGORIES = frozenset({"ehr_software"})
_OR_RE = re.compile(r"\bor\b|/", re.IGNORECASE)


def _alternative_groups(posting: Analysis) -> dict[tuple[str, int], tuple[str, ...]]:
    """(skill id, mention start) -> the skills offered as alternatives in that list: "athenaOne, eClinicalWorks or
    NextGen", "Epic/Cerner". A list joined only by commas or "and" asks for all of its items."""
    mentions = sorted((m for m in posting.mentions if m.category in _ALTERNATIVE_CATEGORIES), key=lambda m: m.start)
    groups: list[tuple[list[Mention], bool]] = []
    for mention in mentions:
        if groups:
            members, has_or = groups[-1]
            gap = posting.text[members[-1].end : mention.start]
            if len(gap) <= 12 and ALTERNATIVE_GAP_RE.match(gap):
                members.append(mention)
                groups[-1] = (members, has_or or bool(_OR_RE.search(gap)))
                continue
        groups.append(([mention], False))
    out: dict[tuple[str, int], tuple[str, ...]] = {}
    for members, has_or in groups:
        ids = tuple(dict.fromkeys(m.skill_id for m in members))
        if has_or and len(ids) > 1:
            for m in members:
                out[(m.skill_id, m.start)] = ids
    return out


_TEXT_INDEXES: dict[int, tuple[Analysis, TextIndex]] = {}


def _text_index(analysis: Analysis) -> TextIndex:
    # Sentence boundaries are computed once per analysed document, however many quotes it gives.
    entry = _TEXT_INDEXES.get(id(analysis))
    if entry is None or entry[0] is not analysis:
        if len(_TEXT_INDEXES) > 4096:
            _TEXT_INDEXES.clear()
        entry = (analysis, TextIndex(analysis.text))
        _TEXT_INDEXES[id(analysis)] = entry
    return entry[1]


def _quote(analysis: Analysis, start: int, end: int, section: str) -> Evidence:
    index = _text_index(analysis)
    text = analysis.text
    s_start, s_end = index.sentence(start, end)
    if s_end - s_start > 240:  # keep the mention in view when sentences run long, cut at word boundaries
        lo, hi = max(s_start, start - 100), min(s_end, end + 100)
        if lo > s_start:
            space = text.find(" ", lo, start)
            lo = space + 1 if space != -1 else lo
        if hi < s_end:
            space = text.rfind(" ", end, hi)
            hi = space if space != -1 else hi
        s_start, s_end = lo, hi
    while s_start < start and text[s_start].isspace():
        s_start += 1
    while s_end > end and text[s_end - 1].isspace():
        s_end -= 1
    return Evidence(text=text[s_start:s_end], section=section, start=start - s_start, end=end - s_start)


class FitScorer:
    """Scores resumes against postings and reports gaps; fit it on the postings first.

    Parameters are hyper-parameters only (scikit-learn style); everything learned from postings lives in
    attributes ending in ``_``.
    """

    def __init__(self, *, taxonomy: Taxonomy | None = None, weights: str | Path | None = None) -> None:
        self.taxonomy = taxonomy
        self.weights = weights

    # ----------------------------------------------------------------------------------------------------- fit
    def fit(self, postings: Sequence[Analysis]) -> FitScorer:
        """Learn the TF-IDF vocabulary and each level's demand from posting analyses."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        postings = list(postings)
        if not postings:
            raise OptionError("fit needs at least one posting analysis")
        for p in postings:
            if not isinstance(p, Analysis):
                raise OptionError(f"fit expects Analysis objects, got {type(p).__name__}")
            if p.kind != "posting":
                raise OptionError(f"{p.source}: fit expects postings; this document was read as a {p.kind}")
        self.taxonomy_ = self.taxonomy if self.taxonomy is not None else load_taxonomy()
        self.weights_ = load_weights(None if self.weights is None else str(self.weights))
        # Words in nearly every posting say nothing about fit; with few postings every word would be dropped.
        max_df = 0.95 if len(postings) >= 20 else 1.0
        self.vectorizer_ = TfidfVectorizer(
            sublinear_tf=True, stop_words="english", ngram_range=(1, 2), min_df=1, max_df=max_df, dtype=np.float64
        )
        self.posting_matrix_ = self.vectorizer_.fit_transform([p.text for p in postings])
        self.postings_ = postings
        self.posting_index_ = {id(p): i for i, p in enumerate(postings)}
        demand: dict[str, Counter[str]] = defaultdict(Counter)
        counts: Counter[str] = Counter()
        for p in postings:
            counts[p.role_level] += 1
            for skill_id in p.skill_ids:
                demand[p.role_level][skill_id] += 1
        self.level_counts_ = dict(counts)
        self.demand_ = {level: dict(c) for level, c in demand.items()}
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "vectorizer_"):
            raise NotFittedError("this FitScorer is not fitted yet; call fit(postings) first")

    # ------------------------------------------------------------------------------------------------- scoring
    def similarities(self, resume: Analysis, postings: Sequence[Analysis]) -> list[float]:
        """TF-IDF cosine of the resume with each posting (vectors are L2-normalised, so a dot product)."""
        self._check_fitted()
        resume_vector = self.vectorizer_.transform([resume.text])
        rows = [self.posting_index_.get(id(p)) for p in postings]
        out: list[float] = []
        known = [r for r in rows if r is not None]
        known_scores = (self.posting_matrix_[known] @ resume_vector.T).toarray().ravel().tolist() if known else []
        unknown = [p for p, r in zip(postings, rows, strict=True) if r is None]
        unknown_scores = (
            (self.vectorizer_.transform([p.text for p in unknown]) @ resume_vector.T).toarray().ravel().tolist()
            if unknown
            else []
        )
        k = u = 0
        for r in rows:
            if r is not None:
                out.append(known_scores[k])
                k += 1
            else:
                out.append(unknown_scores[u])
                u += 1
        return out

    def score(self, *, resume: Analysis, posting: Analysis, similarity: float | None = None) -> Fit:
        """Score one resume against one posting, with components, matches and gaps."""
        self._check_fitted()
        if resume.kind != "resume":
            raise OptionError(f"{resume.source}: expected a resume analysis, got a {resume.kind}")
        if posting.kind != "posting":
            raise OptionError(f"{posting.source}: expected a posting analysis, got a {posting.kind}")
        if not resume.text.strip():
            return self._no_text(posting)
        if similarity is None:
            similarity = self.similarities(resume, [posting])[0]
        return _FitBuilder(self, resume, posting, similarity).build()

    def rank(self, *, resume: Analysis, postings: Sequence[Analysis] | None = None) -> list[Fit]:
        """Score a resume against postings (default: the fitted ones), best first."""
        self._check_fitted()
        postings = list(self.postings_ if postings is None else postings)
        if not resume.text.strip():
            return [self._no_text(p) for p in postings]
        sims = self.similarities(resume, postings)
        fits = [_FitBuilder(self, resume, p, s).build() for p, s in zip(postings, sims, strict=True)]
        return sorted(fits, key=lambda f: (-f.score, f.posting))

    def readiness(self, *, resume: Analysis, fits: Sequence[Fit] | None = None) -> dict[str, Readiness]:
        """Readiness for supervisor, manager and director roles over the fitted postings of each level."""
        self._check_fitted()
        if fits is None:
            fits = self.rank(resume=resume)
        thresholds = self.weights_["readiness"]
        by_level: dict[str, list[Fit]] = defaultdict(list)
        for fit in fits:
            by_level[fit.role_level].append(fit)
        out: dict[str, Readiness] = {}
        for level in LEVELS_FOR_READINESS:
            level_fits = by_level.get(level, [])
            if not level_fits:
                out[level] = Readiness(level=level, postings=0, score=0.0, status="no postings")
                continue
            mean = round(sum(f.score for f in level_fits) / len(level_fits), 1)
            status: Literal["ready", "close", "developing"] = "developing"
            if mean >= thresholds["ready"]:
                status = "ready"
            elif mean >= thresholds["close"]:
                status = "close"
            gap_counts: Counter[str] = Counter()
            labels: dict[str, str] = {}
            for fit in level_fits:
                for gap in fit.missing:
                    if gap.requirement != "preferred":
                        gap_counts[gap.key] += 1
                        labels[gap.key] = gap.label
            top = tuple(
                (key, labels[key], round(n / len(level_fits), 2))
                for key, n in gap_counts.most_common(int(thresholds["top_gaps"]))
            )
            out[level] = Readiness(level=level, postings=len(level_fits), score=mean, status=status, top_gaps=top)
        return out

    def _no_text(self, posting: Analysis) -> Fit:
        return Fit(
            posting=posting.source,
            title=posting.title,
            role_level=posting.role_level,
            score=0.0,
            components=(),
            matched=(),
            missing=(),
            flags=("resume has no usable text: nothing was scored",),
            status="no_text",
        )


def market_gaps(fits: Sequence[Fit]) -> list[dict[str, Any]]:
    """Gaps across postings, most demanded first: how many postings ask for each missing item."""
    counts: Counter[str] = Counter()
    info: dict[str, Gap] = {}
    required: Counter[str] = Counter()
    years_asked: dict[str, set[float]] = {}
    for fit in fits:
        for gap in fit.missing:
            counts[gap.key] += 1
            required[gap.key] += gap.requirement == "required"
            if gap.key not in info or gap.importance > info[gap.key].importance:
                info[gap.key] = gap
            years = _YEARS_LABEL_RE.match(gap.label) if gap.kind == "experience" else None
            if years is not None:
                years_asked.setdefault(gap.key, set()).add(float(years.group("years")))
    labels = {key: info[key].label for key in info}
    for key, asked in years_asked.items():
        # postings ask different numbers of years: one posting's "4 years of experience" would misstate the others
        if len(asked) > 1:
            what = "supervisory experience" if key == "years:supervisory" else "experience"
            labels[key] = f"Years of {what} ({min(asked):g}-{max(asked):g} asked)"
    return [
        {
            "key": key,
            "label": labels[key],
            "kind": info[key].kind,
            "postings": n,
            "required_in": required[key],
            "action": info[key].action,
            "advice": info[key].advice,
        }
        for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], -required[kv[0]], kv[0]))
    ]


class _FitBuilder:
    """Computes one Fit; every rule of the formula is in this class, every weight in scoring.yaml."""

    def __init__(self, scorer: FitScorer, resume: Analysis, posting: Analysis, similarity: float) -> None:
        self.scorer = scorer
        self.taxonomy = scorer.taxonomy_
        self.w = scorer.weights_
        self.resume = resume
        self.posting = posting
        self.similarity = similarity
        self.level = posting.role_level if posting.role_level != "outside" else "staff"
        self.resume_best, self.resume_pending = self._best_resume_mentions()
        self.alternatives = _alternative_groups(posting)

    def _best_resume_mentions(self) -> tuple[dict[str, tuple[float, Mention]], dict[str, Mention]]:
        """The resume's strongest mention of each skill with its evidence strength, and the credentials it shows only
        as not yet earned."""
        evidence = self.w["evidence"]
        credential_evidence = self.w["credential_evidence"]
        pending_credit = float(self.w["credential_groups"]["pending_credit"])
        best: dict[str, tuple[float, Mention]] = {}
        pending: dict[str, Mention] = {}
        for m in self.resume.mentions:
            table = credential_evidence if m.category in ("credentials", "education") else evidence
            strength = float(table.get(m.section, 0.5))
            if m.category == "credentials" and credential_pending(self.resume.text, m.start, m.end):
                pending.setdefault(m.skill_id, m)
                strength = min(strength, pending_credit)
            if m.skill_id not in best or strength > best[m.skill_id][0]:
                best[m.skill_id] = (strength, m)
        # A credential counts as pending only where the resume never claims it outright.
        return best, {sid: m for sid, m in pending.items() if best[sid][0] <= pending_credit}

    def _importance(self, skill_id: str, requirement: str | None) -> float:
        skill = self.taxonomy.get(skill_id)
        base = max(float(skill.weight(self.level)) if skill else 1.0, self.w["importance_floor"])
        factor = self.w["requirement_factor"]["unspecified" if requirement is None else requirement]
        return base * float(factor)

    def _strength(self, skill_id: str) -> tuple[float, Mention | None, str | None]:
        """How well the resume shows a skill: (strength, resume mention, related skill used)."""
        if skill_id in self.resume_best:
            strength, mention = self.resume_best[skill_id]
            return strength, mention, None
        skill = self.taxonomy.get(skill_id)
        best: tuple[float, Mention | None, str | None] = (0.0, None, None)
        if skill is not None:
            for related in skill.related:
                if related in self.resume_best:
                    strength, mention = self.resume_best[related]
                    credit = self.w["related_credit"] * strength
                    if credit > best[0]:
                        best = (credit, mention, related)
        return best

    def build(self) -> Fit:
        matched: list[Match] = []
        gaps: list[Gap] = []
        components = [
            self._skills_component("required_skills", required=True, matched=matched, gaps=gaps),
            self._skills_component("preferred_skills", required=False, matched=matched, gaps=gaps),
            self._credentials_component(gaps),
            self._education_component(gaps),
            self._experience_component(gaps),
            self._similarity_component(),
            self._role_component(),
        ]
        shares = self.w["components"]
        total = sum(shares[c.name] for c in components if c.applies)
        scaled = []
        score = 0.0
        for c in components:
            weight = shares[c.name] / total if c.applies and total else 0.0
            score += weight * c.value
            scaled.append(Component(c.name, round(c.value, 4), round(weight, 4), c.applies, c.detail))
        flags = self._flags()
        gaps.sort(key=lambda g: (-g.importance, g.kind != "credential", g.label))
        matched.sort(key=lambda m: (-m.importance, m.label))
        return Fit(
            posting=self.posting.source,
            title=self.posting.title,
            role_level=self.posting.role_level,
            score=round(100 * score, 1),
            components=tuple(scaled),
            matched=tuple(matched),
            missing=tuple(gaps),
            flags=flags,
        )

    # -------------------------------------------------------------------------------------------- components
    def _skills_component(self, name: str, *, required: bool, matched: list[Match], gaps: list[Gap]) -> Component:
        asked = [
            a
            for a in _asked_skills(self.posting)
            if a.mention.category not in ("credentials", "education") and ((a.requirement != "preferred") == required)
        ]
        if not asked:
            return Component(name, 0.0, 0.0, False, "the posting names no such skills")
        # "athenaOne, eClinicalWorks or NextGen experience" asks for one system, not three: such alternatives are
        # weighed once, met by the best of them, and missing them is one gap.
        alternatives = self.alternatives
        by_id = {a.skill_id: a for a in asked}
        total = covered = 0.0
        done: set[str] = set()
        for a in asked:
            if a.skill_id in done:
                continue
            group = [by_id[sid] for sid in alternatives.get((a.skill_id, a.mention.start), ()) if sid in by_id]
            members = group if len(group) > 1 else [a]
            done.update(m.skill_id for m in members)
            scored = [(self._strength(m.skill_id), m) for m in members]
            (strength, mention, related), best = max(scored, key=lambda item: item[0][0])
            importance = max(self._importance(m.skill_id, m.requirement) for m in members)
            total += importance
            covered += importance * min(strength, 1.0)
            posting_evidence = _quote(
                self.posting, members[0].mention.start, members[-1].mention.end, members[0].mention.section
            )
            labels = [self.taxonomy[m.skill_id].label if m.skill_id in self.taxonomy else m.skill_id for m in members]
            skill = self.taxonomy.get(best.skill_id)
            label = skill.label if skill else best.skill_id
            if strength >= self.w["reword_threshold"] and mention is not None and related is None:
                matched.append(
                    Match(
                        skill_id=best.skill_id,
                        label=label,
                        category=best.mention.category,
                        requirement=best.requirement,
                        importance=round(importance, 2),
                        strength=round(strength, 2),
                        posting_evidence=posting_evidence,
                        resume_evidence=_quote(self.resume, mention.start, mention.end, mention.section),
                    )
                )
                continue
            if mention is not None and related is None:
                action, advice = (
                    "reword",
                    f"Your resume lists {label} only in its {mention.section} section; show where you used it in "
                    "your work history (what you did, scale, results).",
                )
            elif mention is not None and related is not None:
                related_label = self.taxonomy[related].label if related in self.taxonomy else related
                action, advice = (
                    "reword",
                    f"Your resume shows {related_label}, which is closely related; if that work involved {label}, "
                    "name it in those words.",
                )
            else:
                first = self.taxonomy.get(members[0].skill_id)
                action, advice = (
                    "acquire",
                    (first.acquire if first and first.acquire else f"Gain experience in {label}."),
                )
                if len(members) > 1:
                    advice = "Any one of these will do. " + advice
            gaps.append(
                Gap(
                    kind="skill",
                    key="|".join(m.skill_id for m in members),
                    label=" or ".join(labels),
                    requirement=max((m.requirement for m in members), key=lambda r: _REQUIREMENT_RANK[r]),
                    importance=round(importance, 2),
                    action=action,  # type: ignore[arg-type]
                    advice=advice,
                    posting_evidence=posting_evidence,
                    resume_evidence=_quote(self.resume, mention.start, mention.end, mention.section)
                    if mention
                    else None,
                    category=members[0].mention.category,
                )
            )
        return Component(name, covered / total, 0.0, True, f"{covered:.1f} of {total:.1f} importance-weighted")

    def _credentials_component(self, gaps: list[Gap]) -> Component:
        groups = self.posting.requirements.credentials
        if not groups:
            return Component("credentials", 0.0, 0.0, False, "the posting names no credential")
        weights = self.w["credential_groups"]
        total = met = 0.0
        for group in groups:
            key = "unspecified" if group.requirement is None else group.requirement
            weight = float(weights[key])
            total += weight
            strengths = [self.resume_best[c][0] for c in group.any_of if c in self.resume_best]
            strength = max(strengths) if strengths else 0.0
            if strength < self.w["reword_threshold"] and group.within:
                strength = max(strength, float(weights["within_credit"]))
            met += weight * min(strength, 1.0)
            if strength >= self.w["reword_threshold"] and strengths:
                continue
            first = self.taxonomy.get(group.any_of[0])
            held = next((c for c in group.any_of if c in self.resume_best), None)
            resume_evidence: Evidence | None
            if held is not None and held in self.resume_pending:
                mention = self.resume_pending[held]
                held_skill = self.taxonomy.get(held)
                path = held_skill.acquire if held_skill and held_skill.acquire else ""
                action, advice = (
                    "acquire",
                    f"Your resume shows {mention.text} as not yet earned; finish it: {path}".strip(),
                )
                resume_evidence = _quote(self.resume, mention.start, mention.end, mention.section)
            elif held is not None:
                mention = self.resume_best[held][1]
                path = first.acquire if first and first.acquire else ""
                action, advice = (
                    "reword",
                    (
                        f"{mention.text} appears only in your {mention.section} section. If you hold it, list it under "
                        f"certifications with the issuing body and year; if not: {path}"
                    ).strip(),
                )
                resume_evidence = _quote(self.resume, mention.start, mention.end, mention.section)
            else:
                action = "acquire"
                advice = first.acquire if first and first.acquire else "Earn one of these credentials."
                if group.within:
                    advice = f"The posting allows {group.within} after hire. " + advice
                resume_evidence = None
            gaps.append(
                Gap(
                    kind="credential",
                    key="|".join(group.any_of),
                    label=" or ".join(group.labels),
                    requirement=group.requirement,
                    importance=round(3.0 * weight, 2),
                    action=action,  # type: ignore[arg-type]
                    advice=advice,
                    posting_evidence=_quote(self.posting, group.start, group.end, "required"),
                    resume_evidence=resume_evidence,
                    category="credentials",
                )
            )
        return Component("credentials", met / total, 0.0, True, f"{met:.1f} of {total:.1f} credential weight met")

    def _education_component(self, gaps: list[Gap]) -> Component:
        req = self.posting.requirements
        required = req.min_degree("required") or req.min_degree(None)
        preferred = req.min_degree("preferred")
        if required is None and preferred is None:
            return Component("education", 0.0, 0.0, False, "the posting names no degree")
        w = self.w["education"]
        resume_req = self.resume.requirements
        have = resume_req.max_degree()
        have_any = resume_req.max_degree(completed=False)

        def level_value(target: str) -> float:
            t = DEGREE_LEVELS.index(target)
            if have is not None and DEGREE_LEVELS.index(have) >= t:
                return 1.0
            if have_any is not None and DEGREE_LEVELS.index(have_any) >= t:
                return float(w["in_progress_credit"])
            h = DEGREE_LEVELS.index(have) if have is not None else 0
            gap = t - h
            return float(w["one_level_below"]) if gap == 1 else float(w["two_levels_below"])

        parts = []
        if required is not None:
            value = level_value(required)
            fields = {d.field for d in req.degrees if d.requirement != "preferred" and d.level == required}
            resume_fields = {d.field for d in resume_req.degrees}
            if fields & HIM_FIELDS and not (resume_fields & HIM_FIELDS) and "related field" not in fields:
                value *= float(w["field_mismatch"])
            parts.append((1.0 - (float(w["preferred_share"]) if preferred else 0.0), value))
            if value < 1.0:
                degree = next(d for d in req.degrees if d.level == required)
                field_text = next(iter(fields & HIM_FIELDS), None)
                gaps.append(self._degree_gap(required, field_text, degree, "required" if degree.requirement else None))
        if preferred is not None:
            value = level_value(preferred)
            parts.append((float(w["preferred_share"]) if required else 1.0, value))
            if value < 1.0:
                degree = next(d for d in req.degrees if d.level == preferred and d.requirement == "preferred")
                gaps.append(self._degree_gap(preferred, degree.field, degree, "preferred"))
        total = sum(share for share, _ in parts)
        value = sum(share * v for share, v in parts) / total
        return Component(
            "education", value, 0.0, True, f"asks {required or '-'} (pref. {preferred or '-'}), has {have}"
        )

    def _degree_gap(self, level: str, field_name: str | None, degree: Any, requirement: str | None) -> Gap:
        him = field_name in HIM_FIELDS if field_name else False
        skill_id = {
            ("bachelor", True): "education.bachelors_him",
            ("associate", True): "education.associate_hit",
            ("master", True): "education.masters_him_informatics",
        }.get((level, him))
        skill = self.taxonomy.get(skill_id) if skill_id else None
        label = _DEGREE_LABELS.get(level, f"{level.replace('_', ' ')} degree") + (
            f" in {field_name}" if field_name else ""
        )
        article = "an" if label[0] in "aeiou" else "a"
        advice = skill.acquire if skill and skill.acquire else f"Complete {article} {label}."
        return Gap(
            kind="degree",
            key=f"degree:{level}",
            label=label,
            requirement=requirement,
            importance=3.0 if requirement == "required" else 1.5,
            action="acquire",
            advice=advice,
            posting_evidence=_quote(self.posting, degree.start, degree.end, "required"),
            category="education",
        )

    def _experience_component(self, gaps: list[Gap]) -> Component:
        req = self.posting.requirements
        overall = req.years("overall", None)
        supervisory = req.years("supervisory", None)
        if not overall and not supervisory:
            return Component("experience", 0.0, 0.0, False, "the posting names no years of experience")
        have_overall = self.resume.requirements.years("overall", None) or 0.0
        have_supervisory = self.resume.requirements.years("supervisory", None) or 0.0
        parts = []
        for area, need, have in (("overall", overall, have_overall), ("supervisory", supervisory, have_supervisory)):
            if not need:
                continue
            value = min(1.0, have / need)
            parts.append((area, value))
            if value < 1.0:
                asked = next(e for e in req.experience if e.area == area and e.years == need)
                gaps.append(
                    Gap(
                        kind="experience",
                        key=f"years:{area}",
                        label=f"{_years(need)} of {'supervisory ' if area == 'supervisory' else ''}experience",
                        requirement=asked.requirement,
                        importance=3.0,
                        action="acquire",
                        advice=(
                            f"The posting asks {_years(need)}; your resume's dates show "
                            + (f"about {_years(have)}. " if have else "none. ")
                            + (
                                "Seek a lead, supervisor or committee-chair role to build supervisory time."
                                if area == "supervisory"
                                else "Add dates to every role, and count relevant HIM work, internships and "
                                "practicum time."
                            )
                        ),
                        posting_evidence=_quote(self.posting, asked.start, asked.end, "required"),
                        category="experience",
                    )
                )
        if len(parts) == 2:
            share = float(self.w["experience"]["supervisory_share"])
            value = (1 - share) * parts[0][1] + share * parts[1][1]
        else:
            value = parts[0][1]
        return Component(
            "experience",
            value,
            0.0,
            True,
            f"asks {overall or 0:g} overall / {supervisory or 0:g} supervisory years; "
            f"shows {have_overall:g} / {have_supervisory:g}",
        )

    def _similarity_component(self) -> Component:
        value = min(1.0, self.similarity / float(self.w["similarity_scale"]))
        return Component("similarity", value, 0.0, True, f"TF-IDF cosine {self.similarity:.3f}")

    def _role_component(self) -> Component:
        table = self.w["role_fit"]
        posting_level, candidate = self.posting.role_level, self.resume.role_level
        if posting_level == "outside" and candidate == "outside":
            return Component("role_fit", float(table["both_outside"]), 0.0, True, "both outside HIM")
        if posting_level == "outside":
            return Component("role_fit", float(table["outside_posting"]), 0.0, True, "posting outside HIM")
        if candidate == "outside":
            key = "outside_candidate_staff" if posting_level == "staff" else "outside_candidate"
            return Component("role_fit", float(table[key]), 0.0, True, "candidate's roles are outside HIM")
        diff = ROLE_LEVEL_ORDER.index(posting_level) - ROLE_LEVEL_ORDER.index(candidate)  # type: ignore[arg-type]
        names = {0: "same", 1: "one_below", 2: "two_below", 3: "three_below", -1: "one_above", -2: "two_above"}
        key = names.get(diff, "three_above")
        return Component("role_fit", float(table[key]), 0.0, True, f"candidate {candidate}, posting {posting_level}")

    def _flags(self) -> tuple[str, ...]:
        posting_level, candidate = self.posting.role_level, self.resume.role_level
        if posting_level == "outside":
            # The taxonomy knows HIM skills only: a nurse's or engineer's posting is scored on the few HIM and soft
            # skills it happens to name, which says little about the job.
            return ("not an HIM role: the score covers only the HIM and general skills this posting names",)
        if candidate == "outside":
            return ()
        diff = ROLE_LEVEL_ORDER.index(posting_level) - ROLE_LEVEL_ORDER.index(candidate)  # type: ignore[arg-type]
        if diff >= 2:
            return (f"under-qualified: the posting is {diff} levels above the candidate's current role",)
        if diff <= -1:
            return (f"over-qualified: the candidate already works {-diff} level(s) above this posting",)
        return ()


def bundled_posting_paths() -> list[Path]:
    """The sample postings shipped with the package (the default corpus of ``skills-matcher score``)."""
    root = resources.files("sample_postings")
    # Postings are p001_..., p002_...; the data card (README.md) and manifest sit beside them.
    return sorted(
        Path(str(entry))
        for entry in root.iterdir()
        if re.match(r"p\d{3}_", entry.name) and entry.name.endswith((".txt", ".md", ".html"))
    )


def _years(count: float) -> str:
    """A count of years as a person writes it: "1 year", "2.5 years"."""
    return f"{count:g} year" if count == 1 else f"{count:g} years"


# Reads back the count ``_years`` wrote at the start of an experience gap's label ("2 years of experience").
_YEARS_LABEL_RE = re.compile(r"(?P<years>\d+(?:\.\d+)?) years? of ")
