"""The wiring: file → Document → spaCy Doc → facts → RDF → outputs.

Each function here composes the arrows of the other modules and holds no extraction or
RDF logic of its own. The CLI calls these; tests call them too.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import json
import os
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from rdflib import XSD, Graph, Literal

from . import db
from . import store as kgstore
from .collect import collect
from .document import Document, read_document
from .errors import InputError, KGError, UsageError
from .evaluate import Scores, load_gold, score
from .export import to_annotation
from .facts import FactSet
from .lock import writer_lock
from .namespace import GKG
from .nlp import build_nlp
from .rdf import document_ntriples, graph_iri, report_iri
from .settings import DEFAULT_INCLUDE, DEFAULT_MODEL, DEFAULT_OUT, SAMPLE
from .timebudget import DEFAULT_TIME_BUDGET, budget


def sample_path() -> Path:
    """The bundled sample report (a fictional municipality, written for this project)."""
    return Path(str(resources.files("kg").joinpath("sample").joinpath(SAMPLE)))


def input_files(paths: Iterable[Path], include: Iterable[str] = DEFAULT_INCLUDE) -> list[Path]:
    """The report files named by ``paths``: files as given, and the files below folders
    (recursively) whose names match one of the ``include`` patterns."""
    return scan_inputs(paths, include)[0]


def scan_inputs(paths: Iterable[Path], include: Iterable[str] = DEFAULT_INCLUDE
                ) -> tuple[list[Path], Counter[str]]:
    """:func:`input_files`, and how many files of each extension the folders held that
    ``include`` left out (so that a build can say what it did not read)."""
    patterns = tuple(include) or DEFAULT_INCLUDE
    files: list[Path] = []
    ignored: Counter[str] = Counter()
    for p in map(Path, paths):
        if p.is_dir():
            found = []
            for x in sorted(p.rglob("*")):
                if not x.is_file() or x.name.startswith("."):
                    continue
                if any(fnmatch.fnmatch(x.name.lower(), pat.lower()) for pat in patterns):
                    found.append(x)
                else:
                    ignored[x.suffix.lower() or "(no extension)"] += 1
            if not found:
                raise UsageError(f"{p}: no report files ({', '.join(patterns)}) in this folder")
            files += found
        elif p.is_file():
            files.append(p)
        else:
            raise UsageError(f"{p}: no such file or folder")
    return files, ignored


def extract_document(document: Document, model: str = DEFAULT_MODEL,
                     time_budget: float | None = None) -> FactSet:
    """Run the pipeline over one document and collect its facts, within ``time_budget``
    seconds plus one second per 5,000 characters (``None``: no limit)."""
    nlp = build_nlp(model)
    seconds = None if time_budget is None else time_budget + len(document.text) / 5000
    with budget(seconds, f"{document.path}: extraction"):
        doc = nlp.make_doc(document.text)
        doc.user_data["kg_text"] = document.text  # what text_of would rebuild from tokens
        doc._.kg_year = document.year
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return collect(doc, document)


def extract_file(path: Path, municipality: str | None = None, year: int | None = None,
                 model: str = DEFAULT_MODEL) -> FactSet:
    return extract_document(read_document(path, municipality, year), model)


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    relations: int = 0
    indicators: int = 0
    triples: int = 0
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)
    ignored: dict[str, int] = field(default_factory=dict)  # extension → files not read


@dataclass(frozen=True)
class _Minted:
    """What a worker hands back for one document: everything the store needs."""

    doc_id: str
    ntriples: str
    text: str
    words: int
    seconds: float
    triples: int


def _mint(document: Document, model: str, time_budget: float | None = None) -> _Minted:
    """Extract a document and mint its triples (runs in a worker process)."""
    t0 = time.perf_counter()
    facts = extract_document(document, model, time_budget)
    ntriples, triples = document_ntriples(facts)
    return _Minted(facts.document.id, ntriples, facts.text, facts.document.words,
                   time.perf_counter() - t0, triples)


def _worker_init(model: str) -> None:
    """A worker ignores Ctrl-C (the main process stops the pool) and dies with its parent
    (so ``kill -9`` of a build leaves no orphans); then it loads the pipeline once."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: orphans end when their work queue closes
    build_nlp(model)


