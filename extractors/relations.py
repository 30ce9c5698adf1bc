"""Relations between mentions: the ``kg_relations`` component.

- ``partOfProgramme``: an initiative belongs to the deepest programme section its first
  mention stands in;
- ``hasPartner``: an initiative and an organisation named in one sentence that says they
  work together (``samen met``, ``uitgevoerd door``, ...);
- ``partnersWith``: the municipality and an organisation in a sentence that states
  cooperation or a contract, with no initiative named, and every organisation a
  "Verbonden partijen" section lists (BBV: parties it has a stake in);
- ``locatedIn``: an initiative and a district named in one sentence.

Writes ``doc._.kg_relations`` (a list of :class:`~extractors.annotations.RelationNote`).
"""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import gazetteer, keys
from .annotations import Block, RelationNote, Section
from .entities import FINDERS
from .outline import heading_name
from .rules import rules_from
from .sections import SectionIndex
from .text import sentence_offsets, text_of


class RelationFinder:
    def __init__(self, nlp: Language, name: str = keys.RELATIONS) -> None:
        self.name = name
        self.ready = False
        self.partner_rx = self.municipal_rx = self.funding_rx = _phrases([])
        self.unnamed: frozenset[str] = frozenset()
        self.listings: tuple[str, ...] = ()

    def initialize(
        self, get_examples=None, *, nlp: Language | None = None, cues: dict | None = None
    ) -> None:
        """Load the cue lists: ``cues`` (as ``[initialize.components]`` in a spaCy
        config passes them), else the bundled ``data/cues.json``."""
        c = gazetteer.cues() if cues is None else cues
        self.partner_rx = _phrases(c["partner_cues"])
        self.municipal_rx = _phrases(c["municipality_partner_cues"])
        self.funding_rx = _phrases(c["funding_words"])
        self.listings = tuple(w.lower() for w in c["partner_listings"])
        # the entity rules whose initiatives are not named after an organisation
        registry = rules_from(gazetteer.entity_rules(), FINDERS)
        self.unnamed = frozenset(r.name for r in registry if not r.named_after)
        self.ready = True

    def __call__(self, doc: Doc) -> Doc:
        if not self.ready:
            self.initialize()
        sections: list[Section] = doc._.kg_sections or []
        index = SectionIndex(sections)
        spans = list(doc.spans.get(keys.ENTITY_SPANS, []))
        notes: list[RelationNote] = []
        notes += self._programmes(spans, sections, index)
        notes += _named_after(doc, spans, self.unnamed)
        notes += self._listed_parties(doc, spans)
        previous: list[Span] = []
        topic: list[Span] = []
        funders: list[Span] = []
        previous_section = None
        starts = [s.start_char for s in spans]  # spans come sorted by offset
        text = text_of(doc)
        for sent in sentence_offsets(doc):
            lo = bisect.bisect_left(starts, sent[0])
            hi = bisect.bisect_left(starts, sent[1])
            inside = spans[lo:hi]
            section = index.deepest(sent[0])
            if section != previous_section:
                previous, topic = [], []
            if inside:
                notes += self._sentence(doc, sent, inside, previous, topic)
            notes += self._funding(text, sent, inside, funders)
            funders = [
                o
                for o in inside
                if o.label_ == "Organisation"
                and re.search(
                    rf"(?:{self.funding_rx.pattern})\s+van\s+(?:de|het)?\s*$",
                    text[max(0, o.start_char - 40) : o.start_char],
                    re.I,
                )
            ]
            if text[sent[0] : sent[1]].strip():
                previous = [s for s in inside if s.label_ == "Initiative"]
                previous_section = section
                if _is_statement_line(doc, sent):
                    # "We zijn gestart met de schuldenaanpak Jeugd": the passage's topic
                    topic = previous
        doc._.kg_relations = notes
        return doc

    def _listed_parties(self, doc: Doc, spans: list[Span]) -> list[RelationNote]:
        """The organisations a "Verbonden partijen" section lists (the paragraph, and the
        list in each programme the BBV asks for): parties the municipality has a
        governing and a financial stake in, so each partners the municipality; the
        sentence (or table row) naming it is the provenance. The sections are the
        document model's headings (a PDF, HTML or Markdown file; a plain text has none)."""
        text = text_of(doc)
        orgs = [s for s in spans if s.label_ == "Organisation"]
        if not orgs:
            return []
        heads = [
            b for b in (Block.from_tuple(t) for t in doc._.kg_blocks or ()) if b.role == "heading"
        ]
        ranges = []
        for i, b in enumerate(heads):
            if _listing_title(text[b.start : b.end]).startswith(self.listings):
                end = next((h.start for h in heads[i + 1 :] if h.level <= b.level), len(text))
                ranges.append((b.end, end))
        sentences = sentence_offsets(doc)
        sent_starts = [a for a, _ in sentences]
        starts = [s.start_char for s in orgs]
        notes = []
        for lo, hi in ranges:
            for o in orgs[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]:
                k = max(bisect.bisect_right(sent_starts, o.start_char) - 1, 0)
                context = sentences[k] if sentences else (o.start_char, o.end_char)
                notes.append(_note("partnersWith", None, _at(o), context, "relations.listed_party"))
        return notes

    def _funding(
        self, text: str, sent: tuple[int, int], inside: list[Span], funders: list[Span]
    ) -> list[RelationNote]:
        """ "extra middelen van het Rijk ... Dit zijn middelen voor X, Y en Z": the funder
        of the sentence before partners the initiatives the money goes to."""
        if not funders or not self.funding_rx.search(text[sent[0] : sent[1]]):
            return []
        return [
            _note("hasPartner", _at(i), _at(o), sent, "relations.funding")
            for i in inside
            if i.label_ == "Initiative"
            for o in funders
        ]

    def _programmes(
        self, spans: list[Span], sections: list[Section], index: SectionIndex
    ) -> list[RelationNote]:
        notes = []
        seen: set[str] = set()
        for span in spans:
            if span.label_ != "Initiative" or span.kb_id_ in seen:
                continue
            seen.add(span.kb_id_)
            section = index.deepest(span.start_char)
            if section is not None:
                s = sections[section]
                notes.append(
                    _note(
                        "partOfProgramme",
                        (span.start_char, span.end_char),
                        None,
                        (s.start, s.start + len(s.heading)),
                        "relations.section",
                        section=section,
                    )
                )
        return notes

    def _sentence(
        self,
        doc: Doc,
        sent: tuple[int, int],
        inside: list[Span],
        previous: list[Span],
        topic: list[Span],
    ) -> list[RelationNote]:
        notes = []
        text = text_of(doc)[sent[0] : sent[1]]
        orgs = [s for s in inside if s.label_ == "Organisation"]
        districts = [s for s in inside if s.label_ == "District"]
        offsets = sent
        cue = self.partner_rx.search(text)
        # "in samenwerking met het wijkteam": an initiative named as a partner is not
        # the subject of the sentence
        initiatives = [
            s
            for s in inside
            if s.label_ == "Initiative" and not _after_cue(doc, s, self.partner_rx, inside)
        ]
        if initiatives and orgs and cue:
            # each organisation partners the nearest initiative it is not listed with
            for o in orgs:
                free = [
                    i
                    for i in initiatives
                    if i.kb_id_ != o.kb_id_ and not _coordinated(doc, i, o, inside)
                ]
                if free:
                    i = min(free, key=lambda i: _gap(i, o))
                    notes.append(
                        _note("hasPartner", _at(i), _at(o), offsets, "relations.partner_cue")
                    )
        elif orgs and (previous or topic) and cue:
            # "Het project Hand in Hand is gestart. Buurtkracht24 biedt in samenwerking ..."
            rule = "relations.previous_sentence" if previous else "relations.passage_topic"
            for i in previous or topic:
                for o in orgs:
                    notes.append(_note("hasPartner", _at(i), _at(o), offsets, rule))
        elif (
            orgs
            and self.municipal_rx.search(text)
            and (not initiatives or re.search(r"\b(?:we|wij|gemeente)\b", text, re.I))
        ):
            for o in orgs:
                notes.append(
                    _note("partnersWith", None, _at(o), offsets, "relations.municipal_cue")
                )
        for i in initiatives:
            for d in districts:
                notes.append(_note("locatedIn", _at(i), _at(d), offsets, "relations.district"))
        return notes


