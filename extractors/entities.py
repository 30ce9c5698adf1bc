"""Entity mentions: the ``kg_entities`` component.

Finds Municipality, Initiative, Organisation, Law, District and Region mentions with
patterns kept as data (``data/``): gazetteers of municipalities, national bodies and
laws; legal forms; cue words that head an initiative (``project X``, compounds such as
``buurtcoachteam``); quoted names; abbreviation definitions; partner phrases
(``in samenwerking met X``). Writes ``doc.spans["kg_entities"]``: ``label_`` is the type,
``id_`` the rule that fired, ``kb_id_`` the key that merges mentions of one thing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from . import gazetteer, keys
from .abbreviations import find_definitions
from .annotations import Block
from .gazetteer import (
    ambiguous_municipality_names,
    common_names,
    first_names,
    laws,
    municipalities,
    organisations,
)
from .lexicon import is_common, is_ordinary
from .names import (
    Words,
    alone_on_line,
    continue_lowercase,
    extend_capitalised,
    singular,
    split_lists,
)
from .outline import heading_name
from .persons import person_spans
from .rules import Rule, RuleError, rules_from
from .text import alternation, normalise_name, sentence_offsets, text_of

CAPW = r"(?:[A-Z][\w’'\-+#&/]*|#[A-Za-z][\w]*|[a-z]{1,4}[A-Z][\w]*)"
CONN = r"(?:en|van|voor|op|of|in|tegen|met|aan|&|bij|zonder|om|naar|na)"
CAP_PHRASE = rf"{CAPW}(?:[ \t]+(?:{CONN}[ \t]+(?:(?:de|het|der|den)[ \t]+)?)?{CAPW}){{0,5}}"
CONN_STRICT = r"(?:(?:en|voor|of|&|tegen|op|aan)[ \t]+|van[ \t]+(?:(?:de|der|den)[ \t]+)?)"
CAP_STRICT = rf"{CAPW}(?:[ \t]+{CONN_STRICT}?{CAPW}){{0,5}}"
CONN_ITEM = r"(?:(?:voor|of|&|op|aan)[ \t]+|van[ \t]+(?:(?:de|der|den)[ \t]+)?)"
CAP_ITEM = rf"{CAPW}(?:[ \t]+{CONN_ITEM}?{CAPW}){{0,5}}"  # one name of a list
QUOTED = r"[‘“\"']([^‘’“”\"\n]{2,70}?)[’”\"']"

# Dutch pronominal adverbs (hier/daar/waar/er + a preposition: "hiermee", "daardoor"), a
# closed class of words that open sentences and name nothing
PRONOMINAL_ADVERBS = frozenset(
    a + p
    for a in ("hier", "daar", "waar", "er")
    for p in (
        "aan achter bij binnen boven buiten door in langs mee na naar naast om onder op over "
        "tegen toe tussen uit van voor zonder"
    ).split()
)
# an inflected adjective ("gezamenlijke", "regionale"): a name does not end on one, it was
# cut (at a line's end) or is a phrase of a sentence
INFLECTED = re.compile(r"(?:lijk|ig|isch|aal|eel|ief|ens|iek)e$")
_PROGRAMME_CODE = re.compile(r"P\d{1,2}[ \t]+")
_COMMON_ARRANGEMENT = re.compile(r"(?i:gemeenschappelijke)[ \t]+\Z")
WORD = re.compile(r"(?<![\w\-])[A-Za-zÀ-ÿ][\w\-]*")


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    label: str
    rule: str
    key: str = ""


@dataclass
class Scan:
    """What the finders read: the text, the offsets where sentences start, the report's
    own headings and programme names, the words ending in a cue word, and the Doc."""

    doc: Doc
    text: str
    starts: set[int]
    headings: list[str]
    programmes: list[str]
    cued: list[re.Match]
    matches: list[tuple[int, int, int]] | None = None  # the token patterns', found once


class EntityFinder:
    """Rule-based entity mention finder over the raw text of a ``Doc``."""

    def __init__(
        self, nlp: Language, name: str = keys.ENTITIES, disabled: Sequence[str] = ()
    ) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.stop_words = frozenset(nlp.Defaults.stop_words)
        self.disabled = tuple(disabled)
        self.ready = False

    def initialize(
        self,
        get_examples=None,
        *,
        nlp: Language | None = None,
        cues: dict | None = None,
        words: dict | None = None,
        rules: list[dict] | None = None,  # builtins: spaCy checks these with pydantic
    ) -> None:
        """Load the cue lists, the word lists and the rules: ``cues``, ``words`` and
        ``rules`` (as ``[initialize.components]`` in a spaCy config passes them), else the
        bundled ``data/cues.json``, ``data/words.json`` and ``data/entity_rules.jsonl``.
        A rule named in the component's ``disabled`` does not run."""
        self.words = Words.from_data(gazetteer.words() if words is None else words)
        registry = rules_from(gazetteer.entity_rules() if rules is None else rules, FINDERS)
        unknown = set(self.disabled) - {r.name for r in registry}
        if unknown:
            raise RuleError(
                f"no entity rule {sorted(unknown)} to disable "
                f"(the rules: {', '.join(r.name for r in registry)})"
            )
        self.rules = tuple(r for r in registry if r.name not in self.disabled)
        self.by_name = {r.name: r for r in registry}
        self.priority = {r.name: r.priority for r in registry}
        self.matcher = Matcher(self.vocab)
        for r in self.rules:
            if r.patterns:
                self.matcher.add(r.name, list(r.patterns))
        c = gazetteer.cues() if cues is None else cues
        self.heads = sorted({h.lower() for h in c["initiative_heads"]}, key=len, reverse=True)
        self.cue_words = {w.lower() for w in c["initiative_cue_words"]}
        self.generic = {w.lower() for w in c["generic_compounds"]}
        self.document_heads = {w.lower() for w in c["document_heads"]}
        # the planning and control cycle's documents (kadernota, voorjaarsnota, ...) and
        # the national funds a municipality is paid from: reported on, never initiatives
        self.not_initiatives = {w.lower() for w in c["report_titles"] + c["national_funds"]}
        self.accounts = {w.lower() for w in c["financial_words"]}
        # a quoted title after a part of the report or an account is no initiative
        self.not_quoted_after = {
            w.lower() for w in (*self.words.structure, *c["report_parts"])
        } | self.accounts
        self.org_heads = set(c["organisation_heads"])
        # a word ending in a long head is an organisation's (Buurtvereniging, Lindeschool);
        # short heads (Raad, Groep, Wonen) end too many ordinary words
        self.org_endings = tuple(c["organisation_endings"])
        self.region_words = {w.lower() for w in c["region_cues"]}
        self.teams = {w.lower() for w in c["team_heads"]}
        self.starts = {w.lower() for w in c["sentence_starts"]}
        # words that open a sentence without naming anything: the cue list, and the
        # stop words of spaCy's Dutch language data (pronouns, adverbs, conjunctions)
        self.openers = self.starts | set(self.stop_words) | PRONOMINAL_ADVERBS
        self.legal_prefix = c["legal_forms_prefix"]
        self.legal_suffix = c["legal_forms_suffix"]
        partner = sorted(c["partner_cues"], key=len, reverse=True)
        self.partner_rx = re.compile(
            r"\b(?:" + "|".join(re.escape(p) for p in partner if len(p) > 4) + r")\s+"
            r"(?:de |het )?(" + CAP_PHRASE + r")"
        )
        self.district_cues = "|".join(c["district_cues"])
        self.facility_cues = "|".join(c["facility_cues"])
        self.service_verbs = "|".join(c["service_verbs"])
        self.apposition_nouns = "|".join(c["apposition_nouns"])
        self.region_rx = re.compile(
            r"\b(?:" + "|".join(c["region_cues"]) + r")\s+(" + CAP_PHRASE + r")"
        )
        # words are matched by suffix with str.endswith: much faster than one big
        # alternation tried at every position of the text
        self.head_suffixes = tuple(self.heads)
        self.cue_suffixes = tuple(sorted(self.cue_words | set(self.heads), key=len, reverse=True))
        self.name_after_cue = re.compile(rf"[ \t]+(?:{QUOTED}|({CAP_PHRASE}))")
        self.known_orgs = _names_regex(organisations())
        self.laws = _names_regex(laws())
        self.ambiguous = ambiguous_municipality_names()
        names: list[str] = []
        for m in municipalities():
            bare = re.sub(r"\s*\(.*?\)$", "", m.name)
            names.extend({m.name, bare})
        names += list(common_names())
        self.municipality_rx = re.compile(
            r"(?<![\w\-])(?:(gemeenten?|Gemeenten?)\s+)?(" + alternation(names) + r")(?![\w\-])"
        )
        self.ready = True

    # -- the component ---------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        if not self.ready:
            self.initialize()
        scan = self._scan(doc)
        text = scan.text
        found: list[Candidate] = []
        for rule in self.rules:
            if rule.stage == "find":
                found += self._run(rule, scan)
        found = _vetoed_by_model(doc, found, self._check("model_person"))
        found = _without_people(found, person_spans(text, first_names()), self._check("person"))
        junk = self._check("junk")
        found = [c for c in found if not (junk(c) and _junk(text, c))]
        found = _in_place(found, doc, self._check("place"))
        chosen = _resolve(found, self.priority)
        chosen = self._with_town(text, chosen)
        chosen = _with_years(text, chosen)
        for rule in self.rules:
            if rule.stage == "chosen":
                chosen = _resolve(chosen + self._run(rule, scan, chosen), self.priority)
        last = [c for r in self.rules if r.stage == "last" for c in self._run(r, scan, chosen)]
        spans = []
        for c in sorted(chosen + last, key=lambda c: (c.start, c.end)):
            span = doc.char_span(c.start, c.end, label=c.label, alignment_mode="expand")
            if span is None:
                continue
            span.id_ = c.rule
            span.kb_id_ = c.key or normalise_name(text[c.start : c.end])
            spans.append(span)
        doc.spans[keys.ENTITY_SPANS] = spans
        return doc

    def _check(self, check: str) -> Callable[[Candidate], bool]:
        """Whether a find's rule goes through ``check`` (its record says)."""
        applies = {r.name for r in self.by_name.values() if r.checked(check)}
        return lambda c: c.rule in applies

    def _scan(self, doc: Doc) -> Scan:
        text = text_of(doc)
        sections = doc._.kg_sections or []
        # one pass over the words for both rules: a compound's head is a cue word too
        # ("Werkplein" names a kind of organisation, whatever its ending)
        cued = [
            w
            for w in WORD.finditer(text)
            if w.group(0).lower().endswith(self.cue_suffixes)
            and w.group(0).capitalize() not in self.org_heads
        ]
        return Scan(
            doc,
            text,
            {a for a, _ in sentence_offsets(doc)},
            [sec.heading for sec in sections],
            [sec.name for sec in sections if len(sec.name) > 3],
            cued,
        )

    def _run(
        self, rule: Rule, scan: Scan, chosen: list[Candidate] | None = None
    ) -> list[Candidate]:
        """The finds of one rule, each checked against the rule's record: its name and
        one of its labels (a finder that breaks its contract is an error, not a graph
        with a wrong type in it)."""
        found = []
        if rule.finder and rule.stage == "find":
            found += getattr(self, f"find_{rule.finder}")(scan)
        elif rule.finder:
            found += getattr(self, f"find_{rule.finder}")(scan, chosen or [])
        if rule.patterns:
            found += self._patterns(rule, scan)
        for c in found:
            if c.rule != rule.name or c.label not in rule.labels:
                raise RuleError(
                    f"rule {rule.name} found {c.label} by {c.rule!r}: "
                    f"its record allows {sorted(rule.labels)}"
                )
        return found

    def _patterns(self, rule: Rule, scan: Scan) -> list[Candidate]:
        """The finds of a rule's token patterns, over the Doc's tokens (the first of
        its labels, which is its only one where it has no finder)."""
        label = sorted(rule.labels)[0]
        rule_id = self.vocab.strings[rule.name]
        if scan.matches is None:
            scan.matches = list(self.matcher(scan.doc))
        doc = scan.doc
        return [
            Candidate(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), label, rule.name)
            for match_id, start, end in scan.matches
            if match_id == rule_id
        ]

    # -- rules -------------------------------------------------------------------------

    def find_abbreviations(self, scan: Scan) -> list[Candidate]:
        """Defined abbreviations, their long forms and every later use of the short form.
        The uses are those of the first definition of a short form: a later one that
        defines it again would put its candidates where the first one's already stand,
        and lose to them (same rule, same span, later), so they are not made (a report
        of one definition repeated a thousand times made a million of them)."""
        text = scan.text
        out = []
        repeated: set[str] = set()  # short forms whose uses are listed
        for d in find_definitions(text):
            key = normalise_name(d.long_form)
            label = self._type_of_phrase(
                d.long_form, text[max(0, d.long_start - 40) : d.long_start]
            )
            if label is None:
                continue
            out.append(Candidate(d.long_start, d.long_end, label, "abbreviation", key))
            out.append(Candidate(d.short_start, d.short_end, label, "abbreviation", key))
            if d.short_form in repeated:
                continue
            repeated.add(d.short_form)
            for m in re.finditer(rf"(?<![\w\-]){re.escape(d.short_form)}(?![\w])", text):
                if m.start() != d.short_start:
                    out.append(Candidate(m.start(), m.end(), label, "abbreviation", key))
        return out

    def _type_of_phrase(self, phrase: str, before: str) -> str | None:
        words = phrase.split()
        lower = [w.lower() for w in words]
        for law in laws():
            if phrase in (law.name, *law.aliases):
                return "Law"
        if words[0] == "Wet" or lower[-1].endswith("wet"):
            return "Law"
        tail = before.strip().split()
        if [w.lower() for w in tail[-2:]] == ["gemeenschappelijke", "regeling"]:
            return "Organisation"  # a public body the municipality takes part in
        if tail and (
            tail[-1].lower() in self.cue_words
            or tail[-1].lower() == "van"
            and len(tail) > 1
            and self._is_head(tail[-2].lower())
        ):
            return "Initiative"
        if any(self._is_head(w) for w in lower):
            return "Initiative"
        if any(w in self.org_heads for w in words):
            return "Organisation"
        if all(not w[:1].isupper() for w in words[1:]) and len(words) > 1:
            return "Initiative"
        if len(words) > 1 and all(is_ordinary(w) for w in words):
            # "Krachtige Gezonde Wijk (KGW)": plain Dutch words make an approach's name;
            # organisations coin a word ("Welzorgo") or carry a head ("Stichting")
            return "Initiative"
        return "Organisation"

    def _is_head(self, word: str) -> bool:
        return any(word.endswith(h) for h in self.heads)

    def _gazetteer(
        self, text: str, names: tuple[re.Pattern, dict[str, str]], label: str, rule: str
    ) -> list[Candidate]:
        rx, canonical = names
        out = []
        for m in rx.finditer(text):
            start, end = m.start(), m.end()
            if rule == "known_org":
                if text[start:end] in ("Rijk", "het Rijk") and _VAN.match(text, end):
                    continue
                end = extend_capitalised(text, end, self.starts, self.words.extend_stop)
            key = normalise_name(canonical.get(m.group(0), m.group(0)))
            if end > m.end():
                key = normalise_name(text[start:end])
            out.append(Candidate(start, end, label, rule, key))
        return out

    def find_laws(self, scan: Scan) -> list[Candidate]:
        text = scan.text
        out = self._gazetteer(text, self.laws, "Law", "law")
        rx = r"(?<![\w\-])([A-Z][a-z]+wet)(?![\w\-])"  # Jeugdwet; longer titles come from the list
        return out + [Candidate(m.start(), m.end(), "Law", "law") for m in re.finditer(rx, text)]

    def find_councils(self, scan: Scan) -> list[Candidate]:
        """A council named by its kind (``adviesraad Sociaal Domein``, ``cliëntenraad``,
        ``Wmo-raad``), not the municipal council (``gemeenteraad``). A search of the text,
        not a token pattern: a regular expression tried on every token made the Matcher a
        tenth of the extraction time."""
        text = scan.text
        out = []
        for m in _RAAD.finditer(text):  # the ends of the words, then each word's start
            word = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
            start = word.start() if word else m.start()
            name = text[start : m.end()].lower()
            if len(name) < 7 or name.endswith(_NOT_COUNCILS) or start == m.start():
                continue
            end = _CAPITALS_AFTER.match(text, m.end())
            out.append(Candidate(start, end.end() if end else m.end(), "Organisation", "council"))
        return out

    def find_known_orgs(self, scan: Scan) -> list[Candidate]:
        return self._gazetteer(scan.text, self.known_orgs, "Organisation", "known_org")

    def find_legal_forms(self, scan: Scan) -> list[Candidate]:
        text = scan.text
        out = []
        # "Stichting X" and, mid-sentence, "stichting X": the form in lower case too
        forms = {f for p in self.legal_prefix for f in (p, p[:1].lower() + p[1:])}
        pre = "|".join(re.escape(p) for p in sorted(forms, key=len, reverse=True))
        heads = {h.split()[0] for h in self.org_heads} | {p.split()[0] for p in forms}
        for m in re.finditer(rf"(?<![\w])(?:{pre})\s+({CAP_PHRASE})", text):
            end = m.end()
            # "Stichting Welzijn Noord en Zorggroep Oost": two organisations, not one
            for part in re.finditer(r"\s+en\s+(\S+)", m.group(1)):
                if part.group(1) in heads or any(part.group(1).endswith(h) for h in _ORG_ENDS):
                    end = m.start(1) + part.start()
                    break
            name = text[m.start(1) : end]
            out.append(
                Candidate(m.start(), end, "Organisation", "legal_form", normalise_name(name))
            )
        suf = "|".join(re.escape(s) for s in self.legal_suffix)
        if not re.search(rf"\s(?:{suf})(?![\w])", text):
            return out  # no "B.V." anywhere: spare the scan of every capitalised word
        for m in re.finditer(rf"({CAPW}(?:\s+{CAPW}){{0,3}})\s+(?:{suf})(?![\w])", text):
            out.append(
                Candidate(
                    m.start(), m.end(), "Organisation", "legal_form", normalise_name(m.group(1))
                )
            )
        return out

    def find_regions(self, scan: Scan) -> list[Candidate]:
        text = scan.text
        return [
            Candidate(m.start(), m.end(), "Region", "region") for m in self.region_rx.finditer(text)
        ]

    def find_districts(self, scan: Scan) -> list[Candidate]:
        """Districts: names after a district cue word (``wijk Hatert``, ``stadsdelen
        (Hatert, Nijmegen-Noord en Dukenburg)``), names with a district-like ending after
        ``in`` (``in Neerbosch-Oost``), and the other members of a list holding one."""
        text = scan.text
        found: dict[tuple[int, int], Candidate] = {}
        place = r"(?:De |Het |'t )?[A-Z][\w’'\-]*(?:/[A-Z][\w\-]*)?"
        items = rf"{place}(?:\s*,\s*{place})*(?:\s+en\s+{place})?"
        for m in re.finditer(rf"\b(?:{self.district_cues})\s*\(?\s*({items})", text):
            for p in re.finditer(place, m.group(1)):
                a = m.start(1) + p.start()
                found[(a, a + len(p.group(0)))] = Candidate(
                    a, a + len(p.group(0)), "District", "district"
                )
        for m in re.finditer(rf"\b[Ii]n\s+({place})(?![\w\-])", text):
            if re.search(rf"(?i)(?:{self.words.district_endings})$", m.group(1)):
                found[m.span(1)] = Candidate(*m.span(1), "District", "district")
        starts = sorted(a for a, _ in found)
        for m in re.finditer(rf"({items})", text) if found else ():
            k = bisect.bisect_left(starts, m.start(1))
            if k == len(starts) or starts[k] >= m.end(1):
                continue  # no district found inside this list
            members = list(re.finditer(place, m.group(1)))
            spans = [(m.start(1) + p.start(), m.start(1) + p.end()) for p in members]
            if len(spans) > 1 and any(sp in found for sp in spans):
                for a, b in spans:
                    found.setdefault((a, b), Candidate(a, b, "District", "district"))
        # not a municipality ("in Harderwijk": the place, found as such), not a word that
        # opens a sentence ("wijken Daarnaast")
        return [
            c
            for c in found.values()
            if not self.municipality_rx.fullmatch(text, c.start, c.end)
            and text[c.start : c.end].lower() not in self.openers
        ]

    def find_cue_names(self, scan: Scan) -> list[Candidate]:
        text, cued, programmes = scan.text, scan.cued, scan.programmes
        out = []
        for w in cued:
            low = w.group(0).lower()
            m = self.name_after_cue.match(text, w.end())
            if not m:
                continue
            capital = m.group(2)
            name = m.group(1) or capital
            if capital and (capital.split()[0] in self.words.extend_stop):
                continue
            first = capital.split()[0].lower() if capital else ""
            if len(first) <= 3 and first in self.stop_words - {"de", "het", "een"}:
                continue  # "het buurtnetwerk In ...": a sentence's first word, no name
            at = m.start(2)
            code = _PROGRAMME_CODE.match(text, at)  # "programma P2 Zorg": its code first
            names = programmes if not code else [heading_name(p) for p in programmes]
            if capital and any(text.startswith(p, code.end() if code else at) for p in names):
                continue  # "het programma Zorgen voor elkaar" names the report's programme
            if capital and any(c in self.words.structure for c in capital.split()):
                continue  # "Programma Rekening Begroting": a table's header
            end = m.end()
            common = _COMMON_ARRANGEMENT.search(text, max(0, w.start() - 40), w.start())
            if capital and low == "regeling" and common:
                # "Gemeenschappelijke regeling Werkbedrijf Noord": a public body the
                # municipality takes part in (a verbonden partij), named after the cue
                key = normalise_name(capital)
                out.append(Candidate(m.start(2), end, "Organisation", "cue_name", key))
                continue
            if (
                capital
                and low in self.cue_words
                and len(capital.split()) == 1
                and capital not in self.words.capital_stop
                and not self.municipality_rx.fullmatch(capital)  # "team Zwolle gelden ..."
            ):
                end = continue_lowercase(text, end, self.words, nouns_only=True, capitals=True)
                name = text[m.start(2) : end]
            start = w.start()
            adj = re.search(
                rf"(?:^|\s)((?i:{self.words.adjectives})\s+)$", text[max(0, start - 30) : start]
            )
            if adj:
                start -= len(adj.group(1))
            if (low in self.cue_words or low in self.generic) and len(name.split()) > 1:
                key = normalise_name(name)  # "project Hand in Hand" is "Hand in Hand"
            elif low in self.cue_words or low in self.generic:
                key = normalise_name(text[w.start() : end])  # "team Jeugd" is not "Jeugd"
            elif self._is_head(low) and len(low) >= 6:
                key = singular(normalise_name(text[w.start() : m.end()]))  # "Ouderenteam Noord"
            else:
                continue
            if INFLECTED.search(text[start:end]):
                continue  # "beleidsplan Regionale": cut at a line's end
            out.append(Candidate(start, end, "Initiative", "cue_name", key))
        return out

    def find_compounds(self, scan: Scan) -> list[Candidate]:
        text, cued = scan.text, scan.cued
        out = []
        for m in cued:
            word = m.group(0)
            low = word.lower()
            if len(low) < 6 or not low.endswith(self.head_suffixes):
                continue
            if low in self.not_initiatives:
                continue
            head = min((h for h in self.heads if low.endswith(h)), key=len)
            bare = len(low) - len(head) < 3 and "-" not in low
            if bare and (len(head) < 9 or low in self.cue_words):
                continue  # a bare cue word ("programma", "project") is not a name
            start, end = m.start(), m.end()
            # "Ouderenteam Lindewaard", "schuldenaanpak Jeugd": a capitalised complement
            end = extend_capitalised(
                text, end, self.openers, self.words.extend_stop | self.words.structure, max_words=3
            )
            before = text[max(0, start - 30) : start]
            adj = re.search(rf"(?:^|\s)((?i:{self.words.adjectives})\s+)$", before)
            name = re.search(
                r"(?:\b(?:het|de|een|ons|onze)\s+)([A-Z]\w*[a-z]\s+)$", before
            ) or re.search(r"(?:^|\s)([A-Z][\w]*-\s+en\s+)$", before)  # "Meld- en Adviespunt"
            if name:
                start -= len(name.group(1))
            elif (low in self.generic or bare) and end == m.end():
                # a kind ("subsidieregeling") is a name only with a complement; an
                # adjective alone ("regionale afspraken") does not make it one
                end = continue_lowercase(text, end, self.words, max_words=4, nouns_only=True)
                if end == m.end():
                    continue
            if adj and not name:
                start -= len(adj.group(1))
            titled = _titled(text, start, end) or _YEARS_AFTER.match(text, end)
            if head in self.document_heads and not titled:
                continue  # "het sportbeleid", "de woonvisie": a field of policy, not a name
            label = "Initiative"
            out.append(
                Candidate(start, end, label, "compound", singular(normalise_name(text[start:end])))
            )
        return out

    def find_digit_names(self, scan: Scan) -> list[Candidate]:
        """``Buurtkracht24``, ``Wijkwerk070``; not ``Begroting354,1`` (a table row glued
        to its value: the number goes on)."""
        text = scan.text
        rx = r"(?<![\w\-])([A-Z][A-Za-z]*[A-Za-z])(\d{2,4})(?![\w\-]|[.,]\d)"
        return [
            Candidate(m.start(), m.end(), "Organisation", "digits") for m in re.finditer(rx, text)
        ]

    def find_quoted(self, scan: Scan) -> list[Candidate]:
        text = scan.text
        out = []
        for m in re.finditer(QUOTED, text):
            inner = m.group(1).strip()
            if not inner[:1].isupper() or len(inner.split()) > 8 or inner.endswith("…"):
                continue
            if text[m.start()] == "'" and m.start() > 0 and text[m.start() - 1].isalpha():
                continue
            before = _WORD_BEFORE_NAME.search(text, max(0, m.start() - 40), m.start())
            if before and before.group(1).lower() in self.not_quoted_after:
                continue  # "de bijlage 'Nieuw beleid'", "de reserve 'Grote projecten'"
            out.append(Candidate(m.start(), m.end(), "Initiative", "quoted", normalise_name(inner)))
        return out

    def find_partner_context(self, scan: Scan) -> list[Candidate]:
        """Names after ``samen met``, ``uitgevoerd door``, ...: organisations, and so are
        the other names of a list that follows (``door Buurtkracht24, MOVE en Samen
        Sterk``)."""
        text = scan.text
        out = []
        for m in self.partner_rx.finditer(text):
            name = m.group(1)
            if name.split()[0] in self.words.capital_stop or INFLECTED.search(name):
                continue  # "Verbonden partijen\n\nGemeenschappelijke regeling": no name
            if not self.municipality_rx.fullmatch(name):  # "samen met Zwolle": the place
                out.append(Candidate(m.start(1), m.end(1), "Organisation", "partner_context"))
            pos = m.end(1)
            while True:
                nxt = _NEXT_ITEM.match(text, pos)
                if not nxt or nxt.group(1).split()[0] in self.words.capital_stop:
                    break
                a = nxt.start(1)
                if not self.municipality_rx.fullmatch(nxt.group(1)):
                    out.append(
                        Candidate(a, a + len(nxt.group(1)), "Organisation", "partner_context")
                    )
                pos = nxt.end()
        return out

    def find_capitalised(self, scan: Scan) -> list[Candidate]:
        text, starts, headings = scan.text, scan.starts, scan.headings
        out = []
        # a name inside any heading: one search of the headings joined (a name has no
        # line break), not a scan of every heading per name
        joined = "\n".join(headings)
        for m in split_lists(re.finditer(rf"(?<![\w\-#’'])({CAP_STRICT})", text)):
            if m.group(1) in joined:
                continue
            words = m.group(1).split()
            caps = [w for w in words if w[:1].isupper()]
            if len(caps) < 2 or all(w in self.words.capital_stop for w in caps):
                continue
            if any(w in self.words.structure for w in words):
                continue
            at_start = m.start() in starts or text[max(0, m.start() - 2) : m.start()].strip() in (
                "",
                ".",
                ":",
                "-",
                "–",
                "•",
            )
            if at_start and words[0].lower() in self.openers:
                continue
            if self._person_before(text, m.start()):
                continue  # "wethouder Van Dalen", "Anna de Vries": a person
            if self.municipality_rx.fullmatch(m.group(1)):
                continue  # "Den Haag", "Gemeente Zwolle": the place, found as such
            if any(len(w) >= 4 and w.isupper() and is_ordinary(w) for w in words):
                continue  # "ONZE AMBITIE", "WONEN De": a heading in capitals
            if INFLECTED.search(words[-1]) or _PROGRAMME_CODE.match(m.group(1)):
                continue  # "Ambitie Gezamenlijke": a name does not end on an adjective;
                # "P2 Zorg": a programme's code
            before = _WORD_BEFORE_NAME.search(text, max(0, m.start() - 40), m.start())
            if any(w.lower() in self.accounts for w in words) or (
                before and before.group(1).lower() in self.accounts
            ):
                continue  # "Algemene Reserve", "de reserve Grote Werken": an account
            if words[-1].lower() in self.region_words:
                continue  # "Noordelijke Regio": a region, found as such
            organisation = (
                any(w in self.org_heads for w in words)
                or any(len(w) >= 2 and w.isupper() and w.isalpha() for w in words)
                or any(_compound_of(w.lower(), self.org_endings) for w in words)
            )  # "RST Noord", "GR XYZ": an organisation's letters; "Wijkbouwstichting"
            label = "Organisation" if organisation else "Initiative"
            out.append(Candidate(m.start(), m.end(), label, "capitalised"))
        return _not_in_lower_case(text, out)

    def find_camel(self, scan: Scan) -> list[Candidate]:
        """``StadSamen``, ``deZorg``, ``Buurtwerk.nl``: names that only an
        organisation or brand writes that way."""
        text = scan.text
        out = []
        rx = (
            r"(?<![\w\-/])((?:[A-Z][a-z]+[A-Z]\w*|[a-z]{2,4}[A-Z][a-z]\w*)(?:/[A-Z]+)?"
            r"|[A-Z]\w+\.(?:nl|com|org|eu))(?![\w\-])"
        )
        for m in re.finditer(rx, text):
            word = m.group(1)
            parts = re.findall(r"[A-Z]?[a-z]+", word.split(".")[0])
            alone = alone_on_line(text, m.start(), m.end())
            if (len(parts) >= 3 or alone) and all(is_ordinary(p) for p in parts):
                continue  # "BegrotingRekeningResultaat": table headers glued together
            label = (
                "Initiative"
                if self._is_head(word.lower().split("/")[0]) or word.lower().startswith("team")
                else "Organisation"
            )
            out.append(Candidate(m.start(), m.end(), label, "camel"))
        return out

    def find_facilities(self, scan: Scan) -> list[Candidate]:
        """Named facilities after a facility word (``de wijkcentra Het Anker, De Kolk
        en Zonnewende``)."""
        out = []
        items = rf"{_FACILITY}(?:\s*,\s*{_FACILITY})*(?:\s+en\s+{_FACILITY})?"
        for m in re.finditer(rf"\b(?:{self.facility_cues})\s+({items})", scan.text):
            for p in re.finditer(_FACILITY, m.group(1)):
                if p.group(0).lower() in self.openers:
                    continue  # "de locatie In maart ...": a sentence's first word
                a = m.start(1) + p.start()
                out.append(Candidate(a, a + len(p.group(0)), "Initiative", "facility"))
        return out

    def find_appositions(self, scan: Scan) -> list[Candidate]:
        """Names explained by an apposition (``Radio-Oost, een initiatief voor en door
        bewoners``)."""
        rx = (
            rf"(?<![\w\-])({_FACILITY}),\s+(?:een|het|de)\s+(?:\w+\s+){{0,2}}"
            rf"(?:{self.apposition_nouns})\b"
        )
        return [
            Candidate(m.start(1), m.end(1), "Initiative", "apposition")
            for m in re.finditer(rx, scan.text)
        ]

    def find_model_entities(self, scan: Scan) -> list[Candidate]:
        """A statistical model's ORG entities (``--model nl_core_news_lg``)."""
        return [
            Candidate(e.start_char, e.end_char, "Organisation", "model_ner")
            for e in scan.doc.ents
            if e.label_ in MODEL_ORG
        ]

    def find_service_subjects(self, scan: Scan) -> list[Candidate]:
        """``Welzijnswerk geeft uitvoering aan ...``, ``Buurtkracht24 biedt ...``: a name that
        opens a sentence as the subject of a service verb is an organisation."""
        text, starts = scan.text, scan.starts
        out = []
        # tried at sentence starts only, on words of a name's length: a search through the
        # text tried every letter of a 20 KB word, each to the word's end (quadratic)
        rx = re.compile(
            rf"([A-Z][\w\-]{{1,60}}(?:[ \t]+[A-Z][\w\-]{{1,60}})?)[ \t]+"
            rf"(?:{self.service_verbs})\b"
        )
        for start in sorted(starts):
            m = rx.match(text, start)
            if m is None or m.group(1).split()[0].lower() in self.openers:
                continue
            if m.group(1) in self.words.capital_stop or self._is_head(m.group(1).lower()):
                continue
            if self.municipality_rx.fullmatch(m.group(1)):
                continue  # "Zwolle biedt ...": the municipality, not an organisation
            out.append(Candidate(m.start(1), m.end(1), "Organisation", "service_subject"))
        return out

    def find_list_items(self, scan: Scan) -> list[Candidate]:
        """A bullet item that starts with a cue word is a document's title:
        ``• Verordening Woonlening Lindewaard``, ``• Nota Armoede 2019``."""
        text = scan.text
        out = []
        for m in re.finditer(r"(?m)^[ \t]*[•·▪\-*][ \t]+(.+?)[ \t]*$", text):
            item = m.group(1)
            words = [w.lower() for w in item.split()[:2]]
            if not item[:1].isupper() or not any(
                self._is_head(w) or w in self.cue_words for w in words
            ):
                continue
            if len(item.split()) > 16 or item.rstrip()[-1:] == "." or _FINITE.search(item):
                continue  # a sentence in a list, not a title
            start = m.start(1)
            for part in re.split(rf"\s+en\s+(?=(?i:\w*(?:{self.words.document_types}))\b)", item):
                pos = text.index(part, start)
                part_end = pos + len(part)
                clean = re.sub(r"\s*\([^)]*\)\s*$", "", part)
                out.append(
                    Candidate(
                        pos,
                        pos + len(clean) if clean else part_end,
                        "Initiative",
                        "list_item",
                        normalise_name(clean or part),
                    )
                )
                start = part_end
        return out

    def find_acronyms(self, scan: Scan) -> list[Candidate]:
        text = scan.text
        rx = r"(?<![\w\-/])([A-Z]{4,6})(?![\w\-/+’'])"  # three letters are too often jargon
        return [
            Candidate(m.start(), m.end(), "Organisation", "acronym")
            for m in re.finditer(rx, text)
            if m.group(1) not in self.words.capital_stop and not is_common(m.group(1))
        ]

    def find_repeats(self, scan: Scan, chosen: list[Candidate]) -> list[Candidate]:
        """Other occurrences of names already found (same spelling)."""
        text = scan.text
        seen = {text[c.start : c.end]: c for c in chosen if c.end - c.start >= 4}
        if not seen:
            return []
        # few names: a plain alternation (cheap to build); many: a trie, one walk per
        # position instead of one try per name (time linear in the text either way)
        alt = (
            alternation(seen)
            if len(seen) > REPEATS_TRIE
            else "|".join(re.escape(n) for n in sorted(seen, key=len, reverse=True))
        )
        out = []
        for m in re.finditer(rf"(?<![\w\-])(?:{alt})(?![\w\-])", text):
            c = seen[m.group(0)]
            if m.start() != c.start:
                out.append(
                    Candidate(
                        m.start(), m.end(), c.label, "repeat", c.key or normalise_name(m.group(0))
                    )
                )
        return out

    def _with_town(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """``WijkKracht Zwolle``, ``Welzijn Kampen``: a guessed name goes on over the town
        name right after it (the town's own mention stays as well)."""
        town = self._check("town")
        out = []
        for c in chosen:
            if town(c) and c.label in ("Organisation", "Initiative"):
                m = (
                    self.municipality_rx.match(text, c.end + 1)
                    if text[c.end : c.end + 1] == " "
                    else None
                )
                if m and not m.group(1) and m.group(2) not in self.ambiguous:
                    c = Candidate(
                        c.start, m.end(), c.label, c.rule, normalise_name(text[c.start : m.end()])
                    )
            out.append(c)
        return out

    def _person_before(self, text: str, start: int) -> bool:
        """Whether the word before ``start`` makes what follows a surname: a person's
        title, a first name or an initial."""
        m = _WORD_BEFORE_NAME.search(text, max(0, start - 30), start)
        if m is None:
            return False
        word = m.group(1)
        return (
            word.lower() in self.words.person_titles
            or word in first_names()
            or bool(re.fullmatch(r"[A-Z]\.", word))
        )

    def find_municipalities(self, scan: Scan, chosen: list[Candidate]) -> list[Candidate]:
        text = scan.text
        regions = [(c.start, c.end) for c in chosen if c.label == "Region"]
        out = []
        for m in self.municipality_rx.finditer(text):
            name = m.group(2)
            if name in self.ambiguous and not m.group(1):
                continue
            if any(s <= m.start(2) < e for s, e in regions):
                continue
            if _YEAR_AFTER.match(text, m.end()):
                continue  # "Lindewaard 2030": a name, not the place
            if not m.group(1) and _PART_OF_NAME.match(text, m.end()):
                continue  # "Huizen van het Dorp": the start of a longer name
            if not m.group(1) and self._person_before(text, m.start()):
                continue  # "wethouder Bergen", "Anna Ede", "J. Hoorn": a person's surname
            plural = m.group(1) and m.group(1).lower() == "gemeenten"
            start = m.start(2) if plural else m.start()
            out.append(
                Candidate(start, m.end(), "Municipality", "municipality", normalise_name(name))
            )
        return out


# the years a plan's name ends in: "Beleidsplan Sociaal Domein 2020-2024", "Nota Armoede
# 2019", "Uitvoeringsprogramma 2021 – 2024"
_YEARS_AFTER = re.compile(r"[ \t]+(?:19|20)\d\d(?:[ \t]*[-–/][ \t]*(?:19|20)?\d\d)?(?![\w\-])")


def _with_years(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """An initiative's name goes on over the year or years right after it: they are part
    of a plan's title. Its key stays that of the name without them, so a later mention
    without the years is the same initiative."""
    out = []
    for c in chosen:
        m = _YEARS_AFTER.match(text, c.end) if c.label == "Initiative" else None
        if m:
            key = c.key or normalise_name(text[c.start : c.end])
            c = Candidate(c.start, m.end(), c.label, c.rule, key)
        out.append(c)
    return out


# the word before a name, on its line: "wethouder", "Anna", "J."
_WORD_BEFORE_NAME = re.compile(r"([A-Za-zÀ-ÿ][\w\-]*\.?)[ \t]+$")

# a council by its kind: a word ending in "raad", and the capitalised words of its name
_RAAD = re.compile(r"(?i:raad)(?![\w\-])")
_WORD_BEFORE = re.compile(r"(?<![\w\-])[^\W\d_][\w\-]*$")
_CAPITALS_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w\-]*)+")
_NOT_COUNCILS = ("gemeenteraad", "deelraad")

