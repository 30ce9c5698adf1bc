"""The explorer page, straight from the store: the view is chosen on a skeleton of names
and relations (:mod:`.viz`), then only the chosen entities' sentences and indicators are
read; large graphs get their positions beforehand (:mod:`.layout`)."""

from __future__ import annotations

from pathlib import Path

from ...store import Store, open_store
from ..files import atomic_write
from . import viz
from .viz import View

__all__ = ["View", "page", "write"]


def page(st: Store, view: View | None = None, title: str = "Gemeente KG") -> str:
    """The explorer page of the store as ``view`` selects it."""
    view = view or View()
    chosen = viz.select(viz.skeleton(*st.explorer_skeleton()), view)
    viz.add_facts(chosen, *st.explorer_facts(sorted(chosen)))
    return viz.render(chosen, view, title)


def write(out: Path, target: Path | None = None, view: View | None = None) -> Path:
    """Write the explorer page of the store in ``out`` (as ``view`` selects it) to
    ``target`` (default ``out/graph.html``)."""
    target = Path(target) if target else Path(out) / "graph.html"
    with open_store(out, read_only=True) as st:
        html = page(st, view)
    atomic_write(target, html)
    return target
