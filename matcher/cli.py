"""The ``skills-matcher`` command line: a thin Typer layer over the library.

Commands parse options, call library functions, print, and choose the exit code. Library errors become one line
on stderr ("skills-matcher: error: ...") and a non-zero exit, never a traceback. Heavy imports (spaCy, the
taxonomy) happen inside commands so that ``--help`` stays instant.
"""

from __future__ import annotations

import sys
import time
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from .analysis import Analysis
from .errors import MatcherError, NoTextError

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


class ScoreFormat(str, Enum):
    json = "json"
    table = "table"
    markdown = "markdown"


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


TextColumn = Annotated[
    str | None, typer.Option("--text-column", help="Collections: the column holding posting text (auto-detected).")
]
TitleColumn = Annotated[
    str | None, typer.Option("--title-column", help="Collections: the column holding the title (auto-detected).")
]
IdColumn = Annotated[
    str | None, typer.Option("--id-column", help="Collections: the column holding a posting id (auto-detected).")
]
WeightsPath = Annotated[
    Path | None, typer.Option("--weights", help="A scoring.yaml of your own instead of the shipped weights.")
]
MaxMegabytes = Annotated[
    float, typer.Option("--max-mb", min=0.001, help="Refuse single documents larger than this many megabytes.")
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
    text_column: TextColumn = None,
    title_column: TitleColumn = None,
    id_column: IdColumn = None,
    max_mb: MaxMegabytes = 5.0,
) -> None:
    """Find taxonomy skills, sections, requirements and the role level in each file."""
    from .extract import default_extractor
    from .readers import RowFailure, iter_inputs
    from .render import analysis_table, to_json_line
    from .taxonomy import load_taxonomy

    output = _default_format(fmt)
    try:
        extractor = default_extractor(load_taxonomy(paths=taxonomy or ()))
    except MatcherError as err:
        _fail(str(err))
    processed = failed = 0
    inputs = iter_inputs(
        files,
        kind=kind.value,
        text_column=text_column,
        title_column=title_column,
        id_column=id_column,
        max_bytes=int(max_mb * 1_000_000),
    )
    for item in inputs:
        if isinstance(item, RowFailure):
            failed += 1
            typer.echo(f"skills-matcher: error: {item.source}: {item.reason}", err=True)
            continue
        analysis = extractor.extract(item)
        for warning in analysis.warnings:
            typer.echo(f"skills-matcher: warning: {warning}", err=True)
        if output is OutputFormat.json:
            typer.echo(to_json_line(analysis.to_dict(include_text=include_text)))
        else:
            if processed:
                typer.echo("")
            typer.echo(analysis_table(analysis))
        processed += 1
    if failed:
        typer.echo(f"skills-matcher: {processed + failed} input(s): {processed} processed, {failed} failed", err=True)
        raise typer.Exit(EXIT_SOME_FAILED if processed else EXIT_ERROR)


def _score_run(
    resume: Path,
    postings: list[Path] | None,
    *,
    top: int | None,
    explain: bool,
    taxonomy: list[Path] | None,
    weights: Path | None,
    text_column: str | None,
    title_column: str | None,
    id_column: str | None,
    max_mb: float,
) -> tuple[dict[str, Any], int]:
    """Read, extract, fit and score for ``score`` and ``report``: (payload, failed inputs); warns on stderr."""
    from .extract import default_extractor
    from .readers import RowFailure, iter_inputs, read_document
    from .render import score_payload
    from .scoring import FitScorer, bundled_posting_paths, market_gaps
    from .taxonomy import load_taxonomy

    try:
        loaded = load_taxonomy(paths=taxonomy or ())
        extractor = default_extractor(loaded)
    except MatcherError as err:
        _fail(str(err))
    warnings: list[str] = []
    failed = 0
    try:
        resume_document = read_document(resume, kind="resume", source=str(resume), max_bytes=int(max_mb * 1_000_000))
        resume_analysis = extractor.extract(resume_document)
    except NoTextError as err:
        warnings.append(f"resume has no usable text ({err.message}): every score below is 0 and marked no_text")
        resume_analysis = Analysis.empty(source=str(resume), kind="resume")
        failed += 1
    except MatcherError as err:
        _fail(str(err))
    targets = postings or bundled_posting_paths()
    analyses = []
    for item in iter_inputs(
        targets,
        kind="posting",
        text_column=text_column,
        title_column=title_column,
        id_column=id_column,
        max_bytes=int(max_mb * 1_000_000),
    ):
        if isinstance(item, RowFailure):
            failed += 1
            typer.echo(f"skills-matcher: error: {item.source}: {item.reason}", err=True)
        else:
            analyses.append(extractor.extract(item))
    if not analyses:
        _fail("no posting could be read; nothing to score against")
    # The TF-IDF model and readiness are learned from the postings being scored (the bundled corpus by default).
    try:
        scorer = FitScorer(taxonomy=loaded, weights=weights).fit(analyses)
    except MatcherError as err:
        _fail(str(err))
    fits = scorer.rank(resume=resume_analysis, postings=analyses)
    readiness = scorer.readiness(resume=resume_analysis, fits=fits)
    market = market_gaps(fits) if len(fits) > 1 else []
    shown = fits[:top] if top else fits
    payload = score_payload(
        resume=resume_analysis, fits=shown, readiness=readiness, market=market, warnings=warnings, explain=explain
    )
    for warning in warnings:
        typer.echo(f"skills-matcher: warning: {warning}", err=True)
    return payload, failed


