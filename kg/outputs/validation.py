"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

A store is validated one document graph at a time (:func:`validate_store`): each
document's graph is self-contained, memory stays that of one document, and a violation
is reported with the document it is in. Validating the union of a million triples at
once held 3.2 GB."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyshacl
from rdflib import Graph

import ontology

from ..iris import document_id
from ..store import open_store


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
        data,
        shacl_graph=shapes(),
        ont_graph=ontology_graph(),
        inference="none",
        advanced=False,
        allow_warnings=False,
    )
    return bool(conforms), report_graph, str(report_text)


def validate_ntriples(doc_id: str, data: str) -> tuple[str, bool, str]:
    """``(doc_id, conforms, report_text)`` for one document graph given as N-Triples (what
    a worker process receives)."""
    conforms, _, text = validate(Graph().parse(data=data, format="nt"))
    return doc_id, conforms, text


@dataclass(frozen=True)
class Validation:
    documents: int
    failures: tuple[tuple[str, str], ...]  # (document id, SHACL report) per failing document

    @property
    def conforms(self) -> bool:
        return not self.failures


IN_FLIGHT = 4  # document graphs handed to each worker ahead of its results


def validate_store(
    out: Path, jobs: int | None = None, on_document: Callable[[str, str | None], None] | None = None
) -> Validation:
    """SHACL validation of the store, one document graph at a time, in ``jobs`` worker
    processes (default: the CPU count, up to 4, for 8 documents or more).
    ``on_document(doc_id, report_or_None)`` follows each one."""
    failures = []

    def done(doc_id: str, conforms: bool, text: str) -> None:
        if not conforms:
            failures.append((doc_id, text))
        if on_document:
            on_document(doc_id, None if conforms else text)

    with open_store(out, read_only=True) as st:
        names = st.graphs()

        def graph_data(g: str) -> tuple[str, str]:
            return document_id(g), st.graph_ntriples(g).decode("utf-8")

        if jobs is None:
            jobs = min(os.cpu_count() or 1, 4) if len(names) >= 8 else 1
        if jobs == 1:
            for g in names:
                done(*validate_ntriples(*graph_data(g)))
        else:
            with ProcessPoolExecutor(jobs) as pool:
                pending: deque[Future] = deque()
                for g in names:
                    pending.append(pool.submit(validate_ntriples, *graph_data(g)))
                    while len(pending) >= IN_FLIGHT * jobs:
                        done(*pending.popleft().result())
                for future in pending:
                    done(*future.result())
    return Validation(len(names), tuple(sorted(failures)))
