"""The collector: an annotated spaCy ``Doc`` → a :class:`~kg.facts.FactSet`.

The one place where spans and annotations become facts: mentions are grouped into
entities (aliases merged), relation and indicator notes are resolved to entity ids,
and every fact keeps its mention (document, offsets, sentence, rule).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from typing import cast

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc, Span

from extractors import keys
from extractors.annotations import Section
from extractors.entities import FINDERS
from extractors.gazetteer import common_names, cues, entity_rules, find_municipality
from extractors.numbers import as_plain
from extractors.outline import report_parts
from extractors.rules import rules_from
from extractors.taakvelden import name_of as taakveld_name
from extractors.text import normalise_name, sentence_offsets, slug, strip_quotes, text_of

from .document import Document
from .facts import (
    SCOPED_PREFIXES,
    SHARED_PREFIXES,
    DocumentInfo,
    Entity,
    FactSet,
    Indicator,
    Mention,
    Relation,
    ReportPart,
    TaakveldLink,
)
from .initiatives import initiative_kind
from .measures import common_measure
from .vocab import RELATIONS

SCOPED, GLOBAL = SCOPED_PREFIXES, SHARED_PREFIXES
# the bundled entity rules by name: which mention of an entity names it (the best rank),
# and whose names stand in quotes
RULES = {r.name: r for r in rules_from(entity_rules(), FINDERS)}
RULE_RANK = {name: r.priority for name, r in RULES.items()}
# a plan's years written "2021 – 2024" or "2021- 2024" are named "2021-2024"
YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)?\d\d)\b")
WORD_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)[ \t]+$")
CUE_WORDS = frozenset(w.lower() for w in cues()["initiative_cue_words"])


def _unquoted(rule: str) -> bool:
    found = RULES.get(rule)
    return found is not None and found.unquote


def collect(doc: Doc, document: Document) -> FactSet:
    """Turn the annotations of ``doc`` into facts about ``document``."""
    c = _Collector(doc, document)
    return c.run()


class _Collector:
    def __init__(self, doc: Doc, document: Document) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.document = document
        self.scope = (document.municipality_code or slug(document.municipality)).lower()
        self.by_offsets: dict[tuple[int, int], str] = {}
        self.section_ids: dict[int, str] = {}
        self.entities: dict[str, Entity] = {}
        self.taakvelden: list[TaakveldLink] = []
        bounds = sentence_offsets(doc) if len(doc) else []
        self.sentences = bounds
        self.sentence_starts = [a for a, _ in bounds]

    def run(self) -> FactSet:
        home = self._home()
        sections: list[Section] = self.doc._.kg_sections or []
        self._programmes(sections)
        self._mentions()
        relations = self._structure(home, sections) + self._relations(home)
        indicators = self._indicators()
        info = DocumentInfo(
            self.document.id,
            self.document.path.name,
            self.document.municipality,
            self.document.municipality_code,
            home,
            self.document.year,
            self.document.sha256,
            len(self.text),
            _words(self.doc),
        )
        return FactSet(
            info,
            self.text,
            tuple(sorted(self.entities.values(), key=lambda e: e.id)),
            tuple(sorted(set(relations), key=_relation_key)),
            tuple(indicators),
            tuple(sorted(set(self.taakvelden), key=lambda t: (t.programme, t.code))),
            self._parts(),
        )

    def _parts(self) -> tuple[ReportPart, ...]:
        kinds = cast(dict[str, list[str]], cues()["bbv_parts"])  # kind → its first words
        parts = report_parts(self.text, list(self.document.blocks), kinds)
        return tuple(
            ReportPart(p.kind, p.title, p.first_page, p.last_page, p.start, p.end) for p in parts
        )

    # -- mentions --------------------------------------------------------------------

    def mention(self, start: int, end: int, rule: str) -> Mention:
        """A mention of ``text[start:end]`` with its sentence: from the start of the
        sentence holding the first character to the end of the one holding the last (as
        spaCy's ``Span.sent``, by bisection instead of walking the tokens)."""
        if not self.sentences or end <= start:
            return Mention(
                self.document.id,
                start,
                end,
                self.text[start:end],
                self.text[start:end],
                start,
                rule,
                self.document.page_at(start),
            )
        first = max(bisect_right(self.sentence_starts, start) - 1, 0)
        last = max(bisect_right(self.sentence_starts, end - 1) - 1, first)
        s_start, s_end = self.sentences[first][0], self.sentences[last][1]
        return Mention(
            self.document.id,
            start,
            end,
            self.text[start:end],
            self.text[s_start:s_end].strip(),
            s_start,
            rule,
            self.document.page_at(start),
        )

    def _add(self, entity: Entity) -> str:
        old = self.entities.get(entity.id)
        if old is not None:
            aliases = tuple(sorted({*old.aliases, *entity.aliases, entity.name} - {old.name}))
            entity = Entity(
                old.id,
                old.type,
                old.name,
                aliases,
                old.mentions + entity.mentions,
                old.code,
                old.kind or entity.kind,
            )
        self.entities[entity.id] = entity
        return entity.id

    def _home(self) -> str:
        d = self.document
        aliases = {f"gemeente {d.municipality}"}
        for alias, name in common_names().items():
            if name == d.municipality:
                aliases |= {alias, f"gemeente {alias}"}
        eid = f"municipality/{self.scope}"
        m = self.mention(0, 0, "document.municipality")
        return self._add(
            Entity(
                eid,
                "Municipality",
                d.municipality,
                tuple(sorted(aliases)),
                (m,),
                d.municipality_code,
            )
        )

    def _programmes(self, sections: list[Section]) -> None:
        for i, s in enumerate(sections):
            if s.level < 1:
                continue
            eid = f"programme/{self.scope}/{slug(s.name)}"
            aliases = (s.heading,) if s.heading != s.name else ()
            m = self.mention(s.start, s.start + len(s.heading), s.rule)
            self.section_ids[i] = self._add(Entity(eid, "Programme", s.name, aliases, (m,)))
            for code, rule in s.taakvelden:
                link = self.mention(s.start, s.start + len(s.heading), rule)
                name = taakveld_name(code, self.document.year)
                self.taakvelden.append(TaakveldLink(self.section_ids[i], code, name, link))
            self.by_offsets[(s.start, s.start + len(s.heading))] = eid

    def _mentions(self) -> None:
        groups: dict[str, list[Span]] = defaultdict(list)
        programme_keys = {
            normalise_name(e.name) for e in self.entities.values() if e.type == "Programme"
        }
        for span in self.doc.spans.get(keys.ENTITY_SPANS, []):
            if span.label_ == "Municipality":
                self._municipality(span)
            elif span.kb_id_ not in programme_keys:
                groups[span.kb_id_].append(span)
        home = normalise_name(self.document.municipality)
        for key, spans in _merge_groups(_merge_variants(groups, home)).items():
            best = min(spans, key=lambda s: (RULE_RANK.get(s.id_, 99), s.start_char))
            etype = best.label_
            surfaces = [
                strip_quotes(s.text) if _unquoted(s.id_) else _trimmed(s.text) for s in spans
            ]
            name = max(surfaces, key=lambda t: (len(t) if len(t.split()) <= 10 else 0, t))
            name = YEAR_RANGE.sub(r"\1-\2", re.sub(r"\s+", " ", name).strip())
            prefix = SCOPED.get(etype)
            eid = (
                f"{prefix}/{self.scope}/{slug(key)}"
                if prefix
                else f"{GLOBAL.get(etype, 'thing')}/{slug(key)}"
            )
            mentions = tuple(
                self.mention(s.start_char, s.end_char, f"entities.{s.id_}") for s in spans
            )
            aliases = tuple(sorted({re.sub(r"\s+", " ", t) for t in surfaces} - {name}))
            kind = ""
            if etype == "Initiative":
                before = (self._word_before(s.start_char) for s in spans)
                kind = initiative_kind((name, *aliases), before)
            self._add(Entity(eid, etype, name, aliases, mentions, kind=kind))
            for s in spans:
                self.by_offsets[(s.start_char, s.end_char)] = eid

    def _word_before(self, start: int) -> str:
        """The word in front of offset ``start`` ("" at a line's start)."""
        m = WORD_BEFORE.search(self.text, max(0, start - 40), start)
        return m.group(1) if m else ""

    def _municipality(self, span: Span) -> None:
        found = find_municipality(
            span.text.split(maxsplit=1)[-1]
            if span.text.lower().startswith("gemeente")
            else span.text
        )
        if found is None:
            return
        code = found.code.lower()
        if code == self.scope:
            eid = f"municipality/{self.scope}"
        else:
            eid = f"municipality/{code}"
        m = self.mention(span.start_char, span.end_char, f"entities.{span.id_}")
        aliases = tuple(sorted({span.text} - {found.name}))
        self._add(Entity(eid, "Municipality", found.name, aliases, (m,), found.code))
        self.by_offsets[(span.start_char, span.end_char)] = eid

    # -- relations -------------------------------------------------------------------

    def _structure(self, home: str, sections: list[Section]) -> list[Relation]:
        out = []
        for i, s in enumerate(sections):
            if i not in self.section_ids:
                continue
            m = self.mention(s.start, s.start + len(s.heading), s.rule)
            parent = self.section_ids.get(s.parent) if s.parent is not None else None
            if parent is None:
                out.append(Relation(home, "hasProgramme", self.section_ids[i], m))
            else:
                out.append(Relation(parent, "hasSubProgramme", self.section_ids[i], m))
        return out

    def _relations(self, home: str) -> list[Relation]:
        out = []
        for note in self.doc._.kg_relations or []:
            subject = home if note.subject is None else self.by_offsets.get(note.subject)
            if note.object_section is not None:
                obj = self.section_ids.get(note.object_section)
            else:
                obj = self.by_offsets.get(note.object) if note.object else None
            if subject is None or obj is None or subject == obj:
                continue
            if not self._fits(note.predicate, subject, obj):
                continue
            m = self.mention(note.context_start, note.context_end, note.rule)
            out.append(Relation(subject, note.predicate, obj, m))
        return out

    def _fits(self, predicate: str, subject: str, obj: str) -> bool:
        """Whether the subject is of the relation's domain and the object of its range."""
        return RELATIONS[predicate] == (self.entities[subject].type, self.entities[obj].type)

    # -- indicators ------------------------------------------------------------------

    def _indicators(self) -> list[Indicator]:
        out = []
        for n in self.doc._.kg_indicators or []:
            about = None
            if n.about_start is not None:
                about = self.by_offsets.get((n.about_start, n.about_end))
            elif n.about_section is not None:
                about = self.section_ids.get(n.about_section)
            m = self.mention(n.start, n.end, n.rule)
            common, rule = common_measure(n.measure, m.sentence or n.label, n.unit) or ("", "")
            value = as_plain(n.value)
            out.append(
                Indicator(
                    n.label, value, n.unit, n.period, about, m, n.kind, n.measure, common, rule
                )
            )
        return out


def _trimmed(surface: str) -> str:
    """A span widened to its token takes the token's full stop along ("TiU." at the end of
    a sentence); an abbreviation with dots of its own ("b.v.") keeps it."""
    if surface.endswith(".") and "." not in surface[:-1]:
        return surface[:-1]
    return surface


def _merge_variants(groups: dict[str, list[Span]], home: str) -> dict[str, list[Span]]:
    """One thing written two ways in one report is one entity: with and without the
    town's name (``WijkKracht`` / ``WijkKracht Zwolle``) or with its words in another order
    (``Welzijn Noord Veluwe`` / ``Welzijn Veluwe Noord``). The longer key wins; only mentions of
    one type merge."""

    def label(key: str) -> str | None:
        labels = {s.label_ for s in groups[key]}
        return labels.pop() if len(labels) == 1 else None

    target: dict[str, str] = {}
    by_form: dict[tuple, str] = {}
    for key in sorted(groups, key=lambda k: (-len(k), k)):
        words = key.split()
        forms = [(label(key), tuple(sorted(words)))]
        if len(words) > 1 and home and key.endswith(" " + home):
            forms.append((label(key), tuple(sorted(key[: -len(home) - 1].split()))))
        known = next((by_form[f] for f in forms if f[0] and f in by_form), None)
        if known is not None:
            target[key] = known
            continue
        for f in forms:
            by_form.setdefault(f, key)
    if not target:
        return groups
    merged: dict[str, list[Span]] = {}
    for key, spans in groups.items():
        merged.setdefault(target.get(key, key), []).extend(spans)
    return merged


def _merge_groups(groups: dict[str, list[Span]]) -> dict[str, list[Span]]:
    """Merge a short key into a longer one that starts with it (``zorgteam`` into
    ``zorgteam lindewaard``) or that is it with one cue word in front (``hand in hand``
    into ``project hand in hand``), when both are initiatives; the longest such key wins.
    The longer keys are found by bisection and lookup, not by a scan of every key."""
    merged: dict[str, list[Span]] = {}
    initiatives: dict[str, bool] = {}  # merged key → all its mentions are initiatives
    ordered: list[str] = []  # merged keys, sorted
    for key in sorted(groups, key=lambda k: (-len(k), k)):
        own = all(s.label_ == "Initiative" for s in groups[key])
        lo = bisect_left(ordered, key + " ")
        hi = bisect_left(ordered, key + " \U0010ffff")
        longer = ordered[lo:hi] + [c for c in (f"{w} {key}" for w in CUE_WORDS) if c in merged]
        fits = [k for k in longer if own and initiatives[k]]
        target = min(fits, key=lambda k: (-len(k), k)) if fits else None
        if target is None:
            merged[key] = list(groups[key])
            initiatives[key] = own
            insort(ordered, key)
        else:
            merged[target].extend(groups[key])
    return merged


def _relation_key(r: Relation) -> tuple:
    return (r.subject, r.predicate, r.object, r.mention.start)


def _words(doc: Doc) -> int:
    """Tokens that are neither space nor punctuation (counted without making a Token
    object per token)."""
    flags = doc.to_array([IS_SPACE, IS_PUNCT])
    return int(((flags[:, 0] == 0) & (flags[:, 1] == 0)).sum()) if len(doc) else 0
