"""kg.build: the fingerprint follows the imports; the skip rule (unchanged files skipped,
changed ones and other municipalities or years rebuilt); new documents loaded in batches
like replaced ones; build facts that tell builds apart; the session's options."""

from pathlib import Path

import pytest
import spacy
from conftest import SECOND
from rdflib import Graph
from rdflib.compare import isomorphic

from kg import build, pipeline
from kg import store as kgstore
from kg.errors import StoreError


def _names(files: list[Path]) -> set[str]:
    return {f"{f.parent.name}/{f.name}" for f in files}


def test_build_fingerprint_covers_every_module_a_graph_depends_on():
    names = _names(build.graph_files())
    # iris.safe() shapes every IRI, vocab.py every class: both decide stored graphs
    assert {
        "kg/iris.py",
        "kg/vocab.py",
        "kg/rdf.py",
        "kg/collect.py",
        "kg/nlp.py",
        "kg/readers.py",
        "kg/extraction.py",
        "kg/document.py",
    } <= names
    assert {"extractors/entities.py", "extractors/__init__.py"} <= names
    assert any(n.startswith("data/") for n in names)  # the extractors' gazetteers
    # the store, explorer, server and CLI do not decide a graph: changing them rebuilds
    # nothing
    assert (
        not {
            "kg/cli.py",
            "kg/server.py",
            "explorer/viz.py",
            "store/__init__.py",
            "outputs/__init__.py",
        }
        & names
    )


def test_build_fingerprint_follows_relative_and_absolute_imports(tmp_path):
    pkg = tmp_path / "kg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from . import b\nfrom .sub import c\nimport json\n")
    (pkg / "b.py").write_text("def f():\n    from kg.sub.d import x\n")  # inside a function
    (pkg / "sub" / "__init__.py").write_text("from . import e\n")
    (pkg / "sub" / "c.py").write_text("from ..b import f\n")
    (pkg / "sub" / "d.py").write_text("x = 1\n")
    (pkg / "sub" / "e.py").write_text("")
    (pkg / "unused.py").write_text("")
    roots = {"kg": pkg}
    names, seen, todo = set(), set(), ["kg.a"]
    while todo:
        name = todo.pop()
        path = build._module_file(name, roots)
        if name in names or path is None:
            continue
        names.add(name)
        seen.add(path.relative_to(tmp_path).as_posix())
        todo += build._imports(name, path, roots)
    assert seen == {
        "kg/a.py",
        "kg/b.py",
        "kg/__init__.py",
        "kg/sub/__init__.py",
        "kg/sub/c.py",
        "kg/sub/d.py",
        "kg/sub/e.py",
    }


def test_build_fingerprint_leaves_out_the_sample_reports_and_notes():
    names = _names(build.graph_files())
    assert not {n for n in names if n.startswith("sample/") or n.endswith(".md")}


def test_build_fingerprint_names_the_libraries_a_graph_depends_on():
    libraries = build.graph_libraries()
    assert {"spacy", "wordfreq", "pypdfium2", "beautifulsoup4", "rdflib"} <= libraries.keys()
    assert libraries["spacy"] == spacy.__version__
    assert not {"click", "pyvis", "pyoxigraph", "rich"} & libraries.keys()  # outputs, CLI


def test_build_fingerprint_changes_with_a_library_version(monkeypatch):
    before = build.extractor_version()
    real = build.metadata.version
    monkeypatch.setattr(
        build.metadata, "version", lambda d: "99.0" if d.lower() == "spacy" else real(d)
    )
    build.extractor_version.cache_clear()
    try:
        assert build.extractor_version() != before
    finally:
        monkeypatch.undo()
        build.extractor_version.cache_clear()
    assert build.extractor_version() == before


def test_build_fingerprint_depends_on_the_model():
    assert build.extractor_version("blank") != build.extractor_version("nl_core_news_sm")
    assert build.extractor_version("blank") == build.extractor_version("blank")


def test_build_options_or_their_fields_not_both(tmp_path):
    with pytest.raises(TypeError, match="not both"):
        pipeline.build(None, tmp_path, build.BuildOptions(), force=True)


def test_build_skip_rule_is_content_extractor_municipality_and_year(two_docs, monkeypatch):
    src, out = two_docs
    assert pipeline.build([src], out).skipped == ["lindewaard-2023", "zwolle-2022"]
    monkeypatch.setattr(build, "extractor_version", lambda model="blank": "changed")
    assert sorted(pipeline.build([src], out).built) == ["lindewaard-2023", "zwolle-2022"]
    assert pipeline.build([src], out).built == []


def test_build_unchanged_files_are_skipped_changed_rebuilt(two_docs):
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


def test_build_other_municipality_or_year_rebuilds(tmp_path):
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


def test_build_new_documents_batch_loaded_like_replaced_ones(two_docs):
    """A first build loads new documents in batches; a forced rebuild replaces each
    graph with its own update: the graphs come out the same."""
    src, out = two_docs
    first = _document_quads(out)
    pipeline.build([src], out, force=True)
    assert _document_quads(out) == first and len(first) > 100


def test_build_graph_without_build_facts_is_built_again(two_docs):
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


def test_build_failed_batch_reports_each_document(tmp_path, monkeypatch):

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


def test_build_build_facts_differ_between_builds_in_the_same_second(monkeypatch):
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


def test_build_quick_rebuilds_reach_the_outputs(two_docs):
    """Two builds of a document within one second, with graphs of the same size, have
    different build facts (a build id), so the outputs are rewritten after each."""
    src, out = two_docs
    for value in ("36", "37", "38"):
        (src / "zwolle-2022.txt").write_text(SECOND.replace("31", value), encoding="utf-8")
        assert pipeline.build([src], out).built == ["zwolle-2022"]
        assert f'"{value}"'.encode() in (out / "graph.ttl").read_bytes()
