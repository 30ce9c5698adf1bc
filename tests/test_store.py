from rdflib import Literal, URIRef

from kg import iris, store
from kg.namespace import GKG
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


def test_store_list_counts_come_from_build_facts_or_the_store(two_docs):
    """kg list and the build's total read each graph's size from the build facts; a store
    built before they held it (here: one document, then both) is counted instead, to the
    same numbers."""
    _, out = two_docs
    listed = {r.id: r.triples for r in store.documents(out)}
    counted = (
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{store.META}>) }}"
    )
    with store.open_store(out) as st:
        assert listed == {g.removeprefix(iris.GRAPH): st.graph_size(g) for g in st.graphs()}
        total = int(next(iter(st.query(counted)))["n"].value)
        assert st.triple_count() == total == sum(listed.values())
        assert st.more_triples_than(total - 1)
        assert not st.more_triples_than(total)
        for subject in (f"<{iris.report_iri('zwolle-2022')}>", "?r"):
            st.db.update(
                f"DELETE WHERE {{ GRAPH <{store.META}> {{ {subject} <{GKG.tripleCount}> ?n }} }}"
            )
            assert st.triple_count() == total
    assert {r.id: r.triples for r in store.documents(out)} == listed
