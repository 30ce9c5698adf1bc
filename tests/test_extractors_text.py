"""kg_lines: a sentence starts after every line break, and the boundaries it stores (and
the character offsets read from them) are those of ``doc.sents``. The trie alternation
the name lists are matched with."""

import re

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import keys
from extractors.lines import LineSplitter
from extractors.text import alternation, sentence_offsets

_NLP = spacy.blank("nl")
_NLP.add_pipe("sentencizer")


def _reference_starts(text):
    """The rule written token by token, as the component first did it."""
    doc = _NLP(text)
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            nxt = doc[i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
            elif i + 2 < len(doc):
                doc[i + 2].is_sent_start = True
    return [t.i for t in doc if t.is_sent_start]


def _ours(text):
    doc = LineSplitter()(_NLP(text))
    return doc, [t.i for t in doc if t.is_sent_start]


def test_extractors_text_headings_and_list_items_start_sentences():
    text = "Jeugd\nHet jeugdteam hielp 40 gezinnen\n\n- pilot A\n- pilot B loopt. Klaar"
    doc, starts = _ours(text)
    assert [s.text.strip() for s in doc.sents] == [
        "Jeugd",
        "Het jeugdteam hielp 40 gezinnen",
        "- pilot A",
        "- pilot B loopt.",
        "Klaar",
    ]
    assert doc._.get(keys.SENTENCES) == [(s.start_char, s.end_char) for s in doc.sents]


_PIECES = st.sampled_from(
    [
        "Wmo",
        "jeugd",
        "12",
        "%",
        ".",
        "!",
        " ",
        "  ",
        "\n",
        "\n\n",
        " \n ",
        "\t",
        "Stips",
        "(JIP)",
        "€",
        "2023",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_extractors_text_same_boundaries_as_the_token_rule(text):
    doc, starts = _ours(text)
    assert starts == _reference_starts(text)
    assert doc._.get(keys.SENTENCES) == [(s.start_char, s.end_char) for s in doc.sents]
    assert sentence_offsets(doc) == [(s.start_char, s.end_char) for s in doc.sents]


_NAMES = st.lists(st.text(alphabet="aAbB -'.", min_size=1, max_size=6), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(_NAMES, st.text(alphabet="aAbB -'.x\n", max_size=60))
def test_extractors_text_trie_alternation_matches_like_the_longest_first_alternation(names, text):
    """The trie finds what a plain alternation, longest name first, finds: the same
    spans, with the same boundary checks around it."""
    plain = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    wrap = r"(?<![\w\-])(?:{})(?![\w\-])"
    expected = [m.span() for m in re.finditer(wrap.format(plain), text)]
    assert [m.span() for m in re.finditer(wrap.format(alternation(names)), text)] == expected


def test_extractors_text_trie_alternation_of_nothing_matches_nothing():
    assert re.search(alternation([]), "anything") is None
    assert alternation(["Den Haag", "Den Helder", "Deventer"]) == r"De(?:n\ H(?:aag|elder)|venter)"
