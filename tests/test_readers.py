from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher import DocumentError, read_document
from matcher.readers import normalize_text


def test_reads_text_and_markdown(tmp_path):
    (tmp_path / "a.txt").write_text("HIM Manager\nResponsibilities\n- Things.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# HIM Manager\n\n## Responsibilities\n- Things.\n", encoding="utf-8")
    assert read_document(tmp_path / "a.txt").text.startswith("HIM Manager")
    assert "Responsibilities" in read_document(tmp_path / "b.md").text


@pytest.mark.parametrize(
    ("setup", "fragment"),
    [
        (lambda d: d / "missing.txt", "does not exist"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "is empty"),
        (lambda d: _write(d / "blank.txt", b"  \n\t \n"), "is empty"),
        (lambda d: _write(d / "bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR"), "binary"),
        (lambda d: _write(d / "noise.txt", bytes((i * 7919) % 128 + 128 for i in range(400))), "no plausible encoding"),
        (lambda d: _write(d / "x.pdfx", b"hello"), "unsupported format"),
    ],
)
def test_unreadable_inputs_raise_one_clear_error(tmp_path, setup, fragment):
    path = setup(tmp_path)
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert fragment in str(info.value)
    assert str(path) in str(info.value)


def _write(path, raw: bytes):
    path.write_bytes(raw)
    return path


def test_legacy_encoding_is_read_with_a_warning(tmp_path):
    path = _write(tmp_path / "legacy.txt", "Café résumé – HIM Manager, 5 years".encode("cp1252"))
    document = read_document(path)
    assert document.text == "Café résumé – HIM Manager, 5 years"
    assert document.warnings and "guessed" in document.warnings[0]


def test_size_limit(tmp_path):
    path = _write(tmp_path / "big.txt", b"word " * 1000)
    with pytest.raises(DocumentError, match="over the 100-byte limit"):
        read_document(path, max_bytes=100)


def test_bom_and_crlf_are_handled(tmp_path):
    path = _write(tmp_path / "bom.txt", "\ufeffHIM Manager\r\nRHIA required\r\n".encode())
    assert read_document(path).text == "HIM Manager\nRHIA required"
    path16 = _write(tmp_path / "u16.txt", "HIM Manager\nRHIT".encode("utf-16"))
    assert read_document(path16).text == "HIM Manager\nRHIT"


def test_mojibake_and_glued_bullets_are_repaired():
    text = "Manage ROI staffâ€™s workflow â€” daily•Maintain MPI integrity•Audit coding"
    fixed = normalize_text(text)
    assert "â€" not in fixed
    assert "staff’s" in fixed or "staff's" in fixed
    assert fixed.splitlines()[1].startswith("• Maintain")


def test_list_items_run_together_by_a_scraper_are_split_but_brand_names_are_not():
    text = normalize_text("gaps in EHR systemsProblem solve; Informatics, preferredIn depth knowledge of athenaOne")
    assert text.splitlines() == [
        "gaps in EHR systems",
        "Problem solve; Informatics, preferred",
        "In depth knowledge of athenaOne",
    ]
    glued = "in a healthcare setting.Minimum one year.Required:RHIT\nResponsibilitiesPerform coding reviews"
    assert normalize_text(glued).splitlines() == [
        "in a healthcare setting.",
        "Minimum one year.",
        "Required:",
        "RHIT",
        "Responsibilities",
        "Perform coding reviews",
    ]
    acronyms = "or related fieldRHIA, RHIT or CCS\nHealth AdministrationRHIT required\nPreferred: RHIAWork from home"
    assert normalize_text(acronyms).splitlines() == [
        "or related field",
        "RHIA, RHIT or CCS",
        "Health Administration",
        "RHIT required",
        "Preferred: RHIA",
        "Work from home",
    ]
    kept = "eClinicalWorks, iKnowMed, PowerChart, PowerBI, athenaIDX, openEHR, EHRs, jane.doe@example.org, Ph.D."
    assert normalize_text(kept) == kept


