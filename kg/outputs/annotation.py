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
        }
        for e in facts.entities
    ]
    seen: set[tuple[str, str, str]] = set()
    relations = []
    for r in facts.relations:
        key = (names[r.subject], r.predicate, names[r.object])
        if key in seen:
            continue
        seen.add(key)
        relations.append(
            {"subject": key[0], "predicate": key[1], "object": key[2], "rule": r.mention.rule}
        )
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
        }
        for i in facts.indicators
    ]
    return {
        "document": doc.file,
        "municipality": doc.municipality,
        "year": doc.year,
        "entities": entities,
        "relations": relations,
        "indicators": indicators,
        "ignore": [],
    }
