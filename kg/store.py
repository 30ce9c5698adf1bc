"""The embedded graph store (Oxigraph, on disk in ``<out>/store/``).

One named graph per document: :func:`replace_graph` swaps a document's graph in one
SPARQL update, which Oxigraph applies as a single transaction, so a failed or
interrupted build leaves the previous graph in place. Documents that are not in the
store yet are added in batches with :func:`add_graphs`: one load, one transaction, for
many documents and their build facts. Queries see the union of all document graphs as
their default graph.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from . import iris
from .errors import QueryError, StoreError

if TYPE_CHECKING:  # rdflib is imported where it is used: reading the store does not need it
    from rdflib import Graph, URIRef

STORE_DIR = "store"
META = iris.META  # build bookkeeping: when and from what each document was built
FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}


class StoreHandle:
    """An open store that lets go of the database (and its lock) when its block ends,
    even if the caller still holds the handle."""

    def __init__(self, store: ox.Store) -> None:
        self._store: ox.Store | None = store

    def __getattr__(self, name: str):
        if self._store is None:
            raise StoreError("the store is closed")
        return getattr(self._store, name)

    def close(self) -> None:
        self._store = None


@contextmanager
def open_store(out: Path, *, create: bool = False,
               read_only: bool = False) -> Iterator[StoreHandle]:
    """Open the store in ``out/store``; with ``create``, make it when missing.

    ``read_only`` opens it without taking the write lock, so queries work while another
    process builds."""
    path = Path(out) / STORE_DIR
    if not create and not path.exists():
        raise StoreError(f"no graph store in {path}; run 'kg build' first")
    try:
        if read_only:
            store = ox.Store.read_only(str(path))
        else:
            path.mkdir(parents=True, exist_ok=True)
            store = ox.Store(str(path))
    except OSError as err:
        raise StoreError(f"cannot open the store in {path}: {err}") from err
    handle = StoreHandle(store)
    del store
    try:
        yield handle
    finally:
        if not read_only:
            handle.flush()
        handle.close()


def replace_graph(store: StoreHandle, graph: URIRef, triples: Graph | str,
                  meta: Graph | None = None, subject: URIRef | None = None) -> None:
    """Replace the named graph ``graph`` with ``triples`` (a Graph or N-Triples text)
    and, with ``meta``, the build facts about ``subject`` in the meta graph: one SPARQL
    update, one transaction."""
    body = triples if isinstance(triples, str) else triples.serialize(format="nt")
    parts = _forget(graph, subject if meta is not None else None)
    data = f"GRAPH <{graph}> {{\n{body}\n}}"
    if meta is not None:
        data += f"\nGRAPH <{META}> {{\n{meta.serialize(format='nt')}\n}}"
    parts.append(f"INSERT DATA {{ {data} }}")
    try:
        store.update(" ;\n".join(parts))
    except (OSError, SyntaxError) as err:
        raise StoreError(f"cannot write graph {graph}: {err}") from err


def add_graphs(store: StoreHandle,
               items: list[tuple[URIRef, str, Graph, URIRef]]) -> None:
    """Add the graphs of documents the store does not hold yet: ``(graph, N-Triples,
    build facts, report)`` each. The graphs and their build facts are loaded together in
    one transaction (a load of many documents is faster than one update per document),
    after anything the store had under those names is dropped."""
    if not items:
        return
    drop = [part for g, _, _, r in items for part in _forget(g, r)]
    # the lines are Turtle statements (a literal may span lines), so TriG holds them
    trig = "".join(f"<{g}> {{\n{body}}}\n" for g, body, _, _ in items)
    meta = "".join(m.serialize(format="nt") for _, _, m, _ in items)
    trig += f"<{META}> {{\n{meta}}}\n"
    try:
        store.update(" ;\n".join(drop))
        store.load(trig.encode("utf-8"), format=ox.RdfFormat.TRIG)
    except (OSError, SyntaxError, ValueError) as err:
        raise StoreError(f"cannot write {len(items)} document graph(s): {err}") from err


def remove_graph(store: StoreHandle, graph: URIRef, subject: URIRef | None = None) -> None:
    """Drop a document's graph and its build facts, in one transaction."""
    store.update(" ;\n".join(_forget(graph, subject)))


def _forget(graph: URIRef, subject: URIRef | None) -> list[str]:
    """The updates that drop a document's graph and, given its report, its build facts."""
    parts = [f"DROP SILENT GRAPH <{graph}>"]
    if subject is not None:
        parts.append(f"DELETE WHERE {{ GRAPH <{META}> {{ <{subject}> ?p ?o }} }}")
    return parts


def graphs(store: StoreHandle) -> list[str]:
    """The document graphs (the meta graph left out)."""
    return sorted(g.value for g in store.named_graphs() if g.value != str(META))


def graph_size(store: StoreHandle, graph: str) -> int:
    """The triples in one named graph."""
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    return int(next(iter(store.query(q)))["n"].value)


