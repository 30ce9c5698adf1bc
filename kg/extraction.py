"""One document through the spaCy pipeline: Document → Doc → facts, within a time budget."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractors import keys
from extractors.text import text_known

from .collect import collect
from .document import Document, read_document
from .facts import FactSet
from .nlp import build_nlp
from .settings import DEFAULT_MODEL
from .timebudget import budget


def extract_document(
    document: Document,
    model: str = DEFAULT_MODEL,
    time_budget: float | None = None,
    *,
    disabled: tuple[str, ...] = (),
) -> FactSet:
    """Run the pipeline over one document and collect its facts, within ``time_budget``
    seconds plus one second per 5,000 characters (``None``: no limit); ``disabled``:
    entity rules left out."""
    nlp = build_nlp(model, tuple(disabled))
    seconds = None if time_budget is None else time_budget + len(document.text) / 5000
    with budget(seconds, f"{document.path}: extraction"):
        return collect(nlp(prepared(nlp, document)), document)


def prepared(nlp: Language, document: Document) -> Doc:
    """The ``Doc`` of a document, with what the components need set on it (its year and
    blocks): ``nlp(prepared(nlp, document))`` annotates it."""
    doc = nlp.make_doc(document.text)
    text_known(doc, document.text)  # spares spaCy joining the tokens again
    doc._.set(keys.YEAR, document.year)
    doc._.set(keys.BLOCKS, [b.as_tuple() for b in document.blocks])
    return doc


def extract_file(
    path: Path,
    municipality: str | None = None,
    year: int | None = None,
    model: str = DEFAULT_MODEL,
    *,
    pages: str | None = None,
    ocr: bool = False,
    disabled: tuple[str, ...] = (),
) -> FactSet:
    document = read_document(path, municipality, year, pages=pages, ocr=ocr)
    return extract_document(document, model, disabled=disabled)
