"""The one module that mints triples: a :class:`~kg.facts.FactSet` → an rdflib Graph.

IRIs are deterministic (the same input gives the same IRIs): municipalities take their
TOOI IRI, everything else an IRI under ``https://w3id.org/gemeente-kg/id/`` built from
the fact's id, document and offsets. Each document's triples go into its own named graph
(:func:`graph_iri`), so it can be rebuilt or removed alone.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from decimal import Decimal
from functools import lru_cache

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, ORG, PROV, QB, SKOS

from extractors.gazetteer import laws, organisations
from extractors.text import normalise_name

from . import iris, vocab
from .facts import (
    SCOPED_PREFIXES,
    Entity,
    FactSet,
    Indicator,
    Mention,
    Relation,
    TaakveldLink,
)
from .namespace import GKG
from .search import search_key, search_words, stem, stem_key

ID = Namespace(iris.ID)
GRAPH = Namespace(iris.GRAPH)
TOOI = Namespace("https://identifier.overheid.nl/tooi/id/gemeente/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
UNIT = Namespace("http://qudt.org/vocab/unit/")

PREFIXES = {
    "gkg": Namespace(str(GKG._NS)),
    "id": ID,
    "tooi": TOOI,
    "skos": SKOS,
    "org": ORG,
    "prov": PROV,
    "qb": QB,
    "nif": NIF,
    "foaf": FOAF,
    "sdmx-measure": SDMX_MEASURE,
    "sdmx-attribute": SDMX_ATTRIBUTE,
    "unit": UNIT,
}
UNITS = {code: URIRef(unit) for code, unit in vocab.UNITS.items()}
CLASSES = {name: URIRef(iri) for name, iri in iris.CLASSES.items()}
PREDICATES = {name: URIRef(iri) for name, iri in iris.PREDICATES.items()}
SCOPED = tuple(f"{prefix}/" for prefix in SCOPED_PREFIXES.values())


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes (once, here)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def graph_iri(document_id: str) -> URIRef:
    """The named graph of one document."""
    return URIRef(iris.graph_iri(document_id))


def report_iri(document_id: str) -> URIRef:
    return URIRef(iris.report_iri(document_id))


def entity_iri(entity_id: str) -> URIRef:
    """The IRI of an entity id; municipalities with a CBS code get their TOOI IRI."""
    if entity_id.startswith("municipality/gm") and entity_id[len("municipality/gm") :].isdigit():
        return TOOI[entity_id.split("/", 1)[1]]
    return ID[entity_id]


class _Triples:
    """A plain set of triples with rdflib's ``add`` signature: minting a document into
    a set and writing N-Triples from it is several times faster than filling an indexed
    rdflib Graph, which only tests and validation need."""

    def __init__(self) -> None:
        self.triples: set[tuple] = set()

    def add(self, triple: tuple) -> None:
        self.triples.add(triple)


def document_graph(facts: FactSet) -> Graph:
    """All triples of one document (to be stored in :func:`graph_iri`), as a Graph."""
    g = bind_prefixes(Graph())
    for t in document_triples(facts):
        g.add(t)
    return g


def document_ntriples(facts: FactSet) -> tuple[bytes, int]:
    """All triples of one document as N-Triples (UTF-8, lines sorted: the same facts give
    the same bytes), and how many there are: what a build worker hands to the store."""
    triples = document_triples(facts)
    return ntriples(triples), len(triples)


def ntriples(triples) -> bytes:
    """Triples of rdflib terms (IRIs and literals) as N-Triples, one sorted line each: the
    one function that writes the triples that travel between processes and into the
    store."""
    return "".join(sorted(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in triples)).encode("utf-8")


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt(term) -> str:
    """One term in N-Triples: ``<iri>``, or a quoted literal (``\\``, ``"``, line breaks
    escaped) with its language or datatype."""
    if not isinstance(term, Literal):
        return f"<{term}>"
    text = f'"{str(term).translate(_ESCAPES)}"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype is not None:
        return f"{text}^^<{term.datatype}>"
    return text


def build_facts(
    doc_id: str,
    source: str,
    version: str,
    seconds: float,
    triples: int,
    built_at: datetime,
    build_id: str,
) -> bytes:
    """When, from what and by which extractor a document was built, and the size of its
    graph, as N-Triples (the store's meta graph: ``kg list`` reads it instead of
    counting, and the skip rule compares the extractor version)."""
    report = report_iri(doc_id)
    return ntriples(
        [
            (report, GKG.builtAt, Literal(built_at.isoformat(), datatype=XSD.dateTime)),
            (report, GKG.buildId, Literal(build_id)),
            (report, GKG.buildSeconds, Literal(f"{seconds:.3f}", datatype=XSD.decimal)),
            (report, GKG.tripleCount, Literal(triples, datatype=XSD.integer)),
            (report, GKG.sourcePath, Literal(source)),
            (report, GKG.extractorVersion, Literal(version)),
        ]
    )


def document_triples(facts: FactSet) -> set[tuple]:
    """All triples of one document."""
    g = _Triples()
    doc = facts.document
    report = report_iri(doc.id)
    text = ID[f"text/{iris.safe(doc.id)}"]
    home = entity_iri(doc.municipality_id)
    g.add((report, RDF.type, GKG.Report))
    g.add((report, RDFS.label, Literal(doc.file)))
    g.add((report, GKG.year, Literal(str(doc.year), datatype=XSD.gYear)))
    g.add((report, GKG.sha256, Literal(doc.sha256)))
    g.add((report, GKG.words, Literal(doc.words)))
    g.add((report, GKG.sourceText, text))
    g.add((text, RDF.type, GKG.SourceText))
    g.add((text, NIF.beginIndex, Literal(0, datatype=XSD.integer)))
    g.add((text, NIF.endIndex, Literal(doc.chars, datatype=XSD.integer)))
    for entity in facts.entities:
        _entity(g, entity, report, text)
    g.add((report, GKG.municipality, home))
    for entity in facts.entities:
        if entity.id.startswith(SCOPED):
            g.add((entity_iri(entity.id), GKG.municipality, home))
    for relation in facts.relations:
        _relation(g, relation, report, text)
    for link in facts.taakvelden:
        _taakveld(g, link, report, text)
    for n, part in enumerate(facts.parts):
        node = ID[f"part/{iris.safe(doc.id)}/{n}-{part.kind}"]
        g.add((report, GKG.hasPart, node))
        g.add((node, RDF.type, GKG.ReportPart))
        g.add((node, GKG.partKind, Literal(part.kind)))
        g.add((node, RDFS.label, Literal(part.title)))
        g.add((node, GKG.firstPage, Literal(part.first_page, datatype=XSD.integer)))
        g.add((node, GKG.lastPage, Literal(part.last_page, datatype=XSD.integer)))
        g.add((node, PROV.wasDerivedFrom, report))
    dataset = ID[f"dataset/{iris.safe(doc.id)}"]
    if facts.indicators:
        g.add((dataset, RDF.type, QB.DataSet))
        g.add((dataset, PROV.wasDerivedFrom, report))
    for n, indicator in enumerate(facts.indicators):
        _indicator(g, indicator, n, dataset, report, text)
    return g.triples


def _entity(g: _Triples, e: Entity, report: URIRef, text: URIRef) -> None:
    node = entity_iri(e.id)
    g.add((node, RDF.type, CLASSES[e.type]))
    name, aliases = _labels(e)
    g.add((node, SKOS.prefLabel, Literal(name)))
    for alias in aliases:
        g.add((node, SKOS.altLabel, Literal(alias)))
    for label in (name, *aliases):
        g.add((node, SKOS.hiddenLabel, Literal(search_key(label))))
        g.add((node, SKOS.hiddenLabel, Literal(stem_key(label))))
        for word in search_words(label):
            g.add((node, GKG.searchWord, Literal(word)))
            g.add((node, GKG.searchWord, Literal(stem(word))))
    if e.code:
        g.add((node, GKG.cbsCode, Literal(e.code)))
    if e.kind:
        concept = GKG[f"initiative-{e.kind}"]
        g.add((node, GKG.initiativeKind, concept))
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, SKOS.inScheme, GKG.initiativeKinds))
        g.add((concept, SKOS.notation, Literal(e.kind)))
        g.add((concept, SKOS.prefLabel, Literal(vocab.INITIATIVE_KINDS[e.kind][0], lang="nl")))
    for m in e.mentions:
        g.add((node, GKG.mention, _mention(g, m, report, text)))


MERGED_TYPES = ("Organisation", "Law")


def _labels(e: Entity) -> tuple[str, tuple[str, ...]]:
    """The preferred label and the others. A national body or law is one node across all
    documents, so it takes the gazetteer's name (one ``skos:prefLabel`` in the union of
    the graphs, not "Wmo" from one report and "Wet maatschappelijke ondersteuning" from
    the next); the report's own wording stays an alternative label."""
    canonical = _canonical().get(normalise_name(e.name)) if e.type in MERGED_TYPES else None
    if canonical is None or canonical == e.name:
        return e.name, e.aliases
    return canonical, tuple(sorted({*e.aliases, e.name} - {canonical}))


