"""Abbreviation definitions: ``Centrum Jeugd en Gezin (CJG)``.

A pure helper after Schwartz & Hearst (2003), "A simple algorithm for identifying
abbreviation definitions in biomedical text": match the short form's characters from
right to left in the words before the parenthesis; the first character must start a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DEF = re.compile(r"\(\s*([A-Z][A-Za-z0-9+&/\-]{1,9})\s*\)")
_WORD = re.compile(r"[\w’'\-+#&]+")


@dataclass(frozen=True)
class Definition:
    long_start: int
    long_end: int
    short_start: int
    short_end: int
    long_form: str
    short_form: str


def _best_long_form(short: str, candidate: str) -> int | None:
    """Index in ``candidate`` where the long form for ``short`` starts, or None."""
    s = [c.lower() for c in short if c.isalnum()]
    lf = candidate.lower()
    si, li = len(s) - 1, len(lf) - 1
    while si >= 0:
        c = s[si]
        while li >= 0 and (lf[li] != c or (si == 0 and li > 0 and lf[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        si -= 1
        li -= 1
    start = lf.rfind(" ", 0, li + 1) + 1
    return start


def find_definitions(text: str) -> list[Definition]:
    """Every ``long form (SHORT)`` pair in ``text``."""
    found = []
    for m in _DEF.finditer(text):
        short = m.group(1)
        if sum(c.isupper() for c in short) < 2:
            continue
        line_start = max(
            text.rfind("\n", 0, m.start()),
            text.rfind(".", 0, m.start() - 1),
            text.rfind(",", 0, m.start()),
            text.rfind("(", 0, m.start()),
        )
        window = text[line_start + 1 : m.start()].rstrip()
        words = list(_WORD.finditer(window))
        max_words = min(len(short) + 5, 2 * len(short))
        words = words[-max_words:]
        if not words:
            continue
        offset = line_start + 1 + words[0].start()
        candidate = text[offset : line_start + 1 + len(window)]
        start = _best_long_form(short, candidate)
        if start is None:
            continue
        long_start = offset + start
        long_form = text[long_start : line_start + 1 + len(window)]
        if not long_form[:1].isupper() or len(long_form.split()) < 1:
            continue
        if long_form.strip() == short:
            continue
        found.append(
            Definition(
                long_start, long_start + len(long_form), m.start(1), m.end(1), long_form, short
            )
        )
    return found
