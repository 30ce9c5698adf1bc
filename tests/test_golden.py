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
    expected = Graph().parse(expected_file, format="turtle")
    if isomorphic(got, expected):
        return
    diff = _diff(got, expected)
    if request.config.getoption("--update-golden"):
        # compared first, then written: an update is never silent, and the test still
        # fails this once, with what changed, for the change to be read
        expected_file.write_text(got.serialize(format="longturtle"), encoding="utf-8")
        pytest.fail(f"{expected_file} updated; what changed:\n{diff}")
    pytest.fail(f"graphs differ (run pytest --update-golden to accept the new output)\n{diff}")


def _diff(got: Graph, expected: Graph) -> str:
    _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
    lines = [f"+ {t}" for t in sorted(only_got)[:20]]
    lines += [f"- {t}" for t in sorted(only_expected)[:20]]
    return "\n".join(lines)


def test_golden_update_compares_before_it_writes(pytester):
    """Under --update-golden an unchanged graph is not rewritten and a changed one is
    written and reported (the test fails once, with the diff)."""
    case = CASES[0]
    pytester.copy_example(str(Path(__file__).parent / "conftest.py"))
    golden = pytester.path / "golden" / case.name
    golden.mkdir(parents=True)
    for f in case.iterdir():
        (golden / f.name).write_bytes(f.read_bytes())
    pytester.makepyfile(test_g=Path(__file__).read_text(encoding="utf-8"))
    stamp = (golden / "expected.ttl").stat().st_mtime_ns
    pytester.runpytest("--update-golden", "-k", "test_golden_graph").assert_outcomes(passed=1)
    assert (golden / "expected.ttl").stat().st_mtime_ns == stamp  # not rewritten
    with (golden / "expected.ttl").open("a", encoding="utf-8") as f:
        f.write("\n<urn:x:stale> <urn:x:p> <urn:x:o> .\n")
    result = pytester.runpytest("--update-golden", "-k", "test_golden_graph")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*updated; what changed*", "*urn:x:stale*"])
    assert "urn:x:stale" not in (golden / "expected.ttl").read_text(encoding="utf-8")
    pytester.runpytest("-k", "test_golden_graph").assert_outcomes(passed=1)
