"""The HTML report: self-contained, escaped, and rendered without errors by a real headless Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from matcher.cli import app

from .conftest import SAMPLE_RESUMES

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
HOSTILE_POSTING = """HIM Manager <script>alert('x')</script>
Responsibilities
- Supervise <b onmouseover="alert(1)">release of information</b> staff & chart completion.
Qualifications
- RHIA or RHIT required. <img src="http://example.com/track.png">
"""


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    posting = tmp / "hostile.txt"
    posting.write_text(HOSTILE_POSTING, encoding="utf-8")
    other = tmp / "second.txt"
    other.write_text(
        "Coding Manager\nQualifications\n- CCS required.\n- 5 years of coding experience.\n", encoding="utf-8"
    )
    resume = next(SAMPLE_RESUMES.glob("r02_*"))
    out = tmp / "report.html"
    result = CliRunner().invoke(app, ["report", str(resume), str(posting), str(other), "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_report_is_self_contained_and_escaped(report_file):
    text = report_file.read_text(encoding="utf-8")
    assert "<script" not in text.lower()  # neither ours nor the posting's
    assert "&lt;script&gt;" in text
    assert "http://" not in text and "https://" not in text  # no CDN, nothing fetched
    assert 'id="readiness"' in text and 'id="coverage-chart"' in text and 'id="ranking"' in text
    assert "<mark>" in text  # evidence highlighted


def test_report_markdown(tmp_path):
    resume = next(SAMPLE_RESUMES.glob("r02_*"))
    out = tmp_path / "report.md"
    result = CliRunner().invoke(
        app, ["report", str(resume), "--format", "markdown", "--top", "3", "--output", str(out)]
    )
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Fit of")


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_report_renders_in_headless_chromium(report_file):
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = _chromium()
    if executable is None:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here (REQUIRE_BROWSER is set) but was not found")
        pytest.skip("no Chromium installed (scripts/install_browser.sh installs it)")
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 1600})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(report_file.as_uri())
        assert page.locator("#report-title").inner_text().startswith("Fit report")
        assert page.locator("#readiness .card").count() == 3
        assert page.locator("#coverage-chart rect").count() >= 2
        assert page.locator("#ranking tbody tr").count() == 2
        assert page.locator("section.posting table.gaps tbody tr").count() >= 1
        assert page.evaluate("() => window.alertFired === undefined")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        browser.close()
    assert errors == []
    assert all(url.startswith("file://") for url in requests)  # nothing fetched from the network
