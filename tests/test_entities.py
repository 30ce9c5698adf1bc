import pytest


def _ents(annotate, text):
    doc = annotate(text)
    return {(s.text, s.label_) for s in doc.spans["kg_entities"]}


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Het nieuwe Jongeren Informatiepunt (JIP) is open. Het JIP groeit.",
            {("Jongeren Informatiepunt", "Initiative"), ("JIP", "Initiative")},
        ),
        (
            "Dit doen we met Stichting Present en met Welzorg b.v. in de stad.",
            {("Stichting Present", "Organisation"), ("Welzorg b.v.", "Organisation")},
        ),
        ("Indebuurt033 biedt hulp.", {("Indebuurt033", "Organisation")}),
        (
            "Het doorbraakteam en de preventietafel kwamen bijeen.",
            {("doorbraakteam", "Initiative"), ("preventietafel", "Initiative")},
        ),
        (
            "Dit voorjaar begon het project Hand in Hand in twee buurten.",
            {("project Hand in Hand", "Initiative")},
        ),
        (
            "Met de campagne ‘Geldzorgen, Samen komen we eruit’ bereikten we veel mensen.",
            {("campagne ‘Geldzorgen, Samen komen we eruit’", "Initiative")},
        ),
        (
            "Samen met de GGD, Veilig Thuis en de politie.",
            {
                ("GGD", "Organisation"),
                ("Veilig Thuis", "Organisation"),
                ("politie", "Organisation"),
            },
        ),
        ("Dit volgt uit de Wmo en de Jeugdwet.", {("Wmo", "Law"), ("Jeugdwet", "Law")}),
        ("Er zijn afspraken gemaakt samen met inZet over de zorg.", {("inZet", "Organisation")}),
    ],
)
def test_entities_rules(annotate, text, expected):
    assert _ents(annotate, text) == expected  # exactly: a rule that over-fires fails


def test_entities_abbreviation_shares_key(annotate):
    doc = annotate("Het Jongeren Informatiepunt (JIP) is open. Het JIP groeit.")
    keys = {s.text: s.kb_id_ for s in doc.spans["kg_entities"]}
    assert keys["JIP"] == keys["Jongeren Informatiepunt"]


@pytest.mark.parametrize(
    "text,name,found",
    [
        ("De gemeente Nijmegen werkt samen.", "gemeente Nijmegen", True),
        ("Dat geldt voor de regio Arnhem-Nijmegen.", "Nijmegen", False),
        ("In Nijmegen-Noord is een wijkcentrum.", "Nijmegen", False),
        ("Zoetermeer 2025 is een samenwerkingsverband.", "Zoetermeer", False),
        ("De beste zorg is nodig, zo blijkt Best.", "Best", False),
        ("De gemeente Best doet mee.", "gemeente Best", True),
    ],
)
def test_entities_municipalities(annotate, text, name, found):
    doc = annotate(text)
    spans = {s.text for s in doc.spans["kg_entities"] if s.label_ == "Municipality"}
    assert (name in spans) is found


def test_entities_person_names_are_not_organisations(annotate):
    ents = _ents(annotate, "Volgens wethouder Jan de Vries gaat het goed.")
    assert not any("Jan" in t for t, _ in ents)


