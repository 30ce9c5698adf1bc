"""The Gemeente KG vocabulary, generated from ``ontology/gkg.ttl`` by
``scripts/make_vocab.py``: do not edit by hand (``tests/test_vocab.py`` regenerates it
and compares). Plain strings, so the modules that only talk SPARQL need no rdflib."""

from __future__ import annotations

GKG = "https://w3id.org/gemeente-kg/def#"

# the entity types of the facts: the subclasses of gkg:Entity
ENTITY_TYPES = (
    "Municipality",
    "Organisation",
    "Programme",
    "Initiative",
    "District",
    "Region",
    "Law",
)

# the relations between entities: name → (domain, range)
RELATIONS = {
    "hasProgramme": ("Municipality", "Programme"),
    "hasSubProgramme": ("Programme", "Programme"),
    "partOfProgramme": ("Initiative", "Programme"),
    "hasPartner": ("Initiative", "Organisation"),
    "partnersWith": ("Municipality", "Organisation"),
    "locatedIn": ("Initiative", "District"),
}

# the indicator units: unit code (gkg:unitCode) → QUDT unit (sdmx-attribute:unitMeasure)
UNITS = {
    "count": "http://qudt.org/vocab/unit/NUM",
    "percent": "http://qudt.org/vocab/unit/PERCENT",
    "EUR": "http://qudt.org/vocab/unit/CCY_EUR",
    "weeks": "http://qudt.org/vocab/unit/WK",
    "days": "http://qudt.org/vocab/unit/DAY",
    "months": "http://qudt.org/vocab/unit/MO",
    "years": "http://qudt.org/vocab/unit/YR",
    "hours": "http://qudt.org/vocab/unit/HR",
}

# the indicator kinds (gkg:kind is gkg:kind-<code>); the first is the default
KINDS = (
    "realised",
    "target",
    "budget",
    "spending",
    "change",
    "forecast",
    "reference",
)

