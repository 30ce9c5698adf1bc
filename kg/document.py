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
from pathlib import Path

from extractors.gazetteer import find_municipality, municipalities

from .errors import InputError, MunicipalityError
from .readers import read_report

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

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def read_document(path: Path, municipality: str | None = None, year: int | None = None,
                  text: str | None = None) -> Document:
    """Read ``path`` and settle its municipality and year."""
    path = Path(path)
    if text is None:
        text = read_report(path)
    stem_name, stem_year = _from_stem(path.stem)
    year = year or stem_year or _year_from_text(text)
    if year is None:
        raise InputError(f"{path}: cannot determine the report year; pass --year")
    name = municipality or stem_name
    found = find_municipality(name) if name else _municipality_from_text(text)
    if found is None and name is None:
        raise MunicipalityError(f"{path}: cannot determine the municipality; pass --municipality")
    if found is not None:
        return Document(path.stem, path, text, found.name, found.code, year)
    display = municipality or _title(name or path.stem)
    log.warning("%s: municipality %r is not in the CBS list; using a slug IRI", path, display)
    return Document(path.stem, path, text, display, None, year)


def _from_stem(stem: str) -> tuple[str | None, int | None]:
    m = _STEM.match(stem)
    if not m:
        return None, None
    return m.group("name"), int(m.group("year"))


def _title(slug: str) -> str:
    return " ".join(w.capitalize() for w in re.split(r"[-_ ]+", slug) if w)


def _year_from_text(text: str) -> int | None:
    years = re.findall(r"\b(?:Jaarverslag|Jaarstukken|Jaarrekening|jaar)\s+((?:19|20)\d{2})\b",
                       text[:3000])
    if years:
        return int(years[0])
    years = re.findall(r"\b((?:19|20)\d{2})\b", text)
    return int(Counter(years).most_common(1)[0][0]) if years else None


def _municipality_from_text(text: str):
    """The municipality named most often as ``gemeente X``, else most often at all."""
    names = {m.name: m for m in municipalities()}
    counts: Counter[str] = Counter()
    for m in re.finditer(r"\b[Gg]emeente\s+([A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){0,3})", text):
        found = find_municipality(m.group(1))
        if found:
            counts[found.name] += 3
    for name in names:
        if len(name) > 3:
            n = len(re.findall(rf"(?<![\w\-]){re.escape(name)}(?![\w\-])", text))
            if n:
                counts[name] += n
    if not counts:
        return None
    return names[counts.most_common(1)[0][0]]
