"""PDF resumes and postings: the text layer, page by page, without running headers and footers.

pypdf reads the text layer; a PDF without one (a scan) is reported, not scored. Parsing runs under a time budget
and a page limit, since a hostile or broken PDF can make any parser spin.
"""

from __future__ import annotations

import io
import re
import time
from collections import Counter

from ..errors import DocumentError, NoTextError

DEFAULT_TIME_BUDGET = 20.0
DEFAULT_MAX_PAGES = 200
_MIN_TEXT_CHARS = 40
_DIGITS_RE = re.compile(r"\d+")


def _strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop lines that repeat at the top or bottom of most pages (headers, footers, "Page 2 of 3")."""
    if len(pages) < 2:
        return pages
    edge: Counter[str] = Counter()
    for lines in pages:
        for line in {*lines[:2], *lines[-2:]}:
            edge[_DIGITS_RE.sub("#", line.strip())] += 1
    running = {line for line, n in edge.items() if line and n >= max(2, (len(pages) + 1) // 2)}
    out = []
    for lines in pages:
        keep = [
            line
            for i, line in enumerate(lines)
            if not ((i < 2 or i >= len(lines) - 2) and _DIGITS_RE.sub("#", line.strip()) in running)
        ]
        out.append(keep)
    return out


def read_pdf(
    raw: bytes, *, source: str, time_budget: float = DEFAULT_TIME_BUDGET, max_pages: int = DEFAULT_MAX_PAGES
) -> str:
    """The text of a PDF, or DocumentError saying why there is none (encrypted, damaged, scanned, too slow)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import FileNotDecryptedError, PdfReadError
    except ImportError as err:  # pragma: no cover - pypdf is a dependency
        raise DocumentError("is a PDF, but pypdf is not installed (pip install pypdf)", source=source) from err
    if not raw.startswith(b"%PDF"):
        raise DocumentError("has a .pdf name but is not a PDF file", source=source)
    started = time.monotonic()
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise DocumentError("is password-protected; save an unprotected copy", source=source)
            except (FileNotDecryptedError, NotImplementedError) as err:
                raise DocumentError("is encrypted; save an unprotected copy", source=source) from err
        if len(reader.pages) > max_pages:
            raise DocumentError(f"has {len(reader.pages)} pages, over the {max_pages}-page limit", source=source)
        pages = []
        for page in reader.pages:
            if time.monotonic() - started > time_budget:
                raise DocumentError(f"took over {time_budget:g} s to parse; it may be damaged", source=source)
            pages.append((page.extract_text() or "").splitlines())
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as err:
        raise DocumentError(
            f"is not a readable PDF (damaged or truncated: {type(err).__name__})", source=source
        ) from err
    text = "\n\n".join("\n".join(lines) for lines in _strip_running_lines(pages))
    if len(text.strip()) < _MIN_TEXT_CHARS:
        raise NoTextError("is a scanned PDF with no text layer (no text, images only); OCR it first", source=source)
    return text
