from __future__ import annotations

import pytest

from matcher import Document
from matcher.extract import detect_kind


def ids(analysis):
    return [m.skill_id for m in analysis.mentions]


def posting(text: str) -> Document:
    return Document(text=text, source="t", kind="posting")


# --- mechanism, on a small taxonomy written in the tests -------------------------------------------------------


@pytest.mark.parametrize("variant", ["ICD-10-CM", "ICD 10 CM", "ICD10CM", "icd-10 cm", "ICD10-CM", "ICD–10–CM"])
def test_hyphen_spacing_and_case_variants_match(mini_extractor, variant):
    analysis = mini_extractor.extract(posting(f"Assign {variant} codes daily."))
    assert ids(analysis) == ["coding.icd10_cm"]
    mention = analysis.mentions[0]
    assert analysis.text[mention.start : mention.end] == mention.text == variant


def test_inflections_match_through_lemmas(mini_extractor):
    analysis = mini_extractor.extract(
        posting("Audited coding for 3 years. Performs coding audits. Supervised 12 coders.")
    )
    assert ids(analysis).count("coding.coding_audits") == 2
    assert "coding.supervise_coders" in ids(analysis)


def test_acronyms_are_case_sensitive_whole_tokens(mini_extractor):
    text = "coding team: cpt and CPTX and xCPT are not matches, CPT is."
    analysis = mini_extractor.extract(posting(text))
    assert [m.text for m in analysis.mentions if m.skill_id == "coding.cpt"] == ["CPT"]


def test_acronym_never_fires_inside_longer_token_or_span(mini_extractor):
    analysis = mini_extractor.extract(posting("Coder with CCS-X; also ACCS and CCSP are other things."))
    assert [(m.skill_id, m.text) for m in analysis.mentions] == [("coding.ccs_like", "CCS-X")]


def test_context_rules_decide_ambiguous_acronyms(mini_extractor):
    assert ids(mini_extractor.extract(posting("Coder certification: CCS."))) == ["coding.ccs_like"]
    assert ids(mini_extractor.extract(posting("Migrate CCS workloads to the cloud."))) == []
    assert ids(mini_extractor.extract(posting("Excel at teamwork."))) == []
    assert ids(mini_extractor.extract(posting("Proficient with Excel."))) == ["coding.excel_like"]


def test_guarded_terms_follow_their_own_context_and_the_rest_of_the_skill_does_not(mini_extractor):
    def found(text):
        return [(m.skill_id, m.text) for m in mini_extractor.extract(posting(text)).mentions]

    assert found("Duties\n- Act as custodian of records for subpoenas.") == [
        ("coding.records_custody", "custodian of records")
    ]
    assert found("About\n- The manager serves as the designated custodian of records.") == []
    # the skill's other aliases are not held to the guarded terms' context
    assert found("Duties\n- The designated lead for records management.") == [
        ("coding.records_custody", "records management")
    ]


def test_offsets_index_the_text(mini_extractor):
    text = "Résumé — ICD-10-CM and CPT; audit coding.\n• CPT"
    analysis = mini_extractor.extract(posting(text))
    assert analysis.mentions
    for m in analysis.mentions:
        assert text[m.start : m.end] == m.text


# --- behaviour of the shipped taxonomy ---------------------------------------------------------------------------


def test_list_gives_one_mention_per_item(extractor):
    analysis = extractor.extract(posting("Qualifications\nKnowledge of ICD-10-CM, CPT and HCPCS required."))
    found = {m.skill_id for m in analysis.mentions}
    assert {"coding.icd10_cm", "coding.cpt", "coding.hcpcs"} <= found


def test_roi_as_return_on_investment_is_not_release_of_information(extractor):
    text = "Hospital Administrator\nDrive ROI on capital projects and improve return on investment for service lines."
    assert "records_operations.release_of_information" not in ids(extractor.extract(posting(text)))
    him = "ROI Specialist\nProcess ROI requests for patient records under HIPAA authorization rules."
    assert "records_operations.release_of_information" in ids(extractor.extract(posting(him)))


def test_epic_the_adjective_is_not_the_ehr(extractor):
    assert "ehr_software.epic" not in ids(extractor.extract(posting("An epic opportunity for an Epic journey.")))
    assert "ehr_software.epic" in ids(
        extractor.extract(posting("Experience with Epic EHR chart deficiency workflows in a hospital."))
    )


def test_negated_requirement_is_not_a_mention(extractor):
    text = "Medical Records Clerk\nQualifications\n- No coding experience required.\n- High school diploma."
    assert not any(m.category == "coding" for m in extractor.extract(posting(text)).mentions)


@pytest.mark.parametrize(
    "line",
    ["- Prior coding experience not required.", "- Coding experience is not necessary.", "- No prior coding required."],
)
def test_negation_without_a_verb_or_before_the_skill(extractor, line):
    text = f"Release of Information Specialist\nQualifications\n{line}\n- HIPAA knowledge required."
    analysis = extractor.extract(posting(text))
    assert not any(m.category == "coding" for m in analysis.mentions)
    assert "privacy_compliance.hipaa_privacy_rule" in ids(analysis) or any(
        m.category == "privacy_compliance" for m in analysis.mentions
    )


@pytest.mark.parametrize(
    "line", ["- RHIT or RHIA welcome but not required.", "- RHIT or RHIA preferred but not required.", "- RHIT a plus."]
)
def test_welcome_but_not_required_is_a_preference(extractor, line):
    text = f"Medical Records Clerk\nQualifications\n- High school diploma.\n{line}"
    rhit = [m for m in extractor.extract(posting(text)).mentions if m.skill_id == "credentials.rhit"]
    assert rhit and all(m.requirement == "preferred" for m in rhit)


def test_scraped_requirements_glued_at_semicolons_keep_their_cues(extractor):
    text = (
        "HIT Specialist\nMinimum Required\nBachelor's degree from an accredited university required;Minimum of 5 "
        "years of EHR experience\nPreferred\nMaster's degree"
    )
    analysis = extractor.extract(posting(text))
    assert [s[0] for s in analysis.sections] == ["summary", "required", "preferred"]
    assert [(d.level, d.requirement) for d in analysis.requirements.degrees] == [
        ("bachelor", "required"),
        ("master", "preferred"),
    ]


