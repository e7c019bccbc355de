"""Many postings in, tidy tables out: postings, mentions, skill demand, co-occurrence, requirement summaries.

Inputs stream through in partitions. One function, ``analyze_partition``, turns a partition of Documents into compact
rows (plain tuples and dicts, never spaCy objects); the local engine runs it in this process or in worker processes
(``jobs``), and each finished partition can be written to a checkpoint directory so an interrupted run continues
where it stopped. Every input is accounted for: processed rows plus failures equal what came in.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import combinations, islice
from pathlib import Path
from typing import Any

from .analysis import Analysis, Document
from .errors import OptionError
from .readers import RowFailure, iter_inputs

PARTITION_SIZE = 500
TABLES: tuple[str, ...] = ("postings", "mentions", "skill_demand", "cooccurrence", "requirements", "failures")


def posting_row(analysis: Analysis) -> dict[str, Any]:
    """The compact, picklable facts of one analysed posting (what crosses process boundaries)."""
    req = analysis.requirements
    return {
        "source": analysis.source,
        "title": analysis.title,
        "role_level": analysis.role_level,
        "skill_count": len(analysis.skill_ids),
        "degree_required": req.min_degree("required"),
        "degree_preferred": req.min_degree("preferred"),
        "credentials_required": "; ".join(
            " or ".join(c.labels) for c in req.credentials if c.requirement == "required"
        ),
        "credentials_preferred": "; ".join(
            " or ".join(c.labels) for c in req.credentials if c.requirement == "preferred"
        ),
        "years_experience": req.years("overall", None),
        "years_supervisory": req.years("supervisory", None),
        "mentions": [
            (m.skill_id, m.category, m.section, m.requirement, m.start, m.end, m.text) for m in analysis.mentions
        ],
    }


_WORKER_EXTRACTOR: Any = None


def _worker_extractor(taxonomy_paths: tuple[str, ...]) -> Any:
    global _WORKER_EXTRACTOR
    if _WORKER_EXTRACTOR is None:
        from .extract import default_extractor
        from .taxonomy import load_taxonomy

        _WORKER_EXTRACTOR = default_extractor(load_taxonomy(paths=taxonomy_paths))
    return _WORKER_EXTRACTOR


def analyze_partition(documents: Sequence[Document], taxonomy_paths: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Analyse one partition of postings into compact rows; the same function serves every engine."""
    extractor = _worker_extractor(taxonomy_paths)
    return [posting_row(a) for a in extractor.pipe(documents)]


@dataclass
class BatchResult:
    """Tidy DataFrames of a batch run (see the README for their columns)."""

    postings: Any
    mentions: Any
    skill_demand: Any
    cooccurrence: Any
    requirements: Any
    failures: Any
    inputs: int = 0
    processed: int = 0
    failed: int = 0
    fit_matrix: Any = None
    gap_demand: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def tables(self) -> dict[str, Any]:
        out = {name: getattr(self, name) for name in TABLES}
        if self.fit_matrix is not None:
            out["fit_matrix"] = self.fit_matrix
            out["gap_demand"] = self.gap_demand
        return out


def _partitions(items: Iterable[Document | RowFailure], size: int) -> Iterator[tuple[list[Document], list[RowFailure]]]:
    iterator = iter(items)
    while True:
        chunk = list(islice(iterator, size))
        if not chunk:
            return
        yield [d for d in chunk if isinstance(d, Document)], [f for f in chunk if isinstance(f, RowFailure)]


def _partition_key(documents: Sequence[Document], failures: Sequence[RowFailure]) -> str:
    digest = hashlib.sha256()
    for d in documents:
        digest.update(d.source.encode("utf-8", "replace"))
        digest.update(hashlib.sha256(d.text.encode("utf-8", "replace")).digest())
    for f in failures:
        digest.update(f.source.encode("utf-8", "replace"))
    return digest.hexdigest()[:20]


ENGINES: tuple[str, ...] = ("local", "dask")