# the last parts of compounds that name an organisation (Zorggroep, Woonstichting)
_ORG_ENDS = ("groep", "stichting", "vereniging", "bedrijf", "instituut", "centrum", "bureau")

MODEL_ORG = {"ORG", "ORGANIZATION"}
MODEL_PERSON = {"PER", "PERSON"}


def _vetoed_by_model(
    doc: Doc, found: list[Candidate], checked: Callable[[Candidate], bool]
) -> list[Candidate]:
    """With a statistical model in the pipeline, its PERSON entities veto the rules'
    guesses at names (an alderman is not an organisation)."""
    people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in MODEL_PERSON]
    if not people:
        return found
    return [
        c for c in found if not (checked(c) and any(c.start < b and a < c.end for a, b in people))
    ]


def _in_place(
    found: list[Candidate], doc: Doc, checked: Callable[[Candidate], bool]
) -> list[Candidate]:
    """In a whole report (a document model with pages), a name found by its form alone
    counts only in the prose of the programmes: not in a table, a heading or the
    contents, and not in the paragraphs, the financial statements or the appendices
    (BBV), whose capitalised table labels and accounting terms are no initiatives."""
    blocks = [Block.from_tuple(t) for t in doc._.kg_blocks or ()]
    if not any(b.page for b in blocks):
        return found
    text = text_of(doc)
    programmes = sorted((s.start, s.end) for s in doc._.kg_sections or () if s.level == 1)
    prose = [(b.start, b.end) for b in blocks if _prose(b, text[b.start : b.end])]

    def within(spans: list[tuple[int, int]], offset: int) -> bool:
        i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
        return i >= 0 and spans[i][0] <= offset < spans[i][1]

    return [
        c
        for c in found
        if not checked(c) or (within(programmes, c.start) and within(prose, c.start))
    ]


