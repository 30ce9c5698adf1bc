"""Dutch number and period parsing.

Pure helpers: they import neither spaCy nor rdflib, so they can be tested (and
property-tested) on their own. Dutch notation: ``.`` groups thousands, ``,`` is the
decimal mark (``10.182`` → 10182, ``5,6`` → 5.6).
"""

from __future__ import annotations

import re

NUMBER_WORDS: dict[str, int] = {
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
    "honderd": 100,
    "duizend": 1000,
}

SCALE_WORDS: dict[str, int] = {
    "duizend": 1_000,
    "dzd": 1_000,
    "miljoen": 1_000_000,
    "mln": 1_000_000,
    "mio": 1_000_000,
    "miljard": 1_000_000_000,
    "mld": 1_000_000_000,
    "mrd": 1_000_000_000,
}

MONTHS: dict[str, int] = {
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}

ORDINAL_QUARTERS: dict[str, int] = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4}

# A number in Dutch (or plain) notation, optionally signed.
NUMBER_RE = r"[-−–]?\s?(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")


MAX_DIGITS = 15  # what a float holds exactly; beyond it a "number" is not a measure


def parse_number(text: str) -> float | None:
    """Parse one Dutch-notation number; ``None`` when ``text`` is not a number.

    ``€``, spaces and a trailing ``%`` are ignored; a leading minus (also the Unicode
    minus or en dash) makes it negative.
    """
    s = text.strip().replace("€", "").replace("\u00a0", " ").strip()
    s = s.rstrip("%").strip()
    sign = 1.0
    if s[:1] in "-−–" and len(s) > 1:
        sign, s = -1.0, s[1:].strip()
    s = s.replace(" ", "")
    if not s or not re.fullmatch(r"[\d.,]+", s) or not s[0].isdigit():
        return None
    if len(s.lstrip("0.,").replace(".", "").replace(",", "")) > MAX_DIGITS:
        return None  # no measure has that many significant digits: an id or noise
    if _THOUSANDS.match(s):
        s = s.replace(".", "").replace(",", ".")
    elif "," in s:
        if s.count(",") > 1 or "." in s:
            return None
        s = s.replace(",", ".")
    elif s.count(".") == 1:
        pass  # "2.5" in English notation; rare but harmless
    elif "." in s:
        return None
    try:
        value = float(s)
    except ValueError:
        return None
    return sign * value


def format_number(value: float) -> str:
    """Write ``value`` in Dutch notation (the inverse of :func:`parse_number`)."""
    negative = value < 0
    value = abs(value)
    if float(value).is_integer():
        whole, frac = f"{int(value):,}".replace(",", "."), ""
    else:
        text = repr(float(value))
        if "e" in text:
            text = f"{value:.10f}".rstrip("0")
        whole_part, _, frac = text.partition(".")
        whole = f"{int(whole_part):,}".replace(",", ".")
        frac = "," + frac
    return ("-" if negative else "") + whole + frac


def scale_of(word: str | None) -> int:
    """The multiplier a scale word stands for (``mln.`` → 1,000,000); 1 if none."""
    if not word:
        return 1
    return SCALE_WORDS.get(word.lower().rstrip("."), 1)


def as_plain(value: float) -> float | int:
    """Return ints for whole numbers so JSON output reads ``9753`` not ``9753.0``."""
    if float(value).is_integer() and abs(value) < 1e15:
        return int(value)
    return round(value, 10)


_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_SCHOOL_YEAR = re.compile(rf"\b({_YEAR})\s?/\s?({_YEAR}|\d{{2}})\b")
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})[-/.](\d{{1,2}})[-/.]({_YEAR})\b")
_DATE_WORDS = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(MONTHS)})\s+({_YEAR})\b", re.IGNORECASE)
_END_OF_YEAR = re.compile(rf"\b(?:ultimo|eind|einde|eind van)\s+({_YEAR})\b", re.IGNORECASE)
_QUARTER = re.compile(
    r"\b(?:Q([1-4])|([1-4])e\s+kwartaal|(eerste|tweede|derde|vierde)\s+kwartaal)\b",
    re.IGNORECASE,
)
_HALF = re.compile(r"\b(eerste|tweede)\s+(?:half\s?jaar|helft)|\b(?:H([12]))\b", re.IGNORECASE)


