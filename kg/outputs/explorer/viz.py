"""The HTML explorer: graph → networkx → pyvis, one self-contained offline page.

:func:`to_networkx` turns an rdflib graph into entity nodes (type, names, municipalities,
years, indicators, source sentences) and relation edges; from the store, the same graph
is made by :func:`skeleton` and :func:`add_facts` from a few SELECT queries (see
:func:`kg.outputs.explorer.page`), so only the shown entities' facts are read.
:func:`select` applies a :class:`View` (municipality, focus and depth, types, a node
cap); :func:`render` styles
the result with pyvis and wraps it in the explorer: a search box, filters, a legend and a
side panel with the entity's facts (``explorer.js``).

Safety: report text never enters the page as markup. Node data travels as JSON inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, and the
page's script puts it in the DOM with ``textContent`` only; vis.js draws labels on the
canvas and shows tooltips with ``innerText``. vis.js is embedded and every CDN link pyvis
adds (bootstrap) is removed, so the page makes no network requests.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import resources

import networkx as nx
from pyvis.network import Network
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import PROV, SKOS

from ...errors import UsageError
from ...namespace import GKG
from ...rdf import CLASSES, PREDICATES, SDMX_MEASURE
from ...search import search_key as fold
from ...vocab import INITIATIVE_KINDS
from .layout import layout, outline

TYPE_OF = {v: k for k, v in CLASSES.items()}
PREDICATE_OF = {v: k for k, v in PREDICATES.items()}
OUTLINE_FONT = 44  # the largest label of the outline (a tall outline opens small)
LARGE = 300  # from this many nodes: positions from networkx, physics off, no edge labels

STYLE = {
    "Municipality": {"color": "#1f4e79", "shape": "star", "size": 30},
    "Programme": {"color": "#7b3294", "shape": "box", "size": 20},
    "Initiative": {"color": "#e66101", "shape": "dot", "size": 16},
    "Organisation": {"color": "#1b9e77", "shape": "diamond", "size": 16},
    "District": {"color": "#a6761d", "shape": "triangle", "size": 13},
    "Region": {"color": "#5e6b78", "shape": "triangleDown", "size": 13},
    "Law": {"color": "#8c8c8c", "shape": "square", "size": 11},
    "Indicator": {"color": "#2b8cbe", "shape": "dot", "size": 7},
}


@dataclass(frozen=True)
class View:
    """What part of the graph the page shows."""

    municipality: str | None = None
    compare: tuple[str, ...] = ()  # two or more municipalities side by side
    focus: str | None = None
    depth: int = 1
    types: tuple[str, ...] = ()
    indicators: str = "properties"  # or "nodes": one node per indicator value
    limit: int = 5000


def _where(report: dict, page) -> str:
    """``report.pdf, p. 27``: the file of a mention, with its PDF page when it has one
    (as the store's explorer queries write it)."""
    name = report.get("file", "")
    return f"{name}, p. {page}" if page is not None else name


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Entities as nodes with everything the panel shows, relations as edges."""
    g = nx.MultiDiGraph()
    reports = _reports(graph)
    sentences: dict = defaultdict(dict)
    places: dict = defaultdict(set)
    for entity, mention in graph.subject_objects(GKG.mention):
        report = reports.get(graph.value(mention, PROV.wasDerivedFrom), {})
        sentence = graph.value(mention, GKG.sentence)
        if report:
            places[entity].add((report["municipality"], report["year"]))
        if sentence:
            sentences[entity][(str(sentence), _where(report, graph.value(mention, GKG.page)))] = (
                None
            )
    indicators: dict = defaultdict(list)
    for ind, about in graph.subject_objects(GKG.about):
        mention = graph.value(ind, GKG.mention)
        report = reports.get(graph.value(mention, PROV.wasDerivedFrom), {}) if mention else {}
        indicators[about].append(
            {
                "id": str(ind),
                "label": str(graph.value(ind, RDFS.label) or ""),
                "value": _number(graph.value(ind, SDMX_MEASURE.obsValue)),
                "unit": str(graph.value(ind, GKG.unitCode) or ""),
                "period": str(graph.value(ind, GKG.period) or ""),
                "kind": _kind(graph.value(ind, GKG.kind)),
                "measure": str(graph.value(ind, GKG.measureName) or ""),
                "document": _where(report, graph.value(mention, GKG.page) if mention else None),
                "sentence": str(graph.value(mention, GKG.sentence) or "") if mention else "",
            }
        )
    for node, cls in graph.subject_objects(RDF.type):
        etype = TYPE_OF.get(cls) if isinstance(cls, URIRef) else None
        if etype is None:
            continue
        seen = places.get(node, set())
        g.add_node(
            str(node),
            type=etype,
            name=str(graph.value(node, SKOS.prefLabel) or node),
            aliases=sorted({str(a) for a in graph.objects(node, SKOS.altLabel)}),
            municipalities=sorted({m for m, _ in seen if m}),
            years=sorted({y for _, y in seen if y}),
            sentences=[{"text": t, "document": d} for t, d in sorted(sentences.get(node, {}))],
            indicators=sorted(
                indicators.get(node, []), key=lambda i: (i["label"], i["period"], i["value"])
            ),
            kind=_initiative_kind(graph, node),
        )
    for predicate, name in PREDICATE_OF.items():
        for s, o in graph.subject_objects(predicate):
            if str(s) in g and str(o) in g:
                g.add_edge(str(s), str(o), key=name, label=name)
    return g


def skeleton(
    entities: list[tuple],
    aliases: list[tuple],
    relations: list[tuple],
    kinds: Iterable[tuple] = (),
) -> nx.MultiDiGraph:
    """The graph of :func:`to_networkx` without sentences or indicators, from the rows
    of :meth:`kg.store.Store.explorer_skeleton`: enough to apply a :class:`View`."""
    g = nx.MultiDiGraph()
    names = defaultdict(set)
    for entity, alias in aliases:
        names[entity].add(alias)
    kind_of = dict(kinds)
    types = {str(v): k for k, v in CLASSES.items()}
    for entity, kind, name, home, year in entities:
        if entity not in g:
            g.add_node(
                entity,
                type=types.get(kind, "Entity"),
                name=name,
                aliases=sorted(names.get(entity, ())),
                municipalities=[],
                years=[],
                sentences=[],
                indicators=[],
                kind=kind_of.get(entity, ""),
            )
        data = g.nodes[entity]
        if home and home not in data["municipalities"]:
            data["municipalities"] = sorted([*data["municipalities"], home])
        if year and year not in data["years"]:
            data["years"] = sorted([*data["years"], year])
    predicates = {str(v): k for k, v in PREDICATES.items()}
    for s, p, o in relations:
        if s in g and o in g:
            g.add_edge(s, o, key=predicates[p], label=predicates[p])
    return g


def add_facts(g: nx.MultiDiGraph, sentences: list[tuple], indicators: list[tuple]) -> None:
    """Fill a :func:`skeleton` graph's sentences and indicators from the rows of
    :meth:`kg.store.Store.explorer_facts`, exactly as :func:`to_networkx` would."""
    said: dict = defaultdict(set)
    for entity, sentence, file in sentences:
        if sentence:
            said[entity].add((sentence, file))
    values: dict = defaultdict(list)
    for entity, ind, label, value, unit, period, kind, measure, file, sentence in indicators:
        values[entity].append(
            {
                "id": ind,
                "label": label,
                "value": _number(value),
                "unit": unit,
                "period": period,
                "kind": _kind(kind),
                "measure": measure,
                "document": file,
                "sentence": sentence,
            }
        )
    for node, data in g.nodes(data=True):
        data["sentences"] = [{"text": t, "document": d} for t, d in sorted(said.get(node, ()))]
        data["indicators"] = sorted(
            values.get(node, []), key=lambda i: (i["label"], i["period"], i["value"])
        )


def _reports(graph: Graph) -> dict:
    """Report IRI → file, year and municipality name."""
    out = {}
    for report in graph.subjects(RDF.type, GKG.Report):
        home = graph.value(report, GKG.municipality)
        out[report] = {
            "file": str(graph.value(report, RDFS.label) or ""),
            "year": str(graph.value(report, GKG.year) or ""),
            "municipality": str(graph.value(home, SKOS.prefLabel) or "")
            if home is not None
            else "",
        }
    return out


def _number(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return text[:-2] if text.endswith(".0") else text


def select(g: nx.MultiDiGraph, view: View = View()) -> nx.MultiDiGraph:
    """The part of ``g`` that ``view`` asks for; unknown names are a :class:`UsageError`."""
    keep = set(g)
    if view.municipality and view.compare:
        raise UsageError("choose one municipality or several to compare, not both")
    if view.municipality or view.compare:
        wanted = set(municipalities(g, [view.municipality] if view.municipality else view.compare))
        keep = {n for n in keep if wanted & set(g.nodes[n]["municipalities"])}
    if view.types:
        unknown = set(view.types) - set(CLASSES)
        if unknown:
            raise UsageError(f"unknown type {sorted(unknown)[0]!r}; types: {', '.join(CLASSES)}")
        keep = {n for n in keep if g.nodes[n]["type"] in view.types}
    if view.focus:
        centres = find(g.subgraph(keep), view.focus)
        ball: set = set()
        undirected = g.subgraph(keep).to_undirected(as_view=True)
        for centre in centres:
            ball |= set(nx.ego_graph(undirected, centre, radius=max(view.depth, 0)))
        keep = ball
    if len(keep) > view.limit:
        ranked = sorted(keep, key=lambda n: (-g.degree(n), g.nodes[n]["name"], n))
        keep = set(ranked[: view.limit])
    return g.subgraph(keep).copy()


def municipalities(g: nx.MultiDiGraph, names: Iterable[str]) -> list[str]:
    """The municipalities of ``g`` called ``names`` (case and accents ignored), in the
    order given; a :class:`UsageError` naming the known ones for a name not there."""
    known = {m for _, d in g.nodes(data=True) for m in d["municipalities"]}
    by_key = {fold(m): m for m in known}
    out = []
    for name in names:
        if fold(name) not in by_key:
            raise UsageError(f"no municipality {name!r} in the graph; known: {_some(known)}")
        if by_key[fold(name)] not in out:
            out.append(by_key[fold(name)])
    return out


def find(g: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes whose name or alias is ``name`` (case and accents ignored), else those that
    contain it; a :class:`UsageError` naming close candidates when there are none."""
    wanted = fold(name)
    exact, partial = [], []
    for node, data in g.nodes(data=True):
        names = [fold(x) for x in [data["name"], *data["aliases"]]]
        if wanted in names:
            exact.append(node)
        elif any(wanted in x for x in names):
            partial.append(node)
    if exact or partial:
        return sorted(exact or partial)
    raise UsageError(f"no entity named {name!r} in the graph")


def _some(names: set[str], n: int = 8) -> str:
    shown = sorted(names)[:n]
    return ", ".join(shown) + (", ..." if len(names) > n else "")


def render(g: nx.MultiDiGraph, view: View = View(), title: str = "Gemeente KG") -> str:
    """The explorer page for the (already selected) entity graph ``g``."""
    if view.compare:  # as the graph spells them
        view = replace(view, compare=tuple(municipalities(g, view.compare)))
    shown = _with_indicator_nodes(g, view.limit) if view.indicators == "nodes" else g
    large = shown.number_of_nodes() >= LARGE
    tree = outline(shown)  # a report's outline: municipality → programmes → ... as a tree
    net = _network(shown, large, tree)
    page = _offline(net.generate_html())
    data = {
        "title": title,
        "view": describe(view),
        "compare": list(view.compare) if len(view.compare) > 1 else [],
        "initiativeKinds": {code: label for code, (label, _) in INITIATIVE_KINDS.items()},
        "styles": STYLE,
        "typeOrder": list(STYLE),
        "large": large or tree is not None,  # positions given, physics off
        # what the page opens on: the outline's municipality, programmes, sub-programmes
        "outline": sorted(str(n) for n in (tree or {}) if _on_outline(shown, n)),
        "nodes": {n: _panel(shown, n) for n in shown},
        "entities": g.number_of_nodes(),
        "relations": g.number_of_edges(),
    }
    blob = (
        json.dumps(data, ensure_ascii=False, sort_keys=True)
        .replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
    )
    script = _asset("explorer.js")
    page = page.replace(
        "<head>",
        '<head>\n<meta name="viewport" '
        'content="width=device-width, initial-scale=1">'
        f"\n<title>{html.escape(title)}</title>",
        1,
    )
    page = page.replace("</head>", f"<style>{_asset('explorer.css')}</style>\n</head>", 1)
    page = page.replace("<body>", f"<body>\n{_CHROME}", 1)
    return page.replace(
        "</body>",
        f'<script id="kg-data" type="application/json">{blob}'
        f"</script>\n<script>{script}</script>\n</body>",
        1,
    )


def describe(view: View) -> str:
    """The view in words, for the page's header: ``'Zwolle · around Veilig Thuis (2 steps)'``."""
    parts = []
    if view.municipality:
        parts.append(view.municipality)
    if view.compare:
        parts.append(" | ".join(view.compare))
    if view.focus:
        steps = "1 step" if view.depth == 1 else f"{view.depth} steps"
        parts.append(f"around {view.focus} ({steps})")
    if view.types:
        parts.append(", ".join(view.types))
    return " · ".join(parts)


def page(graph: Graph, view: View = View(), title: str = "Gemeente KG") -> str:
    """The explorer page of an rdflib graph, as ``view`` selects it."""
    return render(select(to_networkx(graph), view), view, title)


def _outline_font(g: nx.MultiDiGraph, tree: dict) -> int:
    """The outline's label size: about 14 pixels on the screen once the page is fitted
    on the outline (about 800 pixels high), whatever the outline's height."""
    ys = [y for n, (_, y) in tree.items() if _on_outline(g, n)]
    span = max(ys) - min(ys) if ys else 0.0
    return int(min(OUTLINE_FONT, max(14, 14 * span / 800)))


def _on_outline(g: nx.MultiDiGraph, node) -> bool:
    """A programme, or the municipality that has programmes."""
    if g.nodes[node]["type"] == "Programme":
        return True
    return any(k == "hasProgramme" for _, _, k in g.out_edges(node, keys=True))


def _network(g: nx.MultiDiGraph, large: bool, tree: dict | None = None) -> Network:
    net = Network(
        height="100%",
        width="100%",
        directed=True,
        cdn_resources="in_line",
        bgcolor="#f7f8fa",
        font_color="#1d2733",
    )
    home = {
        n: d["municipalities"][0] for n, d in g.nodes(data=True) if len(d["municipalities"]) == 1
    }
    positions = tree if tree is not None else layout(g, groups=home) if large else {}
    fixed = large or tree is not None
    font = _outline_font(g, tree) if tree is not None else 0
    for node, data in sorted(g.nodes(data=True)):
        look = dict(STYLE.get(data["type"], STYLE["Indicator"]))
        extra = {}
        if node in positions:
            extra = {"x": positions[node][0], "y": positions[node][1]}
        net.add_node(
            node,
            label=_short(data["name"]),
            title=f"{data['name']}\n{data['type']}",
            **look,
            **extra,
        )
        if tree is not None and _on_outline(g, node):  # legible when the outline is fitted
            net.nodes[-1]["font"] = {**net.nodes[-1].get("font", {}), "size": font}
    for s, o, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"])):
        label = {} if large else {"label": data["label"]}
        net.add_edge(s, o, title=data["label"], arrows="to", **label)
    net.set_options(json.dumps(_options(fixed)))
    return net


def _options(large: bool) -> dict:
    options = {
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "nodes": {
            "font": {"size": 13, "face": "system-ui, sans-serif"},
            "borderWidth": 1,
            "borderWidthSelected": 3,
        },
        "edges": {
            "color": {"color": "#b5bfca", "highlight": "#1d2733", "hover": "#44505c"},
            "font": {"size": 10, "align": "middle", "color": "#5a6672", "strokeWidth": 3},
            "width": 1,
            "selectionWidth": 2,
        },
    }
    if large:
        options["physics"] = {"enabled": False}
        options["layout"] = {"improvedLayout": False}
        options["edges"]["smooth"] = False
        options["interaction"].update({"hideEdgesOnDrag": True, "hideEdgesOnZoom": True})
    else:
        options["physics"] = {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -70, "springLength": 120},
            "stabilization": {"iterations": 300},
        }
        options["edges"]["smooth"] = {"type": "continuous"}
    return options


