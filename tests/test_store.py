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


def _nt(value: str) -> str:
    return _g(value).serialize(format="nt")


def _meta(report: URIRef) -> Graph:
    g = Graph()
    g.add((report, URIRef("http://example.org/built"), Literal("yes")))
    return g


def test_store_add_graphs_loads_new_documents_and_drops_leftovers(tmp_path):
    """One load for new documents: a literal spanning lines survives, what the store had
    under a graph's name is gone, the build facts come with it."""
    a, b = URIRef("http://example.org/g/a"), URIRef("http://example.org/g/b")
    ra, rb = URIRef("http://example.org/r/a"), URIRef("http://example.org/r/b")
    with store.open_store(tmp_path, create=True) as st:
        store.replace_graph(st, a, _g("left over"))
        multi = Graph()
        multi.add((URIRef("http://example.org/s"), URIRef("http://example.org/p"),
                   Literal('een zin .\nover "twee" regels')))
        body = "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in multi)
        store.add_graphs(st, [(a, body, _meta(ra), ra), (b, _nt("two"), _meta(rb), rb)])
        rows = {(s["g"].value, s["o"].value) for s in store.query(
            st, "SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } }")}
        assert rows == {(str(a), 'een zin .\nover "twee" regels'), (str(b), "two"),
                        (str(store.META), "yes")}
        assert len(list(store.query(st, f"SELECT * WHERE {{ GRAPH <{store.META}> "
                                        "{ ?s ?p ?o } }"))) == 2


def test_store_add_graphs_errors_are_store_errors(tmp_path):
    import pytest

    from kg.errors import StoreError
    good, bad = URIRef("http://example.org/g/good"), URIRef("http://example.org/g/bad")
    with store.open_store(tmp_path, create=True) as st:
        with pytest.raises(StoreError, match="cannot write 2 document graph"):
            store.add_graphs(st, [(good, _nt("fine"), _meta(good), good),
                                  (bad, "<not a triple", _meta(bad), bad)])
        assert not list(store.quads(st))  # one transaction: the good document is not half-stored
