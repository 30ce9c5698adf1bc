"""The wiring: file → Document → spaCy Doc → facts → RDF → outputs.

Each function here composes the arrows of the other modules and holds no extraction or
RDF logic of its own. The CLI calls these; tests call them too.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from rdflib import RDF, Graph

from . import store as kgstore
from . import viz as kgviz
from .collect import collect
from .document import Document, read_document
from .errors import InputError, KGError, UsageError
from .evaluate import Scores, load_gold, score
from .export import to_annotation
from .facts import FactSet
from .namespace import GKG
from .nlp import DEFAULT_MODEL, build_nlp
from .rdf import CLASSES, PREDICATES, document_graph, graph_iri
from .validate import validate

DEFAULT_OUT = Path("output")
SAMPLE = "lindewaard-2023.txt"


def sample_path() -> Path:
    """The bundled sample report (a fictional municipality, written for this project)."""
    return Path(str(resources.files("kg").joinpath("sample").joinpath(SAMPLE)))


DEFAULT_INCLUDE = ("*.txt", "*.md", "*.html", "*.htm", "*.pdf")


def input_files(paths: Iterable[Path], include: Iterable[str] = DEFAULT_INCLUDE) -> list[Path]:
    """The report files named by ``paths``: files as given, and the files below folders
    (recursively) whose names match one of the ``include`` patterns."""
    patterns = tuple(include) or DEFAULT_INCLUDE
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(x for x in p.rglob("*") if x.is_file()
                           and any(fnmatch.fnmatch(x.name.lower(), pat.lower())
                                   for pat in patterns))
            if not found:
                raise UsageError(f"{p}: no report files ({', '.join(patterns)}) in this folder")
            files += found
        elif p.is_file():
            files.append(p)
        else:
            raise UsageError(f"{p}: no such file or folder")
    return files


def extract_document(document: Document, model: str = DEFAULT_MODEL) -> FactSet:
    """Run the pipeline over one document and collect its facts."""
    nlp = build_nlp(model)
    doc = nlp.make_doc(document.text)
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
    failed: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0
    entities: Counter = field(default_factory=Counter)
    relations: int = 0
    indicators: int = 0
    triples: int = 0
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)


def build(paths: Iterable[Path] | None = None, out: Path = DEFAULT_OUT,
          municipality: str | None = None, year: int | None = None,
          model: str = DEFAULT_MODEL, include: Iterable[str] = DEFAULT_INCLUDE,
          on_document: Callable[[Path, str | None, int], None] | None = None,
          debug: bool = False) -> BuildReport:
    """Build the graph of ``paths`` (default: the bundled sample) into ``out``.

    Each document replaces its own named graph in the store, in one transaction, and
    its plain text is kept in ``out/text/``; a file that fails is reported (with the
    reason) and the others are still built. Then ``graph.ttl`` and ``graph.html`` are
    written from the whole store. ``on_document(path, error, words)`` is called after
    each file. Unexpected errors are reported per file too, unless ``debug``.
    """
    started = time.perf_counter()
    files = input_files(paths, include) if paths else [sample_path()]
    report = BuildReport()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    build_nlp(model)  # fail early on a missing model
    ids = _document_ids(files)
    with kgstore.open_store(out, create=True) as st:
        for path in files:
            error, words = None, 0
            try:
                document = read_document(path, municipality, year)
                document = replace(document, id=ids[path])
                facts = extract_document(document, model)
                kgstore.replace_graph(st, graph_iri(facts.document.id), document_graph(facts))
                atomic_write(out / "text" / f"{facts.document.id}.txt", facts.text)
                report.built.append(facts.document.id)
                words = facts.document.words
            except KGError as err:
                error = str(err)
            except Exception as err:  # one bad file must not stop the others
                if debug:
                    raise
                error = (f"{path}: unexpected error {type(err).__name__}: {err} "
                         "(run with --debug for a traceback)")
            if error:
                report.failed.append((str(path), error))
            if on_document:
                on_document(path, error, words)
        union = kgstore.union_graph(st)
    _summarise(report, union)
    report.outputs = write_outputs(union, out)
    report.seconds = time.perf_counter() - started
    return report


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


def _summarise(report: BuildReport, union: Graph) -> None:
    report.documents = len(set(union.subjects(RDF.type, GKG.Report)))
    for name, cls in CLASSES.items():
        report.entities[name] = len(set(union.subjects(RDF.type, cls)))
    report.relations = sum(1 for p in PREDICATES.values() for _ in union.triples((None, p, None)))
    report.indicators = len(set(union.subjects(RDF.type, GKG.Indicator)))
    report.triples = len(union)


def write_outputs(union: Graph, out: Path) -> dict[str, Path]:
    """``graph.ttl`` (sorted longturtle) and ``graph.html``, each written atomically."""
    ttl = out / "graph.ttl"
    atomic_write(ttl, union.serialize(format="longturtle"))
    page = out / "graph.html"
    atomic_write(page, kgviz.render(union, "Gemeente KG"))
    return {"turtle": ttl, "html": page, "store": out / kgstore.STORE_DIR}


def atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file and a rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
        atomic_write(target, json.dumps(to_annotation(facts), ensure_ascii=False, indent=1))
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


def query_rows(out: Path, sparql: str) -> tuple[list[str], list[list[str]]]:
    """Variables and rows (as display strings) of a SELECT query; for ASK, one cell."""
    with kgstore.open_store(out, read_only=True) as st:
        results = kgstore.query(st, sparql)
        if isinstance(results, bool) or hasattr(results, "__bool__") and not hasattr(
                results, "variables"):
            return ["result"], [[str(bool(results)).lower()]]
        variables = [v.value for v in results.variables]
        rows = [[_cell(sol[v]) for v in variables] for sol in results]
    return variables, rows


def _cell(term) -> str:
    return "" if term is None else term.value


def query_serialized(out: Path, sparql: str, fmt: str) -> str:
    with kgstore.open_store(out, read_only=True) as st:
        return kgstore.serialize_results(kgstore.query(st, sparql), fmt)


def load_graph(out: Path) -> Graph:
    with kgstore.open_store(out, read_only=True) as st:
        return kgstore.union_graph(st)


def validate_out(out: Path) -> tuple[bool, Graph, str]:
    return validate(load_graph(out))


def viz(out: Path, target: Path | None = None) -> Path:
    target = Path(target) if target else Path(out) / "graph.html"
    atomic_write(target, kgviz.render(load_graph(out), "Gemeente KG"))
    return target