@pytest.mark.parametrize(
    "heading",
    [
        "Essential functions of the job include but are not limited to:",
        "Duties include, but are not limited to:",
        "Responsibilities include the following:",
        "Essential Tasks And Responsibilities",
    ],
)
def test_headings_that_say_not_limited_to_are_headings(heading):
    from matcher.sections import find_sections

    sections = find_sections(f"HIM Technician\n{heading}\n- Maintain the MPI", kind="posting")
    assert [s.name for s in sections] == ["summary", "duties"]


@pytest.mark.parametrize(
    ("heading", "name"), [("Minimum Job Qualifications", "required"), ("Preferred Job Qualifications", "preferred")]
)
def test_qualification_headings_with_two_modifiers(heading, name):
    from matcher.sections import find_sections

    sections = find_sections(f"HIM Technician\n{heading}\n- RHIT", kind="posting")
    assert [s.name for s in sections] == ["summary", name]


def test_bullets_glued_to_words_are_split(extractor):
    text = "HIM Supervisor\nRequirements:\n-RHIA/RHIT required\n*Detail oriented\n(minimum necessary)HIPAA"
    found = ids(extractor.extract(posting(text)))
    assert {"credentials.rhia", "credentials.rhit"} <= set(found)


def test_one_line_pay_field_does_not_swallow_the_duties(extractor):
    text = (
        "Lead HIM Technician\nPay: $22.50 - $27.00 an hour   Job type: Full-time\n\nFull job description\n"
        "THE ROLE: You will process requests for release of information and scan and index records."
    )
    analysis = extractor.extract(posting(text))
    assert analysis.mentions
    assert all(m.section != "boilerplate" for m in analysis.mentions)


def test_required_and_preferred_credentials_with_alternatives(extractor):
    text = (
        "HIM Manager\nQualifications\n- RHIA or RHIT required; CCS preferred.\n"
        "- Bachelor's degree in Health Information Management from a CAHIIM-accredited program.\n"
        "- Master's degree preferred.\n"
        "- Minimum of five (5) years of HIM experience, including 3 years in a management role.\n"
    )
    analysis = extractor.extract(posting(text))
    creds = {c.any_of: c.requirement for c in analysis.requirements.credentials}
    assert creds[("credentials.rhia", "credentials.rhit")] == "required"
    assert creds[("credentials.ccs",)] == "preferred"
    req = analysis.requirements
    assert req.min_degree("required") == "bachelor"
    assert req.min_degree("preferred") == "master"
    bachelor = next(d for d in req.degrees if d.level == "bachelor")
    assert bachelor.field == "health information management"
    assert bachelor.accredited
    assert req.years("overall", None) == 5
    assert req.years("supervisory", None) == 3
    assert analysis.role_level == "manager"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "License required: Registered Health Information Administrator Certificate OR Professional Medical Auditor "
            "Certificate OR Coding Associate Certificate OR Registered Health Information Technician Certificate",
            [("credentials.rhia", "credentials.cpma", "credentials.cca", "credentials.rhit")],
        ),
        (
            "RHIA or RHIT credential, or CHDA (Certified Health Data Analyst) required",
            [("credentials.rhia", "credentials.rhit", "credentials.chda")],
        ),
        ("RHIA required and a clinical background or RHIT", [("credentials.rhia",), ("credentials.rhit",)]),
        ("RHIA required. Epic experience or RHIT", [("credentials.rhia",), ("credentials.rhit",)]),
    ],
)
def test_credentials_offered_as_a_list_of_alternatives_are_one_ask(extractor, line, expected):
    analysis = extractor.extract(posting(f"Medical Coder\nQualifications\n{line}"))
    assert [c.any_of for c in analysis.requirements.credentials] == expected


def test_boilerplate_mentions_do_not_count(extractor):
    text = (
        "Coding Manager\nResponsibilities\n- Oversee ICD-10-CM coding quality.\n\n"
        "Benefits\nWe offer HIPAA training, tuition support for RHIA exams and 401(k).\n\n"
        "We are an equal opportunity employer committed to HIPAA and communication."
    )
    analysis = extractor.extract(posting(text))
    assert {m.section for m in analysis.mentions} == {"duties"}


def test_offsets_past_cut_boilerplate_index_the_posting(extractor):
    """Boilerplate sections are cut out of the text before tokenizing: mentions after each cut (and the text index
    built from trigger words) must still point into the posting as written."""
    text = (
        "HIM Manager\nAbout Us\nWe are proud of our Epic go-live and our RHIA-led HIM team.\n\n"
        "Responsibilities\n- Supervise release of information staff.\n\n"
        "Benefits\nHIPAA training, CPC exam support and 401(k) with tuition for an MBA.\n\n"
        "Qualifications\n- Bachelor's degree in health information management required.\n"
        "- RHIA preferred; 5 years of supervisory experience.\n\n"
        "Equal Opportunity Employer: we comply with HIPAA.\n"
        "- ICD-10-CM knowledge required."
    )
    analysis = extractor.extract(posting(text))
    assert all(text[m.start : m.end] == m.text for m in analysis.mentions)
    assert all(m.section != "boilerplate" for m in analysis.mentions)
    by_skill = {m.skill_id: m for m in analysis.mentions}
    assert by_skill["credentials.rhia"].requirement == "preferred"
    assert by_skill["records_operations.release_of_information"].section == "duties"
    assert "credentials.cpc" not in by_skill and "privacy_compliance.hipaa" not in by_skill
    degree = analysis.requirements.degrees[0]
    assert (degree.level, degree.field, degree.requirement) == ("bachelor", "health information management", "required")
    assert text[degree.start : degree.end] == degree.text
    assert [(e.years, e.area) for e in analysis.requirements.experience] == [(5, "supervisory")]


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Director of Health Information Management", "director"),
        ("Health Information Management Director", "director"),
        ("Chief HIM Officer", "director"),
        ("HIM Manager", "manager"),
        ("Medical Records Manager", "manager"),
        ("Coding Manager", "manager"),
        ("Release of Information Supervisor", "supervisor"),
        ("HIM Team Lead", "supervisor"),
        ("Inpatient Coder II", "staff"),
        ("Medical Records Clerk", "staff"),
        ("Registered Nurse - ICU", "outside"),
        ("Senior Software Engineer", "outside"),
        ("Hospital Administrator", "outside"),
    ],
)
def test_role_level_from_title(extractor, title, level):
    analysis = extractor.extract(Document(text=f"{title}\n\nResponsibilities\n- Work.", source="t", kind="posting"))
    assert analysis.role_level == level


