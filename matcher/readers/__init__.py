"""The reader layer: every path becomes a Document through ``read_document``, whatever its format.

One module per format; text normalisation lives in ``normalize``. Readers never score and never print.
"""

from __future__ import annotations

from pathlib import Path

from ..analysis import Document, DocumentKind
from ..errors import DocumentError, OptionError
from .normalize import normalize_text

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".rst", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED_SUFFIXES = tuple(sorted(TEXT_SUFFIXES - {""} | HTML_SUFFIXES))
DEFAULT_MAX_BYTES = 5_000_000
_KINDS = ("posting", "resume", "auto")


def _decode(raw: bytes, *, source: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as err:
            raise DocumentError(
                f"has a UTF-16 byte-order mark but does not decode as UTF-16 ({err.reason})", source=source
            ) from err
    sample = raw[:8192]
    if b"\x00" in sample:
        raise DocumentError("is a binary file, not text; give a .txt, .md or .html file", source=source)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DocumentError(
            f"is not valid UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start}); save it as UTF-8 text",
            source=source,
        ) from err


def read_text(text: str, *, source: str = "<text>", kind: str = "auto", suffix: str = ".txt") -> Document:
    """Build a Document from text already in memory (HTML when ``suffix`` says so)."""
    from ..extract import detect_kind

    if kind not in _KINDS:
        raise OptionError(f"kind {kind!r} is not valid; use one of {list(_KINDS)}")
    title: str | None = None
    warnings: list[str] = []
    if suffix.lower() in HTML_SUFFIXES:
        from .html import html_to_text, job_posting_from_json_ld

        visible, page_title, json_ld = html_to_text(text)
        structured = job_posting_from_json_ld(json_ld)
        if structured is not None and len(structured[0]) >= 0.4 * len(visible.strip()):
            text, title = structured
        else:
            text, title = visible, page_title
    normalized = normalize_text(text)
    if not normalized.strip():
        raise DocumentError("has no text (it is empty or whitespace only)", source=source)
    resolved: DocumentKind = detect_kind(normalized) if kind == "auto" else kind  # type: ignore[assignment]
    return Document(text=normalized, source=source, kind=resolved, title=title, warnings=tuple(warnings))


def read_document(
    path: str | Path, *, kind: str = "auto", source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read a posting or resume file into a Document, or raise DocumentError saying why it cannot be read."""
    p = Path(path)
    name = source if source is not None else str(path)
    if not p.exists():
        raise DocumentError("does not exist", source=name)
    if p.is_dir():
        raise DocumentError("is a directory; give the files inside it", source=name)
    suffix = p.suffix.lower()
    if suffix not in TEXT_SUFFIXES and suffix not in HTML_SUFFIXES:
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
        raise DocumentError("is empty", source=name)
    text = _decode(raw, source=name)
    return read_text(text, source=name, kind=kind, suffix=suffix)


__all__ = ["SUPPORTED_SUFFIXES", "normalize_text", "read_document", "read_text"]