@lru_cache(maxsize=1)
def _canonical() -> dict[str, str]:
    return {
        normalise_name(n): k.name for k in (*organisations(), *laws()) for n in (k.name, *k.aliases)
    }


def _relation(g: _Triples, r: Relation, report: URIRef, text: URIRef) -> None:
    s, p, o = entity_iri(r.subject), PREDICATES[r.predicate], entity_iri(r.object)
    g.add((s, p, o))
    digest = hashlib.sha1(f"{s} {p} {o} {r.mention.start}".encode()).hexdigest()[:16]
    node = ID[f"assertion/{iris.safe(r.mention.document)}/{digest}"]
    g.add((node, RDF.type, GKG.RelationAssertion))
    g.add((node, RDF.subject, s))
    g.add((node, RDF.predicate, p))
    g.add((node, RDF.object, o))
    g.add((node, GKG.mention, _mention(g, r.mention, report, text)))


def _taakveld(g: _Triples, t: TaakveldLink, report: URIRef, text: URIRef) -> None:
    programme, concept = entity_iri(t.programme), ID[f"taakveld/{t.code}"]
    g.add((programme, GKG.taakveld, concept))
    g.add((concept, RDF.type, SKOS.Concept))
    g.add((concept, SKOS.inScheme, GKG.taakvelden))
    g.add((concept, SKOS.notation, Literal(t.code)))
    g.add((concept, SKOS.prefLabel, Literal(t.name, lang="nl")))
    node = ID[f"taakveld-link/{iris.safe(t.mention.document)}/{t.mention.start}-{t.code}"]
    g.add((node, RDF.type, GKG.TaakveldLink))
    g.add((node, RDF.subject, programme))
    g.add((node, RDF.predicate, GKG.taakveld))
    g.add((node, RDF.object, concept))
    g.add((node, GKG.mention, _mention(g, t.mention, report, text)))


