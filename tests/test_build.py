"""kg.build: the fingerprint follows the imports, the skip rule, the session's options."""

from pathlib import Path

import pytest

from kg import build, pipeline


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
