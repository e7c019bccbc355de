"""Every error the library raises, each with a stable code.

The CLI turns these into one line on stderr and a non-zero exit; nothing here prints.
Codes follow spaCy's habit (E001...) so a message can be looked up and searched for.
"""

from __future__ import annotations


class MatcherError(Exception):
    """Base class: ``code`` identifies the error, ``str(err)`` says what was wrong and what is valid."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class TaxonomyError(MatcherError):
    """A taxonomy file is malformed: the message names the file, the skill id and the fault."""

    code = "E001"

    def __init__(self, message: str, *, source: str, skill_id: str | None = None) -> None:
        where = source if skill_id is None else f"{source}: skill '{skill_id}'"
        super().__init__(f"{where}: {message}")
        self.source = source
        self.skill_id = skill_id


class DocumentError(MatcherError):
    """An input document cannot be read: missing, a directory, empty, binary, undecodable or too large."""

    code = "E002"

    def __init__(self, message: str, *, source: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source


class NoTextError(DocumentError):
    """A document was read but holds no usable text: empty, whitespace only, or a scanned PDF without a text layer."""

    code = "E005"


class OptionError(MatcherError):
    """An argument has a value outside what is valid."""

    code = "E003"


class NotFittedError(MatcherError):
    """A scorer was used before ``fit``."""

    code = "E004"
