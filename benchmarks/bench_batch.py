"""Batch throughput and peak memory: 1 and 2 local processes and a 2-worker Dask LocalCluster, in one run.

Usage: python benchmarks/bench_batch.py [--postings N]

The sample postings are replicated with variation (shuffled lines, changed numbers) into a JSON Lines collection of N
postings; each configuration runs in a fresh subprocess that reads it through the normal reader layer, so peak RSS
is measured per configuration (the process and its worker children). spaCy's bare tokenizer over the same texts is
timed too, and so is an offline peer: FlashText (a keyword extractor) with a skill database generated from our
taxonomy (every alias, its spelling variants and every acronym). SkillNer, the obvious peer, needs spaCy's
en_core_web_lg model, which cannot be downloaded here. The peer finds keywords only: no lemmas, context rules,
sections, requirements or tables, so it bounds from above what plain keyword matching costs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

RUNNER = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
from matcher.batch import analyze_postings
kind, jobs, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
cluster = None
kwargs = dict(jobs=jobs, partition_size=1000)
if kind == "dask":
    from distributed import LocalCluster
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)
    kwargs = dict(engine="dask", scheduler=cluster.scheduler_address, partition_size=1000)
start = time.perf_counter()
result = analyze_postings([path], **kwargs)
seconds = time.perf_counter() - start
if cluster is not None:
    cluster.close()
usage = resource.getrusage
peak = max(usage(resource.RUSAGE_SELF).ru_maxrss, usage(resource.RUSAGE_CHILDREN).ru_maxrss)
out = {{"seconds": seconds, "processed": result.processed, "failed": result.failed, "peak_mb": peak / 1024}}
print(json.dumps(out))
"""


def _flashtext_peer():  # type: ignore[no-untyped-def]
    try:
        from flashtext import KeywordProcessor
    except ImportError:
        print("peer: FlashText not installed (pip install flashtext); skipped")
        return None
    from matcher import load_taxonomy
    from matcher.pipeline import surface_variants

    processor = KeywordProcessor(case_sensitive=False)
    for skill in load_taxonomy():
        for phrase in (*skill.aliases, *skill.acronyms):
            for variant in surface_variants(phrase):
                processor.add_keyword(variant, skill.id)
    return processor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=50_000)
    args = parser.parse_args()

    import spacy
    from bench_extract import realistic_postings

    texts = realistic_postings(args.postings, 400)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "postings.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(texts):
                fh.write(json.dumps({"id": i, "description": text}) + "\n")
        tokenizer = spacy.blank("en").tokenizer
        start = time.perf_counter()
        for _ in tokenizer.pipe(texts):
            pass
        bare = len(texts) / (time.perf_counter() - start)
        print(f"postings: {len(texts):,} (~400 words each)")
        print(f"spaCy bare tokenizer, 1 process:  {bare:8,.0f} postings/s")
        peer = _flashtext_peer()
        if peer is not None:
            start = time.perf_counter()
            found = sum(len(peer.extract_keywords(text)) for text in texts)
            rate = len(texts) / (time.perf_counter() - start)
            print(
                f"peer: FlashText + our taxonomy, 1 process: {rate:8,.0f} postings/s ({rate / bare:.2f} of the bare "
                f"tokenizer), {found / len(texts):.1f} keyword hits per posting"
            )
        script = RUNNER.format(root=str(ROOT))
        for label, kind, jobs in (
            ("local, 1 process", "local", 1),
            ("local, 2 processes", "local", 2),
            ("Dask LocalCluster, 2 workers", "dask", 1),
        ):
            out = subprocess.run(
                [sys.executable, "-c", script, kind, str(jobs), str(corpus)], check=True, capture_output=True, text=True
            )
            measured = json.loads(out.stdout.strip().splitlines()[-1])
            rate = measured["processed"] / measured["seconds"]
            print(
                f"{label:32}  {rate:8,.0f} postings/s  ({rate / bare:.2f} of the bare tokenizer), "
                f"peak RSS {measured['peak_mb']:,.0f} MB, {measured['processed']:,} processed, "
                f"{measured['failed']} failed"
            )


if __name__ == "__main__":
    main()