# the common measures (gkg:measure is gkg:measure-<id>): id → (Dutch label, unit codes,
# the words a report uses for it)
MEASURES = {
    "bijstand": (
        "personen met een bijstandsuitkering",
        (
            "count",
            "percent",
        ),
        (
            "bijstand",
            "bijstandsgerechtigden",
            "bijstandsuitkering",
            "bijstandsuitkeringen",
            "participatiewet",
            "uitkeringsgerechtigden",
        ),
    ),
    "uitstroom-werk": (
        "uitstroom naar werk",
        (
            "count",
            "percent",
        ),
        (
            "naar betaald werk",
            "naar werk bemiddeld",
            "regulier werk",
            "uitgestroomd naar werk",
            "uitstroom naar werk",
        ),
    ),
    "re-integratie": (
        "lopende re-integratievoorzieningen",
        ("count",),
        (
            "loonkostensubsidie",
            "participatietrajecten",
            "re-integratie",
            "re-integratietrajecten",
            "re-integratievoorzieningen",
        ),
    ),
    "wmo-meldingen": (
        "meldingen Wmo",
        (
            "count",
            "percent",
        ),
        (
            "aanvragen wmo",
            "meldingen wmo",
            "wmo-aanmeldingen",
            "wmo-aanvragen",
            "wmo-melding",
            "wmo-meldingen",
        ),
    ),
    "wmo-clienten": (
        "cliënten met een Wmo-maatwerkarrangement",
        (
            "count",
            "percent",
        ),
        (
            "begeleiding",
            "cliënten wmo",
            "huishoudelijke ondersteuning",
            "hulpmiddelen",
            "lopende voorzieningen",
            "maatwerkarrangementen",
            "maatwerkvoorzieningen",
            "wmo-cliënten",
            "wmo-klanten",
            "wmo-maatwerkvoorziening",
            "wmo-voorzieningen",
        ),
    ),
    "jeugdhulp": (
        "jongeren met jeugdhulp",
        (
            "count",
            "percent",
        ),
        (
            "jeugd voorzieningen",
            "jeugdhulp",
            "jeugdhulptrajecten",
            "jeugdvoorzieningen",
            "jeugdzorg",
            "jeugdzorgtrajecten",
        ),
    ),
    "jeugdbescherming": (
        "jongeren met jeugdbescherming",
        (
            "count",
            "percent",
        ),
        (
            "jeugdbescherming",
            "kinderbescherming",
            "ondertoezichtstelling",
        ),
    ),
    "jeugdreclassering": (
        "jongeren met jeugdreclassering",
        (
            "count",
            "percent",
        ),
        ("jeugdreclassering",),
    ),
    "wachttijd": (
        "wachttijd",
        (
            "days",
            "hours",
            "months",
            "weeks",
        ),
        (
            "wachtlijst",
            "wachttijd",
            "wachttijden",
        ),
    ),
    "doorlooptijd": (
        "doorlooptijd",
        (
            "days",
            "hours",
            "months",
            "weeks",
        ),
        (
            "afhandeltermijn",
            "behandelduur",
            "doorlooptijd",
            "doorlooptijden",
        ),
    ),
    "schuldhulp": (
        "aanmeldingen schuldhulpverlening",
        (
            "count",
            "percent",
        ),
        (
            "budgetbeheer",
            "problematische schulden",
            "schulden",
            "schuldhulp",
            "schuldhulpverlening",
            "schuldregeling",
        ),
    ),
    "vroegsignalering": (
        "signalen vroegsignalering",
        (
            "count",
            "percent",
        ),
        (
            "betalingsachterstand",
            "betalingsachterstanden",
            "signalen",
            "vroegsignalering",
        ),
    ),
    "mantelzorg": (
        "mantelzorgers",
        (
            "count",
            "percent",
        ),
        (
            "mantelzorger",
            "mantelzorgers",
            "mantelzorgwaardering",
            "respijtzorg",
        ),
    ),
    "huiselijk-geweld": (
        "meldingen huiselijk geweld en kindermishandeling",
        (
            "count",
            "percent",
        ),
        (
            "huiselijk geweld",
            "kindermishandeling",
            "meldingen veilig thuis",
            "veilig thuis",
        ),
    ),
    "clientervaring": (
        "cliëntervaring",
        (
            "count",
            "percent",
        ),
        (
            "cliëntervaring",
            "cliëntervaringsonderzoek",
            "rapportcijfer",
            "tevreden",
            "tevredenheid",
            "waarderen",
        ),
    ),
    "eenzaamheid": (
        "inwoners die zich eenzaam voelen",
        (
            "count",
            "percent",
        ),
        (
            "eenzaam",
            "eenzaamheid",
        ),
    ),
    "overgewicht": (
        "kinderen met overgewicht",
        (
            "count",
            "percent",
        ),
        ("overgewicht",),
    ),
    "inburgering": (
        "statushouders in de inburgering",
        (
            "count",
            "percent",
        ),
        (
            "inburgering",
            "inburgeringsplichtigen",
            "inburgeringstraject",
        ),
    ),
    "beschermd-wonen": (
        "cliënten beschermd wonen",
        (
            "count",
            "percent",
        ),
        (
            "beschermd wonen",
            "beschermde woonplekken",
            "dakloos",
            "daklozen",
            "maatschappelijke opvang",
        ),
    ),
    "jongeren-delict": (
        "jongeren met een delict voor de rechter",
        (
            "count",
            "percent",
        ),
        (
            "delict voor de rechter",
            "jongeren met een delict",
        ),
    ),
    "halt": (
        "verwijzingen Halt",
        (
            "count",
            "percent",
        ),
        (
            "halt-verwijzingen",
            "verwijzingen halt",
            "verwijzingen naar halt",
        ),
    ),
    "kinderen-uitkeringsgezin": (
        "kinderen in uitkeringsgezin",
        (
            "count",
            "percent",
        ),
        (
            "uitkeringsgezin",
            "uitkeringsgezinnen",
        ),
    ),
    "arbeidsparticipatie": (
        "netto arbeidsparticipatie",
        ("percent",),
        (
            "arbeidsparticipatie",
            "netto arbeidsparticipatie",
        ),
    ),
    "werkloze-jongeren": (
        "werkloze jongeren",
        (
            "count",
            "percent",
        ),
        (
            "jeugdwerkloosheid",
            "werkloze jongeren",
        ),
    ),
}

