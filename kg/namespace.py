"""Terms of the Gemeente KG ontology (``ontology/gkg.ttl``) as an rdflib namespace.

Generated from the ontology in the form of ``rdflib/namespace/_SKOS.py``;
``tests/test_namespace.py`` checks that it and the ontology agree. Regenerate with
``python -m kg.namespace``."""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from .iris import BASE
from .iris import GKG as GKG_IRI


class GKG(DefinedNamespace):
    """Gemeente KG ontology terms."""

    _NS = Namespace(GKG_IRI)
    _fail = True

    District: URIRef
    Indicator: URIRef
    Initiative: URIRef
    Law: URIRef
    Mention: URIRef
    Municipality: URIRef
    Organisation: URIRef
    Programme: URIRef
    Region: URIRef
    RelationAssertion: URIRef
    Report: URIRef
    SourceText: URIRef
    about: URIRef
    buildId: URIRef
    buildSeconds: URIRef
    builtAt: URIRef
    cbsCode: URIRef
    extractorVersion: URIRef
    hasPartner: URIRef
    hasProgramme: URIRef
    hasSubProgramme: URIRef
    locatedIn: URIRef
    mention: URIRef
    municipality: URIRef
    partOfProgramme: URIRef
    partnersWith: URIRef
    period: URIRef
    rule: URIRef
    searchWord: URIRef
    sentence: URIRef
    sha256: URIRef
    sourcePath: URIRef
    sourceText: URIRef
    tripleCount: URIRef
    unitCode: URIRef
    words: URIRef
    year: URIRef


def render(ontology_text: str) -> str:
    """The source of this module for the given ontology (used by the test and ``main``)."""
    import rdflib
    from rdflib import RDF

    g = rdflib.Graph().parse(data=ontology_text, format="turtle")
    prefix = BASE + "def#"
    return "\n".join(sorted({str(s)[len(prefix):] for s in g.subjects(RDF.type, None)
                              if str(s).startswith(prefix)}))


def terms() -> str:
    """The terms this module declares, one a line, sorted."""
    return "\n".join(sorted(GKG.__annotations__))


if __name__ == "__main__":
    import ontology

    print(render(ontology.read(ontology.ONTOLOGY_FILE)))
