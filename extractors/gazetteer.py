"""Load the gazetteers and cue lists that ship beside the extractors (``data/``).

Pure data loading: no spaCy, no rdflib. Every file's source is noted in
``data/SOURCES.md``. Results are cached; the files are read once per process.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Municipality:
    """A Dutch municipality as CBS lists it."""

    code: str  # "GM0268"
    name: str  # CBS spelling: "'s-Gravenhage"
    province: str


@dataclass(frozen=True)
class KnownName:
    """A gazetteer entry: a name with its aliases."""

    name: str
    aliases: tuple[str, ...]


def _data(name: str) -> str:
    return resources.files("extractors").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def fold(text: str) -> str:
    """Case- and accent-insensitive key for matching names (``Súdwest`` → ``sudwest``)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’'`]", "'", text.lower())
    text = re.sub(r"[^\w\s']", " ", text)  # "Nuenen, Gerwen en ..." = "nuenen-gerwen-en-..."
    return re.sub(r"[\s_]+", " ", text).strip()


@lru_cache(maxsize=1)
def municipalities() -> tuple[Municipality, ...]:
    """All municipalities of the CBS list (2023), then those dissolved since 2021, whose
    names older reports still use."""
    rows = list(csv.DictReader(_data("gemeenten.csv").splitlines()))
    rows += list(csv.DictReader(_data("gemeenten-opgeheven.csv").splitlines()))
    return tuple(Municipality(r["code"], r["name"], r["province"]) for r in rows)


@lru_cache(maxsize=1)
def municipality_index() -> dict[str, Municipality]:
    """Folded name or alias → municipality (CBS names, common names, and the names
    without a province suffix such as ``Bergen (NH.)``)."""
    by_name = {m.name: m for m in municipalities()}
    index: dict[str, Municipality] = {}
    for m in municipalities():
        index[fold(m.name)] = m
        bare = re.sub(r"\s*\(.*?\)$", "", m.name)
        index.setdefault(fold(bare), m)
        if m.name.startswith("'s-"):
            index.setdefault(fold(m.name[3:]), m)
            index.setdefault(fold("s-" + m.name[3:]), m)
    for row in csv.DictReader(_data("municipality_aliases.csv").splitlines()):
        index[fold(row["alias"])] = by_name[row["name"]]
    return index


@lru_cache(maxsize=1)
def common_names() -> dict[str, str]:
    """The names a report writes in place of a municipality's CBS name (``Den Haag`` for
    ``'s-Gravenhage``): alias → CBS name, the rows marked ``common`` in
    ``municipality_aliases.csv``."""
    rows = csv.DictReader(_data("municipality_aliases.csv").splitlines())
    return {r["alias"]: r["name"] for r in rows if r["common"]}


def find_municipality(name: str) -> Municipality | None:
    """Resolve a municipality name, common name or file-name slug (``den-haag``)."""
    return municipality_index().get(fold(name.replace("_", " ")))


@lru_cache(maxsize=1)
def ambiguous_municipality_names() -> frozenset[str]:
    """Names that are also ordinary words; matched only after ``gemeente``."""
    lines = _data("municipality_ambiguous.txt").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _known(file: str) -> tuple[KnownName, ...]:
    entries = []
    for line in _data(file).splitlines():
        if line.strip():
            row = json.loads(line)
            entries.append(KnownName(row["name"], tuple(row.get("aliases", ()))))
    return tuple(entries)


@lru_cache(maxsize=1)
def organisations() -> tuple[KnownName, ...]:
    """National and regional bodies (``GGD``, ``Veilig Thuis``, ``politie``)."""
    return _known("organisations.jsonl")


@lru_cache(maxsize=1)
def laws() -> tuple[KnownName, ...]:
    """National laws of the social domain with their abbreviations."""
    return _known("laws.jsonl")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common Dutch first names (generated from ``names-dataset``; see SOURCES.md)."""
    return frozenset(
        line.strip()
        for line in _data("first_names_nl.txt").splitlines()
        if line.strip() and not line.startswith("#")
    )


@dataclass(frozen=True)
class Taakveld:
    """An Iv3 taakveld: the national classification municipal budgets are kept in."""

    code: str  # "6.1"
    name: str  # "Samenkracht en burgerparticipatie"
    valid_from: int | None
    valid_to: int | None


@lru_cache(maxsize=1)
def taakvelden() -> tuple[Taakveld, ...]:
    """Every Iv3 taakveld of 2017 on, with the years each name was in force."""
    rows = csv.DictReader(_data("iv3-taakvelden.csv").splitlines())
    return tuple(
        Taakveld(
            r["code"],
            r["name"],
            int(r["valid_from"]) if r["valid_from"] else None,
            int(r["valid_to"]) if r["valid_to"] else None,
        )
        for r in rows
    )


@lru_cache(maxsize=1)
def taakveld_keywords() -> dict[str, list[str]]:
    """Heading words → the Iv3 taakvelden that budget them (``data/taakveld_keywords.json``)."""
    data = json.loads(_data("taakveld_keywords.json"))
    return {code: words for code, words in data.items() if not code.startswith("_")}


@lru_cache(maxsize=1)
def words() -> dict:
    """The word lists of the name rules and of the language check (``data/words.json``):
    general Dutch, kept as data beside the cue lists."""
    return json.loads(_data("words.json"))


@lru_cache(maxsize=1)
def entity_rules() -> tuple[dict[str, Any], ...]:
    """The entity rules' records, in order (``data/entity_rules.jsonl``)."""
    return tuple(json.loads(line) for line in _data("entity_rules.jsonl").splitlines() if line)


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    """Cue words by kind (``initiative_heads``, ``partner_cues``, ...)."""
    data = json.loads(_data("cues.json"))
    return {k: v for k, v in data.items() if not k.startswith("_")}
