"""One document through the spaCy pipeline: Document → Doc → facts, within a time budget."""

from __future__ import annotations

from pathlib import Path

from extractors import keys

from .collect import collect
from .document import Document, read_document
from .facts import FactSet
from .nlp import build_nlp
from .settings import DEFAULT_MODEL
from .timebudget import budget


def extract_document(
    document: Document, model: str = DEFAULT_MODEL, time_budget: float | None = None
) -> FactSet:
    """Run the pipeline over one document and collect its facts, within ``time_budget``
    seconds plus one second per 5,000 characters (``None``: no limit)."""
    nlp = build_nlp(model)
    seconds = None if time_budget is None else time_budget + len(document.text) / 5000
    with budget(seconds, f"{document.path}: extraction"):
        doc = nlp.make_doc(document.text)
        doc.user_data[keys.TEXT] = document.text  # what text_of would rebuild from tokens
        doc._.kg_year = document.year
        doc._.kg_blocks = [b.as_tuple() for b in document.blocks]
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return collect(doc, document)


def extract_file(
    path: Path,
    municipality: str | None = None,
    year: int | None = None,
    model: str = DEFAULT_MODEL,
    *,
    pages: str | None = None,
    ocr: bool = False,
) -> FactSet:
    document = read_document(path, municipality, year, pages=pages, ocr=ocr)
    return extract_document(document, model)
