"""Pure helpers over raw report text: lines with offsets, names, quotes.

No rdflib; spaCy only for the per-Doc memo of what every component reads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar
from weakref import WeakKeyDictionary, ref

from spacy.tokens import Doc

from . import keys

T = TypeVar("T")

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


# Pure functions of a Doc's text computed once per Doc: a memo beside the Doc, never in
# it (``doc.user_data`` is what ``Doc.to_bytes`` writes). Any component may call them, in
# any order: each answer depends on the text alone, so no component relies on another
# having run. The memo goes with the Doc (weak keys).
_MEMO: WeakKeyDictionary[Doc, dict[Hashable, Any]] = WeakKeyDictionary()


_LAST: list[Any] = [None, None]  # the Doc asked about last (a weak reference) and its memo


def memo(doc: Doc, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per ``doc`` and ``key``. The Doc asked about last is looked up
    first: the components ask about one Doc thousands of times in a row, and a weak
    dictionary makes a new weak reference at every lookup."""
    last = _LAST[0]
    if last is not None and last() is doc:
        found = _LAST[1]
    else:
        found = _MEMO.setdefault(doc, {})
        _LAST[0], _LAST[1] = ref(doc), found
    if key not in found:
        found[key] = compute()
    return found[key]


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy joins every token each time it is asked, which
    made a long report quadratic. Our components never change a Doc's text."""
    return memo(doc, "text", lambda: doc.text)


def text_known(doc: Doc, text: str) -> None:
    """Tell the memo the text a Doc was made from (``nlp.make_doc(text)``), which spaCy
    would otherwise join from the tokens once more; any other text is refused."""
    if len(text) != (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0):
        raise ValueError("the text is not the Doc's: its length differs")
    memo(doc, "text", lambda: text)


def lines_of(doc: Doc) -> list[Line]:
    """:func:`lines` of the ``Doc``'s text, found once per Doc for every component."""
    return memo(doc, "lines", lambda: lines(text_of(doc)))


def report_year(doc: Doc, component: str) -> int:
    """The report's year (``doc._.kg_year``), which periods and taakvelden depend on; the
    caller sets it before the pipeline runs (``nlp(doc)``), and a Doc without it is an
    error, never a year 0."""
    year = doc._.get(keys.YEAR)
    if not isinstance(year, int) or isinstance(year, bool):
        raise ValueError(
            f"{component} needs the report's year: make the Doc with nlp.make_doc(text), "
            f"set doc._.{keys.YEAR} = <year> (an int), then run nlp(doc)"
        )
    return year


def sentence_offsets(doc: Doc) -> list[tuple[int, int]]:
    """The character offsets ``(start_char, end_char)`` of each sentence: the
    ``kg_sentences`` extension that ``kg_lines`` assigns (spaCy walks every token, and
    checks the whole Doc's annotation, on each ``doc.sents``); without it, read once from
    ``doc.sents``."""
    stored = doc._.get(keys.SENTENCES)
    if stored is not None:
        return [(int(a), int(b)) for a, b in stored]
    return memo(doc, "sentences", lambda: [(s.start_char, s.end_char) for s in doc.sents])


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