def test_sections_of_a_resume(extractor):
    text = (
        "Jane Example\njane@example.com\n\nPROFESSIONAL SUMMARY\nHIM leader.\n\nEXPERIENCE\n"
        "HIM Manager, Example Hospital, 2018-Present\n- Led release of information staff.\n\n"
        "EDUCATION\nBachelor of Science in Health Information Management\n\nCERTIFICATIONS\nRHIA\n\n"
        "SKILLS\nEpic, ICD-10-CM\n"
    )
    analysis = extractor.extract(Document(text=text, source="r", kind="resume"))
    by_skill = {m.skill_id: m.section for m in analysis.mentions}
    assert by_skill["credentials.rhia"] == "certifications"
    assert by_skill["records_operations.release_of_information"] == "experience"
    assert by_skill["coding.icd10_cm"] == "skills"
    assert all(m.requirement is None for m in analysis.mentions)
    assert analysis.role_level == "manager"


def test_kind_detection():
    assert detect_kind("Jane Doe\njane@example.com\n555-010-1234\nEXPERIENCE\nCoder\nEDUCATION\nBS") == "resume"
    assert detect_kind("We are seeking an HIM Manager.\nResponsibilities\nQualifications\nRequired: RHIA") == "posting"


def test_reporting_line_names_the_boss_not_a_skill(extractor):
    text = (
        "HIM Manager\nReports to: Vice President, Revenue Cycle\n"
        "This role reports directly to the Director of Data Analytics and leads a team of 12 coders.\n"
        "Duties\n- Prepares monthly reports to the board on DNFB."
    )
    found = ids(extractor.extract(posting(text)))
    assert "revenue_cycle.revenue_cycle_management" not in found
    assert not any(sid.startswith("data_analytics.data_analysis") for sid in found)
    assert "leadership.staff_supervision" in found  # what follows the boss still counts
    assert "revenue_cycle.dnfb" in found and "data_analytics.dashboards_reporting" in found


def test_what_the_employer_offers_is_not_asked(extractor):
    text = (
        "HIM Manager\nDuties\n- Lead chart completion.\n- You will receive training on Epic.\n"
        "- Our Data Analytics team will support you with dashboards.\n"
        "- Willingness to learn HIPAA rules (training provided)\n"
        "What you won't do:\n- Code charts or build Power BI reports\n"
        "Requirements\n- Cerner experience required. MEDITECH training provided."
    )
    analysis = extractor.extract(posting(text))
    found = ids(analysis)
    assert "ehr_software.cerner_oracle_health" in found and "records_operations.chart_completion" in found
    assert "privacy_compliance.hipaa" in found  # asked: the willingness to learn it
    for offered in ("ehr_software.epic", "ehr_software.meditech", "data_analytics.dashboards_reporting"):
        assert offered not in found
    assert not any(m.category == "coding" for m in analysis.mentions)


def test_duties_the_role_does_not_have_and_job_board_widgets_do_not_count(extractor):
    text = (
        "HIM Manager\nDuties\n- Lead chart completion.\n- You will not code charts or manage denials.\n"
        "- This role is not expected to build reports.\nSimilar jobs\nData Governance Analyst - Tableau dashboards\n"
    )
    found = ids(extractor.extract(posting(text)))
    assert set(found) == {"records_operations.chart_completion"}


def test_mention_text_has_no_list_punctuation_at_its_edges(extractor):
    text = "HIM Director\nDuties\n- Hire, onboard, coach and evaluate staff; oversee coding, scanning and indexing."
    analysis = extractor.extract(posting(text))
    assert analysis.mentions
    for m in analysis.mentions:
        assert m.text == text[m.start : m.end]
        assert m.text[0] not in " ,;:-/&(" and m.text[-1] not in " ,;:-/&("


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("BSN required.", {"education.bachelors_any"}),
        ("MSN in nursing informatics or health informatics preferred.", {"education.masters_him_informatics"}),
        (
            "Bachelor's or graduate degree from an accredited institution in health information management.",
            {"education.bachelors_him", "education.masters_him_informatics"},
        ),
        # Read by the taxonomy as "any associate degree"; the reader ties HIM to it, and that reading replaces it.
        ("Associate's or Bachelor's in HIM required.", {"education.associate_hit", "education.bachelors_him"}),
        # The parenthesis says which master's: no general master's besides them.
        ("Master's degree (MHA, MBA or MPH) preferred.", {"education.mha", "education.mba", "education.mph"}),
        # a real resume's "Associate of Arts Degree : Health Information Technology"
        (
            "Associate of Arts Degree : Health Information Technology",
            {"education.associate_hit"},
        ),
    ],
)
def test_parsed_degrees_give_their_education_skill(extractor, line, expected):
    analysis = extractor.extract(posting(f"HIM Manager\nQualifications\n- {line}"))
    assert {m.skill_id for m in analysis.mentions if m.category == "education"} == expected
    assert all(analysis.text[m.start : m.end] == m.text for m in analysis.mentions)


def test_master_patient_index_is_not_a_masters_degree(extractor):
    analysis = extractor.extract(
        posting("HIM Supervisor\nDuties\n- Maintain the Master Patient Index and master file.")
    )
    assert not analysis.requirements.degrees
    assert "education.masters_any" not in analysis.skill_ids


def test_a_role_that_does_not_do_the_work_does_not_ask_for_it(extractor):
    text = (
        "Director of Patient Access\nSummary\nThis is a front-end revenue cycle role; it is not an HIM position and "
        "does not oversee medical records, coding or release of information.\nQualifications\n- Epic Cadence."
    )
    analysis = extractor.extract(posting(text))
    assert not {"coding.medical_coding", "records_operations.release_of_information"} & analysis.skill_ids
    assert "ehr_software.epic" in analysis.skill_ids


