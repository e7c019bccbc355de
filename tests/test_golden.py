"""Each bundled sample posting extracts exactly as its reviewed golden file says."""

from __future__ import annotations

import json

import pytest

from matcher import read_document

from .golden_files import GOLDEN, posting_files, snapshot

POSTINGS = posting_files()


def test_every_sample_posting_has_a_golden_file():
    missing = [p.name for p in POSTINGS if not (GOLDEN / f"{p.stem}.json").exists()]
    assert not missing, f"run `python -m tests.golden_files` and review: {missing}"


@pytest.mark.parametrize("path", POSTINGS, ids=lambda p: p.stem)
def test_sample_posting_matches_golden(extractor, path):
    golden_path = GOLDEN / f"{path.stem}.json"
    if not golden_path.exists():
        pytest.fail(f"no golden file for {path.name}")
    expected = json.loads(golden_path.read_text(encoding="utf-8"))
    analysis = extractor.extract(read_document(path, kind="posting"))
    assert snapshot(analysis) == expected