# the kinds of initiatives (gkg:initiativeKind is gkg:initiative-<code>): code → (Dutch
# label, the head words that name it)
INITIATIVE_KINDS = {
    "team": (
        "team",
        (
            "team",
            "teams",
        ),
    ),
    "project": (
        "project",
        (
            "project",
            "projecten",
        ),
    ),
    "pilot": (
        "pilot",
        (
            "experiment",
            "pilot",
            "pilots",
            "proef",
            "proeftuin",
        ),
    ),
    "aanpak": (
        "aanpak",
        (
            "aanpak",
            "cursus",
            "interventie",
            "methode",
            "methodiek",
            "training",
            "traject",
            "trajecten",
            "werkwijze",
        ),
    ),
    "regeling": (
        "regeling",
        (
            "fonds",
            "pas",
            "premie",
            "regeling",
            "regelingen",
            "subsidieregeling",
            "tegemoetkoming",
            "toeslag",
            "vergoeding",
            "voucher",
        ),
    ),
    "campagne": (
        "campagne",
        (
            "campagne",
            "campagnes",
            "voorlichting",
        ),
    ),
    "loket": (
        "loket",
        (
            "app",
            "cafe",
            "café",
            "huis",
            "huizen",
            "inloop",
            "lijn",
            "loket",
            "loketten",
            "plein",
            "punt",
            "spreekuur",
            "website",
            "winkel",
        ),
    ),
    "samenwerking": (
        "samenwerking",
        (
            "afspraken",
            "akkoord",
            "alliantie",
            "coalitie",
            "convenant",
            "deal",
            "netwerk",
            "overeenkomst",
            "platform",
            "samenwerking",
            "samenwerkingsverband",
            "tafel",
        ),
    ),
    "plan": (
        "plan",
        (
            "actieplan",
            "agenda",
            "beleid",
            "beleidskader",
            "koers",
            "manifest",
            "nota",
            "offensief",
            "plan",
            "programma",
            "strategie",
            "verordening",
            "visie",
        ),
    ),
    "evenement": (
        "evenement",
        (
            "bijeenkomst",
            "conferentie",
            "dag",
            "evenement",
            "festival",
            "markt",
            "symposium",
            "week",
        ),
    ),
}

# every term of the gkg: namespace
TERMS = (
    "District",
    "Entity",
    "Indicator",
    "Initiative",
    "Law",
    "Mention",
    "Municipality",
    "Organisation",
    "Programme",
    "Region",
    "RelationAssertion",
    "Report",
    "ReportPart",
    "SourceText",
    "TaakveldLink",
    "about",
    "buildId",
    "buildSeconds",
    "builtAt",
    "cbsCode",
    "extractorVersion",
    "firstPage",
    "hasPart",
    "hasPartner",
    "hasProgramme",
    "hasSubProgramme",
    "indicatorKinds",
    "initiative-aanpak",
    "initiative-campagne",
    "initiative-evenement",
    "initiative-loket",
    "initiative-pilot",
    "initiative-plan",
    "initiative-project",
    "initiative-regeling",
    "initiative-samenwerking",
    "initiative-team",
    "initiativeKind",
    "initiativeKinds",
    "kind",
    "kind-budget",
    "kind-change",
    "kind-forecast",
    "kind-realised",
    "kind-reference",
    "kind-spending",
    "kind-target",
    "lastPage",
    "locatedIn",
    "measure",
    "measure-arbeidsparticipatie",
    "measure-beschermd-wonen",
    "measure-bijstand",
    "measure-clientervaring",
    "measure-doorlooptijd",
    "measure-eenzaamheid",
    "measure-halt",
    "measure-huiselijk-geweld",
    "measure-inburgering",
    "measure-jeugdbescherming",
    "measure-jeugdhulp",
    "measure-jeugdreclassering",
    "measure-jongeren-delict",
    "measure-kinderen-uitkeringsgezin",
    "measure-mantelzorg",
    "measure-overgewicht",
    "measure-re-integratie",
    "measure-schuldhulp",
    "measure-uitstroom-werk",
    "measure-vroegsignalering",
    "measure-wachttijd",
    "measure-werkloze-jongeren",
    "measure-wmo-clienten",
    "measure-wmo-meldingen",
    "measureName",
    "measureRule",
    "measureUnit",
    "measures",
    "mention",
    "municipality",
    "page",
    "partKind",
    "partOfProgramme",
    "partnersWith",
    "period",
    "rule",
    "searchWord",
    "sentence",
    "sha256",
    "sourcePath",
    "sourceText",
    "taakveld",
    "taakvelden",
    "tripleCount",
    "unit-EUR",
    "unit-count",
    "unit-days",
    "unit-hours",
    "unit-months",
    "unit-percent",
    "unit-weeks",
    "unit-years",
    "unitCode",
    "units",
    "words",
    "year",
)
