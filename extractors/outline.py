"""The programme tree of a whole report, read from its document model.

A begroting or jaarstukken follows the BBV (Besluit begroting en verantwoording provincies
en gemeenten): a programme part ("Programmaplan", "Beleidsbegroting",
"Programmaverantwoording") in which each programme opens with a numbered heading
(``P2 Verkeer en vervoer``, ``Programma 2: Mens en maatschappij``), followed by the
obligatory paragraphs, the financial statements and the appendices. In a PDF the
headings are known from the type (``kg.layout``), so the tree is read from heading blocks:

- the **programmes** are the headings that are numbered as programmes (and, where the
  report has contents, listed there), at the level most of them share; each runs to the
  next heading of its level or higher;
- their **sub-programmes** are the headings inside a programme set in the largest type
  below the programmes' that is used there, except the BBV's fixed questions and section
  titles ("Wat willen we bereiken?", "Toelichting", "Verbonden partijen");
- when the headings do not show the programmes (OCR lost them), the **contents** do: each
  programme they list from the page they point to, its taakveld lines as sub-programmes;
- the contents, the paragraphs, the financial statements and the appendices yield none:
  a heading of the programme level or higher that opens one of those parts ends the
  programme part;
- the **parts** themselves (:func:`report_parts`), each with its pages.

Pure: no spaCy; the section finder calls :func:`outline_sections`, the collector
:func:`report_parts`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .annotations import Block, Section

# "P0" read by OCR as "PO": the letter O stands for the digit there
PROGRAMME = re.compile(
    r"^(?:programma\s*[:.]?\s*(?:P\s?)?|P\s?)(\d{1,2}[a-z]?|O)(?![.,]\d)\s*[:.\-–]?\s+(\S.*)$",
    re.IGNORECASE,
)
# "Taakveld: 1.1 Crisisbeheersing en brandweer": a programme's part by its Iv3 taakveld
TAAKVELD = re.compile(r"^taakveld\s*:?\s*(\d{1,2}\.\d{1,3}[a-z]?)\.?\s+(\S.*)$", re.IGNORECASE)
LEADER = re.compile(r"\s*(?:\.{2,}|…|(?:\. ){2,}|_{3,}).*$")
NUMBERED = re.compile(r"^(?:taakveld\s+)?(\d{1,2}(?:\.\d{1,3}){1,2}[a-z]?)\.?\s+(\S.*)$", re.I)


def heading_name(text: str) -> str:
    """A heading without its numbering: ``P6 Sociaal Domein`` → ``Sociaal Domein``,
    ``0.1 Bestuur`` → ``Bestuur``."""
    for rx in (PROGRAMME, NUMBERED):
        m = rx.match(text)
        if m:
            return m.group(2).strip()
    return text.strip()


def outline_sections(
    text: str,
    blocks: list[Block],
    is_noise: Callable[[str], bool],
    part_heads: tuple[str, ...],
) -> list[Section] | None:
    """The programme sections of a paged document, or ``None`` when neither its headings
    nor its contents name a programme (then the line rules apply). ``is_noise`` says
    whether a heading is a fixed question or section title; ``part_heads`` are the first
    words of the headings that open a part other than the programmes (paragrafen,
    jaarrekening, bijlagen)."""
    headings = [b for b in blocks if b.role == "heading"]
    named = [b for b in headings if _programme(_text(text, b))]
    contents = _contents(text, blocks)
    listed = {heading_name(title).lower() for title, _, _ in contents if _programme(title)}
    if listed:  # the contents say which programmes there are: other headings are not
        named = [b for b in named if heading_name(_text(text, b)).lower() in listed]
    if len({heading_name(_text(text, b)).lower() for b in named}) * 2 < len(listed):
        # the headings do not show the programmes (OCR lost them, or the type does not
        # set them apart): the contents do, as the outline
        return _from_contents(text, blocks, contents)
    if not named:
        return None
    level = Counter(b.level for b in named).most_common(1)[0][0]
    # the sub-programmes are set in the largest type below the programmes' used within
    # them (by their fixed questions too: a type the questions alone use holds none)
    found = _walk(text, headings, level, None, lambda _line: True, part_heads)
    inner = [b.level for b, depth, _ in found if depth == 2]

    def keep(line: str) -> bool:
        return not is_noise(line) and _heading_like(line)

    found = _walk(text, headings, level, min(inner, default=None), keep, part_heads)
    stops = _stops(headings, level, found)
    sections: list[Section] = []
    for i, (b, depth, parent) in enumerate(found):
        stop = next((s for s in stops if s > b.start), len(text))
        if depth == 2:  # a sub-programme also ends where the next one starts
            stop = min([stop] + [nb.start for nb, _, _ in found[i + 1 : i + 2]])
        line = _text(text, b)
        name = heading_name(line)
        if parent is not None and name.lower() == sections[parent].name.lower():
            name = line  # "2.1 Verkeer en vervoer" under "P2 Verkeer en vervoer": two things
        sections.append(Section(name, line, b.start, stop, depth, parent, "sections.layout"))
    return sections


def _walk(
    text: str,
    headings: list[Block],
    level: int,
    sub_level: int | None,
    keep: Callable[[str], bool],
    part_heads: tuple[str, ...],
) -> list[tuple[Block, int, int | None]]:
    """(block, depth, index of the parent) of the programmes (at ``level``) and, inside
    them, the headings at ``sub_level`` (any deeper level when ``None``) that ``keep``
    accepts, in document order."""
    found: list[tuple[Block, int, int | None]] = []
    top: int | None = None  # the open programme
    for b in headings:
        line = _text(text, b)
        if b.level <= level:
            top = None
            if b.level == level and _programme(line):
                found.append((b, 1, None))
                top = len(found) - 1
            elif found and line.lower().startswith(part_heads):
                break  # the paragraphs, the financial statements or the appendices
        elif top is not None and b.level == (sub_level or b.level) and keep(line):
            found.append((b, 2, top))
    return found


def _stops(headings: list[Block], level: int, found: list) -> list[int]:
    """Where a programme ends: every heading of its level or higher after the first."""
    if not found:
        return []
    first = found[0][0].start
    return [b.start for b in headings if b.level <= level and b.start > first]


def _contents(text: str, blocks: list[Block]) -> list[tuple[str, int, int]]:
    """The lines of the table of contents: (title, PDF page it points to, offset). The
    contents are the first pages of contents lines (a few in a row), not a later page
    whose rows happen to have dot leaders."""
    out = []
    first = next((b.page for b in blocks if b.role == "toc"), 0)
    for b in blocks:
        if b.role == "toc" and b.page <= first + 3:
            title = LEADER.sub("", _text(text, b))
            title = re.sub(r"[\s.]*\d*$", "", title).strip()
            if title:
                out.append((title, b.target, b.start))
    return out


def _from_contents(
    text: str, blocks: list[Block], contents: list[tuple[str, int, int]]
) -> list[Section] | None:
    """Programmes as the contents list them, each from the page it points to (or, with
    no page, the first line after the contents that opens with its title) to the next
    entry of the contents; their taakveld headings as sub-programmes."""
    after = max(offset for _, _, offset in contents)
    starts: list[tuple[int, str, bool]] = []  # (offset, title, is a programme)
    last = after  # the start of the programme before: the next one starts after it
    for title, target, _ in contents:
        start = _page_start(blocks, target) if target else None
        if (start is None or start <= after) and _programme(title):
            m = re.compile(r"(?m)^" + re.escape(title)).search(text, last + 1)
            start = m.start() if m else None
        if start is not None and start > after:
            starts.append((start, title, _programme(title)))
            if _programme(title):
                last = start
    starts.sort()
    sections: list[Section] = []
    for i, (start, title, programme) in enumerate(starts):
        if not programme:
            continue
        end = next((s for s, _, _ in starts[i + 1 :] if s > start), len(text))
        sections.append(
            Section(heading_name(title), title, start, end, 1, None, "sections.contents")
        )
        top = len(sections) - 1
        subs = [(b, _taakveld(_text(text, b))) for b in blocks if start <= b.start < end]
        named = [(b, name) for b, name in subs if name]
        for j, (b, name) in enumerate(named):
            stop = named[j + 1][0].start if j + 1 < len(named) else end
            sections.append(
                Section(name, _text(text, b), b.start, stop, 2, top, "sections.contents")
            )
    return sections or None


def _taakveld(line: str) -> str | None:
    """The taakveld's name of a line ``Taakveld: 1.1 Crisisbeheersing``, else ``None``."""
    m = TAAKVELD.match(line)
    return m.group(2).strip() if m and _heading_like(m.group(2)) else None


