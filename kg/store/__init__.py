"""The embedded graph store (Oxigraph, on disk in ``<out>/store/``): the one package that
imports pyoxigraph, and the only place that speaks SPARQL to the store (its queries are
the files in ``sparql/``).

One named graph per document: :meth:`Store.replace_graph` swaps a document's graph in
one SPARQL update, which Oxigraph applies as a single transaction, so a failed or
interrupted build leaves the previous graph in place. Documents that are not in the
store yet are added in batches with :meth:`Store.add_graphs`: one load, one transaction,
for many documents and their build facts. Queries see the union of all document graphs
as their default graph.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph as ox

from .. import iris
from ..errors import QueryError, QuerySyntaxError, StoreError
from . import results
from .results import solution_rows
from .sparql import iri_list, render

if TYPE_CHECKING:  # rdflib is imported where it is used: reading the store does not need it
    from rdflib import Graph

__all__ = [
    "EXPORT_FORMATS",
    "META",
    "STORE_DIR",
    "DocumentRow",
    "Store",
    "Summary",
    "documents",
    "load_graph",
    "open_store",
    "query_table",
    "query_text",
    "store_path",
    "summary",
]

STORE_DIR = "store"
META = iris.META  # build bookkeeping: when and from what each document was built
EXPORT_FORMATS = ("turtle", "nt", "trig", "nquads", "jsonld")

GraphItem = tuple[str, bytes, bytes, str]  # (graph, N-Triples, build facts, report)


def store_path(out: Path) -> Path:
    """Where the store of an output folder lies."""
    return Path(out) / STORE_DIR


@dataclass(frozen=True)
class Summary:
    documents: int
    entities: dict[str, int]
    relations: int
    indicators: int
    triples: int


@dataclass(frozen=True)
class DocumentRow:
    id: str
    file: str
    municipality: str
    year: str
    triples: int
    built_at: str
    seconds: str


class Store:
    """An open store. :func:`open_store` lets go of the database (and its lock) when its
    block ends, even if the caller still holds the object; after that every method
    raises :class:`~kg.errors.StoreError`."""

    def __init__(self, db: ox.Store) -> None:
        self._db: ox.Store | None = db

    @classmethod
    def read_only(cls, path: Path) -> Store:
        """The store in the folder ``path``, read-only: no write lock is taken, so it
        opens while another process builds (it sees the data as of opening)."""
        try:
            return cls(ox.Store.read_only(str(path)))
        except OSError as err:
            raise StoreError(f"cannot open the store in {path}: {err}") from err

    @property
    def db(self) -> ox.Store:
        if self._db is None:
            raise StoreError("the store is closed")
        return self._db

    def close(self) -> None:
        self._db = None

    def flush(self) -> None:
        """Write what RocksDB holds in memory to disk (a build's memory stays flat)."""
        self.db.flush()

    def optimize(self) -> None:
        """Compact the store: after a large build it shrinks severalfold."""
        self.db.optimize()

    # -- writing ------------------------------------------------------------------------

    def replace_graph(
        self, graph: str, ntriples: bytes, meta: bytes | None = None, subject: str | None = None
    ) -> None:
        """Replace the named graph ``graph`` with ``ntriples`` (N-Triples, as
        :func:`kg.rdf.document_ntriples` makes them) and, with ``meta``, the build facts
        about ``subject`` in the meta graph: one SPARQL update, one transaction."""
        parts = _forget(graph, subject if meta is not None else None)
        data = f"GRAPH <{graph}> {{\n{ntriples.decode('utf-8')}\n}}"
        if meta is not None:
            data += f"\nGRAPH <{META}> {{\n{meta.decode('utf-8')}\n}}"
        parts.append(render("insert.ru", data=data))
        try:
            self.db.update(" ;\n".join(parts))
        except (OSError, SyntaxError) as err:
            raise StoreError(f"cannot write graph {graph}: {err}") from err

    def add_graphs(self, items: list[GraphItem]) -> None:
        """Add the graphs of documents the store does not hold yet: ``(graph,
        N-Triples, build facts as N-Triples, report)`` each. The graphs and their build
        facts are loaded together in one transaction (a load of many documents is faster
        than one update per document), after anything the store had under those names
        is dropped."""
        if not items:
            return
        drop = [part for g, _, _, r in items for part in _forget(g, r)]
        quads = b"".join(_in_graph(body, g) + _in_graph(meta, META) for g, body, meta, _ in items)
        try:
            self.db.update(" ;\n".join(drop))
            self.db.load(quads, format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError) as err:
            raise StoreError(f"cannot write {len(items)} document graph(s): {err}") from err

    def remove_documents(self, ids: list[str]) -> None:
        """Drop documents' graphs and build facts, each in one transaction."""
        for doc_id in ids:
            self.db.update(" ;\n".join(_forget(iris.graph_iri(doc_id), iris.report_iri(doc_id))))

    # -- reading ------------------------------------------------------------------------

    def query(self, sparql: str, *, union: bool = True) -> Any:
        """Run a SPARQL query; the default graph is the union of all graphs."""
        try:
            return self.db.query(sparql, use_default_graph_as_union=union)
        except SyntaxError as err:
            raise QuerySyntaxError(f"SPARQL syntax error: {err}") from err
        except OSError as err:
            raise QueryError(f"query failed: {err}") from err

    def _rows(self, name: str, **values: object) -> list[tuple[str, ...]]:
        """The rows of one of the store's own queries (``sparql/<name>.rq``)."""
        try:
            return solution_rows(self.db.query(render(f"{name}.rq", **values)))
        except OSError as err:
            raise StoreError(f"cannot read the store: {err}") from err

    def _number(self, name: str, **values: object) -> int:
        return int(self._rows(name, **values)[0][0])

    def graphs(self) -> list[str]:
        """The document graphs (the meta graph left out)."""
        return sorted(g.value for g in self.db.named_graphs() if g.value != META)

    def document_ids(self) -> list[str]:
        """The ids of the documents in the store."""
        return [iris.document_id(g) for g in self.graphs()]

    def has_graph(self, doc_id: str) -> bool:
        """Whether the store holds any triple of the document's graph."""
        try:
            return bool(self.db.query(render("has-graph.rq", graph=iris.graph_iri(doc_id))))
        except OSError as err:
            raise StoreError(f"cannot read the store: {err}") from err

    def stored_fingerprint(self, doc_id: str) -> tuple[str, ...] | None:
        """(content hash, extractor version, municipality name, year) of a stored
        document, if it is there: what decides its graph besides the file's name."""
        text = render(
            "fingerprint.rq",
            graph=iris.graph_iri(doc_id),
            report=iris.report_iri(doc_id),
            meta=META,
        )
        try:  # one row at most: read as terms (a CSV round trip costs more, once per file)
            solutions = self.db.query(text)
            assert isinstance(solutions, ox.QuerySolutions)  # a SELECT
            for sol in solutions:
                return tuple(sol[v].value for v in ("sha", "ver", "name", "year"))
        except OSError as err:
            raise StoreError(f"cannot read the store: {err}") from err
        return None

    def graph_size(self, graph: str) -> int:
        """The triples in one named graph."""
        return self._number("graph-size", graph=graph)

    def build_facts(self, name: str) -> dict[str, str]:
        """Document graph → the value of one of its report's build facts
        (``gkg:<name>``), for the graphs that have it."""
        return dict(self._rows("build-fact", meta=META, fact=iris.GKG + name))  # type: ignore[arg-type]

    def triple_count(self) -> int:
        """Triples summed over the document graphs (a triple two documents state counts
        twice; counting distinct triples would hold them all in memory). Each graph's
        size is read from its build facts, and counted only when they lack it (stores
        built before they held it): 12–24 ms against 0.6 s for counting at a million
        triples."""
        known = self.build_facts("tripleCount")
        return sum(int(known[g]) if g in known else self.graph_size(g) for g in self.graphs())

    def more_triples_than(self, limit: int) -> bool:
        """Whether the document graphs hold more than ``limit`` triples, reading no more
        than that many (a full count takes 0.6 s at a million triples)."""
        return self._number("more-triples-than", meta=META, limit=limit + 1) > limit

    def graph_versions(self) -> dict[str, str]:
        """For each document graph, a string that changes whenever the graph is
        replaced: the build id in its report's build facts (graphs built before there
        were build ids are left out: nothing vouches that they are unchanged)."""
        return self.build_facts("buildId")

    def state(self) -> str:
        """A digest of the store's build facts (each document's report, its extractor
        version and when it was built): it changes whenever a document is built, rebuilt
        or removed."""
        lines = sorted(self.graph_ntriples(META).splitlines())
        return hashlib.sha256(b"\n".join(lines)).hexdigest()

    def summary(self) -> Summary:
        """Counts over the store: documents, entities per type, relations, indicators,
        triples (SPARQL counts; nothing is loaded into memory)."""
        kinds = {
            iris.GKG + "Report": "",
            iris.GKG + "Indicator": "",
            **{cls: name for name, cls in iris.CLASSES.items()},
        }
        counts = {
            kind: int(n)
            for kind, n in self._rows("entity-counts", kinds=iri_list(kinds), meta=META)
        }
        relations = self._number(
            "relation-count", meta=META, relations=iri_list(iris.PREDICATES.values())
        )
        return Summary(
            counts.get(iris.GKG + "Report", 0),
            {name: counts.get(cls, 0) for name, cls in iris.CLASSES.items()},
            relations,
            counts.get(iris.GKG + "Indicator", 0),
            self.triple_count(),
        )

    def documents(self) -> list[DocumentRow]:
        """The documents with municipality, year, triple count and build time. The
        triple count comes from the build facts; a document built before they held it
        is counted in the store."""
        rows = []
        for graph, file, muni, year, built, secs, n in self._rows("documents", meta=META):
            rows.append(
                DocumentRow(
                    iris.document_id(graph),
                    file,
                    muni,
                    year,
                    int(n) if n else self.graph_size(graph),
                    built,
                    secs,
                )
            )
        return rows

    def explorer_skeleton(self) -> tuple[list, list, list, list]:
        """What the explorer needs to choose its nodes, without sentences or
        indicators: rows (entity, class IRI, name, municipality, year) for each document
        an entity is in, (entity, alias) rows, (subject, predicate IRI, object)
        relation rows and (initiative, kind code) rows."""
        return (
            self._rows("explorer-entities", meta=META, kinds=iri_list(iris.CLASSES.values())),
            self._rows("explorer-aliases"),
            self._rows("explorer-relations", relations=iri_list(iris.PREDICATES.values())),
            self._rows("explorer-initiative-kinds"),
        )

    def explorer_facts(self, entities: list[str]) -> tuple[list, list]:
        """What the explorer's panel shows of ``entities`` beyond the skeleton: (entity,
        sentence, file) rows for their mentions and (entity, indicator, label, value,
        unit, period, kind, measure name, file, sentence) rows for their indicators. Memory follows
        ``entities``."""
        if not entities:
            return [], []
        chosen = iri_list(entities)
        return (
            self._rows("explorer-sentences", meta=META, entities=chosen),
            self._rows("explorer-indicators", meta=META, entities=chosen),
        )

    # -- dumping ------------------------------------------------------------------------

    def graph_ntriples(self, graph: str) -> bytes:
        """One named graph as N-Triples (UTF-8)."""
        return self.db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)) or b""

    def quads(self) -> list[str]:
        """Every quad of the document graphs as sorted N-Quads lines (meta graph left
        out)."""
        data = (self.db.dump(format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")
        meta = f"<{META}> ."
        return sorted(line for line in data.splitlines() if line and not line.endswith(meta))

    def union_graph(self) -> Graph:
        """All document graphs merged into one rdflib Graph (for sorted Turtle); the meta
        graph with build bookkeeping is left out."""
        from rdflib import Graph

        from ..rdf import bind_prefixes

        triples = self.db.query(render("union.rq", meta=META))
        assert isinstance(triples, ox.QueryTriples)  # a CONSTRUCT
        data = triples.serialize(format=ox.RdfFormat.N_TRIPLES)
        g = bind_prefixes(Graph())
        if data:
            g.parse(data=data.decode("utf-8"), format="nt")
        return g

    def graph_turtle(self, graph: str, *, trig: bool = False) -> bytes:
        """One graph's part of a streamed Turtle (or TriG) file, after
        :func:`turtle_header`: its triples with the header's prefixes, without
        repeating them."""
        body = (
            self.db.dump(
                format=ox.RdfFormat.TURTLE, from_graph=ox.NamedNode(graph), prefixes=_prefixes()
            )
            or b""
        )
        lines = body.split(b"\n")
        start = 0
        while start < len(lines) and lines[start].startswith(b"@prefix "):
            start += 1
        body = b"\n".join(lines[start:])
        return b"\n" + (f"<{graph}> {{\n".encode() + body + b"}\n" if trig else body)

    def stream_graphs(self, output: IO[bytes], fmt: str = "turtle") -> None:
        """The document graphs written to the binary file ``output`` one graph after
        the other, so memory stays flat whatever the store holds (a CONSTRUCT over the
        union held 0.7 GB at a million triples; an rdflib graph of it 3 GB).

        ``turtle``, ``nt`` and ``jsonld`` merge the graphs: a triple stated by two
        documents may appear twice, which RDF reads as one. ``trig`` and ``nquads`` keep
        one named graph per document. Graphs come in IRI order and the lines of
        N-Triples and N-Quads sorted within each graph, so the same store gives the same
        file; prefixes are written once."""
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}")
        names = self.graphs()
        if fmt == "jsonld":
            triples = (
                quad.triple
                for g in names
                for quad in self.db.quads_for_pattern(None, None, None, ox.NamedNode(g))
            )
            ox.serialize(triples, output, ox.RdfFormat.JSON_LD)
            return
        if fmt in ("turtle", "trig"):
            output.write(turtle_header())
        for g in names:
            if fmt in ("nt", "nquads"):
                data = b"".join(sorted(self.graph_ntriples(g).splitlines(keepends=True)))
                output.write(_in_graph(data, g) if fmt == "nquads" else data)
            else:
                output.write(self.graph_turtle(g, trig=fmt == "trig"))


def documents(out: Path) -> list[DocumentRow]:
    """The documents in the store of ``out`` (see :meth:`Store.documents`)."""
    with open_store(out, read_only=True) as st:
        return st.documents()


def summary(out: Path) -> Summary:
    """Counts over the store of ``out`` (see :meth:`Store.summary`)."""
    with open_store(out, read_only=True) as st:
        return st.summary()


def query_table(out: Path, sparql: str) -> tuple[list[str], list[list[str]]]:
    """Variables and display rows of a query over the store of ``out`` (see
    :func:`kg.store.results.table`)."""
    with open_store(out, read_only=True) as st:
        return results.table(st, sparql)


def query_text(out: Path, sparql: str, fmt: str) -> str:
    """A query's results over the store of ``out``, serialised in ``fmt``."""
    with open_store(out, read_only=True) as st:
        return results.serialize_results(st.query(sparql), fmt)


@contextmanager
def open_store(out: Path, *, create: bool = False, read_only: bool = False) -> Iterator[Store]:
    """Open the store in ``out/store``; with ``create``, make it when missing.

    ``read_only`` opens it without taking the write lock, so queries work while another
    process builds."""
    path = store_path(out)
    if not create and not path.exists():
        raise StoreError(f"no graph store in {path}; run 'kg build' first")
    if read_only:
        store = Store.read_only(path)
    else:
        try:
            path.mkdir(parents=True, exist_ok=True)
            store = Store(ox.Store(str(path)))
        except OSError as err:
            raise StoreError(f"cannot open the store in {path}: {err}") from err
    try:
        yield store
    finally:
        if not read_only:
            store.flush()
        store.close()


def _in_graph(ntriples: bytes, graph: str) -> bytes:
    """N-Triples lines (each ends in " .\\n") as N-Quads lines in ``graph``."""
    suffix = f" <{graph}> .\n".encode()
    return b"".join(line[:-3] + suffix for line in ntriples.splitlines(keepends=True))


def _forget(graph: str, report: str | None) -> list[str]:
    """The updates that drop a document's graph and, given its report, its build facts."""
    parts = [render("forget.ru", graph=graph)]
    if report is not None:
        parts.append(render("forget-build-facts.ru", meta=META, report=report))
    return parts


@functools.cache
def _prefixes() -> dict[str, str]:
    from ..rdf import PREFIXES

    return {name: str(ns) for name, ns in sorted(PREFIXES.items())}


def turtle_header() -> bytes:
    """The ``@prefix`` lines that start a streamed Turtle or TriG file."""
    return "".join(f"@prefix {k}: <{v}> .\n" for k, v in _prefixes().items()).encode()


def load_graph(out: Path) -> Graph:
    """The store of ``out`` as one rdflib Graph (see :meth:`Store.union_graph`); for
    small stores and tests."""
    with open_store(out, read_only=True) as st:
        return st.union_graph()
