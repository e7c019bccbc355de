"""Write the analysis notebooks (stored without outputs; the test suite executes them top to bottom).

Usage: python scripts/make_notebooks.py
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
SETUP = """import glob
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # runs headless in CI; inline display works in Jupyter all the same
import matplotlib.pyplot as plt
import pandas as pd

import matcher

ROOT = Path.cwd().parent  # notebooks/ sits in the project root
POSTINGS = sorted(p for p in (ROOT / "sample_postings").glob("p*") if p.suffix in {".txt", ".md", ".html"})
len(POSTINGS)"""

NOTEBOOKS = {
    "01_market_demand.ipynb": [
        new_markdown_cell(
            "# 01 · Market demand\n\nWhat the bundled sample postings ask for, by role level: skills, credentials, "
            "degrees and years of experience. Swap `POSTINGS` for your own collection (a CSV, JSON Lines or Parquet "
            "export works too) to study a real market. Uses only the public `matcher` API."
        ),
        new_code_cell(SETUP),
        new_code_cell("result = matcher.analyze_postings(POSTINGS)\nresult.postings.head()"),
        new_code_cell(
            "levels = ['director', 'manager', 'supervisor', 'staff']\n"
            "demand = result.skill_demand[result.skill_demand.role_level.isin(levels)]\n"
            "top = demand.sort_values('share', ascending=False).groupby('role_level').head(8)\n"
            "top[['role_level', 'skill_id', 'postings', 'share', 'required_in']]"
        ),
        new_code_cell(
            "fig, axes = plt.subplots(1, 4, figsize=(18, 4), sharex=True)\n"
            "for ax, level in zip(axes, levels):\n"
            "    rows = top[top.role_level == level].sort_values('share')\n"
            "    ax.barh(rows.skill_id.str.split('.').str[1], rows.share)\n"
            "    ax.set_title(level)\n"
            "    ax.set_xlim(0, 1)\n"
            "fig.suptitle('Share of postings asking for each skill, by role level')\n"
            "fig.tight_layout()"
        ),
        new_code_cell(
            "credentials = result.mentions[result.mentions.category == 'credentials'].merge(\n"
            "    result.postings[['posting_id', 'role_level']], on='posting_id')\n"
            "credential_share = (credentials.drop_duplicates(['posting_id', 'skill_id'])\n"
            "    .groupby(['role_level', 'skill_id']).size().unstack(fill_value=0))\n"
            "credential_share"
        ),
        new_code_cell(
            "ax = result.requirements.set_index('role_level')[['degree_required_share', "
            "'bachelor_or_higher_required', 'credential_required_share']].plot.bar(figsize=(9, 4))\n"
            "ax.set_title('Degrees and credentials required, by role level')\n"
            "result.requirements"
        ),
        new_code_cell(
            "years = result.postings.dropna(subset=['years_experience'])\n"
            "ax = years.boxplot(column='years_experience', by='role_level', figsize=(8, 4))\n"
            "ax.set_ylabel('years of experience asked')\n"
            "years.groupby('role_level')[['years_experience', 'years_supervisory']].median()"
        ),
    ],
    "02_candidate_gap_analysis.ipynb": [
        new_markdown_cell(
            "# 02 · Candidate gap analysis\n\nOne resume against the whole posting corpus: how ready the candidate "
            "is for supervisor, manager and director roles, which postings fit best, and which gaps most postings "
            "share. Uses only the public `matcher` API."
        ),
        new_code_cell(SETUP),
        new_code_cell(
            "extractor = matcher.Extractor()\n"
            "postings = [extractor.extract(matcher.read_document(p, kind='posting')) for p in POSTINGS]\n"
            "scorer = matcher.FitScorer().fit(postings)\n"
            "resume = extractor.extract(matcher.read_document(ROOT / 'sample_resumes' / "
            "'r03_him_supervisor_rhit_meditech.txt', kind='resume'))\n"
            "resume.title, resume.role_level"
        ),
        new_code_cell(
            "fits = scorer.rank(resume=resume)\n"
            "ranking = pd.DataFrame([{'posting': f.title, 'level': f.role_level, 'score': f.score} for f in fits])\n"
            "ranking.head(10)"
        ),
        new_code_cell(
            "readiness = scorer.readiness(resume=resume, fits=fits)\n"
            "ready = pd.DataFrame([r.to_dict() for r in readiness.values()])\n"
            "ready = ready[['level', 'postings', 'score', 'status']]\n"
            "ax = ready.plot.bar(x='level', y='score', legend=False, figsize=(6, 3), ylim=(0, 100))\n"
            "ax.axhline(70, linestyle='--')\n"
            "ax.set_title('Readiness by role level (mean fit score)')\n"
            "ready"
        ),
        new_code_cell(
            "gaps = pd.DataFrame(matcher.market_gaps(fits))\n"
            "top_gaps = gaps.head(12)\n"
            "ax = top_gaps.iloc[::-1].plot.barh(x='label', y='postings', legend=False, figsize=(8, 5))\n"
            "ax.set_title('Gaps ranked by how many postings ask for them')\n"
            "top_gaps[['label', 'kind', 'postings', 'required_in', 'action']]"
        ),
        new_code_cell(
            "best = fits[0]\n"
            "pd.DataFrame([{'gap': g.label, 'asked': g.requirement, 'action': g.action, 'posting says': "
            "g.posting_evidence.text if g.posting_evidence else ''} for g in best.missing[:8]])"
        ),
    ],
    "03_taxonomy_and_quality.ipynb": [
        new_markdown_cell(
            "# 03 · Taxonomy and quality\n\nHow much of the O*NET and ESCO reference the taxonomy covers, and how "
            "well extraction does on the hand-annotated dev set (precision, recall, role-level confusion). Uses "
            "only the public `matcher` API."
        ),
        new_code_cell(SETUP),
        new_code_cell(
            "extractor = matcher.Extractor()\n"
            "items = matcher.coverage(extractor.taxonomy, extractor=extractor)\n"
            "coverage = pd.DataFrame([i.to_dict() for i in items])\n"
            "pd.crosstab(coverage.source, coverage.status)"
        ),
        new_code_cell(
            "ax = pd.crosstab(coverage.source, coverage.status).plot.barh(stacked=True, figsize=(8, 3))\n"
            "ax.set_title('Reference items covered by the taxonomy')\n"
            "pd.DataFrame(matcher.coverage_summary(items)).T"
        ),
        new_code_cell(
            "import json\n"
            "dev = pd.read_csv(ROOT / 'dev_set' / 'postings.csv')\n"
            "gold = pd.DataFrame([json.loads(line) for line in (ROOT / 'dev_set' / 'gold_mentions.jsonl')"
            ".read_text().splitlines() if line])\n"
            "files = {p.name.split('_')[0]: p for p in POSTINGS}\n"
            "rows = []\n"
            "for posting_id, level in zip(dev.id, dev.role_level):\n"
            "    analysis = extractor.extract(matcher.read_document(files[posting_id], kind='posting'))\n"
            "    found, expected = set(analysis.skill_ids), set(gold[gold.posting == posting_id].skill_id)\n"
            "    for skill in found | expected:\n"
            "        rows.append({'posting': posting_id, 'skill_id': skill, 'category': skill.split('.')[0],\n"
            "                     'found': skill in found, 'gold': skill in expected})\n"
            "    rows.append({'posting': posting_id, 'role_gold': level, 'role_found': analysis.role_level})\n"
            "table = pd.DataFrame(rows)\n"
            "pairs = table.dropna(subset=['skill_id'])\n"
            "by_category = pairs.groupby('category').apply(lambda g: pd.Series({\n"
            "    'precision': (g.found & g.gold).sum() / max(g.found.sum(), 1),\n"
            "    'recall': (g.found & g.gold).sum() / max(g.gold.sum(), 1)}), include_groups=False)\n"
            "by_category"
        ),
        new_code_cell(
            "ax = by_category.plot.bar(figsize=(10, 4), ylim=(0, 1))\n"
            "ax.set_title('Dev-set extraction quality by category')\n"
            "tp = (pairs.found & pairs.gold).sum()\n"
            "print(f'precision {tp / pairs.found.sum():.3f}  recall {tp / pairs.gold.sum():.3f}')"
        ),
        new_code_cell(
            "roles = table.dropna(subset=['role_gold'])\n"
            "pd.crosstab(roles.role_gold, roles.role_found, rownames=['gold'], colnames=['found'])"
        ),
    ],
}


def main() -> None:
    out = ROOT / "notebooks"
    out.mkdir(exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        notebook = new_notebook(
            cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
        )
        nbformat.write(notebook, out / name)
    print(f"wrote {len(NOTEBOOKS)} notebooks to {out}")


if __name__ == "__main__":
    main()
