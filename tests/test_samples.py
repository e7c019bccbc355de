"""The bundled corpus is what its data card says, and the binary resumes match their text sources."""

from __future__ import annotations

import csv
import re
from collections import Counter

import pytest

from .conftest import SAMPLE_POSTINGS, SAMPLE_RESUMES

RESUME_SOURCES = sorted(p for p in SAMPLE_RESUMES.iterdir() if p.name.startswith("r") and p.suffix in {".txt", ".md"})
WORD_RE = re.compile(r"[a-z0-9]+")


def words(text: str) -> Counter[str]:
    return Counter(WORD_RE.findall(text.lower()))


def test_posting_manifest_matches_files_and_mix():
    rows = list(csv.DictReader((SAMPLE_POSTINGS / "manifest.csv").open(encoding="utf-8")))
    files = {p.name for p in SAMPLE_POSTINGS.iterdir() if p.name.startswith("p")}
    assert {r["file"] for r in rows} == files
    assert len(rows) >= 60
    levels = Counter(r["role_level"] for r in rows)
    assert levels["director"] >= 12 and levels["manager"] >= 15 and levels["supervisor"] >= 10
    assert levels["staff"] >= 15 and levels["outside"] >= 8
    assert set(Counter(r["style"] for r in rows)) == {"bulleted", "prose", "federal", "terse", "scraped", "html"}
    lengths = [int(r["words"]) for r in rows]
    assert min(lengths) >= 140 and max(lengths) <= 1250


def test_resume_manifest_covers_every_resume():
    rows = list(csv.DictReader((SAMPLE_RESUMES / "manifest.csv").open(encoding="utf-8")))
    assert {r["file"] for r in rows} == {p.name for p in RESUME_SOURCES}
    assert len(rows) >= 12


@pytest.mark.parametrize("source", RESUME_SOURCES, ids=lambda p: p.stem)
def test_binary_resumes_carry_the_source_words(source):
    pypdf = pytest.importorskip("pypdf")
    docx = pytest.importorskip("docx")
    expected = words(source.read_text(encoding="utf-8"))
    pdf_path = SAMPLE_RESUMES / "pdf" / f"{source.stem}.pdf"
    docx_path = SAMPLE_RESUMES / "docx" / f"{source.stem}.docx"
    assert pdf_path.exists() and docx_path.exists(), "run `python scripts/make_resume_files.py`"
    pdf_text = "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(pdf_path).pages)
    docx_text = "\n".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    for got in (words(pdf_text), words(docx_text)):
        missing = sum((expected - got).values())
        assert missing <= 0.02 * sum(expected.values()), (source.name, (expected - got).most_common(8))