def test_entities_rule_is_recorded(annotate):
    doc = annotate("Het doorbraakteam werkt samen met Veilig Thuis.")
    rules = {s.text: s.id_ for s in doc.spans["kg_entities"]}
    assert rules == {"doorbraakteam": "compound", "Veilig Thuis": "known_org"}


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Dit staat in:\n  • Verordening Starterslening Wijdemeren\n  • Nota Armoede 2019\n",
            {
                ("Verordening Starterslening Wijdemeren", "Initiative"),
                ("Nota Armoede 2019", "Initiative"),
                ("Wijdemeren", "Municipality"),  # the place, inside the title
            },
        ),
        (
            "We verbouwden de wijkcentra Het Anker, De Kolk en Zonnewende.",
            {("Het Anker", "Initiative"), ("De Kolk", "Initiative"), ("Zonnewende", "Initiative")},
        ),
        (
            "Bewoners openden Radio-Oost, een initiatief van jongeren uit de buurt.",
            {("Radio-Oost", "Initiative")},
        ),
        (
            "Een voorbeeld is AmersfoortSamen en de site Projecthuizen.nl hielp mee.",
            {("AmersfoortSamen", "Organisation"), ("Projecthuizen.nl", "Organisation")},
        ),
        (
            "We begonnen in de stadsdelen (Oosterhof, Lindewaard-Zuid en Bredeveld).",
            {("Oosterhof", "District"), ("Lindewaard-Zuid", "District"), ("Bredeveld", "District")},
        ),
        (
            "Het programma Betaalbaarheid zorg en ondersteuning die in 2020 startte.",
            {("programma Betaalbaarheid zorg en ondersteuning", "Initiative")},
        ),
        (
            "Het gebeurde binnen het Zweedse preventieprogramma.",
            {("Zweedse preventieprogramma", "Initiative")},
        ),
        (
            "De Regiovisie huiselijk geweld en kindermishandeling is vastgesteld.",
            {("Regiovisie huiselijk geweld en kindermishandeling", "Initiative")},
        ),
    ],
)
def test_entities_more_rules(annotate, text, expected):
    assert _ents(annotate, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dit geldt voor BBL en BOL.",
        "De subsidieregeling is open.",
        "Jaarstukken 2021 - Concept Versie 2.3",
    ],
)
def test_entities_generic_words_are_not_entities(annotate, text):
    assert _ents(annotate, text) == set()


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    """A stand-in for nl_core_news_*: a saved pipeline whose entity ruler tags ORG and
    PERSON, loaded through the same --model path as a real statistical model."""
    import spacy

    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [{"label": "ORG", "pattern": "Zorgbalans"}, {"label": "PERSON", "pattern": "Pieter Post"}]
    )
    path = tmp_path_factory.mktemp("model") / "nl_test_model"
    nlp.to_disk(path)
    return str(path)


def test_entities_model_adds_organisations_and_vetoes_people(model_path):
    from kg.nlp import build_nlp

    nlp = build_nlp(model_path)
    doc = nlp.make_doc(
        "Wethouder Pieter Post opende het project. De gemeente werkt samen met "
        "Pieter Post en met Zorgbalans aan de zorg."
    )
    doc._.kg_year = 2023
    doc = nlp(doc)
    ents = {(s.text, s.label_, s.id_) for s in doc.spans["kg_entities"]}
    assert ("Zorgbalans", "Organisation", "model_ner") in ents
    assert not any("Pieter" in t for t, _, _ in ents)


@pytest.mark.parametrize(
    "text,person",
    [
        (
            "Betrokken portefeuillehouders: Pieter Zandstra, Joke Altena en Wiebe Kuipers.",
            "Wiebe Kuipers",
        ),
        ("Wethouders Mulderink, Hofsteenge en Brand\nT. Westerveld, E. Van Dalsum\n", "Van Dalsum"),
        ("Dit jaar sprak Marieke Hoogstraten met de Jongerenraad.", "Marieke Hoogstraten"),
        ("Wethouders Mulderink, Hofsteenge en Brand", "Wethouders Mulderink"),
    ],
)
def test_entities_people_are_not_organisations_or_initiatives(annotate, text, person):
    names = {n for n, _ in _ents(annotate, text)}
    assert not any(person in n or n in person for n in names), names


@pytest.mark.parametrize(
    "text,junk",
    [
        ("Verbonden partijen\nOm dit te bereiken werken we samen met de volgende partijen.", "Om"),
        ("Werk en inkomenBegroting132,4 miljoen\nRekening358,0 miljoen", "Rekening358"),
        (" BegrotingRekeningResultaat\n", "BegrotingRekeningResultaat"),
        ("Vrijwilligers werden EHBO'er bij de opvang.", "EHBO"),
    ],
)
def test_entities_junk_spans_are_not_names(annotate, text, junk):
    names = {n for n, _ in _ents(annotate, text)}
    assert not any(junk in n for n in names), names


def test_entities_glued_digits_still_name_a_brand(annotate):
    assert ("Buurtkracht24", "Organisation") in _ents(annotate, "Buurtkracht24 biedt hulp.")


def test_entities_a_place_name_that_begins_a_longer_name_is_not_a_municipality(annotate):
    ents = _ents(annotate, "In Huizen van het Dorp en in Zwolle ontmoeten inwoners elkaar.")
    assert ("Zwolle", "Municipality") in ents and ("Huizen", "Municipality") not in ents


def test_entities_an_abbreviated_phrase_of_plain_words_is_an_initiative(annotate):
    ents = _ents(
        annotate,
        "In de Krachtige Gezonde Wijk (KGW) werken partners samen. "
        "De Stichting Welzorgo Wonen (SWW) helpt.",
    )
    assert ("Krachtige Gezonde Wijk", "Initiative") in ents
    assert ("SWW", "Organisation") in ents


