"""Generate the PDF and DOCX versions of the sample resumes from their text sources, reproducibly.

Usage: python scripts/make_resume_files.py [--out DIR]

Each sample resume (sample_resumes/r*.txt|md) becomes sample_resumes/pdf/<name>.pdf (reportlab, invariant mode:
no timestamps or random ids) and sample_resumes/docx/<name>.docx (python-docx, fixed document properties and zip
entry times). Headings become bold headings, "-"/"*"/"•" lines become bullets, everything else a paragraph, so the
binaries carry the same words as their sources. Running it twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESUMES = ROOT / "sample_resumes"
_FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
_BULLET_RE = re.compile(r"^\s*(?:[-*•]|\d+\.)\s+")
_MD_DECORATION_RE = re.compile(r"\*\*|__|`")


def blocks(text: str) -> list[tuple[str, str]]:
    """(kind, text) per non-empty line: heading, bullet or paragraph."""
    out = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip() or set(line.strip()) <= set("=-_|+"):
            continue
        if line.lstrip().startswith("#"):
            out.append(("heading", line.lstrip("# ").strip()))
        elif _BULLET_RE.match(line):
            out.append(("bullet", _MD_DECORATION_RE.sub("", _BULLET_RE.sub("", line)).strip()))
        elif line.strip().isupper() and len(line.strip()) < 60:
            out.append(("heading", line.strip()))
        else:
            out.append(("paragraph", _MD_DECORATION_RE.sub("", line).strip()))
    return out


def write_pdf(items: list[tuple[str, str]], path: Path, title: str) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    story = []
    for kind, text in items:
        safe = escape(text)
        if kind == "heading":
            story.append(Spacer(1, 6))
            story.append(Paragraph(f"<b>{safe}</b>", styles["Heading3"]))
        elif kind == "bullet":
            story.append(ListFlowable([ListItem(Paragraph(safe, styles["BodyText"]))], bulletType="bullet"))
        else:
            story.append(Paragraph(safe, styles["BodyText"]))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=LETTER, title=title, author="skills-matcher samples", invariant=1)
    doc.build(story)
    path.write_bytes(buffer.getvalue())


def write_docx(items: list[tuple[str, str]], path: Path, title: str) -> None:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title, props.author = title, "skills-matcher samples"
    props.created = props.modified = _FIXED_TIME
    props.last_modified_by = "skills-matcher samples"
    props.revision = 1
    for kind, text in items:
        if kind == "heading":
            document.add_heading(text, level=2)
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    # python-docx stamps zip entries with the current time; rewrite them with a fixed one.
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    fixed = io.BytesIO()
    with zipfile.ZipFile(fixed, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    path.write_bytes(fixed.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESUMES)
    args = parser.parse_args()
    (args.out / "pdf").mkdir(parents=True, exist_ok=True)
    (args.out / "docx").mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in RESUMES.iterdir() if p.name.startswith("r") and p.suffix in {".txt", ".md"})
    for source in sources:
        items = blocks(source.read_text(encoding="utf-8"))
        write_pdf(items, args.out / "pdf" / f"{source.stem}.pdf", source.stem)
        write_docx(items, args.out / "docx" / f"{source.stem}.docx", source.stem)
    print(f"wrote {len(sources)} PDF and {len(sources)} DOCX resumes under {args.out}")


if __name__ == "__main__":
    main()
