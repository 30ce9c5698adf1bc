"""The explorer page without a browser: data, views, layout, offline and escaping.
What the page does when it runs is tested in Chromium (test_browser.py)."""

import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest
from explorer_fixtures import PAYLOADS, hostile_facts

from kg import store as kgstore
from kg.errors import UsageError
from kg.outputs import explorer
from kg.outputs.explorer import layout, viz
from kg.rdf import document_graph


def page_data(page: str) -> dict:
    blob = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(blob.group(1))


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.handlers = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


@pytest.fixture(scope="module")
def sample_graph(built):
    return viz.to_networkx(kgstore.load_graph(built))


def test_outputs_explorer_page_is_offline(built):
    page = (built / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']https?://""", page)
    assert not re.search(r"""@import|url\(\s*["']?https?:""", page)
    assert "new vis.Network" in page


def test_outputs_explorer_page_data_matches_the_graph(built, sample_graph):
    data = page_data((built / "graph.html").read_text(encoding="utf-8"))
    assert set(data["nodes"]) == set(sample_graph)
    assert data["entities"] == sample_graph.number_of_nodes()
    assert data["relations"] == sample_graph.number_of_edges()
    for cls in ("Municipality", "Programme", "Initiative", "Organisation"):
        assert cls in data["styles"]


def test_outputs_explorer_panel_facts_carry_sentences_indicators_and_relations(sample_graph):
    team = next(n for n, d in sample_graph.nodes(data=True) if d["name"] == "doorbraakteam")
    panel = viz._panel(sample_graph, team)
    assert panel["type"] == "Initiative" and panel["municipalities"] == ["Lindewaard"]
    assert panel["years"] == ["2023"]
    assert all(s["document"] == "lindewaard-2023.txt" for s in panel["sentences"])
    assert any("doorbraakteam" in s["text"] for s in panel["sentences"])
    assert {(i["value"], i["unit"], i["period"]) for i in panel["indicators"]} >= {
        ("37", "days", "2023")
    }
    partners = {
        sample_graph.nodes[r["other"]]["name"]
        for r in panel["relations"]
        if r["predicate"] == "hasPartner" and r["direction"] == "out"
    }
    assert partners == {"Veilig Thuis", "Raad voor de Kinderbescherming"}


def test_outputs_explorer_focus_depth_is_an_ego_graph(sample_graph):
    team = next(n for n, d in sample_graph.nodes(data=True) if d["name"] == "doorbraakteam")
    one = viz.select(sample_graph, viz.View(focus="Doorbraakteam", depth=1))
    undirected = sample_graph.to_undirected()
    assert set(one) == {team, *undirected.neighbors(team)}
    two = viz.select(sample_graph, viz.View(focus="doorbraakteam", depth=2))
    assert set(two) == set(nx.ego_graph(undirected, team, radius=2))
    assert len(two) > len(one)
    assert set(viz.select(sample_graph, viz.View(focus="doorbraakteam", depth=0))) == {team}


def test_outputs_explorer_type_and_limit_views(sample_graph):
    orgs = viz.select(sample_graph, viz.View(types=("Organisation",)))
    assert orgs and {d["type"] for _, d in orgs.nodes(data=True)} == {"Organisation"}
    top = viz.select(sample_graph, viz.View(limit=5))
    degrees = sorted((d for _, d in sample_graph.degree()), reverse=True)
    assert len(top) == 5 and min(sample_graph.degree(n) for n in top) == degrees[4]


def test_outputs_explorer_unknown_names_are_usage_errors(sample_graph):
    with pytest.raises(UsageError, match="no municipality 'Atlantis'.*Lindewaard"):
        viz.select(sample_graph, viz.View(municipality="Atlantis"))
    with pytest.raises(UsageError, match="no entity named"):
        viz.select(sample_graph, viz.View(focus="nothing like this"))


def test_outputs_explorer_municipality_view_from_the_store(two_towns, tmp_path):
    target = explorer.write(two_towns, tmp_path / "z.html", viz.View(municipality="zwolle"))
    data = page_data(target.read_text(encoding="utf-8"))
    names = {n["name"] for n in data["nodes"].values()}
    assert "pilot Buurtkamer Noord" in names and "doorbraakteam" not in names
    assert all("Zwolle" in n["municipalities"] for n in data["nodes"].values())
    shared = next(n for n in data["nodes"].values() if n["name"] == "Veilig Thuis")
    assert shared["municipalities"] == ["Lindewaard", "Zwolle"]
    assert shared["years"] == ["2022", "2023"]


def test_outputs_explorer_store_page_equals_the_graph_page(two_towns):
    """The store path (skeleton, then details of the chosen nodes) shows what the
    in-memory path shows."""
    from_store = page_data((two_towns / "graph.html").read_text(encoding="utf-8"))
    in_memory = page_data(viz.page(kgstore.load_graph(two_towns)))
    assert from_store == in_memory


def test_outputs_explorer_indicators_are_properties_unless_asked(sample_graph):
    default = page_data(viz.render(sample_graph))
    assert not any(n["type"] == "Indicator" for n in default["nodes"].values())
    as_nodes = page_data(viz.render(sample_graph, viz.View(indicators="nodes")))
    indicator_nodes = [n for n in as_nodes["nodes"].values() if n["type"] == "Indicator"]
    assert len(indicator_nodes) == sum(
        len(d["indicators"]) for _, d in sample_graph.nodes(data=True)
    )
    assert all(r["predicate"] == "about" for n in indicator_nodes for r in n["relations"])
    capped = page_data(viz.render(sample_graph, viz.View(indicators="nodes", limit=100)))
    assert len(capped["nodes"]) == 100 > sample_graph.number_of_nodes()


def test_outputs_explorer_hostile_text_never_becomes_markup():
    page = viz.page(document_graph(hostile_facts()))
    tags, plain = Tags(), Tags()
    tags.feed(page)
    plain.feed(viz.page(document_graph(hostile_facts(("a", "b", "c", "d")))))
    assert tags.handlers == [] and plain.handlers == []
    assert tags.tags == plain.tags  # the markup in the report added no element
    assert tags.tags.count("script") == 5  # pyvis utils, vis.js, drawGraph, data, explorer
    for payload in PAYLOADS:
        assert payload not in page
    data = page_data(page)
    assert {n["name"] for n in data["nodes"].values()} >= set(PAYLOADS[:3])


def test_outputs_explorer_page_is_deterministic(two_towns):
    graph = kgstore.load_graph(two_towns)
    assert viz.page(graph) == viz.page(graph)


def test_outputs_explorer_large_graph_has_positions_and_no_physics():
    g = nx.MultiDiGraph()
    for i in range(viz.LARGE + 20):
        g.add_node(
            f"n{i}",
            type="Initiative",
            name=f"n{i}",
            aliases=[],
            municipalities=[],
            years=[],
            sentences=[],
            indicators=[],
        )
        if i:
            g.add_edge(f"n{i}", f"n{i // 3}", key="partOfProgramme", label="partOfProgramme")
    page = viz.render(g)
    assert '"physics": {"enabled": false}' in page
    assert len(re.findall(r'"x": -?\d', page)) == g.number_of_nodes()
    small = viz.render(g.subgraph([f"n{i}" for i in range(20)]).copy())
    assert '"physics": {"enabled": false}' not in small and '"x": ' not in small


def test_layout_places_every_node_apart():
    g = nx.Graph()
    for c in range(12):
        g.add_edges_from((f"{c}-{i}", f"{c}-{(i * 7) % 40}") for i in range(40))
        g.add_edge(f"{c}-0", "hub")
    g.add_nodes_from(f"lone{i}" for i in range(30))
    g.add_edges_from((f"pair{i}", f"pair{i}b") for i in range(10))
    pos = layout.layout(g)
    assert set(pos) == set(g)
    points = sorted(pos.values())
    assert len(set(points)) == len(points)
    assert pos == layout.layout(g)


def test_outputs_explorer_compare_view_keeps_the_municipalities_compared(two_towns):
    graph = viz.to_networkx(kgstore.load_graph(two_towns))
    both = viz.select(graph, viz.View(compare=("zwolle", "LINDEWAARD")))
    assert set(both) == {n for n, d in graph.nodes(data=True) if d["municipalities"]}
    data = page_data(viz.render(both, viz.View(compare=("zwolle", "LINDEWAARD"))))
    assert data["compare"] == ["Zwolle", "Lindewaard"]  # the graph's names, in order given
    assert data["typeOrder"][0] == "Municipality"
    assert set(data["initiativeKinds"]) >= {"team", "project", "pilot"}
    with pytest.raises(UsageError, match="no municipality 'Atlantis'.*Lindewaard, Zwolle"):
        viz.select(graph, viz.View(compare=("Zwolle", "Atlantis")))
    with pytest.raises(UsageError, match="not both"):
        viz.select(graph, viz.View(municipality="Zwolle", compare=("Zwolle", "Lindewaard")))
    # one municipality is no comparison: the page starts in the ordinary view
    assert page_data(viz.render(graph, viz.View(compare=("Zwolle",))))["compare"] == []


def test_outputs_explorer_initiatives_carry_their_kind(sample_graph, built):
    kinds = {d["name"]: d["kind"] for _, d in sample_graph.nodes(data=True)}
    assert kinds["doorbraakteam"] == "team" and kinds["buurtteams"] == "team"
    assert kinds["GGD"] == ""  # only initiatives have a kind
    data = page_data((built / "graph.html").read_text(encoding="utf-8"))
    from_store = {n["name"]: n["kind"] for n in data["nodes"].values()}
    assert from_store == kinds


def test_layout_of_a_600_node_part_runs_on_the_declared_dependencies():
    """A connected part of 600 nodes that no community split breaks up (a star: one
    hub, 599 leaves) is laid out by networkx's spring layout, which needs scipy from 500
    nodes on: scipy must be a dependency ``pip install .`` installs, and the layout must
    run with it."""
    from importlib.metadata import requires

    declared = {re.split(r"[<>=!~ \[;]", r)[0].lower() for r in requires("gemeente-kg") or []}
    assert "scipy" in declared
    g = nx.star_graph(599)
    pos = layout.layout(g)
    assert set(pos) == set(g) and len(set(pos.values())) == 600
