"""SHACL validation of a built graph against ``ontology/shapes.ttl``."""

from __future__ import annotations

import pyshacl
from rdflib import Graph

import ontology


def shapes() -> Graph:
    return Graph().parse(data=ontology.read(ontology.SHAPES_FILE), format="turtle")


def ontology_graph() -> Graph:
    return Graph().parse(data=ontology.read(ontology.ONTOLOGY_FILE), format="turtle")


def validate(data: Graph) -> tuple[bool, Graph, str]:
    """``(conforms, report_graph, report_text)``, as :func:`pyshacl.validate` returns.

    The ontology is passed as ``ont_graph`` so that subclass axioms hold during
    validation (an ``sh:class gkg:Mention`` target accepts subclasses).
    """
    conforms, report_graph, report_text = pyshacl.validate(
        data, shacl_graph=shapes(), ont_graph=ontology_graph(), inference="none",
        advanced=False, allow_warnings=False,
    )
    return bool(conforms), report_graph, str(report_text)