def test_single_letter_credential_suffix_at_the_end_of_a_sentence(extractor):
    """spaCy keeps an initial such as "P." whole; "CCS-P." must still be CCS-P, never CCS."""
    analysis = extractor.extract(posting("Coder\nQualifications\n- RHIT, RHIA, CPC or CCS-P."))
    assert analysis.skill_ids == {"credentials.rhit", "credentials.rhia", "credentials.cpc", "credentials.ccs_p"}
    assert [m.text for m in analysis.mentions if m.skill_id == "credentials.ccs_p"] == ["CCS-P"]


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("### Why this role exists", "summary"),
        ("WHY THIS ROLE EXISTS", "summary"),
        ("What you'll spend your time on", "duties"),
        ("Why Riverbend", "boilerplate"),
        ("Why join us", "boilerplate"),
        ("Why you'll love working here", "boilerplate"),
        ("Why choose us", "boilerplate"),
        ("Why Riverbend?", "boilerplate"),
        ("What Sunstone offers", "boilerplate"),
        ("What this role offers you", "boilerplate"),
        ("What you'll do?", "duties"),
    ],
)
def test_why_headings_about_the_role_are_not_employer_boilerplate(heading, name):
    """A "Why <Employer>" heading sells the employer; "Why this role exists" describes the job."""
    from matcher.sections import find_sections

    sections = find_sections(f"HIM Analyst\n{heading}\n- Maintain the MPI", kind="posting")
    assert sections[-1].name == name


@pytest.mark.parametrize(
    "line",
    [
        "Our Enterprise Data and Analytics team builds the HIM dashboards and KPI reports for you.",
        "Dashboards and KPI reports are produced by our Decision Support department and are not part of this role.",
        "No analytics background needed: our analysts handle the dashboards and KPI reports.",
    ],
)
def test_work_others_do_is_not_asked_of_the_hire(extractor, line):
    analysis = extractor.extract(posting(f"HIM Manager\nResponsibilities\n- {line}\n- Supervise the coding team."))
    assert not {"data_analytics.dashboards_reporting", "data_analytics.kpis"} & analysis.skill_ids
    assert "leadership.staff_supervision" in analysis.skill_ids


def test_work_the_hire_does_with_a_team_is_still_asked(extractor):
    text = "HIM Manager\nResponsibilities\n- Build dashboards and KPI reports with the Decision Support team."
    assert {"data_analytics.dashboards_reporting", "data_analytics.kpis"} <= extractor.extract(posting(text)).skill_ids


def test_the_department_the_hire_will_run_is_still_asked(extractor):
    text = (
        "Director of HIM\nSummary\nOur HIM team handles coding, release of information and chart completion for "
        "three hospitals; the Director leads it."
    )
    found = extractor.extract(posting(text)).skill_ids
    assert {"records_operations.release_of_information", "records_operations.chart_completion"} <= found


def test_the_employer_describing_its_services_is_not_an_ask(extractor):
    text = (
        "Coding Quality Manager\nSummit HIM Partners provides outsourced coding audit and release of information "
        "services to 350 hospitals.\nResponsibilities\n- Lead coding audits for client hospitals.\n"
        "The Manager provides day-to-day supervision of 12 coders."
    )
    analysis = extractor.extract(posting(text))
    assert "records_operations.release_of_information" not in analysis.skill_ids
    assert {"coding.coding_audit", "leadership.staff_supervision"} <= analysis.skill_ids
    assert all(m.section != "summary" for m in analysis.mentions if m.skill_id == "coding.coding_audit")


def test_a_credential_that_alone_will_not_qualify_is_not_an_ask(extractor):
    text = (
        "HIM Analyst\nQualifications\n- RHIA or RHIT required. A CPC or CCS-P alone will not meet the requirement.\n"
        "- Coding experience alone, without data analysis experience, will not qualify."
    )
    analysis = extractor.extract(posting(text))
    assert {"credentials.rhia", "credentials.rhit", "data_analytics.data_analysis"} <= analysis.skill_ids
    assert not {"credentials.cpc", "credentials.ccs_p", "coding.medical_coding"} & analysis.skill_ids


def test_job_board_pay_and_applicant_privacy_notices_are_boilerplate(extractor):
    text = (
        "HIM Manager\nQualifications\n- Develop and maintain HIM privacy policies.\n\n"
        "Reasonable estimate of the current range\n\n$95,000 - $120,000 USD\n\n"
        "Any data provided as a part of this application will be stored in accordance with our Privacy Policy."
    )
    analysis = extractor.extract(posting(text))
    policies = [m for m in analysis.mentions if m.skill_id == "leadership.policies_procedures"]
    assert [m.section for m in policies] == ["required"]
    assert analysis.sections[-1][0] == "boilerplate"


@pytest.mark.parametrize("line", ["- No bachelor's degree required; RHIT required.", "- A BSN is not required."])
def test_a_degree_the_posting_does_not_ask_for_is_no_requirement(extractor, line):
    analysis = extractor.extract(posting(f"HIM Technician\nQualifications\n{line}"))
    assert not analysis.requirements.degrees
    assert not any(m.category == "education" for m in analysis.mentions)


