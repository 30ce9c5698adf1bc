from rdflib import RDF, Graph, URIRef

from kg.namespace import GKG
from kg.rdf import TOOI, document_graph, entity_iri, graph_iri


def test_rdf_municipality_iri_is_tooi():
    assert entity_iri("municipality/gm0268") == URIRef(
        "https://identifier.overheid.nl/tooi/id/gemeente/gm0268"
    )
    assert str(entity_iri("municipality/lindewaard")).startswith("https://w3id.org/gemeente-kg/")


def test_rdf_is_deterministic(sample_facts):
    from kg import pipeline

    again = pipeline.extract_file(pipeline.sample_path())
    a = document_graph(sample_facts).serialize(format="longturtle")
    b = document_graph(again).serialize(format="longturtle")
    assert a == b


def test_rdf_every_entity_relation_indicator_has_provenance(sample_facts):
    g = document_graph(sample_facts)
    for cls in (GKG.Initiative, GKG.Organisation, GKG.Indicator, GKG.RelationAssertion):
        nodes = set(g.subjects(RDF.type, cls))
        assert nodes
        for node in nodes:
            mention = g.value(node, GKG.mention)
            assert mention is not None and g.value(mention, GKG.sentence) is not None


def test_rdf_named_graph_per_document():
    assert graph_iri("nijmegen-2020") != graph_iri("amersfoort-2020")
    assert str(graph_iri("a b")).endswith("/a-b")


def test_rdf_graph_parses_back(sample_facts):
    text = document_graph(sample_facts).serialize(format="turtle")
    assert len(Graph().parse(data=text, format="turtle")) > 100
    assert TOOI  # the namespace is importable for users


def test_rdf_a_national_body_has_one_preferred_label_across_documents(tmp_path):
    from rdflib import Literal
    from rdflib.namespace import SKOS

    from kg import pipeline

    union = Graph()
    for stem, wording in (
        ("zwolle-2022", "Wet maatschappelijke ondersteuning"),
        ("kampen-2022", "Wmo"),
    ):
        path = tmp_path / f"{stem}.txt"
        path.write_text(
            f"Zorg\n\nDe {wording} regelt de hulp aan inwoners thuis.\n", encoding="utf-8"
        )
        union += document_graph(pipeline.extract_file(path))
    law = entity_iri("law/wmo")
    assert set(union.objects(law, SKOS.prefLabel)) == {Literal("Wmo")}
    assert Literal("Wet maatschappelijke ondersteuning") in set(union.objects(law, SKOS.altLabel))
