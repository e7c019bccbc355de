"""Sample HIM job postings bundled with skills-matcher (text files only; see README.md and manifest.csv)."""