def _prose(block: Block, text: str) -> bool:
    """A list item, or a paragraph that reads as sentences: enough words, few of them
    numbers, closed by punctuation or long (a table's labels and cells are neither)."""
    if block.role == "list_item":
        return True
    if block.role != "paragraph":
        return False
    words = text.split()
    numbers = sum(any(ch.isdigit() for ch in w) for w in words)
    closed = text.rstrip()[-1:] in ".:;!?" or len(words) >= 20
    return len(words) >= 8 and numbers <= 0.2 * len(words) and closed


def _without_people(
    found: list[Candidate], people: list[tuple[int, int]], checked: Callable[[Candidate], bool]
) -> list[Candidate]:
    """The rules' guesses at names that overlap a person's name are dropped: an alderman
    or a civil servant is neither an organisation nor an initiative."""
    if not people:
        return found
    starts = [a for a, _ in people]

    def overlaps(c: Candidate) -> bool:
        i = bisect.bisect_left(starts, c.end)
        return any(b > c.start for _, b in people[max(0, i - 3) : i])

    return [c for c in found if not checked(c) or not overlaps(c)]


def _junk(text: str, c: Candidate) -> bool:
    """A guess that cannot be a name: one very common word (``Om`` of "Om dit te
    bereiken"), or a phrase cut off by the end of an excerpt (``Sociaal Dom``)."""
    surface = text[c.start : c.end]
    if " " not in surface and not surface.isupper() and is_common(surface):
        return True
    return c.end == len(text) and text[-1:].isalpha()