def build(paths: Iterable[Path] | None = None, out: Path = DEFAULT_OUT,
          municipality: str | None = None, year: int | None = None,
          model: str = DEFAULT_MODEL, include: Iterable[str] = DEFAULT_INCLUDE,
          on_document: Callable[[Path, str | None, int], None] | None = None,
          debug: bool = False, force: bool = False, jobs: int | None = None,
          time_budget: float | None = DEFAULT_TIME_BUDGET) -> BuildReport:
    """Build the graph of ``paths`` (default: the bundled sample) into ``out``.

    Each document replaces its own named graph in the store, in one transaction, and
    its plain text is kept in ``out/text/``; a file that fails is reported (with the
    reason) and the others are still built. Then ``graph.ttl`` and ``graph.html`` are
    written from the whole store. A file whose text and extractor are unchanged since
    it was last built is skipped (unless ``force``). ``on_document(path, error, words)``
    is called after each file. Unexpected errors are reported per file too, unless
    ``debug``. With ``jobs`` > 1 (default: the CPU count for 8 files or more), documents
    are extracted in that many worker processes while this one writes the store;
    at most ``8 * jobs`` documents are in flight (enough to keep the workers busy while
    this one loads a batch), so the documents held in memory stay bounded. A document
    whose extraction takes longer than ``time_budget`` seconds (plus one per 5,000
    characters) fails with a :class:`TimeBudgetError`; the others are still built.
    """
    files, ignored = scan_inputs(paths, include) if paths else ([sample_path()], Counter())
    with writer_lock(Path(out), "build"):
        return _build(files, ignored, Path(out), municipality, year, model, on_document,
                      debug, force, jobs, time_budget)


def _build(files: list[Path], ignored: Counter[str], out: Path, municipality: str | None,
           year: int | None, model: str,
           on_document: Callable[[Path, str | None, int], None] | None, debug: bool,
           force: bool, jobs: int | None, time_budget: float | None) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport(ignored=dict(sorted(ignored.items())))
    build_nlp(model)  # fail early on a missing model
    ids = _document_ids(files)
    version = extractor_version(model)
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 4) if len(files) >= 8 else 1
    pool = ProcessPoolExecutor(jobs, initializer=_worker_init, initargs=(model,)) \
        if jobs > 1 else None
    pending: deque = deque()
    unflushed = [0]  # triples written since the last flush
    batch: list[tuple[Path, _Minted]] = []  # new documents waiting for add_graphs
    batched = [0]  # their triples

    def stored(path: Path, minted: _Minted) -> None:
        unflushed[0] += minted.triples
        if unflushed[0] >= FLUSH_EVERY:
            st.flush()  # RocksDB keeps written data in memory until flushed
            unflushed[0] = 0
        db.atomic_write(out / "text" / f"{minted.doc_id}.txt", minted.text)
        report.built.append(minted.doc_id)
        if on_document:
            on_document(path, None, minted.words)

    def failed(path: Path, error: str) -> None:
        report.failed.append((str(path), error))
        if on_document:
            on_document(path, error, 0)

    def write_batch() -> None:
        try:
            kgstore.add_graphs(st, [
                (graph_iri(m.doc_id), m.ntriples,
                 _build_facts(path, version, m), report_iri(m.doc_id))
                for path, m in batch])
        except Exception as err:  # the batch fails as a whole; the next build retries it
            if debug and not isinstance(err, KGError):
                raise
            for path, _ in batch:
                failed(path, str(err))
        else:
            for path, minted in batch:
                stored(path, minted)
        batch.clear()
        batched[0] = 0

    def finish(path: Path, outcome, new: bool) -> None:
        try:
            minted = outcome.result() if isinstance(outcome, Future) else outcome()
            if new:  # nothing to keep in place: load it with the next batch
                batch.append((path, minted))
                batched[0] += minted.triples
                if batched[0] >= BATCH_TRIPLES:
                    write_batch()
                return
            meta = _build_facts(path, version, minted)
            kgstore.replace_graph(st, graph_iri(minted.doc_id), minted.ntriples, meta,
                                  report_iri(minted.doc_id))
            stored(path, minted)
        except KGError as err:
            failed(path, str(err))
        except Exception as err:  # one bad file must not stop the others
            if debug:
                raise
            failed(path, f"{path}: unexpected error {type(err).__name__}: {err} "
                         "(run with --debug for a traceback)")

    try:
        with kgstore.open_store(out, create=True) as st:
            for path in files:
                try:
                    document = replace(read_document(path, municipality, year), id=ids[path])
                except KGError as err:
                    failed(path, str(err))
                    continue
                fingerprint = None if force else db.stored_fingerprint(st, document.id)
                if fingerprint == (document.sha256, version, document.municipality,
                                   str(document.year)):
                    report.skipped.append(document.id)
                    if on_document:
                        on_document(path, None, 0)
                    continue
                new = fingerprint is None and not db.has_graph(st, document.id)
                if pool is None:
                    finish(path, functools.partial(_mint, document, model, time_budget), new)
                    continue
                pending.append((path, pool.submit(_mint, document, model, time_budget), new))
                while len(pending) >= IN_FLIGHT * jobs:
                    finish(*pending.popleft())
            while pending:
                finish(*pending.popleft())
            write_batch()
            if len(report.built) >= 50:
                st.optimize()  # compact after a large build: the store shrinks severalfold
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    counts = db.summarise(out)
    report.documents, report.entities = counts.documents, counts.entities
    report.relations, report.indicators = counts.relations, counts.indicators
    report.triples = counts.triples
    report.outputs = db.write_outputs(out, if_changed=True)
    report.seconds = time.perf_counter() - started
    return report


