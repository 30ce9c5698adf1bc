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


# whole PDF reports of ../shared/reports, scored against reports/gold (ANNOTATION.md,
# "Whole reports"): the programme tree of each, and what the whole build found on the
# pages of its annotated chapter (measured just below each score it guards)
REPORT_MINIMUM = {
    ("structure", "entities.Programme"): 0.90,
    ("structure", "relations.hasProgramme"): 0.85,
    ("structure", "relations.hasSubProgramme"): 0.85,
    ("chapters", "entities.core.typed"): 0.50,
    ("chapters", "relations.typed"): 0.34,
    ("chapters", "indicators"): 0.27,
}


@pytest.fixture(scope="module")
def report_scores(shared):
    if not (shared / "reports" / "gold").is_dir():
        pytest.skip("no whole reports in ../shared/reports")
    structure, chapters = pipeline.evaluate_reports(shared / "reports")
    return {"structure": structure, "chapters": chapters}


@pytest.mark.slow
@pytest.mark.parametrize("part,row,minimum", [(*k, v) for k, v in sorted(REPORT_MINIMUM.items())])
def test_e2e_whole_reports_minimum_scores(report_scores, part, row, minimum):
    f1 = report_scores[part].rows[row].f1
    assert f1 >= minimum, f"{part} {row} F1 {f1:.3f} < {minimum}"


@pytest.mark.slow
def test_e2e_whole_report_facts_carry_their_pages(shared, tmp_path):
    """Every entity, relation and indicator of a whole PDF lists the pages of its
    mentions, and the chapter's pages hold mentions of each kind."""
    import json

    from kg.cli import main

    gold = json.loads(
        (shared / "reports/gold/wassenaar-2024-programmabegroting.chapter.json").read_text()
    )
    first, last = gold["pages"]
    pdf = shared / "reports" / gold["source"]
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["extract", str(pdf), "--json-out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / f"{pdf.stem}.json").read_text())
    for kind in ("entities", "relations", "indicators"):
        assert data[kind] and all(item["pages"] for item in data[kind]), kind
        on_chapter = [i for i in data[kind] if any(first <= p <= last for p in i["pages"])]
        assert on_chapter, kind
        assert all(1 <= p <= 121 for item in data[kind] for p in item["pages"])


@pytest.mark.slow
def test_e2e_pdf_without_text_layer_is_refused_in_one_line(shared, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    pdf = shared / "reports" / "wassenaar-2019-jaarstukken.pdf"
    if not pdf.is_file():
        pytest.skip("the 2019 report is not in ../shared/reports")
    result = CliRunner().invoke(main, ["build", str(pdf), "--out", str(tmp_path)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if "error" in line.lower()]
    assert len(errors) == 1 and "no usable text layer" in errors[0] and "--ocr" in errors[0]
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_e2e_whole_report_parts_hold_the_programmes(shared):
    """The parts of a shared report: contents, introduction, programmes, paragraphs,
    financial statements, appendices, in order; every programme of the gold tree starts
    within the programme part."""
    import json

    gold = json.loads(
        (shared / "reports/gold/wassenaar-2021-programmabegroting.structure.json").read_text()
    )
    facts = pipeline.extract_file(shared / "reports" / gold["source"])
    kinds = [p.kind for p in facts.parts]
    assert kinds == [
        "contents",
        "introduction",
        "programmes",
        "paragraphs",
        "financial",
        "appendices",
    ]
    programmes = facts.parts[2]
    assert all(
        programmes.first_page <= p <= programmes.last_page for p in gold["first_page"].values()
    )
