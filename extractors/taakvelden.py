"""The Iv3 taakvelden a programme covers: the national classification every municipality
budgets by, so that programmes of different municipalities meet on one axis.

Three rules, strongest first: the programme's own text names a taakveld by code and name
(``6.1 Samenkracht en burgerparticipatie``, ``taakveld 6.3``); its heading is a
taakveld's name; a word of its heading names a policy field that taakvelden budget
(``Jeugd`` → 6.72 and the taakvelden it was split into; ``Begeleiding`` → 6.71b, which was
part of 6.71 before 2023 and is 6.712 from 2025), when neither of the others found one;
of a general word and a more particular one, the particular one counts, and a word
inside a longer keyword (``werk`` in ``beschut werk``) does not. Only taakvelden in force
in the report's year count. Pure: no spaCy, no rdflib."""

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
    hits = [  # (start, end, code) of each keyword in the heading
        (at, at + len(c), code)
        for code, cues in keywords.items()
        if not code.startswith("_")
        for c in cues
        if (at := words.find(f" {c} ")) >= 0
    ]
    # a keyword inside a longer one does not count: "beschut werk" is not "werk"
    kept = {
        code
        for s, e, code in hits
        if not any(s2 <= s and e <= e2 and e2 - s2 > e - s for s2, e2, _ in hits)
    }
    matched = [group for code in kept if (group := frozenset(_resolve(code, codes)))]
    for group in matched:
        if any(other < group for other in matched):
            continue  # "Begeleiding Wmo": the part that names it, not all of the Wmo's
        for code in group:
            found.setdefault(code, "taakveld.keyword")
    return sorted(found.items(), key=lambda item: _order(item[0]))


def _resolve(code: str, codes: Mapping[str, Taakveld]) -> list[str]:
    """The taakvelden of the year that a keyword's ``code`` stands for: the code and what
    it was split into (6.71 in 2023: 6.71a-d); for a subdivision of 2023 (6.71a), its
    2025 number (6.711) or, before the split, the taakveld it came from (6.71)."""
    found = [c for c in codes if c.startswith(code)]
    if found:
        return found
    m = re.fullmatch(r"(\d+\.\d+)([a-d])", code)
    if not m:
        return []
    numbered = f"{m.group(1)}{'abcd'.index(m.group(2)) + 1}"
    if numbered in codes:
        return [numbered]
    return [m.group(1)] if m.group(1) in codes else []


def _exact(name: str) -> str:
    """Case, accents and spacing folded; ``+`` and ``-`` kept."""
    return " ".join(fold(name.replace("+", " plus ").replace("-", " min ")).split())


def _order(code: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.findall(r"\d+|[a-z]", code))
