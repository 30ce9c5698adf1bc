"""End to end over ../shared/corpus: every document builds and validates, and the
extraction keeps at least the scores it has reached (raise these as quality grows)."""

import pytest

from kg import pipeline
from kg.outputs.validation import validate_store

# set on the 21 reports of ../shared (measured just below each score it guards)
MINIMUM = {
    "entities.core.typed": 0.88,
    "entities.Municipality": 0.98,
    "entities.Programme": 0.95,
    "entities.Initiative": 0.83,
    "entities.Organisation": 0.91,
    "relations.typed": 0.77,
    "relations.hasPartner": 0.67,
    "indicators": 0.97,
}


@pytest.fixture(scope="module")
def scores(shared):
    return pipeline.evaluate(shared / "corpus", shared / "gold")


@pytest.mark.slow
@pytest.mark.parametrize("row,minimum", sorted(MINIMUM.items()))
def test_e2e_minimum_scores(scores, row, minimum):
    assert scores.rows[row].f1 >= minimum, f"{row} F1 {scores.rows[row].f1:.3f} < {minimum}"


@pytest.mark.slow
def test_e2e_about_accuracy(scores):
    assert scores.about_accuracy >= 0.75


@pytest.mark.slow
def test_e2e_build_whole_corpus_and_validate(shared, tmp_path):
    report = pipeline.build([shared / "corpus"], tmp_path)
    assert not report.failed
    assert report.documents == len(list((shared / "corpus").glob("*.txt")))
    result = validate_store(tmp_path)
    assert result.documents == report.documents
    assert result.conforms, result.failures[:1]