FLUSH_EVERY = 50_000  # triples; flushing keeps the build's memory flat (0.8 KB per triple)
BATCH_TRIPLES = 20_000  # new documents are loaded together, in one transaction
IN_FLIGHT = 8  # documents per worker submitted ahead of the one being stored


def _build_facts(path: Path, version: str, minted: _Minted) -> Graph:
    """When, from what and by which extractor a document was built, and the size of its
    graph (the meta graph: ``kg list`` reads it instead of counting)."""
    g = Graph()
    report = report_iri(minted.doc_id)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    g.add((report, GKG.builtAt, Literal(now.isoformat(), datatype=XSD.dateTime)))
    g.add((report, GKG.buildId, Literal(uuid.uuid4().hex)))
    g.add((report, GKG.buildSeconds, Literal(f"{minted.seconds:.3f}", datatype=XSD.decimal)))
    g.add((report, GKG.tripleCount, Literal(minted.triples, datatype=XSD.integer)))
    g.add((report, GKG.sourcePath, Literal(str(Path(path).resolve()))))
    g.add((report, GKG.extractorVersion, Literal(version)))
    return g


def extractor_version(model: str = DEFAULT_MODEL) -> str:
    """A fingerprint of the extractor: its code, its data and the model; when it changes,
    every document is rebuilt."""
    import extractors

    h = hashlib.sha1(model.encode())
    here = Path(__file__).parent
    files = [f for f in sorted(Path(extractors.__file__).parent.rglob("*"))
             if f.suffix in (".py", ".json", ".jsonl", ".csv", ".txt") and f.is_file()
             and "__pycache__" not in f.parts]
    for f in [*files, *(here / name for name in GRAPH_MODULES)]:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


# the modules of kg/ whose code decides a document's graph (the explorer, store, server
# and CLI do not: changing them rebuilds nothing)
GRAPH_MODULES = ("collect.py", "document.py", "facts.py", "iris.py", "namespace.py",
                 "nlp.py", "readers.py", "rdf.py", "settings.py", "text.py")


def _document_ids(files: list[Path]) -> dict[Path, str]:
    """File stems as document ids; the same stem in two folders gets a path hash."""
    stems: dict[str, int] = {}
    for f in files:
        stems[f.stem] = stems.get(f.stem, 0) + 1
    ids = {}
    for f in files:
        if stems[f.stem] == 1:
            ids[f] = f.stem
        else:
            digest = hashlib.sha1(str(f.resolve()).encode()).hexdigest()[:8]
            ids[f] = f"{f.stem}-{digest}"
    return ids


def extract(paths: Iterable[Path], json_out: Path, municipality: str | None = None,
            year: int | None = None, model: str = DEFAULT_MODEL,
            include: Iterable[str] = DEFAULT_INCLUDE
            ) -> tuple[list[Path], list[tuple[str, str]]]:
    """Write ``json_out/<stem>.json`` per document in the annotation format."""
    written, failed = [], []
    for path in input_files(paths, include):
        try:
            facts = extract_file(path, municipality, year, model)
        except KGError as err:
            failed.append((str(path), str(err)))
            continue
        target = Path(json_out) / f"{path.stem}.json"
        db.atomic_write(target, json.dumps(to_annotation(facts), ensure_ascii=False,
                                           indent=1))
        written.append(target)
    return written, failed


def evaluate(corpus: Path, gold: Path, model: str = DEFAULT_MODEL) -> Scores:
    """Extract every corpus document that has a gold file and score it."""
    golds = load_gold(Path(gold))
    pairs = []
    for name, gold_data in golds.items():
        path = Path(corpus) / name
        if not path.is_file():
            raise InputError(f"{path}: corpus file for gold {name} is missing")
        muni = gold_data.get("municipality")
        facts = extract_file(path, muni, gold_data.get("year"), model)
        pairs.append((to_annotation(facts), gold_data))
    return score(pairs)
