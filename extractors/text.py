"""Pure helpers over raw report text: lines with offsets, names, quotes.

No spaCy, no rdflib: used by the components and tested alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def sentences(doc) -> list:
    """``list(doc.sents)``, with the boundaries found once per Doc: spaCy walks every
    token (and checks the whole Doc's annotation) on each ``doc.sents``. Only for the
    components after ``kg_lines``, which sets the boundaries last."""
    bounds = doc.user_data.get("kg_sents")
    if bounds is None:
        bounds = doc.user_data["kg_sents"] = [(s.start, s.end) for s in doc.sents]
    return [doc[a:b] for a, b in bounds]


def normalise_name(name: str) -> str:
    """The scoring normalisation of ANNOTATION.md: lower-case, accents kept, quotes and
    punctuation other than ``-``, ``/`` and ``&`` removed, white space collapsed, a
    leading article, ``gemeente`` or ``stichting`` removed."""
    s = name.lower().strip()
    s = re.sub(r"[^\w\s\-/&]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    for prefix in ("de ", "het ", "een ", "gemeente ", "stichting "):
        if s.startswith(prefix):
            s = s[len(prefix):]
    return s


def strip_quotes(text: str) -> str:
    return text.strip().strip(QUOTES_OPEN + QUOTES_CLOSE).strip()


def slug(text: str) -> str:
    """An IRI-safe, deterministic slug (``'s-Gravenhage`` → ``s-gravenhage``)."""
    s = unicodedata.normalize("NFKD", normalise_name(text))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("&", "en").replace("/", "-")
    s = re.sub(r"[^\w-]+", "-", s, flags=re.ASCII)
    s = re.sub(r"-{2,}", "-", s).strip("-")
    return s or "x"
