import pytest


def _ind(annotate, text, year=2020):
    return [(n.value, n.unit, n.period) for n in annotate(text, year)._.kg_indicators]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Het aantal aanmeldingen liep terug: van 10.182 aanmeldingen in 2019 naar 9.753 in 2020.",
         [(10182, "count", "2019"), (9753, "count", "2020")]),
        ("In het vierde kwartaal was de gemiddelde wachttijd 5,6 weken tegen 9,1 weken in "
         "hetzelfde kwartaal van 2019.", [(5.6, "weeks", "2020-Q4"), (9.1, "weeks", "2019-Q4")]),
        ("Het totaal steeg in 2019 met 19,8% ten opzichte van 2018.", [(19.8, "percent", "2019")]),
        ("Dit komt door een voordeel van € 1,0 mln.", [(1_000_000, "EUR", "2020")]),
        ("We realiseerden tien extra opvangplekken.", [(10, "count", "2020")]),
        ("Per 1 januari 2019 hadden 1.104 inwoners een voorziening.",
         [(1104, "count", "2019-01")]),
        ("De structurele taakstelling van €500.000 halen we.", [(500_000, "EUR", "2020")]),
    ],
)
def test_indicators_prose(annotate, text, expected):
    assert _ind(annotate, text) == expected


@pytest.mark.parametrize(
    "text",
    ["Het beleid is op 23 september vastgesteld.", "Preventie voor jeugd 0-12 jaar en 12+.",
     "In drie stadsdelen zijn we gestart.", "De visie loopt van 2020-2040.",
     "Jongeren tot 18 jaar krijgen hulp.", "Zie hoofdstuk 3.", "Het gebeurde in 2019.",
     "Deze pagina is gebouwd op 07/01/2020 10:32:55."],
)
def test_indicators_not_numbers_of_interest(annotate, text):
    assert _ind(annotate, text) == []


def test_indicators_flattened_table_with_year_columns(annotate):
    text = ("Instroom\n\n2019\n\n2018\n\nWmo\n\n737\n\n621\n\nJeugd\n\n529\n\n382\n\n"
            "Het totaal is gestegen, zoals de tabel hierboven laat zien aan de lezer.\n")
    assert _ind(annotate, text, 2019) == [(737, "count", "2019"), (621, "count", "2018"),
                                           (529, "count", "2019"), (382, "count", "2018")]


def test_indicators_table_in_thousands_of_euros(annotate):
    text = ("Bedragen x € 1.000\n\nRekening 2020\n\nBegroting 2020\n\nRekening 2019\n\n"
            "Lasten\n\n630.652\n\n687.251\n\nV\n\n584.518\n")
    assert _ind(annotate, text) == [(630_652_000, "EUR", "2020"), (687_251_000, "EUR", "2020"),
                                    (584_518_000, "EUR", "2019")]


def test_indicators_pipe_table_cell_periods(annotate):
    text = ("Nr. | Indicator | Jaarstukken 2021 | Begroting 2021 |\n---|---|---|---|\n"
            "1. | Jongeren met jeugdhulp | 7,3% (2021) | 7,5% (2019) |\n")
    assert _ind(annotate, text, 2021) == [(7.3, "percent", "2021"), (7.5, "percent", "2019")]


def test_indicators_repeated_statement_is_one_fact(annotate):
    text = "Uitgaven\n\n24,19%\n\nSaldo\n\nUitgaven\n\n24,19%\n"
    assert _ind(annotate, text, 2022).count((24.19, "percent", "2022")) == 1


def test_indicators_about_nearest_initiative(annotate):
    doc = annotate("Het doorbraakteam loste 48 situaties op.")
    note = doc._.kg_indicators[0]
    assert doc.text[note.about_start:note.about_end] == "doorbraakteam"
