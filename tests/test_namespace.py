import ontology
from kg.namespace import render, terms


def test_namespace_matches_ontology():
    assert render(ontology.read(ontology.ONTOLOGY_FILE)) == terms()


def test_namespace_files_ship_with_package():
    assert ontology.path(ontology.SHAPES_FILE).is_file()
    assert ontology.path(ontology.ONTOLOGY_FILE).is_file()


def test_namespace_plain_iris_agree_with_the_minted_ones():
    from kg import iris, rdf
    from kg.namespace import GKG

    assert iris.CLASSES == {k: str(v) for k, v in rdf.CLASSES.items()}
    assert iris.PREDICATES == {k: str(v) for k, v in rdf.PREDICATES.items()}
    assert all(name in GKG.__annotations__ for name in iris.CLASS_NAMES + iris.PREDICATE_NAMES)
    assert iris.graph_iri("Den Haag 2023") == str(rdf.graph_iri("Den Haag 2023"))
    assert iris.report_iri("a/b") == str(rdf.report_iri("a/b"))


def test_namespace_reading_commands_do_not_import_rdflib():
    """kg query, list, serve and push start without rdflib (80 ms of start-up)."""
    import subprocess
    import sys

    code = ("import sys, kg.cli, kg.server, kg.push; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rdflib'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
