import pytest


def _sections(annotate, text):
    return [(s.name, s.level, s.parent) for s in annotate(text)._.kg_sections]


def test_sections_numbered_headings_nest(annotate):
    text = ("2. Inclusieve stad\n\n2.1 Sociaal domein\n\nToelichting\n\n2.1.1 Basiszorg\n\n"
            "Tekst over de basiszorg in de wijken van de stad, met meer dan twaalf woorden.\n\n"
            "2.1.2 Ambulante zorg\n\nMeer tekst.\n")
    assert _sections(annotate, text) == [
        ("Inclusieve stad", 1, None), ("Sociaal domein", 2, 0), ("Basiszorg", 3, 1),
        ("Ambulante zorg", 3, 1)]


def test_sections_programma_heading_and_theme_lines(annotate):
    text = ("Uitgaven\n\n24,19%\n\nProgramma 2 Samen leven\n\nJeugd\n"
            "Na een moeilijk jaar hebben we veel jongeren geholpen met hulp dichtbij huis.\n"
            "Wmo\nHet afgelopen jaar heeft de gemeente veel inwoners ondersteund bij het wonen.\n")
    assert _sections(annotate, text) == [
        ("Samen leven", 1, None), ("Jeugd", 2, 0), ("Wmo", 2, 0)]


@pytest.mark.parametrize("noise", ["Terug naar navigatie - Wat hebben we bereikt?", "Toelichting",
                                   "Wat heeft het gekost?", "Jaarverslag 2020", "Voortgang"])
def test_sections_noise_is_not_structure(annotate, noise):
    text = f"{noise}\n\nZorg en welzijn\n\nEen tekst.\n"
    assert [s[0] for s in _sections(annotate, text)] == ["Zorg en welzijn"]


def test_sections_sentences_are_not_headings(annotate):
    text = ("Welzijn en zorg\n\nWe zijn gestart met de preventieaanpak\n"
            "In drie stadsdelen zijn we gestart met preventieprogramma's voor kinderen.\n")
    assert [s[0] for s in _sections(annotate, text)] == ["Welzijn en zorg"]


def test_sections_extent_ends_at_next_sibling(annotate):
    text = "1 Zorg\n\nA.\n\n1.1 Jeugd\n\nB.\n\n1.2 Wmo\n\nC.\n"
    doc = annotate(text)
    jeugd = doc._.kg_sections[1]
    assert doc.text[jeugd.start:jeugd.end].strip() == "1.1 Jeugd\n\nB."
