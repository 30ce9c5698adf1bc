"""What sort of number an indicator is: a realised value (the default), a target, a
budget, actual spending, a change, a forecast, or a reference value (a table's column of
another area: Nederland, NL, G40).

Read from the words of the report around the number, with cue lists from
``data/cues.json`` (``indicator_kinds``): the clause before the number for prose, the
column, row and title for a table cell. A change needs the number itself to be the
amount of change (``daalde met 120``, ``een stijging van 5%``): in ``daalde met 120 tot
1.450`` the 1.450 is the level reached, a realised value. Budget and spending are kinds
of money only. Pure: no spaCy, no rdflib."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .text import alternation

DEFAULT = "realised"
# the words that may stand between a cue and its number: "met ruim 120", "van bijna 5%"
HEDGE = r"(?:(?:ruim|bijna|circa|ca\.|zo'n|ongeveer|maar liefst|slechts|nog|wel|een)\s+)*"
# a clause ends at these: the cue of one clause does not reach into the next
CLAUSE_END = re.compile(r"[;:!?]|,\s|\s(?:maar|terwijl|waarvan|en\s+(?:dat|er|we|het))\s")
CLAUSE_WORD = re.compile(r"\s(?:maar|terwijl|waarvan|en\s+(?:dat|er|we|het))\s")
COMPARED = re.compile(r"\s*(?:hoger|lager|meer|minder|groter|kleiner)\s+dan(?!\w)")
NEAR = 60  # characters before the number that its clause is read in


@dataclass(frozen=True)
class KindCues:
    """The compiled cue lists of each kind."""

    change: re.Pattern
    change_by: re.Pattern  # "met 120" after a change word; "een stijging van 5%"
    change_column: re.Pattern  # a cost table's difference column: "Verschil", "Resultaat"
    target: re.Pattern
    forecast: re.Pattern
    budget: re.Pattern
    spending: re.Pattern
    reference: re.Pattern  # a table column of another area: "NL", "Nederland", "G40"


def compile_cues(cues: Mapping[str, Sequence[str]]) -> KindCues:
    def words(kind: str) -> re.Pattern:
        return re.compile(rf"(?<!\w)(?:{alternation(w.lower() for w in cues[kind])})(?!\w)")

    change_nouns = alternation(w.lower() for w in cues["change_nouns"])
    return KindCues(
        change=words("change"),
        change_by=re.compile(
            rf"(?:(?<!\w)met\s+{HEDGE}|(?<!\w)(?:{change_nouns})\s+(?:van\s+)?{HEDGE}"
            rf"|[+]\s*)(?:€\s*)?$"
        ),
        change_column=words("change_columns"),
        target=words("target"),
        forecast=words("forecast"),
        budget=words("budget"),
        spending=words("spending"),
        reference=words("reference_columns"),
    )


def clause_before(sentence: str, at: int) -> str:
    """The words of the clause that ends at ``at`` (at most :data:`NEAR` characters)."""
    window = sentence[max(0, at - NEAR) : at]
    cut = max(window.rfind(c) for c in ";:!?") + 1  # 0 when there is none
    comma = window.rfind(", ")
    if comma >= 0:
        cut = max(cut, comma + 2)
    for m in CLAUSE_WORD.finditer(window, cut):
        cut = m.end()
    return window[cut:]


def prose_kind(sentence: str, start: int, end: int, unit: str, cues: KindCues) -> str:
    """The kind of the number at ``sentence[start:end]``."""
    before = clause_before(sentence, start).lower()
    after = sentence[end : end + 40].lower()
    after = after[: m.start()] if (m := CLAUSE_END.search(after)) else after
    if cues.change_by.search(before) and (cues.change.search(before) or cues.change.search(after)):
        return "change"
    if COMPARED.match(after):
        return "change"  # "€ 1,7 miljoen hoger dan begroot"
    kind = _by_words(before, unit, cues)
    if kind == DEFAULT and unit == "EUR":  # "is € 1,1 miljoen uitgegeven"
        kind = _by_words(after, unit, cues)
    return kind


def cell_kind(column: str, row: str, title: str, unit: str, cues: KindCues) -> str:
    """The kind of a table cell: its column says it first (``Begroting 2023``,
    ``Realisatie``, ``Streefwaarde``, ``Verschil``, a cost table's ``Resultaat``), then its
    row and the table's title."""
    if cues.reference.search(column.lower()):
        return "reference"  # "Jaarstukken 2021 NL": Nederland's value, to compare with
    if cues.change_column.search(column.lower()):
        return "change"
    for text in (column, f"{row} {title}"):
        text = text.lower()
        if cues.change.search(text) and not cues.spending.search(text):
            return "change"
        kind = _by_words(text, unit, cues)
        if kind != DEFAULT:
            return kind
    return DEFAULT


def _by_words(text: str, unit: str, cues: KindCues) -> str:
    if cues.target.search(text):
        return "target"
    if cues.forecast.search(text):
        return "forecast"
    if unit == "EUR":
        # the nearer of a budget word and a spending word
        budget = [m.end() for m in cues.budget.finditer(text)]
        spending = [m.end() for m in cues.spending.finditer(text)]
        if budget or spending:
            return "budget" if max(budget, default=-1) > max(spending, default=-1) else "spending"
    return DEFAULT
