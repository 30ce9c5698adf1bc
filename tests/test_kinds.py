"""extractors.kinds: what sort of number an indicator is, on sentences of our own, one
or more for each kind (and the realised values beside them)."""

import pytest

from extractors.gazetteer import cues
from extractors.kinds import cell_kind, compile_cues, prose_kind

KINDS = compile_cues(cues()["indicator_kinds"])


def _kind(sentence: str, number: str, unit: str = "count") -> str:
    start = sentence.index(number)
    return prose_kind(sentence, start, start + len(number), unit, KINDS)


@pytest.mark.parametrize(
    "sentence,number,unit,kind",
    [
        ("In 2024 begeleidde het jongerenloket 212 jongeren.", "212", "count", "realised"),
        ("Het aantal meldingen nam toe tot 830.", "830", "count", "realised"),
        ("Met 45 partners werkten we samen aan de wijkaanpak.", "45", "count", "realised"),
        # a change is the amount of change, not the level reached
        ("Het aantal uitkeringen daalde met 140 tot 1.310.", "140", "count", "change"),
        ("Het aantal uitkeringen daalde met 140 tot 1.310.", "1.310", "count", "realised"),
        ("Het gebruik van de regiotaxi steeg met ruim 6%.", "6%", "percent", "change"),
        ("Er was een toename van 11% ten opzichte van 2023.", "11%", "percent", "change"),
        ("De kosten waren € 0,4 miljoen hoger dan begroot.", "€ 0,4 miljoen", "EUR", "change"),
        ("Er sporten 610 kinderen, 8% meer dan vorig jaar.", "8%", "percent", "change"),
        ("Er sporten 610 kinderen, 8% meer dan vorig jaar.", "610", "count", "realised"),
        # "daalde van A naar B": both are levels, of two years
        ("De wachttijd daalde van 7 weken naar 5 weken.", "7 weken", "weeks", "realised"),
        # targets
        ("We streven naar een wachttijd van hooguit 4 weken.", "4 weken", "weeks", "target"),
        ("Ons doel was 300 deelnemers; er kwamen er 340.", "300", "count", "target"),
        ("Ons doel was 300 deelnemers; er kwamen er 340.", "340", "count", "realised"),
        ("De norm is dat 90% binnen een week een reactie krijgt.", "90%", "percent", "target"),
        # forecasts
        ("Naar verwachting groeit het aantal cliënten tot 2.600.", "2.600", "count", "forecast"),
        ("De prognose voor 2026 is 480 aanvragen.", "480", "count", "forecast"),
        # money: budgeted or spent
        ("In de begroting was € 2,5 miljoen gereserveerd.", "€ 2,5 miljoen", "EUR", "budget"),
        ("Voor het fonds was een budget van € 90.000 beschikbaar.", "€ 90.000", "EUR", "budget"),
        ("Aan schuldhulp is € 1,3 miljoen uitgegeven.", "€ 1,3 miljoen", "EUR", "spending"),
        ("De werkelijke lasten waren € 7,2 miljoen.", "€ 7,2 miljoen", "EUR", "spending"),
        # budget words say nothing of a count
        ("Het budget bereikte 75 gezinnen.", "75", "count", "realised"),
    ],
)
def test_kinds_of_numbers_in_prose(sentence, number, unit, kind):
    assert _kind(sentence, number, unit) == kind


@pytest.mark.parametrize(
    "column,row,unit,kind",
    [
        ("Begroting 2024", "Lasten", "EUR", "budget"),
        ("Rekening 2024", "Lasten", "EUR", "spending"),
        ("Realisatie 2024", "Baten", "EUR", "spending"),
        ("Verschil", "Lasten", "EUR", "change"),
        ("Resultaat 2024", "Saldo", "EUR", "change"),
        ("Streefwaarde 2024", "Aantal deelnemers", "count", "target"),
        ("Realisatie 2024", "Aantal deelnemers", "count", "realised"),
        ("2024", "Aantal deelnemers", "count", "realised"),
        ("Prognose 2025", "Aantal deelnemers", "count", "forecast"),
        # a column of another area holds values to compare with
        ("Jaarstukken 2024 NL [2]", "Jongeren met jeugdhulp", "percent", "reference"),
        ("Nederland 2024", "Aantal deelnemers", "count", "reference"),
        ("Jaarstukken 2024 Beekveen [1]", "Jongeren met jeugdhulp", "percent", "realised"),
    ],
)
def test_kinds_of_table_cells(column, row, unit, kind):
    assert cell_kind(column, row, "Kengetallen", unit, KINDS) == kind


def test_kinds_reach_the_facts_and_the_graph(sample_facts):
    """The component's kinds travel to the facts and are minted as gkg:kind concepts."""
    from kg.facts import KINDS as VOCAB_KINDS
    from kg.namespace import GKG
    from kg.rdf import document_graph

    kinds = {i.kind for i in sample_facts.indicators}
    assert {"realised", "change", "budget", "spending"} <= kinds <= set(VOCAB_KINDS)
    graph = document_graph(sample_facts)
    minted = {str(o) for o in graph.objects(None, GKG.kind)}
    assert minted == {str(GKG[f"kind-{k}"]) for k in kinds}
    assert len(list(graph.subject_objects(GKG.kind))) == len(sample_facts.indicators)
