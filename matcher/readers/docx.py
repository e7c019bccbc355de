"""DOCX resumes: paragraphs, tables, text boxes, headers and footers, read straight from the package XML.

The zip is checked before anything is decompressed (entry count, total size, compression ratio: zip bombs), and XML
with a DOCTYPE is refused, so no entity can expand or reach outside the file.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from ..errors import DocumentError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNCOMPRESSED = 50_000_000
MAX_RATIO = 200
MAX_ENTRIES = 2_000


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    """A paragraph's own text; paragraphs nested in its text boxes are read as paragraphs of their own."""
    parts: list[str] = []

    def walk(node: ElementTree.Element) -> None:
        for child in node:
            if child.tag == f"{_W}p":
                continue
            if child.tag == f"{_W}t" and child.text:
                parts.append(child.text)
            elif child.tag == f"{_W}tab":
                parts.append("\t")
            elif child.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            walk(child)

    walk(paragraph)
    return "".join(parts)


def _part_text(xml: bytes, *, source: str) -> list[str]:
    if b"<!DOCTYPE" in xml[:2000].upper() or b"<!ENTITY" in xml.upper():
        raise DocumentError("contains XML entity declarations, which are refused for safety", source=source)
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as err:
        raise DocumentError(f"has damaged XML inside ({err})", source=source) from err
    # root.iter visits an anchor paragraph before the text-box paragraphs inside it: reading order is kept.
    return [text for paragraph in root.iter(f"{_W}p") if (text := _paragraph_text(paragraph))]


def read_docx(raw: bytes, *, source: str) -> str:
    """The text of a DOCX file, or DocumentError saying why it cannot be read."""
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise DocumentError("has a .docx name but is not a DOCX (zip) file", source=source)
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError) as err:
        raise DocumentError(f"is a damaged zip file ({err})", source=source) from err
    entries = package.infolist()
    if len(entries) > MAX_ENTRIES:
        raise DocumentError(f"has {len(entries)} zip entries, over the {MAX_ENTRIES} limit", source=source)
    total = sum(e.file_size for e in entries)
    compressed = max(1, sum(e.compress_size for e in entries))
    if total > MAX_UNCOMPRESSED or total / compressed > MAX_RATIO:
        raise DocumentError(
            f"would expand to {total:,} bytes ({total / compressed:.0f}x): refused as a possible zip bomb",
            source=source,
        )
    names = {e.filename for e in entries}
    if "word/document.xml" not in names:
        raise DocumentError("is a zip file but not a Word document (no word/document.xml)", source=source)
    try:
        headers = sorted(n for n in names if n.startswith("word/header") and n.endswith(".xml"))
        footers = sorted(n for n in names if n.startswith("word/footer") and n.endswith(".xml"))
        parts = [*headers, "word/document.xml", *footers]  # a resume's header usually holds name and contact
        lines: list[str] = []
        for part in parts:
            lines.extend(_part_text(package.read(part), source=source))
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as err:
        raise DocumentError(f"is a damaged DOCX ({err})", source=source) from err
    return "\n".join(lines)
