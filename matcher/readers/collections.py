"""Collections of postings: CSV, JSON Lines and Parquet exports, one Document per row.

Columns are detected for common exports (the JobSpy scraper: title/description/job_url or id; the public LinkedIn
job-postings data set: job_id/title/description) and can be named explicitly. Every row comes out as a Document or
as a RowFailure saying why it was skipped, so a run can account for each input row.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..analysis import Document
from ..errors import DocumentError
from .normalize import normalize_text

COLLECTION_SUFFIXES = frozenset({".csv", ".jsonl", ".ndjson", ".parquet"})
TEXT_COLUMNS = ("description", "job_description", "text", "body", "posting", "content", "jobdescription")
TITLE_COLUMNS = ("title", "job_title", "position", "jobtitle", "name")
ID_COLUMNS = ("job_id", "id", "posting_id", "job_url", "url", "jobid")


@dataclass(frozen=True, slots=True)
class RowFailure:
    """A row of a collection that could not become a Document, and why."""

    source: str
    reason: str


def _pick(columns: list[str], wanted: str | None, candidates: tuple[str, ...], *, what: str, source: str) -> str | None:
    lowered = {c.lower().strip(): c for c in columns}
    if wanted is not None:
        if wanted in columns:
            return wanted
        if wanted.lower() in lowered:
            return lowered[wanted.lower()]
        raise DocumentError(f"has no column '{wanted}' for the {what}; columns: {', '.join(columns)}", source=source)
    for name in candidates:
        if name in lowered:
            return lowered[name]
    return None


def _rows_csv(raw: str, source: str) -> Iterator[tuple[int, dict[str, Any] | str, list[str]]]:
    reader = csv.reader(io.StringIO(raw, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as err:
        raise DocumentError(f"is not a readable CSV ({err})", source=source) from err
    header = [h.strip() for h in header]
    row_number = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            row_number += 1
            yield row_number, f"is not valid CSV ({err})", header
            continue
        row_number += 1
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            yield row_number, f"has {len(values)} fields where the header has {len(header)}", header
            continue
        yield row_number, dict(zip(header, values, strict=True)), header


def _rows_jsonl(raw: str, source: str) -> Iterator[tuple[int, dict[str, Any] | str, list[str]]]:
    for line_number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            yield line_number, f"is not valid JSON ({err.msg} at column {err.colno})", []
            continue
        if not isinstance(row, dict):
            yield line_number, "is not a JSON object", []
            continue
        yield line_number, row, list(row)


def _rows_parquet(path: Path, source: str) -> Iterator[tuple[int, dict[str, Any] | str, list[str]]]:
    try:
        import pyarrow.parquet as pq

        table = pq.read_table(path)
    except Exception as err:  # pyarrow raises many types for damaged files
        raise DocumentError(f"is not a readable Parquet file ({type(err).__name__}: {err})", source=source) from err
    columns = table.column_names
    for i, row in enumerate(table.to_pylist(), 1):
        yield i, row, columns


def read_collection(
    path: str | Path,
    *,
    text_column: str | None = None,
    title_column: str | None = None,
    id_column: str | None = None,
    max_bytes: int = 500_000_000,
) -> Iterator[Document | RowFailure]:
    """Each row of a CSV, JSON Lines or Parquet collection as a posting Document, or a RowFailure."""
    from . import decode_text

    p = Path(path)
    name = str(path)
    suffix = p.suffix.lower()
    if not p.is_file():
        raise DocumentError("does not exist" if not p.exists() else "is not a file", source=name)
    if p.stat().st_size > max_bytes:
        raise DocumentError(f"is over the {max_bytes:,}-byte limit for collections", source=name)
    if suffix == ".parquet":
        rows = _rows_parquet(p, name)
    else:
        raw, _ = decode_text(p.read_bytes(), source=name)
        rows = _rows_csv(raw, name) if suffix == ".csv" else _rows_jsonl(raw, name)
    picked: tuple[str | None, str | None, str | None] | None = None
    for number, row, columns in rows:
        where = f"{name}#row={number}" if suffix != ".jsonl" else f"{name}#line={number}"
        if isinstance(row, str):
            yield RowFailure(where, row)
            continue
        if picked is None or (suffix == ".jsonl" and picked[0] not in row):
            text_col = _pick(columns, text_column, TEXT_COLUMNS, what="posting text", source=name)
            if text_col is None:
                raise DocumentError(
                    f"has no posting-text column (looked for {', '.join(TEXT_COLUMNS)}); name it with "
                    f"--text-column. Columns: {', '.join(columns)}",
                    source=name,
                )
            picked = (
                text_col,
                _pick(columns, title_column, TITLE_COLUMNS, what="title", source=name),
                _pick(columns, id_column, ID_COLUMNS, what="id", source=name),
            )
        text_col, title_col, id_col = picked
        value = row.get(text_col) if text_col is not None else None
        if value is None or not str(value).strip():
            yield RowFailure(where, f"has an empty '{text_col}'")
            continue
        text = str(value)
        if "<" in text and ">" in text and ("</" in text or "<br" in text.lower()):
            from .html import html_to_text

            text = html_to_text(text)[0]
        title = str(row[title_col]).strip() if title_col and row.get(title_col) else None
        if title and not text.lstrip().startswith(title):
            text = f"{title}\n\n{text}"  # the title helps role level and section detection
        ident = f"{name}#id={row[id_col]}" if id_col and row.get(id_col) not in (None, "") else where
        yield Document(text=normalize_text(text), source=ident, kind="posting", title=title, meta={"row": number})
