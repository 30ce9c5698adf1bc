"""What a reported number counts: a short measure name (``aanvragen``, ``aantal klachten
over de dienstverlening``, ``gemiddelde wachttijd voor een eerste gesprek``), from the
sentence around the number or a table's row; the sentence stays the indicator's label
and provenance.

Read, in order: the subject that names the measure in the clause before the number (``het
aantal X``, ``het percentage X``, a waiting or lead time), for a count the noun phrase
right after it (``411 aanvragen``), for a share what it is a share of (``72% van de
ingediende aanvragen``). A Dutch noun phrase is read as inflected adjectives (ending in
``-e``), a noun, and up to two prepositional parts (``over de dienstverlening``): no
part-of-speech model is needed, so the blank pipeline reads it too. Word lists in
``data/words.json``. Pure: no spaCy, no rdflib."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from .gazetteer import words

WORD = re.compile(r"[a-zà-ÿ][a-zà-ÿ\-']*")
TOKEN = re.compile(r"[^\s,.;:()!?]+|[,.;:()!?]")
ARTICLES = frozenset({"de", "het", "een"})
PARTICIPLE = re.compile(r"^[a-zà-ÿ]{0,6}ge[a-zà-ÿ]{2,}en$")  # vastgelopen, gesloten
DURATIONS = ("weeks", "days", "months", "hours", "years")
BEFORE = 240  # characters before a number that its measure is looked for in
SHARE_OF = re.compile(r"\s*\)?\s*van\s+(?:de|het|alle)\s+")
COST_SPLIT = re.compile(r"(?<!\w)(?:lasten|baten|saldo)(?!\w)")
# a chart's labels read as one row: "Sociale basisBegroting59,3 miljoen" is the row
# "Sociale basis", the series "Begroting" and its value, glued
GLUED = re.compile(r"(?<=[a-zà-ÿ.])([A-Z][a-zà-ÿ]+)\s*[\d€]")


@lru_cache(maxsize=1)
def _modifiers() -> frozenset[str]:
    return frozenset(words()["measure_modifiers"])


@lru_cache(maxsize=1)
def _prepositions() -> frozenset[str]:
    return frozenset(words()["measure_prepositions"])


@lru_cache(maxsize=1)
def _lists() -> tuple[re.Pattern, re.Pattern, frozenset[str]]:
    w = words()
    nouns = "|".join(w["measure_nouns"])
    subject = re.compile(
        rf"(?<!\w)(?:het|de|een)\s+((?:(?:gemiddelde|totale|gemiddeld)\s+)?(?:{nouns}))\s+"
    )
    duration = re.compile(
        rf"(?<!\w)((?:(?:gemiddelde|maximale|totale)\s+)?[a-zà-ÿ\-]*"
        rf"(?:{'|'.join(w['duration_nouns'])}))(?!\w)"
    )
    return subject, duration, frozenset(w["measure_stop_words"])


def prose_measure(sentence: str, start: int, end: int, unit: str, previous: str = "") -> str:
    """The measure name of the number at ``sentence[start:end]`` in ``unit``; ``previous``
    is that of the number before it in the sentence, for a number that only repeats it
    (``411 aanvragen (389 in 2019)``); "" when the sentence does not say."""
    subject, duration, stop = _lists()
    # the subject stands near: a bounded window keeps a sentence of a thousand numbers
    # linear
    before = sentence[max(0, start - BEFORE) : start].lower()
    after = sentence[end : end + 160].lower()
    if unit in DURATIONS:
        found = list(duration.finditer(before))
        if found:
            m = found[-1]
            return _phrase(m.group(1), [], before[m.end() :], stop, tails=2)
    found = list(subject.finditer(before))
    if found:
        m = found[-1]
        return _phrase(m.group(1), None, before[m.end() :], stop, tails=2)
    if unit == "percent":
        share = SHARE_OF.match(after)
        return _phrase("", None, after[share.end() :], stop, tails=0) if share else ""
    if unit == "count":
        return _phrase("", None, after, stop, tails=1, tail_words={"met"}) or previous
    return ""


def cell_measure(row: str, column: str, title: str) -> str:
    """A table cell counts what its row says (``Aantal cliënten Wmo``), else its title;
    in a cost table whose columns split each year into lasten, baten and saldo, the
    row's ``lasten``, ``baten`` or ``saldo`` (``Sociale basis (lasten)``); a chart's
    glued labels give the row and the series (``Sociale basis (begroting)``)."""
    name = re.sub(r"\s+", " ", (row or title).strip(" :")).strip()[:80]
    glued = GLUED.search(name)
    if glued:
        name = f"{name[: glued.start()].rstrip()} ({glued.group(1).lower()})"
    split = COST_SPLIT.search(column.lower())
    if split and split.group(0) not in name.lower():
        name = f"{name} ({split.group(0)})"
    return name


def _phrase(
    head: str,
    noun: list[str] | None,
    text: str,
    stop: frozenset[str],
    tails: int,
    tail_words: frozenset[str] | set[str] | None = None,
) -> str:
    """``head``, then (unless ``noun`` is given, as ``[]`` for a head that is the noun
    itself) a noun phrase read from the start of ``text``, then up to ``tails``
    prepositional parts whose preposition is in ``tail_words`` (else the measure
    prepositions of ``data/words.json``)."""
    if tail_words is None:
        tail_words = _prepositions()
    tokens = [t.group(0) for t in islice(TOKEN.finditer(text, 0, 160), 24)]
    parts = [head] if head else []
    i = 0
    if noun is None:
        taken, i = _noun_phrase(tokens, 0, stop)
        if not taken:
            return head if head and head.split()[-1] not in ("aantal", "percentage") else ""
        parts += taken
    for _ in range(tails):
        if i >= len(tokens) or tokens[i] not in tail_words:
            break
        j = i + 1
        if j < len(tokens) and tokens[j] in ARTICLES:
            j += 1
        taken, j = _noun_phrase(tokens, j, stop)
        if not taken:
            break
        parts += [tokens[i], *([tokens[i + 1]] if tokens[i + 1] in ARTICLES else []), *taken]
        i = j
    return " ".join(parts)


def _noun_phrase(tokens: list[str], i: int, stop: frozenset[str]) -> tuple[list[str], int]:
    """Inflected adjectives and a noun from ``tokens[i]`` on: ``geregistreerde
    mantelzorgers``; nothing when the first word is a function word or no word. The
    short name of a law or domain before a noun (``wmo meldingen``, ``ggz cliënten``) is
    the first part of a compound written as two words, not the noun."""
    modifiers = _modifiers()
    taken: list[str] = []
    while i < len(tokens) and len(taken) < 4:
        word = tokens[i]
        if not WORD.fullmatch(word) or word in stop:
            break
        taken.append(word)
        i += 1
        if word in modifiers and i < len(tokens) and WORD.fullmatch(tokens[i]):
            continue  # "wmo meldingen": a compound written as two words
        # an inflected adjective ("lopende"), not a noun in -ie or -ee ("kwalificatie")
        inflected = word.endswith("e") and not word.endswith(("ie", "ee")) and len(word) > 3
        adjective = inflected or (
            PARTICIPLE.match(word)
            and i < len(tokens)
            and WORD.fullmatch(tokens[i])
            and tokens[i] not in stop
        )  # "vastgelopen situaties"
        if not adjective:
            return taken, i  # the noun
    return taken, i  # a last word in -e with no noun after it is the noun ("intake")
