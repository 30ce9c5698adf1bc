"""``graph.ttl`` and ``kg export``: the store's graph as a file.

Up to :data:`PRETTY_LIMIT` triples the Turtle is rdflib's sorted longturtle; above it,
Oxigraph streams it graph by graph (its order is deterministic too), so memory does not
grow with the corpus."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import IO

from ..errors import UsageError
from ..store import EXPORT_FORMATS, Store, open_store, turtle_header
from .files import atomic_stream, atomic_write

PRETTY_LIMIT = 20_000  # above this many triples graph.ttl is streamed, not sorted in memory
TURTLE_PARTS = ".graph.ttl.parts"  # where each graph's part of a streamed graph.ttl lies
EXPORT_SUFFIX = {"turtle": "ttl", "nt": "nt", "trig": "trig", "nquads": "nq", "jsonld": "jsonld"}


def small(st: Store) -> bool:
    """Whether the store is small enough for sorted, pretty Turtle."""
    return not st.more_triples_than(PRETTY_LIMIT)


def write_pretty(st: Store, ttl: Path) -> None:
    """The whole store as rdflib's sorted longturtle (for small stores)."""
    atomic_write(ttl, st.union_graph().serialize(format="longturtle"))


def write_streamed(st: Store, ttl: Path) -> None:
    """Write ``ttl`` graph by graph, the file :meth:`kg.store.Store.stream_graphs` writes,
    copying the part of each graph that was not replaced since the last write from the old
    file instead of serialising it again: a build that changed one document of a thousand
    rewrites one part. The old parts are used only if the file is exactly as this
    function left it (size and modification time, kept beside the offsets)."""
    versions = st.graph_versions()
    old = _read_parts(ttl)
    parts: list[list] = []

    def write(f: IO[bytes]) -> None:
        header = turtle_header()
        f.write(header)
        offset = len(header)
        with open(ttl, "rb") if old else contextlib.nullcontext() as previous:
            for g in st.graphs():
                version = versions.get(g)
                kept = old.get(g)
                if kept and version is not None and kept[0] == version and previous:
                    previous.seek(kept[1])
                    data = previous.read(kept[2])
                else:
                    data = st.graph_turtle(g)
                f.write(data)
                parts.append([g, version, offset, len(data)])
                offset += len(data)

    atomic_stream(ttl, write)
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
        return {g: (version, offset, length) for g, version, offset, length in index["parts"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def export(out: Path, fmt: str, target: Path) -> Path:
    """Write the graph to ``target`` (atomically) in Turtle, N-Triples or JSON-LD (all
    documents merged), or TriG and N-Quads (one named graph per document). Small stores
    get the same Turtle as ``graph.ttl`` (sorted); every format is otherwise streamed from
    the store graph by graph, so memory stays flat."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    with open_store(out, read_only=True) as st:
        if fmt == "turtle" and small(st):
            write_pretty(st, Path(target))
        else:
            atomic_stream(Path(target), lambda f: st.stream_graphs(f, fmt))
    return Path(target)
