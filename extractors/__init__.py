"""spaCy components that annotate Dutch municipal report text.

Importing this package registers every component (one place, as spaCy's own
``EntityRuler`` and ``SpanRuler`` are registered) and the ``Doc`` extensions they write:

- ``kg_lines``: sentence boundaries at line breaks;
- ``kg_sections``: programme headings → ``doc._.kg_sections``, ``doc.spans["kg_programme"]``;
- ``kg_entities``: entity mentions → ``doc.spans["kg_entities"]``;
- ``kg_indicators``: reported numbers → ``doc._.kg_indicators``;
- ``kg_relations``: relations between mentions → ``doc._.kg_relations``.

``extractors`` never imports ``kg``.
"""

from spacy.tokens import Doc

for _name, _default in (
    ("kg_year", None),
    ("kg_sections", None),
    ("kg_indicators", None),
    ("kg_relations", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

from . import entities, indicators, lines, relations, sections  # noqa: E402,F401  (registers)

COMPONENTS = ("kg_lines", "kg_sections", "kg_entities", "kg_indicators", "kg_relations")

__all__ = ["COMPONENTS"]
