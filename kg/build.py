"""One build: report files → document graphs in the store → outputs.

The policies of a build live here and nowhere else:

- **skip rule**: a document whose content, extractor fingerprint, municipality and year
  are those it was stored with is skipped (:meth:`BuildSession.unchanged`);
- **fingerprint**: a hash of the files whose code or data decide a document's graph,
  found by following the imports of the extraction and minting modules, and of the
  versions of the libraries they import (:func:`extractor_version`), so no hand-kept
  list can leave one out;
- **pool**: documents are extracted in worker processes, at most :data:`IN_FLIGHT` per
  worker ahead of the one being stored;
- **batching**: documents new to the store are loaded together, :data:`BATCH_TRIPLES`
  at a time, in one transaction; a document already stored is replaced in its own;
- **flushing**: the store is flushed every :data:`FLUSH_EVERY` triples.

A worker hands back a :class:`Minted`: the document's N-Triples as bytes, made by
:func:`kg.rdf.document_ntriples`.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import os
import sys
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from .document import Document, read_document
from .errors import KGError
from .extraction import extract_document
from .inputs import document_ids
from .nlp import build_nlp
from .outputs import write_outputs
from .outputs.files import atomic_write
from .rdf import build_facts, document_ntriples, graph_iri, report_iri
from .settings import DEFAULT_MODEL
from .store import Store, open_store
from .timebudget import DEFAULT_TIME_BUDGET

FLUSH_EVERY = 50_000  # triples; flushing keeps the build's memory flat (0.8 KB per triple)
BATCH_TRIPLES = 20_000  # new documents are loaded together, in one transaction
IN_FLIGHT = 8  # documents per worker submitted ahead of the one being stored

OnDocument = Callable[[Path, "str | None", int], None]


@dataclass(frozen=True)
class BuildOptions:
    """How to build: what the CLI's options say."""

    municipality: str | None = None  # the municipality of every file (default: from its name)
    year: int | None = None  # the year of every file (default: from its name)
    model: str = DEFAULT_MODEL
    force: bool = False  # rebuild unchanged documents too
    jobs: int | None = None  # worker processes (default: the CPU count, up to 4, for 8+ files)
    time_budget: float | None = DEFAULT_TIME_BUDGET  # seconds per document, plus 1 per 5,000 chars
    debug: bool = False  # let unexpected errors raise instead of reporting them per file
    pages: str | None = None  # a PDF's page range ("25-40"); None: every page
    ocr: bool = False  # read a PDF without a usable text layer with Tesseract


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
    ocr_pages: int = 0  # pages read by OCR
    ocr_seconds: float = 0.0


@dataclass(frozen=True)
class Minted:
    """What a worker hands back for one document: everything the store needs."""

    doc_id: str
    ntriples: bytes
    text: str
    words: int
    seconds: float
    triples: int


def mint(document: Document, model: str, time_budget: float | None = None) -> Minted:
    """Extract a document and mint its triples (runs in a worker process)."""
    t0 = time.perf_counter()
    facts = extract_document(document, model, time_budget)
    data, triples = document_ntriples(facts)
    return Minted(
        facts.document.id, data, facts.text, facts.document.words, time.perf_counter() - t0, triples
    )


