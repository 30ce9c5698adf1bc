"""kg.outputs: graph.ttl and graph.html rewritten only when the store changed, a large
store's Turtle streamed graph by graph (and only changed parts rewritten), exports."""

import shutil

import pytest
from conftest import SECOND
from rdflib import XSD, Dataset, Graph, Literal
from rdflib.compare import isomorphic

from kg import iris, pipeline
from kg import store as kgstore
from kg.cli import main
from kg.outputs import turtle, write_outputs
from kg.rdf import decimal_lexical


def test_outputs_outputs_rewritten_only_when_something_changed(two_docs, runner):
    src, out = two_docs
    ttl, page = out / "graph.ttl", out / "graph.html"
    first = {f: (f.stat().st_mtime_ns, f.read_bytes()) for f in (ttl, page)}
    pipeline.build([src], out)  # every file skipped: the outputs are left as they are
    assert {f: (f.stat().st_mtime_ns, f.read_bytes()) for f in (ttl, page)} == first
    # a page of another view written by kg viz is replaced by the build's page
    assert (
        runner.invoke(main, ["viz", "--municipality", "Zwolle", "--out", str(out)]).exit_code == 0
    )
    assert page.read_bytes() != first[page][1]
    pipeline.build([src], out)
    assert page.read_bytes() == first[page][1]
    # the store changed without the outputs being written (as in an interrupted build)
    with kgstore.open_store(out) as st:
        st.remove_documents(["zwolle-2022"])
    pipeline.build([src / "lindewaard-2023.txt"], out)
    assert "zwolle-2022" not in ttl.read_text(encoding="utf-8")
    assert "zwolle-2022" in first[ttl][1].decode("utf-8")


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig", "nquads", "jsonld"])
def test_outputs_exports(runner, two_docs, fmt):
    """Every export holds exactly the store's document graphs (named graphs kept in TriG
    and N-Quads, merged otherwise), without the build bookkeeping, and the same store
    gives the same file."""
    _, out = two_docs
    target = out / f"export.{fmt}"
    result = runner.invoke(main, ["export", "--format", fmt, "-o", str(target), "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = target.read_text(encoding="utf-8")
    with kgstore.open_store(out, read_only=True) as st:
        stored = {
            g: Graph().parse(data=st.graph_ntriples(g).decode(), format="nt") for g in st.graphs()
        }
    assert len(stored) == 2
    if fmt in ("trig", "nquads"):
        ds = Dataset()
        ds.parse(data=data, format=fmt)
        exported = {str(g.identifier): g for g in ds.graphs() if len(g)}
        assert exported.keys() == stored.keys()
        for name, graph in stored.items():
            assert isomorphic(_canonical(exported[name]), _canonical(graph))
    else:
        merged = Graph()
        for graph in stored.values():
            merged += graph
        exported = Graph().parse(
            data=data, format={"turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt]
        )
        assert isomorphic(_canonical(exported), _canonical(merged))
    assert str(kgstore.META) not in data and "extractorVersion" not in data
    again = out / f"again.{fmt}"
    turtle.export(out, fmt, again)
    assert again.read_bytes() == target.read_bytes()


def _canonical(graph: Graph) -> Graph:
    """The graph with xsd:decimal literals in one lexical form: Oxigraph writes 21 where
    rdflib's Turtle writes 21.0, the same value."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.decimal:
            o = Literal(decimal_lexical(o.toPython()), datatype=XSD.decimal)
        out.add((s, p, o))
    return out


def test_outputs_large_store_turtle_is_streamed_per_graph(two_docs, monkeypatch, tmp_path):
    """Above PRETTY_LIMIT, graph.ttl is written graph by graph (flat memory): it must
    still parse to the same graph, and be the same file when written twice."""
    out = tmp_path / "streamed"
    shutil.copytree(two_docs[1], out)
    monkeypatch.setattr(turtle, "PRETTY_LIMIT", 0)
    first = write_outputs(out)["turtle"].read_bytes()
    assert write_outputs(out)["turtle"].read_bytes() == first
    assert first.count(b"@prefix gkg:") == 1
    streamed = Graph().parse(data=first.decode("utf-8"), format="turtle")
    assert isomorphic(streamed, kgstore.load_graph(out))


def test_outputs_streamed_turtle_rewrites_only_what_changed(two_docs, monkeypatch):
    """A large store's graph.ttl gets new parts only for the graphs rebuilt; the rest is
    copied from the old file, and the result is the file a full rewrite would give."""
    import io

    src, out = two_docs
    monkeypatch.setattr(turtle, "PRETTY_LIMIT", 0)
    serialised = []
    real = kgstore.Store.graph_turtle

    def counting(st, graph, **kw):
        serialised.append(graph)
        return real(st, graph, **kw)

    def full() -> bytes:
        buffer = io.BytesIO()
        with kgstore.open_store(out, read_only=True) as st:
            st.stream_graphs(buffer)
        return buffer.getvalue()

    monkeypatch.setattr(kgstore.Store, "graph_turtle", counting)
    ttl = write_outputs(out)["turtle"]
    assert len(serialised) == 2
    (src / "zwolle-2022.txt").write_text(SECOND.replace("31", "35"), encoding="utf-8")
    serialised.clear()
    assert pipeline.build([src], out).built == ["zwolle-2022"]
    assert serialised == [iris.graph_iri("zwolle-2022")]
    assert b'"35"' in ttl.read_bytes()
    for value in ("36", "37", "38"):  # rebuilds within a second, of the same size
        (src / "zwolle-2022.txt").write_text(SECOND.replace("31", value), encoding="utf-8")
        serialised.clear()
        assert pipeline.build([src], out).built == ["zwolle-2022"]
        assert serialised == [iris.graph_iri("zwolle-2022")]
        assert f'"{value}"'.encode() in ttl.read_bytes()
    serialised.clear()
    assert ttl.read_bytes() == full() and serialised == [
        iris.graph_iri(d) for d in ("lindewaard-2023", "zwolle-2022")
    ]
    # a file changed by hand (its size, as its time may not move within a clock tick) is
    # not trusted: everything is written again
    ttl.write_bytes(ttl.read_bytes().replace(b"gkg:", b"gkgx:", 1))
    serialised.clear()
    write_outputs(out)
    assert len(serialised) == 2 and ttl.read_bytes() == full()
    pipeline.remove(out, ["lindewaard-2023"])
    assert ttl.read_bytes() == full() and b"Lindewaard" not in ttl.read_bytes()
