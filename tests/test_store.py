from rdflib import Literal, URIRef

from kg import store
from kg.rdf import ntriples

S, P = URIRef("http://example.org/s"), URIRef("http://example.org/p")


def _g(value: str) -> bytes:
    return ntriples([(S, P, Literal(value))])


def test_store_replace_graph_replaces_only_that_graph(tmp_path):
    a, b = URIRef("http://example.org/g/a"), URIRef("http://example.org/g/b")
    with store.open_store(tmp_path, create=True) as st:
        st.replace_graph(a, _g("one"))
        st.replace_graph(b, _g("two"))
        st.replace_graph(a, _g("three"))
        values = sorted(s["o"].value for s in st.query("SELECT ?o WHERE { ?s ?p ?o }"))
        assert values == ["three", "two"]
        assert st.graphs() == [str(a), str(b)]


def test_store_persists(tmp_path):
    with store.open_store(tmp_path, create=True) as st:
        st.replace_graph(URIRef("http://example.org/g"), _g("kept"))
    with store.open_store(tmp_path) as st:
        assert len(st.union_graph()) == 1


def test_store_missing_is_a_clear_error(tmp_path):
    import pytest

    from kg.errors import StoreError

    with pytest.raises(StoreError, match="kg build"):
        with store.open_store(tmp_path / "nothing"):
            pass


_nt = _g


def _meta(report: URIRef) -> bytes:
    return ntriples([(report, URIRef("http://example.org/built"), Literal("yes"))])


def test_store_add_graphs_loads_new_documents_and_drops_leftovers(tmp_path):
    """One load for new documents: a literal spanning lines survives, what the store had
    under a graph's name is gone, the build facts come with it."""
    a, b = URIRef("http://example.org/g/a"), URIRef("http://example.org/g/b")
    ra, rb = URIRef("http://example.org/r/a"), URIRef("http://example.org/r/b")
    with store.open_store(tmp_path, create=True) as st:
        st.replace_graph(a, _g("left over"))
        body = ntriples([(S, P, Literal('een zin .\nover "twee" regels'))])
        st.add_graphs([(a, body, _meta(ra), ra), (b, _nt("two"), _meta(rb), rb)])
        rows = {
            (s["g"].value, s["o"].value)
            for s in st.query("SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        }
        assert rows == {
            (str(a), 'een zin .\nover "twee" regels'),
            (str(b), "two"),
            (str(store.META), "yes"),
        }
        assert len(list(st.query(f"SELECT * WHERE {{ GRAPH <{store.META}> {{ ?s ?p ?o }} }}"))) == 2


def test_store_add_graphs_errors_are_store_errors(tmp_path):
    import pytest

    from kg.errors import StoreError

    good, bad = URIRef("http://example.org/g/good"), URIRef("http://example.org/g/bad")
    with store.open_store(tmp_path, create=True) as st:
        with pytest.raises(StoreError, match="cannot write 2 document graph"):
            st.add_graphs(
                [
                    (good, _nt("fine"), _meta(good), good),
                    (bad, b"<not a triple .\n", _meta(bad), bad),
                ]
            )
        assert not list(st.quads())  # one transaction: the good document is not half-stored
