from __future__ import annotations

import json

from typer.testing import CliRunner

from matcher import Document
from matcher.cli import app
from matcher.coverage import coverage, coverage_summary, load_reference, provenance_problems
from matcher.suggest import suggest

runner = CliRunner()


def test_every_cited_reference_exists_in_the_shipped_extracts(taxonomy):
    assert provenance_problems(taxonomy) == []


def test_provenance_check_catches_a_bad_reference():
    from matcher.taxonomy import build_taxonomy

    bad = build_taxonomy(
        [
            (
                "bad.yaml",
                (
                    "category: coding\nskills:\n  - id: coding.x\n    label: X\n    aliases: [x thing]\n"
                    "    weights: {director: 1, manager: 1, supervisor: 1, staff: 1}\n"
                    "    provenance: {onet: ['29-2072.00 task 999999'], esco: ['medical records manager | juggling'],"
                    " exams: ['RHIA domain 9'], seeds: ['nope.txt']}\n"
                ),
            )
        ]
    )
    problems = provenance_problems(bad)
    assert len(problems) == 4 and all(p[0] == "coding.x" for p in problems)


def test_coverage_meets_the_published_aims(extractor, taxonomy):
    items = coverage(taxonomy, extractor=extractor)
    summary = coverage_summary(items)
    assert len(summary) == 2
    for numbers in summary.values():
        assert numbers["share"] >= 0.9, summary
    for item in items:
        if item.status == "out_of_scope":
            assert item.how  # every exclusion says why
        if item.status == "covered":
            assert item.skills and all(s in taxonomy for s in item.skills)


def test_out_of_scope_entries_name_real_reference_items():
    ref = load_reference()
    esco = {r["skill_label"] for r in ref.esco}
    tech = {r["Example"] for r in ref.technology}
    for source, item in ref.out_of_scope:
        assert item in (esco if source == "esco" else tech), item


def test_suggest_finds_uncovered_repeated_phrases(extractor):
    texts = [
        f"Posting {i}\nDuties\n- Maintain the chart tracking carousel and the zebra workflow ledger.\n"
        f"- Run quarterly zebra workflow ledger reconciliations for unit {i}.\n- Release of information requests."
        for i in range(4)
    ]
    docs = [Document(text=t, source=f"d{i}.txt", kind="posting") for i, t in enumerate(texts)]
    found = suggest(
        docs, extractor=extractor, background=["An unrelated background text about finance."] * 3, min_df=3, top=10
    )
    phrases = [s.phrase for s in found]
    assert any("zebra workflow ledger" in p for p in phrases)
    assert not any("release of information" in p for p in phrases)  # already in the taxonomy
    top = next(s for s in found if "zebra workflow ledger" in s.phrase)
    assert top.df == 4 and top.examples and "aliases:" in top.yaml_snippet()


def test_cli_coverage_and_suggest(tmp_path):
    result = runner.invoke(app, ["taxonomy", "coverage", "--targets", "--format", "json"])
    assert result.exit_code == 0
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert "summary" in lines[-1] and all(x.get("target") for x in lines[:-1])
    table = runner.invoke(app, ["taxonomy", "coverage", "--source", "onet_tech", "--status", "out_of_scope"])
    assert table.exit_code == 0 and "Microsoft Windows" in table.stdout
    bad = runner.invoke(app, ["taxonomy", "coverage", "--source", "nope"])
    assert bad.exit_code == 2 and "esco" in bad.stderr
    docs = []
    for i in range(3):
        path = tmp_path / f"d{i}.txt"
        path.write_text(f"Job {i}\n- Operate the zebra workflow ledger daily.\n", encoding="utf-8")
        docs.append(str(path))
    suggested = runner.invoke(app, ["taxonomy", "suggest", *docs, "--min-df", "3", "--format", "json"])
    assert suggested.exit_code == 0
    rows = [json.loads(x) for x in suggested.stdout.splitlines()]
    assert any("zebra workflow ledger" in r["phrase"] for r in rows)
    snippet = runner.invoke(app, ["taxonomy", "suggest", *docs, "--min-df", "3", "--yaml"])
    assert snippet.stdout.startswith("skills:") and "provenance:" in snippet.stdout
