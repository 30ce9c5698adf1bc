import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, Literal

from kg import store as kgstore
from kg.cli import main
from kg.namespace import GKG
from kg.outputs.validation import validate, validate_store
from kg.rdf import document_graph
from kg.vocab import RELATIONS


def test_outputs_validation_sample_conforms(sample_facts):
    conforms, _, text = validate(document_graph(sample_facts))
    assert conforms, text


def test_outputs_validation_reports_a_broken_graph(sample_facts):
    g = document_graph(sample_facts)
    indicator = next(g.subjects(GKG.period, None))
    g.set((indicator, GKG.period, Literal("sometime")))
    conforms, report, text = validate(g)
    assert not conforms
    assert "period" in text


@pytest.mark.parametrize(
    "predicate, subject_type, object_type",
    [
        ("hasSubProgramme", "Initiative", "Programme"),  # wrong domain
        ("hasSubProgramme", "Programme", "Organisation"),  # wrong range
        ("hasPartner", "Initiative", "Programme"),
    ],
)
def test_outputs_validation_relations_keep_to_their_domain_and_range(
    sample_facts, predicate, subject_type, object_type
):
    """The relation shapes are generated from the ontology's domain and range."""
    g = document_graph(sample_facts)
    subject = next(g.subjects(RDF.type, GKG[subject_type]))
    obj = next(o for o in g.subjects(RDF.type, GKG[object_type]) if o != subject)
    g.add((subject, GKG[predicate], obj))
    conforms, _, text = validate(g)
    assert not conforms
    domain, range_ = RELATIONS[predicate]
    assert f"does not have class gkg:{domain if subject_type != domain else range_}" in text


def test_outputs_validation_search_words_are_single_lower_case_words(sample_facts):
    g = document_graph(sample_facts)
    entity = next(g.subjects(GKG.searchWord, None))
    g.add((entity, GKG.searchWord, Literal("Two Words")))
    conforms, _, text = validate(g)
    assert not conforms and "search word" in text


@pytest.fixture
def one_broken(two_towns, tmp_path):
    """A copy of the two-report store in which one document's indicator has a period
    that is not one."""
    out = tmp_path / "out"
    shutil.copytree(two_towns, out)
    with kgstore.open_store(out) as st:
        st.db.update(f"""PREFIX gkg: <{GKG}>
            DELETE {{ GRAPH ?g {{ ?i gkg:period ?p }} }}
            INSERT {{ GRAPH ?g {{ ?i gkg:period "sometime" }} }}
            WHERE {{ {{ SELECT ?i ?g ?p WHERE {{ GRAPH ?g {{ ?i gkg:period ?p }}
                      FILTER(CONTAINS(STR(?g), "zwolle")) }} LIMIT 1 }} }}""")
    return out


def test_outputs_validation_store_document_by_document(two_towns):
    result = validate_store(two_towns, jobs=1)
    assert result.conforms and result.documents == 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_outputs_validation_store_names_the_failing_document(one_broken, jobs):
    seen = []
    result = validate_store(
        one_broken, jobs=jobs, on_document=lambda doc, error: seen.append((doc, bool(error)))
    )
    assert not result.conforms and result.documents == 2
    assert [doc for doc, _ in result.failures] == ["zwolle-2022"]
    assert "period" in result.failures[0][1]
    assert sorted(seen) == [("lindewaard-2023", False), ("zwolle-2022", True)]


def test_outputs_validation_cli(runner, two_towns, one_broken):
    ok = runner.invoke(main, ["validate", "--out", str(two_towns)])
    assert ok.exit_code == 0 and "2 document(s)" in ok.output
    bad = runner.invoke(main, ["validate", "--out", str(one_broken)])
    assert bad.exit_code == 1
    assert "document zwolle-2022" in bad.output and "1 of 2 document(s)" in bad.output
    assert "lindewaard-2023" not in bad.output


FRAGMENTS = [
    "Programma 2 Zorg\n\n",
    "De Stichting Welzijn Zwolle hielp ",
    "9" * 30,
    " 1.000.000 ",
    "€ 12,5 mln ",
    "45% ",
    "in 2022 ",
    "per 1 januari 2021 ",
    "Q4 ",
    "(",
    ")",
    "’",
    "project ‘Samen’ ",
    "met de GGD. ",
    "\n• Nota Armoede 2020\n",
    "x € 1.000\n",
    "Wmo | 12 | 13 |\n",
    "0,000000000000001% ",
    "-",
    "12 weken ",
    "\n\n",
]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40))
def test_outputs_validation_graphs_from_fuzzed_text_conform(parts):
    """Whatever the text, every literal is valid for its datatype and the shapes hold."""
    from kg import pipeline
    from kg.document import Document

    text = "".join(parts)
    facts = pipeline.extract_document(
        Document("fuzz", pipeline.sample_path(), text, "Zwolle", "GM0193", 2022)
    )
    g = document_graph(facts)
    bad = [o for o in g.objects() if isinstance(o, Literal) and o.ill_typed]
    assert not bad, bad[:3]
    conforms, _, report = validate(g)
    assert conforms, report[:2000]
