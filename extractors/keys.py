"""The names under which the components find each other's work on a ``Doc``: component
names, ``doc.spans`` keys and ``Doc`` extensions. Every module
spells them through these constants (no string twice)."""

from __future__ import annotations

# components, in pipeline order
LINES = "kg_lines"
SECTIONS = "kg_sections"
ENTITIES = "kg_entities"
INDICATORS = "kg_indicators"
RELATIONS = "kg_relations"
COMPONENTS = (LINES, SECTIONS, ENTITIES, INDICATORS, RELATIONS)

# doc.spans keys
ENTITY_SPANS = "kg_entities"  # entity mentions: label_ the type, id_ the rule, kb_id_ the key

# Doc extensions (doc._.<name>). The caller sets the first two before the pipeline runs
# (``nlp(doc)``); the components assign the others. Every value is plain data (numbers,
# strings, tuples), so an annotated Doc serialises: the records of the last three are
# stored as tuples under ``<name>_data`` and read back as records (extractors/__init__.py).
YEAR = "kg_year"  # the report's year (int); required, never guessed
BLOCKS = "kg_blocks"  # the document model's blocks as Block.as_tuple(); may be empty
SENTENCES = "kg_sentences"  # (start_char, end_char) of each sentence, set by kg_lines
SECTION_TREE = "kg_sections"  # list[Section]
INDICATOR_NOTES = "kg_indicators"  # list[IndicatorNote]
RELATION_NOTES = "kg_relations"  # list[RelationNote]
SET_BY_CALLER = (YEAR, BLOCKS)
PLAIN = (YEAR, BLOCKS, SENTENCES)
RECORDS = (SECTION_TREE, INDICATOR_NOTES, RELATION_NOTES)
EXTENSIONS = PLAIN + RECORDS
