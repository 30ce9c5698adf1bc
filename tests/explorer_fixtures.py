"""Inputs for the explorer tests: a second report (so views and filters have two
municipalities and two years to choose from) and a document full of hostile markup.
Every sentence here is written for the tests."""

from __future__ import annotations

from kg.facts import DocumentInfo, Entity, FactSet, Indicator, Mention, Relation

SECOND_REPORT = """Jaarverslag 2022 gemeente Zwolle

Programma Zorg en welzijn

Jeugd

Het project Gezin Centraal helpt gezinnen met meerdere hulpvragen.
Het project Gezin Centraal werkt samen met Veilig Thuis en de GGD.
In 2022 zijn 140 gezinnen geholpen door het project Gezin Centraal.

Wmo

De pilot Buurtkamer Noord draait sinds maart.
De pilot Buurtkamer Noord trok 310 bezoekers in 2022.
"""

PAYLOADS = (
    "<script>window.__xss = 'script'</script>",
    "<img src=x onerror=\"window.__xss = 'img'\">",
    '" onmouseover="window.__xss = \'attr\'" x="',
    "<svg onload=\"window.__xss = 'svg'\"></svg>",
)


def hostile_facts(payloads: tuple[str, ...] = PAYLOADS) -> FactSet:
    """A document whose names, aliases, sentences, labels and file name are all markup
    (or, given harmless ``payloads``, the same document without it)."""
    bad = " ".join(payloads)
    doc = DocumentInfo(
        id="hostile-2023",
        file=f"{payloads[1]}.txt",
        municipality="Zwolle",
        municipality_code="GM0193",
        municipality_id="municipality/gm0193",
        year=2023,
        sha256="0" * 64,
        chars=len(bad),
        words=20,
    )

    def mention(start: int, rule: str = "test") -> Mention:
        return Mention(doc.id, start, start + 5, bad[start : start + 5], bad, 0, rule)

    entities = (
        Entity("municipality/gm0193", "Municipality", "Zwolle", (), (mention(0),), "GM0193"),
        Entity("programme/gm0193/p", "Programme", payloads[2], (payloads[3],), (mention(1),)),
        Entity("initiative/gm0193/x", "Initiative", payloads[0], (payloads[1],), (mention(2),)),
        Entity("organisation/y", "Organisation", payloads[1], (payloads[0],), (mention(3),)),
    )
    relations = (
        Relation("municipality/gm0193", "hasProgramme", "programme/gm0193/p", mention(4)),
        Relation("initiative/gm0193/x", "partOfProgramme", "programme/gm0193/p", mention(5)),
        Relation("initiative/gm0193/x", "hasPartner", "organisation/y", mention(6)),
    )
    indicators = (Indicator(payloads[3], 7.0, "count", "2023", "initiative/gm0193/x", mention(7)),)
    return FactSet(doc, bad, entities, relations, indicators)