REPEATS_TRIE = 150  # names; from here on the repeats are found through a trie


def _names_regex(entries) -> tuple[re.Pattern, dict[str, str]]:
    """One pattern over every name and alias, and the canonical name of each."""
    canonical = {n: e.name for e in entries for n in (e.name, *e.aliases)}
    return re.compile(rf"(?<![\w\-])(?:{alternation(canonical)})(?![\w\-])"), canonical


# matched at an offset (pattern.match(text, pos)): a slice text[pos:] would copy the rest
# of the report for every candidate
_VAN = re.compile(r"\s+van\b")
_FACILITY = r"(?:De |Het |'t )?[A-Z][\w’'\-]*(?: [A-Z][\w’'\-]*)?"  # a facility's name
_FINITE = re.compile(
    r"\s(?:is|zijn|was|waren|wordt|worden|werd|werden|heeft|hebben|had|"
    r"hadden|kan|kunnen|zal|zullen|gaat|gaan)\s"
)
_YEAR_AFTER = re.compile(r"\s+(?:19|20)\d\d\b")
_PART_OF_NAME = re.compile(r"[ \t]+(?:van|voor)[ \t]+(?:de[ \t]+|het[ \t]+|der[ \t]+)?[A-Z]")
_NEXT_ITEM = re.compile(rf"(?:\s*,\s*|\s+en\s+)(?:de |het )?({CAP_ITEM})")