@app.command()
def score(
    resume: Annotated[
        Path, typer.Argument(help="The resume (.txt .md .html .pdf .docx, or JSON Resume .json).", show_default=False)
    ],
    postings: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Postings to score against: files, directories or .csv/.jsonl/.parquet collections; default: the "
            "bundled sample postings.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ScoreFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="json, table or markdown. Default: table on a terminal, json otherwise.",
            show_default=False,
        ),
    ] = None,
    top: Annotated[int | None, typer.Option("--top", "-n", min=1, help="Show only the N best postings.")] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Full breakdown: component details and evidence offsets.")
    ] = False,
    taxonomy: TaxonomyPaths = None,
    weights: WeightsPath = None,
    text_column: TextColumn = None,
    title_column: TitleColumn = None,
    id_column: IdColumn = None,
    max_mb: MaxMegabytes = 5.0,
) -> None:
    """Score a resume against postings, best first, with the gaps to close and readiness per role level."""
    from .render import score_table, to_json_line

    output = fmt or (ScoreFormat.table if sys.stdout.isatty() else ScoreFormat.json)
    payload, failed = _score_run(
        resume,
        postings,
        top=top,
        # Tables quote around the asked words, which needs the evidence offsets only the full breakdown carries.
        explain=explain or output is not ScoreFormat.json,
        taxonomy=taxonomy,
        weights=weights,
        text_column=text_column,
        title_column=title_column,
        id_column=id_column,
        max_mb=max_mb,
    )
    if output is ScoreFormat.json:
        typer.echo(to_json_line(payload))
    else:
        typer.echo(score_table(payload, markdown=output is ScoreFormat.markdown))
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


class ReportFormat(str, Enum):
    html = "html"
    markdown = "markdown"


