"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

A store is validated one document graph at a time (:func:`kg.db.validate_out`): each
document's graph is self-contained, memory stays that of one document, and a violation
is reported with the document it is in. Validating the union of a million triples at
once held 3.2 GB."""

from __future__ import annotations

from functools import cache

import pyshacl
from rdflib import Graph

import ontology


@cache
def shapes() -> Graph:
    return Graph().parse(data=ontology.read(ontology.SHAPES_FILE), format="turtle")


@cache
def ontology_graph() -> Graph:
    return Graph().parse(data=ontology.read(ontology.ONTOLOGY_FILE), format="turtle")


def validate(data: Graph) -> tuple[bool, Graph, str]:
    """``(conforms, report_graph, report_text)``, as :func:`pyshacl.validate` returns.

    The ontology is passed as ``ont_graph`` so that subclass axioms hold during
    validation (an ``sh:class gkg:Mention`` target accepts subclasses). pyshacl mixes it
    into a copy of ``data``; the cached shapes and ontology are not changed.
    """
    conforms, report_graph, report_text = pyshacl.validate(
        data, shacl_graph=shapes(), ont_graph=ontology_graph(), inference="none",
        advanced=False, allow_warnings=False,
    )
    return bool(conforms), report_graph, str(report_text)


def validate_ntriples(doc_id: str, data: str) -> tuple[str, bool, str]:
    """``(doc_id, conforms, report_text)`` for one document graph given as N-Triples (what
    a worker process receives)."""
    conforms, _, text = validate(Graph().parse(data=data, format="nt"))
    return doc_id, conforms, text