def triple_count(store: StoreHandle) -> int:
    """Triples summed over the document graphs (a triple two documents state counts
    twice; counting distinct triples would hold them all in memory). Each graph's size is
    read from its build facts, and counted only when they lack it (stores built before
    they held it): 12–24 ms against 0.6 s for counting at a million triples."""
    known = build_facts(store, "tripleCount")
    return sum(int(known[g]) if g in known else graph_size(store, g) for g in graphs(store))


def build_facts(store: StoreHandle, name: str) -> dict[str, str]:
    """Document graph → the value of one of its report's build facts (``gkg:<name>``),
    for the graphs that have it."""
    return dict(solution_rows(store.query(f"""
        SELECT ?g ?value WHERE {{ GRAPH ?g {{ ?r a <{iris.GKG}Report> }}
                                  GRAPH <{META}> {{ ?r <{iris.GKG}{name}> ?value }} }}""")))


def more_triples_than(store: StoreHandle, limit: int) -> bool:
    """Whether the document graphs hold more than ``limit`` triples, reading no more than
    that many (a full count takes 0.6 s at a million triples)."""
    q = (f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT ?s WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
         f"FILTER(?g != <{META}>) }} LIMIT {limit + 1} }}")
    return int(next(iter(store.query(q)))["n"].value) > limit


def state(store: StoreHandle) -> str:
    """A digest of the store's build facts (each document's report, its extractor version
    and when it was built): it changes whenever a document is built, rebuilt or removed."""
    lines = sorted(graph_ntriples(store, str(META)).splitlines())
    return hashlib.sha256(b"\n".join(lines)).hexdigest()


def graph_ntriples(store: StoreHandle, graph: str) -> bytes:
    """One named graph as N-Triples (UTF-8)."""
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))


EXPORT_FORMATS = ("turtle", "nt", "trig", "nquads", "jsonld")


def stream_graphs(store: StoreHandle, output, fmt: str = "turtle") -> None:
    """The document graphs written to the binary file ``output`` one graph after the other,
    so memory stays flat whatever the store holds (a CONSTRUCT over the union held 0.7 GB
    at a million triples; an rdflib graph of it 3 GB).

    ``turtle``, ``nt`` and ``jsonld`` merge the graphs: a triple stated by two documents
    may appear twice, which RDF reads as one. ``trig`` and ``nquads`` keep one named graph
    per document. Graphs come in IRI order and the lines of N-Triples and N-Quads sorted
    within each graph, so the same store gives the same file; prefixes are written once."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}")
    names = graphs(store)
    if fmt == "jsonld":
        triples = (quad.triple for g in names
                   for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(g)))
        ox.serialize(triples, output, ox.RdfFormat.JSON_LD)
        return
    if fmt in ("turtle", "trig"):
        output.write(turtle_header())
    for g in names:
        if fmt in ("nt", "nquads"):
            lines = sorted(graph_ntriples(store, g).splitlines(keepends=True))
            if fmt == "nquads":  # each line ends in " .\n": the graph goes before it
                suffix = f" <{g}> .\n".encode()
                lines = [line[:-3] + suffix for line in lines]
            output.write(b"".join(lines))
        else:
            output.write(graph_turtle(store, g, trig=fmt == "trig"))


@functools.cache
def _prefixes() -> dict[str, str]:
    from .rdf import PREFIXES

    return {name: str(ns) for name, ns in sorted(PREFIXES.items())}


def turtle_header() -> bytes:
    """The ``@prefix`` lines that start a streamed Turtle or TriG file."""
    return "".join(f"@prefix {k}: <{v}> .\n" for k, v in _prefixes().items()).encode()


def graph_turtle(store: StoreHandle, graph: str, *, trig: bool = False) -> bytes:
    """One graph's part of a streamed Turtle (or TriG) file, after :func:`turtle_header`:
    its triples with the header's prefixes, without repeating them."""
    body = store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.NamedNode(graph),
                      prefixes=_prefixes())
    lines = body.split(b"\n")
    start = 0
    while start < len(lines) and lines[start].startswith(b"@prefix "):
        start += 1
    body = b"\n".join(lines[start:])
    return b"\n" + (f"<{graph}> {{\n".encode() + body + b"}\n" if trig else body)


def graph_versions(store: StoreHandle) -> dict[str, str]:
    """For each document graph, a string that changes whenever the graph is replaced: the
    build id in its report's build facts (graphs built before there were build ids are
    left out: nothing vouches that they are unchanged)."""
    return build_facts(store, "buildId")


_EXPLORER_PREFIXES = """
    PREFIX gkg: <https://w3id.org/gemeente-kg/def#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    PREFIX m: <http://purl.org/linked-data/sdmx/2009/measure#>
"""


_KINDS = " ".join(f"<{cls}>" for cls in iris.CLASSES.values())
_RELATIONS = " ".join(f"<{p}>" for p in iris.PREDICATES.values())


