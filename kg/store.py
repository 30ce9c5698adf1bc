"""The embedded graph store (Oxigraph, on disk in ``<out>/store/``).

One named graph per document: :func:`replace_graph` swaps a document's graph in one
SPARQL update, which Oxigraph applies as a single transaction, so a failed or
interrupted build leaves the previous graph in place. Queries see the union of all
document graphs as their default graph.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from .errors import QueryError, StoreError
from .rdf import bind_prefixes

STORE_DIR = "store"
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


def replace_graph(store: StoreHandle, graph: URIRef, triples: Graph) -> None:
    """Replace the named graph ``graph`` with ``triples``, in one transaction."""
    body = triples.serialize(format="nt")
    try:
        store.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n"
                     f"{body}\n}} }}")
    except (OSError, SyntaxError) as err:
        raise StoreError(f"cannot write graph {graph}: {err}") from err


def remove_graph(store: StoreHandle, graph: URIRef) -> None:
    store.update(f"DROP SILENT GRAPH <{graph}>")


def graphs(store: StoreHandle) -> list[str]:
    return sorted(g.value for g in store.named_graphs())


def query(store: StoreHandle, sparql: str):
    """Run a SPARQL query over the union of all document graphs."""
    try:
        return store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {err}") from err
    except OSError as err:
        raise QueryError(f"query failed: {err}") from err


def serialize_results(results, fmt: str) -> str:
    """SPARQL 1.1 results in JSON, CSV, TSV or XML."""
    return results.serialize(format=FORMATS[fmt]).decode("utf-8")


def union_graph(store: StoreHandle) -> Graph:
    """All document graphs merged into one rdflib Graph (for Turtle export and viz)."""
    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                          use_default_graph_as_union=True)
    data = triples.serialize(format=ox.RdfFormat.N_TRIPLES)
    g = bind_prefixes(Graph())
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    return g
