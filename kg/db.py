"""Store-level operations: query, list, remove, export, validate, write outputs.

Nothing here imports spaCy, so commands that only read the store (``kg query``,
``kg list``, ``kg serve``) start fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import store as kgstore
from .errors import StoreError, UsageError
from .iris import CLASSES, GKG, PREDICATES, graph_iri, report_iri
from .lock import writer_lock

if TYPE_CHECKING:
    from rdflib import Graph

EXPORT_FORMATS = kgstore.EXPORT_FORMATS
EXPORT_SUFFIX = {"turtle": "ttl", "nt": "nt", "trig": "trig", "nquads": "nq",
                 "jsonld": "jsonld"}


def atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file and a rename, so readers never see half a file."""
    _atomic_stream(Path(path), lambda f: f.write(text.encode("utf-8")))


def _readable(tmp: str) -> None:
    """mkstemp makes files only the owner can read; outputs get the usual mode."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)


PRETTY_LIMIT = 50_000  # above this many triples graph.ttl is streamed, not sorted in memory


OUTPUTS_STATE = ".outputs-state"  # what graph.ttl and graph.html were last written from


def write_outputs(out: Path, *, if_changed: bool = False) -> dict[str, Path]:
    """``graph.ttl`` and ``graph.html`` from the whole store, each written atomically.

    Up to :data:`PRETTY_LIMIT` triples, ``graph.ttl`` is rdflib's sorted longturtle;
    above it, Oxigraph streams Turtle straight to disk (its order is deterministic too), so
    memory does not grow with the corpus, while the explorer page is made. The explorer
    reads only what it shows, for the most connected entities when the graph is large
    (see :func:`explorer_page`).

    With ``if_changed``, nothing is written when both files are as this function last
    wrote them and the store has not changed since (its build facts say which documents it
    holds and when each was built): a build that skipped every file costs no rewrite, while
    an interrupted build, a removal or a page written by ``kg viz`` is caught.
    """
    out = Path(out)
    ttl, page = out / "graph.ttl", out / "graph.html"
    paths = {"turtle": ttl, "html": page, "store": out / kgstore.STORE_DIR}
    with kgstore.open_store(out, read_only=True) as st:
        store_state = kgstore.state(st)
        if if_changed and _outputs_state(out, store_state, ttl, page) == _read_state(out):
            return paths
        if not kgstore.more_triples_than(st, PRETTY_LIMIT):
            atomic_write(ttl, kgstore.union_graph(st).serialize(format="longturtle"))
            html = explorer_page(st)
        else:
            # Oxigraph writes the Turtle without holding the GIL: overlap it with the
            # explorer, which is Python
            with ThreadPoolExecutor(1) as pool:
                turtle = pool.submit(_stream_turtle, st, ttl)
                html = explorer_page(st)
                turtle.result()
    atomic_write(page, html)
    atomic_write(out / OUTPUTS_STATE, _outputs_state(out, store_state, ttl, page))
    return paths


TURTLE_PARTS = ".graph.ttl.parts"  # where each graph's part of a streamed graph.ttl lies


def _stream_turtle(st, ttl: Path) -> None:
    """Write ``graph.ttl`` graph by graph, the file :func:`kg.store.stream_graphs` writes,
    copying the part of each graph that was not replaced since the last write from the old
    file instead of serialising it again: a build that changed one document of a thousand
    rewrites one part. The old parts are used only if the file is exactly as this
    function left it (size and modification time, kept beside the offsets)."""
    versions = kgstore.graph_versions(st)
    old = _read_parts(ttl)
    parts = []

    def write(f) -> None:
        header = kgstore.turtle_header()
        f.write(header)
        offset = len(header)
        with (open(ttl, "rb") if old else contextlib.nullcontext()) as previous:
            for g in kgstore.graphs(st):
                version = versions.get(g)
                kept = old.get(g)
                if kept and version is not None and kept[0] == version:
                    previous.seek(kept[1])
                    data = previous.read(kept[2])
                else:
                    data = kgstore.graph_turtle(st, g)
                f.write(data)
                parts.append([g, version, offset, len(data)])
                offset += len(data)

    _atomic_stream(ttl, write)
    stat = ttl.stat()
    index = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "parts": parts}
    atomic_write(ttl.parent / TURTLE_PARTS, json.dumps(index))


def _read_parts(ttl: Path) -> dict[str, tuple[str, int, int]]:
    """graph → (version, offset, length) of the parts of ``ttl``, or nothing when the file
    is not the one the index describes."""
    try:
        index = json.loads((ttl.parent / TURTLE_PARTS).read_text(encoding="utf-8"))
        stat = ttl.stat()
        if (index["size"], index["mtime_ns"]) != (stat.st_size, stat.st_mtime_ns):
            return {}
        return {g: (version, offset, length)
                for g, version, offset, length in index["parts"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _outputs_state(out: Path, store_state: str, *files: Path) -> str:
    lines = [store_state]
    for f in files:
        stat = f.stat() if f.exists() else None
        lines.append(f"{f.name} {stat.st_mtime_ns} {stat.st_size}" if stat else f"{f.name} -")
    return "\n".join(lines) + "\n"


def _read_state(out: Path) -> str | None:
    try:
        return (out / OUTPUTS_STATE).read_text(encoding="utf-8")
    except OSError:
        return None


def _atomic_stream(path: Path, write) -> None:
    """Call ``write`` with a binary file that replaces ``path`` only once complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        _readable(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Summary:
    documents: int
    entities: dict[str, int]
    relations: int
    indicators: int
    triples: int


def summarise(out: Path) -> Summary:
    """Counts over the store: documents, entities per type, relations, indicators,
    triples (SPARQL counts; nothing is loaded into memory)."""
    with kgstore.open_store(out, read_only=True) as st:
        def count(pattern: str) -> int:
            q = f"PREFIX gkg: <{GKG}> SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ " \
                f"GRAPH ?g {{ {pattern} }} FILTER(?g != <{kgstore.META}>) }}"
            return int(next(iter(kgstore.query(st, q)))["n"].value)

        entities = {name: count(f"?x a <{cls}>") for name, cls in CLASSES.items()}
        relations = 0
        for p in PREDICATES.values():
            q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s <{p}> ?o }} " \
                f"FILTER(?g != <{kgstore.META}>) }}"
            relations += int(next(iter(kgstore.query(st, q)))["n"].value)
        return Summary(count("?x a gkg:Report"), entities, relations,
                       count("?x a gkg:Indicator"), kgstore.triple_count(st))


