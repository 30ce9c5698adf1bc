"""The public API: build, extract, evaluate, remove. Each composes the arrows of the other
modules (file → Document → spaCy Doc → facts → RDF → outputs) and holds no policy of its
own: which files are read is :mod:`kg.inputs`, one document's extraction
:mod:`kg.extraction`, a build's skip rule, pool and batching :mod:`kg.build`. The CLI
calls these; tests call them too."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .build import BuildOptions, BuildReport, BuildSession, OnDocument, extractor_version
from .errors import InputError, KGError, StoreError, UsageError
from .extraction import extract_document, extract_file
from .inputs import input_files, sample_path, sample_paths, scan_inputs
from .lock import writer_lock
from .outputs import write_outputs
from .outputs.annotation import to_annotation
from .outputs.evaluation import Scores, load_gold, load_report_gold, score, score_reports
from .outputs.files import atomic_write
from .settings import DEFAULT_INCLUDE, DEFAULT_MODEL, DEFAULT_OUT
from .store import open_store, store_path

__all__ = [
    "BuildOptions",
    "BuildReport",
    "build",
    "evaluate",
    "evaluate_reports",
    "extract",
    "extract_document",
    "extract_file",
    "extractor_version",
    "input_files",
    "remove",
    "sample_path",
    "sample_paths",
]


def build(
    paths: Iterable[Path] | None = None,
    out: Path = DEFAULT_OUT,
    options: BuildOptions | None = None,
    *,
    include: Iterable[str] = DEFAULT_INCLUDE,
    on_document: OnDocument | None = None,
    **option_fields,
) -> BuildReport:
    """Build the graph of ``paths`` (default: the bundled sample) into ``out``.

    Each document replaces its own named graph in the store, in one transaction, and
    its plain text is kept in ``out/text/``; a file that fails is reported (with the
    reason) and the others are still built. Then ``graph.ttl`` and ``graph.html`` are
    written from the whole store. A file whose text and extractor are unchanged since it
    was last built is skipped (unless ``force``). ``on_document(path, error, words)`` is
    called after each file. ``options`` (or its fields as keywords: ``force=True``) say
    how (see :class:`kg.build.BuildOptions`); a document whose extraction takes longer
    than ``time_budget`` seconds (plus one per 5,000 characters) fails with a
    :class:`~kg.errors.TimeBudgetError` and the others are still built.
    """
    if options is None:
        options = BuildOptions(**option_fields)
    elif option_fields:
        raise TypeError("give either options or its fields, not both")
    files, ignored = scan_inputs(paths, include) if paths else (sample_paths(), Counter())
    with writer_lock(Path(out), "build"):
        return BuildSession(Path(out), options, on_document).run(files, ignored)


def remove(out: Path, ids: list[str]) -> list[str]:
    """Remove documents (their named graphs and build facts) and rewrite the outputs; an
    id the store does not hold is a :class:`~kg.errors.UsageError` and nothing is
    removed."""
    if not store_path(out).exists():
        raise StoreError(f"no graph store in {store_path(out)}; run 'kg build' first")
    with writer_lock(Path(out), "remove"):
        with open_store(out) as st:
            present = set(st.document_ids())
            missing = [i for i in ids if i not in present]
            if missing:
                raise UsageError(f"not in the store: {', '.join(missing)} (see 'kg list')")
            st.remove_documents(ids)
            write_outputs(out, store=st)
    return ids


def extract(
    paths: Iterable[Path],
    json_out: Path,
    municipality: str | None = None,
    year: int | None = None,
    model: str = DEFAULT_MODEL,
    include: Iterable[str] = DEFAULT_INCLUDE,
    *,
    pages: str | None = None,
    ocr: bool = False,
) -> tuple[list[Path], list[tuple[str, str]]]:
    """Write ``json_out/<stem>.json`` per document in the annotation format (``pages``: a
    PDF's page range; ``ocr``: read a PDF without a usable text layer with Tesseract)."""
    written, failed = [], []
    for path in input_files(paths, include):
        try:
            facts = extract_file(path, municipality, year, model, pages=pages, ocr=ocr)
        except KGError as err:
            failed.append((str(path), str(err)))
            continue
        target = Path(json_out) / f"{path.stem}.json"
        atomic_write(target, json.dumps(to_annotation(facts), ensure_ascii=False, indent=1))
        written.append(target)
    return written, failed


def evaluate(
    corpus: Path, gold: Path, model: str = DEFAULT_MODEL, disabled: tuple[str, ...] = ()
) -> Scores:
    """Extract every corpus document that has a gold file and score it (``disabled``:
    entity rules left out)."""
    golds = load_gold(Path(gold))
    pairs = []
    for name, gold_data in golds.items():
        path = Path(corpus) / name
        if not path.is_file():
            raise InputError(f"{path}: corpus file for gold {name} is missing")
        muni = gold_data.get("municipality")
        facts = extract_file(path, muni, gold_data.get("year"), model, disabled=disabled)
        pairs.append((to_annotation(facts), gold_data))
    return score(pairs)


def evaluate_reports(
    reports: Path, model: str = DEFAULT_MODEL, disabled: tuple[str, ...] = ()
) -> tuple[Scores, Scores]:
    """Extract every whole report in ``reports`` that has gold in ``reports/gold`` and
    score its programme tree (``*.structure.json``) and its annotated chapter
    (``*.chapter.json``): ``(structure scores, chapter scores)``. A report whose PDF
    cannot be read is an :class:`~kg.errors.InputError`."""
    golds = load_report_gold(Path(reports) / "gold")
    predicted = {}
    for g in golds:
        path = Path(reports) / g.source
        if not path.is_file():
            raise InputError(f"{path}: report for gold {g.source} is missing")
        data = g.structure or g.chapter or {}
        facts = extract_file(
            path, data.get("municipality"), data.get("year"), model, disabled=disabled
        )
        predicted[g.source] = to_annotation(facts)
    return score_reports(predicted, golds)
