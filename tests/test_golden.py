"""Golden files: tests/golden/<case>/input.txt against expected.ttl, compared as graphs."""

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg import pipeline
from kg.rdf import document_graph

CASES = sorted(p for p in (Path(__file__).parent / "golden").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_graph(case, request):
    meta = dict(line.split("=", 1) for line in (case / "meta.txt").read_text().split())
    facts = pipeline.extract_file(case / "input.txt", meta["municipality"], int(meta["year"]))
    got = document_graph(facts)
    expected_file = case / "expected.ttl"
    if request.config.getoption("--update-golden"):
        expected_file.write_text(got.serialize(format="longturtle"), encoding="utf-8")
    expected = Graph().parse(expected_file, format="turtle")
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        lines = ["graphs differ (run pytest --update-golden to accept the new output)"]
        lines += [f"+ {t}" for t in sorted(only_got)[:20]]
        lines += [f"- {t}" for t in sorted(only_expected)[:20]]
        pytest.fail("\n".join(lines))
