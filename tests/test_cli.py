from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from typer.testing import CliRunner

from matcher.cli import app

runner = CliRunner()
POSTING = "HIM Manager\nQualifications\n- RHIA or RHIT required.\n- 5 years of HIM experience.\n"


@pytest.fixture(scope="module")
def schema():
    return json.loads(resources.files("matcher").joinpath("schemas/extract.schema.json").read_text())


def test_help_lists_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "extract" in result.output and "taxonomy" in result.output


def test_extract_json_follows_the_schema(tmp_path, schema):
    path = tmp_path / "posting.txt"
    path.write_text(POSTING, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--format", "json", "--include-text"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    payload = json.loads(lines[0])
    jsonschema.validate(payload, schema)
    assert payload["source"] == str(path)
    assert payload["role_level"] == "manager"
    for mention in payload["mentions"]:
        assert payload["text"][mention["start"] : mention["end"]] == mention["text"]


def test_extract_table_for_people(tmp_path):
    path = tmp_path / "posting.txt"
    path.write_text(POSTING, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--format", "table"])
    assert result.exit_code == 0
    assert "role level: manager" in result.output
    assert "RHIA" in result.output


def test_bad_inputs_fail_alone_and_set_the_exit_code(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(POSTING, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02")
    empty_dir = tmp_path / "nothing_here"
    empty_dir.mkdir()
    result = runner.invoke(
        app,
        ["extract", str(good), str(tmp_path / "nope.txt"), str(empty), str(binary), str(empty_dir), "--format", "json"],
    )
    assert result.exit_code == 1
    assert len(result.stdout.strip().splitlines()) == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("skills-matcher: error:")]
    assert len(errors) == 4
    assert "5 input(s): 1 processed, 4 failed" in result.stderr
    assert "Traceback" not in result.output
    only_bad = runner.invoke(app, ["extract", str(empty), "--format", "json"])
    assert only_bad.exit_code == 2


def test_taxonomy_validate_and_list(tmp_path):
    ok = runner.invoke(app, ["taxonomy", "validate"])
    assert ok.exit_code == 0 and ok.output.startswith("ok:")
    bad = tmp_path / "bad.yaml"
    bad.write_text("category: coding\nskills:\n  - id: coding.x\n    label: X\n", encoding="utf-8")
    result = runner.invoke(app, ["taxonomy", "validate", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "bad.yaml" in result.stderr and "coding.x" in result.stderr
    listed = runner.invoke(app, ["taxonomy", "list", "--category", "credentials", "--format", "json"])
    assert listed.exit_code == 0
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert rows and all(r["category"] == "credentials" for r in rows)
    wrong = runner.invoke(app, ["taxonomy", "list", "--category", "nope"])
    assert wrong.exit_code == 2 and "credentials" in wrong.stderr


def test_user_taxonomy_option(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "category: records_operations\nskills:\n  - id: records_operations.zebra_filing\n    label: Zebra filing\n"
        "    aliases: [zebra filing]\n    weights: {director: 1, manager: 1, supervisor: 1, staff: 1}\n"
        "    provenance: {seeds: [mine]}\n",
        encoding="utf-8",
    )
    path = tmp_path / "p.txt"
    path.write_text("Records Clerk\nDuties\n- Zebra filing of charts.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--taxonomy", str(extra), "--format", "json"])
    assert result.exit_code == 0
    assert "records_operations.zebra_filing" in result.stdout


@pytest.fixture(scope="module")
def score_schema():
    return json.loads(resources.files("matcher").joinpath("schemas/score.schema.json").read_text())


RESUME = (
    "Pat Example\npat@example.com\n\nEXPERIENCE\nHIM Manager, Example Hospital, 2018 - 2025\n"
    "- Supervised release of information staff.\n\nCERTIFICATIONS\nRHIA\n"
)


def test_score_json_follows_the_schema_best_first(tmp_path, score_schema):
    resume = tmp_path / "resume.txt"
    resume.write_text(RESUME, encoding="utf-8")
    first = tmp_path / "a.txt"
    first.write_text(POSTING, encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text("Registered Nurse\nResponsibilities\n- Patient care.\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(resume), str(first), str(second), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    jsonschema.validate(payload, score_schema)
    assert [r["posting"] for r in payload["results"]] == [str(first), str(second)]
    scores = [r["score"] for r in payload["results"]]
    assert scores == sorted(scores, reverse=True)
    top = runner.invoke(app, ["score", str(resume), str(first), str(second), "--format", "json", "--top", "1"])
    assert len(json.loads(top.stdout)["results"]) == 1


def test_score_against_bundled_postings_in_markdown_and_table(tmp_path):
    resume = tmp_path / "resume.txt"
    resume.write_text(RESUME, encoding="utf-8")
    markdown = runner.invoke(app, ["score", str(resume), "--format", "markdown", "--top", "3"])
    assert markdown.exit_code == 0
    assert markdown.stdout.startswith("# Fit of") and "| gap |" in markdown.stdout
    table = runner.invoke(app, ["score", str(resume), "--format", "table", "--top", "2", "--explain"])
    assert table.exit_code == 0 and "Readiness" in table.stdout


def test_score_empty_resume_warns_and_marks_zero(tmp_path):
    resume = tmp_path / "empty.txt"
    resume.write_text("   \n", encoding="utf-8")
    posting = tmp_path / "p.txt"
    posting.write_text(POSTING, encoding="utf-8")
    result = runner.invoke(app, ["score", str(resume), str(posting), "--format", "json"])
    assert result.exit_code == 1
    assert "no usable text" in result.stderr
    payload = json.loads(result.stdout)
    assert all(r["score"] == 0 and r["status"] == "no_text" for r in payload["results"])


def test_score_missing_resume_is_one_line_error(tmp_path):
    result = runner.invoke(app, ["score", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "does not exist" in result.stderr


def test_score_table_quotes_around_the_asked_words_of_a_long_sentence(tmp_path):
    resume = tmp_path / "resume.txt"
    resume.write_text(RESUME, encoding="utf-8")
    posting = tmp_path / "p.txt"
    posting.write_text(
        "HIM Manager\nRequirements\n- An associate degree in health information technology or a related field, or a "
        "high school diploma plus six years of hospital outpatient coding experience.\n",
        encoding="utf-8",
    )
    table = runner.invoke(app, ["score", str(resume), str(posting), "--format", "table"])
    assert table.exit_code == 0
    row = next(line for line in table.stdout.splitlines() if line.startswith("Outpatient coding"))
    assert "…" in row and "outpatient coding experience" in row
