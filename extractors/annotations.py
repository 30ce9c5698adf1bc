"""Plain records that the components write to ``Doc`` extensions.

They hold offsets into ``doc.text`` and plain values only, so the collector in ``kg``
can turn them into facts without knowing how they were found. ``rule`` names the
component and pattern that produced each record (for ``kg evaluate --errors``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from typing import Any, TypeVar, cast

R = TypeVar("R", bound="Record")


class Record:
    """A record that a ``Doc`` extension holds as plain data: a tuple of its fields (nested
    tuples kept), which msgpack writes as lists. :meth:`from_data` turns it back, lists
    into tuples, so an annotated ``Doc`` round-trips through ``Doc.to_bytes`` and
    ``DocBin`` and crosses to a worker of ``nlp.pipe(n_process=2)``."""

    def as_data(self) -> tuple:
        # not dataclasses.astuple, which deep-copies every value
        names: tuple[str, ...] = _names(cast(Any, type(self)))
        return tuple(getattr(self, name) for name in names)

    @classmethod
    def from_data(cls: type[R], data: Any) -> R:
        names: tuple[str, ...] = _names(cast(Any, cls))
        if len(data) != len(names):
            raise ValueError(f"{cls.__name__}: {len(data)} values for {len(names)} fields")
        return cls(**{k: _tuples(v) for k, v in zip(names, data, strict=True)})


@cache
def _names(cls: Any) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _tuples(value: Any) -> Any:
    if type(value) is list or type(value) is tuple:
        return tuple(_tuples(v) for v in value)
    return value


BLOCK_ROLES = ("heading", "paragraph", "list_item", "table_row", "toc", "title")


@dataclass(frozen=True)
class Block:
    """One block of the document model: a heading, a paragraph, a list item, a table row
    or a line of the table of contents, with its page and its offsets in the kept text.

    Readers make them (``kg.layout`` for PDF from fonts and positions); the pipeline
    carries them on the ``Doc`` as plain tuples (:meth:`as_tuple`), so an annotated Doc
    still serialises."""

    start: int
    end: int
    role: str  # one of BLOCK_ROLES
    page: int = 0  # PDF page counted from 1 at the first page; 0 where the file has none
    level: int = 0  # a heading's level: 1 the largest type in the document, then 2, ...
    target: int = 0  # a contents line: the PDF page it points to (0: none or unknown)

    def as_tuple(self) -> tuple[int, int, str, int, int, int]:
        return (self.start, self.end, self.role, self.page, self.level, self.target)

    @classmethod
    def from_tuple(cls, t: Any) -> Block:
        start, end, role, page, level, target = t
        return cls(int(start), int(end), str(role), int(page), int(level), int(target))


@dataclass(frozen=True)
class Section(Record):
    """A heading of the report's own programme structure and the text it governs."""

    name: str  # heading without its numbering: "Basisinfrastructuur"
    heading: str  # the heading line as written: "2.1.1 Basisinfrastructuur"
    start: int  # offset of the heading line
    end: int  # offset where the section ends (next heading of the same or higher level)
    level: int  # 0 = document title, 1 = programme, deeper = sub-programme
    parent: int | None  # index of the parent section in doc._.kg_sections
    rule: str
    taakvelden: tuple[tuple[str, str], ...] = ()  # (Iv3 taakveld code, rule) it covers


@dataclass(frozen=True, kw_only=True)
class IndicatorNote(Record):
    """A reported number: value, unit, period, what it is about, and where it stands."""

    start: int
    end: int
    value: float
    unit: str  # count, percent, EUR, weeks, days, months, years, hours
    period: str
    label: str
    about_start: int | None  # offsets of the entity mention it is about, if any
    about_end: int | None
    about_section: int | None  # or the programme section it is about
    context_start: int  # the sentence or table row that states it
    context_end: int
    rule: str
    kind: str = "realised"  # realised, target, budget, spending, change, forecast, reference
    measure: str = ""  # what is counted: "aanvragen", "gemiddelde wachttijd"; "" unknown


@dataclass(frozen=True, kw_only=True)
class RelationNote(Record):
    """A relation between two entity mentions (offsets) or a mention and a section."""

    predicate: str  # hasPartner, partOfProgramme, partnersWith, locatedIn
    subject: tuple[int, int] | None  # mention offsets; None = the reporting municipality
    object: tuple[int, int] | None  # mention offsets
    object_section: int | None  # for partOfProgramme: index of the section
    context_start: int
    context_end: int
    rule: str
