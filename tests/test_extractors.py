"""The extractors package: its components declare what they assign and require, find
each other's work under the names in :mod:`extractors.keys`, and take their cue lists
in ``initialize`` (as spaCy's own rulers take their patterns)."""

import copy

import pytest
import spacy

from extractors import gazetteer, keys

TEXT = "In 2023 startte het Zonnewerkplan voor jongeren. Het Zonnefonds hielp 40 gezinnen."


def _pipeline():
    nlp = spacy.blank("nl")
    for name in ("sentencizer", *keys.COMPONENTS):
        nlp.add_pipe(name)
    return nlp


def _initiatives(nlp):
    doc = nlp(TEXT)
    return {s.text for s in doc.spans[keys.ENTITY_SPANS] if s.label_ == "Initiative"}


def test_extractors_analyze_pipes_finds_no_problem(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    assert all(problems == [] for problems in analysis["problems"].values())
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


def test_extractors_keys_are_distinct_per_kind():
    data = [
        keys.TEXT,
        keys.TEXT_LINES,
        keys.GLUED,
        keys.SENT_BOUNDS,
        keys.SENT_CHARS,
        keys.ABOUT,
        keys.ABOUT_KINDS,
    ]
    assert len(set(data)) == len(data)
    assert len(set(keys.COMPONENTS)) == len(keys.COMPONENTS) == 5
    assert all(spacy.tokens.Doc.has_extension(name) for name in keys.EXTENSIONS)
