"""spaCy components that annotate Dutch municipal report text.

Importing this package registers every component (one place, as spaCy's own
``EntityRuler`` and ``SpanRuler`` are registered) and the ``Doc`` extensions they write:

- ``kg_lines``: sentence boundaries at line breaks;
- ``kg_sections``: programme headings → ``doc._.kg_sections``;
- ``kg_entities``: entity mentions → ``doc.spans["kg_entities"]``;
- ``kg_indicators``: reported numbers → ``doc._.kg_indicators``;
- ``kg_relations``: relations between mentions → ``doc._.kg_relations``.

The names of components, span keys, extensions and shared data are constants in
:mod:`extractors.keys`; each factory declares what it assigns and requires, so
``nlp.analyze_pipes()`` reports no problem. ``extractors`` never imports ``kg``.
"""

from spacy.tokens import Doc

from .keys import COMPONENTS, EXTENSIONS

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

from . import entities, indicators, lines, relations, sections  # noqa: E402,F401  (registers)

__all__ = ["COMPONENTS"]