def load_graph(out: Path) -> Graph:
    with kgstore.open_store(out, read_only=True) as st:
        return kgstore.union_graph(st)


def query_rows(out: Path, sparql: str) -> tuple[list[str], list[list[str]]]:
    """Variables and rows (as display strings) of a SELECT query; for ASK, one cell. Rows of
    a query without ``ORDER BY`` come sorted by their columns, left to right (the named
    listing queries leave sorting to the client: Oxigraph decodes the strings for every
    comparison, 0.4 s of 0.8 s for 18k rows)."""
    with kgstore.open_store(out, read_only=True) as st:
        results = kgstore.query(st, sparql)
        if kgstore.is_graph_result(results):
            raise UsageError("a CONSTRUCT or DESCRIBE query needs --format turtle (or nt, "
                             "jsonld); the table shows SELECT and ASK results")
        if kgstore.is_boolean_result(results):
            return ["result"], [[str(bool(results)).lower()]]
        variables = [v.value for v in results.variables]
        # through Oxigraph's CSV, as the table shows values (0.58 → 0.47 s for 18k rows)
        rows = [list(row) for row in kgstore.solution_rows(results)]
    if not re.search(r"\bORDER\s+BY\b", sparql, re.IGNORECASE):
        rows.sort()
    return variables, rows


def query_serialized(out: Path, sparql: str, fmt: str) -> str:
    with kgstore.open_store(out, read_only=True) as st:
        return kgstore.serialize_results(kgstore.query(st, sparql), fmt)


@dataclass(frozen=True)
class DocumentRow:
    id: str
    file: str
    municipality: str
    year: str
    triples: int
    built_at: str
    seconds: str


def list_documents(out: Path) -> list[DocumentRow]:
    """The documents in the store with municipality, year, triple count and build time.

    The triple count comes from the build facts; a document built before they held it is
    counted in the store."""
    sparql = f"""
    PREFIX gkg: <{GKG}>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?g ?file ?muni ?year ?built ?secs ?n WHERE {{
      GRAPH ?g {{ ?r a gkg:Report ; rdfs:label ?file ; gkg:year ?year ; gkg:municipality ?m .
                 ?m skos:prefLabel ?muni . }}
      OPTIONAL {{ GRAPH <{kgstore.META}> {{ ?r gkg:builtAt ?built ; gkg:buildSeconds ?secs }} }}
      OPTIONAL {{ GRAPH <{kgstore.META}> {{ ?r gkg:tripleCount ?n }} }}
    }} ORDER BY ?g"""
    with kgstore.open_store(out, read_only=True) as st:
        rows = []
        for sol in kgstore.query(st, sparql):
            graph = sol["g"].value
            triples = int(sol["n"].value) if sol["n"] else kgstore.graph_size(st, graph)
            rows.append(DocumentRow(graph.rsplit("/", 1)[-1], sol["file"].value,
                                    sol["muni"].value, sol["year"].value, triples,
                                    sol["built"].value if sol["built"] else "",
                                    sol["secs"].value if sol["secs"] else ""))
    return rows


def remove_documents(out: Path, ids: list[str]) -> list[str]:
    """Remove documents (their named graphs and build facts), then rewrite the outputs."""
    if not (Path(out) / kgstore.STORE_DIR).exists():
        raise StoreError(f"no graph store in {Path(out) / kgstore.STORE_DIR}; "
                         "run 'kg build' first")
    with writer_lock(Path(out), "remove"):
        with kgstore.open_store(out) as st:
            present = {g.rsplit("/", 1)[-1] for g in kgstore.graphs(st)}
            missing = [i for i in ids if i not in present]
            if missing:
                raise UsageError(f"not in the store: {', '.join(missing)} (see 'kg list')")
            for doc_id in ids:
                kgstore.remove_graph(st, graph_iri(doc_id), report_iri(doc_id))
        write_outputs(out)
    return ids


