"""spaCy components that annotate Dutch municipal report text.

Importing this package registers every component (one place, as spaCy's own
``EntityRuler`` and ``SpanRuler`` are registered) and the ``Doc`` extensions they write:

- ``kg_lines``: sentence boundaries at line breaks → ``doc._.kg_sentences``;
- ``kg_sections``: programme headings → ``doc._.kg_sections``;
- ``kg_entities``: entity mentions → ``doc.spans["kg_entities"]``, by the rules of one
  registry (:mod:`extractors.rules`);
- ``kg_indicators``: reported numbers → ``doc._.kg_indicators``;
- ``kg_relations``: relations between mentions → ``doc._.kg_relations``.

The caller makes the Doc, sets ``doc._.kg_year`` (required) and ``doc._.kg_blocks`` (the
document model, may be empty) and runs ``nlp(doc)``. The names of components, span keys
and extensions are constants in :mod:`extractors.keys`; each factory declares what it
assigns and requires, so ``nlp.analyze_pipes()`` names only the two the caller sets.
Every extension holds plain data, so an annotated Doc serialises (``DocBin``) and
``nlp.pipe(n_process=2)`` works. ``extractors`` never imports ``kg``.
"""

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from .annotations import IndicatorNote, Record, RelationNote, Section
from .keys import (
    COMPONENTS,
    INDICATOR_NOTES,
    PLAIN,
    RECORDS,
    RELATION_NOTES,
    SECTION_TREE,
)
from .text import memo


def _records(name: str, kind: type[Record]) -> tuple[Callable, Callable]:
    """Getter and setter of an extension whose records are kept as plain tuples under
    ``<name>_data`` (what ``Doc.to_bytes`` writes)."""
    data = f"{name}_data"

    def get(doc: Doc) -> list[Any] | None:
        stored = doc._.get(data)
        if stored is None:
            return None
        # read back once per stored list (each component and the collector ask again); the
        # memo keeps the list it read, so a new list at a recycled address is read anew
        seen, records = memo(doc, (data, id(stored)), lambda: (stored, _read(kind, stored)))
        return list(records if seen is stored else _read(kind, stored))

    def put(doc: Doc, value: list[Record] | None) -> None:
        if value is None:
            doc._.set(data, None)
            return
        stored = [r.as_data() for r in value]
        doc._.set(data, stored)
        records = list(value)  # the records themselves, for the components after this one
        memo(doc, (data, id(stored)), lambda: (stored, records))

    return get, put


def _read(kind: type[Record], stored: list) -> list[Record]:
    return [kind.from_data(d) for d in stored]


_KINDS: dict[str, type[Record]] = {
    SECTION_TREE: Section,
    INDICATOR_NOTES: IndicatorNote,
    RELATION_NOTES: RelationNote,
}
for _name in PLAIN + tuple(f"{n}_data" for n in RECORDS):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
for _name in RECORDS:
    if not Doc.has_extension(_name):
        _get, _put = _records(_name, _KINDS[_name])
        Doc.set_extension(_name, getter=_get, setter=_put)

from . import entities, indicators, lines, relations, sections  # noqa: E402,F401  (registers)

__all__ = ["COMPONENTS"]