def _resolve(candidates: list[Candidate], priority: Mapping[str, int]) -> list[Candidate]:
    """Keep non-overlapping candidates: higher priority (a lower number) first, then
    longer, then earlier; then the rule earlier in the registry (sorting is stable)."""
    ordered = sorted(candidates, key=lambda c: (priority[c.rule], -(c.end - c.start), c.start))
    starts: list[int] = []  # kept spans never overlap, so sorted starts give sorted ends
    ends: list[int] = []
    kept = []
    for c in ordered:
        i = bisect.bisect_left(starts, c.end)  # kept spans starting before c ends
        if i and ends[i - 1] > c.start:
            continue  # the last of them reaches into c
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


@Language.factory(
    keys.ENTITIES,
    assigns=["doc.spans"],
    requires=[f"doc._.{keys.SECTION_TREE}", f"doc._.{keys.SENTENCES}", f"doc._.{keys.BLOCKS}"],
    default_config={"disabled": []},
)
def make_entity_finder(nlp: Language, name: str, disabled: list[str]) -> EntityFinder:
    return EntityFinder(nlp, name, disabled)


# the finders a rule record may name: EntityFinder's find_<name> methods
FINDERS = frozenset(n[len("find_") :] for n in dir(EntityFinder) if n.startswith("find_"))