def meta_ntriples(path: Path, version: str, minted: Minted) -> bytes:
    """The build facts of one freshly minted document (see :func:`kg.rdf.build_facts`)."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    return build_facts(
        minted.doc_id,
        str(Path(path).resolve()),
        version,
        minted.seconds,
        minted.triples,
        now,
        uuid.uuid4().hex,
    )


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


class BuildSession:
    """Builds files into the store of ``out`` (held open for the session) under one
    writer lock (taken by the caller)."""

    def __init__(
        self, out: Path, options: BuildOptions, on_document: OnDocument | None = None
    ) -> None:
        self.out = Path(out)
        self.options = options
        self.on_document = on_document
        self.report = BuildReport()
        self.version = extractor_version(options.model)
        self._batch: list[tuple[Path, Minted]] = []  # new documents waiting for their load
        self._batched = 0  # their triples
        self._unflushed = 0  # triples written since the last flush
        self._store: Store | None = None

    def run(self, files: list[Path], ignored: Counter[str] | None = None) -> BuildReport:
        started = time.perf_counter()
        self.report.ignored = dict(sorted((ignored or Counter()).items()))
        build_nlp(self.options.model)  # fail early on a missing model
        jobs = self.options.jobs
        if jobs is None:
            jobs = min(os.cpu_count() or 1, 4) if len(files) >= 8 else 1
        pool = (
            ProcessPoolExecutor(jobs, initializer=_worker_init, initargs=(self.options.model,))
            if jobs > 1
            else None
        )
        try:
            with open_store(self.out, create=True) as st:
                self._store = st
                self._documents(files, pool, jobs)
                self._write_batch()
                if len(self.report.built) >= 50:
                    st.optimize()  # compact after a large build: the store shrinks severalfold
                # one store for the whole build: its counts and outputs are read from the
                # handle that wrote it
                counts = st.summary()
                self.report.outputs = write_outputs(self.out, if_changed=True, store=st)
        finally:
            self._store = None
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        self.report.documents, self.report.entities = counts.documents, counts.entities
        self.report.relations, self.report.indicators = counts.relations, counts.indicators
        self.report.triples = counts.triples
        self.report.seconds = time.perf_counter() - started
        return self.report

    def _documents(self, files: list[Path], pool: ProcessPoolExecutor | None, jobs: int) -> None:
        o = self.options
        ids = document_ids(files)
        pending: deque[tuple[Path, Future, bool]] = deque()
        for path in files:
            try:
                document = read_document(path, o.municipality, o.year, pages=o.pages, ocr=o.ocr)
                document = replace(document, id=ids[path])
                self.report.ocr_pages += document.ocr_pages
                self.report.ocr_seconds += document.ocr_seconds
            except KGError as err:
                self._failed(path, str(err))
                continue
            if self.unchanged(document):
                self.report.skipped.append(document.id)
                if self.on_document:
                    self.on_document(path, None, 0)
                continue
            new = not self._open().has_graph(document.id)
            if pool is None:
                self._finish(path, functools.partial(mint, document, o.model, o.time_budget), new)
                continue
            pending.append((path, pool.submit(mint, document, o.model, o.time_budget), new))
            while len(pending) >= IN_FLIGHT * jobs:
                self._finish(*pending.popleft())
        while pending:
            self._finish(*pending.popleft())

    def unchanged(self, document: Document) -> bool:
        """The skip rule: the store holds this document built from the same content, by
        the same extractor, for the same municipality and year (never, with ``force``)."""
        if self.options.force:
            return False
        stored = self._open().stored_fingerprint(document.id)
        return stored == (document.sha256, self.version, document.municipality, str(document.year))

    def _open(self) -> Store:
        if self._store is None:
            raise KGError("the build's store is not open")
        return self._store

    def _finish(self, path: Path, outcome: Future | Callable[[], Minted], new: bool) -> None:
        try:
            minted = outcome.result() if isinstance(outcome, Future) else outcome()
            if new:  # nothing to keep in place: load it with the next batch
                self._batch.append((path, minted))
                self._batched += minted.triples
                if self._batched >= BATCH_TRIPLES:
                    self._write_batch()
                return
            self._open().replace_graph(
                graph_iri(minted.doc_id),
                minted.ntriples,
                meta_ntriples(path, self.version, minted),
                report_iri(minted.doc_id),
            )
            self._stored(path, minted)
        except KGError as err:
            self._failed(path, str(err))
        except Exception as err:  # one bad file must not stop the others
            if self.options.debug:
                raise
            self._failed(
                path,
                f"{path}: unexpected error {type(err).__name__}: {err} "
                "(run with --debug for a traceback)",
            )

    def _write_batch(self) -> None:
        batch, self._batch, self._batched = self._batch, [], 0
        if not batch:
            return
        try:
            self._open().add_graphs(
                [
                    (
                        graph_iri(m.doc_id),
                        m.ntriples,
                        meta_ntriples(path, self.version, m),
                        report_iri(m.doc_id),
                    )
                    for path, m in batch
                ]
            )
        except Exception as err:  # the batch fails as a whole; the next build retries it
            if self.options.debug and not isinstance(err, KGError):
                raise
            for path, _ in batch:
                self._failed(path, str(err))
        else:
            for path, minted in batch:
                self._stored(path, minted)

    def _stored(self, path: Path, minted: Minted) -> None:
        self._unflushed += minted.triples
        if self._unflushed >= FLUSH_EVERY:
            self._open().flush()  # RocksDB keeps written data in memory until flushed
            self._unflushed = 0
        atomic_write(self.out / "text" / f"{minted.doc_id}.txt", minted.text)
        self.report.built.append(minted.doc_id)
        if self.on_document:
            self.on_document(path, None, minted.words)

    def _failed(self, path: Path, error: str) -> None:
        self.report.failed.append((str(path), error))
        if self.on_document:
            self.on_document(path, error, 0)


# where a document's graph is decided: these modules and everything they import from
# kg/ and extractors/, the data files of those packages (not their notes on sources, not
# the bundled sample reports: inputs, not code), and the libraries they import
GRAPH_ROOTS = ("kg.extraction", "kg.document", "kg.rdf")
DATA_SUFFIXES = (".json", ".jsonl", ".csv", ".txt")
NOT_DATA = ("sample", "__pycache__")


@functools.cache
def extractor_version(model: str = DEFAULT_MODEL) -> str:
    """A fingerprint of the extractor: the model (and its version), the code and data of
    every module that decides a document's graph (:func:`graph_files`) and the versions
    of the libraries they import (:func:`graph_libraries`); when it changes, every
    document is rebuilt."""
    h = hashlib.sha1(model.encode())
    for f in graph_files():
        h.update(f"{f.parent.name}/{f.name}".encode())
        h.update(f.read_bytes())
    libraries = graph_libraries()
    if model != DEFAULT_MODEL:
        libraries[model] = _version(model)
    for name, version in sorted(libraries.items()):
        h.update(f"{name}=={version}".encode())
    return h.hexdigest()[:16]


def graph_files() -> list[Path]:
    """The source files of :data:`GRAPH_ROOTS` and of the project modules they import,
    transitively (imports inside functions included), and the data files of the packages
    among them; sorted."""
    return _graph()[0]


def graph_libraries() -> dict[str, str]:
    """The installed distributions whose modules the graph's modules import (``spacy``,
    ``wordfreq``, ``pypdfium2``, ``beautifulsoup4``, ...), by name with their versions:
    an upgrade may change what a report's graph holds."""
    found: dict[str, str] = {}
    modules = metadata.packages_distributions()
    for module in _graph()[1]:
        for dist in modules.get(module, []):
            found[dist.lower()] = _version(dist)
    return found


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


