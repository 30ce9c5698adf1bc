"""The project's IRIs as plain strings, for the modules that only talk SPARQL to the store
(``kg query``, ``kg list``, ``kg serve`` start without importing rdflib: 80 ms of their
start-up). :mod:`kg.namespace` and :mod:`kg.rdf`, which mint triples, build their rdflib
terms from these and :mod:`kg.vocab`."""

from __future__ import annotations

from . import vocab

BASE = "https://w3id.org/gemeente-kg/"
GKG = vocab.GKG
ID = BASE + "id/"
GRAPH = BASE + "graph/"
META = GRAPH + "_meta"  # build bookkeeping: when and from what each document was built

# the entity classes and relation properties of the ontology (see kg.vocab)
CLASSES = {name: GKG + name for name in vocab.ENTITY_TYPES}
PREDICATES = {name: GKG + name for name in vocab.RELATIONS}


def safe(text: str) -> str:
    """Document ids are file stems; keep them IRI-safe."""
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in text)


def graph_iri(document_id: str) -> str:
    """The named graph of one document."""
    return GRAPH + safe(document_id)


def report_iri(document_id: str) -> str:
    return f"{ID}report/{safe(document_id)}"


def document_id(graph: str) -> str:
    """The document id of a document's named graph (:func:`graph_iri`)."""
    return graph.removeprefix(GRAPH)
