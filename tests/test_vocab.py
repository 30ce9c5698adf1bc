"""The vocabulary is generated from the ontology, and everything reads it from there."""

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

import ontology
from kg import iris, rdf, vocab
from kg.namespace import GKG
from ontology.generate import BEGIN, outputs, shapes, vocabulary

ROOT = Path(__file__).resolve().parent.parent


def test_vocab_generated_files_are_up_to_date():
    """kg/vocab.py and the generated blocks of shapes.ttl are what the ontology gives
    (after editing gkg.ttl: python scripts/make_vocab.py)."""
    for path, text in outputs(ROOT).items():
        assert path.read_text(encoding="utf-8") == text, f"{path}: run scripts/make_vocab.py"


def test_vocab_reads_types_relations_and_units_from_the_ontology():
    text = ontology.read(ontology.ONTOLOGY_FILE).replace(
        "gkg:locatedIn a owl:ObjectProperty ; rdfs:domain gkg:Initiative",
        "gkg:locatedIn a owl:ObjectProperty ; rdfs:domain gkg:Programme",
    )
    v = vocabulary(
        text
        + """
gkg:Team a owl:Class ; rdfs:subClassOf gkg:Entity .
gkg:runs a owl:ObjectProperty ; rdfs:domain gkg:Team ; rdfs:range gkg:Initiative .
gkg:unit-km a skos:Concept ; skos:inScheme gkg:units ; skos:notation "km" ;
    skos:exactMatch unit:KiloM .
"""
    )
    assert v.entity_types[-1] == "Team" and v.entity_types[0] == "Municipality"
    assert ("locatedIn", "Programme", "District") in v.relations
    assert v.relations[-1] == ("runs", "Team", "Initiative")
    assert "municipality" not in {name for name, _, _ in v.relations}  # no domain
    assert v.units[0] == ("count", "http://qudt.org/vocab/unit/NUM")
    assert v.units[-1] == ("km", "http://qudt.org/vocab/unit/KiloM")


def test_vocab_shapes_follow_a_new_relation():
    v = vocabulary(
        ontology.read(ontology.ONTOLOGY_FILE)
        + """
gkg:runs a owl:ObjectProperty ; rdfs:domain gkg:Organisation ; rdfs:range gkg:Initiative .
"""
    )
    text = shapes(ontology.read(ontology.SHAPES_FILE), v)
    g = Graph().parse(data=text, format="turtle")
    shape = URIRef("https://w3id.org/gemeente-kg/shapes#OrganisationRelationsShape")
    assert (shape, RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")) in g
    assert "gkg:runs" in text.split(BEGIN)[4]  # the relation predicates list


def test_vocab_shapes_follow_a_new_initiative_kind():
    v = vocabulary(
        ontology.read(ontology.ONTOLOGY_FILE)
        + """
gkg:initiative-fiets a skos:Concept ; skos:inScheme gkg:initiativeKinds ; skos:notation "fiets" ;
    skos:prefLabel "fiets"@nl ; skos:altLabel "fietsplan"@nl .
"""
    )
    assert v.initiative_kinds[-1] == ("fiets", "fiets", ("fietsplan",))
    text = shapes(ontology.read(ontology.SHAPES_FILE), v)
    assert "gkg:initiative-fiets" in text.split(BEGIN)[-1]


def test_vocab_shapes_without_their_markers_are_refused():
    v = vocabulary(ontology.read(ontology.ONTOLOGY_FILE))
    with pytest.raises(ValueError, match="generated blocks"):
        shapes(ontology.read(ontology.SHAPES_FILE).replace(BEGIN, "#", 1), v)


def test_vocab_namespace_and_iris_are_made_from_it():
    assert set(iris.CLASSES) == set(vocab.ENTITY_TYPES)
    assert list(iris.PREDICATES) == list(vocab.RELATIONS)
    assert iris.CLASSES == {k: str(v) for k, v in rdf.CLASSES.items()}
    assert {k: str(v) for k, v in rdf.UNITS.items()} == vocab.UNITS
    assert GKG.Report == URIRef(vocab.GKG + "Report")
    with pytest.raises(AttributeError):
        GKG.reportYear  # noqa: B018 (not a term of the ontology)
    assert iris.graph_iri("Den Haag 2023") == str(rdf.graph_iri("Den Haag 2023"))
    assert iris.report_iri("a/b") == str(rdf.report_iri("a/b"))


def test_vocab_ontology_files_ship_with_package():
    assert ontology.path(ontology.SHAPES_FILE).is_file()
    assert ontology.path(ontology.ONTOLOGY_FILE).is_file()


def test_vocab_reading_commands_do_not_import_rdflib():
    """kg query, list, serve and push start without rdflib (80 ms of start-up)."""
    code = (
        "import sys, kg.cli, kg.server, kg.push; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rdflib'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
