"""Sentence boundaries at line breaks: the ``kg_lines`` component.

Report text puts headings, list items and table cells on lines of their own, without
closing punctuation; spaCy's sentencizer would glue them to the next sentence. Run
after the sentencizer: every token after a line break starts a sentence (after a white
space token, the token after it). Works on arrays: the line breaks are found in the
text and placed on tokens by bisection over the token offsets.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from . import keys
from .text import SENT_BOUNDS, text_of


@Language.component(keys.LINES, assigns=["token.is_sent_start"])
def split_at_line_breaks(doc: Doc) -> Doc:
    n = len(doc)
    if not n:
        doc.user_data[SENT_BOUNDS] = []
        return doc
    text = text_of(doc)
    breaks = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    breaks = np.flatnonzero(breaks == ord("\n"))
    arr = doc.to_array([IDX, IS_SPACE, SENT_START])
    idx, space, starts = arr[:, 0], arr[:, 1].astype(bool), arr[:, 2].copy()
    # the token holding each line break, or followed by it in its trailing white space
    at = np.unique(np.searchsorted(idx, breaks, side="right") - 1)
    at = at[(at >= 0) & (at < n - 1)]
    nxt = at + 1
    nxt = np.where(space[nxt], nxt + 1, nxt)
    starts[nxt[nxt < n]] = 1
    doc.from_array([SENT_START], starts.reshape(-1, 1))
    first = np.flatnonzero(starts == 1)
    if not len(first) or first[0] != 0:
        first = np.concatenate(([0], first))
    ends = np.append(first[1:], n)
    doc.user_data[SENT_BOUNDS] = list(zip(first.tolist(), ends.tolist(), strict=True))
    return doc
