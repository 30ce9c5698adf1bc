"""The extractors package: its components declare what they assign and require, find
each other's work under the names in :mod:`extractors.keys`, and take their cue lists
in ``initialize`` (as spaCy's own rulers take their patterns)."""

import copy

import pytest
import spacy
from spacy.tokens import DocBin

from extractors import gazetteer, keys
from extractors.text import sentence_offsets

TEXT = "In 2023 startte het Zonnewerkplan voor jongeren. Het Zonnefonds hielp 40 gezinnen."


def _pipeline():
    nlp = spacy.blank("nl")
    for name in ("sentencizer", *keys.COMPONENTS):
        nlp.add_pipe(name)
    return nlp


def _annotated(nlp, text=TEXT, year=2023):
    doc = nlp.make_doc(text)
    doc._.kg_year = year
    return nlp(doc)


def _initiatives(nlp):
    doc = _annotated(nlp)
    return {s.text for s in doc.spans[keys.ENTITY_SPANS] if s.label_ == "Initiative"}


def test_extractors_analyze_pipes_sees_each_contract(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    summary = analysis["summary"]
    assert f"doc._.{keys.SECTION_TREE}" in summary[keys.SECTIONS]["assigns"]
    assert "doc.spans" in summary[keys.ENTITIES]["assigns"]
    for name in (keys.ENTITIES, keys.INDICATORS, keys.RELATIONS):
        assert f"doc._.{keys.SECTION_TREE}" in summary[name]["requires"]


def test_extractors_analyze_pipes_reports_a_missing_component():
    """The declarations are real: without the section finder the components that read
    its tree are reported."""
    nlp = spacy.blank("nl")
    for name in ("sentencizer", keys.ENTITIES, keys.INDICATORS):
        nlp.add_pipe(name)
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert f"doc._.{keys.SECTION_TREE}" in problems[keys.ENTITIES]


@pytest.mark.parametrize("how", ["method", "config"])
def test_extractors_initialize_takes_cues(how):
    """Cue lists given to ``initialize`` (directly, or through the config's
    ``[initialize.components]``) replace the bundled ones: a new head word makes a new
    initiative."""
    cues = copy.deepcopy(gazetteer.cues())
    cues["initiative_heads"].append("werkplan")
    bundled = _pipeline()
    bundled.initialize()
    assert _initiatives(bundled) == {"Zonnefonds"}
    custom = _pipeline()
    if how == "config":
        custom.config["initialize"]["components"][keys.ENTITIES] = {"cues": cues}
        custom.initialize()
    else:
        custom.initialize()
        custom.get_pipe(keys.ENTITIES).initialize(cues=cues)
    assert _initiatives(custom) == {"Zonnefonds", "Zonnewerkplan"}


def test_extractors_keys_are_distinct_and_registered():
    assert len(set(keys.COMPONENTS)) == len(keys.COMPONENTS) == 5
    assert len(set(keys.EXTENSIONS)) == len(keys.EXTENSIONS)
    assert all(spacy.tokens.Doc.has_extension(name) for name in keys.EXTENSIONS)


def test_extractors_analyze_pipes_names_only_what_the_caller_sets(nlp):
    """What a component needs is declared: the only requirements no component assigns
    are the two the caller sets (the year and the blocks)."""
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    unmet = {attr for attrs in problems.values() for attr in attrs}
    assert unmet == {f"doc._.{name}" for name in keys.SET_BY_CALLER}


def test_extractors_text_without_a_year_is_an_error(nlp):
    with pytest.raises(ValueError, match="kg_year"):
        nlp("Het jeugdteam hielp in 2023 40 gezinnen.")
    doc = nlp.make_doc("Het jeugdteam hielp 40 gezinnen.")
    doc._.kg_year = "2023"
    with pytest.raises(ValueError, match="an int"):
        nlp(doc)


SAMPLE = (
    "Programma 1 Zorg en welzijn\n"
    "Het Zonnefonds werkt samen met Stichting Welzijn Noord. In 2023 hielp het "
    "jeugdteam 40 gezinnen; de wachttijd daalde naar 6 weken.\n"
)


def _facts(doc):
    return (
        [
            (s.start_char, s.end_char, s.label_, s.id_, s.kb_id_)
            for s in doc.spans[keys.ENTITY_SPANS]
        ],
        doc._.kg_sections,
        doc._.kg_indicators,
        doc._.kg_relations,
        sentence_offsets(doc),
    )


def test_extractors_annotated_doc_round_trips_through_docbin(nlp):
    doc = _annotated(nlp, SAMPLE)
    found = _facts(doc)
    assert found[0] and found[1] and found[2] and found[3]
    data = DocBin(docs=[doc], store_user_data=True).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(nlp.vocab)
    assert back.text == doc.text
    assert _facts(back) == found
    assert back._.kg_year == 2023


def test_extractors_pipe_runs_in_two_processes(nlp):
    texts = [SAMPLE, SAMPLE.replace("40", "55"), "Programma 2 Werk\nGeen cijfers hier.\n"]
    docs = []
    for text in texts:
        doc = nlp.make_doc(text)
        doc._.kg_year = 2023
        docs.append(doc)
    alone = [_facts(nlp(d)) for d in (copy.copy(d) for d in docs)]
    together = [_facts(d) for d in nlp.pipe(docs, n_process=2, batch_size=1)]
    assert together == alone
    assert [n.value for n in together[1][2]][:1] != [n.value for n in together[0][2]][:1]
