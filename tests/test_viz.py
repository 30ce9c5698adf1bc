import re

from kg import db, viz


def test_viz_page_is_offline(built):
    page = (built / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']https?://""", page)
    assert "vis.Network" in page or "new vis" in page


def test_viz_nodes_match_graph_and_have_legend(built):
    g = db.load_graph(built)
    nx_graph = viz.to_networkx(g)
    page = viz.render(g)
    assert f"{nx_graph.number_of_nodes()} entities" in page
    for cls in ("Municipality", "Programme", "Initiative", "Organisation"):
        assert f"</span>{cls}</span>" in page


def test_viz_tooltips_carry_source_sentences(built):
    g = viz.to_networkx(db.load_graph(built))
    team = next(d for _, d in g.nodes(data=True) if d["name"] == "doorbraakteam")
    assert any("doorbraakteam" in s and "lindewaard-2023.txt" in s for s in team["sentences"])
