import ontology
from kg.namespace import render, terms


def test_namespace_matches_ontology():
    assert render(ontology.read(ontology.ONTOLOGY_FILE)) == terms()


def test_namespace_files_ship_with_package():
    assert ontology.path(ontology.SHAPES_FILE).is_file()
    assert ontology.path(ontology.ONTOLOGY_FILE).is_file()