def test_html_posting_prefers_json_ld_and_skips_scripts(tmp_path):
    html = """<html><head><title>Jobs | Example</title>
    <script>var tracking = "RHIA CCS";</script>
    <script type="application/ld+json">{"@context": "https://schema.org", "@type": "JobPosting",
      "title": "Director of HIM", "description": "<p>Lead the <b>HIM</b> department.</p>",
      "qualifications": "RHIA required", "educationRequirements": {"@type": "EducationalOccupationalCredential",
      "credentialCategory": "bachelor degree"}}</script></head>
    <body><nav>Home | Careers</nav><h1>Director of HIM</h1><p>Lead the HIM department.</p><p>RHIA required</p>
    <footer>&copy; Example</footer></body></html>"""
    path = tmp_path / "p.html"
    path.write_text(html, encoding="utf-8")
    document = read_document(path, kind="posting")
    assert document.title == "Director of HIM"
    assert "RHIA required" in document.text
    assert "tracking" not in document.text
    assert "Careers" not in document.text


def test_markup_saved_as_text_is_read_as_html(tmp_path):
    scraped = (
        "<h2>Responsibilities</h2><ul><li>Maintain the MPI.</li><li>Complete annual performance appraisals.</li>"
        "</ul><h2>Qualifications</h2><ul><li>RHIA required.</li></ul>"
    )
    path = tmp_path / "scraped.txt"
    path.write_text(scraped, encoding="utf-8")
    document = read_document(path, kind="posting")
    assert "<" not in document.text and "Maintain the MPI." in document.text
    assert any("HTML" in w for w in document.warnings)
    plain = tmp_path / "notes.md"
    plain.write_text("# HIM Manager\nLead the team.<br>\nRHIA <b>required</b>.", encoding="utf-8")
    assert "<br>" in read_document(plain, kind="posting").text  # a stray tag or two is not a web page


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=600))
def test_decoding_any_bytes_gives_text_or_one_clear_error(raw):
    from matcher.readers import decode_text

    try:
        text, warning = decode_text(raw, source="x.txt")
    except DocumentError as err:
        assert str(err).startswith("[E002] x.txt: ")
    else:
        assert isinstance(text, str)
        assert warning is None or "guessed" in warning


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HIM Manager\r\n\tLead   staff \r\n\r\n\r\n\r\nRHIA", "HIM Manager\n Lead   staff\n\nRHIA"),
        ("• Coding\n  • Release of information", "• Coding\n  • Release of information"),
        ("Coding audits •ROI backlog", "Coding audits\n• ROI backlog"),
        ("•RHIT preferred", "• RHIT preferred"),
        ("HIPAAÂ privacy\u00a0rule\u200b", "HIPAA  privacy rule"),
        ("chart com-\npletion", "chart completion"),
    ],
)
def test_each_repair_runs_when_its_characters_are_present(raw, expected):
    assert normalize_text(raw) == expected


def test_a_capitalised_word_glued_to_the_next_item_is_split_but_brand_names_stay():
    from matcher.readers.normalize import normalize_text

    assert (
        normalize_text("CMS Conditions of ParticipationOther duties") == "CMS Conditions of Participation\nOther duties"
    )
    assert normalize_text("put them into ExcelWhat You Bring") == "put them into Excel\nWhat You Bring"
    assert normalize_text("PowerChart, HealthStream and MyChart") == "PowerChart, HealthStream and MyChart"


def test_a_word_glued_to_the_years_of_the_next_item_is_split():
    from matcher.readers.normalize import normalize_text

    assert normalize_text("HIT preferred3+ years of ROI experience") == "HIT preferred\n3+ years of ROI experience"
    assert normalize_text("ICD10, 3M and HL7 interfaces") == "ICD10, 3M and HL7 interfaces"
    assert normalize_text("RHIA, RHIT or CCS10+ years of coding") == "RHIA, RHIT or CCS\n10+ years of coding"
    assert normalize_text("ICD10 codes and CPT4 for 2 years") == "ICD10 codes and CPT4 for 2 years"


def test_a_numbered_item_glued_to_the_sentence_before_is_split():
    from matcher.readers.normalize import normalize_text

    assert normalize_text("as needed.14. Adheres to policies.15. Completes") == (
        "as needed.\n14. Adheres to policies.\n15. Completes"
    )
    assert normalize_text("see p.12. Then") == "see p.12. Then"
