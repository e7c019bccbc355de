from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from matcher import batch as batch_module
from matcher.batch import analyze_postings, write_tables
from matcher.cli import app

from .conftest import SAMPLE_POSTINGS, SAMPLE_RESUMES

POSTINGS = sorted(p for p in SAMPLE_POSTINGS.glob("p0[0-1]*") if p.suffix in {".txt", ".md", ".html"})


@pytest.fixture(scope="module")
def result():
    return analyze_postings(POSTINGS, partition_size=7)


def test_tables_are_tidy_and_account_for_every_input(result):
    assert result.inputs == len(POSTINGS) == result.processed + result.failed
    assert list(result.postings.columns[:4]) == ["posting_id", "source", "title", "role_level"]
    assert set(result.mentions.columns) >= {
        "posting_id",
        "skill_id",
        "category",
        "section",
        "requirement",
        "start",
        "end",
    }
    assert result.mentions["posting_id"].isin(result.postings["posting_id"]).all()
    assert ((result.skill_demand["share"] > 0) & (result.skill_demand["share"] <= 1)).all()
    assert set(result.requirements["role_level"]) <= {"director", "manager", "supervisor", "staff", "outside"}
    assert (result.cooccurrence["skill_a"] < result.cooccurrence["skill_b"]).all()


def test_worker_processes_give_the_same_tables(result):
    parallel = analyze_postings(POSTINGS, partition_size=7, jobs=2)
    pd.testing.assert_frame_equal(parallel.postings, result.postings)
    pd.testing.assert_frame_equal(parallel.mentions, result.mentions)


def test_interrupted_run_continues_without_redoing_partitions(tmp_path, monkeypatch, result):
    calls = []
    original = batch_module.analyze_partition

    def flaky(documents, paths=()):
        calls.append(len(documents))
        if len(calls) == 3:
            raise KeyboardInterrupt  # the run is cut off during its third partition
        return original(documents, paths)

    monkeypatch.setattr(batch_module, "analyze_partition", flaky)
    with pytest.raises(KeyboardInterrupt):
        analyze_postings(POSTINGS, partition_size=7, checkpoint_dir=tmp_path)
    assert len(list(tmp_path.glob("part-*.json"))) == 2
    calls.clear()
    resumed = analyze_postings(POSTINGS, partition_size=7, checkpoint_dir=tmp_path)
    assert len(calls) == -(-len(POSTINGS) // 7) - 2  # only the partitions not yet done
    pd.testing.assert_frame_equal(resumed.mentions, result.mentions)


def test_collections_failures_are_rows_of_the_failures_table(tmp_path):
    path = tmp_path / "jobs.csv"
    path.write_text("job_id,title,description\n1,HIM Manager,RHIA required.\n2,Coder,\n", encoding="utf-8")
    out = analyze_postings([path])
    assert (out.inputs, out.processed, out.failed) == (2, 1, 1)
    assert out.failures.iloc[0]["source"].endswith("#row=3")


def test_write_tables_and_cli(tmp_path, result):
    written = write_tables(result, tmp_path / "api", formats=["parquet", "csv"])
    assert {p.name for p in written} >= {"postings.parquet", "mentions.csv", "skill_demand.parquet"}
    reread = pd.read_parquet(tmp_path / "api" / "mentions.parquet")
    assert len(reread) == len(result.mentions)
    resume = next(SAMPLE_RESUMES.glob("r02_*"))
    cli = CliRunner().invoke(
        app, ["batch", *map(str, POSTINGS[:6]), "--output", str(tmp_path / "cli"), "--resumes", str(resume)]
    )
    assert cli.exit_code == 0, cli.output
    assert "6 input(s): 6 processed, 0 failed" in cli.stdout
    fits = pd.read_csv(tmp_path / "cli" / "fit_matrix.csv")
    assert len(fits) == 6 and fits["score"].between(0, 100).all()
    assert {"required_skills", "role_fit"} <= set(fits.columns)
    gaps = pd.read_parquet(tmp_path / "cli" / "gap_demand.parquet")
    assert (gaps["postings"] >= 1).all()


def test_resumes_may_be_a_directory(tmp_path):
    folder = tmp_path / "resumes"
    folder.mkdir()
    for resume in sorted(SAMPLE_RESUMES.glob("r0[12]_*"))[:2]:
        (folder / resume.name).write_bytes(resume.read_bytes())
    (folder / "notes.json.bak").write_text("not a resume", encoding="utf-8")
    cli = CliRunner().invoke(
        app, ["batch", *map(str, POSTINGS[:3]), "--output", str(tmp_path / "out"), "--resumes", str(folder)]
    )
    assert cli.exit_code == 0, cli.output
    fits = pd.read_csv(tmp_path / "out" / "fit_matrix.csv")
    assert fits["resume"].nunique() == 2 and len(fits) == 6


def test_dask_engine_on_a_local_cluster_matches_the_local_engine(result):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        on_dask = analyze_postings(POSTINGS, partition_size=7, engine="dask", scheduler=cluster.scheduler_address)
    pd.testing.assert_frame_equal(on_dask.postings, result.postings)
    pd.testing.assert_frame_equal(on_dask.mentions, result.mentions)
    assert on_dask.inputs == result.inputs


def test_engine_options_are_validated():
    from matcher import OptionError

    with pytest.raises(OptionError, match="engine"):
        analyze_postings(POSTINGS[:1], engine="spark")
    with pytest.raises(OptionError, match="scheduler"):
        analyze_postings(POSTINGS[:1], engine="dask")
