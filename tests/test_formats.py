"""PDF, DOCX, JSON Resume and collections, and every hostile or broken input the reader layer must name."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from matcher import Extractor, FitScorer, read_document
from matcher.readers import RowFailure, iter_inputs

from .conftest import SAMPLE_POSTINGS, SAMPLE_RESUMES

reportlab = pytest.importorskip("reportlab")


def _pdf(text_lines: list[str] | None) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    if text_lines is None:
        pdf.rect(50, 50, 300, 300, fill=1)  # an "image" page: shapes, no text layer
    else:
        y = 750
        for line in text_lines:
            pdf.drawString(50, y, line)
            y -= 14
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _docx(paragraphs: list[str], *, extra: dict[str, bytes] | None = None, body: bytes | None = None) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (
        body
        or (
            f'<w:document xmlns:w="{w}"><w:body>'
            + "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
            + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Table cell: ICD-10-CM</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            + "</w:body></w:document>"
        ).encode()
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "stem", ["r02_him_manager_rhia_community", "r04_coding_manager_ccs_rhit", "r11_receptionist_keyword_stuffed"]
)
def test_same_resume_as_text_pdf_and_docx_scores_within_one_point(stem, extractor):
    source = next(p for p in SAMPLE_RESUMES.iterdir() if p.stem == stem and p.suffix in {".txt", ".md"})
    postings = [extractor.extract(read_document(p, kind="posting")) for p in sorted(SAMPLE_POSTINGS.glob("p00*.txt"))]
    scorer = FitScorer().fit(postings)
    versions = [source, SAMPLE_RESUMES / "pdf" / f"{stem}.pdf", SAMPLE_RESUMES / "docx" / f"{stem}.docx"]
    resumes = [extractor.extract(read_document(p, kind="resume")) for p in versions]
    for posting in postings:
        scores = [scorer.score(resume=r, posting=posting).score for r in resumes]
        assert max(scores) - min(scores) <= 1.0, (posting.source, scores)


def test_pdf_text_layer_and_running_footer_removed(tmp_path):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    bodies = [
        ["EXPERIENCE", "HIM Manager, Example Hospital", "Led release of information staff"],
        ["Chart completion and deficiency analysis", "Master patient index cleanup", "Budget of $2M"],
        ["EDUCATION", "Bachelor of Science in Health Information Management", "CERTIFICATIONS RHIA"],
    ]
    for page, body in enumerate(bodies):
        pdf.drawString(50, 780, "Jane Example - Resume")
        for i, line in enumerate(body):
            pdf.drawString(50, 700 - 20 * i, line)
        pdf.drawString(50, 40, f"Page {page + 1} of 3")
        pdf.showPage()
    pdf.save()
    path = tmp_path / "r.pdf"
    path.write_bytes(buffer.getvalue())
    text = read_document(path).text
    assert "release of information" in text
    assert "Page 2 of 3" not in text and text.count("Jane Example - Resume") == 0


@pytest.mark.parametrize(
    ("name", "make", "fragment"),
    [
        ("scan.pdf", lambda: _pdf(None), "scanned PDF with no text layer"),
        ("cut.pdf", lambda: _pdf(["RHIA", "Release of information"] * 5)[:300], "not a readable PDF"),
        ("fake.pdf", lambda: b"just text pretending", "not a PDF"),
        ("renamed.docx", lambda: _zip_other(), "not a Word document"),
        ("plain.docx", lambda: b"hello there, not a zip", "not a DOCX"),
        ("bomb.docx", lambda: _docx([], body=b"<w:document>" + b" " * 6_000_000 + b"</w:document>"), "zip bomb"),
        ("entity.docx", lambda: _docx([], body=b'<!DOCTYPE x [<!ENTITY a "b">]><w:document/>'), "entity"),
        ("broken.json", lambda: b'{"basics": {', "not valid JSON"),
        ("other.json", lambda: b'{"hello": "world"}', "neither a JSON Resume"),
    ],
)
def test_hostile_files_are_named_with_the_reason(tmp_path, name, make, fragment):
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(Exception) as info:
        read_document(path)
    assert fragment in str(info.value) and name in str(info.value)


def _zip_other() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("photo.jpg", b"\xff\xd8 not really")
    return buffer.getvalue()


def test_encrypted_pdf_is_reported(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_pdf(["RHIA", "Release of information specialist"]))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(Exception, match=r"password|encrypted"):
        read_document(path)


def test_docx_reads_paragraphs_tables_and_headers(tmp_path):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    header = f'<w:hdr xmlns:w="{w}"><w:p><w:r><w:t>Jane Example, RHIA</w:t></w:r></w:p></w:hdr>'.encode()
    path = tmp_path / "r.docx"
    path.write_bytes(_docx(["EXPERIENCE", "HIM Manager, 2019 - 2025"], extra={"word/header1.xml": header}))
    text = read_document(path).text
    assert text.startswith("Jane Example, RHIA")
    assert "HIM Manager, 2019 - 2025" in text and "Table cell: ICD-10-CM" in text


def test_docx_text_boxes_and_their_anchor_paragraph_are_both_read(tmp_path):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = (
        f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>Anchor text: HIM Supervisor</w:t></w:r>'
        "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>Sidebar: RHIT, Epic</w:t></w:r></w:p></w:txbxContent>"
        "</w:pict></w:r></w:p></w:body></w:document>"
    ).encode()
    path = tmp_path / "box.docx"
    path.write_bytes(_docx([], body=body))
    assert read_document(path).text == "Anchor text: HIM Supervisor\nSidebar: RHIT, Epic"


def test_json_resume(tmp_path, extractor):
    resume = {
        "basics": {"name": "Jane Example", "label": "HIM Manager", "summary": "HIM leader."},
        "work": [
            {
                "name": "Example Hospital",
                "position": "HIM Manager",
                "startDate": "2019-01",
                "highlights": ["Supervised release of information staff"],
            }
        ],
        "education": [{"institution": "Example U", "studyType": "Bachelor", "area": "Health Information Management"}],
        "certificates": [{"name": "RHIA", "issuer": "AHIMA"}],
        "skills": [{"name": "Coding", "keywords": ["ICD-10-CM"]}],
    }
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(resume), encoding="utf-8")
    document = read_document(path)
    assert document.kind == "resume"
    analysis = extractor.extract(document)
    sections = {m.skill_id: m.section for m in analysis.mentions}
    assert sections["credentials.rhia"] == "certifications"
    assert sections["records_operations.release_of_information"] == "experience"


def test_collections_account_for_every_row(tmp_path):
    csv_path = tmp_path / "jobs.csv"
    csv_path.write_text(
        "job_id,title,description\n"
        '1,HIM Manager,"Supervise release of information.\nRHIA required."\n'
        "2,Coder,\n"
        "3,Extra,too,many,fields\n"
        "4\n"
        '5,Clerk,"Scanning and indexing, chart completion."\n',
        encoding="utf-8",
    )
    jsonl_path = tmp_path / "jobs.jsonl"
    jsonl_path.write_text(
        '{"id": "a", "title": "HIM Director", "description": "Lead HIM. RHIA required."}\n'
        '{"id": "b", "title": broken\n'
        '["not", "an", "object"]\n',
        encoding="utf-8",
    )
    parquet_path = tmp_path / "jobs.parquet"
    import pandas as pd

    pd.DataFrame({"posting_id": [7], "job_title": ["ROI Specialist"], "text": ["Process ROI requests."]}).to_parquet(
        parquet_path
    )
    items = list(iter_inputs([csv_path, jsonl_path, parquet_path]))
    documents = [i for i in items if not isinstance(i, RowFailure)]
    failures = [i for i in items if isinstance(i, RowFailure)]
    assert len(documents) == 4 and len(failures) == 5  # 9 rows in, 4 processed + 5 failed
    assert {d.source.split("#", 1)[1] for d in documents} == {"id=1", "id=5", "id=a", "id=7"}
    reasons = " ".join(f.reason for f in failures)
    assert "empty 'description'" in reasons and "fields where the header has" in reasons
    assert "not valid JSON" in reasons and "not a JSON object" in reasons
    assert documents[0].text.startswith("HIM Manager") and "RHIA required" in documents[0].text


def test_collection_columns_can_be_named_and_missing_ones_are_explained(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("ref,heading,body_text\n9,HIM Supervisor,Supervise coders.\n", encoding="utf-8")
    failures = list(iter_inputs([path]))
    assert isinstance(failures[0], RowFailure) and "--text-column" in failures[0].reason
    named = list(iter_inputs([path], text_column="body_text", title_column="heading", id_column="ref"))
    assert named[0].title == "HIM Supervisor" and named[0].source.endswith("#id=9")


def test_directories_are_read_recursively(tmp_path):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "p.txt").write_text("HIM Manager\nRHIA required.", encoding="utf-8")
    (tmp_path / "a" / "q.md").write_text("# Coder\nCPT.", encoding="utf-8")
    (tmp_path / "a" / "skip.png").write_bytes(b"\x89PNG")
    items = list(iter_inputs([tmp_path]))
    assert sorted(i.source.rsplit("/", 1)[1] for i in items) == ["p.txt", "q.md"]


def test_realistic_extraction_on_generated_binaries(extractor: Extractor):
    pdf = extractor.extract(read_document(SAMPLE_RESUMES / "pdf" / "r01_him_director_rhia_mha.pdf"))
    assert pdf.kind == "resume" and "credentials.rhia" in pdf.skill_ids


def test_pdf_page_limit_is_configurable(tmp_path):
    path = tmp_path / "long.pdf"
    path.write_bytes(_pdf(["HIM Manager", "RHIA required", "Release of information"]))
    with pytest.raises(Exception, match="page limit"):
        read_document(path, max_pages=0)


def test_scanned_pdf_resume_is_scored_as_no_text(tmp_path):
    from typer.testing import CliRunner

    from matcher.cli import app

    resume = tmp_path / "scan.pdf"
    resume.write_bytes(_pdf(None))
    posting = tmp_path / "p.txt"
    posting.write_text("HIM Manager\nQualifications\n- RHIA required.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(resume), str(posting), "--format", "json"])
    assert result.exit_code == 1 and "scanned PDF" in result.stderr
    assert json.loads(result.stdout)["results"][0]["status"] == "no_text"