def _listing_title(line: str) -> str:
    """A heading in lower case without its numbering or the word "paragraaf" before it:
    "Paragraaf 6. Verbonden partijen" → "verbonden partijen"."""
    return _LISTING_PREFIX.sub("", heading_name(line).strip().lower())


_LISTING_PREFIX = re.compile(r"^(?:(?:paragraaf|§)\s*)?(?:[a-z]?\d+(?:\.\d+)*[.:)]?\s+)?")


def _note(
    predicate: str,
    subject: tuple[int, int] | None,
    obj: tuple[int, int] | None,
    context: tuple[int, int],
    rule: str,
    section: int | None = None,
) -> RelationNote:
    return RelationNote(
        predicate=predicate,
        subject=subject,
        object=obj,
        object_section=section,
        context_start=context[0],
        context_end=context[1],
        rule=rule,
    )


def _named_after(doc: Doc, spans: list[Span], unnamed: frozenset[str]) -> list[RelationNote]:
    """An initiative that carries an organisation's name (``spreekuur GGD``)
    is that organisation's."""
    orgs = {s.text: s for s in spans if s.label_ == "Organisation" and len(s.text) >= 3}
    if not orgs:
        return []
    rx = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(t) for t in sorted(orgs, key=len, reverse=True))
        + r")(?!\w)"
    )
    notes, seen = [], set()
    for i in spans:
        if i.label_ != "Initiative" or i.id_ in unnamed:
            continue
        for m in rx.finditer(i.text):
            o = orgs[m.group(0)]
            if (i.kb_id_, o.kb_id_) not in seen:
                seen.add((i.kb_id_, o.kb_id_))
                notes.append(
                    _note(
                        "hasPartner",
                        _at(i),
                        _at(o),
                        (i.start_char, i.end_char),
                        "relations.named_after",
                    )
                )
    return notes