@pytest.mark.parametrize(
    ("line", "not_asked"),
    [
        ("Employees complete HIPAA privacy training during orientation.", "privacy_compliance.privacy_training"),
        ("HIPAA and compliance training are completed upon hire.", "privacy_compliance.privacy_training"),
        (
            "All workforce members complete HIPAA training within 30 days of hire.",
            "privacy_compliance.privacy_training",
        ),
        (
            "This is not a medical records position. Medical records requests are handled by our central HIM team.",
            "records_operations.release_of_information",
        ),
        ("Coding, CDI and DNFB management are **not** in scope for this role.", "revenue_cycle.dnfb"),
        ("Release of information is outside the scope of this position.", "records_operations.release_of_information"),
        (
            "The Cancer Registry is a separate department and is not part of this role.",
            "data_analytics.cancer_registry",
        ),
        ("Training in the VHA Encoder Product Suite will be provided.", "ehr_software.encoder"),
        ("athenaOne training is provided during your first two weeks.", "ehr_software.athenahealth"),
        ("We do not expect candidates to hold coding credentials such as the CCS.", "credentials.ccs"),
        ("We are not looking for inpatient coding experience.", "coding.inpatient_coding"),
        ("Not a fit if you're looking for an inpatient coding job.", "coding.inpatient_coding"),
        ("The lead does not conduct formal performance appraisals.", "leadership.performance_evaluation"),
        ("Applicants holding a CCS in place of the RHIA will not meet this requirement.", "credentials.ccs"),
        (
            "Sycamore is a Magnet-designated, Joint Commission accredited organization.",
            "privacy_compliance.joint_commission",
        ),
        (
            "This role does not perform HCC coding; risk adjustment coding is handled by the HIM coding team.",
            "coding.risk_adjustment",
        ),
        ("We have earned The Joint Commission's Gold Seal for our HIM program.", "privacy_compliance.joint_commission"),
        (
            "Our HIM department was recognized by AHIMA for its release of information turnaround.",
            "records_operations.release_of_information",
        ),
        (
            "ChartBridge is a national HIM outsourcing company providing coding and record retrieval.",
            "records_operations.chart_tracking_retrieval",
        ),
        ("More than 300 hospitals use our DNFB Navigator.", "revenue_cycle.dnfb"),
        ("Our team members enjoy a flexible remote work program.", "leadership.remote_workforce"),
        (
            "Benefits for temporary associates include free online medical terminology courses.",
            "coding.medical_terminology",
        ),
    ],
)
def test_what_the_employer_gives_has_or_leaves_to_others_is_not_asked(extractor, line, not_asked):
    analysis = extractor.extract(
        posting(
            f"HIM Manager\nSummary\n{line}\nResponsibilities\n- Supervise HIM staff and manage the department budget."
        )
    )
    assert not_asked not in analysis.skill_ids
    assert "leadership.staff_supervision" in analysis.skill_ids


@pytest.mark.parametrize(
    ("line", "asked"),
    [
        ("Deliver HIPAA privacy training to new employees during orientation.", "privacy_compliance.privacy_training"),
        ("Oversee coding, CDI and DNFB management across the system.", "revenue_cycle.dnfb"),
        (
            "HIM Manager is a hands-on leader who also performs release of information.",
            "records_operations.release_of_information",
        ),
        (
            "Our HIM team handles coding and release of information; the Manager leads it.",
            "records_operations.release_of_information",
        ),
    ],
)
def test_the_same_words_as_duties_are_still_asked(extractor, line, asked):
    analysis = extractor.extract(posting(f"HIM Manager\nResponsibilities\n- {line}"))
    assert asked in analysis.skill_ids


def test_an_inline_about_us_paragraph_ends_at_its_paragraph(extractor):
    text = (
        "HIM Manager\nAbout us: QuickCare runs 38 walk-in urgent care clinics across Arizona and New Mexico and is "
        "growing fast.\n\nThe HIM Manager processes all records requests and subpoenas.\n\n"
        "What we need:\nRHIT required (RHIA ok)."
    )
    analysis = extractor.extract(posting(text))
    assert {"records_operations.subpoenas_court_orders", "credentials.rhit", "credentials.rhia"} <= analysis.skill_ids
    assert [s[0] for s in analysis.sections] == ["summary", "boilerplate", "summary", "required"]
    assert {m.requirement for m in analysis.mentions if m.category == "credentials"} == {"required"}


def test_inline_working_conditions_still_run_on(extractor):
    from matcher.sections import find_sections

    text = "HIM Manager\nWORKING CONDITIONS: Remote with quarterly on-site days; internet needed.\n\nWe are EEO."
    assert [s.name for s in find_sections(text, kind="posting")] == ["summary", "boilerplate"]


@pytest.mark.parametrize(
    "heading",
    ["Duties incl but not limited to:", "Duties include, but are not limited to:", "Duties include the following:"],
)
def test_headings_that_trail_off_into_not_limited_to(heading):
    from matcher.sections import find_sections

    assert find_sections(f"HIM Manager\n{heading}\n* directs coding", kind="posting")[-1].name == "duties"


def test_lowercase_heading_expressions_agree_with_the_case_insensitive_ones():
    """Headings are matched lowercased by case-sensitive copies of the expressions (faster); every heading candidate
    of the bundled samples, in three casings, must get the same verdict as from the case-insensitive originals."""
    from matcher import sections

    from .conftest import SAMPLE_POSTINGS, SAMPLE_RESUMES

    lines = {"Why Riverbend", "why us", "WHY JOIN US", "About Riverbend Health", "ABOUT YOU"}
    for path in [*SAMPLE_POSTINGS.iterdir(), *SAMPLE_RESUMES.iterdir()]:
        if path.suffix not in {".txt", ".md", ".html"}:
            continue
        lines.update(line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines())
    checked = 0
    for line in lines:
        candidate = sections._heading_candidate(line)
        if not candidate or len(candidate) > sections._MAX_HEADING_CHARS:
            continue
        for variant in (candidate, candidate.upper(), candidate.title()):
            for kind, expression in sections._HEADING_RES.items():
                match = expression.insensitive.match(variant)
                assert sections._heading_name(variant, kind) == (match.lastgroup if match else None), variant
                checked += 1
    assert checked > 1000


def test_diagnosis_coding_is_coding_but_missing_diagnosis_codes_is_not(extractor):
    """A real resume's "accurate medical diagnosis coding" is the coding skill; a check for "missing diagnosis codes"
    on visit records is not."""
    coding = extractor.extract(posting("HIM Technician\nDuties\n- Ensure accurate medical diagnosis coding."))
    check = extractor.extract(posting("HIM Technician\nDuties\n- Run weekly checks for missing diagnosis codes."))
    assert "coding.medical_coding" in coding.skill_ids
    assert "coding.medical_coding" not in check.skill_ids


