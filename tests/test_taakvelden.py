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
        # a word inside a longer keyword does not count: beschut werk is not werk (6.5)
        ("Beschut werk en Wsw", "", 2022, [("6.4", "taakveld.keyword")]),
        # a word that names more than one field names none
        ("Participatie", "", 2022, []),
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


@pytest.mark.parametrize(
    "heading,year,expected",
    [
        # a part of the Wmo's maatwerk: before 2023 all of 6.71, then its own part
        ("Begeleiding", 2021, ["6.71"]),
        ("Begeleiding", 2023, ["6.71b"]),
        ("Begeleiding", 2025, ["6.712"]),
        ("Hulp bij het huishouden", 2024, ["6.71a"]),
        # the particular word counts, not the general one beside it
        ("Begeleiding Wmo", 2023, ["6.71b"]),
        ("Wmo", 2023, ["6.71a", "6.71b", "6.71c", "6.71d"]),
        ("Beschermd wonen en opvang", 2025, ["6.811", "6.812"]),
        ("Jeugdreclassering", 2020, ["6.82"]),
    ],
)
def test_taakvelden_keywords_pick_the_part_a_word_names(heading, year, expected):
    assert [code for code, _ in links(heading, "", year, KEYWORDS)] == expected


def test_taakvelden_names_of_the_year():
    assert name_of("6.71b", 2023) == "Begeleiding (Wmo)"


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
