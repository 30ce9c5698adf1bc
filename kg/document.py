"""Reading a report file into a :class:`Document`: text, municipality, year.

Municipality and year come from the caller if given, else from the file name
(``<municipality>-<year>[-anything].txt``), else from the text itself.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.annotations import Block
from extractors.gazetteer import (
    ambiguous_municipality_names,
    common_names,
    find_municipality,
    municipalities,
)
from extractors.text import alternation

from .errors import InputError, MunicipalityError
from .layout import Layout, page_at
from .readers import read_layout

log = logging.getLogger(__name__)

_STEM = re.compile(r"^(?P<name>.+?)[-_](?P<year>(?:19|20)\d{2})(?:[-_].*)?$")


@dataclass(frozen=True)
class Document:
    id: str
    path: Path
    text: str
    municipality: str
    municipality_code: str | None  # None: not in the CBS list (a slug IRI is used)
    year: int
    blocks: tuple[Block, ...] = ()  # the document model (headings, paragraphs, tables)
    pages: tuple[tuple[int, int], ...] = ()  # (PDF page, offset of its first character)
    ocr_pages: int = 0  # pages read by OCR
    ocr_seconds: float = 0.0

    def page_at(self, offset: int) -> int:
        """The PDF page (from 1) that holds ``offset``; 0 for a file without pages."""
        return page_at(self.pages, offset)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def read_document(
    path: Path,
    municipality: str | None = None,
    year: int | None = None,
    text: str | None = None,
    *,
    pages: str | None = None,
    ocr: bool = False,
) -> Document:
    """Read ``path`` and settle its municipality and year (``pages``: a PDF's page range,
    ``"25-40"``; ``ocr``: read a PDF without a usable text layer with Tesseract)."""
    path = Path(path)
    layout = Layout(text) if text is not None else read_layout(path, pages=pages, ocr=ocr)
    text = layout.text
    model = (layout.blocks, layout.pages, layout.ocr_pages, layout.ocr_seconds)
    stem_name, stem_year = _from_stem(path.stem)
    year = year or stem_year or _year_from_text(text)
    if year is None:
        raise InputError(f"{path}: cannot determine the report year; pass --year")
    name = municipality or stem_name
    found, ranked = (find_municipality(name), []) if name else _municipality_from_text(text)
    if found is None and name is None:
        hint = ""
        if ranked:
            hint = " (named: " + ", ".join(f"{n} {c}×" for n, c in ranked) + ")"
        raise MunicipalityError(
            f"{path}: cannot determine the municipality{hint}; pass --municipality"
        )
    if found is not None:
        return Document(path.stem, path, text, found.name, found.code, year, *model)
    display = municipality or _title(name or path.stem)
    log.warning("%s: municipality %r is not in the CBS list; using a slug IRI", path, display)
    return Document(path.stem, path, text, display, None, year, *model)


def _from_stem(stem: str) -> tuple[str | None, int | None]:
    m = _STEM.match(stem)
    if not m:
        return None, None
    return m.group("name"), int(m.group("year"))


def _title(slug: str) -> str:
    return " ".join(w.capitalize() for w in re.split(r"[-_ ]+", slug) if w)


def _year_from_text(text: str) -> int | None:
    years = re.findall(
        r"\b(?:Jaarverslag|Jaarstukken|Jaarrekening|jaar)\s+((?:19|20)\d{2})\b", text[:3000]
    )
    if years:
        return int(years[0])
    years = re.findall(r"\b((?:19|20)\d{2})\b", text)
    return int(Counter(years).most_common(1)[0][0]) if years else None


_GEMEENTE = re.compile(
    r"\b[Gg]emeente\s+((?:'s-)?[A-Z][\w'\-]+(?:\s+(?:[A-Z][\w'\-]+|aan|en|op|van|de|den)){0,4})"
)
# "Huizen van het Dorp", "Putten voor Elkaar": a place name that begins a longer name
_PART_OF_NAME = re.compile(r"\s+(?:van|voor)\s+(?:de\s+|het\s+|der\s+)?[A-Z]")
TITLE_LINES = 5


def _municipality_from_text(text: str):
    """The municipality the text is about, and the names it weighed (most first).

    Every signal counts: ``gemeente X`` (3), a mention in the title lines (3), any other
    mention (1); names that are also ordinary words (``Huizen``, ``Best``) count only
    after ``gemeente``, and a name that begins a longer name (``Huizen van het Dorp``)
    not at all. No answer is better than a wrong one: when several names are weighed,
    one needs at least twice the weight of the next, else ``None``."""
    counts: Counter[str] = Counter()
    for m in _GEMEENTE.finditer(text):
        found = _longest_municipality(m.group(1))
        if found:
            counts[found.name] += 3
    ambiguous = ambiguous_municipality_names()
    head_end = sum(len(line) + 1 for line in text.splitlines()[:TITLE_LINES])
    for m in _names_rx().finditer(text):
        found = find_municipality(m.group(0))
        if found is None or m.group(0) in ambiguous or _PART_OF_NAME.match(text, m.end()):
            continue
        counts[found.name] += 3 if m.start() < head_end else 1
    ranked = counts.most_common(3)
    if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None, ranked
    return find_municipality(ranked[0][0]), ranked


def _longest_municipality(words: str):
    parts = words.split()
    for n in range(len(parts), 0, -1):
        found = find_municipality(" ".join(parts[:n]))
        if found:
            return found
    return None


@lru_cache(maxsize=1)
def _names_rx() -> re.Pattern:
    names = set()
    for m in municipalities():
        names |= {m.name, re.sub(r"\s*\(.*?\)$", "", m.name)}
    names = {n for n in names if len(n) > 2} | set(common_names())
    return re.compile(rf"(?<![\w\-])(?:{alternation(names)})(?![\w\-])")