@app.command()
def report(
    resume: Annotated[Path, typer.Argument(help="The resume (.txt .md .html .pdf .docx .json).", show_default=False)],
    postings: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Postings (files, directories, collections); default: the bundled samples.", show_default=False
        ),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the report.")] = Path("report.html"),
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="html (self-contained) or markdown.")
    ] = ReportFormat.html,
    top: Annotated[int | None, typer.Option("--top", "-n", min=1, help="Only the N best postings.")] = 10,
    taxonomy: TaxonomyPaths = None,
    weights: WeightsPath = None,
    text_column: TextColumn = None,
    title_column: TitleColumn = None,
    id_column: IdColumn = None,
    max_mb: MaxMegabytes = 5.0,
) -> None:
    """Write a report people would rather read: readiness, ranked postings, coverage chart, gaps with evidence."""
    from .render import score_table
    from .report import render_html

    payload, failed = _score_run(
        resume,
        postings,
        top=top,
        explain=True,
        taxonomy=taxonomy,
        weights=weights,
        text_column=text_column,
        title_column=title_column,
        id_column=id_column,
        max_mb=max_mb,
    )
    text = render_html(payload) if fmt is ReportFormat.html else score_table(payload, markdown=True)
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        _fail(f"{output}: cannot write the report ({err.strerror})")
    typer.echo(f"wrote {output} ({len(payload['results'])} postings)")
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command()
def batch(
    postings: Annotated[
        list[Path],
        typer.Argument(help="Postings: files, directories, .csv/.jsonl/.parquet collections.", show_default=False),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory for the tables.")],
    resumes: Annotated[
        list[Path] | None,
        typer.Option(
            "--resumes", "-r", help="Resume files or directories to score against every posting (repeatable)."
        ),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction.")] = 1,
    engine: Annotated[
        str, typer.Option("--engine", help="local (this machine) or dask (a dask.distributed cluster).")
    ] = "local",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://127.0.0.1:8786.")
    ] = None,
    formats: Annotated[str, typer.Option("--formats", help="Comma-separated: parquet, csv, jsonl.")] = "parquet,csv",
    resume_run: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted run: skip partitions already done.")
    ] = False,
    partition_size: Annotated[int, typer.Option("--partition-size", min=1, help="Postings per partition.")] = 500,
    text_column: TextColumn = None,
    title_column: TitleColumn = None,
    id_column: IdColumn = None,
    taxonomy: TaxonomyPaths = None,
) -> None:
    """Analyse many postings into tidy tables (postings, mentions, skill demand, co-occurrence, requirements)."""
    from .batch import add_fit_tables, analyze_postings, write_tables
    from .render import format_table

    checkpoints = output / ".partitions"
    if checkpoints.exists() and not resume_run:
        import shutil

        shutil.rmtree(checkpoints)  # a fresh run does not reuse another run's partitions
    show_progress = sys.stderr.isatty()
    started = time.monotonic()
    # The total is known up front only for plain files; collections and directories stream.
    known_total = (
        len(postings)
        if all(p.is_file() and p.suffix.lower() not in {".csv", ".jsonl", ".ndjson", ".parquet"} for p in postings)
        else None
    )

    def progress(processed: int, failed: int) -> None:
        if show_progress:
            elapsed = max(time.monotonic() - started, 1e-9)
            rate = processed / elapsed
            done = processed + failed
            eta = ""
            if known_total and rate > 0:
                eta = f", ETA {max(known_total - done, 0) / rate:,.0f} s of {known_total:,}"
            typer.echo(f"\r{processed:,} processed, {failed:,} failed, {rate:,.0f} postings/s{eta}", err=True, nl=False)

    try:
        result = analyze_postings(
            postings,
            jobs=jobs,
            engine=engine,
            scheduler=scheduler,
            taxonomy_paths=taxonomy or (),
            partition_size=partition_size,
            checkpoint_dir=checkpoints,
            text_column=text_column,
            title_column=title_column,
            id_column=id_column,
            progress=progress,
        )
        if resumes:
            result = add_fit_tables(
                result,
                resumes=resumes,
                inputs=postings,
                taxonomy_paths=taxonomy or (),
                text_column=text_column,
                title_column=title_column,
                id_column=id_column,
            )
        written = write_tables(result, output, formats=[f.strip() for f in formats.split(",") if f.strip()])
    except MatcherError as err:
        _fail(str(err))
    if show_progress:
        typer.echo("", err=True)
    for failure in result.failures.itertuples():
        typer.echo(f"skills-matcher: error: {failure.source}: {failure.reason}", err=True)
    typer.echo(
        f"{result.inputs:,} input(s): {result.processed:,} processed, {result.failed:,} failed; "
        f"{len(written)} file(s) in {output}"
    )
    if len(result.skill_demand):
        top = result.skill_demand.sort_values("postings", ascending=False).drop_duplicates("skill_id").head(10)
        rows = [(r.skill_id, r.role_level, r.postings, f"{r.share:.0%}") for r in top.itertuples()]
        typer.echo(format_table(rows, ("skill", "top level", "postings", "share of level")))
    if result.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


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


