"""Every command example in the README runs as written (through Typer's runner, from the project root)."""

from __future__ import annotations

import glob
import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from matcher.cli import app

ROOT = Path(__file__).resolve().parents[1]
BLOCK_RE = re.compile(r"```bash\n(.*?)```", re.DOTALL)


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in BLOCK_RE.findall(text):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line.startswith("skills-matcher ") and "..." not in line and "[" not in line:
                commands.append(line)
    return commands


COMMANDS = readme_commands()


def test_readme_has_examples_for_every_command():
    used = {c.split()[1] for c in COMMANDS}
    assert {"extract", "score", "taxonomy"} <= used


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_example_runs(command, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    args = []
    for arg in shlex.split(command)[1:]:  # expand globs as the shell would
        args.extend(sorted(glob.glob(arg)) if "*" in arg else [arg])
    scratch = {"batch_out", "report.html", "report.md"}
    args = [str(tmp_path / a) if a in scratch else a for a in args]  # outputs go to a scratch directory
    result = CliRunner().invoke(app, args, env={**os.environ})
    assert result.exit_code == 0, (command, result.output[-500:])
