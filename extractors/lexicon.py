"""How common a Dutch word is, from ``wordfreq`` (its Dutch list: subtitles, Wikipedia,
web text, news). Pure helper, no spaCy.

Rules use it to tell a name from an ordinary word: ``Om`` at the start of "Om dit te
bereiken" is a function word, not an organisation; ``Begroting`` glued to a number is a
table cell, not a brand.
"""

from __future__ import annotations

from functools import lru_cache

COMMON = 5.0  # Zipf: a word seen at least 100 times per million words ("om", "samen")
ORDINARY = 3.5  # a word of everyday Dutch ("begroting", "rekening", "stad")


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """The Zipf frequency of ``word`` in Dutch (0 for a word wordfreq does not know)."""
    from wordfreq import zipf_frequency  # loads its word list on first use

    return zipf_frequency(word.lower(), "nl")


def is_common(word: str) -> bool:
    return zipf(word) >= COMMON


def is_ordinary(word: str) -> bool:
    return zipf(word) >= ORDINARY
