import pytest


def _ind(annotate, text, year=2020):
    return [(n.value, n.unit, n.period) for n in annotate(text, year)._.kg_indicators]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Het buurtteam telde 8.421 meldingen in 2019 en daarna 7.965 in 2020.",
            [(8421, "count", "2019"), (7965, "count", "2020")],
        ),
        (
            "Over het vierde kwartaal duurde het wachten 4,2 weken, tegen 7,3 weken in "
            "hetzelfde kwartaal van 2019.",
            [(4.2, "weeks", "2020-Q4"), (7.3, "weeks", "2019-Q4")],
        ),
        ("Het totaal steeg in 2019 met 19,8% ten opzichte van 2018.", [(19.8, "percent", "2019")]),
        ("Dit komt door een voordeel van € 1,0 mln.", [(1_000_000, "EUR", "2020")]),
        ("We realiseerden tien extra opvangplekken.", [(10, "count", "2020")]),
        ("Per 1 januari 2019 hadden 1.104 inwoners een voorziening.", [(1104, "count", "2019-01")]),
        ("De structurele taakstelling van €500.000 halen we.", [(500_000, "EUR", "2020")]),
        ("Het loket is sinds 2016 open en telt nu 14 vrijwilligers.", [(14, "count", "2020")]),
    ],
)
def test_indicators_prose(annotate, text, expected):
    assert _ind(annotate, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Het beleid is op 23 september vastgesteld.",
        "Preventie voor jeugd 0-12 jaar en 12+.",
        "In drie stadsdelen zijn we gestart.",
        "De visie loopt van 2020-2040.",
        "Jongeren tot 18 jaar krijgen hulp.",
        "Zie hoofdstuk 3.",
        "Het gebeurde in 2019.",
        "Bijgewerkt op 03/02/2021 om 14:05:09.",
        "Dit staat in de raadsbrief 204518 van het college.",
        "Programma 4 hoort bij het sociaal domein, net als de programma's 3, 5B en 6.",
        "Het plan kent drie thema’s en vijf pijlers.",
        "De aanpak UP'21 liep dit jaar door.",
        "Onze doelen (volgens de visie) 1. inwoners doen mee 2. inwoners zijn gezond",
    ],
)
def test_indicators_not_numbers_of_interest(annotate, text):
    assert _ind(annotate, text) == []


def test_indicators_flattened_table_with_year_columns(annotate):
    text = (
        "Instroom\n\n2019\n\n2018\n\nWmo\n\n737\n\n621\n\nJeugd\n\n529\n\n382\n\n"
        "Het totaal is gestegen, zoals de tabel hierboven laat zien aan de lezer.\n"
    )
    assert _ind(annotate, text, 2019) == [
        (737, "count", "2019"),
        (621, "count", "2018"),
        (529, "count", "2019"),
        (382, "count", "2018"),
    ]


def test_indicators_table_in_thousands_of_euros(annotate):
    text = (
        "Bedragen x € 1.000\n\nRekening 2020\n\nBegroting 2020\n\nRekening 2019\n\n"
        "Lasten\n\n630.652\n\n687.251\n\nV\n\n584.518\n"
    )
    assert _ind(annotate, text) == [
        (630_652_000, "EUR", "2020"),
        (687_251_000, "EUR", "2020"),
        (584_518_000, "EUR", "2019"),
    ]


def test_indicators_pipe_table_cell_periods(annotate):
    text = (
        "Nr. | Indicator | Jaarstukken 2021 | Begroting 2021 |\n---|---|---|---|\n"
        "1. | Jongeren met jeugdhulp | 7,3% (2021) | 7,5% (2019) |\n"
    )
    assert _ind(annotate, text, 2021) == [(7.3, "percent", "2021"), (7.5, "percent", "2019")]


