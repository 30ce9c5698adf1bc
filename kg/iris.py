"""The project's IRIs as plain strings, for the modules that only talk SPARQL to the store
(``kg query``, ``kg list``, ``kg serve`` start without importing rdflib: 80 ms of their
start-up). :mod:`kg.namespace` and :mod:`kg.rdf`, which mint triples, build their rdflib
terms from these."""

from __future__ import annotations

BASE = "https://w3id.org/gemeente-kg/"
GKG = BASE + "def#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
META = GRAPH + "_meta"  # build bookkeeping: when and from what each document was built

# the entity classes and relation properties of the ontology, as the facts name them
CLASS_NAMES = ("Municipality", "Organisation", "Programme", "Initiative", "District",
               "Region", "Law")
PREDICATE_NAMES = ("hasProgramme", "hasSubProgramme", "partOfProgramme", "hasPartner",
                   "partnersWith", "locatedIn")
CLASSES = {name: GKG + name for name in CLASS_NAMES}
PREDICATES = {name: GKG + name for name in PREDICATE_NAMES}


def safe(text: str) -> str:
    """Document ids are file stems; keep them IRI-safe."""
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in text)


def graph_iri(document_id: str) -> str:
    """The named graph of one document."""
    return GRAPH + safe(document_id)


def report_iri(document_id: str) -> str:
    return f"{ID}report/{safe(document_id)}"