def _graph() -> tuple[list[Path], set[str]]:
    import extractors

    roots = {"kg": Path(__file__).parent, "extractors": Path(extractors.__file__).parent}
    seen: set[str] = set()
    todo = list(GRAPH_ROOTS)
    files: set[Path] = set()
    libraries: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = _module_file(name, roots)
        if path is None:
            continue
        files.add(path)
        todo += _imports(name, path, roots)
        libraries |= _libraries(path, roots)
    for package in {name.split(".")[0] for name in seen} & roots.keys():
        files |= {
            f
            for f in roots[package].rglob("*")
            if f.suffix in DATA_SUFFIXES
            and f.is_file()
            and not set(f.relative_to(roots[package]).parts) & set(NOT_DATA)
        }
    return sorted(files), libraries


def _module_file(name: str, roots: dict[str, Path]) -> Path | None:
    package, *rest = name.split(".")
    if package not in roots:
        return None
    base = roots[package].joinpath(*rest)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _libraries(path: Path, roots: dict[str, Path]) -> set[str]:
    """The top-level modules outside the project and the standard library that
    ``path`` imports (absolute imports only: a relative one stays in the project)."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return {n for n in names if n not in roots and n not in sys.stdlib_module_names}


def _imports(name: str, path: Path, roots: dict[str, Path]) -> list[str]:
    """The project modules ``path`` (module ``name``) imports."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = name.split(".")
                base = parts[: len(parts) - node.level + (1 if is_package else 0)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append(module)
            found += [f"{module}.{a.name}" for a in node.names]  # from . import x
    return [m for m in found if m.split(".")[0] in roots]
