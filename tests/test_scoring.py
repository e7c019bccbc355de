from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher import Document, FitScorer, NotFittedError, OptionError, market_gaps

POSTING = """Health Information Management Manager
Responsibilities
- Supervise release of information and chart completion staff.
- Monitor DNFB and coordinate with CDI.
Qualifications
- RHIA or RHIT required.
- Bachelor's degree in Health Information Management required.
- 5 years of HIM experience, including 2 years of supervisory experience.
- Epic experience preferred.
"""
QUALIFIED = """Pat Example
pat@example.com

EXPERIENCE
HIM Manager, Example Regional Hospital, 2018 - 2025
- Supervised 14 release of information and chart completion staff in Epic.
- Cut DNFB by 30% with the CDI team.
HIM Specialist, Example Clinic, 2014 - 2018
- Processed release of information requests.

EDUCATION
Bachelor of Science in Health Information Management, 2014

CERTIFICATIONS
RHIA
"""
STUFFED = """Sam Example
sam@example.com

EXPERIENCE
Front Desk Receptionist, Example Dental, 2023 - 2025
- Answered phones and scheduled appointments.

SKILLS
RHIA, RHIT, release of information, chart completion, DNFB, CDI, Epic, HIPAA, staff supervision, ICD-10-CM, CPT,
master patient index, information governance, budgeting, strategic planning
"""


@pytest.fixture(scope="module")
def scored(extractor):
    posting = extractor.extract(Document(text=POSTING, source="posting.txt", kind="posting"))
    qualified = extractor.extract(Document(text=QUALIFIED, source="q.txt", kind="resume"))
    stuffed = extractor.extract(Document(text=STUFFED, source="s.txt", kind="resume"))
    scorer = FitScorer().fit([posting])
    return scorer, posting, qualified, stuffed


def test_score_has_documented_components_in_range(scored):
    scorer, posting, qualified, _ = scored
    fit = scorer.score(resume=qualified, posting=posting)
    assert 0 <= fit.score <= 100
    names = {c.name for c in fit.components}
    assert names == {
        "required_skills",
        "preferred_skills",
        "credentials",
        "education",
        "experience",
        "similarity",
        "role_fit",
    }
    applied = [c for c in fit.components if c.applies]
    assert abs(sum(c.weight for c in applied) - 1) < 1e-3
    assert round(100 * sum(c.weight * c.value for c in applied), 1) == pytest.approx(fit.score, abs=0.11)


def test_qualified_resume_outranks_keyword_stuffed_one(scored):
    scorer, posting, qualified, stuffed = scored
    good = scorer.score(resume=qualified, posting=posting)
    bad = scorer.score(resume=stuffed, posting=posting)
    assert good.score > bad.score + 15
    # Listed but not shown in work history: such skills are gaps to reword, not matches.
    reword = {g.key for g in bad.missing if g.action == "reword"}
    assert "records_operations.release_of_information" in reword


def test_gaps_quote_the_posting_and_say_what_to_do(scored):
    scorer, posting, _, stuffed = scored
    fit = scorer.score(resume=stuffed, posting=posting)
    kinds = {g.kind for g in fit.missing}
    assert {"credential", "degree", "experience"} <= kinds
    for gap in fit.missing:
        assert gap.advice
        assert gap.posting_evidence is not None and gap.posting_evidence.text in POSTING
    credential = next(g for g in fit.missing if g.kind == "credential")
    assert "RHIA" in credential.label and "RHIT" in credential.label
    assert "CAHIIM" in credential.advice or "AHIMA" in credential.advice


def test_matched_and_missing_are_disjoint_and_quote_both_texts(scored):
    scorer, posting, qualified, _ = scored
    fit = scorer.score(resume=qualified, posting=posting)
    matched = {m.skill_id for m in fit.matched}
    missing = {g.key for g in fit.missing}
    assert matched and not matched & missing
    for m in fit.matched:
        assert m.resume_evidence.text in QUALIFIED
        assert m.posting_evidence.text in POSTING


def test_deterministic(scored):
    scorer, posting, qualified, _ = scored
    assert scorer.score(resume=qualified, posting=posting) == scorer.score(resume=qualified, posting=posting)


