"""Where the text names a person: aldermen, portfolio holders, civil servants.

Pure helper (no spaCy): the entity rules drop their guesses that overlap these spans, so
``Wethouders Luttikholt, Bruggink en Brand`` or ``Hilde Tjeerdema`` become neither an
organisation nor an initiative. Three signals, each general: initials before a surname
(``T. Lantink``, ``E. van Spall``); a common first name before a capitalised word
(``Friso Douwstra``); and the names on a line or in a list that a person's title opens
(``Betrokken portefeuillehouders: ...``, ``wethouder Jansen``).
"""

from __future__ import annotations

import re

PARTICLES = (
    r"(?:(?:van\s+de[rn]?|van|Van|de|De|der|den|ter|ten|te|in\s+'t|op\s+de)"
    r"\s+)"
)
SURNAME = rf"{PARTICLES}?[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
INITIALS = re.compile(rf"(?<![\w.])(?:[A-Z]\.\s?){{1,4}}\s*{SURNAME}")
CAPITALISED = re.compile(rf"(?<![\w\-])([A-Z][a-zà-ÿ]+)[ \t]+({SURNAME})(?![\w\-])")
TITLE = re.compile(
    r"(?i)(?<![\w\-])(?:betrokken\s+)?(?:wethouders?|portefeuillehouders?|burgemeester|"
    r"raadsleden|raadslid|gedeputeerden?|minister|staatssecretaris|aanspreekpunt\s+\w+)"
    r"(?:\s*\([^)\n]{0,20}\))?\s*:?[ \t]+"
)
NAME_IN_LIST = re.compile(rf"(?:{SURNAME}|(?:[A-Z]\.\s?){{1,4}}\s*{SURNAME})")
LIST_TAIL = re.compile(r"[ \t]*(?:,|\ben\b|&)[ \t]*")


def person_spans(text: str, first_names: frozenset[str]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` offsets of person names in ``text``."""
    spans = [m.span() for m in INITIALS.finditer(text)]
    for m in CAPITALISED.finditer(text):
        if m.group(1) in first_names:
            spans.append(m.span())
    for m in TITLE.finditer(text):
        spans.extend(_names_after_title(text, m.end()))
    return _merge(spans)


def _names_after_title(text: str, pos: int) -> list[tuple[int, int]]:
    """``Luttikholt, Bruggink en Brand``: the names of the list a title opens."""
    out = []
    for _ in range(8):
        m = NAME_IN_LIST.match(text, pos)
        if not m:
            break
        out.append(m.span())
        sep = LIST_TAIL.match(text, m.end())
        if not sep or not sep.group(0).strip():
            break
        pos = sep.end()
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
