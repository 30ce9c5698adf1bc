"""extractors.taakvelden: the Iv3 taakvelden a programme covers, on headings and texts of
our own, in the taakvelden of the report's year."""

import pytest

from extractors.gazetteer import taakveld_keywords
from extractors.taakvelden import folded, links, name_of

KEYWORDS = folded(taakveld_keywords())


@pytest.mark.parametrize(
    "heading,text,year,expected",
    [
        # the heading is a taakveld's name; 18+ and 18- are two of them
        ("Samenkracht en burgerparticipatie", "", 2021, [("6.1", "taakveld.name")]),
        ("Geëscaleerde zorg 18-", "", 2020, [("6.82", "taakveld.name")]),
        ("Sociaal domein", "", 2023, [("6", "taakveld.name")]),
        # the programme's own text names one by code (and name, or the word taakveld)
        (
            "Meedoen",
            "Dit programma valt onder taakveld 6.3 en 6.5 Arbeidsparticipatie.",
            2021,
            [("6.3", "taakveld.code"), ("6.5", "taakveld.code")],
        ),
        ("Meedoen", "In 2021 deden 6.3 procent meer inwoners mee.", 2021, []),
        # a word of the heading names a field; the codes are those of the year
        ("Werk en inkomen", "", 2022, [("6.3", "taakveld.keyword"), ("6.5", "taakveld.keyword")]),
        ("Jeugd", "", 2021, [("6.72", "taakveld.keyword")]),
        ("Wonen en welzijn", "", 2019, [("6.1", "taakveld.keyword")]),
        ("Dienstverlening", "", 2022, []),
    ],
)
def test_taakvelden_links(heading, text, year, expected):
    assert links(heading, text, year, KEYWORDS) == expected


def test_taakvelden_follow_the_classification_of_the_year():
    """6.72 was split in 2023: a youth programme of 2023 covers the parts."""
    found = {code for code, _ in links("Jeugd", "", 2023, KEYWORDS)}
    assert "6.72" not in found and {"6.72a", "6.72b", "6.73a", "6.74c"} <= found
    assert name_of("6.2", 2021) == "Wijkteams"
    assert name_of("6.2", 2023) == "Toegang en eerstelijnsvoorzieningen"


def test_taakvelden_reach_the_graph(sample_facts):
    from rdflib import SKOS

    from kg.namespace import GKG
    from kg.rdf import document_graph

    links_ = sample_facts.taakvelden
    programmes = {e.id for e in sample_facts.entities if e.type == "Programme"}
    assert links_ and {t.programme for t in links_} <= programmes
    assert all(t.mention.rule.startswith("taakveld.") for t in links_)
    graph = document_graph(sample_facts)
    assert len(list(graph.subject_objects(GKG.taakveld))) == len(links_)
    for concept in set(graph.objects(None, GKG.taakveld)):
        assert (concept, SKOS.inScheme, GKG.taakvelden) in graph
        assert graph.value(concept, SKOS.notation) is not None