def export(out: Path, fmt: str, target: Path) -> Path:
    """Write the graph to ``target`` (atomically) in Turtle, N-Triples or JSON-LD (all
    documents merged), or TriG and N-Quads (one named graph per document). Small stores
    get the same Turtle as ``graph.ttl`` (sorted); every format is otherwise streamed from
    the store graph by graph (:func:`kg.store.stream_graphs`), so memory stays flat."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    with kgstore.open_store(out, read_only=True) as st:
        if fmt == "turtle" and not kgstore.more_triples_than(st, PRETTY_LIMIT):
            atomic_write(target, kgstore.union_graph(st).serialize(format="longturtle"))
        else:
            _atomic_stream(Path(target), lambda f: kgstore.stream_graphs(st, f, fmt))
    return Path(target)


@dataclass(frozen=True)
class Validation:
    documents: int
    failures: tuple[tuple[str, str], ...]  # (document id, SHACL report) per failing document

    @property
    def conforms(self) -> bool:
        return not self.failures


VALIDATE_IN_FLIGHT = 4  # document graphs handed to each worker ahead of its results


def validate_out(out: Path, jobs: int | None = None, on_document=None) -> Validation:
    """SHACL validation of the store, one document graph at a time (see
    :mod:`kg.validate`), in ``jobs`` worker processes (default: the CPU count, up to 4, for
    8 documents or more). ``on_document(doc_id, report_or_None)`` follows each one."""
    from concurrent.futures import ProcessPoolExecutor

    from .validate import validate_ntriples

    failures = []

    def done(doc_id: str, conforms: bool, text: str) -> None:
        if not conforms:
            failures.append((doc_id, text))
        if on_document:
            on_document(doc_id, None if conforms else text)

    with kgstore.open_store(out, read_only=True) as st:
        names = kgstore.graphs(st)

        def graph_data(g: str) -> tuple[str, str]:
            return g.rsplit("/", 1)[-1], kgstore.graph_ntriples(st, g).decode("utf-8")

        if jobs is None:
            jobs = min(os.cpu_count() or 1, 4) if len(names) >= 8 else 1
        if jobs == 1:
            for g in names:
                done(*validate_ntriples(*graph_data(g)))
        else:
            with ProcessPoolExecutor(jobs) as pool:
                pending = []
                for g in names:
                    pending.append(pool.submit(validate_ntriples, *graph_data(g)))
                    while len(pending) >= VALIDATE_IN_FLIGHT * jobs:
                        done(*pending.pop(0).result())
                for future in pending:
                    done(*future.result())
    return Validation(len(names), tuple(sorted(failures)))


def viz(out: Path, target: Path | None = None, view=None) -> Path:
    """Write the explorer page of the store (as ``view`` selects it) to ``target``."""
    target = Path(target) if target else Path(out) / "graph.html"
    with kgstore.open_store(out, read_only=True) as st:
        html = explorer_page(st, view)
    atomic_write(target, html)
    return target


def explorer_page(st, view=None, title: str = "Gemeente KG") -> str:
    """The explorer page straight from the store: the view is chosen on a skeleton of
    names and relations, then only the chosen entities' sentences and indicators are
    read."""
    from . import viz as kgviz

    view = view or kgviz.View()
    chosen = kgviz.select(kgviz.skeleton(*kgstore.explorer_skeleton(st)), view)
    kgviz.add_facts(chosen, *kgstore.explorer_facts(st, sorted(chosen)))
    return kgviz.render(chosen, view, title)


def has_graph(store, doc_id: str) -> bool:
    """Whether the store holds any triple of the document's graph."""
    try:
        return bool(store.query(f"ASK {{ GRAPH <{graph_iri(doc_id)}> {{ ?s ?p ?o }} }}"))
    except (OSError, SyntaxError) as err:
        raise StoreError(f"cannot read the store: {err}") from err


def stored_fingerprint(store, doc_id: str) -> tuple[str, str, str, str] | None:
    """(content hash, extractor version, municipality name, year) of a stored document, if
    it is there: what decides its graph besides the file's name."""
    sparql = f"""PREFIX gkg: <{GKG}>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?sha ?ver ?name ?year WHERE {{
      GRAPH <{graph_iri(doc_id)}> {{ <{report_iri(doc_id)}> gkg:sha256 ?sha ; gkg:year ?year ;
                                     gkg:municipality ?m . ?m skos:prefLabel ?name }}
      GRAPH <{kgstore.META}> {{ <{report_iri(doc_id)}> gkg:extractorVersion ?ver }} }}"""
    try:
        for sol in store.query(sparql):
            return sol["sha"].value, sol["ver"].value, sol["name"].value, sol["year"].value
    except (OSError, SyntaxError) as err:
        raise StoreError(f"cannot read the store: {err}") from err
    return None
