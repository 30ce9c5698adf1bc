"""Which common measure (``gkg:measures``, generated into :data:`kg.vocab.MEASURES`) an
indicator is a value of: the words a report uses for each measure are looked for in the
indicator's measure name, or, where that name only says who is counted (``inwoners``,
``huishoudens``), in its sentence; an indicator without a measure name is not linked, and
the unit must be one the measure is reported in. The first measure of the ontology's
order that matches wins, and the rule that matched is kept with the link.

A compound may be written with a hyphen, as two words or as one (``Wmo-meldingen``,
``Wmo meldingen``, ``wmomeldingen``): the words match each way. The measures count people,
requests and time, not money: a number whose name speaks of money (``Jeugdzorg
(begroting)``: a share of a budget) is not linked."""

from __future__ import annotations

import re
from functools import lru_cache

from .vocab import MEASURES

# measure names that say who is counted, not what: the sentence says what
WHO = frozenset(
    "inwoners personen mensen huishoudens gezinnen jongeren kinderen ouderen cliënten "
    "deelnemers volwassenen burgers".split()
)


# a name that speaks of money: the number is an amount or a share of one
MONEY = re.compile(
    r"(?<!\w)(?:begroting|begroot|rekening|lasten|baten|kosten|uitgaven|budget|miljoen)(?!\w)|€"
)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, frozenset[str], re.Pattern]]:
    out = []
    for mid, (_, units, words) in MEASURES.items():
        alternation = "|".join(
            re.escape(w).replace(r"\-", r"[\s-]?").replace(r"\ ", r"[\s-]?")
            for w in sorted(words, key=len, reverse=True)
        )
        # "Overige (niet Wmo/Jeugd)" is not a Wmo measure
        pattern = re.compile(rf"(?<!\w)(?<!niet\s)(?:{alternation})(?!\w)")
        out.append((mid, frozenset(units), pattern))
    return out


def common_measure(name: str, sentence: str, unit: str) -> tuple[str, str] | None:
    """``(measure id, rule)`` of the common measure of an indicator with measure name
    ``name`` and ``sentence`` in ``unit``, or None."""
    name = name.lower()
    if MONEY.search(name):
        return None
    if name:
        found = _first(name, unit)
        if found:
            return found, "measure.name"
    if name and name.split()[-1] in WHO:
        found = _first(sentence.lower(), unit)
        if found:
            return found, "measure.sentence"
    return None


def _first(text: str, unit: str) -> str | None:
    for mid, units, pattern in _patterns():
        if unit in units and pattern.search(text):
            return mid
    return None
