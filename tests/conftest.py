"""Shared fixtures. Heavy objects (the pipeline, a built sample graph) are built once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import pipeline
from kg.nlp import build_nlp

pytest_plugins = ["pytester"]  # tests of the test suite itself (the golden update path)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/*/expected.ttl from the current pipeline.",
    )


@pytest.fixture(scope="session")
def nlp():
    return build_nlp()


@pytest.fixture(scope="session")
def annotate(nlp):
    """Run the pipeline over a text, as the pipeline does for a document."""

    def run(text: str, year: int = 2023):
        doc = nlp.make_doc(text)
        doc._.kg_year = year
        return nlp(doc)

    return run


@pytest.fixture(scope="session")
def sample_facts():
    return pipeline.extract_file(pipeline.sample_path())


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """An output folder with the first sample report (Lindewaard 2023) built into it."""
    out = tmp_path_factory.mktemp("built")
    report = pipeline.build([pipeline.sample_path()], out)
    assert not report.failed
    return out


@pytest.fixture(scope="session")
def built_default(tmp_path_factory):
    """An output folder as ``kg build`` leaves it: every bundled sample report (two
    municipalities, two years)."""
    out = tmp_path_factory.mktemp("built-default")
    report = pipeline.build(None, out)
    assert not report.failed and len(report.built) == len(pipeline.sample_paths()) >= 2
    return out


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(scope="session")
def shared():
    if not (SHARED / "corpus").is_dir() or not (SHARED / "gold").is_dir():
        pytest.skip(f"{SHARED} (corpus and gold) is not present beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def sample_and_zwolle(tmp_path_factory):
    """Build the sample (Lindewaard 2023) and a Zwolle 2022 report of the given text into
    a fresh output folder; the folder."""

    def build(text: str, name: str):
        src = tmp_path_factory.mktemp(f"{name}-src")
        (src / "zwolle-2022.txt").write_text(text, encoding="utf-8")
        out = tmp_path_factory.mktemp(name)
        report = pipeline.build([pipeline.sample_path(), src / "zwolle-2022.txt"], out)
        assert not report.failed
        return out

    return build


@pytest.fixture(scope="session")
def two_towns(sample_and_zwolle):
    """An output folder with the sample (Lindewaard 2023) and a second report (Zwolle
    2022) built into it, for views and filters."""
    from explorer_fixtures import SECOND_REPORT

    return sample_and_zwolle(SECOND_REPORT, "two-towns")


SECOND = (
    "Programma 1 Zorg\n\nHet doorbraakteam van de gemeente werkt samen met de GGD en "
    "hielp 31 gezinnen in 2022.\n"
)


@pytest.fixture
def two_docs(tmp_path):
    """(src, out): the sample and a short second report (Zwolle 2022) built into a fresh
    output folder."""
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(pipeline.sample_path(), src / "lindewaard-2023.txt")
    (src / "zwolle-2022.txt").write_text(SECOND, encoding="utf-8")
    out = tmp_path / "out"
    report = pipeline.build([src], out)
    assert sorted(report.built) == ["lindewaard-2023", "zwolle-2022"]
    return src, out
