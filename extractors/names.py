"""How a name goes on and where it stops: the word lists of the name rules
(:class:`Words`, from ``data/words.json`` or a config) and the helpers the entity finders
share. Pure: no spaCy."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

# participles (gestart, samengesteld, gerealiseerd); adjectives stop a name only at its end
VERBISH = re.compile(r"^(?:\w{0,6}ge\w{2,}[dt]|\w+ee[rl][dt]|(?:ont|ver|her)\w{3,}[^aeiou][dt])$")
ADJECTIVE = re.compile(r"^\w+(?:lijk|ig|isch)$")
_NEXT_LOWER = re.compile(r"[ \t]+([a-zà-ÿ][\w\-]*)")
_NEXT_CAPITAL = re.compile(r"[ \t]+(?:en[ \t]+)?([A-Z][\w\-]+)")


@dataclass(frozen=True)
class Words:
    """The word lists of the name rules, each from its key in ``data/words.json``."""

    structure: frozenset[str]  # structure words of reports: no name holds one
    ge_nouns: frozenset[str]  # nouns that look like participles (gebied)
    not_nouns: frozenset[str]  # words a name's lower-case tail stops at
    stop_continuation: frozenset[str]  # clause words a name stops before
    person_titles: frozenset[str]  # wethouder, mevrouw: a person's name follows
    capital_stop: frozenset[str]  # capitalised words that are no name (Het, Wij)
    extend_stop: frozenset[str]  # capitalised words a name does not go on over
    district_endings: str  # alternations for regular expressions
    document_types: str
    adjectives: str

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Words:
        capital_stop = frozenset(data["capital_stop"])
        domains = frozenset(data["name_domain_words"])
        return cls(
            structure=frozenset(data["structure_words"]),
            ge_nouns=frozenset(data["ge_nouns"]),
            not_nouns=frozenset(data["not_nouns"]),
            stop_continuation=frozenset(data["stop_continuation"]),
            person_titles=frozenset(data["person_titles"]),
            capital_stop=capital_stop,
            extend_stop=frozenset(w for w in capital_stop if w[:1].isupper()) - domains,
            district_endings="|".join(data["district_endings"]),
            document_types="|".join(data["document_types"]),
            adjectives="|".join(data["adjectives"]),
        )

    def verbish(self, word: str) -> bool:
        return bool(VERBISH.match(word)) and word not in self.ge_nouns


def continue_lowercase(
    text: str,
    end: int,
    words: Words,
    max_words: int = 4,
    nouns_only: bool = False,
    capitals: bool = False,
) -> int:
    """``programma Grip op kosten en kwaliteit die ...``: a name that goes on in
    lower case until a clause word or punctuation. ``nouns_only`` also stops at capitals
    and at words that look like verbs (``gestart``, ``opgezet``)."""
    pos = end
    taken = 0
    word = r"[a-zà-ÿ][\w\-’']*"
    if capitals or not nouns_only:
        word += r"|[A-Z][\w\-]*|(?:19|20)\d\d"
    while taken < max_words:
        m = re.compile(rf"[ \t]+({word})(?![\w\-])").match(text, pos)
        if not m or m.group(1) in words.stop_continuation:
            break
        if nouns_only and (words.verbish(m.group(1)) or m.group(1) in words.not_nouns):
            break
        if nouns_only and ADJECTIVE.match(m.group(1)):
            nxt = _NEXT_LOWER.match(text, m.end())
            if not nxt or nxt.group(1) in words.stop_continuation or words.verbish(nxt.group(1)):
                break  # "maatjes duidelijk": a predicate, not part of the name
        pos = m.end()
        taken += 1
    # a name does not end on a conjunction
    while text[end:pos].endswith((" en", " of")):
        pos = text.rfind(" ", end, pos)
    return pos if pos > end else end


def extend_capitalised(
    text: str, end: int, starts: set[str], stop: frozenset[str], max_words: int = 2
) -> int:
    """Extend a name over up to ``max_words`` following capitalised words on its line,
    not over a sentence opener (``starts``) or a word of ``stop``."""
    for _ in range(max_words):
        m = _NEXT_CAPITAL.match(text, end)
        if not m or m.group(1).lower() in starts or m.group(1) in stop:
            break
        end = m.end()
    return end


def singular(key: str) -> str:
    """Merge plural and singular mentions (``wijkteams`` / ``wijkteam``)."""
    if key.endswith("teams"):
        return key[:-1]
    if key.endswith("punten"):
        return key[:-2]
    return key


def split_lists(matches: Iterator[re.Match]) -> Iterator[re.Match | Part]:
    """Split capitalised phrases at " en ": ``Het Anker en Zonnewende`` is a list."""
    for m in matches:
        text = m.group(1)
        if not re.search(r"(?<!-) en ", text):
            yield m
            continue
        pos = m.start(1)
        for piece in re.split(r"(?<!-) en ", text):
            start = m.string.index(piece, pos)
            yield Part(m.string, start, start + len(piece))
            pos = start + len(piece)


class Part:
    """A piece of a regex match that quacks like one (``group``, ``start``, ``end``)."""

    def __init__(self, string: str, start: int, end: int) -> None:
        self.string, self._start, self._end = string, start, end

    def group(self, _: int = 0) -> str:
        return self.string[self._start : self._end]

    def start(self, _: int = 0) -> int:
        return self._start

    def end(self, _: int = 0) -> int:
        return self._end


def alone_on_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return (
        not text[line_start:start].strip()
        and not text[end : line_end if line_end >= 0 else len(text)].strip()
    )
