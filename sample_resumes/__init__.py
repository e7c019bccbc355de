"""Sample resumes bundled with skills-matcher (fictional people; see manifest.csv)."""