def analyze_postings(
    inputs: Iterable[str | Path] | Iterable[Document],
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    taxonomy_paths: Sequence[str | Path] = (),
    partition_size: int = PARTITION_SIZE,
    checkpoint_dir: str | Path | None = None,
    text_column: str | None = None,
    title_column: str | None = None,
    id_column: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BatchResult:
    """Analyse many postings (paths, directories, collections or Documents) into tidy tables.

    ``jobs`` > 1 uses that many worker processes, which return compact rows, not spaCy Docs. ``engine="dask"``
    sends the same partitions to the dask.distributed cluster at ``scheduler`` (an address such as
    ``tcp://127.0.0.1:8786``); results are identical to the local engine. With ``checkpoint_dir``, each finished
    partition is saved there and a rerun skips partitions already done. ``progress(processed, failed)`` is called
    after each partition.
    """
    if jobs < 1:
        raise OptionError(f"jobs is {jobs}; it must be at least 1")
    if engine not in ENGINES:
        raise OptionError(f"engine {engine!r} is not valid; use one of {list(ENGINES)}")
    if engine == "dask" and not scheduler:
        raise OptionError("the dask engine needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    if partition_size < 1:
        raise OptionError(f"partition_size is {partition_size}; it must be at least 1")
    items: Iterable[Document | RowFailure]
    inputs = list(inputs)  # type: ignore[assignment]
    if inputs and all(isinstance(i, Document) for i in inputs):
        items = inputs  # type: ignore[assignment]
    else:
        items = iter_inputs(
            inputs,  # type: ignore[arg-type]
            kind="posting",
            text_column=text_column,
            title_column=title_column,
            id_column=id_column,
        )
    paths = tuple(str(p) for p in taxonomy_paths)
    checkpoints = Path(checkpoint_dir) if checkpoint_dir is not None else None
    if checkpoints is not None:
        checkpoints.mkdir(parents=True, exist_ok=True)
    parts = _Parts()
    failures: list[RowFailure] = []
    executor: Any = None
    client: Any = None
    if engine == "dask":
        try:
            from distributed import Client
        except ImportError as err:
            raise OptionError("the dask engine needs dask.distributed: pip install 'skills-matcher[dask]'") from err
        try:
            client = Client(scheduler, timeout=30)
        except OSError as err:
            raise OptionError(f"cannot reach the Dask scheduler at {scheduler} ({err})") from err
        executor = client
        jobs = max(jobs, len(client.scheduler_info().get("workers", {})) or 1)
    elif jobs > 1:
        executor = ProcessPoolExecutor(max_workers=jobs)
    pending: list[tuple[Any, Path | None]] = []

    def collect(result: list[dict[str, Any]], checkpoint: Path | None) -> None:
        parts.add(result)
        if checkpoint is not None:
            tmp = checkpoint.with_suffix(".tmp")
            tmp.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, checkpoint)  # a partition is either fully saved or not at all
        if progress is not None:
            progress(parts.count, len(failures))

    try:
        for documents, failed in _partitions(items, partition_size):
            failures.extend(failed)
            checkpoint = None
            if checkpoints is not None:
                checkpoint = checkpoints / f"part-{_partition_key(documents, failed)}.json"
                if checkpoint.exists():
                    parts.add(json.loads(checkpoint.read_text(encoding="utf-8")))
                    if progress is not None:
                        progress(parts.count, len(failures))
                    continue
            if executor is None:
                collect(analyze_partition(documents, paths), checkpoint)
            else:
                # Both engines take (function, *args) and return a future with .result().
                pending.append(
                    (
                        executor.submit(analyze_partition, documents, paths, pure=False)
                        if client is not None
                        else executor.submit(analyze_partition, documents, paths),
                        checkpoint,
                    )
                )
                while len(pending) > 2 * jobs:  # bounded in flight: memory stays flat as inputs grow
                    future, where = pending.pop(0)
                    collect(future.result(), where)
        for future, where in pending:
            collect(future.result(), where)
    finally:
        if client is not None:
            client.close()
        elif executor is not None:
            executor.shutdown(cancel_futures=True)
    return build_tables(parts.postings(), parts.mentions(), failures)


_POSTING_COLUMNS = [
    "source",
    "title",
    "role_level",
    "skill_count",
    "degree_required",
    "degree_preferred",
    "credentials_required",
    "credentials_preferred",
    "years_experience",
    "years_supervisory",
]
_MENTION_COLUMNS = ["posting_id", "skill_id", "category", "section", "requirement", "start", "end", "text"]
_CATEGORICAL = ("skill_id", "category", "section", "requirement")


class _Parts:
    """Partition results turned into small DataFrames at once (categorical ids, integer offsets): the Python
    objects of a partition are freed as soon as it is added, so memory grows far slower than the input."""

    def __init__(self) -> None:
        self._postings: list[Any] = []
        self._mentions: list[Any] = []
        self.count = 0

    def add(self, rows: Sequence[dict[str, Any]]) -> None:
        import pandas as pd

        postings = pd.DataFrame([{k: row[k] for k in _POSTING_COLUMNS} for row in rows], columns=_POSTING_COLUMNS)
        postings.insert(0, "posting_id", range(self.count, self.count + len(rows)))
        mentions = pd.DataFrame(
            [(self.count + i, *m) for i, row in enumerate(rows) for m in row["mentions"]], columns=_MENTION_COLUMNS
        )
        for column in _CATEGORICAL:
            mentions[column] = mentions[column].astype("category")
        mentions[["posting_id", "start", "end"]] = mentions[["posting_id", "start", "end"]].astype("int32")
        self._postings.append(postings)
        self._mentions.append(mentions)
        self.count += len(rows)

    def postings(self) -> Any:
        import pandas as pd

        if not self._postings:
            return pd.DataFrame(columns=["posting_id", *_POSTING_COLUMNS])
        return pd.concat(self._postings, ignore_index=True)

    def mentions(self) -> Any:
        import pandas as pd
        from pandas.api.types import union_categoricals

        if not self._mentions:
            return pd.DataFrame(columns=_MENTION_COLUMNS)
        for column in _CATEGORICAL:  # one shared category set, so concat keeps the compact dtype
            union = union_categoricals([m[column] for m in self._mentions], ignore_order=True).categories
            for m in self._mentions:
                m[column] = m[column].cat.set_categories(union)
        out = pd.concat(self._mentions, ignore_index=True)
        self._mentions = []
        return out


def build_tables(postings: Any, mentions: Any, failures: Sequence[RowFailure]) -> BatchResult:
    """The tidy tables from the postings and mentions tables of a run."""
    import pandas as pd

    per_posting = (
        mentions.drop_duplicates(["posting_id", "skill_id"]).merge(
            postings[["posting_id", "role_level"]], on="posting_id"
        )
        if len(mentions)
        else mentions.assign(role_level=[])
    )
    level_sizes = postings.groupby("role_level").size()
    if len(per_posting):
        strongest = (
            mentions.assign(
                required=mentions["requirement"].eq("required"), preferred=mentions["requirement"].eq("preferred")
            )
            .groupby(["posting_id", "skill_id"])[["required", "preferred"]]
            .any()
            .reset_index()
            .merge(postings[["posting_id", "role_level"]], on="posting_id")
        )
        demand = (
            strongest.groupby(["skill_id", "role_level"])
            .agg(postings=("posting_id", "nunique"), required_in=("required", "sum"), preferred_in=("preferred", "sum"))
            .reset_index()
        )
        demand["share"] = demand["postings"] / demand["role_level"].map(level_sizes)
        demand["category"] = demand["skill_id"].str.split(".").str[0]
        skill_demand = demand.sort_values(["role_level", "share", "skill_id"], ascending=[True, False, True])
    else:
        skill_demand = pd.DataFrame(
            columns=["skill_id", "role_level", "postings", "required_in", "preferred_in", "share", "category"]
        )
    pairs: Counter[tuple[str, str]] = Counter()
    for _, group in per_posting.groupby("posting_id")["skill_id"] if len(per_posting) else []:
        pairs.update(combinations(sorted(set(group)), 2))
    cooccurrence = pd.DataFrame(
        [(a, b, n) for (a, b), n in pairs.most_common()], columns=["skill_a", "skill_b", "postings"]
    )
    requirements = (
        postings.groupby("role_level")
        .agg(
            postings=("posting_id", "size"),
            degree_required_share=("degree_required", lambda s: s.notna().mean()),
            bachelor_or_higher_required=(
                "degree_required",
                lambda s: s.isin(["bachelor", "master", "doctorate"]).mean(),
            ),
            credential_required_share=("credentials_required", lambda s: s.fillna("").ne("").mean()),
            median_years=("years_experience", "median"),
            median_supervisory_years=("years_supervisory", "median"),
        )
        .reset_index()
        if len(postings)
        else pd.DataFrame()
    )
    failure_table = pd.DataFrame([(f.source, f.reason) for f in failures], columns=["source", "reason"])
    return BatchResult(
        postings=postings,
        mentions=mentions,
        skill_demand=skill_demand,
        cooccurrence=cooccurrence,
        requirements=requirements,
        failures=failure_table,
        inputs=len(postings) + len(failures),
        processed=len(postings),
        failed=len(failures),
    )


def write_tables(result: BatchResult, output: str | Path, *, formats: Sequence[str] = ("parquet", "csv")) -> list[Path]:
    """Write every table of ``result`` into ``output`` as Parquet and/or CSV; returns the files written."""
    valid = {"parquet", "csv", "jsonl"}
    unknown = set(formats) - valid
    if unknown:
        raise OptionError(f"format(s) {sorted(unknown)} are not valid; use {sorted(valid)}")
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in result.tables().items():
        for fmt in formats:
            path = out / f"{name}.{fmt}"
            if fmt == "parquet":
                table.to_parquet(path, index=False)
            elif fmt == "csv":
                table.to_csv(path, index=False)
            else:
                table.to_json(path, orient="records", lines=True, force_ascii=False)
            written.append(path)
    return written


def _resume_files(resumes: Sequence[str | Path]) -> list[Path]:
    """Resume paths with directories expanded to the readable files inside them."""
    from .readers import SUPPORTED_SUFFIXES, files_in

    files: list[Path] = []
    for resume in resumes:
        path = Path(resume)
        files.extend(files_in(path, SUPPORTED_SUFFIXES) if path.is_dir() else [path])
    return files


def add_fit_tables(
    result: BatchResult,
    *,
    resumes: Sequence[str | Path],
    inputs: Iterable[str | Path] | Iterable[Document],
    taxonomy_paths: Sequence[str | Path] = (),
    text_column: str | None = None,
    title_column: str | None = None,
    id_column: str | None = None,
) -> BatchResult:
    """Add the fit matrix (resume x posting: score and components) and each resume's gap demand to ``result``.

    Scoring needs every posting's analysis at once (the TF-IDF model is fitted on them), so this pass keeps
    analyses in memory: use it for sets of postings a recruiter screens, not for market-wide corpora.
    """
    import pandas as pd

    from .extract import default_extractor
    from .readers import read_document
    from .scoring import FitScorer, market_gaps
    from .taxonomy import load_taxonomy

    extractor = default_extractor(load_taxonomy(paths=taxonomy_paths))
    inputs = list(inputs)  # type: ignore[assignment]
    if inputs and all(isinstance(i, Document) for i in inputs):
        documents = list(inputs)
    else:
        documents = [
            d
            for d in iter_inputs(
                inputs,  # type: ignore[arg-type]
                kind="posting",
                text_column=text_column,
                title_column=title_column,
                id_column=id_column,
            )
            if isinstance(d, Document)
        ]
    postings = list(extractor.pipe(documents))  # type: ignore[arg-type]
    ids = dict(zip(result.postings["source"], result.postings["posting_id"], strict=True))
    scorer = FitScorer(taxonomy=extractor.taxonomy).fit(postings)
    fit_rows, gap_rows = [], []
    for path in _resume_files(resumes):
        resume = extractor.extract(read_document(path, kind="resume", source=str(path)))
        fits = scorer.rank(resume=resume)
        for fit in fits:
            row = {
                "resume": str(path),
                "posting_id": ids.get(fit.posting),
                "source": fit.posting,
                "role_level": fit.role_level,
                "score": fit.score,
            }
            row.update({f"{c.name}": c.value for c in fit.components})
            fit_rows.append(row)
        for gap in market_gaps(fits):
            gap_rows.append(
                {
                    "resume": str(path),
                    **{k: gap[k] for k in ("key", "label", "kind", "postings", "required_in", "action")},
                }
            )
    result.fit_matrix = pd.DataFrame(fit_rows)
    result.gap_demand = pd.DataFrame(gap_rows)
    return result