@pytest.mark.parametrize(
    "text,name",
    [
        ("Ook dit jaar kregen 400 mantelzorgers het Mantelzorgcompliment.", "Mantelzorgcompliment"),
        ("Met het schuldenoffensief helpen we gezinnen sneller.", "schuldenoffensief"),
        ("In de buurtpleinen vinden inwoners hulp.", "buurtpleinen"),
    ],
)
def test_entities_policy_compounds_are_initiatives(annotate, text, name):
    assert (name, "Initiative") in _ents(annotate, text)


def test_entities_a_sentence_in_a_list_is_not_a_title(annotate):
    text = "Resultaten:\n• De mantelzorgwaardering is dit jaar opgenomen in de verordening\n"
    names = {n for n, _ in _ents(annotate, text)}
    assert not any(n.startswith("De mantelzorgwaardering") for n in names), names


@pytest.mark.parametrize(
    "text,expected",
    [
        # a municipality's name in capitals is the place, not an initiative
        ("Dit doen we samen met Gemeente Zwolle.", {("Gemeente Zwolle", "Municipality")}),
        # a heading in capitals glued to the sentence after it names nothing
        ("ONZE AMBITIE Vitale Wijken\nWe werken samen.", set()),
        # letters of an organisation in a capitalised name make it an organisation
        ("De uitvoering ligt bij RST Hofstad.", {("RST Hofstad", "Organisation")}),
        # a legal form in lower case, mid-sentence
        (
            "We werken met stichting Buurtkracht Oost.",
            {("stichting Buurtkracht Oost", "Organisation")},
        ),
        # a council by its kind
        (
            "De adviesraad Sociaal Domein gaf advies.",
            {("adviesraad Sociaal Domein", "Organisation")},
        ),
        ("De gemeenteraad besloot.", set()),
        # a table's label is no name
        ("Afwijking Sociale Basis\nMutatie Vitale Wijken\n", set()),
        # two organisations joined by "en" are two
        (
            "We werken samen met Stichting Welzijn Noord en Zorggroep Oost.",
            {("Stichting Welzijn Noord", "Organisation"), ("Zorggroep Oost", "Organisation")},
        ),
        ("Stichting Stut en Steun helpt.", {("Stichting Stut en Steun", "Organisation")}),
    ],
)
def test_entities_names_in_form_only(annotate, text, expected):
    assert _ents(annotate, text) == expected


def test_entities_a_plan_keeps_its_years(annotate):
    """The years after a plan's name are part of its title; the key stays the name's, so
    a later mention without them is the same plan."""
    doc = annotate(
        "Het Beleidsplan Sociaal Domein 2020-2024 is vastgesteld. "
        "Het Beleidsplan Sociaal Domein loopt goed."
    )
    found = [(s.text, s.kb_id_) for s in doc.spans["kg_entities"]]
    assert [text for text, _ in found] == [
        "Beleidsplan Sociaal Domein 2020-2024",
        "Beleidsplan Sociaal Domein",
    ]
    assert found[0][1] == found[1][1]


@pytest.mark.parametrize("before", ["Wethouder", "Volgens J.", "Volgens Gerdie"])
def test_entities_a_surname_is_no_municipality(annotate, before):
    text = f"{before} Tiel opende het loket in Tiel."
    doc = annotate(text)
    places = [s.start_char for s in doc.spans["kg_entities"] if s.label_ == "Municipality"]
    assert places == [text.rindex("Tiel")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Het loket werkt in Harderwijk.", {("Harderwijk", "Municipality")}),
        ("In de wijken Daarnaast en Ook groeit het.", set()),
        ("We werken in de wijk Hatert.", {("Hatert", "District")}),
    ],
)
def test_entities_districts_are_neither_places_nor_openers(annotate, text, expected):
    assert _ents(annotate, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a policy document named by its kind alone is a field of policy, not a name
        ("Het sportbeleid en de woonvisie zijn bijgesteld.", set()),
        # titled: capitalised in mid-sentence, or with a year or a capitalised complement
        ("De raad stelde de Erfgoedvisie vast.", {("Erfgoedvisie", "Initiative")}),
        ("We voeren het ouderenbeleid 2024-2027 uit.", {("ouderenbeleid 2024-2027", "Initiative")}),
        # a kind that is not a document stays a name by itself
        ("Het doorbraakteam kwam bijeen.", {("doorbraakteam", "Initiative")}),
    ],
)
def test_entities_policy_documents_need_a_title(annotate, text, expected):
    assert _ents(annotate, text) == expected