def test_shorthand_of_terse_postings_reads_as_the_words_it_stands_for(extractor):
    """Small employers write "3 yrs mgmt exp" and "release of info": aliases and token patterns written in full
    match their shorthand, and the requirement readers understand it too."""
    analysis = extractor.extract(
        posting(
            "HIM Manager\nQualifications:\n"
            "- 2+ yrs supv exp in MR dept req'd\n"
            "- knowledge of state & fed regs re: release of info\n"
            "- Assoc degree in HIT req'd; BS in HIM pref'd\n"
            "- exp w/ inpt and outpt coding\n"
        )
    )
    found = set(analysis.skill_ids)
    assert {
        "leadership.staff_supervision",
        "records_operations.release_of_information",
        "coding.inpatient_coding",
        "coding.outpatient_coding",
    } <= found
    assert [(e.years, e.area, e.requirement) for e in analysis.requirements.experience] == [
        (2, "supervisory", "required")
    ]
    assert [(d.level, d.requirement) for d in analysis.requirements.degrees] == [
        ("associate", "required"),
        ("bachelor", "preferred"),
    ]


def test_job_board_title_line_with_employer_place_and_pay(extractor):
    """Job boards put the employer, place and pay on the title's line; the boss named in "reports to" is not the
    job's rank."""
    analysis = extractor.extract(
        posting(
            "Medical Records Manager - Lakeshore Community Hospital - Sandusky, OH - $31.50 - $44.10 an hour - "
            "Full-time\n\nThe Manager runs the Medical Records department and reports to the Director of Revenue "
            "Cycle.\n\nDuties\n- Supervise release of information, chart analysis and scanning staff.\n"
            "- Keep the chart deficiency process current; RHIT required; HIPAA and ICD-10-CM knowledge.\n"
        )
    )
    assert analysis.title == "Medical Records Manager"
    assert analysis.role_level == "manager"


def test_emoji_bullets_and_headings_of_job_board_posts(extractor):
    """ "⭐ Nice to have" is a heading, and the invisible variation selector of "✔️RHIA" does not glue to the word."""
    analysis = extractor.extract(
        posting(
            "Interim HIM Director\n\n✔️ What you bring\n✔️RHIA and 7+ years of HIM leadership\n\n"
            "⭐ Nice to have\n⭐ CCS or CDIP\n"
        )
    )
    requirement = {m.skill_id: m.requirement for m in analysis.mentions}
    assert requirement["credentials.rhia"] == "required"
    assert requirement["credentials.ccs"] == requirement["credentials.cdip"] == "preferred"


def test_qualifications_paragraph_of_a_posting_without_headings(extractor):
    """Prose postings ask in a paragraph of their own; the paragraph introducing the job stays the summary."""
    analysis = extractor.extract(
        posting(
            "We are seeking a Medical Records Manager to run our HIM department and its release of information.\n\n"
            "We are looking for someone who has the RHIT credential and two years of hospital experience. You "
            "should be calm under pressure. An RHIA would be a strong addition.\n\n"
            "Apply today."
        )
    )
    requirement = {m.skill_id: m.requirement for m in analysis.mentions}
    assert requirement["records_operations.release_of_information"] is None
    assert requirement["credentials.rhit"] == "required"
    assert requirement["soft_skills.stress_tolerance"] == "required"
    assert requirement["credentials.rhia"] == "preferred"


def test_context_words_match_their_inflections_in_the_text():
    """A context word is lemmatised alone ("finding" -> "find") but "findings" in a text lemmatises to "finding":
    the rule must still see it."""
    from matcher import Extractor
    from matcher.taxonomy import build_taxonomy

    taxonomy = build_taxonomy(
        [
            (
                "ctx.yaml",
                "category: leadership\nskills:\n  - id: leadership.committees\n    label: Committees\n"
                "    aliases: [compliance committee]\n    context: {window: 6, none: [finding]}\n"
                "    weights: {director: 1, manager: 1, supervisor: 1, staff: 1}\n"
                "    provenance: {seeds: [000_0cf09cab7b8c1ecb.txt]}\n",
            )
        ]
    )
    extractor = Extractor(taxonomy=taxonomy)
    reported = extractor.extract(posting("Duties\n- Report audit findings to the Compliance Committee."))
    chaired = extractor.extract(posting("Duties\n- Chair the Compliance Committee every month."))
    assert "leadership.committees" not in reported.skill_ids
    assert "leadership.committees" in chaired.skill_ids


def test_work_another_team_does_when_the_neighbouring_sentence_spares_the_hire(extractor):
    """The sparing words may stand in the sentence before: neither the work nor the team doing it is asked."""
    spared = extractor.extract(
        posting(
            "Inpatient Coder\nAbout the role\nWhen documentation is unclear, you will not write queries yourself. "
            "Our CDI specialists handle all provider queries; you refer the case to them.\nDuties\n"
            "- Code inpatient records with ICD-10-CM and ICD-10-PCS.\n"
        )
    )
    run = extractor.extract(
        posting(
            "HIM Director\nAbout the role\nYou will lead the department. Our CDI specialists handle all provider "
            "queries and report to you.\nDuties\n- Code review oversight with ICD-10-CM.\n"
        )
    )
    assert not {"revenue_cycle.cdi", "privacy_compliance.provider_queries"} & spared.skill_ids
    assert "privacy_compliance.provider_queries" in run.skill_ids


@pytest.mark.parametrize(
    "heading", ["What you'll lead", "What You Will Oversee", "Your impact", "How you'll contribute"]
)
def test_duty_headings_end_the_employer_text_before_them(heading):
    from matcher.sections import find_sections

    text = f"HIM Director\n\n**Who we are**\nA 300-bed hospital.\n\n**{heading}**\n* Release of information.\n"
    sections = find_sections(text, kind="posting")
    assert [s.name for s in sections][-1] == "duties"


