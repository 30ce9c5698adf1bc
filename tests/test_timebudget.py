import re
import time

import pytest

from kg import extraction, pipeline
from kg.errors import TimeBudgetError
from kg.timebudget import budget


def test_timebudget_stops_a_backtracking_pattern():
    started = time.perf_counter()
    with pytest.raises(TimeBudgetError, match="time budget of 0 s"):
        with budget(0.2, "test"):
            re.match(r"(a+)+$", "a" * 40 + "b")  # runs for hours without the budget
    assert time.perf_counter() - started < 5


def test_timebudget_none_is_no_limit():
    done = False
    with budget(None, "test"):
        time.sleep(0.05)
        done = True
    assert done


def test_timebudget_a_slow_document_fails_and_the_others_are_built(tmp_path, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    (src / "kampen-2022.txt").write_text("Zorg\n\nHet loket hielp 12 inwoners.\n", encoding="utf-8")
    (src / "zwolle-2022.txt").write_text(
        "Zorg\n\nTRAAG. Het loket hielp 9 inwoners.\n", encoding="utf-8"
    )
    real = extraction.collect

    def slow_on_traag(doc, document):
        while "TRAAG" in document.text:  # a rule that never finishes on this input
            pass
        return real(doc, document)

    monkeypatch.setattr(extraction, "collect", slow_on_traag)
    report = pipeline.build([src], tmp_path / "out", jobs=1, time_budget=0.3)
    assert report.built == ["kampen-2022"]
    assert len(report.failed) == 1 and "zwolle-2022.txt" in report.failed[0][0]
    assert "time budget" in report.failed[0][1]
