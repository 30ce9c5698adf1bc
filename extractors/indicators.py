"""Reported numbers: the ``kg_indicators`` component.

Finds every number that reports a measured or counted quantity, in prose and in tables,
with its unit, period and what it is about. Dates, ages, section numbers, ordinals and
plan horizons are not indicators. Writes ``doc._.kg_indicators`` (a list of
:class:`~extractors.annotations.IndicatorNote`).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from . import gazetteer, keys
from .annotations import IndicatorNote, Section
from .gazetteer import fold
from .kinds import cell_kind, compile_cues, prose_kind
from .measures import cell_measure, prose_measure
from .numbers import (
    MONTHS,
    NUMBER_RE,
    NUMBER_WORDS,
    parse_number,
    scale_of,
    sub_period_mentions,
    year_mentions,
)
from .sections import SectionIndex
from .tables import Cell, flat_tables, glued_of, pipe_tables
from .text import lines_of, memo, report_year, sentence_offsets, text_of

_UNSIGNED = NUMBER_RE.replace("[-−–]?\\s?", "[-−]?")
_NUM = rf"(?<![\w\-–/.,#+:’'])({_UNSIGNED})(?![\d]|[.,]\d)"  # not "UP'21"
_SCALE = r"(?:\s?(miljoen|mln\.?|miljard|mld\.?|mrd\.?))?"
_QUANTITY = re.compile(
    # the look-ahead lets the engine skip, at one test, the positions where no branch
    # can start (inside words, at spaces): half the time of the search
    r"(?=[€\-−\d]|\b[^\W\d_])(?:"
    rf"(?P<eur>€\s?{_NUM}{_SCALE})"
    rf"|(?P<pct>{_NUM}\s?(?:%|procent\b))"
    rf"|(?P<mln>{_NUM}\s?(?:miljoen|mln\.?|miljard|mld\.?)(?:\s?euro)?)"
    rf"|(?P<euro>{_NUM}\s?euro\b)"
    rf"|(?P<dur>{_NUM}\s?(?P<dunit>weken|week|dagen|dag|maanden|maand|jaar|uur|uren)\b)"
    rf"|(?P<cnt>{_NUM})"
    rf"|(?P<word>\b(?:{'|'.join(NUMBER_WORDS)})\b))",
    re.IGNORECASE,
)
_DURATION_UNITS = {
    "week": "weeks",
    "weken": "weeks",
    "dag": "days",
    "dagen": "days",
    "maand": "months",
    "maanden": "months",
    "jaar": "years",
    "uur": "hours",
    "uren": "hours",
}
_SKIP_BEFORE = re.compile(
    r"(?:\bper|\bnr\.?|\bnummer|\bartikel|\bart\.|\bversie|\bhoofdstuk(?:ken)?|"
    r"\bparagra(?:af|fen)|\bpagina|\bbijlage|\bfase|\bniveau|\bstap|\btrede|"
    r"\bprogramma(?:['’]s)?|\btaakveld(?:en)?|\bwijk|\blijn|\bnorm|"
    r"\bpostcode|\bbus|\btelefoon|\btel\.?|\bvan\s+de|\btot|\bvanaf|\bboven|\bonder|"
    r"\bdan|\bleeftijd\s+van|\bjonger\s+dan|\bouder\s+dan)"
    # the rest of a list after such a word: "de programma's 7, 8C en 10"
    r"\s*(?:\d+[A-Za-z]?\s*(?:,|\ben\b|\bof\b|t/m|-|–)\s*)*$",
    re.IGNORECASE,
)
# "raadsinformatiebrief 173137": Dutch prose writes a quantity of five digits or more
# with thousands dots (10.182); a bare run of digits is a reference number
_REFERENCE = re.compile(r"\d{5,}")
# "(volgens het begrip) 1. inwoners ervaren ...": list numbering inside a line (a
# sentence never goes on in lower case after a full stop)
_LIST_NUMBER_AFTER = re.compile(r"\.\s?[a-zà-ÿ]")
# a year after these words is when something began, not the period of the number
_START = re.compile(r"(?:sinds|sedert)\s+(?:\d{1,2}\s+\w+\s+)?$", re.IGNORECASE)
_BASELINE = re.compile(
    r"(?:ten opzichte van|t\.o\.v\.|vergeleken met|sinds|tot en met|"
    r"t/m|tot)\s*$",
    re.IGNORECASE,
)


_WORD = re.compile(r"[^\W\d_]{2}")  # two letters: a word to read a kind or measure from


class IndicatorFinder:
    """Find indicators in the prose and the tables of a report."""

    def __init__(self, nlp: Language, name: str = keys.INDICATORS) -> None:
        self.name = name
        self.ready = False
        self.structure: set[str] = set()
        self.financial: re.Pattern = _NOTHING

    def initialize(
        self, get_examples=None, *, nlp: Language | None = None, cues: dict | None = None
    ) -> None:
        """Load the cue lists: ``cues`` (as ``[initialize.components]`` in a spaCy
        config passes them), else the bundled ``data/cues.json``."""
        c = gazetteer.cues() if cues is None else cues
        self.structure = {w.lower() for w in c["structure_nouns"]}
        self.sub_columns = tuple(c["table_sub_columns"])
        self.kinds = compile_cues(c["indicator_kinds"])
        self.financial = re.compile(
            r"(?<!\w)(?:"
            + "|".join(re.escape(w.lower()) for w in c["financial_words"])
            + r")(?!\w)"
        )
        self.ready = True

    def __call__(self, doc: Doc) -> Doc:
        if not self.ready:
            self.initialize()
        year = report_year(doc, keys.INDICATORS)
        all_lines = lines_of(doc)
        flat, used_flat = flat_tables(all_lines)
        pipe, used_pipe = pipe_tables(all_lines)
        glued, used_glued = glued_of(doc, self.sub_columns)
        used = used_flat | used_pipe | used_glued
        sections: list[Section] = _Indexed(doc._.kg_sections or [])
        heading_starts = {s.start for s in sections}
        cells = [self._from_cell(doc, c, year, sections) for c in flat + pipe + glued]
        stated = [(all_lines[i].start, all_lines[i].end) for i in used]
        stated += [(s.start, s.start + len(s.heading)) for s in sections]
        skip = _Spans(stated)
        prose = []
        context = _Context(text_of(doc))
        text = text_of(doc)
        for start, end in sentence_offsets(doc):
            context.advance(doc, start, end, self._financial(text[start:end]))
            if start in heading_starts:
                continue
            prose += self._prose(doc, start, end, year, sections, skip, context)
        prose = _percent_columns(text_of(doc), prose)
        doc._.kg_indicators = _dedupe(cells + _not_repeating(text_of(doc), prose, cells))
        return doc

    # -- tables ----------------------------------------------------------------------

    def _from_cell(self, doc: Doc, c: Cell, year: int, sections: list[Section]) -> IndicatorNote:
        label = " ".join(x for x in (c.row, f"({c.column})" if c.column else "") if x)
        context = f"{c.title} {c.row}"
        about = _entity_in(doc, c.context_start, c.context_end) or (
            _entity_in(doc, *c.title_span) if c.title_span else None
        )
        section = None
        if about is None:
            # a cost table's row is about the sub-programme it names, else about the
            # programme the table stands in
            section = _section_named(sections, c.row)
        if about is None and section is None and self._financial(f"{context} {c.column}"):
            section = _deepest(sections, c.start)
        return IndicatorNote(
            start=c.start,
            end=c.end,
            value=c.value,
            unit=c.unit,
            period=c.period or str(year),
            label=label or c.title,
            about_start=about[0] if about else None,
            about_end=about[1] if about else None,
            about_section=section,
            context_start=c.context_start,
            context_end=c.context_end,
            rule=c.rule,
            kind=cell_kind(c.column, c.row, c.title, c.unit, self.kinds),
            measure=cell_measure(c.row, c.column, c.title),
        )

    def _financial(self, text: str) -> bool:
        return bool(self.financial.search(text.lower()))

    # -- prose -----------------------------------------------------------------------

    def _prose(
        self,
        doc: Doc,
        start: int,
        end: int,
        year: int,
        sections: list[Section],
        skip: _Spans,
        context: _Context,
    ) -> list[IndicatorNote]:
        text = text_of(doc)
        sentence = text[start:end]
        found = []
        for m in _QUANTITY.finditer(sentence):
            a, b = start + m.start(), start + m.end()
            if a in skip:
                continue
            parsed = self._quantity(m, sentence, m.start(), m.end())
            if parsed is None or parsed[0] is None or not math.isfinite(parsed[0]):
                continue  # not a number a measure can be (or too long to be one)
            if parsed[0] <= 20 and m.group("cnt") and _LIST_NUMBER_AFTER.match(text, b):
                continue
            found.append((a, b, *parsed))
        if not found:
            return []
        periods = self._periods(
            sentence,
            start,
            [(a, b) for a, b, *_ in found],
            year,
            [unit for _, _, _, unit, _ in found],
        )
        notes = []
        label = sentence.strip()
        if len(label) < 60 and len(label.split()) <= 4:
            # a bare number on its own line: its label is the line above
            label = f"{_line_before(text, start)} {label}"
        if len(label) > 160:
            label = label[:157] + "..."
        measure = ""  # of the number before, which a bare number may repeat
        wordy = _WORD.search(sentence) is not None  # no words, nothing to read them from
        for (a, b, value, unit, rule), period in zip(found, periods, strict=True):
            if wordy:
                measure = prose_measure(sentence, a - start, b - start, unit, measure)
            # money and shares in a passage about the budget are about the programme;
            # otherwise the nearest initiative or organisation, here or just before
            about, section = None, None
            if context.financial:
                section = _deepest(sections, a)
            else:
                about = _entity_in(doc, start, end, near=a) or context.previous
            notes.append(
                IndicatorNote(
                    start=a,
                    end=b,
                    value=value,
                    unit=unit,
                    period=period,
                    label=label,
                    about_start=about[0] if about else None,
                    about_end=about[1] if about else None,
                    about_section=section,
                    context_start=start,
                    context_end=end,
                    rule=rule,
                    kind=prose_kind(sentence, a - start, b - start, unit, self.kinds)
                    if wordy
                    else "realised",
                    measure=measure,
                )
            )
        return notes

    def _quantity(self, m: re.Match, sentence: str, a: int, b: int):
        before = sentence[max(0, a - 30) : a]
        after = sentence[b : b + 30]
        if m.group("word"):
            word = m.group("word").lower()
            nxt = re.match(r"\s+(?:extra\s+|nieuwe\s+)?([a-zà-ÿ\-]+)(['’]s)?", after)
            if not nxt or self._structure_noun(nxt) or nxt.group(1) in MONTHS:
                return None
            if re.match(r"ge\w+(?:en|d|t)$", nxt.group(1)):
                return None  # "in acht genomen"
            if re.search(r"\b(?:de|het|deze|die|alle)\s*$", before, re.I) and word != "tien":
                return None
            return NUMBER_WORDS[word], "count", "prose.number_word"
        if m.group("eur"):
            g = m.group("eur")
            num = _number_in(g)
            value = parse_number(num.replace("−", "-"))
            scale = re.search(r"(miljoen|mln\.?|miljard|mld\.?|mrd\.?)\s*$", g)
            return _scaled(value, scale.group(1) if scale else None), "EUR", "prose.money"
        if m.group("mln") or m.group("euro"):
            g = m.group("mln") or m.group("euro")
            num = _number_in(g)
            scale = re.search(r"(miljoen|mln\.?|miljard|mld\.?)", g)
            return (
                _scaled(parse_number(num), scale.group(1) if scale else None),
                "EUR",
                "prose.money",
            )
        if m.group("pct"):
            num = _number_in(m.group("pct"))
            return parse_number(num), "percent", "prose.percent"
        num = _number_in(m.group(0))
        value = parse_number(num)
        if value is None or _SKIP_BEFORE.search(before) or _REFERENCE.fullmatch(num):
            return None

        if re.match(r"\s?(?:[-–]\s?\d|\+|-|e\b|ste\b|de\b|:\d|/\d)|[A-Za-z]", after):
            return None  # ranges, "12+", "18-", "24-uurs", "3D", ordinals, times, fractions
        if re.search(r"\btop\s*$", before, re.I):
            return None
        if m.group("cnt") and (
            re.match(r"\.[A-Z]", after)
            or (re.match(r"\s?[.)](?:\s|$)", after) and not before.strip(" \t("))
        ):
            return None  # list numbering: "1.Inwoners", "2." on a line of its own
        if m.group("dur"):
            unit = _DURATION_UNITS[m.group("dunit").lower()]
            if unit == "years" and not re.search(r"gemiddeld\w*\s*$", before, re.I):
                return None  # ages and horizons, not durations
            if re.search(r"\bbinnen\s*$", before, re.I):
                return None  # "binnen 5 dagen" states a norm, not a result
            return value, unit, "prose.duration"
        if re.fullmatch(r"(?:19[5-9]\d|20[0-4]\d)", num):
            return None  # a year
        nxt = re.match(r"\s+([a-zà-ÿ]+)(['’]s)?", after)
        if nxt and (nxt.group(1) in MONTHS or self._structure_noun(nxt)):
            return None
        return value, "count", "prose.count"

    def _structure_noun(self, nxt: re.Match) -> bool:
        """``drie thema’s``, ``vijf pijlers``: how a plan is built, not an amount."""
        word = nxt.group(1)
        return word in self.structure or (
            nxt.group(2) is not None and f"{word}'s" in self.structure
        )

    def _periods(
        self, sentence: str, offset: int, spans: list[tuple[int, int]], year: int, units: list[str]
    ) -> list[str]:
        """Each number takes the nearest period mention at the same bracket depth with no
        other number between; ``2018 (406 kinderen)`` binds the bracketed number to the
        year before it, even a baseline year."""
        depth = _depths(sentence)
        mentions = [
            (a + offset, b + offset, p, _BASELINE.search(sentence[max(0, a - 25) : a]) is not None)
            for a, b, p in year_mentions(sentence)
            if not _START.search(sentence[max(0, a - 25) : a])
        ]
        subs = [(a + offset, b + offset, p) for a, b, p in sub_period_mentions(sentence)]
        same_period = re.search(
            r"hetzelfde (?:kwartaal|half\s?jaar)|dezelfde periode", sentence, re.I
        )
        out = []
        starts = [x for x, _ in spans]  # numbers in text order
        mention_starts = [m[0] for m in mentions]
        sub_starts = [x for x, _, _ in subs]
        for (a, b), unit in zip(spans, units, strict=True):
            # only mentions near the number can be its period (a distance under 61,
            # mentions shorter than 40): a window by bisection, not every mention
            lo = bisect.bisect_left(mention_starts, a - 101)
            hi = bisect.bisect_right(mention_starts, b + 61)
            # a change in percent is measured against a baseline year, not in it
            usable = [m for m in mentions[lo:hi] if not (m[3] and unit == "percent")]
            period = _year_in_brackets_after(sentence, offset, b) or _bracketed_after_year(
                sentence, offset, a, usable
            )
            if period is None:
                best, best_d = None, 61.0
                for ma, mb, p, _ in usable:
                    if a <= ma < b or depth[ma - offset] != depth[a - offset]:
                        continue
                    free = _free_distance(a, b, ma, mb, starts)
                    if free is None:
                        continue
                    d: float = free
                    lo, hi = (b, ma) if ma >= b else (mb, a)
                    if re.search(r"[,;]", sentence[lo - offset : hi - offset]):
                        d += 40  # another clause
                    if ma >= b:
                        d -= 0.5  # "3.879 in Q4 2020": on a tie, the period after
                    if d < best_d:
                        best, best_d = p, d
                period = best or str(year)
            if re.fullmatch(r"\d{4}", period):
                sub = None
                if same_period and subs:
                    sub = subs[0][2]
                elif subs:
                    # a sub-period with no other number between: between the numbers
                    # before and after this one
                    k = bisect.bisect_left(starts, a)
                    left = starts[k - 1] if k > 0 else -1
                    right = starts[k + 1] if k + 1 < len(starts) else len(sentence) + offset
                    j = bisect.bisect_right(sub_starts, left)
                    sub = next(
                        (
                            p
                            for sa, sb, p in subs[j : bisect.bisect_left(sub_starts, right)]
                            if _free_distance(a, b, sa, sb, starts) is not None
                        ),
                        None,
                    )
                if sub:
                    period = f"{period}-{sub}"
            out.append(period)
        return out


def _free_distance(a: int, b: int, ma: int, mb: int, starts: list[int]) -> int | None:
    """Distance between a number [a, b) and a mention [ma, mb), or None when another
    number stands between them (``starts``: the numbers' starts, sorted)."""
    lo, hi = (b, ma) if ma >= b else (mb, a)
    if bisect.bisect_left(starts, hi) > bisect.bisect_left(starts, lo):
        return None  # (the number itself never lies in the gap)
    return hi - lo


def _year_in_brackets_after(sentence: str, offset: int, b: int) -> str | None:
    """``naar 386 (2019)``: a year in brackets right after the number."""
    m = re.match(r"\s*(?:[a-zà-ÿ]+\s+)?\(\s*((?:19|20)\d\d)\s*\)", sentence[b - offset :])
    return m.group(1) if m else None


def _bracketed_after_year(sentence: str, offset: int, a: int, mentions) -> str | None:
    for _ma, mb, p, _ in mentions:
        if mb <= a and re.fullmatch(r"\s*\(\s*", sentence[mb - offset : a - offset]):
            return p
    return None


def _depths(text: str) -> list[int]:
    out, d = [], 0
    for ch in text:
        if ch == "(":
            d += 1
        out.append(d)
        if ch == ")":
            d = max(0, d - 1)
    return out + [d]


def _line_before(text: str, start: int) -> str:
    """The last non-blank line before ``start`` (``text[:start].rstrip()``'s last line,
    without copying the text before it)."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text[text.rfind("\n", 0, end) + 1 : end].strip()


class _Spans:
    """Offsets covered by a set of (start, end) ranges; ``offset in spans`` by bisection."""

    def __init__(self, ranges) -> None:
        self.ranges = sorted(ranges)
        self.starts = [a for a, _ in self.ranges]
        self.ends = []
        furthest = -1
        for _, b in self.ranges:  # running maximum: ranges may nest
            furthest = max(furthest, b)
            self.ends.append(furthest)

    def __contains__(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


class _Context:
    """What the passage so far is about: the last initiative or organisation named in the
    previous sentences of the paragraph, and whether the paragraph is about money."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.previous: tuple[int, int] | None = None
        self.financial = False
        self._pending: tuple[int, int] | None = None
        self._end = 0

    def advance(self, doc: Doc, start: int, end: int, financial: bool) -> None:
        gap = self.text[self._end : start]
        if "\n" in gap or self._end == 0:
            self.previous, self._pending, self.financial = None, None, False
        else:
            self.previous = self._pending or self.previous
        self.financial = self.financial or financial
        self._pending = _entity_in(doc, start, end, near=end)
        self._end = start + len(self.text[start:end].rstrip())  # trailing breaks count as gap


def _scaled(value: float | None, scale: str | None) -> float | None:
    if value is None:
        return None
    return value * scale_of(scale)


def _about_candidates(doc: Doc) -> list[tuple[int, int, bool]]:
    """(start, end, is_initiative) of the mentions a number can be about, sorted; built
    once per Doc (creating spans over and over was the slowest part of a long report)."""
    text = text_of(doc)
    return sorted(
        (s.start_char, s.end_char, s.label_ == "Initiative")
        for s in doc.spans.get(keys.ENTITY_SPANS, [])
        if s.label_ in ("Initiative", "Organisation")
        # "(bron: CBS)" names a source, not what the number is about
        and not re.search(r"\(\s*bron:?\s*$", text[max(0, s.start_char - 12) : s.start_char], re.I)
    )


def _entity_in(doc: Doc, start: int, end: int, near: int | None = None):
    """Offsets of the initiative or organisation mention in ``[start, end)`` nearest
    to ``near`` (initiatives first), by bisection over the mentions of each kind."""
    for mentions in _about_by_kind(doc):
        found = _nearest(mentions, start, end, start if near is None else near)
        if found is not None:
            return found
    return None


def _nearest(mentions: list[tuple[int, int]], start: int, end: int, near: int):
    """The mention within ``[start, end)`` whose start is nearest to ``near`` (the
    earlier on a tie); mentions do not overlap, so at most the last one in the range
    reaches past ``end``."""
    lo = bisect.bisect_left(mentions, (start, -1))
    hi = bisect.bisect_left(mentions, (end, -1))
    if hi > lo and mentions[hi - 1][1] > end:
        hi -= 1  # it reaches past the sentence
    if lo >= hi:
        return None
    k = min(max(bisect.bisect_left(mentions, (near, -1), lo, hi), lo), hi - 1)
    options = [mentions[i] for i in (k - 1, k) if lo <= i < hi]
    return min(options, key=lambda m: (abs(m[0] - near), m[0]))


def _about_by_kind(doc: Doc) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    def split() -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        candidates = _about_candidates(doc)
        return (
            [(a, b) for a, b, i in candidates if i],
            [(a, b) for a, b, i in candidates if not i],
        )

    # keyed by the mention spans themselves: a memo of what the entities found, valid
    # whatever ran before
    return memo(doc, ("about", id(doc.spans.get(keys.ENTITY_SPANS))), split)


def _section_named(sections: list[Section], row: str) -> int | None:
    """The section a table row names: the whole label, or its start glued to the next
    cell (``Sociale basisBegroting59,3 miljoen``)."""
    key = fold(row)
    if not key:
        return None
    folded, exact = _names_of(sections)
    if key in folded:
        return folded[key]
    for m in _GLUED_START.finditer(row):  # where a lower-case letter meets a capital
        i = exact.get(row[: m.start() + 1])
        if i is not None and m.start() + 1 > 3:
            return i
    return None


_NOTHING = re.compile(r"(?!)")
_NUMBER = re.compile(r"[-−]?\d[\d.,]*")


def _number_in(text: str) -> str:
    """The first number written in ``text`` (a match of a pattern that holds one)."""
    m = _NUMBER.search(text)
    return m.group(0) if m else ""


_GLUED_START = re.compile(r"[a-zà-ÿ.)](?=[A-Z])")


def _names_of(sections: list[Section]) -> tuple[dict[str, int], dict[str, int]]:
    """Section index by folded name and by name as written (first of equals), once per
    document."""
    cached = getattr(sections, "names", None)
    if cached is None:
        folded: dict[str, int] = {}
        exact: dict[str, int] = {}
        for i, s in enumerate(sections):
            folded.setdefault(fold(s.name), i)
            exact.setdefault(s.name, i)
        cached = (folded, exact)
        if isinstance(sections, _Indexed):
            sections.names = cached
    return cached


def _deepest(sections: list[Section], offset: int) -> int | None:
    """The deepest section holding ``offset``, else the first programme."""
    index = sections.section_index if isinstance(sections, _Indexed) else SectionIndex(sections)
    best = index.deepest(offset)
    return best if best is not None else index.first


class _Indexed(list):
    """The sections of the document being annotated, with their :class:`SectionIndex`
    (built once, not at every number)."""

    def __init__(self, sections: list[Section]) -> None:
        super().__init__(sections)
        self.section_index = SectionIndex(sections)
        self.names: tuple[dict[str, int], dict[str, int]] | None = None


def _not_repeating(
    text: str, prose: list[IndicatorNote], cells: list[IndicatorNote]
) -> list[IndicatorNote]:
    """Drop prose numbers that repeat a table cell: the same value, or a rounded amount
    (``€ 6,1 mln.`` for a cell of 6.083 x € 1.000). The table cell is the fact."""
    values: dict[tuple[str, str], list[float]] = {}
    for c in cells:
        values.setdefault((c.unit, c.period), []).append(c.value)
    for v in values.values():
        v.sort()
    out = []
    for n in prose:
        same = values.get((n.unit, n.period), [])
        step = _rounding(text[n.start : n.end]) / 2 if n.unit == "EUR" and n.value else 0.0
        reach = max(step, 1e-9)
        i = bisect.bisect_left(same, n.value - reach)
        if i < len(same) and same[i] <= n.value + reach:
            continue  # the same value, or the rounded amount of a cell
        out.append(n)
    return out


def _rounding(stated: str) -> float:
    """The rounding step of a stated amount: ``€ 6,1 mln.`` → 100.000."""
    m = re.search(r"\d+(?:,(\d+))?\s*(miljoen|mln|miljard|mld|mrd)?", stated.replace(".", ""))
    if not m or not m.group(2):
        return 0.0
    decimals = len(m.group(1) or "")
    return scale_of(m.group(2)) * 10**-decimals


def _percent_columns(text: str, notes: list[IndicatorNote]) -> list[IndicatorNote]:
    """Counts that end a line under a header that says ``in %`` are percentages."""
    out = []
    for n in notes:
        line_start = text.rfind("\n", 0, n.start) + 1
        line_end = text.find("\n", n.end)
        line_end = len(text) if line_end < 0 else line_end
        header = re.search(
            r"(?:in|\()\s*%\)?\s*$", _line_before(text, line_start) if line_start else ""
        )
        block = text[max(0, line_start - 2000) : line_start]
        under_header = header or (
            re.search(r"\bin %\s*\n", block) and "\n\n" not in block[block.rfind("in %") :]
        )
        if (
            n.unit == "count"
            and n.rule == "prose.count"
            and under_header
            and not text[n.end : line_end].strip()
        ):
            n = replace(n, unit="percent", rule="prose.percent_column")
        out.append(n)
    return out


def _dedupe(notes: list[IndicatorNote]) -> list[IndicatorNote]:
    """One indicator for a fact stated twice (same value, unit, period and label)."""
    seen: set[tuple] = set()
    out = []
    for n in notes:
        if n.value is None:
            continue
        key = (round(n.value, 6), n.unit, n.period, re.sub(r"\W+", " ", n.label.lower()))
        if key in seen:
            continue
        seen.add(key)
        out.append(n)
    return sorted(out, key=lambda n: (n.start, n.end))


@Language.factory(
    keys.INDICATORS,
    assigns=[f"doc._.{keys.INDICATOR_NOTES}"],
    requires=[
        f"doc._.{keys.YEAR}",
        f"doc._.{keys.SECTION_TREE}",
        f"doc._.{keys.SENTENCES}",
        "doc.spans",
    ],
)
def make_indicator_finder(nlp: Language, name: str) -> IndicatorFinder:
    return IndicatorFinder(nlp, name)
