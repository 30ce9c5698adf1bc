"""The store as a database: incremental builds, list/remove, exports, the SPARQL
endpoint (tested over HTTP with real SPARQL clients) and push to a Graph Store server."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SECOND
from rdflib import XSD, Dataset, Graph, Literal
from rdflib.compare import isomorphic

from kg import build, iris, pipeline
from kg import store as kgstore
from kg.cli import main
from kg.errors import StoreError
from kg.namespace import GKG
from kg.outputs import turtle, write_outputs
from kg.rdf import decimal_lexical


def test_database_unchanged_files_are_skipped_changed_rebuilt(two_docs):
    src, out = two_docs
    again = pipeline.build([src], out)
    assert again.built == [] and sorted(again.skipped) == ["lindewaard-2023", "zwolle-2022"]
    (src / "zwolle-2022.txt").write_text(SECOND.replace("31", "35"), encoding="utf-8")
    third = pipeline.build([src], out)
    assert third.built == ["zwolle-2022"] and third.skipped == ["lindewaard-2023"]
    values = kgstore.query_table(
        out,
        "PREFIX gkg: <https://w3id.org/gemeente-kg/def#> "
        "PREFIX m: <http://purl.org/linked-data/sdmx/2009/measure#> "
        "SELECT ?v WHERE { GRAPH <https://w3id.org/gemeente-kg/graph/"
        'zwolle-2022> { ?i gkg:period "2022" ; m:obsValue ?v } }',
    )[1]
    assert [v[0] for v in values] == ["35"]  # the old graph was replaced, not added to
    forced = pipeline.build([src], out, force=True)
    assert sorted(forced.built) == ["lindewaard-2023", "zwolle-2022"]


def test_database_other_municipality_or_year_rebuilds(tmp_path):
    """The same text under another municipality or year is another graph: not skipped."""
    report = tmp_path / "rapport.txt"
    report.write_text(SECOND, encoding="utf-8")
    out = tmp_path / "out"
    assert pipeline.build([report], out, municipality="Zwolle", year=2022).built == ["rapport"]
    assert pipeline.build([report], out, municipality="Zwolle", year=2022).skipped == ["rapport"]
    assert pipeline.build([report], out, municipality="Kampen", year=2022).built == ["rapport"]
    assert pipeline.build([report], out, municipality="Kampen", year=2021).built == ["rapport"]
    [row] = kgstore.documents(out)
    assert (row.municipality, row.year) == ("Kampen", "2021")


def test_database_outputs_rewritten_only_when_something_changed(two_docs, runner):
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


def test_database_new_documents_batch_loaded_like_replaced_ones(two_docs):
    """A first build loads new documents in batches; a forced rebuild replaces each
    graph with its own update: the graphs come out the same."""
    src, out = two_docs
    first = _document_quads(out)
    pipeline.build([src], out, force=True)
    assert _document_quads(out) == first and len(first) > 100


def test_database_graph_without_build_facts_is_built_again(two_docs):
    """A document whose graph is there but whose build facts are not (a store changed by
    hand, or a half-written one) counts as not built: the next build extracts it again
    and leaves no stray triples."""

    src, out = two_docs
    expected = _document_quads(out)
    with kgstore.open_store(out) as st:
        st.db.update(
            f"DELETE WHERE {{ GRAPH <{kgstore.META}> {{ ?s ?p ?o }} }} ;"
            "INSERT DATA { GRAPH <https://w3id.org/gemeente-kg/graph/zwolle-2022> "
            '{ <urn:x:stray> <urn:x:p> "half a load" } }'
        )
    again = pipeline.build([src], out)
    assert sorted(again.built) == ["lindewaard-2023", "zwolle-2022"]
    assert _document_quads(out) == expected


def test_database_failed_batch_reports_each_document(tmp_path, monkeypatch):
    from kg.errors import StoreError

    def refuse(st, items):
        raise StoreError(f"cannot write {len(items)} document graph(s): disk full")

    monkeypatch.setattr(kgstore.Store, "add_graphs", refuse)
    src = tmp_path / "src"
    src.mkdir()
    (src / "zwolle-2022.txt").write_text(SECOND, encoding="utf-8")
    (src / "kampen-2022.txt").write_text(SECOND, encoding="utf-8")
    seen = []
    report = pipeline.build(
        [src], tmp_path / "out", on_document=lambda p, err, words: seen.append((p.name, err))
    )
    assert report.built == [] and len(report.failed) == 2
    assert all("disk full" in err for _, err in seen) and len(seen) == 2


def _document_quads(out):
    """The document graphs' quads (build facts left out, they hold the build time)."""

    with kgstore.open_store(out, read_only=True) as st:
        return {line for line in st.quads() if str(kgstore.META) not in line}


