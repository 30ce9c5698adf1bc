from pathlib import Path

from kg.collect import collect
from kg.document import Document


def _facts(annotate, text, name="Amersfoort", code="GM0307", year=2020):
    doc = annotate(text, year)
    return collect(
        doc, Document("amersfoort-2020", Path("amersfoort-2020.txt"), text, name, code, year)
    )


def test_collect_merges_abbreviation_into_one_entity(annotate):
    facts = _facts(annotate, "Het Jongeren Informatiepunt (JIP) is open. Het JIP groeit.")
    jip = [e for e in facts.entities if "JIP" in (e.name, *e.aliases)]
    assert len(jip) == 1 and jip[0].name == "Jongeren Informatiepunt"


def test_collect_mentions_point_into_the_text(annotate, sample_facts):
    text = sample_facts.text
    for e in sample_facts.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
            assert m.text in m.sentence or m.start == m.end
    for i in sample_facts.indicators:
        assert text[i.mention.start : i.mention.end] == i.mention.text


def test_collect_reporting_municipality_always_present(annotate):
    facts = _facts(annotate, "Een tekst zonder namen.")
    home = facts.entity("municipality/gm0307")
    assert home is not None and home.name == "Amersfoort" and "gemeente Amersfoort" in home.aliases


def test_collect_every_fact_has_a_rule(sample_facts):
    assert all(m.rule for e in sample_facts.entities for m in e.mentions)
    assert all(r.mention.rule for r in sample_facts.relations)
    assert all(i.mention.rule for i in sample_facts.indicators)


def test_collect_sample_exercises_every_type_and_relation(sample_facts):
    types = {e.type for e in sample_facts.entities}
    assert types == {
        "Municipality",
        "Programme",
        "Initiative",
        "Organisation",
        "District",
        "Region",
        "Law",
    }
    predicates = {r.predicate for r in sample_facts.relations}
    assert predicates == {
        "hasProgramme",
        "hasSubProgramme",
        "partOfProgramme",
        "hasPartner",
        "partnersWith",
        "locatedIn",
    }
    assert {i.unit for i in sample_facts.indicators} >= {"count", "percent", "EUR", "weeks", "days"}


def test_collect_organisations_are_global_initiatives_scoped(sample_facts):
    ids = {e.type: e.id for e in sample_facts.entities}
    assert ids["Organisation"].startswith("organisation/")
    assert ids["Initiative"].startswith("initiative/lindewaard/")


def test_collect_names_do_not_take_the_sentence_full_stop(annotate):
    facts = _facts(
        annotate,
        "Er is een samenwerking met TiU gestart. De agenda is van TiU.\n"
        "Dit doen we met Welzorg b.v.\n",
    )
    names = {e.name for e in facts.entities if e.type == "Organisation"}
    assert "TiU" in names and "Welzorg b.v." in names and "TiU." not in names


def test_collect_merges_a_name_with_and_without_the_town_and_in_another_order(annotate):
    facts = _facts(
        annotate,
        "Samen met WijkKracht Amersfoort en Welzijn Noord Veluwe werken we "
        "aan de wijk. WijkKracht is er voor jongeren. Ook Welzijn Veluwe "
        "Noord doet mee.",
    )
    orgs = sorted((e.name, e.aliases) for e in facts.entities if e.type == "Organisation")
    assert ("WijkKracht Amersfoort", ("WijkKracht",)) in orgs
    assert len([n for n, _ in orgs if n.startswith("Welzijn")]) == 1, orgs