_QUARTER_YEAR = re.compile(
    rf"\b(?:Q[1-4]|[1-4]e\s+kwartaal|(?:eerste|tweede|derde|vierde)\s+kwartaal|"
    rf"(?:eerste|tweede)\s+(?:half\s?jaar|helft)|H[12])\s+(?:van\s+)?(?P<y>{_YEAR})\b",
    re.IGNORECASE,
)


def sub_period_mentions(text: str) -> list[tuple[int, int, str]]:
    """Quarter and half-year mentions without a year of their own (``in het vierde
    kwartaal``), as (start, end, sub-period)."""
    out: list[tuple[int, int, str]] = []
    for rx in (_QUARTER, _HALF):
        for m in rx.finditer(text):
            if _QUARTER_YEAR.match(text, m.start()):
                continue
            found = sub_period(m.group(0))
            if found is not None:
                out.append((m.start(), m.end(), found))
    return sorted(out)


def period_of_date(day: int, month: int, year: int) -> str | None:
    """A stock counted on a date takes that date's month (``1-1-2019`` → ``2019-01``)."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}"


def period_in(text: str) -> str | None:
    """The single period a short text (a table header, a cell) names, if any.

    ``"Rekening 2019"`` → ``"2019"``, ``"31-12-2019"`` → ``"2019-12"``,
    ``"2019/2020"`` → ``"2019/2020"``, ``"Q4 2020"`` → ``"2020-Q4"``.
    """
    m = _DATE_DMY.search(text)
    if m:
        return period_of_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DATE_WORDS.search(text)
    if m:
        return period_of_date(int(m.group(1)), MONTHS[m.group(2).lower()], int(m.group(3)))
    m = _END_OF_YEAR.search(text)
    if m:
        return f"{m.group(1)}-12"
    m = _SCHOOL_YEAR.search(text)
    if m:
        second = m.group(2)
        if len(second) == 2:
            second = m.group(1)[:2] + second
        if int(second) == int(m.group(1)) + 1:
            return f"{m.group(1)}/{second}"
    years = re.findall(rf"\b{_YEAR}\b", text)
    if not years:
        return None
    year = years[-1]
    sub = sub_period(text)
    return f"{year}-{sub}" if sub else year


def sub_period(text: str) -> str | None:
    """The quarter or half-year a text names (``vierde kwartaal`` → ``Q4``), if any."""
    m = _QUARTER.search(text)
    if m:
        n = m.group(1) or m.group(2) or ORDINAL_QUARTERS[m.group(3).lower()]
        return f"Q{n}"
    m = _HALF.search(text)
    if m:
        if m.group(2):
            return f"H{m.group(2)}"
        return "H1" if m.group(1).lower() == "eerste" else "H2"
    return None


def year_mentions(text: str) -> list[tuple[int, int, str]]:
    """Every period mention in ``text`` as (start, end, period), in text order.

    Dates give months, ``ultimo 2018`` gives ``2018-12``, school years stay as they are.
    Years that are part of a span such as ``2020-2040`` (a plan horizon) are skipped.
    """
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for rx, fn in (
        (_QUARTER_YEAR, lambda m: f"{m['y']}-{sub_period(m[0])}"),
        (_DATE_DMY, lambda m: period_of_date(int(m[1]), int(m[2]), int(m[3]))),
        (_DATE_WORDS, lambda m: period_of_date(int(m[1]), MONTHS[m[2].lower()], int(m[3]))),
        (_END_OF_YEAR, lambda m: f"{m[1]}-12"),
        (_SCHOOL_YEAR, lambda m: period_in(m[0])),
    ):
        for m in rx.finditer(text):
            period = fn(m)
            if period and free(m.start(), m.end()):
                found.append((m.start(), m.end(), period))
                taken.append((m.start(), m.end()))
    for m in re.finditer(rf"(?<![\d\-–/.,])({_YEAR})(?![\d\-–/]|,\d|\.\d)", text):
        if free(m.start(), m.end()):
            found.append((m.start(), m.end(), m.group(1)))
    return sorted(found)