def _indicator(
    g: _Triples, i: Indicator, n: int, dataset: URIRef, report: URIRef, text: URIRef
) -> None:
    m = i.mention
    node = ID[f"indicator/{iris.safe(m.document)}/{m.start}-{m.end}-{n}"]
    g.add((node, RDF.type, GKG.Indicator))
    g.add((node, QB.dataSet, dataset))
    g.add((node, RDFS.label, Literal(i.label)))
    g.add((node, SDMX_MEASURE.obsValue, Literal(decimal_lexical(i.value), datatype=XSD.decimal)))
    g.add((node, SDMX_ATTRIBUTE.unitMeasure, UNITS[i.unit]))
    g.add((node, GKG.unitCode, Literal(i.unit)))
    g.add((node, GKG.period, Literal(i.period)))
    g.add((node, GKG.kind, GKG[f"kind-{i.kind}"]))
    if i.measure:
        g.add((node, GKG.measureName, Literal(i.measure)))
    if i.common:
        concept = GKG[f"measure-{i.common}"]
        g.add((node, GKG.measure, concept))
        g.add((node, GKG.measureRule, Literal(i.common_rule)))
        # the concept's name and scheme travel with the documents that use it, so a query
        # of the store can show it
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, SKOS.inScheme, GKG.measures))
        g.add((concept, SKOS.notation, Literal(i.common)))
        g.add((concept, SKOS.prefLabel, Literal(vocab.MEASURES[i.common][0], lang="nl")))
    if i.about:
        g.add((node, GKG.about, entity_iri(i.about)))
    g.add((node, GKG.mention, _mention(g, m, report, text)))


def _mention(g: _Triples, m: Mention, report: URIRef, text: URIRef) -> URIRef:
    node = ID[f"mention/{iris.safe(m.document)}/{m.start}-{m.end}"]
    g.add((node, RDF.type, GKG.Mention))
    g.add((node, NIF.beginIndex, Literal(m.start, datatype=XSD.integer)))
    g.add((node, NIF.endIndex, Literal(m.end, datatype=XSD.integer)))
    g.add((node, NIF.referenceContext, text))
    if m.text:
        g.add((node, NIF.anchorOf, Literal(m.text)))
    g.add((node, GKG.sentence, Literal(m.sentence)))
    if m.page:
        g.add((node, GKG.page, Literal(m.page, datatype=XSD.integer)))
    g.add((node, GKG.rule, Literal(m.rule)))
    g.add((node, PROV.wasDerivedFrom, report))
    return node


def decimal_lexical(value: float) -> str:
    """The canonical xsd:decimal form (``58`` → ``58.0``), as Turtle and Oxigraph write it,
    so a graph reads back equal to itself."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text if "." in text else text + ".0"