def test_indicators_pipe_table_second_header_row_names_the_columns(annotate):
    """Under each year a column of the municipality and one of Nederland: the second
    header row names them, and Nederland's cells are reference values."""
    text = (
        "Indicator | Rekening 2024 | Begroting 2024 |\n---|---|---|\n"
        "| Beekveen | NL | Beekveen | NL |\n"
        "Inwoners met een uitkering | 3,1% (2024) | 5,0% (2024) | 3,3% (2023) | 5,1% (2023) |\n"
    )
    notes = annotate(text, 2024)._.kg_indicators
    assert [(n.value, n.kind) for n in notes] == [
        (3.1, "realised"),
        (5.0, "reference"),
        (3.3, "realised"),
        (5.1, "reference"),
    ]
    assert "Rekening 2024 NL" in notes[1].label
    # a second row whose labels do not match the values one to one names nothing
    other = text.replace("| Beekveen | NL | Beekveen | NL |", "| Beekveen | NL |")
    assert [n.kind for n in annotate(other, 2024)._.kg_indicators] == ["realised"] * 4


def test_indicators_repeated_statement_is_one_fact(annotate):
    text = "Uitgaven\n\n24,19%\n\nSaldo\n\nUitgaven\n\n24,19%\n"
    assert _ind(annotate, text, 2022).count((24.19, "percent", "2022")) == 1


def test_indicators_about_nearest_initiative(annotate):
    doc = annotate("Het doorbraakteam loste 48 situaties op.")
    note = doc._.kg_indicators[0]
    assert doc.text[note.about_start : note.about_end] == "doorbraakteam"


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Het aantal daalde vanaf 2018 (406 kinderen) naar 386 (2019) en 360 kinderen in 2020.",
            [(406, "count", "2018"), (386, "count", "2019"), (360, "count", "2020")],
        ),
        (
            "In 2018 waren er 612 cliënten, in 2020 nog 498.",
            [(612, "count", "2018"), (498, "count", "2020")],
        ),
        ("Het aantal is gestegen ten opzichte van 2018 (38%).", [(38, "percent", "2020")]),
        (
            "De verzoeken groeiden ten opzichte van 2019 van 2.118 verzoeken naar 2.760.",
            [(2118, "count", "2019"), (2760, "count", "2020")],
        ),
        (
            "We telden 1.204 in Q4 2019 en 1.187 in Q4 2020.",
            [(1204, "count", "2019-Q4"), (1187, "count", "2020-Q4")],
        ),
        (
            "Er zijn 77 casussen opgepakt, waarvan 30 in het eerste halfjaar.",
            [(77, "count", "2020"), (30, "count", "2020-H1")],
        ),
        ("Er is een 24-uurs opvang en een 3D-aanpak.", []),
    ],
)
def test_indicators_periods_in_context(annotate, text, expected):
    assert _ind(annotate, text) == expected


def test_indicators_inline_rows_under_a_multiplier(annotate):
    text = "Lasten\n\nx 1 miljoen\nBegroot € 246\nGerealiseerd € 239\nAfwijking € 7\n"
    assert _ind(annotate, text) == [
        (246_000_000, "EUR", "2020"),
        (239_000_000, "EUR", "2020"),
        (7_000_000, "EUR", "2020"),
    ]


def test_indicators_prose_repeating_a_table_cell_is_one_fact(annotate):
    text = (
        "Bedragen x € 1.000\n\nRekening 2020\n\nResultaat\n\n6.083\n\n"
        "Het programmaresultaat 2020 bedraagt € 6,1 mln. "
        "Het voordeel op vastgoed is € 1,0 mln.\n"
    )
    assert _ind(annotate, text) == [(6_083_000, "EUR", "2020"), (1_000_000, "EUR", "2020")]


def test_indicators_percent_column(annotate):
    text = "Vraag Activiteiten Gemiddeld in %\nKan ik meedoen aan activiteiten dagbesteding 73\n"
    assert _ind(annotate, text, 2019) == [(73, "percent", "2019")]


