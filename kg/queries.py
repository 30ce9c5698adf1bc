"""Named SPARQL queries shipped with the package (``kg/queries/*.rq``).

A query's first comment lines describe it. Parameters are written ``{{name}}`` and filled
with :func:`fill` (values are escaped as SPARQL string content).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from .errors import QueryError


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str

    @property
    def parameters(self) -> list[str]:
        return sorted(set(re.findall(r"\{\{(\w+)\}\}", self.text)))


def named_queries() -> dict[str, NamedQuery]:
    out = {}
    for item in sorted(resources.files("kg").joinpath("queries").iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".rq"):
            continue
        text = item.read_text(encoding="utf-8")
        desc = " ".join(line.lstrip("# ").strip() for line in text.splitlines()
                        if line.startswith("#"))
        out[item.name[:-3]] = NamedQuery(item.name[:-3], desc, text)
    return out


def get(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no named query {name!r}; known: {', '.join(queries)}")
    return queries[name]


def fill(text: str, params: dict[str, str]) -> str:
    """Substitute ``{{name}}`` parameters; missing ones become the empty string."""
    def value(m: re.Match) -> str:
        raw = params.get(m.group(1), "")
        return raw.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")

    return re.sub(r"\{\{(\w+)\}\}", value, text)
