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
    test_command = "sh tests/setup-system.sh && pip install '.[test]' && pytest"
    assert test_command in README
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci


EXAMPLES = re.findall(r"```sparql\n(.*?)```\n\n```\n(.*?)```", README, re.S)


def test_docs_readme_has_examples():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("sparql,shown", EXAMPLES)
def test_docs_readme_queries_give_the_output_shown(runner, built_default, sparql, shown):
    result = runner.invoke(main, ["query", sparql, "--format", "csv", "--out", str(built_default)])
    assert result.exit_code == 0, result.output
    assert result.output.replace("\r\n", "\n") == shown


COMPARE = re.findall(
    r"\(`kg build`, then `kg compare --measure\nwachttijd`\):\n\n```\n(.*?)```", README, re.S
)


def test_docs_readme_compare_gives_the_output_shown(runner, built_default):
    """The README's kg compare example is real output on the bundled sample."""
    assert len(COMPARE) == 1
    result = runner.invoke(main, ["compare", "--measure", "wachttijd", "--out", str(built_default)])
    assert result.exit_code == 0, result.output
    assert result.output == COMPARE[0]


KIND = re.findall(r"```\n\$ kg compare --kind team\n(.*?)```", README, re.S)


def test_docs_readme_compare_kind_gives_the_output_shown(runner, built_default):
    """The README's kg compare --kind example is real output on the bundled sample."""
    assert len(KIND) == 1
    result = runner.invoke(main, ["compare", "--kind", "team", "--out", str(built_default)])
    assert result.exit_code == 0, result.output
    assert result.output == KIND[0]


PYTHON = re.findall(r"## The rules\n.*?```python\n(.*?)```", README, re.S)


def test_docs_readme_rule_example_gives_the_output_shown():
    """The README's example of a rule added through the config runs, and its last line
    gives the finds shown in the comment under it."""
    (code,) = PYTHON
    *body, last, shown = code.rstrip("\n").split("\n")
    namespace: dict = {}
    exec("\n".join(body), namespace)
    assert repr(eval(last, namespace)) == shown.removeprefix("# ")
