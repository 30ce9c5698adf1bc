"""Search keys: how names are matched when a user types them."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer


def search_key(text: str) -> str:
    """Lower case, accents removed, white space collapsed: ``'Café  Sociaal'`` →
    ``'cafe sociaal'``. Minted as ``skos:hiddenLabel`` for every name and alias, and
    applied to named-query parameters written ``{{name|key}}``."""
    # case folded again after the decomposition, which can make capitals: '™' → 'TM'
    folded = unicodedata.normalize("NFKD", text.casefold()).casefold()
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", folded).strip()


def search_words(text: str) -> list[str]:
    """The words of a search key: ``'Wijkteam Noord-Oost'`` → ``['wijkteam', 'noord',
    'oost']``. Minted as ``gkg:searchWord`` so that a name is found by one of its words
    with an index lookup instead of a scan of every name."""
    return re.findall(r"\w+", search_key(text))


def longest_word(text: str) -> str:
    """The most selective word of what a user typed (the longest; the first of equals),
    or the empty string when there is none."""
    return max(search_words(text), key=len, default="")


_DUTCH = snowballstemmer.stemmer("dutch")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Dutch Snowball stem of one search word, so that plurals and diminutives find
    each other: ``wijkteams`` and ``wijkteam`` → ``wijkteam``, ``huisjes`` → ``huis``."""
    return _DUTCH.stemWord(word)


def stem_key(text: str) -> str:
    """The search key with every word stemmed: ``'Sociale Wijkteams'`` → ``'social
    wijkteam'``. Minted as a further ``skos:hiddenLabel``; ``{{name|stemkey}}`` in a
    named query."""
    return " ".join(stem(w) for w in search_words(text))


def longest_stem(text: str) -> str:
    """The stem of :func:`longest_word` (``{{name|stem}}``), looked up among the minted
    ``gkg:searchWord`` values, which hold every word and its stem."""
    word = longest_word(text)
    return stem(word) if word else ""
