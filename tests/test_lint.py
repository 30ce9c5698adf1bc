"""The code is checked, not hoped to be clean: ruff's rules and its formatter over the
whole repository, and mypy over ``kg/`` and ``extractors/`` (settings in pyproject.toml;
both tools pinned in the ``test`` extra)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> list[str]:
    found = shutil.which(name)
    return [found] if found else [sys.executable, "-m", name]


@pytest.mark.parametrize(
    "args", [["check", "--no-cache"], ["format", "--check", "--no-cache"]], ids=["check", "format"]
)
def test_lint_ruff_passes(args):
    result = subprocess.run(
        [*_tool("ruff"), *args, str(ROOT)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_lint_mypy_on_kg_and_extractors_passes(tmp_path):
    result = subprocess.run(
        [*_tool("mypy"), "--cache-dir", str(tmp_path / "mypy"), "--no-incremental"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
