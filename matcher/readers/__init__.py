"""The reader layer: every path becomes a Document through ``read_document``, whatever its format.

One module per format; text normalisation lives in ``normalize``. Readers never score and never print.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..analysis import Document, DocumentKind
from ..errors import DocumentError, NoTextError, OptionError
from .collections import COLLECTION_SUFFIXES, RowFailure, read_collection
from .normalize import normalize_text

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".rst", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
BINARY_SUFFIXES = frozenset({".pdf", ".docx"})
JSON_SUFFIXES = frozenset({".json"})
SUPPORTED_SUFFIXES = tuple(sorted(TEXT_SUFFIXES - {""} | HTML_SUFFIXES | BINARY_SUFFIXES | JSON_SUFFIXES))
DEFAULT_MAX_BYTES = 5_000_000
_KINDS = ("posting", "resume", "auto")
# Legacy single-byte encodings real files come in; anything else is refused rather than guessed wildly.
_PLAUSIBLE_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "cp1250", "mac_roman")


def decode_text(raw: bytes, *, source: str) -> tuple[str, str | None]:
    """Text of ``raw`` and a warning when its encoding had to be guessed; DocumentError when it is not text."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError as err:
            raise DocumentError(
                f"has a UTF-16 byte-order mark but does not decode as UTF-16 ({err.reason})", source=source
            ) from err
    sample = raw[:8192]
    if b"\x00" in sample:
        raise DocumentError("is a binary file, not text; give .txt, .md, .html, .pdf or .docx", source=source)
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        utf8_error = err
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=list(_PLAUSIBLE_ENCODINGS)).best()
    if best is None or best.chaos > 0.3:
        raise DocumentError(
            f"is not valid UTF-8 (byte 0x{raw[utf8_error.start]:02x} at offset {utf8_error.start}) and decodes in no "
            "plausible encoding; save it as UTF-8 text",
            source=source,
        )
    return str(best), f"{source}: not UTF-8; read as {best.encoding} (guessed)"


def read_text(
    text: str, *, source: str = "<text>", kind: str = "auto", suffix: str = ".txt", warnings: Iterable[str] = ()
) -> Document:
    """Build a Document from text already in memory (HTML or JSON when ``suffix`` says so)."""
    from ..extract import detect_kind

    if kind not in _KINDS:
        raise OptionError(f"kind {kind!r} is not valid; use one of {list(_KINDS)}")
    title: str | None = None
    warnings = list(warnings)
    if suffix.lower() in JSON_SUFFIXES:
        text, title, json_kind = _json_document(text, source=source)
        if kind == "auto":
            kind = json_kind
    elif suffix.lower() in HTML_SUFFIXES or _looks_like_html(text):
        from .html import html_to_text, job_posting_from_json_ld

        if suffix.lower() not in HTML_SUFFIXES:
            warnings.append("read as HTML: the file holds HTML markup")

        visible, page_title, json_ld = html_to_text(text)
        structured = job_posting_from_json_ld(json_ld)
        if structured is not None and len(structured[0]) >= 0.4 * len(visible.strip()):
            text, title = structured
        else:
            text, title = visible, page_title
    normalized = normalize_text(text)
    if not normalized.strip():
        raise NoTextError("has no text (it is empty or whitespace only)", source=source)
    resolved: DocumentKind = detect_kind(normalized) if kind == "auto" else kind  # type: ignore[assignment]
    return Document(text=normalized, source=source, kind=resolved, title=title, warnings=tuple(warnings))


# Scraped postings are often saved as .txt with their markup ("<li>Maintain the MPI.</li>"): tags glued to words
# break tokens, and headings in <h2> are not seen as headings. A few block or line tags mark such a file;
# Markdown's occasional <br> does not.
_HTML_TAG_RE = re.compile(
    r"</?(?:p|li|ul|ol|div|h[1-6]|br|strong|em|b|span|table|tr|td|section)\b[^<>]{0,200}>", re.IGNORECASE
)
_MIN_HTML_TAGS = 5


def _looks_like_html(text: str) -> bool:
    if "<" not in text:
        return False
    return any(tags >= _MIN_HTML_TAGS for tags, _ in enumerate(_HTML_TAG_RE.finditer(text), start=1))


