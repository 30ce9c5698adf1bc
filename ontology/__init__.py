"""The Gemeente KG ontology (``gkg.ttl``) and SHACL shapes (``shapes.ttl``).

Shipped as package data so they work after ``pip install .``, not only from a checkout.
"""

from importlib import resources
from pathlib import Path

ONTOLOGY_FILE = "gkg.ttl"
SHAPES_FILE = "shapes.ttl"


def path(name: str) -> Path:
    """The installed path of an ontology file."""
    return Path(str(resources.files("ontology").joinpath(name)))


def read(name: str) -> str:
    return resources.files("ontology").joinpath(name).read_text(encoding="utf-8")
