"""The names under which the components find each other's work on a ``Doc``: component
names, ``doc.spans`` keys, ``Doc`` extensions and ``doc.user_data`` keys. Every module
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

# Doc extensions (doc._.<name>)
YEAR = "kg_year"  # the report's year, set by the caller before the pipeline runs
BLOCKS = "kg_blocks"  # the document model's blocks as Block.as_tuple(), set by the caller
SECTION_TREE = "kg_sections"  # list[Section]
INDICATOR_NOTES = "kg_indicators"  # list[IndicatorNote]
RELATION_NOTES = "kg_relations"  # list[RelationNote]
EXTENSIONS = (YEAR, BLOCKS, SECTION_TREE, INDICATOR_NOTES, RELATION_NOTES)

# doc.user_data keys: what the caller hands in, and what one component computes once for
# the others
TEXT = "kg_text"  # the document's text, set by the caller (else rebuilt from the tokens)
TEXT_LINES = "kg_text_lines"
GLUED = "kg_glued"  # the glued tables, read once by the section finder for both finders
SENT_BOUNDS = "kg_sents"
SENT_CHARS = "kg_sent_chars"
ABOUT = "kg_about"
ABOUT_KINDS = "kg_about_kinds"