def read_document(
    path: str | Path,
    *,
    kind: str = "auto",
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = 200,
    time_budget: float = 20.0,
) -> Document:
    """Read a posting or resume file into a Document, or raise DocumentError saying why it cannot be read.

    ``max_bytes`` limits any file; ``max_pages`` and ``time_budget`` (seconds) limit PDF parsing.
    """
    p = Path(path)
    name = source if source is not None else str(path)
    if not p.exists():
        raise DocumentError("does not exist", source=name)
    if p.is_dir():
        raise DocumentError("is a directory; give the files inside it", source=name)
    suffix = p.suffix.lower()
    if suffix in COLLECTION_SUFFIXES:
        raise DocumentError(
            "is a collection of postings; read it with read_collection (the CLI does this itself)", source=name
        )
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | BINARY_SUFFIXES | JSON_SUFFIXES:
        raise DocumentError(
            f"has an unsupported format '{suffix}'; supported: {', '.join(SUPPORTED_SUFFIXES)}", source=name
        )
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise DocumentError(f"is {size:,} bytes, over the {max_bytes:,}-byte limit", source=name)
        raw = p.read_bytes()
    except OSError as err:
        raise DocumentError(f"cannot be read ({err.strerror})", source=name) from err
    if not raw.strip():
        raise NoTextError("is empty", source=name)
    if suffix == ".pdf":
        from .pdf import read_pdf

        text = read_pdf(raw, source=name, time_budget=time_budget, max_pages=max_pages)
        return read_text(text, source=name, kind=kind)
    if suffix == ".docx":
        from .docx import read_docx

        return read_text(read_docx(raw, source=name), source=name, kind=kind)
    text, warning = decode_text(raw, source=name)
    return read_text(text, source=name, kind=kind, suffix=suffix, warnings=[warning] if warning else [])


def _json_document(text: str, *, source: str) -> tuple[str, str | None, str]:
    """(text, title, kind) of a JSON Resume or a schema.org JobPosting given as JSON."""
    import json

    from .html import job_posting_from_json_ld
    from .jsonresume import is_json_resume, json_resume_text

    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise DocumentError(f"is not valid JSON ({err.msg} at line {err.lineno})", source=source) from err
    if is_json_resume(data):
        basics = data.get("basics") or {}
        return json_resume_text(data), basics.get("label") or None, "resume"
    posting = job_posting_from_json_ld([text])
    if posting is not None:
        return posting[0], posting[1], "posting"
    raise DocumentError(
        "is JSON, but neither a JSON Resume (basics, work, ...) nor a schema.org JobPosting", source=source
    )


def files_in(directory: Path, suffixes: Iterable[str]) -> list[Path]:
    """The files below ``directory`` (recursively, sorted, hidden ones skipped) whose extension is in ``suffixes``."""
    wanted = set(suffixes)
    return sorted(
        f for f in directory.rglob("*") if f.is_file() and f.suffix.lower() in wanted and not f.name.startswith(".")
    )


def iter_inputs(
    paths: Iterable[str | Path],
    *,
    kind: str = "auto",
    text_column: str | None = None,
    title_column: str | None = None,
    id_column: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | RowFailure]:
    """Every document in ``paths``: files, directories (recursively, by extension) and collections (row by row).

    Nothing is dropped silently: each input that cannot be read comes out as a RowFailure with the reason.
    """
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found = files_in(p, (*SUPPORTED_SUFFIXES, *COLLECTION_SUFFIXES))
            if not found:
                yield RowFailure(str(path), f"is a directory with no {', '.join(SUPPORTED_SUFFIXES)} files")
            yield from iter_inputs(
                found,
                kind=kind,
                text_column=text_column,
                title_column=title_column,
                id_column=id_column,
                max_bytes=max_bytes,
            )
            continue
        if p.suffix.lower() in COLLECTION_SUFFIXES:
            try:
                yield from read_collection(p, text_column=text_column, title_column=title_column, id_column=id_column)
            except DocumentError as err:
                yield RowFailure(str(path), err.message.split(": ", 1)[-1])
            continue
        try:
            yield read_document(p, kind=kind, source=str(path), max_bytes=max_bytes)
        except DocumentError as err:
            yield RowFailure(str(path), err.message.split(": ", 1)[-1])


__all__ = ["SUPPORTED_SUFFIXES", "normalize_text", "read_document", "read_text"]