def test_empty_resume_is_marked_not_invented(scored):
    scorer, posting, _, _ = scored
    from matcher import Analysis

    empty = Analysis.empty(source="e.txt", kind="resume")
    fit = scorer.score(resume=empty, posting=posting)
    assert fit.status == "no_text" and fit.score == 0 and fit.flags


def test_scorer_validates_and_must_be_fitted(scored):
    _, posting, qualified, _ = scored
    with pytest.raises(NotFittedError):
        FitScorer().score(resume=qualified, posting=posting)
    with pytest.raises(OptionError):
        FitScorer().fit([])
    with pytest.raises(OptionError):
        FitScorer().fit([qualified])


def test_rank_readiness_and_market_gaps(extractor, scored):
    _, posting, qualified, _ = scored
    director = extractor.extract(
        Document(
            text="Director of Health Information Management\nQualifications\n- RHIA required.\n"
            "- Master's degree required.\n- 10 years of HIM leadership experience.\n",
            source="d.txt",
            kind="posting",
        )
    )
    scorer = FitScorer().fit([posting, director])
    fits = scorer.rank(resume=qualified)
    assert [f.score for f in fits] == sorted((f.score for f in fits), reverse=True)
    readiness = scorer.readiness(resume=qualified, fits=fits)
    assert set(readiness) == {"supervisor", "manager", "director"}
    assert readiness["supervisor"].status == "no postings"
    assert readiness["manager"].score > readiness["director"].score
    gaps = market_gaps(fits)
    assert gaps == sorted(gaps, key=lambda g: -g["postings"]) or gaps[0]["postings"] >= gaps[-1]["postings"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_any_resume_text_scores_in_range(extractor, scored, text):
    scorer, posting, _, _ = scored
    resume = extractor.extract(Document(text=text, source="h", kind="resume"))
    fit = scorer.score(resume=resume, posting=posting)
    assert 0 <= fit.score <= 100
    assert not {m.skill_id for m in fit.matched} & {g.key for g in fit.missing}


def test_bundled_corpus_is_the_sample_postings_only():
    from matcher.scoring import bundled_posting_paths

    names = [p.name for p in bundled_posting_paths()]
    assert len(names) >= 60 and all(n[0] == "p" and n[1:4].isdigit() for n in names)


ALTERNATIVES_POSTING = """Medical Records Manager
Requirements
- athenaOne, eClinicalWorks or NextGen experience required.
- Experience with Epic and MEDITECH required.
"""


def _resume(extractor, text):
    return extractor.extract(Document(text=text, source="r.txt", kind="resume"))


def test_systems_offered_as_alternatives_are_one_ask(extractor):
    posting = extractor.extract(Document(text=ALTERNATIVES_POSTING, source="p.txt", kind="posting"))
    scorer = FitScorer().fit([posting])
    none = scorer.score(resume=_resume(extractor, "EXPERIENCE\nMedical records clerk, 2019-2023."), posting=posting)
    keys = [g.key for g in none.missing if g.kind == "skill"]
    either = [k for k in keys if "|" in k]
    assert len(either) == 1 and set(either[0].split("|")) == {
        "ehr_software.athenahealth",
        "ehr_software.eclinicalworks",
        "ehr_software.nextgen",
    }
    # "Epic and MEDITECH" asks for both: two separate gaps.
    assert "ehr_software.epic" in keys and "ehr_software.meditech" in keys
    one = scorer.score(
        resume=_resume(extractor, "EXPERIENCE\nMedical records clerk, 2019-2023: used eClinicalWorks daily."),
        posting=posting,
    )
    assert not any("eclinicalworks" in g.key or "nextgen" in g.key for g in one.missing)
    assert one.score > none.score


def test_degree_gaps_read_naturally(extractor):
    posting = extractor.extract(
        Document(text="Clerk\nRequirements\n- High school diploma or GED required.", source="p.txt", kind="posting")
    )
    resume = _resume(extractor, "EXPERIENCE\nCashier, 2020-2024.")
    fit = FitScorer().fit([posting]).score(resume=resume, posting=posting)
    labels = [g.label for g in fit.missing if g.kind == "degree"]
    assert labels == ["high school diploma or GED"]


def test_quotes_of_long_run_together_text_start_at_a_word_and_keep_offsets(extractor):
    filler = " ".join(f"word{i}" for i in range(60))
    run_together = "documentation.Required:Minimum two years.RHIT required and CPC preferred"
    text = f"Coder\nRequirements\n{filler} {run_together} {filler}"
    posting = extractor.extract(Document(text=text, source="p.txt", kind="posting"))
    fit = FitScorer().fit([posting]).score(resume=_resume(extractor, "EXPERIENCE\nClerk, 2020-2024."), posting=posting)
    evidence = [g.posting_evidence for g in fit.missing if g.posting_evidence is not None]
    assert evidence
    for ev in evidence:
        assert len(ev.text) <= 260 and not ev.text[0].isspace()
        assert ev.text.split()[0] in text.split()  # a whole word, not the tail of one
        assert ev.text[ev.start : ev.end].strip()


def test_postings_outside_him_are_flagged(extractor):
    nurse = extractor.extract(
        Document(
            text="Registered Nurse - Medical ICU\nRequirements\n- Current RN license\n- BLS and ACLS\n"
            "- Excellent communication skills and attention to detail",
            source="rn.txt",
            kind="posting",
        )
    )
    assert nurse.role_level == "outside"
    scorer = FitScorer().fit([nurse])
    fit = scorer.score(resume=_resume(extractor, "EXPERIENCE\nMedical records clerk, 2019-2023."), posting=nurse)
    assert any("not an HIM role" in flag for flag in fit.flags)


@pytest.mark.parametrize(
    "claim", ["RHIA Pending", "Eligible to sit for the RHIA exam (June 2027)", "RHIA (exam scheduled May 2027)"]
)
def test_a_credential_not_yet_earned_is_a_gap_to_finish(extractor, claim):
    posting = extractor.extract(Document(text=POSTING, source="posting.txt", kind="posting"))
    scorer = FitScorer().fit([posting])
    pending = scorer.score(resume=_resume(extractor, QUALIFIED.replace("\nRHIA\n", f"\n{claim}\n")), posting=posting)
    held = scorer.score(resume=_resume(extractor, QUALIFIED), posting=posting)
    gap = next(g for g in pending.missing if g.kind == "credential")
    assert gap.action == "acquire" and "not yet earned" in gap.advice
    assert gap.resume_evidence is not None and "RHIA" in gap.resume_evidence.text
    assert not [g for g in held.missing if g.kind == "credential"]
    assert pending.score < held.score


def test_experience_gaps_count_years_as_people_write_them(extractor):
    posting = extractor.extract(
        Document(
            text="HIM Supervisor\nQualifications\n- 1 year of supervisory experience\n", source="p", kind="posting"
        )
    )
    resume = extractor.extract(
        Document(
            text="Pat\n\nEXPERIENCE\nHIM Clerk, Example Clinic, 2020 - 2025\n- Filed charts.\n",
            source="r",
            kind="resume",
        )
    )
    fit = FitScorer().fit([posting]).score(resume=resume, posting=posting)
    gap = next(g for g in fit.missing if g.kind == "experience")
    assert gap.label == "1 year of supervisory experience"
    assert "asks 1 year; your resume's dates show none." in gap.advice


def test_market_gaps_name_the_range_of_years_postings_ask(extractor):
    def posting(years, source):
        text = f"HIM Supervisor\nQualifications\n- {years} years of HIM experience required.\n"
        return extractor.extract(Document(text=text, source=source, kind="posting"))

    postings = [posting(2, "a"), posting(5, "b")]
    resume = extractor.extract(
        Document(
            text="Pat\n\nEXPERIENCE\nClerk, Example Clinic, 2024 - 2025\n- Filed charts.\n", source="r", kind="resume"
        )
    )
    gaps = {g["key"]: g for g in market_gaps(FitScorer().fit(postings).rank(resume=resume))}
    assert gaps["years:overall"]["label"] == "Years of experience (2-5 asked)"
    assert gaps["years:overall"]["postings"] == 2
    one = {g["key"]: g for g in market_gaps(FitScorer().fit(postings[:1]).rank(resume=resume))}
    assert one["years:overall"]["label"] == "2 years of experience"
