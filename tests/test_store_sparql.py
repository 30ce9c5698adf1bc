"""kg.store.sparql: the store's own queries live in files, each one used, each one valid
SPARQL once filled; and pyoxigraph is imported nowhere but in kg/store/."""

import re
from pathlib import Path

import pytest

from kg import iris
from kg.store import open_store, sparql

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p.name for p in sparql.HERE.iterdir() if p.suffix in (".rq", ".ru"))


def test_store_sparql_only_the_store_imports_pyoxigraph():
    importers = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "kg").rglob("*.py")
        if re.search(r"^\s*(import|from) pyoxigraph", p.read_text(encoding="utf-8"), re.M)
    }
    assert importers and all(name.startswith("kg/store/") for name in importers)


def test_store_sparql_every_file_is_used():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "kg" / "store").glob("*.py"))
    for name in FILES:
        stem = name.rsplit(".", 1)[0]
        assert f'"{name}"' in code or f'"{stem}"' in code, name


@pytest.mark.parametrize("name", FILES)
def test_store_sparql_every_file_parses_once_filled(tmp_path, name):
    slots = set(sparql.SLOT.findall(sparql.template(name)))
    values = {slot: f"<{iris.GRAPH}x>" for slot in slots}
    # slots inside <...> take a bare IRI, the others a term list; limit a number
    text = sparql.template(name)
    for slot in slots:
        if f"<{{{{{slot}}}}}>" in text:
            values[slot] = iris.GRAPH + "x"
    if "limit" in values:
        values["limit"] = "3"
    if "data" in values:
        values["data"] = f"GRAPH <{iris.GRAPH}x> {{ <urn:a> <urn:b> <urn:c> }}"
    with open_store(tmp_path, create=True) as st:
        filled = sparql.render(name, **values)
        if name.endswith(".ru"):
            st.db.update(filled)
        else:
            st.query(filled)


def test_store_sparql_render_wants_every_slot_and_no_other():
    with pytest.raises(ValueError, match="slots"):
        sparql.render("graph-size.rq")
    with pytest.raises(ValueError, match="slots"):
        sparql.render("graph-size.rq", graph="urn:g", other="x")
    tricky = sparql.render("graph-size.rq", graph="urn:{{graph}}")
    assert "<urn:{{graph}}>" in tricky  # a value is not filled again


def test_store_sparql_document_id_is_the_inverse_of_graph_iri():
    for doc_id in ("zwolle-2022", "den-haag-2020-h3", "a.b_c"):
        assert iris.document_id(iris.graph_iri(doc_id)) == doc_id
