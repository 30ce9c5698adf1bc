"""Pure helpers over raw report text: lines with offsets, names, quotes.

No spaCy, no rdflib: used by the components and tested alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import keys

QUOTES_OPEN = "‘“\"'„«"
QUOTES_CLOSE = "’”\"'“»"


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # stripped

    @property
    def words(self) -> list[str]:
        return self.text.split()


def lines(text: str) -> list[Line]:
    """Non-empty lines of ``text`` with the offsets of their stripped content."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = m.start() + lead
        out.append(Line(start, start + len(stripped), stripped))
    return out


NUMERIC_CELL = re.compile(
    r"^(?:[€$]\s*)?[-−–]?\s?(?:€\s*)?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\s*%?"
    r"(?:\s*\((?:19|20)\d{2}\))?(?:\s+(?:V|N|Complete))?$"
)


def is_numeric_cell(text: str) -> bool:
    """A table cell that holds one number (``1.520``, ``€ -115.681``, ``7,3% (2021)``)."""
    return bool(NUMERIC_CELL.match(text.strip()))


def text_of(doc) -> str:
    """``doc.text``, computed once: spaCy joins every token each time it is asked, which
    made a long report quadratic. Our components never change a Doc's text."""
    text = doc.user_data.get(keys.TEXT)
    if text is None:
        text = doc.user_data[keys.TEXT] = doc.text
    return text


def lines_of(doc) -> list[Line]:
    """:func:`lines` of the ``Doc``'s text, found once per Doc for every component."""
    found = doc.user_data.get(_LINES)
    if found is None:
        found = doc.user_data[_LINES] = lines(text_of(doc))
    return found


_LINES = keys.TEXT_LINES
GLUED = keys.GLUED
SENT_BOUNDS = keys.SENT_BOUNDS
_SENT_CHARS = keys.SENT_CHARS


def sentence_offsets(doc) -> list[tuple[int, int]]:
    """The character offsets ``(start_char, end_char)`` of each sentence, as
    ``doc.sents`` would give them, found once per Doc: spaCy walks every token (and
    checks the whole Doc's annotation) on each ``doc.sents``, and a ``Span`` per sentence
    costs more than its offsets. ``kg_lines`` stores the token bounds it sets; with a
    parser they are read once here. Only for the components after the one that sets the
    boundaries last."""
    chars = doc.user_data.get(_SENT_CHARS)
    if chars is None:
        bounds = doc.user_data.get(SENT_BOUNDS)
        if bounds is None:
            bounds = doc.user_data[SENT_BOUNDS] = [(s.start, s.end) for s in doc.sents]
        chars = doc.user_data[_SENT_CHARS] = [
            (doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in bounds
        ]
    return chars


def alternation(words) -> str:
    """A regular expression for "any of ``words``", the longest that matches first, written
    as a trie: ``Den Haag|Den Helder|Deventer`` → ``De(?:n\\ H(?:aag|elder)|venter)``.
    Python's ``re`` tries the branches of a plain alternation one by one at every position
    of the text; with hundreds of names the trie is several times faster, and it matches
    the same (every name that can match at a position lies on one path of the trie, and
    each optional continuation is tried before the shorter name)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        kids = sorted((ch, sub) for ch, sub in node.items() if ch)
        if not kids:
            return ""
        parts = [re.escape(ch) + build(sub) for ch, sub in kids]
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if "" in node:
            body = f"(?:{body})?"
        return body

    return build(trie) if trie else "(?!)"


def normalise_name(name: str) -> str:
    """The scoring normalisation of ANNOTATION.md: lower-case, accents kept, quotes and
    punctuation other than ``-``, ``/`` and ``&`` removed, white space collapsed, a
    leading article, ``gemeente`` or ``stichting`` removed."""
    s = name.lower().strip()
    s = re.sub(r"[^\w\s\-/&]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    for prefix in ("de ", "het ", "een ", "gemeente ", "stichting "):
        if s.startswith(prefix):
            s = s[len(prefix) :]
    return s


def strip_quotes(text: str) -> str:
    return text.strip().strip(QUOTES_OPEN + QUOTES_CLOSE).strip()


def slug(text: str) -> str:
    """An IRI-safe, deterministic slug (``'s-Gravenhage`` → ``s-gravenhage``)."""
    s = normalise_name(text)
    s = re.sub(r"(\d)\+", r"\1plus", s)  # "18+" and "18-" are two taakvelden
    s = re.sub(r"(\d)-(?=\s|$)", r"\1min", s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("&", "en").replace("/", "-")
    s = re.sub(r"[^\w-]+", "-", s, flags=re.ASCII)
    s = re.sub(r"-{2,}", "-", s).strip("-")
    return s or "x"
