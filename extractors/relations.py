"""Relations between mentions: the ``kg_relations`` component.

- ``partOfProgramme``: an initiative belongs to the deepest programme section its first
  mention stands in;
- ``hasPartner``: an initiative and an organisation named in one sentence that says they
  work together (``samen met``, ``uitgevoerd door``, ...);
- ``partnersWith``: the municipality and an organisation in a sentence that states
  cooperation or a contract, with no initiative named;
- ``locatedIn``: an initiative and a district named in one sentence.

Writes ``doc._.kg_relations`` (a list of :class:`~extractors.annotations.RelationNote`).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .annotations import RelationNote, Section
from .gazetteer import cues


class RelationFinder:
    def __init__(self, nlp: Language, name: str = "kg_relations") -> None:
        self.name = name
        self.partner_rx: re.Pattern | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        c = cues()
        self.partner_rx = _phrases(c["partner_cues"])
        self.municipal_rx = _phrases(c["municipality_partner_cues"])

    def __call__(self, doc: Doc) -> Doc:
        if self.partner_rx is None:
            self.initialize()
        sections: list[Section] = doc._.kg_sections or []
        spans = list(doc.spans.get("kg_entities", []))
        notes: list[RelationNote] = []
        notes += self._programmes(spans, sections)
        previous: list[Span] = []
        previous_section = None
        for sent in doc.sents:
            inside = [s for s in spans if sent.start_char <= s.start_char < sent.end_char]
            section = _deepest(sections, sent.start_char)
            if section != previous_section:
                previous = []
            if inside:
                notes += self._sentence(doc, sent, inside, previous)
            if sent.text.strip():
                previous = [s for s in inside if s.label_ == "Initiative"]
                previous_section = section
        doc._.kg_relations = notes
        return doc

    def _programmes(self, spans: list[Span], sections: list[Section]) -> list[RelationNote]:
        notes = []
        seen: set[str] = set()
        for span in spans:
            if span.label_ != "Initiative" or span.kb_id_ in seen:
                continue
            seen.add(span.kb_id_)
            section = _deepest(sections, span.start_char)
            if section is not None:
                s = sections[section]
                notes.append(RelationNote("partOfProgramme", (span.start_char, span.end_char),
                                          None, section, s.start, s.start + len(s.heading),
                                          "relations.section"))
        return notes

    def _sentence(self, doc: Doc, sent: Span, inside: list[Span],
                  previous: list[Span]) -> list[RelationNote]:
        notes = []
        text = sent.text
        orgs = [s for s in inside if s.label_ == "Organisation"]
        districts = [s for s in inside if s.label_ == "District"]
        offsets = (sent.start_char, sent.end_char)
        cue = self.partner_rx.search(text)
        # "in samenwerking met het wijkteam": an initiative named as a partner is not
        # the subject of the sentence
        initiatives = [s for s in inside if s.label_ == "Initiative" and not _after_cue(
            doc, s, self.partner_rx)]
        if initiatives and orgs and cue:
            for i in initiatives:
                for o in orgs:
                    if i.kb_id_ != o.kb_id_:
                        notes.append(RelationNote("hasPartner", _at(i), _at(o), None, *offsets,
                                                  "relations.partner_cue"))
        elif orgs and previous and cue:
            # "Het project Stut en Steun is gestart. Indebuurt033 biedt in samenwerking ..."
            for i in previous:
                for o in orgs:
                    notes.append(RelationNote("hasPartner", _at(i), _at(o), None, *offsets,
                                              "relations.previous_sentence"))
        elif orgs and not initiatives and self.municipal_rx.search(text):
            for o in orgs:
                notes.append(RelationNote("partnersWith", None, _at(o), None, *offsets,
                                          "relations.municipal_cue"))
        for i in initiatives:
            for d in districts:
                notes.append(RelationNote("locatedIn", _at(i), _at(d), None, *offsets,
                                          "relations.district"))
        return notes


def _after_cue(doc: Doc, span: Span, rx: re.Pattern) -> bool:
    before = doc.text[max(0, span.start_char - 30):span.start_char]
    m = re.search(r"(samen met|in samenwerking met|met)\s+(?:de|het|onze|ons)?\s*$", before)
    return bool(m and rx.search(m.group(1)))


def _at(span: Span) -> tuple[int, int]:
    return span.start_char, span.end_char


def _phrases(words: list[str]) -> re.Pattern:
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.IGNORECASE)


def _deepest(sections: list[Section], offset: int) -> int | None:
    best = None
    for i, s in enumerate(sections):
        if s.level >= 1 and s.start <= offset < s.end:
            best = i
    return best


@Language.factory("kg_relations")
def make_relation_finder(nlp: Language, name: str) -> RelationFinder:
    return RelationFinder(nlp, name)
