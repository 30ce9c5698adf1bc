"""kg.measures: indicators linked to the common measures of the ontology (gkg:measures),
on measure names and sentences of our own."""

import pytest

from kg.measures import common_measure
from kg.vocab import MEASURES


@pytest.mark.parametrize(
    "name,sentence,unit,expected",
    [
        ("aantal bijstandsgerechtigden", "", "count", ("bijstand", "measure.name")),
        ("gemiddelde wachttijd voor een intake", "", "weeks", ("wachttijd", "measure.name")),
        ("doorlooptijd van een aanvraag", "", "days", ("doorlooptijd", "measure.name")),
        ("jongeren met jeugdhulp", "", "percent", ("jeugdhulp", "measure.name")),
        # a name that only says who: the sentence says what
        (
            "huishoudens",
            "In 2024 kregen 310 huishoudens hulp van schuldhulpverlening.",
            "count",
            ("schuldhulp", "measure.sentence"),
        ),
        # the unit must fit: a waiting time is not counted in euros
        ("wachttijd", "", "EUR", None),
        # no name, no link (the sentence alone says too little about the number)
        ("", "Veilig Thuis ontving 4% meer meldingen.", "percent", None),
        # a negation is no match
        ("overige (niet wmo/jeugd)", "", "count", None),
        ("aanvragen", "Er kwamen 530 aanvragen binnen.", "count", None),
        # a request is not a client; the compound in any spelling
        ("aantal wmo meldingen", "", "count", ("wmo-meldingen", "measure.name")),
        ("wmo-meldingen", "", "percent", ("wmo-meldingen", "measure.name")),
        ("wmomeldingen", "", "count", ("wmo-meldingen", "measure.name")),
        ("aantal lopende wmo voorzieningen", "", "count", ("wmo-clienten", "measure.name")),
        # the law's name alone says too little
        ("wmo", "", "count", None),
        # the BBV beleidsindicatoren, as a report's table of them names its rows
        ("verwijzingen halt (bron: bureau halt)", "", "count", ("halt", "measure.name")),
        (
            "jongeren met een delict voor de rechter",
            "",
            "percent",
            ("jongeren-delict", "measure.name"),
        ),
        (
            "kinderen in uitkeringsgezin",
            "",
            "percent",
            ("kinderen-uitkeringsgezin", "measure.name"),
        ),
        ("netto arbeidsparticipatie", "", "percent", ("arbeidsparticipatie", "measure.name")),
        ("netto arbeidsparticipatie", "", "count", None),  # a share only
        ("werkloze jongeren", "", "percent", ("werkloze-jongeren", "measure.name")),
        # money, or a share of it, is none of the measures
        ("jeugdzorg (begroting)", "", "percent", None),
        ("kosten bijstandsuitkeringen", "", "percent", None),
    ],
)
def test_measures_common_measure(name, sentence, unit, expected):
    assert common_measure(name, sentence, unit) == expected


def test_measures_come_from_the_ontology():
    """Each common measure has a Dutch label, units of the vocabulary and words."""
    from kg.vocab import UNITS

    assert len(MEASURES) >= 15
    for label, units, words in MEASURES.values():
        assert label and words and set(units) <= set(UNITS)


def test_measures_reach_the_graph(sample_facts):
    from rdflib import SKOS

    from kg.namespace import GKG
    from kg.rdf import document_graph

    linked = [i for i in sample_facts.indicators if i.common]
    assert {"wachttijd", "mantelzorg", "schuldhulp"} <= {i.common for i in linked}
    graph = document_graph(sample_facts)
    concepts = set(graph.objects(None, GKG.measure))
    assert len(list(graph.subject_objects(GKG.measure))) == len(linked)
    for concept in concepts:  # named in the graph itself, for queries of the store
        assert graph.value(concept, SKOS.prefLabel) is not None
        assert (concept, SKOS.inScheme, GKG.measures) in graph
