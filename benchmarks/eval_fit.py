"""Fit-score quality on the dev set: NDCG and pairwise ranking accuracy against graded labels, next to a baseline.

Usage: python benchmarks/eval_fit.py [--details]

Labels: dev_set/fit_labels.csv (resume x posting, 0-3). Two views, both reported:
- recruiter view: for each posting, rank the resumes (NDCG@all, pairwise accuracy over resume pairs with
  different labels);
- candidate view: for each resume, rank the postings (same measures over posting pairs).
The baseline is a plain TF-IDF cosine between resume and posting texts, fitted on the same postings, in this run.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def ndcg(pairs: list[tuple[float, int]]) -> float:
    ranked = sorted(pairs, key=lambda p: -p[0])
    ideal = sorted((label for _, label in pairs), reverse=True)
    dcg = sum((2**label - 1) / math.log2(i + 2) for i, (_, label) in enumerate(ranked))
    idcg = sum((2**label - 1) / math.log2(i + 2) for i, label in enumerate(ideal))
    return dcg / idcg if idcg else 1.0


def pairwise(pairs: list[tuple[float, int]]) -> tuple[float, int]:
    good = total = 0.0
    for i in range(len(pairs)):
        for j in range(i + 1, len(pairs)):
            (si, li), (sj, lj) = pairs[i], pairs[j]
            if li == lj:
                continue
            total += 1
            if (si - sj) * (li - lj) > 0:
                good += 1
            elif si == sj:
                good += 0.5
    return good, int(total)


def load_dev() -> tuple[list[dict[str, str]], dict[str, Any], dict[str, Any], Any]:
    """The graded labels, every sample posting and resume analysed (by id), and a scorer fitted on the postings."""
    from matcher import Extractor, FitScorer, read_document

    labels = list(csv.DictReader((ROOT / "dev_set" / "fit_labels.csv").open(encoding="utf-8")))
    extractor = Extractor(reference_year=2026)
    posting_files = {p.name.split("_", 1)[0]: p for p in (ROOT / "sample_postings").iterdir() if p.name[:1] == "p"}
    resume_files = {p.name.split("_", 1)[0]: p for p in (ROOT / "sample_resumes").iterdir() if p.name[:1] == "r"}
    postings = {pid: extractor.extract(read_document(path, kind="posting")) for pid, path in posting_files.items()}
    resumes = {rid: extractor.extract(read_document(path, kind="resume")) for rid, path in resume_files.items()}
    return labels, postings, resumes, FitScorer().fit(list(postings.values()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()

    labels, postings, resumes, scorer = load_dev()

    system: dict[tuple[str, str], float] = {}
    baseline: dict[tuple[str, str], float] = {}
    for rid, resume in resumes.items():
        dev = [postings[row["posting"]] for row in labels if row["resume"] == rid]
        sims = scorer.similarities(resume, dev)
        for posting, sim in zip(dev, sims, strict=True):
            pid = posting.source.split("/")[-1].split("_", 1)[0]
            system[(rid, pid)] = scorer.score(resume=resume, posting=posting, similarity=sim).score
            baseline[(rid, pid)] = sim

    gold = {(row["resume"], row["posting"]): int(row["label"]) for row in labels}
    print(f"dev set: {len(resumes)} resumes x {len({p for _, p in gold})} postings = {len(gold)} graded pairs")
    print(f"{'':28}{'NDCG':>8}{'pairwise':>10}   view")
    for view, key_index in (("recruiter (per posting)", 1), ("candidate (per resume)", 0)):
        for name, scores in (("skills-matcher", system), ("baseline TF-IDF cosine", baseline)):
            groups: dict[str, list[tuple[float, int]]] = defaultdict(list)
            for key, label in gold.items():
                groups[key[key_index]].append((scores[key], label))
            ndcgs = [ndcg(g) for g in groups.values()]
            good = total = 0.0
            for g in groups.values():
                a, b = pairwise(g)
                good += a
                total += b
            print(f"{name:28}{sum(ndcgs) / len(ndcgs):8.3f}{good / total:10.3f}   {view}")
    stuffed = "r11"
    worse = [
        (rid, pid)
        for (rid, pid), label in gold.items()
        if rid != stuffed and label >= 2 and system[(stuffed, pid)] >= system[(rid, pid)]
    ]
    strong = sum(1 for (rid, _), label in gold.items() if label >= 2 and rid != stuffed)
    print(
        f"keyword-stuffed resume ({stuffed}) scored at or above a resume labelled 2-3 on the same posting: "
        f"{len(worse)} of {strong} such pairs"
    )
    if args.details:
        for key in sorted(gold, key=lambda k: (k[1], -gold[k])):
            print(f"{key[1]} {key[0]} label {gold[key]} score {system[key]:5.1f} tfidf {baseline[key]:.3f}")


if __name__ == "__main__":
    main()
