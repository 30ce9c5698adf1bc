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
)

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
    "SourceText",
    "about",
    "buildId",
    "buildSeconds",
    "builtAt",
    "cbsCode",
    "extractorVersion",
    "hasPartner",
    "hasProgramme",
    "hasSubProgramme",
    "indicatorKinds",
    "kind",
    "kind-budget",
    "kind-change",
    "kind-forecast",
    "kind-realised",
    "kind-spending",
    "kind-target",
    "locatedIn",
    "mention",
    "municipality",
    "partOfProgramme",
    "partnersWith",
    "period",
    "rule",
    "searchWord",
    "sentence",
    "sha256",
    "sourcePath",
    "sourceText",
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
