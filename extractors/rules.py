"""The entity rules as records: one registry, in one ordered place.

A rule is one record (``data/entity_rules.jsonl``, or the ``rules`` a config passes to
``initialize``): its name, the labels it may give, its priority when finds overlap (lower
wins; rules of one priority compete on length, then on the order of the registry), the
checks its finds go through, and how it finds: ``finder``, the name of a finder of
:class:`~extractors.entities.EntityFinder` (code, for what patterns cannot say), or
``patterns``, token patterns in spaCy's ``Matcher`` format (data: ``LOWER``,
``IS_TITLE``, ``TEXT`` with ``REGEX``, ...), or both (the finds of each). Adding a rule
is adding one record.

The checks, by name:

- ``junk``: a find that cannot be a name (one very common word, a phrase cut off by the
  end of the text) is dropped;
- ``person``: a find overlapping a person's name is dropped;
- ``town``: a find goes on over the town name right after it (``Welzijn Kampen``);
- ``place``: in a whole report, a find counts only in the prose of the programmes;
- ``model_person``: a find overlapping a statistical model's PERSON entity is dropped.

``guess`` marks a rule that finds a name by its form alone: every check applies to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

CHECKS = frozenset({"junk", "person", "town", "place", "model_person"})
LABELS = frozenset({"Municipality", "Initiative", "Organisation", "Law", "District", "Region"})
# when a rule runs: on the text ("find"), over the names chosen so far ("chosen"), or
# last, beside the chosen names and never competing with them ("last")
STAGES = ("find", "chosen", "last")


@dataclass(frozen=True)
class Rule:
    name: str
    priority: int
    labels: frozenset[str]
    finder: str = ""  # a finder of EntityFinder ("" for a rule of patterns only)
    patterns: tuple[Any, ...] = ()  # token patterns (spaCy Matcher format)
    checks: frozenset[str] = field(default_factory=frozenset)
    guess: bool = False
    stage: str = "find"
    unquote: bool = False  # the name is the text inside its quotes
    named_after: bool = True  # an initiative it finds that holds an organisation's name
    about: str = ""

    def checked(self, check: str) -> bool:
        return self.guess or check in self.checks


class RuleError(ValueError):
    """A rule record that cannot run (a missing field, an unknown finder or check)."""


def rules_from(records: Iterable[Mapping[str, Any]], finders: Iterable[str]) -> tuple[Rule, ...]:
    """The registry of ``records``, checked: each rule has a name of its own, a known
    finder or token patterns (not both), known labels, checks and stage."""
    known = set(finders)
    out: list[Rule] = []
    for record in records:
        name = record.get("name")
        if not name or not isinstance(name, str):
            raise RuleError(f"a rule without a name: {dict(record)}")
        unknown = set(record) - {f for f in Rule.__dataclass_fields__}
        if unknown:
            raise RuleError(f"rule {name}: unknown fields {sorted(unknown)}")
        if "priority" not in record or not isinstance(record["priority"], int):
            raise RuleError(f"rule {name}: an int priority is required")
        finder, patterns = record.get("finder", ""), record.get("patterns", ())
        if not finder and not patterns:
            raise RuleError(f"rule {name}: give a finder, token patterns or both")
        if finder and finder not in known:
            raise RuleError(f"rule {name}: no finder {finder!r} (known: {sorted(known)})")
        labels = frozenset(record.get("labels", ()))
        checks = frozenset(record.get("checks", ()))
        if not labels or labels - LABELS:
            raise RuleError(f"rule {name}: labels must be some of {sorted(LABELS)}")
        if checks - CHECKS:
            raise RuleError(f"rule {name}: unknown checks {sorted(checks - CHECKS)}")
        if record.get("stage", "find") not in STAGES:
            raise RuleError(f"rule {name}: stage must be one of {STAGES}")
        if patterns and len(labels) != 1 and not finder:
            raise RuleError(f"rule {name}: a pattern rule gives one label")
        rule = Rule(**{**record, "labels": labels, "checks": checks, "patterns": tuple(patterns)})
        out.append(rule)
    names = [r.name for r in out]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise RuleError(f"rules named twice: {twice}")
    return tuple(out)