def _titled(text: str, start: int, end: int) -> bool:
    """A policy document is named when its word is capitalised in mid-sentence
    (``de Erfgoedvisie``) or a capitalised word or a year follows it in the name
    (``woonvisie Lindewaard``, ``beleidsplan 2021-2025``)."""
    if any(ch.isupper() or ch.isdigit() for ch in text[start + 1 : end]):
        return not text[start + 1 : end].isupper()
    if not text[start].isupper():
        return False
    before = text[max(0, start - 3) : start]
    return bool(re.search(r"[a-zà-ÿ,][ \t]+$", before))


def _not_in_lower_case(text: str, found: list[Candidate]) -> list[Candidate]:
    """Drop the initiatives whose words the text also writes in lower case: "Voorschoolse
    Educatie" where "voorschoolse educatie" stands elsewhere is a phrase capitalised for
    emphasis, not a name. One pass over the text's words, a dictionary lookup each (a
    search per name would take time in the text's length times the names')."""
    keys = {
        c: tuple(text[c.start : c.end].lower().split()) for c in found if c.label == "Initiative"
    }
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in set(keys.values()):
        by_first.setdefault(key[0], []).append(key)
    if not by_first:
        return found
    words = text.split()
    seen = set()
    for i, word in enumerate(words):
        for key in by_first.get(word, ()):
            n = len(key)
            if tuple(words[i : i + n - 1]) == key[:-1] and i + n <= len(words):
                if words[i + n - 1].rstrip(".,;:!?)") == key[-1]:
                    seen.add(key)
    return [c for c in found if keys.get(c) not in seen]


def _compound_of(word: str, heads: tuple[str, ...]) -> bool:
    """Whether ``word`` is a compound ending in one of ``heads`` ("lindeschool",
    "buurtvereniging"), not the head itself ("school" in "Gezonde School")."""
    return any(len(word) > len(h) + 2 and word.endswith(h) for h in heads)
