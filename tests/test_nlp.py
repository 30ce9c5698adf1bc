"""The pipeline runs in time linear in its text, whatever the text (issue: no input can
stall a build). Adversarial texts are generated, and extraction must keep a floor of
words per second against spaCy's bare tokenizer and sentencizer on the same text: the
floor is far below the usual share (about 30%), so noise on a shared machine cannot fail
it, but a rule that goes quadratic (minutes on 20 KB) does. The yardstick tokenizer cuts
long runs as ours does (:class:`kg.nlp.LinearTokenizer`): spaCy's own affix splitting is
quadratic in a run without white space, so it would be no yardstick there."""

import time

import pytest
import spacy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg import pipeline
from kg.document import Document
from kg.nlp import LONG_RUN, LinearTokenizer, build_nlp

SIZE = 20_000  # characters: a quadratic rule takes seconds to minutes here
FLOOR = 1 / 60  # extraction at least 1/60 of the yardstick's speed (usually ~1/3)
SLACK = 1.0  # seconds, for start-up costs that do not grow with the text

UNITS = st.one_of(
    st.text(alphabet="*_-–()[]{}<>.,;:!?'\"‘’“”0123456789 €%|•/\\#+=&@ ", min_size=1, max_size=8),
    st.sampled_from(
        [
            "(",
            ")",
            "((((",
            "))))",
            "'(",
            "[[(",
            "9" * 40,
            "1.000.",
            "€ 1,",
            "Stichting ",
            "De Wmo ",
            "Programma 1 ",
            "• Project ",
            "A. ",
            "en ",
            "\n",
            "\n\n",
            "\nWijkteam\n",
            "Zorg Voor Elkaar ",
            "x € 1.000\n",
            "| 12 | 13 |\n",
            "JIP (JIP) ",
            "‘Samen’ ",
            "Wethouder Jansen, ",
        ]
    ),
    st.text(min_size=1, max_size=6),
)


def _yardstick(text: str) -> float:
    nlp = _blank()
    t = time.perf_counter()
    nlp(text)
    return time.perf_counter() - t


_BLANK: list = []


def _blank():
    if not _BLANK:
        nlp = spacy.blank("nl")
        nlp.tokenizer = LinearTokenizer(nlp.tokenizer)
        nlp.add_pipe("sentencizer")
        _BLANK.append(nlp)
    return _BLANK[0]


def _warm() -> None:
    """Load what loads on first use (the pipeline, word frequencies), outside the timing."""
    if not _BLANK:
        build_nlp()
        _extract("Zorg\n\nStichting Welzijn Zwolle en het Om-team hielpen 12 inwoners.")
        _blank()


def _extract(text: str) -> float:
    doc = Document("hostile", pipeline.sample_path(), text, "Zwolle", "GM0193", 2022)
    t = time.perf_counter()
    pipeline.extract_document(doc)
    return time.perf_counter() - t


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(UNITS, min_size=1, max_size=6), st.booleans())
# found by this test: one abbreviation defined a thousand times (each definition searched
# the whole text for its uses and listed them again)
@example(units=[",<*/8[(", "A", ":", "JIP (JIP) "], spaced=False)
# and: ten thousand numbers in one sentence (each one's measure name was looked for in
# the whole text before it)
@example(units=["0;"], spaced=False)
# and: one 20 KB capitalised word (the service-subject rule tried every letter of it, each
# to the word's end)
@example(units=["A"], spaced=False)
def test_nlp_extraction_is_linear_on_adversarial_text(units, spaced):
    unit = ("" if not spaced else " ").join(units) or "*_"
    text = (unit * (SIZE // len(unit) + 1))[:SIZE]
    _warm()
    yard = min(_yardstick(text) for _ in range(2))
    took = _extract(text)
    assert took <= yard / FLOOR + SLACK, f"{took:.2f} s against a yardstick of {yard:.3f} s"


@pytest.mark.parametrize(
    "text",
    [
        "Zorg\n\n" + "*_" * 11_500,
        "Zorg\n\n" + "(" * 6000 + ")" * 6000,
        "a" * 50_000,
        "Zorg " + "€" * 5000 + " 12 %" * 3,
    ],
    ids=["stars", "brackets", "one-word", "euros"],
)
def test_nlp_the_cases_that_stalled_builds(text):
    """A 23 KB line of ``*_*_`` took 129 s, 12,000 nested brackets 33 s."""
    _warm()
    assert _extract(text) <= 100 * _yardstick(text) + SLACK


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=800), st.integers(1, 3))
def test_nlp_long_runs_keep_the_text_and_its_offsets(text, repeat):
    text = text * repeat + "x" * (LONG_RUN * 2 + 7) + text
    doc = build_nlp().make_doc(text)
    assert doc.text == text
    assert all(len(t.text) <= max(LONG_RUN, 1) or t.is_space for t in doc)
    assert [t.idx for t in doc] == sorted(t.idx for t in doc)
