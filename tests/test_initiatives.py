"""kg.initiatives: the sort of an initiative (gkg:initiativeKinds), on names of our own."""

import pytest

from kg import pipeline
from kg.initiatives import initiative_kind, word_kind
from kg.vocab import INITIATIVE_KINDS


@pytest.mark.parametrize(
    "names,before,expected",
    [
        (["buurtzorgteam"], [], "team"),  # a compound's head
        (["Sociaal Buurtteam"], [], "team"),
        (["Stadspas"], [], "regeling"),  # a short head after a word of its own
        (["Kompas"], [], ""),  # ... not after three letters
        (["Thuis"], [], ""),  # a head must leave a word in front
        (["Week van de Buren"], [], "evenement"),  # the head stands before "van"
        (["Buren aan Tafel"], [], ""),  # words after a preposition do not count
        (["project Groene Straat"], [], "project"),  # a cue word leading the name
        (["subsidieregeling Buurtprojecten"], [], "regeling"),  # ... wins over the last
        (["Wmo-loket"], [], "loket"),
        (["Zonnekracht"], ["pilot"], "pilot"),  # an acronym or a name: the word before
        (["Zonnekracht"], ["de"], ""),
        (["Zonnekracht"], ["buurtpilot"], ""),  # before a mention only a head word counts
        (["Zonnekracht", "Zonnekrachtteam"], [], "team"),  # an alias names it
    ],
)
def test_initiatives_kind(names, before, expected):
    assert initiative_kind(names, before) == expected


def test_initiatives_kinds_come_from_the_ontology():
    assert set(INITIATIVE_KINDS) >= {"team", "project", "pilot", "regeling", "campagne"}
    for code, (label, words) in INITIATIVE_KINDS.items():
        assert label and words
        assert all(word_kind(w, compound=False) == code for w in words)  # one kind a word


def test_initiatives_kind_is_in_the_facts(tmp_path):
    report = tmp_path / "beekveen-2023.txt"
    report.write_text(
        "Programma 1 Zorg\n\nDe pilot Zonnekracht is in maart gestart. Het buurtzorgteam "
        "werkt samen met Stichting De Brug. Met de Stadspas doen 800 inwoners mee.\n",
        encoding="utf-8",
    )
    facts = pipeline.extract_file(report, "Beekveen", 2023)
    kinds = {e.name: e.kind for e in facts.entities if e.type == "Initiative"}
    assert kinds.get("pilot Zonnekracht") == "pilot"
    assert kinds.get("buurtzorgteam") == "team"
    assert {e.kind for e in facts.entities if e.type != "Initiative"} == {""}
