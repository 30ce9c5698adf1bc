"""Sentence boundaries at line breaks: the ``kg_lines`` component.

Report text puts headings, list items and table cells on lines of their own, without
closing punctuation; spaCy's sentencizer would glue them to the next sentence. Run
after the sentencizer: every token after a line break starts a sentence (after a white
space token, the token after it). Works on arrays: the line breaks are found in the
text and placed on tokens by bisection over the token offsets.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from . import keys
from .text import text_of


class LineSplitter:
    """``split``: set the boundaries (after spaCy's sentencizer); without it, only record
    the boundaries a parser or senter set. Either way ``doc._.kg_sentences`` holds the
    character offsets of every sentence, for the components after it."""

    def __init__(self, split: bool = True) -> None:
        self.split = split

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            doc._.set(keys.SENTENCES, [])
            return doc
        arr: Any = doc.to_array([IDX, IS_SPACE, SENT_START, LENGTH])
        idx, space, starts = arr[:, 0], arr[:, 1].astype(bool), arr[:, 2].copy()
        if self.split:
            text = text_of(doc)
            chars = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
            breaks = np.flatnonzero(chars == ord("\n"))
            # the token holding each line break, or followed by it in its trailing space
            at = np.unique(np.searchsorted(idx, breaks, side="right") - 1)
            at = at[(at >= 0) & (at < n - 1)]
            nxt = at + 1
            nxt = np.where(space[nxt], nxt + 1, nxt)
            starts[nxt[nxt < n]] = 1
            doc.from_array([SENT_START], starts.reshape(-1, 1))
        first = np.flatnonzero(starts == 1)
        if not len(first) or first[0] != 0:
            first = np.concatenate(([0], first))
        last = np.append(first[1:], n) - 1
        ends = idx[last] + arr[last, 3]
        doc._.set(keys.SENTENCES, list(zip(idx[first].tolist(), ends.tolist(), strict=True)))
        return doc


@Language.factory(
    keys.LINES,
    assigns=["token.is_sent_start", f"doc._.{keys.SENTENCES}"],
    default_config={"split": True},
)
def make_line_splitter(nlp: Language, name: str, split: bool) -> LineSplitter:
    return LineSplitter(split)