def _after_cue(doc: Doc, span: Span, rx: re.Pattern, inside: list[Span]) -> bool:
    start = max(0, span.start_char - 50)
    before = text_of(doc)[start : span.start_char]
    m = re.search(r"\b(samen met|in samenwerking met|samenwerking tussen)\b[^.;:]{0,35}$", before)
    if not m or not rx.search(m.group(1)):
        return False
    cue_end = start + m.end(1)
    return not any(cue_end <= o.start_char and o.end_char <= span.start_char for o in inside)


def _is_statement_line(doc: Doc, sent: tuple[int, int]) -> bool:
    """A line of its own without closing punctuation: a result statement that heads the
    paragraph below it."""
    full = text_of(doc)
    text = full[sent[0] : sent[1]].strip()
    k = sent[0]
    while k > 0 and full[k - 1] in " \t":
        k -= 1
    return (
        bool(text)
        and text[-1] not in ".!?:;,"
        and (k == 0 or full[k - 1] == "\n")
        and "\n" not in text
        and len(text.split()) <= 20
    )


def _gap(a: Span, b: Span) -> int:
    return max(b.start_char - a.end_char, a.start_char - b.end_char)


def _coordinated(doc: Doc, a: Span, b: Span, inside: list[Span]) -> bool:
    """``Veilig Thuis, de buurtteams en de politie``: names in one list are not each other's
    partners. Between them stand only other names, commas, ``en`` and brackets."""
    lo, hi = (a, b) if a.start_char < b.start_char else (b, a)
    between = text_of(doc)[lo.end_char : hi.start_char]
    for other in inside:
        if lo.end_char <= other.start_char and other.end_char <= hi.start_char:
            between = between.replace(other.text, " ")
    between = re.sub(r"\([^)]*\)", " ", between)
    return bool(re.fullmatch(r"[\s,]*(?:(?:en|of)\s+)?(?:de|het)?[\s,]*", between))


def _at(span: Span) -> tuple[int, int]:
    return span.start_char, span.end_char


def _phrases(words: list[str]) -> re.Pattern:
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.IGNORECASE)


@Language.factory(
    keys.RELATIONS,
    assigns=[f"doc._.{keys.RELATION_NOTES}"],
    requires=[
        f"doc._.{keys.SECTION_TREE}",
        f"doc._.{keys.SENTENCES}",
        f"doc._.{keys.BLOCKS}",
        "doc.spans",
    ],
)
def make_relation_finder(nlp: Language, name: str) -> RelationFinder:
    return RelationFinder(nlp, name)
