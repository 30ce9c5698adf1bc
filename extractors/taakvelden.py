"""The Iv3 taakvelden a programme covers: the national classification every municipality
budgets by, so that programmes of different municipalities meet on one axis.

Three rules, strongest first: the programme's own text names a taakveld by code and name
(``6.1 Samenkracht en burgerparticipatie``, ``taakveld 6.3``); its heading is a
taakveld's name; a word of its heading names a policy field that taakvelden budget
(``Jeugd`` → 6.72 and the taakvelden it was split into), when neither of the others
found one. Only taakvelden in force in the report's year count. Pure: no spaCy, no rdflib."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from .gazetteer import Taakveld, fold, taakvelden

Link = tuple[str, str]  # (taakveld code, rule)


def in_force(year: int) -> list[Taakveld]:
    """The taakvelden of ``year`` (the earliest list for years before it)."""
    return [
        t
        for t in taakvelden()
        if (t.valid_from or 0) <= max(year, 2017)
        and (t.valid_to is None or max(year, 2017) <= t.valid_to)
    ]


def name_of(code: str, year: int) -> str:
    """The name of taakveld ``code`` in ``year``."""
    found = _by_code(year).get(code)
    return found.name if found else code


@lru_cache(maxsize=8)
def _by_code(year: int) -> dict[str, Taakveld]:
    return {t.code: t for t in in_force(year)}


@lru_cache(maxsize=8)
def _by_exact_name(year: int) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for t in in_force(year):
        index.setdefault(_exact(t.name), []).append(t.code)
    return index


def folded(keywords: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """The keyword lists as :func:`links` takes them: folded (case and accents)."""
    return {code: [fold(c) for c in cues] for code, cues in keywords.items()}


def links(
    heading: str, own_text: str, year: int, keywords: Mapping[str, Sequence[str]]
) -> list[Link]:
    """The taakvelden of a programme with ``heading`` whose own text (up to its first
    sub-programme) is ``own_text``, in a report of ``year``; each with its rule.
    ``keywords`` are heading words per taakveld code, folded (:func:`folded`)."""
    codes = _by_code(year)
    found: dict[str, str] = {}
    for m in re.finditer(r"(?<![\d.])(\d{1,2}\.\d{1,3}[a-d]?)(?![\d])", own_text):
        t = codes.get(m.group(1))
        after = fold(own_text[m.end() : m.end() + 80])
        before = own_text[max(0, m.start() - 12) : m.start()].lower()
        if t and (after.startswith(fold(t.name)) or "taakveld" in before):
            found.setdefault(t.code, "taakveld.code")
    for code in _by_exact_name(year).get(_exact(heading), ()):  # 18+ and 18- are two
        found.setdefault(code, "taakveld.name")
    if found:
        return sorted(found.items(), key=lambda item: _order(item[0]))
    words = f" {fold(heading)} "
    for code, cues in keywords.items():
        if code.startswith("_") or not any(f" {c} " in words for c in cues):
            continue
        for t in codes.values():
            if t.code.startswith(code):  # the code, or what it was split into
                found.setdefault(t.code, "taakveld.keyword")
    return sorted(found.items(), key=lambda item: _order(item[0]))


def _exact(name: str) -> str:
    """Case, accents and spacing folded; ``+`` and ``-`` kept."""
    return " ".join(fold(name.replace("+", " plus ").replace("-", " min ")).split())


def _order(code: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.findall(r"\d+|[a-z]", code))