@taxonomy_app.command("coverage")
def taxonomy_coverage(
    source: Annotated[
        list[str] | None,
        typer.Option("--source", "-s", help="esco, onet_tech or onet_task (repeatable; default: all three)."),
    ] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="Only items with this status: covered, out_of_scope or missing.")
    ] = None,
    targets_only: Annotated[
        bool, typer.Option("--targets", help="Only the items the coverage aims count (see the summary).")
    ] = False,
    fmt: Annotated[
        OutputFormat | None, typer.Option("--format", "-f", help="json or table.", show_default=False)
    ] = None,
    taxonomy: TaxonomyPaths = None,
) -> None:
    """Which O*NET tasks and technologies and ESCO skills of the target occupations the taxonomy covers."""
    from .coverage import SOURCES, coverage, coverage_summary
    from .extract import default_extractor
    from .render import format_table, to_json_line
    from .taxonomy import load_taxonomy

    sources = source or list(SOURCES)
    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        _fail(f"source '{unknown[0]}' is not valid; use one of: {', '.join(SOURCES)}")
    if status is not None and status not in ("covered", "out_of_scope", "missing"):
        _fail(f"status '{status}' is not valid; use covered, out_of_scope or missing")
    try:
        loaded = load_taxonomy(paths=taxonomy or ())
        items = coverage(loaded, extractor=default_extractor(loaded), sources=sources)
    except MatcherError as err:
        _fail(str(err))
    summary = coverage_summary(items)
    shown = [i for i in items if (status is None or i.status == status) and (i.target or not targets_only)]
    if _default_format(fmt) is OutputFormat.json:
        for item in shown:
            typer.echo(to_json_line(item.to_dict()))
        typer.echo(to_json_line({"summary": summary}))
        return
    rows = [(i.source, i.occupation, i.item, i.detail, i.status, ", ".join(i.skills) or i.how) for i in shown]
    typer.echo(
        format_table(rows, ("source", "occupation", "item", "detail", "status", "skills / reason"), max_width=48)
    )
    for name, numbers in summary.items():
        typer.echo(
            f"{name}: {numbers['covered']} covered + {numbers['out_of_scope']} out of scope of {numbers['items']} "
            f"= {100 * numbers['share']:.0f}% ({numbers['missing']} missing)"
        )


@taxonomy_app.command("suggest")
def taxonomy_suggest(
    documents: Annotated[list[Path], typer.Argument(help="Documents to mine (.txt, .md, .html).", show_default=False)],
    min_df: Annotated[
        int, typer.Option("--min-df", min=1, help="Keep phrases found in at least this many documents.")
    ] = 2,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many candidates to show.")] = 30,
    background: Annotated[
        list[Path] | None,
        typer.Option("--background", help="Background documents for keyness (default: the bundled sample postings)."),
    ] = None,
    fmt: Annotated[
        OutputFormat | None, typer.Option("--format", "-f", help="json or table.", show_default=False)
    ] = None,
    yaml_out: Annotated[bool, typer.Option("--yaml", help="Print only the YAML snippets, ready to paste.")] = False,
    taxonomy: TaxonomyPaths = None,
) -> None:
    """Candidate skills the taxonomy does not cover yet, mined from documents, with YAML to paste."""
    from .extract import default_extractor
    from .readers import read_document
    from .render import format_table, to_json_line
    from .scoring import bundled_posting_paths
    from .suggest import suggest
    from .taxonomy import load_taxonomy

    try:
        extractor = default_extractor(load_taxonomy(paths=taxonomy or ()))
    except MatcherError as err:
        _fail(str(err))
    docs, failed = [], 0
    for path in documents:
        try:
            docs.append(read_document(path, source=str(path)))
        except MatcherError as err:
            failed += 1
            typer.echo(f"skills-matcher: error: {err}", err=True)
    if not docs:
        _fail("no document could be read; nothing to mine")
    background_texts = []
    for path in background or bundled_posting_paths():
        try:
            background_texts.append(read_document(path, source=str(path)).text)
        except MatcherError as err:
            typer.echo(f"skills-matcher: error: {err}", err=True)
    try:
        found = suggest(docs, extractor=extractor, background=background_texts, min_df=min_df, top=top)
    except MatcherError as err:
        _fail(str(err))
    if yaml_out:
        typer.echo("skills:")
        for s in found:
            typer.echo(s.yaml_snippet().rstrip("\n"))
    elif _default_format(fmt) is OutputFormat.json:
        for s in found:
            typer.echo(to_json_line(s.to_dict()))
    else:
        rows = [
            (s.phrase, s.df, s.background_df, f"{s.score:.2f}", s.category, s.examples[0] if s.examples else "")
            for s in found
        ]
        typer.echo(format_table(rows, ("phrase", "df", "bg df", "score", "category", "example"), max_width=60))
        typer.echo(f"{len(found)} candidate(s) from {len(docs)} document(s); --yaml prints snippets to paste")
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def run() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    run()