def _page_start(blocks: list[Block], page: int) -> int | None:
    """The offset where ``page`` starts (the first block on it, or on the next page with
    text); ``None`` past the last page."""
    i = bisect.bisect_left([b.page for b in blocks], page)
    return blocks[i].start if i < len(blocks) else None


def _programme(line: str) -> bool:
    return bool(PROGRAMME.match(line)) and len(line.split()) <= 12


def _text(text: str, b: Block) -> str:
    return text[b.start : b.end].strip()


def _heading_like(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 10 and line[-1] not in ".;:,?" and not re.search(r"€|%", line)


# the parts of a begroting or jaarstukken (BBV art. 7–9, 24–28) and the first words of the
# headings or contents lines that open each; the programme part also opens at its first
# programme
PART_KINDS = ("contents", "introduction", "programmes", "paragraphs", "financial", "appendices")


@dataclass(frozen=True)
class Part:
    """A part of a whole report: its kind, the title that opens it, its extent."""

    kind: str  # one of PART_KINDS
    title: str
    start: int
    end: int
    first_page: int
    last_page: int


def report_parts(text: str, blocks: list[Block], cues: dict[str, list[str]]) -> list[Part]:
    """The report's parts in page order, from the pages its contents point to (else the
    headings of the programmes' level or higher): each opens where the first title of its
    kind stands and runs to the next part. ``cues`` maps a kind to the first words of its
    titles (``paragrafen``, ``jaarrekening``, ...). Nothing for a file without pages."""
    if not any(b.page for b in blocks):
        return []
    opens: list[tuple[int, str, str]] = []  # (offset, kind, title)
    toc = [b for b in blocks if b.role == "toc"]
    if toc:
        opens.append((toc[0].start, "contents", _text(text, toc[0])))
    entries = [(title, target) for title, target, _ in _contents(text, blocks) if target]
    if entries:
        for title, target in entries:
            kind = _part_kind(title, cues)
            start = _page_start(blocks, target) if kind else None
            if kind and start is not None:
                opens.append((start, kind, title))
    else:
        headings = [b for b in blocks if b.role == "heading"]
        named = [b for b in headings if _programme(_text(text, b))]
        level = Counter(b.level for b in named).most_common(1)[0][0] if named else 1
        for b in headings:
            line = _text(text, b)
            kind = _part_kind(line, cues) if b.level <= level else None
            if kind:
                opens.append((b.start, kind, line))
    parts: list[Part] = []
    last_page = max(b.page for b in blocks)
    for start, kind, title in sorted(opens):
        if parts and parts[-1].kind == kind:
            continue  # "Paragraaf Lokale heffingen" after "Paragrafen": the same part
        if start < (parts[-1].start if parts else 0):
            continue
        parts.append(Part(kind, title, start, len(text), _page(blocks, start), last_page))
    out = []
    for i, p in enumerate(parts):
        if i + 1 < len(parts):
            end = parts[i + 1].start
            p = Part(p.kind, p.title, p.start, end, p.first_page, _page(blocks, max(end - 1, 0)))
        out.append(p)
    return out


def _part_kind(title: str, cues: dict[str, list[str]]) -> str | None:
    low = title.lower().strip()
    if _programme(title):
        return "programmes"
    for kind in PART_KINDS:
        if any(
            low == c or low.startswith(c + " ") or low.startswith(c + ":")
            for c in cues.get(kind, ())
        ):
            return kind
    return None


def _page(blocks: list[Block], offset: int) -> int:
    page = 0
    for b in blocks:
        if b.start > offset:
            break
        page = b.page
    return page