def explorer_skeleton(store: StoreHandle) -> tuple[list, list, list]:
    """What the explorer needs to choose its nodes, without sentences or indicators:
    rows (entity, class IRI, name, municipality, year) for each document an entity is
    in, (entity, alias) rows and (subject, predicate IRI, object) relation rows."""
    entities = f"""{_EXPLORER_PREFIXES}
    SELECT ?e ?kind ?name ?home ?year WHERE {{
      GRAPH ?g {{ ?e a ?kind ; skos:prefLabel ?name . VALUES ?kind {{ {_KINDS} }}
                 OPTIONAL {{ ?r a gkg:Report ; gkg:year ?year ; gkg:municipality ?m .
                            ?m skos:prefLabel ?home }} }}
      FILTER(?g != <{META}>) }}"""
    aliases = f"""{_EXPLORER_PREFIXES}
    SELECT DISTINCT ?e ?alias WHERE {{ GRAPH ?g {{ ?e skos:altLabel ?alias }} }}"""
    relations = f"""{_EXPLORER_PREFIXES}
    SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o . VALUES ?p {{ {_RELATIONS} }} }} }}"""
    return (solution_rows(store.query(entities)), solution_rows(store.query(aliases)),
            solution_rows(store.query(relations)))


def explorer_facts(store: StoreHandle, entities: list[str]) -> tuple[list, list]:
    """What the explorer's panel shows of ``entities`` beyond the skeleton: (entity,
    sentence, file) rows for their mentions and (entity, indicator, label, value, unit,
    period, file, sentence) rows for their indicators. Memory follows ``entities``."""
    if not entities:
        return [], []
    chosen = " ".join(f"<{e}>" for e in entities)
    sentences = f"""{_EXPLORER_PREFIXES}
    SELECT DISTINCT ?e ?sentence ?file WHERE {{ VALUES ?e {{ {chosen} }}
      GRAPH ?g {{ ?e gkg:mention ?mention . ?mention gkg:sentence ?sentence ;
                  prov:wasDerivedFrom ?report . ?report rdfs:label ?file }}
      FILTER(?g != <{META}>) }}"""
    indicators = f"""{_EXPLORER_PREFIXES}
    SELECT ?e ?i ?label ?v ?u ?per ?file ?sentence WHERE {{ VALUES ?e {{ {chosen} }}
      GRAPH ?g {{ ?i gkg:about ?e ; rdfs:label ?label ; m:obsValue ?v ; gkg:unitCode ?u ;
                  gkg:period ?per ; gkg:mention ?mention . ?mention gkg:sentence ?sentence ;
                  prov:wasDerivedFrom ?report . ?report rdfs:label ?file }}
      FILTER(?g != <{META}>) }}"""
    return solution_rows(store.query(sentences)), solution_rows(store.query(indicators))


def solution_rows(results) -> list[tuple[str, ...]]:
    """The rows of SELECT results as tuples of term values in the order of the query's
    variables (an unbound variable gives ""). Read through Oxigraph's CSV results, which
    hold exactly those values: a third faster than a Python object per term (2.6 → 1.6 s
    for the explorer's 68k rows at a million triples)."""
    text = results.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
    return [tuple(row) for row in csv.reader(io.StringIO(text, newline=""))][1:]


def quads(store: StoreHandle) -> list[str]:
    """Every quad of the document graphs as sorted N-Quads lines (meta graph left out)."""
    data = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    meta = f"<{META}> ."
    return sorted(line for line in data.splitlines() if line and not line.endswith(meta))


def query(store: StoreHandle, sparql: str):
    """Run a SPARQL query over the union of all document graphs."""
    try:
        return store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {err}") from err
    except OSError as err:
        raise QueryError(f"query failed: {err}") from err


GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}


def is_graph_result(results) -> bool:
    return isinstance(results, ox.QueryTriples)


def is_boolean_result(results) -> bool:
    return isinstance(results, ox.QueryBoolean)


def serialize_results(results, fmt: str) -> str:
    """SPARQL 1.1 results in JSON, CSV, TSV or XML; graphs (CONSTRUCT, DESCRIBE) in
    Turtle, N-Triples, JSON-LD or RDF/XML."""
    return (_serialize(results, fmt, None) or b"").decode("utf-8")


def write_results(results, fmt: str, output) -> None:
    """Like :func:`serialize_results`, streamed into ``output`` (anything with ``write``).
    Oxigraph evaluates a query while its results are written, so an exception raised by
    ``output.write`` stops the evaluation: the server's deadline and size cap."""
    _serialize(results, fmt, output)


def _serialize(results, fmt: str, output) -> bytes | None:
    if is_graph_result(results):
        return results.serialize(output, format=GRAPH_FORMATS.get(fmt, ox.RdfFormat.TURTLE))
    if fmt not in FORMATS:
        raise QueryError(f"format {fmt!r} is for graphs; a SELECT or ASK query gives "
                         f"{', '.join(FORMATS)}")
    return results.serialize(output, format=FORMATS[fmt])


def union_graph(store: StoreHandle) -> Graph:
    """All document graphs merged into one rdflib Graph (for Turtle export and viz); the
    meta graph with build bookkeeping is left out."""
    from rdflib import Graph

    from .rdf import bind_prefixes

    triples = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                          f"FILTER(?g != <{META}>) }}")
    data = triples.serialize(format=ox.RdfFormat.N_TRIPLES)
    g = bind_prefixes(Graph())
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    return g