@pytest.mark.parametrize(
    "line", ["- RHIT req'd (RHIA OK)", "- RHIT required; RHIA also accepted.", "- RHIT required, RHIA considered"]
)
def test_a_credential_accepted_instead_is_an_alternative(extractor, line):
    analysis = extractor.extract(posting(f"HIM Supervisor\nQualifications\n{line}\n"))
    assert [group.any_of for group in analysis.requirements.credentials] == [("credentials.rhit", "credentials.rhia")]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Medical Record Technician , 10/2014 to Current", "Medical Record Technician"),
        ("HIM Manager, Example Regional Hospital, 2018 - 2025", "HIM Manager, Example Regional Hospital"),
        ("Coding Supervisor (Jan 2019 - Present)", "Coding Supervisor"),
    ],
)
def test_resume_titles_leave_the_job_dates_out(extractor, line, title):
    resume = Document(text=f"Pat Example\n\nEXPERIENCE\n{line}\n- Supervised coders.\n", source="r", kind="resume")
    assert extractor.extract(resume).title == title


def test_training_the_employer_gives_and_facilities_it_operates_are_not_asked(extractor):
    analysis = extractor.extract(
        posting(
            "ROI Associate\nAbout us\nCedar Hollow Health operates two Joint Commission accredited hospitals.\n\n"
            "Duties\n- Process requests for records.\n- We provide four weeks of paid training, including HIPAA and "
            "state privacy law.\n"
        )
    )
    assert not {"privacy_compliance.joint_commission", "privacy_compliance.hipaa"} & analysis.skill_ids


@pytest.mark.parametrize(
    ("line", "found", "absent"),
    [
        # A field only preferred leaves the degree itself asked in any field.
        (
            "Associates degree required, preferably in Health Information Technology.",
            {"education.associate_any", "education.associate_hit"},
            set(),
        ),
        # The field of the experience that follows is not the degree's.
        (
            "Bachelor's degree and three years of experience in health information management.",
            {"education.bachelors_any"},
            {"education.bachelors_him"},
        ),
    ],
)
def test_the_field_read_into_a_degree_says_which_degree_is_asked(extractor, line, found, absent):
    analysis = extractor.extract(posting(f"HIM Supervisor\nQualifications\n- {line}\n"))
    assert found <= analysis.skill_ids
    assert not absent & analysis.skill_ids


def test_a_degree_in_any_field_has_no_field(extractor):
    analysis = extractor.extract(
        posting(
            "ROI Associate\nRequirements\n- Associate degree (any field), or a high school diploma plus two years "
            "of HIM experience.\n"
        )
    )
    associate = next(d for d in analysis.requirements.degrees if d.level == "associate")
    assert associate.field is None
    assert "education.associate_hit" not in analysis.skill_ids


@pytest.mark.parametrize(
    "line",
    [
        "Reports to the Senior Director, HIM and Coding.",
        "The Manager leads 45 employees and reports to the Senior Director, HIM and Coding.",
    ],
)
def test_a_boss_title_holding_and_is_read_to_its_end(extractor, line):
    """Reporting lines are read on lowercased text, so "and Coding" looked like the next clause ("... and leads")."""
    analysis = extractor.extract(posting(f"HIM Operations Manager\n{line}\nDuties\n- Lead release of information.\n"))
    assert "coding.medical_coding" not in analysis.skill_ids
    led = extractor.extract(posting("HIM Manager\nReports to the HIM Director and leads the coding team.\n"))
    assert "coding.medical_coding" in led.skill_ids or "leadership.staff_supervision" in led.skill_ids


@pytest.mark.parametrize(
    "heading", ["WORK ENVIRONMENT / PHYSICAL REQUIREMENTS:", "Physical Demands and Working Conditions", "Modes of Work"]
)
def test_work_conditions_headings_hold_boilerplate(extractor, heading):
    analysis = extractor.extract(
        posting(
            f"HIM Manager\nDuties\n- Lead release of information.\n\n{heading}\nRequires bending to retrieve paper "
            "charts from shelving; may be exposed to dust in record storage areas. Hybrid work is at the discretion "
            "of the department.\n"
        )
    )
    assert "records_operations.chart_tracking_retrieval" not in analysis.skill_ids
    assert "soft_skills.integrity_ethics" not in analysis.skill_ids
    assert "records_operations.release_of_information" in analysis.skill_ids


def test_skill_words_inside_a_company_or_building_name_are_not_asked(extractor):
    named = extractor.extract(
        posting(
            "HIM Site Manager\nAbout the role\nMeridian Coding & Abstracting Solutions partners with 200 hospitals. "
            "The team works out of the Cerner Family Pavilion.\nDuties\n- Lead release of information.\n"
        )
    )
    asked = extractor.extract(posting("HIM Site Manager\nDuties\n- Lead coding and abstracting in Cerner.\n"))
    assert not {"coding.medical_coding", "ehr_software.cerner_oracle_health"} & named.skill_ids
    assert {"coding.medical_coding", "ehr_software.cerner_oracle_health"} <= asked.skill_ids


def test_a_degree_that_only_conditions_a_credential_is_not_a_second_degree_asked(extractor):
    """Annotators read "RHIT with a bachelor's degree" as part of the credential path, next to the HIM bachelor's."""
    both = extractor.extract(
        posting(
            "HIM Manager\nQualifications\n- Bachelor's degree in Health Information Management\n"
            "- RHIA, or RHIT with a bachelor's degree\n"
        )
    )
    alone = extractor.extract(posting("HIM Manager\nQualifications\n- RHIA, or RHIT with a bachelor's degree\n"))
    assert "education.bachelors_him" in both.skill_ids
    assert "education.bachelors_any" not in both.skill_ids
    assert "education.bachelors_any" in alone.skill_ids
    assert [d.level for d in both.requirements.degrees] == ["bachelor", "bachelor"]  # still read as requirements


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("3+ years in medical records, with at least 1 year leading others", [(3, "overall"), (1, "supervisory")]),
        ("At least 2 years as a coding supervisor", [(2, "supervisory")]),
        (
            "10 years of progressive HIM experience, including five years at the director level",
            [(10, "overall"), (5, "supervisory")],
        ),
        ("Records are retained for 10 years in off-site storage", []),
    ],
)
def test_years_spent_somewhere_or_doing_something_are_experience(extractor, line, expected):
    analysis = extractor.extract(posting(f"HIM Supervisor\nQualifications\n- {line}\n"))
    assert [(e.years, e.area) for e in analysis.requirements.experience] == expected


