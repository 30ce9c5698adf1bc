"""Sentence boundaries at line breaks: the ``kg_lines`` component.

Report text puts headings, list items and table cells on lines of their own, without
closing punctuation; spaCy's sentencizer would glue them to the next sentence. Run
after the sentencizer: every token after a line break starts a sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("kg_lines")
def split_at_line_breaks(doc: Doc) -> Doc:
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            nxt = doc[i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
            elif i + 2 < len(doc):
                doc[i + 2].is_sent_start = True
    return doc
