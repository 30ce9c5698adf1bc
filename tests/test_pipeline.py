"""kg.pipeline, the public API: what the CLI's build, list and remove do together."""

from kg import store as kgstore
from kg.cli import main


def test_pipeline_list_and_remove(runner, two_docs):
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
