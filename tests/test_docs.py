"""The README documents every command, and its example queries run."""

import re
from pathlib import Path

import pytest

from kg.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_docs_every_command_has_help_and_a_readme_mention(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0 and len(result.output) > 80
    assert f"kg {command}" in README


def test_docs_quick_start_commands():
    assert "pip install . && kg build" in README
    assert "pip install '.[test]' && pytest" in README


QUERIES = re.findall(r"```sparql\n(.*?)```", README, re.S)


@pytest.mark.parametrize("sparql", QUERIES)
def test_docs_readme_queries_run_on_the_sample(runner, built, sparql):
    result = runner.invoke(main, ["query", sparql, "--format", "csv", "--out", str(built)])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) > 1  # a header and at least one row
