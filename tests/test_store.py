from rdflib import Graph, Literal, URIRef

from kg import store


def _g(value: str) -> Graph:
    g = Graph()
    g.add((URIRef("http://example.org/s"), URIRef("http://example.org/p"), Literal(value)))
    return g


def test_store_replace_graph_replaces_only_that_graph(tmp_path):
    a, b = URIRef("http://example.org/g/a"), URIRef("http://example.org/g/b")
    with store.open_store(tmp_path, create=True) as st:
        store.replace_graph(st, a, _g("one"))
        store.replace_graph(st, b, _g("two"))
        store.replace_graph(st, a, _g("three"))
        values = sorted(s["o"].value for s in store.query(st, "SELECT ?o WHERE { ?s ?p ?o }"))
        assert values == ["three", "two"]
        assert store.graphs(st) == [str(a), str(b)]


def test_store_persists(tmp_path):
    with store.open_store(tmp_path, create=True) as st:
        store.replace_graph(st, URIRef("http://example.org/g"), _g("kept"))
    with store.open_store(tmp_path) as st:
        assert len(store.union_graph(st)) == 1


def test_store_missing_is_a_clear_error(tmp_path):
    import pytest

    from kg.errors import StoreError
    with pytest.raises(StoreError, match="kg build"):
        with store.open_store(tmp_path / "nothing"):
            pass
