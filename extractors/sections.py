"""Programme structure from headings: the ``kg_sections`` component.

Reports state their structure as heading lines: numbered (``2.1.1 Basisinfrastructuur``,
``H1.5 Sociaal domein``), ``Programma 2 Zorgen voor elkaar``, an unnumbered title line,
and short theme lines (``Jeugd``) that open a paragraph. Navigation noise, column headers
and report titles are not structure. The component writes the tree of sections to
``doc._.kg_sections``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from . import gazetteer, keys
from .annotations import Block, Section
from .gazetteer import fold, organisations, taakvelden
from .outline import outline_sections
from .taakvelden import folded as folded_keywords
from .taakvelden import links as taakveld_links
from .tables import glued_of
from .text import Line, is_numeric_cell, lines_of, report_year, text_of

_NUMBERED = re.compile(r"^(?:H(?=\d))?(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$")


def _structure_heading(words: list[str]) -> re.Pattern:
    """ "Programma 3: Sociaal domein", "Programmalijn Meedoen", "Doel 2 ...": a structure
    word, an optional number, the name."""
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(
        rf"^({alt}|Doel(?=\s*\d))\s*(\d+(?:\.\d+)*[a-z]?)?\s*[:.\-–]?\s+(\S.*)$",
        re.IGNORECASE,
    )


# "A Preventie & normaliseren": a lettered section (one capital, then a heading)
_LETTERED = re.compile(r"^([A-H])[.)]?\s+([A-Z]\S*(?:\s.*)?)$")
# a taakveld by its code and name: "6.1 Samenkracht en burgerparticipatie" in a list, a
# sentence or a table (the name may stand on the next line, in its own cell)
_LISTED_TAAKVELD = re.compile(
    r"(?<![\w.,])([0-8]\.\d{1,2}[a-d]?)[ \t]*\n?[ \t]*([A-Z][^\n,;:\t]{2,90})"
)
_BULLET = re.compile(r"^[•·▪\-*–]\s*(\S.*)$")
# "Wmo" followed by "Terug naar navigatie - Wmo": the page's own anchor confirms a heading
_BACK_LINK = re.compile(r"^terug naar navigatie\s*[-–:]\s*(.+)$", re.IGNORECASE)
# "het programma 'Ondersteuning op maat'", "het programma Maatschappelijke ondersteuning"
_NAMED_PROGRAMME = re.compile(
    r"\b(?:het|ons|dit)\s+programma\s+(?:[‘'“\"]([^’'”\"\n]{3,70})[’'”\"]"
    r"|([A-Z][a-zà-ÿ\-]+(?:[ \t]+(?:[a-zà-ÿ\-]+|[A-Z][a-zà-ÿ\-]+)){0,4}))"
)
# words that end a programme name in running text: a verb or a clause word
_NAME_STOP = re.compile(
    r"^(?:is|zijn|was|waren|wordt|worden|werd|heeft|hebben|had|staat|staan|luidt|bevat|"
    r"omvat|kent|gaat|richt|valt|draagt|bestaat|beoogt|heet|in|op|van|voor|met|aan|bij|"
    r"door|die|dat|en|of|om|te|we|wij|zijn|de|het|een|als|naar|tot|over)$"
)


@dataclass
class _Heading:
    line: Line
    name: str
    level: int  # raw level from the numbering; unnumbered lines get one afterwards
    rule: str


class SectionFinder:
    """Find programme headings and build the section tree of a report."""

    def __init__(self, nlp: Language, name: str = keys.SECTIONS) -> None:
        self.name = name
        self.ready = False
        self.noise: set[str] = set()
        self.noise_prefixes: tuple[str, ...] = ()
        self.titles: set[str] = set()
        self.starts: set[str] = set()
        self.taakvelden: set[str] = set()
        self.not_programme_heads: tuple[str, ...] = ()
        self.taakveld_keywords: dict[str, list[str]] = {}
        self.part_heads: tuple[str, ...] = ()

    def initialize(
        self, get_examples=None, *, nlp: Language | None = None, cues: dict | None = None
    ) -> None:
        """Load the cue lists: ``cues`` (as ``[initialize.components]`` in a spaCy
        config passes them), else the bundled ``data/cues.json``."""
        c = gazetteer.cues() if cues is None else cues
        self.noise = {w.lower() for w in c["noise_headings"]}
        self.titles = {w.lower() for w in c["report_titles"]}
        self.starts = {w.lower() for w in c["sentence_starts"]}
        self.sub_columns = tuple(c["table_sub_columns"])
        self.noise_prefixes = tuple(w.lower() for w in c["noise_heading_prefixes"])
        self.not_programme_heads = tuple(w.lower() for w in c["initiative_heading_heads"])
        # the parts after the programmes (BBV): their titles end the programme part
        after = ("paragraphs", "financial", "appendices")
        self.part_heads = tuple(w.lower() for k in after for w in c["bbv_parts"][k])
        self.taakvelden = {fold(t.name) for t in taakvelden()}
        structure = c["structure_headings"]
        self.programme_words = {w.lower() for w in structure["programme"]}
        self.structure_rx = _structure_heading(structure["programme"] + structure["below"])
        self.taakveld_names: dict[str, list[str]] = {}
        for t in taakvelden():
            self.taakveld_names.setdefault(t.code, []).append(t.name)
        self.taakveld_keywords = folded_keywords(gazetteer.taakveld_keywords())
        self.organisations = {
            fold(n) for e in organisations() for n in (e.name, *e.aliases) if len(fold(n)) >= 3
        }
        self.ready = True

    def __call__(self, doc: Doc) -> Doc:
        if not self.ready:
            self.initialize()
        text = text_of(doc)
        all_lines = lines_of(doc)
        year = report_year(doc, keys.SECTIONS)
        blocks = [Block.from_tuple(t) for t in doc._.kg_blocks or ()]
        outline = outline_sections(text, blocks, self._is_noise, self.part_heads)
        if outline is not None:  # a paged report whose headings name its programmes
            doc._.kg_sections = self._with_taakvelden(outline, text, year)
            return doc
        headings = self._headings(all_lines)
        headings = sorted(
            headings + self._cost_rows(glued_of(doc, self.sub_columns)[0], headings),
            key=lambda h: h.line.start,
        )
        named = self._named_programme(text, headings)
        if named is not None:
            headings = sorted([named, *headings], key=lambda h: h.line.start)
        sections = _tree(headings, len(text))
        sections += self._listed_taakvelden(text, sections)
        doc._.kg_sections = self._with_taakvelden(sections, text, year)
        return doc

    def _listed_taakvelden(self, text: str, sections: list[Section]) -> list[Section]:
        """Taakvelden a programme lists by code and name (``Taakvelden: 6.1 Samenkracht
        en burgerparticipatie, 6.3 Inkomensregelingen``, or a table of codes and names):
        its sub-programmes, each no longer than its mention (the programme's text stays
        the programme's). The name must be the taakveld's own (Iv3), as written or cut
        short; a mention inside a heading already found is not taken twice."""
        programmes = [(i, s) for i, s in enumerate(sections) if s.level == 1]
        if not programmes:
            return []
        headings = [(s.start, s.start + len(s.heading)) for s in sections]
        taken = {fold(s.name) for s in sections}
        out: list[Section] = []
        for m in _LISTED_TAAKVELD.finditer(text):
            code, written = m.group(1), m.group(2).strip(" .:;,")
            name = self._taakveld_named(code, written)
            if name is None or fold(name) in taken:
                continue
            start = m.start(2)
            if any(a <= start < b for a, b in headings):
                continue
            parent = next((i for i, s in reversed(programmes) if s.start <= start < s.end), None)
            if parent is None:
                continue
            taken.add(fold(name))
            out.append(
                Section(name, name, start, start + len(name), 2, parent, "sections.taakveld_list")
            )
        return out

    def _taakveld_named(self, code: str, written: str) -> str | None:
        """The part of ``written`` that names taakveld ``code`` (its Iv3 name, whole or
        with a qualifier dropped), else None."""
        words = written.split()
        for official in self.taakveld_names.get(code, ()):
            size = len(official.split())
            head = " ".join(words[:size])
            if fold(head) == fold(official):
                return head
        return None

    def _with_taakvelden(self, sections: list[Section], text: str, year: int) -> list[Section]:
        """Each programme with the Iv3 taakvelden it covers, read from its heading and
        its own text (up to its first sub-programme)."""
        first_child: dict[int, int] = {}
        for s in sections:
            if s.parent is not None:
                first_child.setdefault(s.parent, s.start)
        out = []
        for i, s in enumerate(sections):
            if s.level >= 1:
                own = text[s.start : first_child.get(i, s.end)]
                found = taakveld_links(s.name, own, year or 2017, self.taakveld_keywords)
                s = replace(s, taakvelden=tuple(found))
            out.append(s)
        return out

    # -- classification of lines ------------------------------------------------------

    def _is_noise(self, text: str) -> bool:
        if text.rstrip().endswith("?"):  # a question: the BBV's "Wat willen we bereiken?"
            return True
        key = text.lower().strip(" ?:.!").strip()
        if key in self.noise or key.startswith("terug naar navigatie"):
            return True
        first = key.split()[0] if key else ""
        return first in self.titles or key.startswith(self.noise_prefixes)

    def _not_a_programme(self, text: str) -> bool:
        """A heading line that names an organisation (``GGD Hollands Noorden``) or an
        initiative (``Uitvoeringsagenda zorg``) opens a paragraph about it; it is not
        part of the programme structure."""
        words = text.split()
        first = words[0].lower()
        if first.endswith(self.not_programme_heads) and len(first) > 5:
            return True
        parts = fold(text).split()
        return any(" ".join(parts[:n]) in self.organisations for n in range(1, len(parts) + 1))

    def _looks_like_heading(self, text: str, max_words: int) -> bool:
        words = text.split()
        if not words or len(words) > max_words or len(text) > 90:
            return False
        if text[-1] in ".;,:!?" or "|" in text or not text[0].isupper():
            return False
        if is_numeric_cell(text) or re.search(r"\d{1,3}(?:[.,]\d+)+|%|€", text):
            return False
        if re.search(r"\s\d+$", text) and not re.search(r"\s(?:19|20)\d\d$", text):
            return False  # a table row that ends in its value
        return not self._is_noise(text)

    def _headings(self, all_lines: list[Line]) -> list[_Heading]:
        found: list[_Heading] = []
        seen_structure = False
        for i, line in enumerate(all_lines):
            text = line.text
            if self._is_noise(text):
                continue
            m = self.structure_rx.match(text)
            if m and self._looks_like_heading(m.group(3), 12):
                level = 1 if m.group(1).lower() in self.programme_words else 2
                found.append(_Heading(line, m.group(3).strip(), level, "sections.programma"))
                seen_structure = True
                continue
            m = _NUMBERED.match(text)
            if (
                m
                and self._looks_like_heading(m.group(2), 10)
                and m.group(2).split()[0].lower() not in self.starts
            ):
                level = m.group(1).count(".") + 1
                found.append(_Heading(line, m.group(2).strip(), level, "sections.numbered"))
                seen_structure = True
                continue
            if (found or seen_structure) and self._taakveld_item(all_lines, i):
                bullet = _BULLET.match(text)
                name = (bullet.group(1) if bullet else text).strip()
                found.append(_Heading(line, name, -1, "sections.taakveld"))
                continue
            m = _LETTERED.match(text)
            if (
                (found or seen_structure)
                and m
                and self._looks_like_heading(m.group(2), 8)
                and self._opens_paragraph(all_lines, i)
            ):
                found.append(_Heading(line, m.group(2).strip(), -1, "sections.lettered"))
                continue
            if not seen_structure and not found and self._looks_like_heading(text, 8):
                # the first heading-like line of a page is its title
                if text.split()[0].lower() not in self.starts:
                    found.append(_Heading(line, text, 0, "sections.title"))
                    continue
            if (found or seen_structure) and self._theme_line(all_lines, i):
                found.append(_Heading(line, text, -1, "sections.theme"))
        return found

    def _theme_line(self, all_lines: list[Line], i: int) -> bool:
        """A short capitalised line that opens a paragraph: a theme heading."""
        text = all_lines[i].text
        if not self._looks_like_heading(text, 4) or text.split()[0].lower() in self.starts:
            return False
        if self._not_a_programme(text):
            return False
        following = all_lines[i + 1].text if i + 1 < len(all_lines) else ""
        back = _BACK_LINK.match(following)
        if back:
            return back.group(1).strip().lower() == text.lower()
        return self._opens_paragraph(all_lines, i)

    @staticmethod
    def _opens_paragraph(all_lines: list[Line], i: int) -> bool:
        following = all_lines[i + 1].text if i + 1 < len(all_lines) else ""
        return len(following.split()) >= 12 and following[-1:] in ".!?:"

    def _taakveld_item(self, all_lines: list[Line], i: int) -> bool:
        """A bullet item of a list of taakvelden: the item names an Iv3 taakveld, or the
        list stands under a line that says "Taakvelden"."""
        m = _BULLET.match(all_lines[i].text)
        if not m or not self._looks_like_heading(m.group(1).rstrip(" ;,."), 8):
            return False
        if fold(m.group(1)) in self.taakvelden:
            return True
        j = i - 1
        while j >= 0 and _BULLET.match(all_lines[j].text):
            j -= 1
        if j >= 0 and _BACK_LINK.match(all_lines[j].text):
            j -= 1
        return j >= 0 and fold(all_lines[j].text).rstrip(" :") in ("taakvelden", "taakveld")

    def _cost_rows(self, cells: list, headings: list[_Heading]) -> list[_Heading]:
        """The row labels of a programme's glued cost table are its sub-programmes
        (BBV "Wat heeft het gekost?" tables break a programme down by its parts); the
        total row that repeats a heading is not a new one."""
        if not headings:
            return []
        names = {fold(h.name) for h in headings}
        out: dict[str, _Heading] = {}
        for c in cells:
            key = fold(c.row)
            if key in names or key in out or not self._looks_like_heading(c.row, 8):
                continue
            start = c.context_start
            out[key] = _Heading(
                Line(start, start + len(c.row), c.row), c.row, -1, "sections.table_row"
            )
        return list(out.values())

    def _named_programme(self, text: str, headings: list[_Heading]) -> _Heading | None:
        """When no heading says "Programma ...", the programme the opening text names
        (``In het programma 'Ondersteuning op maat' staan ...``) is the top programme."""
        if any(h.rule == "sections.programma" and h.level == 1 for h in headings):
            return None
        m = _NAMED_PROGRAMME.search(text, 0, min(len(text), 1500))
        if not m:
            return None
        if m.group(1):
            name, start = m.group(1).strip(), m.start(1) - 1
        else:
            words: list[str] = []
            for w in m.group(2).split():
                if _NAME_STOP.match(w.lower()) or (words and w[0].isupper()):
                    break
                words.append(w)
            name, start = " ".join(words), m.start(2)
        if len(name) < 4 or self._is_noise(name):
            return None
        titles = [h for h in headings if h.rule == "sections.title"]
        if titles and fold(titles[0].name) == fold(name):
            return None
        end = start + len(text[start:].split("\n", 1)[0])
        line = Line(start, end, text[start:end].strip())
        return _Heading(line, name, 1, "sections.named")


def _tree(headings: list[_Heading], text_end: int) -> list[Section]:
    """Levels, parents and extents of the headings, in document order."""
    resolved: list[tuple[_Heading, int]] = []
    last_structural = 0
    named = [h for h in headings if h.rule == "sections.named"]
    if named:  # the named programme heads the page: the title, if any, goes below it
        headings = [
            h if h.rule != "sections.title" else _Heading(h.line, h.name, 2, h.rule)
            for h in headings
        ]
    for h in headings:
        if h.level >= 0:
            level = h.level
            last_structural = level
        else:
            level = last_structural + 1
        resolved.append((h, level))
    # the title heads the page: the programme when nothing else is numbered, else one
    # level above the highest numbered heading
    if resolved and resolved[0][0].rule == "sections.title" and not named:
        numbered = [lvl for h, lvl in resolved if h.rule != "sections.title" and h.level >= 0]
        top = min(numbered) if numbered else 2
        resolved[0] = (resolved[0][0], top - 1)
        resolved = [resolved[0]] + [(h, max(lvl, top)) for h, lvl in resolved[1:]]
    if resolved:  # the highest heading is a programme (level 1), whatever its numbering
        shift = 1 - min(lvl for _, lvl in resolved)
        resolved = [(h, lvl + shift) for h, lvl in resolved]
    sections: list[Section] = []
    stack: list[int] = []
    ends: list[int] = []
    for h, level in resolved:
        # a section ends where the next heading of the same or a higher level starts
        while stack and sections[stack[-1]].level >= level:
            ends[stack.pop()] = h.line.start
        parent = stack[-1] if stack else None
        sections.append(Section(h.name, h.line.text, h.line.start, text_end, level, parent, h.rule))
        ends.append(text_end)
        stack.append(len(sections) - 1)
    # a table row governs its own line only: the text after the table is the parent's
    return [
        Section(
            s.name,
            s.heading,
            s.start,
            s.start + len(s.heading) if s.rule == "sections.table_row" else ends[i],
            s.level,
            s.parent,
            s.rule,
        )
        for i, s in enumerate(sections)
    ]


@Language.factory(
    keys.SECTIONS,
    assigns=[f"doc._.{keys.SECTION_TREE}"],
    requires=[f"doc._.{keys.YEAR}", f"doc._.{keys.BLOCKS}"],
)
def make_section_finder(nlp: Language, name: str) -> SectionFinder:
    return SectionFinder(nlp, name)


class SectionIndex:
    """Which section governs an offset, found by bisection: sections nest, so the
    deepest one that holds an offset is the last to start before it or one of that
    one's ancestors (a walk up its parents, not a scan of every section)."""

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections
        self.starts = [s.start for s in sections]  # document order
        self.first = next((i for i, s in enumerate(sections) if s.level >= 1), None)

    def deepest(self, offset: int) -> int | None:
        i: int | None = bisect.bisect_right(self.starts, offset) - 1
        while i is not None and i >= 0:
            s = self.sections[i]
            if s.level >= 1 and s.start <= offset < s.end:
                return i
            i = s.parent
        return None
