"""What sort of initiative an initiative is (``gkg:initiativeKinds``, generated into
:data:`kg.vocab.INITIATIVE_KINDS`): a team, a project, a scheme.

Dutch names its sort in the head of a name, the last part of a compound included
(``buurtzorgteam``: a team; ``Stadspas``: a scheme); a name that does not (an acronym)
is often introduced by one (``de pilot Zonnekracht``). So the first word of a name is read
first, as it is the sort where a cue word leads the name (``project Groene Straat``,
``Verordening Jeugdhulp``); then the words of the name before its first preposition, from
the last to the first (``Week van de Buren``: ``Week``); then the word in front of a
mention, where only a head word itself counts. A compound's head must leave a word of its
own in front (``Thuis`` is not a ``huis``): four letters for a head of three or fewer
(``stads|pas``, not ``kom|pas``), two for a longer one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from extractors.gazetteer import words

from .vocab import INITIATIVE_KINDS

# words that end the head of a name: "Huis van de Wijk", "Week tegen Eenzaamheid"
PREPOSITIONS = frozenset(words()["name_prepositions"])
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@lru_cache(maxsize=1)
def _heads() -> tuple[tuple[str, str], ...]:
    """(head word, kind code), the longest word first."""
    pairs = {(w.lower(), code) for code, (_, words) in INITIATIVE_KINDS.items() for w in words}
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0], p[1])))


def word_kind(word: str, compound: bool = True) -> str:
    """The kind a single word names (``jongerenloket`` → ``loket``), or ""; with
    ``compound=False`` only the head word itself counts."""
    w = word.lower().rpartition("-")[2] if "-" in word else word.lower()
    for head, code in _heads():
        if w == head:
            return code
        if compound and w.endswith(head) and len(w) - len(head) >= (4 if len(head) <= 3 else 2):
            return code
    return ""


def initiative_kind(names: Iterable[str], before: Iterable[str] = ()) -> str:
    """The kind of an initiative called ``names`` (its name first, then its aliases)
    whose mentions follow the words ``before``; "" when nothing names it."""
    for name in names:
        words = WORD.findall(name)
        head = []
        for w in words:
            if w.lower() in PREPOSITIONS:
                break
            head.append(w)
        for w in (*head[:1], *reversed(head)):
            if found := word_kind(w):
                return found
    for w in before:
        if found := word_kind(w, compound=False):
            return found
    return ""
