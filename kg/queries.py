"""Named SPARQL queries shipped with the package (``kg/queries/*.rq``).

A query's first comment lines describe it. Parameters are written ``{{name}}`` and filled
with :func:`fill` (values are escaped as SPARQL string content).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from .errors import QueryError, UsageError
from .search import longest_stem, longest_word, search_key, stem_key


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str

    @property
    def parameters(self) -> list[str]:
        return parameters(self.text)


def parameters(text: str) -> list[str]:
    """The names of a query template's parameters."""
    return sorted(set(re.findall(r"\{\{[#^]?(\w+)(?:\|\w+)?\}\}", text)))


def check(text: str, params: dict[str, str]) -> None:
    """Refuse what would silently change the answer: a parameter the template does not
    have (a misspelt ``entiy`` would list everything) and a value to be looked up by its
    words that has none."""
    known = parameters(text)
    unknown = sorted(set(params) - set(known))
    if unknown:
        takes = f"it takes {', '.join(known)}" if known else "it takes none"
        raise UsageError(f"the query has no parameter {', '.join(unknown)}; {takes}")
    for name in sorted(set(re.findall(r"\{\{(\w+)\|(?:word|stem)\}\}", text))):
        value = params.get(name, "")
        if value.strip() and not longest_word(value):
            raise UsageError(f"--param {name}={value!r} has no word to look up (letters or digits)")


def named_queries() -> dict[str, NamedQuery]:
    out = {}
    for item in sorted(resources.files("kg").joinpath("queries").iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".rq"):
            continue
        text = item.read_text(encoding="utf-8")
        desc = " ".join(
            line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")
        )
        out[item.name[:-3]] = NamedQuery(item.name[:-3], desc, text)
    return out


def get(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no named query {name!r}; known: {', '.join(queries)}")
    return queries[name]


def fill(text: str, params: dict[str, str]) -> str:
    """Fill a query template: ``{{name}}`` is the value as SPARQL string content,
    ``{{name|key}}`` its search key (lower case, no accents: see
    :func:`kg.search.search_key`), ``{{name|word}}`` its longest word (see
    :func:`kg.search.longest_word`), ``{{name|stem}}`` and ``{{name|stemkey}}`` the same
    with Dutch stems (plurals and diminutives: see :func:`kg.search.stem`),
    ``{{#name}}...{{/name}}`` is kept only when the parameter is given and
    ``{{^name}}...{{/name}}`` only when it is not (sections of other parameters may stand
    inside). Missing parameters are the empty string."""
    given = {k: v for k, v in params.items() if v.strip()}

    def section(m: re.Match) -> str:
        keep = (m.group(2) in given) == (m.group(1) == "#")
        return m.group(3) if keep else ""

    sections = re.compile(r"\{\{([#^])(\w+)\}\}(.*?)\{\{/\2\}\}", flags=re.S)
    while True:  # outer sections first, then what they kept
        text, count = sections.subn(section, text)
        if not count:
            break

    def value(m: re.Match) -> str:
        raw = params.get(m.group(1), "")
        if m.group(2) == "|key":
            raw = search_key(raw)
        elif m.group(2) == "|word":
            raw = longest_word(raw)
        elif m.group(2) == "|stem":
            raw = longest_stem(raw)
        elif m.group(2) == "|stemkey":
            raw = stem_key(raw)
        raw = raw.replace("\\", "\\\\").replace('"', '\\"')
        return raw.replace("\n", " ").replace("\r", " ")

    return re.sub(r"\{\{(\w+)(\|key|\|word|\|stemkey|\|stem)?\}\}", value, text)
