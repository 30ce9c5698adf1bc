import pytest


def _sections(annotate, text):
    return [(s.name, s.level, s.parent) for s in annotate(text)._.kg_sections]


def test_sections_numbered_headings_nest(annotate):
    text = (
        "2. Inclusieve stad\n\n2.1 Sociaal domein\n\nToelichting\n\n2.1.1 Basiszorg\n\n"
        "Tekst over de basiszorg in de wijken van de stad, met meer dan twaalf woorden.\n\n"
        "2.1.2 Ambulante zorg\n\nMeer tekst.\n"
    )
    assert _sections(annotate, text) == [
        ("Inclusieve stad", 1, None),
        ("Sociaal domein", 2, 0),
        ("Basiszorg", 3, 1),
        ("Ambulante zorg", 3, 1),
    ]


def test_sections_programma_heading_and_theme_lines(annotate):
    text = (
        "Uitgaven\n\n24,19%\n\nProgramma 2 Samen leven\n\nJeugd\n"
        "Na een moeilijk jaar hebben we veel jongeren geholpen met hulp dichtbij huis.\n"
        "Wmo\nHet afgelopen jaar heeft de gemeente veel inwoners ondersteund bij het wonen.\n"
    )
    assert _sections(annotate, text) == [("Samen leven", 1, None), ("Jeugd", 2, 0), ("Wmo", 2, 0)]


@pytest.mark.parametrize(
    "noise",
    [
        "Terug naar navigatie - Wat hebben we bereikt?",
        "Toelichting",
        "Wat heeft het gekost?",
        "Jaarverslag 2020",
        "Voortgang",
    ],
)
def test_sections_noise_is_not_structure(annotate, noise):
    text = f"{noise}\n\nZorg en welzijn\n\nEen tekst.\n"
    assert [s[0] for s in _sections(annotate, text)] == ["Zorg en welzijn"]


def test_sections_sentences_are_not_headings(annotate):
    text = (
        "Welzijn en zorg\n\nWe zijn gestart met de preventieaanpak\n"
        "In drie stadsdelen zijn we gestart met preventieprogramma's voor kinderen.\n"
    )
    assert [s[0] for s in _sections(annotate, text)] == ["Welzijn en zorg"]


def test_sections_extent_ends_at_next_sibling(annotate):
    text = "1 Zorg\n\nA.\n\n1.1 Jeugd\n\nB.\n\n1.2 Wmo\n\nC.\n"
    doc = annotate(text)
    jeugd = doc._.kg_sections[1]
    assert doc.text[jeugd.start : jeugd.end].strip() == "1.1 Jeugd\n\nB."


def test_sections_taakvelden_list_items_are_sub_programmes(annotate):
    text = (
        "Programma 4 Meedoen en zorg\n\nTaakvelden\n\n • Inkomensregelingen\n"
        " • Geëscaleerde zorg 18+\n • Geëscaleerde zorg 18-\n\n"
        "Dit jaar hebben we met veel partners gewerkt aan een stad waar iedereen meedoet.\n"
    )
    assert _sections(annotate, text) == [
        ("Meedoen en zorg", 1, None),
        ("Inkomensregelingen", 2, 0),
        ("Geëscaleerde zorg 18+", 2, 0),
        ("Geëscaleerde zorg 18-", 2, 0),
    ]


def test_sections_a_bullet_naming_an_iv3_taakveld_counts_without_a_cue(annotate):
    text = (
        "Programma 4 Meedoen\n\nIn dit programma vallen onder meer:\n"
        " • Samenkracht en burgerparticipatie\n • koffie en thee voor de vrijwilligers\n"
    )
    assert [s[0] for s in _sections(annotate, text)] == [
        "Meedoen",
        "Samenkracht en burgerparticipatie",
    ]


def test_sections_back_link_confirms_a_heading(annotate):
    text = "Programma 1 Samen\n\nJeugd\n\nTerug naar navigatie - Jeugd\n\nKort.\n"
    assert _sections(annotate, text) == [("Samen", 1, None), ("Jeugd", 2, 0)]


def test_sections_named_programme_heads_an_unnumbered_page(annotate):
    text = (
        "Algemene programmadoelstelling\n"
        "In het programma 'Samen thuis' staan twee doelen centraal voor iedereen hier.\n"
        "Beleidsterrein Wonen en welzijn\n"
        "Hier volgt een tekst over wonen en welzijn die lang genoeg is voor een alinea.\n"
    )
    assert _sections(annotate, text) == [("Samen thuis", 1, None), ("Wonen en welzijn", 2, 0)]


def test_sections_title_above_numbered_items_is_a_programme(annotate):
    text = (
        "Jaarstukken 2023\n\nZorg Dichtbij\n\nInleiding\n\nA Preventie & gezondheid\n"
        "Door preventief te werken voorkomen we dat kleine problemen groot worden in de stad.\n"
        "Doelstellingen:\n  1. We investeren in een sterk sociaal team\n"
    )
    assert _sections(annotate, text) == [
        ("Zorg Dichtbij", 1, None),
        ("Preventie & gezondheid", 2, 0),
    ]


@pytest.mark.parametrize(
    "heading",
    [
        "GGD Hollands Noorden",
        "Hervormingsagenda zorg",
        "Toelichting op realisatie doel",
        "Portefeuillehouder(s)",
    ],
)
def test_sections_organisations_and_initiatives_are_not_themes(annotate, heading):
    text = (
        f"Programma 2 Welzijn\n\n{heading}\n"
        "Met deze partij werken we al jaren samen aan de gezondheid van alle inwoners.\n"
    )
    assert [s[0] for s in _sections(annotate, text)] == ["Welzijn"]


@pytest.mark.parametrize(
    "listing",
    [
        "Taakvelden binnen programma 3: 6.1 Samenkracht en burgerparticipatie, "
        "6.3 Inkomensregelingen.\n",
        "Taakveld\nOmschrijving\n6.1\nSamenkracht en burgerparticipatie\n6.3\nInkomensregelingen\n",
    ],
    ids=["inline", "table"],
)
def test_sections_listed_taakvelden_are_sub_programmes_of_their_mention(annotate, listing):
    """A programme's taakvelden, listed by code and Iv3 name, are its sub-programmes;
    each spans its mention only, so the programme's own text stays the programme's."""
    text = f"Programma 3 Sociaal domein\n\n{listing}\nHet jeugdteam hielp 40 gezinnen.\n"
    doc = annotate(text)
    found = [(s.name, s.level, s.parent, s.rule) for s in doc._.kg_sections]
    assert found == [
        ("Sociaal domein", 1, None, "sections.programma"),
        ("Samenkracht en burgerparticipatie", 2, 0, "sections.taakveld_list"),
        ("Inkomensregelingen", 2, 0, "sections.taakveld_list"),
    ]
    team = text.index("jeugdteam")
    assert [s.name for s in doc._.kg_sections if s.start <= team < s.end] == ["Sociaal domein"]


def test_sections_a_code_with_another_name_is_no_taakveld(annotate):
    text = "Programma 3 Sociaal domein\n\nIn 6.1 Onze ambities staat het plan.\n"
    assert _sections(annotate, text) == [("Sociaal domein", 1, None)]


@pytest.mark.parametrize("word", ["Programmalijn", "Subthema", "Programmaonderdeel"])
def test_sections_structure_words_open_sub_programmes(annotate, word):
    text = (
        f"Programma 3 Sociaal domein\n\n{word} Gezond opgroeien\nHet jeugdteam hielp 40 gezinnen.\n"
    )
    assert _sections(annotate, text) == [("Sociaal domein", 1, None), ("Gezond opgroeien", 2, 0)]
