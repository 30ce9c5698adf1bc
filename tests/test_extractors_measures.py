"""extractors.measures: the measure name of a reported number, on sentences of our own."""

import pytest

from extractors.measures import cell_measure, prose_measure


def _measure(sentence: str, number: str, unit: str = "count", previous: str = "") -> str:
    start = sentence.index(number)
    return prose_measure(sentence, start, start + len(number), unit, previous)


@pytest.mark.parametrize(
    "sentence,number,unit,measure",
    [
        # the noun phrase after a count, with inflected adjectives and a "met" part
        ("Het loket ontving 530 aanvragen in 2024.", "530", "count", "aanvragen"),
        (
            "Ruim 720 geregistreerde vrijwilligers deden mee.",
            "720",
            "count",
            "geregistreerde vrijwilligers",
        ),
        (
            "In 2024 kregen 310 huishoudens met een betalingsregeling hulp.",
            "310",
            "count",
            "huishoudens met een betalingsregeling",
        ),
        ("Het wijkteam loste 35 vastgelopen casussen op.", "35", "count", "vastgelopen casussen"),
        # the subject that names the measure, with its prepositional parts
        (
            "Het aantal meldingen over overlast daalde van 64 naar 52.",
            "52",
            "count",
            "aantal meldingen over overlast",
        ),
        (
            "Het percentage jongeren met een startkwalificatie steeg naar 81%.",
            "81%",
            "percent",
            "percentage jongeren met een startkwalificatie",
        ),
        # waiting and lead times
        (
            "De gemiddelde wachttijd voor een intake was 6 weken.",
            "6 weken",
            "weeks",
            "gemiddelde wachttijd voor een intake",
        ),
        (
            "De doorlooptijd van een aanvraag bedroeg 19 dagen.",
            "19 dagen",
            "days",
            "doorlooptijd van een aanvraag",
        ),
        # a share of something
        ("Dat is 64% van de ingediende verzoeken.", "64%", "percent", "ingediende verzoeken"),
        # nothing said: no name rather than a wrong one
        ("Dat was 12% in 2024.", "12%", "percent", ""),
        ("De kosten stegen tot € 3 miljoen.", "€ 3 miljoen", "EUR", ""),
        # a law's short name before a noun: one compound written as two words
        ("Het aantal Wmo aanvragen steeg naar 640.", "640", "count", "aantal wmo aanvragen"),
        ("In 2024 kwamen 85 Ggz meldingen binnen.", "85", "count", "ggz meldingen"),
        # ... a modifier before a preposition is the noun itself
        ("Het percentage jeugd met hulp was 12%.", "12%", "percent", "percentage jeugd met hulp"),
    ],
)
def test_extractors_measures_prose(sentence, number, unit, measure):
    assert _measure(sentence, number, unit) == measure


def test_extractors_measures_a_repeated_number_takes_the_one_before():
    sentence = "Er kwamen 530 aanvragen binnen (tegen 480 in 2023)."
    first = _measure(sentence, "530")
    assert first == "aanvragen"
    assert _measure(sentence, "480", previous=first) == "aanvragen"


@pytest.mark.parametrize(
    "row,column,title,measure",
    [
        ("Aantal cliënten begeleiding", "2024", "Kengetallen", "Aantal cliënten begeleiding"),
        ("Zorg en welzijn", "lasten (Rekening)", "Financiën", "Zorg en welzijn (lasten)"),
        ("Lasten", "Begroting 2024", "Wat heeft het gekost?", "Lasten"),
        ("", "2024", "Aantal meldingen", "Aantal meldingen"),
        # a chart's labels glued into one row: the row, then the series
        ("Zorg en welzijnBegroting12,5 miljoen", "", "", "Zorg en welzijn (begroting)"),
        (
            "Minimabeleid en schuldhulpRekening€ 3,1 mln",
            "",
            "",
            "Minimabeleid en schuldhulp (rekening)",
        ),
        # a name with capitals inside is no chart label
        ("Aantal deelnemers WijkFit", "2024", "", "Aantal deelnemers WijkFit"),
    ],
)
def test_extractors_measures_table_cells(row, column, title, measure):
    assert cell_measure(row, column, title) == measure
