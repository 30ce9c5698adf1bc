"""What is generated from the ontology (``gkg.ttl``): the module ``kg/vocab.py`` and the
generated blocks of ``shapes.ttl``. ``scripts/make_vocab.py`` writes them;
``tests/test_vocab.py`` regenerates them and compares, so the ontology is the one place
where a class, a relation (with its domain and range) or a unit is written down.

- entity types: the subclasses of ``gkg:Entity``;
- relations: the object properties whose domain and range are both entity types;
- units: the concepts of the scheme ``gkg:units`` (``skos:notation`` is the unit code,
  ``skos:exactMatch`` the QUDT unit).

Each list comes in the order the ontology file states its terms.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Namespace
from rdflib.namespace import SKOS

from . import ONTOLOGY_FILE, SHAPES_FILE

GKG = Namespace("https://w3id.org/gemeente-kg/def#")
UNIT = "http://qudt.org/vocab/unit/"
BEGIN = "# BEGIN generated from gkg.ttl by scripts/make_vocab.py: do not edit by hand"
END = "# END generated"


@dataclass(frozen=True)
class Vocabulary:
    entity_types: tuple[str, ...]
    relations: tuple[tuple[str, str, str], ...]  # (name, domain, range)
    units: tuple[tuple[str, str], ...]  # (code, QUDT IRI)
    kinds: tuple[str, ...]  # indicator kind codes, the notations of gkg:indicatorKinds
    measures: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]  # see below
    initiative_kinds: tuple[tuple[str, str, tuple[str, ...]], ...]  # (code, label, words)
    terms: tuple[str, ...]  # every gkg: term the ontology defines, sorted


def vocabulary(text: str) -> Vocabulary:
    """The vocabulary stated by the ontology ``text`` (Turtle)."""
    g = Graph().parse(data=text, format="turtle")
    order = {m.group(1): m.start() for m in re.finditer(r"^gkg:([\w-]+) a ", text, re.M)}

    def local(term) -> str:
        return str(term)[len(str(GKG)) :]

    def ordered(terms) -> list:
        return sorted(terms, key=lambda t: order.get(local(t), len(text)))

    types = ordered(set(g.subjects(RDFS.subClassOf, GKG.Entity)))
    names = [local(t) for t in types]
    relations = []
    for p in ordered(set(g.subjects(RDF.type, OWL.ObjectProperty))):
        domain, range_ = g.value(p, RDFS.domain), g.value(p, RDFS.range)
        if domain in types and range_ in types:
            relations.append((local(p), local(domain), local(range_)))
    units = [
        (str(g.value(c, SKOS.notation)), str(g.value(c, SKOS.exactMatch)))
        for c in ordered(set(g.subjects(SKOS.inScheme, GKG.units)))
    ]
    kinds = [
        str(g.value(c, SKOS.notation))
        for c in ordered(set(g.subjects(SKOS.inScheme, GKG.indicatorKinds)))
    ]
    measures = []
    for c in ordered(set(g.subjects(SKOS.inScheme, GKG.measures))):
        label = next(str(x) for x in g.objects(c, SKOS.prefLabel) if x.language == "nl")
        unit_codes = tuple(sorted(str(u) for u in g.objects(c, GKG.measureUnit)))
        words = tuple(sorted(str(w) for w in g.objects(c, SKOS.altLabel)))
        measures.append((str(g.value(c, SKOS.notation)), label, unit_codes, words))
    initiative_kinds = []
    for c in ordered(set(g.subjects(SKOS.inScheme, GKG.initiativeKinds))):
        label = next(str(x) for x in g.objects(c, SKOS.prefLabel) if x.language == "nl")
        words = tuple(sorted(str(w) for w in g.objects(c, SKOS.altLabel)))
        initiative_kinds.append((str(g.value(c, SKOS.notation)), label, words))
    terms = sorted({local(s) for s in g.subjects(RDF.type, None) if str(s).startswith(str(GKG))})
    return Vocabulary(
        tuple(names),
        tuple(relations),
        tuple(units),
        tuple(kinds),
        tuple(measures),
        tuple(initiative_kinds),
        tuple(terms),
    )


def vocab_module(v: Vocabulary) -> str:
    """The source of ``kg/vocab.py`` (as ``ruff format`` leaves it)."""

    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    types = "".join(f"    {q(t)},\n" for t in v.entity_types)
    relations = "".join(f"    {q(n)}: ({q(d)}, {q(r)}),\n" for n, d, r in v.relations)
    units = "".join(f"    {q(code)}: {q(iri)},\n" for code, iri in v.units)
    kinds = "".join(f"    {q(k)},\n" for k in v.kinds)

    def strings(items: tuple[str, ...]) -> str:
        """A tuple of strings as ruff formats it, at the indent of a measure's parts."""
        if len(items) == 1:
            return f"        ({q(items[0])},),\n"
        inner = "".join(f"            {q(x)},\n" for x in items)
        return f"        (\n{inner}        ),\n"

    measures = "".join(
        f"    {q(m)}: (\n        {q(label)},\n{strings(units)}{strings(words)}    ),\n"
        for m, label, units, words in v.measures
    )
    initiative_kinds = "".join(
        f"    {q(k)}: (\n        {q(label)},\n{strings(words)}    ),\n"
        for k, label, words in v.initiative_kinds
    )
    terms = "".join(f"    {q(t)},\n" for t in v.terms)
    return f'''"""The Gemeente KG vocabulary, generated from ``ontology/gkg.ttl`` by
``scripts/make_vocab.py``: do not edit by hand (``tests/test_vocab.py`` regenerates it
and compares). Plain strings, so the modules that only talk SPARQL need no rdflib."""

from __future__ import annotations

GKG = {q(str(GKG))}

# the entity types of the facts: the subclasses of gkg:Entity
ENTITY_TYPES = (
{types})

# the relations between entities: name → (domain, range)
RELATIONS = {{
{relations}}}

# the indicator units: unit code (gkg:unitCode) → QUDT unit (sdmx-attribute:unitMeasure)
UNITS = {{
{units}}}

# the indicator kinds (gkg:kind is gkg:kind-<code>); the first is the default
KINDS = (
{kinds})

# the common measures (gkg:measure is gkg:measure-<id>): id → (Dutch label, unit codes,
# the words a report uses for it)
MEASURES = {{
{measures}}}

# the kinds of initiatives (gkg:initiativeKind is gkg:initiative-<code>): code → (Dutch
# label, the head words that name it)
INITIATIVE_KINDS = {{
{initiative_kinds}}}

# every term of the gkg: namespace
TERMS = (
{terms})
'''


