"""Plain records that the components write to ``Doc`` extensions.

They hold offsets into ``doc.text`` and plain values only, so the collector in ``kg``
can turn them into facts without knowing how they were found. ``rule`` names the
component and pattern that produced each record (for ``kg evaluate --errors``).
"""

from __future__ import annotations

from dataclasses import dataclass

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
    def from_tuple(cls, t) -> Block:
        return cls(*(int(t[i]) if i != 2 else str(t[i]) for i in range(6)))


@dataclass(frozen=True)
class Section:
    """A heading of the report's own programme structure and the text it governs."""

    name: str  # heading without its numbering: "Basisinfrastructuur"
    heading: str  # the heading line as written: "2.1.1 Basisinfrastructuur"
    start: int  # offset of the heading line
    end: int  # offset where the section ends (next heading of the same or higher level)
    level: int  # 0 = document title, 1 = programme, deeper = sub-programme
    parent: int | None  # index of the parent section in doc._.kg_sections
    rule: str
    taakvelden: tuple[tuple[str, str], ...] = ()  # (Iv3 taakveld code, rule) it covers


@dataclass(frozen=True)
class IndicatorNote:
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


@dataclass(frozen=True)
class RelationNote:
    """A relation between two entity mentions (offsets) or a mention and a section."""

    predicate: str  # hasPartner, partOfProgramme, partnersWith, locatedIn
    subject: tuple[int, int] | None  # mention offsets; None = the reporting municipality
    object: tuple[int, int] | None  # mention offsets
    object_section: int | None  # for partOfProgramme: index of the section
    context_start: int
    context_end: int
    rule: str
