"""HTML pages: visible text without scripts, styles or site chrome, and schema.org JobPosting JSON-LD when present.

Nothing is fetched: links, images and external resources are never followed.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "form",
        "fieldset",
        "address",
        "hr",
        "title",
    ]
)
_SKIPPED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "footer", "header", "iframe", "head"}
)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.json_ld: list[str] = []
        self._in_json_ld = False
        self.title: str | None = None
        self._in_title = False
        self.h1: str | None = None
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and any(k == "type" and v and "ld+json" in v for k, v in attrs):
            self._in_json_ld = True
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in _SKIPPED_TAGS:
            self.skip_depth += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "li" and not self.skip_depth:
            self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in _SKIPPED_TAGS and self.skip_depth:
            self.skip_depth -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)
            return
        if self._in_title and self.title is None:
            self.title = data.strip() or None
        if self.skip_depth:
            return
        if self._in_h1 and self.h1 is None and data.strip():
            self.h1 = data.strip()
        self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str | None, list[str]]:
    """Visible text, the page title, and raw JSON-LD blocks of an HTML page."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return text, parser.h1 or parser.title, parser.json_ld


def _job_postings(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, list):
        return [p for item in node for p in _job_postings(item)]
    if isinstance(node, dict):
        kind = node.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        found = [node] if "JobPosting" in kinds else []
        for value in node.get("@graph", []) if isinstance(node.get("@graph"), list) else []:
            found.extend(_job_postings(value))
        return found
    return []


def _field_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return html_to_text(value)[0] if "<" in value else value
    if isinstance(value, list):
        return "\n".join(_field_text(v) for v in value)
    if isinstance(value, dict):
        for key in ("description", "name", "credentialCategory", "educationalLevel", "monthsOfExperience"):
            if key in value:
                return _field_text(value[key])
    return str(value)


def job_posting_from_json_ld(blocks: list[str]) -> tuple[str, str | None] | None:
    """Text and title assembled from the first schema.org JobPosting in the page's JSON-LD, if any."""
    for block in blocks:
        try:
            loaded = json.loads(block)
        except (json.JSONDecodeError, RecursionError):
            continue
        for posting in _job_postings(loaded):
            title = _field_text(posting.get("title")).strip() or None
            parts = [title or ""]
            parts.append(_field_text(posting.get("description")))
            labelled = (
                ("Responsibilities", "responsibilities"),
                ("Qualifications", "qualifications"),
                ("Education", "educationRequirements"),
                ("Experience", "experienceRequirements"),
                ("Skills", "skills"),
            )
            for heading, key in labelled:
                value = _field_text(posting.get(key)).strip()
                if value:
                    parts.append(f"{heading}\n{value}")
            text = "\n\n".join(p for p in parts if p.strip())
            if text.strip():
                return text, title
    return None