def shape_blocks(v: Vocabulary) -> list[str]:
    """The generated blocks of ``shapes.ttl``, in the order they stand there: the entity
    targets, one shape per relation domain, the unit lists, the relation predicates, the
    initiative kinds."""
    targets = " , ".join(f"gkg:{t}" for t in v.entity_types)
    entity = f"gkgsh:EntityShape a sh:NodeShape ;\n    sh:targetClass {targets} ;"
    domains: dict[str, list[tuple[str, str]]] = {}
    for name, domain, range_ in v.relations:
        domains.setdefault(domain, []).append((name, range_))
    relations = []
    for domain, props in domains.items():
        subjects = " , ".join(f"gkg:{n}" for n, _ in props)
        lines = [
            f"gkgsh:{domain}RelationsShape a sh:NodeShape ;",
            f"    sh:targetSubjectsOf {subjects} ;",
            f"    sh:class gkg:{domain} ;",
        ]
        lines += [f"    sh:property [ sh:path gkg:{n} ; sh:class gkg:{r} ] ;" for n, r in props]
        relations.append("\n".join(lines)[:-2] + " .")
    qudt = " ".join(
        f"unit:{iri[len(UNIT) :]}" if iri.startswith(UNIT) else f"<{iri}>" for _, iri in v.units
    )
    codes = " ".join(f'"{code}"' for code, _ in v.units)
    kinds = " ".join(f"gkg:kind-{k}" for k in v.kinds)
    measures = " ".join(f"gkg:measure-{m}" for m, *_ in v.measures)
    units = (
        f"    sh:property [ sh:path sdmx-attribute:unitMeasure ; sh:minCount 1 ; "
        f"sh:maxCount 1 ;\n                  sh:in ( {qudt} ) ] ;\n"
        f"    sh:property [ sh:path gkg:unitCode ; sh:minCount 1 ; sh:maxCount 1 ;\n"
        f"                  sh:in ( {codes} ) ] ;\n"
        f"    sh:property [ sh:path gkg:kind ; sh:minCount 1 ; sh:maxCount 1 ;\n"
        f"                  sh:in ( {kinds} ) ] ;\n"
        f"    sh:property [ sh:path gkg:measure ; sh:maxCount 1 ;\n"
        f"                  sh:in ( {measures} ) ] ;"
    )
    predicates = " ".join(f"gkg:{n}" for n, _, _ in v.relations)
    assertion = (
        f"    sh:property [ sh:path rdf:predicate ; sh:minCount 1 ; sh:maxCount 1 ;\n"
        f"                  sh:in ( {predicates} ) ] ;"
    )
    initiative_kinds = " ".join(f"gkg:initiative-{k}" for k, *_ in v.initiative_kinds)
    initiative = (
        "gkgsh:InitiativeKindShape a sh:NodeShape ;\n"
        "    sh:targetSubjectsOf gkg:initiativeKind ;\n"
        "    sh:class gkg:Initiative ;\n"
        "    sh:property [ sh:path gkg:initiativeKind ; sh:maxCount 1 ;\n"
        f"                  sh:in ( {initiative_kinds} ) ] ."
    )
    return [entity, "\n\n".join(relations), units, assertion, initiative]


def shapes(text: str, v: Vocabulary) -> str:
    """``shapes.ttl`` (``text``) with its generated blocks made from ``v``."""
    blocks = iter(shape_blocks(v))
    pattern = re.compile(f"^{re.escape(BEGIN)}\n.*?^{re.escape(END)}\n", re.S | re.M)
    found = len(pattern.findall(text))
    if found != len(shape_blocks(v)):
        raise ValueError(
            f"{SHAPES_FILE}: {found} generated blocks, expected {len(shape_blocks(v))}"
        )
    return pattern.sub(lambda _: f"{BEGIN}\n{next(blocks)}\n{END}\n", text)


def outputs(root: Path) -> dict[Path, str]:
    """Each generated file below the repository ``root`` → its content."""
    folder = root / "ontology"
    v = vocabulary((folder / ONTOLOGY_FILE).read_text(encoding="utf-8"))
    return {
        root / "kg" / "vocab.py": vocab_module(v),
        folder / SHAPES_FILE: shapes((folder / SHAPES_FILE).read_text(encoding="utf-8"), v),
    }