def _with_indicator_nodes(g: nx.MultiDiGraph, limit: int) -> nx.MultiDiGraph:
    """A copy of ``g`` with one node per indicator value, linked to what it is about,
    while the page stays within ``limit`` nodes (the most connected entities first)."""
    out = g.copy()
    ranked = sorted(g.nodes(data=True), key=lambda nd: (-g.degree(nd[0]), nd[1]["name"], nd[0]))
    for node, data in ranked:
        for ind in data["indicators"]:
            if out.number_of_nodes() >= limit:
                return out
            name = f"{ind['value']} {ind['unit']} {ind['period']}".strip()
            out.add_node(
                ind["id"],
                type="Indicator",
                name=name,
                aliases=[ind["label"]] if ind["label"] else [],
                municipalities=data["municipalities"],
                years=data["years"],
                sentences=[{"text": ind["sentence"], "document": ind["document"]}]
                if ind["sentence"]
                else [],
                indicators=[ind],
            )
            out.add_edge(ind["id"], node, key="about", label="about")
    return out


def _panel(g: nx.MultiDiGraph, node: str) -> dict:
    """What the side panel shows for ``node`` (plain data; the page escapes it)."""
    data = g.nodes[node]
    relations = [
        {"predicate": d["label"], "direction": "out", "other": o}
        for _, o, d in g.out_edges(node, data=True)
    ]
    relations += [
        {"predicate": d["label"], "direction": "in", "other": s}
        for s, _, d in g.in_edges(node, data=True)
    ]
    relations.sort(key=lambda r: (r["predicate"], r["direction"], g.nodes[r["other"]]["name"]))
    return {
        "type": data["type"],
        "name": data["name"],
        "aliases": data["aliases"],
        "municipalities": data["municipalities"],
        "years": data["years"],
        "kind": data.get("kind", ""),
        "indicators": data["indicators"],
        "sentences": data["sentences"],
        "relations": relations,
    }