def test_database_list_counts_come_from_build_facts_or_the_store(two_docs):
    """kg list and the build's total read each graph's size from the build facts; a store
    built before they held it (here: one document, then both) is counted instead, to the
    same numbers."""
    _, out = two_docs
    listed = {r.id: r.triples for r in kgstore.documents(out)}
    counted = (
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f"FILTER(?g != <{kgstore.META}>) }}"
    )
    with kgstore.open_store(out) as st:
        assert listed == {g.removeprefix(iris.GRAPH): st.graph_size(g) for g in st.graphs()}
        total = int(next(iter(st.query(counted)))["n"].value)
        assert st.triple_count() == total == sum(listed.values())
        assert st.more_triples_than(total - 1)
        assert not st.more_triples_than(total)
        for subject in (f"<{iris.report_iri('zwolle-2022')}>", "?r"):
            st.db.update(
                f"DELETE WHERE {{ GRAPH <{kgstore.META}> {{ {subject} <{GKG.tripleCount}> ?n }} }}"
            )
            assert st.triple_count() == total
    assert {r.id: r.triples for r in kgstore.documents(out)} == listed


def test_database_list_and_remove(runner, two_docs):
    _, out = two_docs
    rows = {r.id: r for r in kgstore.documents(out)}
    assert rows["zwolle-2022"].municipality == "Zwolle" and rows["zwolle-2022"].year == "2022"
    assert rows["lindewaard-2023"].triples > 1000 and rows["zwolle-2022"].built_at
    listed = runner.invoke(main, ["list", "--out", str(out)])
    assert listed.exit_code == 0 and "2 document(s)" in listed.output
    for row in rows.values():  # into a pipe or file, whole values (not cut at 80 columns)
        assert f"│ {row.id} " in listed.output and f" {row.built_at} " in listed.output
        assert f" {row.file} " in listed.output
    removed = runner.invoke(main, ["remove", "zwolle-2022", "--out", str(out)])
    assert removed.exit_code == 0, removed.output
    assert [r.id for r in kgstore.documents(out)] == ["lindewaard-2023"]
    assert "zwolle-2022" not in (out / "graph.ttl").read_text(encoding="utf-8")
    missing = runner.invoke(main, ["remove", "nope", "--out", str(out)])
    assert missing.exit_code == 2 and "not in the store" in missing.output


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig", "nquads", "jsonld"])
def test_database_exports(runner, two_docs, fmt):
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


def test_database_large_store_turtle_is_streamed_per_graph(two_docs, monkeypatch, tmp_path):
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


def test_database_build_facts_differ_between_builds_in_the_same_second(monkeypatch):
    """The outputs and graph.ttl's parts are rewritten when a document's build facts
    change: two builds of the same text, at the same clock second, with the same size and
    duration, must still differ (before the build id they did not)."""
    from datetime import datetime

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 1, 1, 12, 0, 0, tzinfo=tz)

    monkeypatch.setattr(build, "datetime", Frozen)
    minted = build.Minted("zwolle-2022", b"", SECOND, 20, 0.004, 100)
    first, second = (
        Graph().parse(
            data=build.meta_ntriples(Path("zwolle-2022.txt"), "v1", minted).decode(), format="nt"
        )
        for _ in range(2)
    )
    assert set(first.predicates()) == set(second.predicates())
    assert not isomorphic(first, second)


def test_database_quick_rebuilds_reach_the_outputs(two_docs):
    """Two builds of a document within one second, with graphs of the same size, have
    different build facts (a build id), so the outputs are rewritten after each."""
    src, out = two_docs
    for value in ("36", "37", "38"):
        (src / "zwolle-2022.txt").write_text(SECOND.replace("31", value), encoding="utf-8")
        assert pipeline.build([src], out).built == ["zwolle-2022"]
        assert f'"{value}"'.encode() in (out / "graph.ttl").read_bytes()


def test_database_streamed_turtle_rewrites_only_what_changed(two_docs, monkeypatch):
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


def test_database_a_second_writer_is_refused_while_one_holds_the_folder(tmp_path):
    """Two builds (or a build and a removal) on one --out never interleave: the second
    is refused with a message naming the first; the lock goes when its holder ends."""
    from kg.lock import writer_lock

    out = tmp_path / "out"
    pipeline.build(None, out)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from kg.lock import writer_lock\n"
            f"with writer_lock(Path({str(out)!r}), 'build'):\n"
            "    print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match=r"being written by kg build \(pid \d+\)"):
            pipeline.build(None, out, force=True)
        with pytest.raises(StoreError, match="being written"):
            pipeline.remove(out, ["lindewaard-2023"])
    finally:
        holder.kill()  # as kill -9: the kernel drops the lock
        holder.wait()
    with writer_lock(out, "test"):
        pass
    assert pipeline.build(None, out, force=True).built == ["lindewaard-2023"]
