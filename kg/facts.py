"""The facts a report yields: frozen, hashable dataclasses with plain types only.

Identity is a plain string (``Entity.id``): ``organisation/ggd``,
``initiative/gm0268/doorbraakteam``, ``municipality/gm0268``. ``kg.rdf`` is the one
place that turns these into IRIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .vocab import ENTITY_TYPES, KINDS, RELATIONS, UNITS

PREDICATES = tuple(RELATIONS)
__all__ = [
    "ENTITY_TYPES",
    "KINDS",
    "PREDICATES",
    "UNITS",
    "DocumentInfo",
    "Entity",
    "FactSet",
    "Indicator",
    "Mention",
    "Relation",
    "ReportPart",
    "TaakveldLink",
]

# the id prefix of each entity type: scoped ones are per municipality
# (``initiative/gm0268/doorbraakteam``), the others shared by all (``organisation/ggd``)
SCOPED_PREFIXES = {"Initiative": "initiative", "Programme": "programme", "District": "district"}
SHARED_PREFIXES = {"Organisation": "organisation", "Law": "law", "Region": "region"}


@dataclass(frozen=True)
class Mention:
    """Where a fact stands: document, character offsets, the sentence, the rule."""

    document: str
    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int
    rule: str
    page: int = 0  # the PDF page (from 1) that holds ``start``; 0 for a file without pages


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    code: str | None = None  # CBS code for municipalities ("GM0268")
    kind: str = ""  # an initiative's sort (kg.vocab.INITIATIVE_KINDS: "team"), or ""


@dataclass(frozen=True)
class Relation:
    subject: str  # Entity.id
    predicate: str
    object: str  # Entity.id
    mention: Mention


@dataclass(frozen=True)
class Indicator:
    label: str
    value: float
    unit: str
    period: str
    about: str | None  # Entity.id
    mention: Mention
    kind: str = KINDS[0]  # what sort of number: one of KINDS (realised, target, budget, ...)
    measure: str = ""  # what it counts, in the report's words: "aanvragen"; "" unknown
    common: str = ""  # the common measure it is a value of (kg.vocab.MEASURES), or ""
    common_rule: str = ""  # how that was matched: measure.name, measure.sentence


@dataclass(frozen=True)
class TaakveldLink:
    """A programme covers an Iv3 taakveld (``6.1``); the mention is its heading, its rule
    how the link was found (taakveld.code, taakveld.name, taakveld.keyword)."""

    programme: str  # Entity.id
    code: str
    name: str  # the taakveld's name in the report's year
    mention: Mention


@dataclass(frozen=True)
class ReportPart:
    """A part of a whole report in the BBV's order (contents, introduction, programmes,
    paragraphs, financial statements, appendices) with its PDF pages."""

    kind: str  # kg.vocab.PART_KINDS
    title: str  # the heading or contents line that opens it
    first_page: int
    last_page: int
    start: int  # offsets in the kept text
    end: int


@dataclass(frozen=True)
class DocumentInfo:
    id: str  # the file stem, unique within a build: "nijmegen-2020"
    file: str  # the file name
    municipality: str  # CBS name, or the name as given when not in the list
    municipality_code: str | None
    municipality_id: str  # Entity.id of the reporting municipality
    year: int
    sha256: str
    chars: int
    words: int


@dataclass(frozen=True)
class FactSet:
    document: DocumentInfo
    text: str = field(repr=False)
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    indicators: tuple[Indicator, ...]
    taakvelden: tuple[TaakveldLink, ...] = ()
    parts: tuple[ReportPart, ...] = ()  # a whole report's parts; none for a text file

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)