def test_entities_no_name_ends_on_an_inflected_adjective(annotate):
    # the rest of the name went to the next line: the half is not a name
    text = "Het team gaf de Ambitie Gezamenlijke\nzorg aan."
    assert not any(label == "Initiative" for _, label in _ents(annotate, text))


def test_entities_common_arrangement_is_an_organisation(annotate):
    text = "De Gemeenschappelijke regeling Werkbedrijf Noordkust voert de taken uit."
    assert ("Werkbedrijf Noordkust", "Organisation") in _ents(annotate, text)
    assert not any(label == "Initiative" for _, label in _ents(annotate, text))


def test_entities_a_compound_organisation_head(annotate):
    text = "Samen met de Buurtvereniging Oosterhoek organiseren we een markt."
    assert _ents(annotate, text) == {("Buurtvereniging Oosterhoek", "Organisation")}


@pytest.mark.parametrize(
    "text",
    [
        # the planning and control cycle's documents and the national funds
        "In de Voorjaarsnota 2025 staat dat het gemeentefonds groeit.",
        # a quoted title after a part of the report or an account
        "Zie de bijlage 'Nieuw beleid per programma' en de reserve 'Grote werken'.",
        # a facility cue before a sentence's first word
        "We bouwen op de locatie\nIn maart begon de bouw.",
        # an account of the budget, and a region, in capitals
        "De lasten komen uit de Algemene Reserve en de reserve Grote Werken.",
        "Dat doen we in de Noordelijke Regio samen.",
    ],
)
def test_entities_no_initiative_in(annotate, text):
    assert not any(label == "Initiative" for _, label in _ents(annotate, text))


def test_entities_abbreviation_of_a_common_arrangement_is_an_organisation(annotate):
    text = "De Gemeenschappelijke regeling Belastingdienst Noordkust (BDNK) int de heffingen."
    assert ("Belastingdienst Noordkust", "Organisation") in _ents(annotate, text)


def test_entities_a_phrase_also_in_lower_case_is_no_name(annotate):
    text = (
        "We versterken de voorschoolse educatie in de wijken. "
        "Het aanbod Voorschoolse Educatie groeit, net als de Kleine Stappen in de buurt."
    )
    found = _ents(annotate, text)
    assert not any(name == "Voorschoolse Educatie" for name, _ in found)
    assert ("Kleine Stappen", "Initiative") in found  # never written in lower case


@pytest.mark.parametrize(
    "text,name,not_over",
    [
        # a name's lower-case tail stops at a preposition ("inclusief", "middels")
        ("De subsidieregeling inclusief de toeslag liep af.", None, "inclusief"),
        # a compound's capitalised complement does not go over a table's label or "In"
        ("Het buurtnetwerk In Zuid groeide.", "buurtnetwerk", "In"),
        ("Het Wijkteams Baten 2024 bedroeg veel.", "Wijkteams", "Baten"),
    ],
)
def test_entities_a_name_ends_where_it_ends(annotate, text, name, not_over):
    names = {n for n, _ in _ents(annotate, text)}
    assert name is None or name in names
    assert not any(not_over in n.split()[1:] for n in names)


def test_entities_the_programme_by_its_code_is_no_initiative(annotate):
    text = (
        "Programma 2 Zorg en Welzijn\n\nWat willen we bereiken?\n\n"
        "In het programma P2 Zorg en Welzijn werken we samen."
    )
    assert not any(label in ("Initiative", "Organisation") for _, label in _ents(annotate, text))


@pytest.mark.parametrize(
    "text",
    [
        # "Ede": a municipality's name that is also a word, found as the place only
        # after "gemeente"
        "Het project Thuisraam voeren we uit samen met Ede en Stichting Kompaan.",
        "Ede biedt inwoners een gratis spreekuur.",
    ],
)
def test_entities_a_municipality_is_no_organisation(annotate, text):
    assert ("Ede", "Organisation") not in _ents(annotate, text)


@pytest.mark.parametrize("word", ["Hiermee", "Daardoor", "Waarbij"])
def test_entities_a_pronominal_adverb_opens_a_sentence_and_names_nothing(annotate, word):
    text = f"Het plan is klaar. {word} biedt de gemeente inwoners meer hulp."
    assert not any(name.startswith(word) for name, _ in _ents(annotate, text))
