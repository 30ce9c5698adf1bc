"""Terms of the Gemeente KG ontology (``ontology/gkg.ttl``) as an rdflib namespace, made
from the generated :mod:`kg.vocab`: ``GKG.Report``, ``GKG["unit-count"]``; a term the
ontology does not define raises ``AttributeError``."""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, DefinedNamespaceMeta, Namespace
from rdflib.term import URIRef

from . import vocab

GKG = DefinedNamespaceMeta(
    "GKG",
    (DefinedNamespace,),
    {
        "__module__": __name__,
        "__doc__": "Gemeente KG ontology terms.",
        "__annotations__": {term: URIRef for term in vocab.TERMS},
        "_NS": Namespace(vocab.GKG),
        "_fail": True,
    },
)
