"""The HTML explorer: rdflib Graph → networkx → pyvis, one self-contained page.

Styling lives in :func:`style`. vis.js is embedded (pyvis ``in_line``) and every CDN
link pyvis adds (bootstrap) is removed, so the page works offline. Tooltips are plain
strings, which vis-network renders as text (``innerText``), never as HTML.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict

import networkx as nx
from pyvis.network import Network
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import PROV, SKOS

from .namespace import GKG
from .rdf import CLASSES, PREDICATES, SDMX_MEASURE

TYPE_OF = {v: k for k, v in CLASSES.items()}
PREDICATE_OF = {v: k for k, v in PREDICATES.items()}

STYLE = {
    "Municipality": {"color": "#1f4e79", "shape": "star", "size": 34},
    "Programme": {"color": "#7b3294", "shape": "box", "size": 22},
    "Initiative": {"color": "#e66101", "shape": "dot", "size": 18},
    "Organisation": {"color": "#1b9e77", "shape": "diamond", "size": 18},
    "District": {"color": "#a6761d", "shape": "triangle", "size": 14},
    "Region": {"color": "#666666", "shape": "triangleDown", "size": 14},
    "Law": {"color": "#999999", "shape": "square", "size": 12},
}


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Entities as nodes (with labels, aliases, sentences, indicators), relations as edges."""
    g = nx.MultiDiGraph()
    sentences: dict = defaultdict(list)
    for entity, mention in graph.subject_objects(GKG.mention):
        sentence = graph.value(mention, GKG.sentence)
        report = graph.value(mention, PROV.wasDerivedFrom)
        doc = graph.value(report, RDFS.label) if report is not None else None
        if sentence:
            sentences[entity].append(f"{sentence} ({doc})")
    indicators: dict = defaultdict(list)
    for ind, about in graph.subject_objects(GKG.about):
        value = graph.value(ind, SDMX_MEASURE.obsValue)
        indicators[about].append(
            f"{value} {graph.value(ind, GKG.unitCode)} {graph.value(ind, GKG.period)}")
    for node, cls in graph.subject_objects(RDF.type):
        etype = TYPE_OF.get(cls)
        if etype is None:
            continue
        g.add_node(str(node), type=etype, name=str(graph.value(node, SKOS.prefLabel) or node),
                   aliases=sorted(str(a) for a in graph.objects(node, SKOS.altLabel)),
                   sentences=sorted(set(sentences.get(node, []))),
                   indicators=sorted(indicators.get(node, [])))
    for predicate, name in PREDICATE_OF.items():
        for s, o in graph.subject_objects(predicate):
            if str(s) in g and str(o) in g:
                g.add_edge(str(s), str(o), key=name, label=name)
    return g


def style(g: nx.MultiDiGraph) -> Network:
    """A pyvis network with colours and shapes per class and text tooltips."""
    net = Network(height="860px", width="100%", directed=True, cdn_resources="in_line",
                  bgcolor="#ffffff", font_color="#222222")
    for node, data in sorted(g.nodes(data=True)):
        look = STYLE.get(data["type"], {"color": "#888888", "shape": "dot", "size": 12})
        net.add_node(node, label=_short(data["name"]), title=_tooltip(data),
                     group=data["type"], **look)
    for s, o, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"])):
        net.add_edge(s, o, label=data["label"], title=data["label"], arrows="to",
                     font={"size": 10, "align": "middle"}, color="#9aa5b1")
    net.set_options(_OPTIONS)
    return net


def render(graph: Graph, title: str = "Gemeente KG") -> str:
    """The explorer page for ``graph`` as one offline HTML string."""
    g = to_networkx(graph)
    page = style(g).generate_html()
    page = _offline(page)
    legend = "".join(
        f'<span class="kg-item"><span class="kg-dot" style="background:{v["color"]}"></span>'
        f"{k}</span>" for k, v in STYLE.items())
    header = (f'<div class="kg-header"><h1>{html.escape(title)}</h1>'
              f'<div class="kg-legend">{legend}</div>'
              f'<div class="kg-count">{g.number_of_nodes()} entities, '
              f"{g.number_of_edges()} relations</div></div>")
    page = page.replace("<body>", f"<body>\n{header}", 1)
    return page.replace("</head>", f"<style>{_CSS}</style>\n</head>", 1)


def _offline(page: str) -> str:
    """Drop every remote resource and pyvis's empty headings."""
    page = re.sub(r"<link[^>]*href=\"https?://[^\"]*\"[^>]*/?>", "", page, flags=re.S)
    page = re.sub(r"<script[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>", "", page, flags=re.S)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    return page


def _short(name: str, n: int = 40) -> str:
    return name if len(name) <= n else name[: n - 1] + "…"


def _tooltip(data: dict) -> str:
    lines = [data["name"], f"type: {data['type']}"]
    if data["aliases"]:
        lines.append("also: " + "; ".join(data["aliases"][:6]))
    if data["indicators"]:
        lines.append("indicators: " + "; ".join(data["indicators"][:6]))
    for sentence in data["sentences"][:3]:
        lines.append("“" + _short(sentence, 220) + "”")
    return "\n".join(lines)


_OPTIONS = """
{
  "interaction": {"hover": true, "tooltipDelay": 120, "navigationButtons": false},
  "physics": {"solver": "forceAtlas2Based",
              "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
              "stabilization": {"iterations": 250}},
  "edges": {"smooth": {"type": "dynamic"}}
}
"""

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; }
.kg-header { padding: 10px 16px; border-bottom: 1px solid #e3e6ea; display: flex;
             gap: 24px; align-items: center; flex-wrap: wrap; }
.kg-header h1 { font-size: 18px; margin: 0; }
.kg-legend { display: flex; gap: 14px; flex-wrap: wrap; font-size: 13px; }
.kg-item { display: inline-flex; align-items: center; gap: 5px; }
.kg-dot { width: 11px; height: 11px; border-radius: 50%; display: inline-block; }
.kg-count { font-size: 12px; color: #667; }
div.vis-tooltip { white-space: pre-wrap; max-width: 460px; font-size: 12px; }
#mynetwork { border: none !important; }
"""
