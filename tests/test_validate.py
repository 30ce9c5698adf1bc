from rdflib import Literal

from kg.namespace import GKG
from kg.rdf import document_graph
from kg.validate import validate


def test_validate_sample_conforms(sample_facts):
    conforms, _, text = validate(document_graph(sample_facts))
    assert conforms, text


def test_validate_reports_a_broken_graph(sample_facts):
    g = document_graph(sample_facts)
    indicator = next(g.subjects(GKG.period, None))
    g.set((indicator, GKG.period, Literal("sometime")))
    conforms, report, text = validate(g)
    assert not conforms
    assert "period" in text


def test_validate_search_words_are_single_lower_case_words(sample_facts):
    g = document_graph(sample_facts)
    entity = next(g.subjects(GKG.searchWord, None))
    g.add((entity, GKG.searchWord, Literal("Two Words")))
    conforms, _, text = validate(g)
    assert not conforms and "search word" in text
