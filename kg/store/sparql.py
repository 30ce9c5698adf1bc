"""The store's own SPARQL, kept in ``kg/store/sparql/*.rq`` (queries) and ``*.ru``
(updates). A file's first comment lines say what it does; ``{{name}}`` marks a value the
code fills in. Values are the project's own IRIs and numbers, never user input (user
queries go through :mod:`kg.queries`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).parent / "sparql"
SLOT = re.compile(r"\{\{(\w+)\}\}")


@functools.cache
def template(name: str) -> str:
    """The text of ``sparql/<name>`` (``.rq`` or ``.ru``)."""
    return (HERE / name).read_text(encoding="utf-8")


def render(name: str, **values: object) -> str:
    """The query or update ``name`` with its slots filled in one pass (a value holding
    ``{{`` is not read again). Every slot must be given a value and every value a slot."""
    text = template(name)
    slots = set(SLOT.findall(text))
    if slots != values.keys():
        raise ValueError(f"{name}: slots {sorted(slots)}, values {sorted(values)}")
    return SLOT.sub(lambda m: str(values[m.group(1)]), text)


def iri_list(iris: Iterable[str]) -> str:
    """IRIs as the members of a ``VALUES`` block."""
    return " ".join(f"<{i}>" for i in iris)
