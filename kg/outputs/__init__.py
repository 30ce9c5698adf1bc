"""What a build writes beside the store, and the other views of it: ``graph.ttl``
(:mod:`.turtle`), the explorer page (:mod:`.explorer`), SHACL validation
(:mod:`.validation`), annotation JSON (:mod:`.annotation`) and scores against gold
annotations (:mod:`.evaluation`).

Nothing here imports spaCy, and this module imports neither rdflib nor pyvis until it
writes, so commands that only read the store start fast."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path

from ..store import Store, open_store, store_path
from .files import atomic_write

OUTPUTS_STATE = ".outputs-state"  # what graph.ttl and graph.html were last written from


def write_outputs(
    out: Path, *, if_changed: bool = False, store: Store | None = None
) -> dict[str, Path]:
    """``graph.ttl`` and ``graph.html`` from the whole store, each written atomically
    (see :mod:`.turtle`; the explorer reads only what it shows, for the most connected
    entities when the graph is large). A large store's Turtle is streamed by Oxigraph,
    which does not hold the GIL, while the explorer page (Python) is made.

    With ``if_changed``, nothing is written when both files are as this function last
    wrote them and the store has not changed since (its build facts say which documents it
    holds and when each was built): a build that skipped every file costs no rewrite, while
    an interrupted build, a removal or a page written by ``kg viz`` is caught.

    ``store`` is the open store of ``out`` when the caller has it (a build, a removal);
    otherwise it is opened read-only.
    """
    from . import explorer, turtle

    out = Path(out)
    ttl, page = out / "graph.ttl", out / "graph.html"
    paths = {"turtle": ttl, "html": page, "store": store_path(out)}
    with open_store(out, read_only=True) if store is None else nullcontext(store) as st:
        store_state = st.state()
        if if_changed and _outputs_state(store_state, ttl, page) == _read_state(out):
            return paths
        if turtle.small(st):
            turtle.write_pretty(st, ttl)
            html = explorer.page(st)
        else:
            with ThreadPoolExecutor(1) as pool:
                streamed = pool.submit(turtle.write_streamed, st, ttl)
                html = explorer.page(st)
                streamed.result()
    atomic_write(page, html)
    atomic_write(out / OUTPUTS_STATE, _outputs_state(store_state, ttl, page))
    return paths


def _outputs_state(store_state: str, *files: Path) -> str:
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
