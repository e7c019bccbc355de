"""The ``skills-matcher`` command line: a thin Typer layer over the library.

Commands parse options, call library functions, print, and choose the exit code. Library errors become one line
on stderr ("skills-matcher: error: ...") and a non-zero exit, never a traceback. Heavy imports (spaCy, the
taxonomy) happen inside commands so that ``--help`` stays instant.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from .errors import MatcherError

app = typer.Typer(
    name="skills-matcher",
    help="Match HIM resumes and job postings against a skills taxonomy, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
taxonomy_app = typer.Typer(help="Inspect and validate the skills taxonomy.", no_args_is_help=True)
app.add_typer(taxonomy_app, name="taxonomy")

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_ERROR = 2


class OutputFormat(str, Enum):
    json = "json"
    table = "table"


class KindOption(str, Enum):
    auto = "auto"
    posting = "posting"
    resume = "resume"


def _fail(message: str, *, code: int = EXIT_ERROR) -> NoReturn:
    typer.echo(f"skills-matcher: error: {message}", err=True)
    raise typer.Exit(code)


def _default_format(fmt: OutputFormat | None) -> OutputFormat:
    if fmt is not None:
        return fmt
    return OutputFormat.table if sys.stdout.isatty() else OutputFormat.json


def _version_callback(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"skills-matcher {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Match HIM resumes and job postings against a skills taxonomy, offline."""


TaxonomyPaths = Annotated[
    list[Path] | None,
    typer.Option(
        "--taxonomy", "-t", help="A YAML file or directory of skills to add to or override the shipped taxonomy."
    ),
]


@app.command()
def extract(
    files: Annotated[
        list[Path], typer.Argument(help="Posting or resume files (.txt, .md, .html).", show_default=False)
    ],
    fmt: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="json: one JSON object per line per document; table: for people. "
            "Default: table on a terminal, json otherwise.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        KindOption, typer.Option("--kind", "-k", help="What the files are; auto guesses per file.")
    ] = KindOption.auto,
    taxonomy: TaxonomyPaths = None,
    include_text: Annotated[
        bool, typer.Option("--include-text", help="Add the normalised text (what offsets index) to the JSON.")
    ] = False,
) -> None:
    """Find taxonomy skills, sections, requirements and the role level in each file."""
    from .extract import default_extractor
    from .readers import read_document
    from .render import analysis_table, to_json_line
    from .taxonomy import load_taxonomy

    output = _default_format(fmt)
    try:
        extractor = default_extractor(load_taxonomy(paths=taxonomy or ()))
    except MatcherError as err:
        _fail(str(err))
    failed = 0
    for i, path in enumerate(files):
        try:
            document = read_document(path, kind=kind.value, source=str(path))
            analysis = extractor.extract(document)
        except MatcherError as err:
            failed += 1
            typer.echo(f"skills-matcher: error: {err}", err=True)
            continue
        if output is OutputFormat.json:
            typer.echo(to_json_line(analysis.to_dict(include_text=include_text)))
        else:
            if i:
                typer.echo("")
            typer.echo(analysis_table(analysis))
    if failed:
        typer.echo(f"skills-matcher: {failed} of {len(files)} file(s) could not be read", err=True)
        raise typer.Exit(EXIT_SOME_FAILED if failed < len(files) else EXIT_ERROR)


@taxonomy_app.command("validate")
def taxonomy_validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="User taxonomy files or directories to validate on top of the shipped one."),
    ] = None,
) -> None:
    """Check the shipped taxonomy (and any user files on top): schema, ids, patterns, references."""
    from .taxonomy import validate_taxonomy_files

    try:
        taxonomy = validate_taxonomy_files(paths=paths or ())
    except MatcherError as err:
        _fail(str(err))
    typer.echo(f"ok: {len(taxonomy)} skills from {len(taxonomy.sources)} file(s) are valid")


@taxonomy_app.command("list")
def taxonomy_list(
    category: Annotated[str | None, typer.Option("--category", "-c", help="Only skills of this category.")] = None,
    fmt: Annotated[
        OutputFormat | None, typer.Option("--format", "-f", help="json or table.", show_default=False)
    ] = None,
    taxonomy: TaxonomyPaths = None,
) -> None:
    """List the skills: id, label, category, kind and weights per role level."""
    from .render import skill_to_dict, skills_table, to_json_line
    from .taxonomy import CATEGORIES, load_taxonomy

    if category is not None and category not in CATEGORIES:
        _fail(f"category '{category}' is not valid; use one of: {', '.join(CATEGORIES)}")
    try:
        loaded = load_taxonomy(paths=taxonomy or ())
    except MatcherError as err:
        _fail(str(err))
    skills = [s for s in loaded if category is None or s.category == category]
    if _default_format(fmt) is OutputFormat.json:
        for skill in skills:
            typer.echo(to_json_line(skill_to_dict(skill)))
    else:
        typer.echo(skills_table(skills))
        typer.echo(f"{len(skills)} skill(s)")


def run() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    run()