def test_years_leading_people_ask_for_supervision_not_a_leadership_trait(extractor):
    years = extractor.extract(
        posting("HIM Manager\nQualifications\n- 5 years of HIM experience, 2 years leading people\n")
    )
    trait = extractor.extract(posting("HIM Manager\nQualifications\n- Ability to lead others and build trust\n"))
    assert "leadership.staff_supervision" in years.skill_ids
    assert "soft_skills.leadership_skills" not in years.skill_ids
    assert "soft_skills.leadership_skills" in trait.skill_ids


def test_a_resume_job_title_under_its_date_range_counts_for_supervisory_years(extractor):
    """Resume builders put the dates alone on a line and the employer and title under them."""
    text = (
        "Pat Example\n\nProfessional Experience\nJanuary 2009 to January 2014\n"
        "Company Name City , State Documentation Services Manager\n- Trained staff.\n"
        "January 2005 to January 2009\n\nCompany Name City , State Transcriptionist\n- Typed reports for the manager.\n"
    )
    analysis = extractor.extract(Document(text=text, source="r", kind="resume"))
    assert [(e.years, e.area) for e in analysis.requirements.experience] == [(9.1, "overall"), (5.1, "supervisory")]


def test_overlapping_matches_of_one_skill_are_one_mention(extractor):
    analysis = extractor.extract(posting("HIM Manager\nQualifications\n- Excellent presentation skills required.\n"))
    mentions = analysis.mentions_of("soft_skills.presentation_skills")
    assert [m.text for m in mentions] == ["Excellent presentation skills"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "5 years of experience in health information management, including 2 years leading staff",
            [(5, "overall"), (2, "supervisory")],
        ),
        ("3 years of HIM management experience", [(3, "supervisory")]),
    ],
)
def test_health_information_management_is_a_field_not_a_management_role(extractor, line, expected):
    analysis = extractor.extract(posting(f"HIM Manager\nQualifications\n- {line}\n"))
    assert [(e.years, e.area) for e in analysis.requirements.experience] == expected


@pytest.mark.parametrize(
    ("history", "supervisory"),
    [
        # a PDF copy: the title above a lone comma, the dates split over lines
        ("Medical Records Supervisor\n,\n10/2014\n\nto\n03/2020\nCompany Name\n- Filed charts.\n", 5.5),
        # the title run into the first duty line under the dates
        (
            "01/2002 to 01/2004\nHealth Information Manager Company Name City , State Oversaw all HIM work flow in the "
            "department, release of information and coding for the hospital.\n",
            2.1,
        ),
        # "Lead" as the verb of the job before's last duty is no title
        (
            "Data Analyst 01/2015 to 01/2018\nLead discussions regarding data issues identified\n"
            "Business Analyst 01/2012 to 01/2015\n- Built reports.\n",
            None,
        ),
    ],
)
def test_resume_job_titles_are_found_across_layouts(extractor, history, supervisory):
    analysis = extractor.extract(Document(text=f"Pat Example\n\nExperience\n{history}", source="r", kind="resume"))
    assert analysis.requirements.years("supervisory", None) == supervisory


_INVOLVED = {"data_analytics.cancer_registry", "records_operations.release_of_information"}
_DONE_BY_OTHERS = {"records_operations.data_abstraction", "coding.icd_o"}


@pytest.mark.parametrize(
    ("text", "skill_ids"),
    [
        # work the posting says is not involved
        (
            "HIM Manager\nDuties\n- Supervise the scanning staff.\n"
            "- No cancer registry abstracting is involved in this role.\n",
            _INVOLVED,
        ),
        (
            "HIM Manager\nDuties\n- Supervise the scanning staff.\n"
            "- No release of information is performed in this job.\n",
            _INVOLVED,
        ),
        # work done by others, where the posting spares the hire
        (
            "HIM Manager\nAbout the role\nCoders belong to a separate department, and core measure abstraction is done "
            "by our Quality department, so neither is part of this job.\nDuties\n- Lead ROI staff.\n",
            _DONE_BY_OTHERS,
        ),
        (
            "HIM Manager\nAbout the role\nNo tumor registry work is involved in this role; our partner's registrars "
            "handle ICD-O-3 coding.\nDuties\n- Lead ROI staff.\n",
            _DONE_BY_OTHERS,
        ),
        # the job named by its title; a department named without "the"; exam fees as a perk
        (
            "HIM Director\nDuties\n- Lead release of information.\n"
            "- The CHIO is not expected to hold a CCS or to code.\n",
            {"credentials.ccs"},
        ),
        (
            "HIM Director\nDuties\n- Lead release of information.\n- This position does not maintain the chargemaster; "
            "CDM updates are handled by Finance.\n",
            {"revenue_cycle.chargemaster"},
        ),
        (
            "HIM Director\nDuties\n- Lead release of information.\n"
            "- We offer a 403(b) and reimbursement of exam fees for the RHIA or CCS after one year.\n",
            {"credentials.ccs"},
        ),
        # the employer's diversity statement and praise of its staff
        (
            "HIM Director\nDuties\n- Lead release of information.\n\nBrightwater is an equal opportunity employer. We "
            "value diversity, inclusion and a culture of continuous learning for all our employees.\n",
            {"soft_skills.continuous_learning"},
        ),
        (
            "HIM Director\nAbout the role\nOur HIM team is known across the region for its work in Cerner.\n"
            "Duties\n- Lead release of information.\n",
            {"ehr_software.cerner_oracle_health"},
        ),
    ],
)
def test_what_the_posting_does_not_ask_of_the_hire(extractor, text, skill_ids):
    assert not skill_ids & extractor.extract(posting(text)).skill_ids


def test_cpc_is_the_coding_credential_beside_an_apply_button_not_in_advertising(extractor):
    coder = extractor.extract(posting('Coder\nQualifications\n- CPC, COC or CCS required\n\nClick "Apply" to submit.'))
    assert "credentials.cpc" in coder.skill_ids
    marketer = extractor.extract(posting("Digital Marketer\nDuties\n- Lower our CPC (cost per click) on paid search."))
    assert "credentials.cpc" not in marketer.skill_ids
