"""Shared fixtures: the pipeline and taxonomy are built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from matcher import Extractor, load_taxonomy
from matcher.taxonomy import build_taxonomy

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_POSTINGS = ROOT / "sample_postings"
SAMPLE_RESUMES = ROOT / "sample_resumes"

MINI_TAXONOMY = """
category: coding
skills:
  - id: coding.icd10_cm
    label: ICD-10-CM
    kind: knowledge
    aliases: [ICD-10-CM]
    weights: {director: 2, manager: 2, supervisor: 3, staff: 3}
    provenance: {seeds: [000_0cf09cab7b8c1ecb.txt]}
  - id: coding.coding_audits
    label: Coding audits
    aliases: [coding audit, audit coding]
    weights: {director: 2, manager: 3, supervisor: 3, staff: 1}
    related: [coding.icd10_cm]
    provenance: {seeds: [000_0cf09cab7b8c1ecb.txt]}
  - id: coding.cpt
    label: CPT
    kind: knowledge
    acronyms: [CPT]
    weights: {director: 1, manager: 2, supervisor: 3, staff: 3}
    provenance: {seeds: [000_0cf09cab7b8c1ecb.txt]}
  - id: coding.supervise_coders
    label: Supervising coders
    patterns:
      - [{NORM: {IN: [supervise, manage, lead]}}, {OP: "{0,3}"}, {NORM: {IN: [coders, coding staff]}}]
    weights: {director: 3, manager: 3, supervisor: 3, staff: 0}
    provenance: {seeds: [000_0cf09cab7b8c1ecb.txt]}
  - id: coding.ccs_like
    label: CCS (mini)
    acronyms: [CCS, CCS-X]
    context: {window: 0, any: [coding, coder], none: [cloud]}
    weights: {director: 3, manager: 3, supervisor: 3, staff: 3}
    provenance: {seeds: [000_0cf09cab7b8c1ecb.txt]}
  - id: coding.records_custody
    label: Records custody (mini)
    aliases: [records management]
    guarded:
      - aliases: [custodian of records]
        context: {window: 4, none: [designated, serves]}
    weights: {director: 2, manager: 2, supervisor: 1, staff: 0}
    provenance: {seeds: [000_0cf09cab7b8c1ecb.txt]}
  - id: coding.excel_like
    label: Excel (mini)
    acronyms: [Excel]
    context: {not_followed_by: [at, in]}
    weights: {director: 1, manager: 1, supervisor: 1, staff: 1}
    provenance: {seeds: [000_0cf09cab7b8c1ecb.txt]}
"""


@pytest.fixture(scope="session")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="session")
def extractor(taxonomy):
    return Extractor(taxonomy=taxonomy)


@pytest.fixture(scope="session")
def mini_extractor():
    mini = build_taxonomy([("mini.yaml", MINI_TAXONOMY)])
    return Extractor(taxonomy=mini)