def test_indicators_about_carries_over_from_previous_sentence(annotate):
    doc = annotate("De subsidieregeling Projecten #InDeBuurt is populair. Er zijn 411 aanvragen.")
    note = doc._.kg_indicators[0]
    assert doc.text[note.about_start : note.about_end].endswith("#InDeBuurt")


def test_indicators_budget_passage_is_about_the_programme(annotate):
    doc = annotate(
        "Zorg en welzijn\n\nRuim 60% van de lasten gaat naar de Wmo. "
        "Dit betreft vooral het doorbraakteam (26%).\n"
    )
    assert [n.about_section for n in doc._.kg_indicators] == [0, 0]


GLUED = (
    "Zorg en welzijn\n\nWat heeft het gekost?\n\n BegrotingRekening\n lastenbatenlastenbaten\n"
    "Wonen en zorg12.400.5001.200.00013.100.2501.150.750\n"
    "Jeugdhulp en preventie8.120.000950.1238.455.999-12.000\n"
    "Zorg en welzijn20.520.5002.150.12321.556.2491.138.750\n\n"
    "Na de tabel volgt weer een gewone zin over het werk van de gemeente in de wijk.\n"
)


def test_indicators_glued_table_splits_numbers_at_thousands_groups(annotate):
    doc = annotate(GLUED, 2022)
    cells = [(n.value, n.unit, n.period, n.label) for n in doc._.kg_indicators]
    assert len(cells) == 12
    assert cells[:4] == [
        (12_400_500, "EUR", "2022", "Wonen en zorg (lasten (Begroting))"),
        (1_200_000, "EUR", "2022", "Wonen en zorg (baten (Begroting))"),
        (13_100_250, "EUR", "2022", "Wonen en zorg (lasten (Rekening))"),
        (1_150_750, "EUR", "2022", "Wonen en zorg (baten (Rekening))"),
    ]
    assert (-12_000, "EUR", "2022") in [c[:3] for c in cells]


def test_indicators_glued_table_rows_are_sub_programmes_and_what_cells_are_about(annotate):
    doc = annotate(GLUED, 2022)
    sections = doc._.kg_sections
    names = [(s.name, s.level) for s in sections]
    assert names == [("Zorg en welzijn", 1), ("Wonen en zorg", 2), ("Jeugdhulp en preventie", 2)]
    about = {sections[n.about_section].name for n in doc._.kg_indicators[:4]}
    assert about == {"Wonen en zorg"}
    total = {sections[n.about_section].name for n in doc._.kg_indicators[8:]}
    assert total == {"Zorg en welzijn"}
    last_row = sections[2]
    assert doc.text[last_row.start : last_row.end] == "Jeugdhulp en preventie"


def test_indicators_glued_row_with_a_wrong_cell_count_is_not_read(annotate):
    text = " BegrotingRekening\nWonen en zorg12.400.5001.200.0003.000.000\n"
    assert [n.rule for n in annotate(text)._.kg_indicators if n.rule == "tables.glued"] == []


def test_indicators_pipe_table_under_a_multiplier_line(annotate):
    """ "Bedragen x € 1.000" on the line above a pipe table multiplies its cells out."""
    text = (
        "Bedragen x € 1.000\n\n| Omschrijving | Rekening 2021 | Begroting 2022 |\n"
        "|---|---|---|\n| Lasten | 12.345 | 13.000 |\n"
    )
    assert _ind(annotate, text) == [
        (12345000.0, "EUR", "2021"),
        (13000000.0, "EUR", "2022"),
    ]


def test_indicators_table_row_of_a_share_is_in_percent(annotate):
    text = (
        "| Indicator | 2021 | 2022 |\n|---|---|---|\n"
        "| Percentage jongeren met jeugdhulp | 9,5 | 10,1 |\n| Aantal cliënten | 120 | 130 |\n"
    )
    assert _ind(annotate, text) == [
        (9.5, "percent", "2021"),
        (10.1, "percent", "2022"),
        (120.0, "count", "2021"),
        (130.0, "count", "2022"),
    ]
