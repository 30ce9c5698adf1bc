"""Facts → the gold JSON shape of ``shared/ANNOTATION.md`` (``kg extract``, ``kg evaluate``)."""

from __future__ import annotations

from ..facts import FactSet


def to_annotation(facts: FactSet) -> dict:
    """One document's facts in the annotation format: entities, relations, indicators."""
    doc = facts.document
    names = {e.id: e.name for e in facts.entities}
    entities = [
        {
            "type": e.type,
            "name": e.name,
            "aliases": list(e.aliases),
            "rules": sorted({m.rule for m in e.mentions}),
            **_pages(e.mentions),
        }
        for e in facts.entities
    ]
    relations: dict[tuple[str, str, str], dict] = {}
    for r in facts.relations:
        key = (names[r.subject], r.predicate, names[r.object])
        if key in relations:
            if r.mention.page:
                pages = relations[key].setdefault("pages", [])
                relations[key]["pages"] = sorted({*pages, r.mention.page})
            continue
        relations[key] = {
            "subject": key[0],
            "predicate": key[1],
            "object": key[2],
            "rule": r.mention.rule,
            **_pages([r.mention]),
        }
    indicators = [
        {
            "label": i.label,
            "value": i.value,
            "unit": i.unit,
            "period": i.period,
            "kind": i.kind,
            "measure": i.measure,
            "common_measure": i.common or None,
            "about": names.get(i.about) if i.about else None,
            "rule": i.mention.rule,
            **_pages([i.mention]),
        }
        for i in facts.indicators
    ]
    return {
        "document": doc.file,
        "municipality": doc.municipality,
        "year": doc.year,
        "entities": entities,
        "relations": list(relations.values()),
        "indicators": indicators,
        "ignore": [],
        **(
            {
                "parts": [
                    {"kind": p.kind, "title": p.title, "pages": [p.first_page, p.last_page]}
                    for p in facts.parts
                ]
            }
            if facts.parts
            else {}
        ),
    }


def _pages(mentions) -> dict[str, list[int]]:
    """``{"pages": [27, 31]}``: the PDF pages of the mentions, or nothing for a file
    without pages."""
    pages = sorted({m.page for m in mentions if m.page})
    return {"pages": pages} if pages else {}