def _offline(page: str) -> str:
    """Drop every remote resource and pyvis's empty headings."""
    page = re.sub(r"<link[^>]*href=\"https?://[^\"]*\"[^>]*/?>", "", page, flags=re.S)
    page = re.sub(r"<script[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>", "", page, flags=re.S)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    return re.sub(r"<!--(?:(?!-->).)*node_modules(?:(?!-->).)*-->", "", page, flags=re.S)


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _initiative_kind(graph: Graph, node) -> str:
    """The code of an initiative's kind (``gkg:initiative-team`` → ``team``); "" for none."""
    concept = graph.value(node, GKG.initiativeKind)
    return "" if concept is None else str(graph.value(concept, SKOS.notation) or "")


def _kind(iri: object) -> str:
    """The code of an indicator kind (``gkg:kind-target`` → ``target``); "" for none."""
    return str(iri or "").rpartition("#kind-")[2]


def _short(name: str, n: int = 40) -> str:
    return name if len(name) <= n else name[: n - 1] + "…"


_CHROME = """
<div id="kg-app">
  <aside id="kg-side" aria-label="Search and filters">
    <header><h1 id="kg-title"></h1><p id="kg-count"></p></header>
    <label class="kg-label" for="kg-search">Search</label>
    <input id="kg-search" type="search" placeholder="Name or alias…" autocomplete="off">
    <ul id="kg-results" role="listbox"></ul>
    <div class="kg-label">Types</div>
    <div id="kg-types"></div>
    <label class="kg-label" for="kg-municipality">Municipality</label>
    <select id="kg-municipality"><option value="">All municipalities</option></select>
    <label class="kg-label" for="kg-year">Year</label>
    <select id="kg-year"><option value="">All years</option></select>
    <div class="kg-label">Side by side</div>
    <div id="kg-compare" role="group" aria-label="Municipalities side by side"></div>
    <div id="kg-compare-summary" hidden></div>
    <p id="kg-shown"></p>
    <button id="kg-reset" type="button">Reset view</button>
  </aside>
  <aside id="kg-panel" hidden aria-live="polite">
    <button id="kg-close" type="button" aria-label="Close">×</button>
    <div id="kg-panel-body"></div>
  </aside>
</div>
"""
