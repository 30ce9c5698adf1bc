"""The entity rules' registry: one record per rule, checked when it loads; a rule added
through the config finds; a disabled rule finds nothing; a finder that breaks its
record's contract is an error."""

import copy

import pytest
import spacy

from extractors import gazetteer, keys
from extractors.entities import FINDERS
from extractors.rules import RuleError, rules_from

TEXT = "Programma 1 Zorg\nDe Buurtcirkel Oost start in 2023 met de Vitale Vonk Oost voor ouderen."


def _pipeline(rules=None, disabled=()):
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(keys.LINES)
    for name in keys.COMPONENTS[1:]:
        config = {"disabled": list(disabled)} if name == keys.ENTITIES else {}
        nlp.add_pipe(name, config=config)
    if rules is not None:
        nlp.config["initialize"]["components"][keys.ENTITIES] = {"rules": rules}
    nlp.initialize()
    return nlp


def _finds(nlp, text=TEXT):
    doc = nlp.make_doc(text)
    doc._.kg_year = 2023
    doc = nlp(doc)
    return {(s.text, s.label_, s.id_) for s in doc.spans[keys.ENTITY_SPANS]}


def test_rules_bundled_registry_names_each_finder_once():
    registry = rules_from(gazetteer.entity_rules(), FINDERS)
    finders = [r.finder for r in registry if r.finder]
    assert sorted(finders) == sorted(FINDERS)  # no finder without a rule, none twice
    assert len({r.name for r in registry}) == len(registry)


def test_rules_a_rule_added_through_the_config_finds():
    """Adding a rule is one record: token patterns, a label and a priority."""
    added = {
        "name": "circle",
        "priority": 5,
        "labels": ["Initiative"],
        "patterns": [[{"LOWER": "buurtcirkel"}, {"IS_TITLE": True}]],
    }
    before = _finds(_pipeline())
    after = _finds(_pipeline([*gazetteer.entity_rules(), added]))
    assert ("Buurtcirkel Oost", "Initiative", "circle") in after
    assert not [f for f in before if f[2] == "circle"]
    assert after - before == {("Buurtcirkel Oost", "Initiative", "circle")}


def test_rules_a_disabled_rule_finds_nothing():
    found = _finds(_pipeline())
    assert ("Vitale Vonk Oost", "Initiative", "capitalised") in found
    without = _finds(_pipeline(disabled=["capitalised"]))
    assert not [f for f in without if f[2] == "capitalised"]
    assert found - without == {("Vitale Vonk Oost", "Initiative", "capitalised")}


def test_rules_disabling_an_unknown_rule_is_refused():
    with pytest.raises(RuleError, match="no entity rule"):
        _pipeline(disabled=["no_such_rule"])


@pytest.mark.parametrize(
    "record,message",
    [
        ({"priority": 1, "labels": ["Law"], "finder": "laws"}, "without a name"),
        ({"name": "x", "labels": ["Law"], "finder": "laws"}, "int priority"),
        ({"name": "x", "priority": 1, "labels": ["Law"]}, "a finder, token patterns or both"),
        ({"name": "x", "priority": 1, "labels": ["Law"], "finder": "nope"}, "no finder"),
        ({"name": "x", "priority": 1, "labels": ["Thing"], "finder": "laws"}, "labels"),
        (
            {"name": "x", "priority": 1, "labels": ["Law"], "finder": "laws", "checks": ["y"]},
            "unknown checks",
        ),
        ({"name": "x", "priority": 1, "labels": ["Law"], "finder": "laws", "wat": 1}, "fields"),
        (
            {"name": "x", "priority": 1, "labels": ["Law", "Region"], "patterns": [[{}]]},
            "one label",
        ),
    ],
)
def test_rules_a_record_that_cannot_run_is_refused(record, message):
    with pytest.raises(RuleError, match=message):
        rules_from([record], FINDERS)


def test_rules_names_are_unique():
    record = {"name": "law", "priority": 3, "labels": ["Law"], "finder": "laws"}
    with pytest.raises(RuleError, match="named twice"):
        rules_from([record, record], FINDERS)


def test_rules_a_finder_that_breaks_its_record_is_an_error():
    """The capitalised finder gives initiatives; a record that allows only laws makes
    that a contract broken, reported, not a graph with the wrong type in it."""
    rules = [
        dict(r, labels=["Law"]) if r["name"] == "capitalised" else r
        for r in gazetteer.entity_rules()
    ]
    nlp = _pipeline(rules)
    with pytest.raises(RuleError, match="rule capitalised found Initiative"):
        _finds(nlp)


def test_rules_checks_follow_the_record():
    """A guess goes through the person check: an alderman after "samen met" is no
    organisation. The same finder in a record without checks keeps the name."""
    text = "Programma 1 Zorg\nDe gemeente werkt samen met Marieke Hoogstraten aan de zorg."
    assert _finds(_pipeline(), text) == set()
    unchecked_rules = [
        dict(r, guess=False) if r["name"] == "partner_context" else r
        for r in gazetteer.entity_rules()
    ]
    unchecked = _finds(_pipeline(unchecked_rules), text)
    assert unchecked == {("Marieke Hoogstraten", "Organisation", "partner_context")}


def test_rules_word_lists_come_through_the_config():
    """The name rules' word lists reach the component through ``initialize``: a report
    structure word given there stops a capitalised name the bundled lists let through."""
    words = copy.deepcopy(gazetteer.words())
    words["structure_words"].append("Vonk")
    nlp = spacy.blank("nl")
    for name in ("sentencizer", *keys.COMPONENTS):
        nlp.add_pipe(name)
    nlp.config["initialize"]["components"][keys.ENTITIES] = {"words": words}
    nlp.initialize()
    assert ("Vitale Vonk Oost", "Initiative", "capitalised") in _finds(_pipeline())
    assert not [f for f in _finds(nlp) if "Vonk" in f[0]]
