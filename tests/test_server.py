"""kg serve: the SPARQL 1.1 Protocol endpoint, tested over HTTP with real SPARQL
clients, its deadline and size cap, and the explorer page it serves."""

import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import SECOND
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from kg import pipeline
from kg import store as kgstore
from kg.server import make_server, negotiate


@pytest.mark.parametrize(
    "accept,graph,fmt",
    [
        ("application/sparql-results+json", False, "json"),
        ("text/csv", False, "csv"),
        ("text/tab-separated-values;q=0.9, application/sparql-results+xml", False, "xml"),
        ("*/*", False, "json"),
        ("application/n-triples", True, "nt"),
        ("", True, "turtle"),
    ],
)
def test_server_content_negotiation(accept, graph, fmt):
    assert negotiate(accept, graph) == fmt


@pytest.fixture
def endpoint(two_docs):
    _, out = two_docs
    server = make_server(out, "127.0.0.1", 0, timeout=5.0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", out, server
    server.shutdown()
    server.server_close()


def test_server_endpoint_answers_from_the_latest_build(endpoint, tmp_path):
    url, out, _ = endpoint
    remote = Graph(store=SPARQLStore(query_endpoint=f"{url}/sparql"))
    names = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "PREFIX gkg: <https://w3id.org/gemeente-kg/def#> "
        "SELECT ?name WHERE { ?m a gkg:Municipality ; skos:prefLabel ?name }"
    )
    before = {str(r[0]) for r in remote.query(names)}
    page = urllib.request.urlopen(url).read()
    third = tmp_path / "kampen-2021.txt"
    third.write_text(SECOND.replace("2022", "2021"), encoding="utf-8")
    assert pipeline.build([third], out).built == ["kampen-2021"]
    assert {str(r[0]) for r in remote.query(names)} == before | {"Kampen"}
    assert urllib.request.urlopen(url).read() != page
    assert b"Kampen" in urllib.request.urlopen(url).read()


def test_server_endpoint_with_rdflib_sparqlstore(endpoint):
    url, out, _ = endpoint
    remote = Graph(store=SPARQLStore(query_endpoint=f"{url}/sparql"))
    rows = list(
        remote.query(
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "PREFIX gkg: <https://w3id.org/gemeente-kg/def#> "
            "SELECT ?name WHERE { ?m a gkg:Municipality ; skos:prefLabel "
            "?name } ORDER BY ?name"
        )
    )
    local = kgstore.query_table(
        out,
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "PREFIX gkg: <https://w3id.org/gemeente-kg/def#> "
        "SELECT ?name WHERE { ?m a gkg:Municipality ; skos:prefLabel "
        "?name } ORDER BY ?name",
    )[1]
    assert [str(r.name) for r in rows] == [r[0] for r in local]
    assert "Zwolle" in [str(r.name) for r in rows]


@pytest.mark.parametrize(
    "fmt,media",
    [
        ("json", "application/sparql-results+json"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
        ("xml", "application/sparql-results+xml"),
    ],
)
def test_server_endpoint_formats_with_sparqlwrapper(endpoint, fmt, media):
    from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

    url, _, _ = endpoint
    client = SPARQLWrapper(f"{url}/sparql")
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    client.setReturnFormat({"json": JSON, "csv": CSV, "tsv": TSV, "xml": XML}[fmt])
    client.setMethod("POST" if fmt in ("csv", "xml") else "GET")
    result = client.query()
    assert result.response.headers["Content-Type"].startswith(media)
    body = result.convert()
    if fmt == "json":
        assert int(body["results"]["bindings"][0]["n"]["value"]) > 1000


def test_server_endpoint_refuses_updates_and_bad_queries(endpoint):
    url, _, _ = endpoint
    for ctype, data in [
        ("application/sparql-update", b"INSERT DATA { <a:a> <a:b> <a:c> }"),
        ("application/x-www-form-urlencoded", b"update=DROP%20ALL"),
    ]:
        req = urllib.request.Request(
            f"{url}/sparql", data=data, method="POST", headers={"Content-Type": ctype}
        )
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req)
        assert err.value.code == 403
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{url}/sparql?query=SELEKT")
    assert err.value.code == 400


def test_server_endpoint_timeout(endpoint):
    url, _, server = endpoint
    server.query_timeout = 0.001
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # ~10^7 rows: seconds
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{url}/sparql?query={urllib.parse.quote(heavy)}")
    assert err.value.code == 503


def _status(url: str, query: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"{url}/sparql?query={urllib.parse.quote(query)}") as r:
            return r.status, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


ENDLESS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~10^11 rows, streamed


def test_server_endless_query_is_stopped_and_frees_its_worker(endpoint):
    from kg.server import WORKERS

    url, _, server = endpoint
    server.query_timeout = 0.5
    started = time.monotonic()
    # twice as many endless queries as workers, one after another: were one left running
    # after its 503, the pool would be full and the small query at the end would time out
    for _ in range(2 * WORKERS):
        status, body = _status(url, ENDLESS)
        assert status == 503 and b"timed out" in body
    assert time.monotonic() - started < 2 * WORKERS * 0.5 + 10
    status, body = _status(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert status == 200 and b'"n"' in body


def test_server_query_that_never_yields_a_row_has_its_worker_killed(endpoint):
    """A COUNT over a huge join computes before it writes anything: it cannot be stopped
    from inside, so its worker process is killed at the deadline and replaced."""
    from kg.server import WORKERS

    url, _, server = endpoint
    server.query_timeout = 0.5
    before = {p.pid for p in server.workers.processes()}
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    for _ in range(2 * WORKERS):
        status, _ = _status(url, heavy)
        assert status == 503
    server.query_timeout = 10
    status, body = _status(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert status == 200 and b'"n"' in body
    after = server.workers.processes()
    assert len(after) <= WORKERS and not before & {p.pid for p in after}
    assert all(p.is_alive() for p in after)


def test_server_close_stops_its_workers(two_docs):
    _, out = two_docs
    server = make_server(out, "127.0.0.1", 0, timeout=5.0)
    procs = server.workers.processes()
    assert procs and all(p.is_alive() for p in procs)
    server.server_close()
    assert not any(p.is_alive() for p in procs)


def test_server_result_over_the_cap_is_refused(endpoint):
    url, _, server = endpoint
    server.max_result_bytes = 20_000
    status, body = _status(url, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 400 and b"LIMIT" in body
    status, body = _status(url, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    assert status == 200 and body.count(b'"s"') == 5 + 1  # five rows and the head
    status, body = _status(url, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert status == 400


def test_server_endpoint_serves_the_explorer(endpoint):
    url, _, _ = endpoint
    page = urllib.request.urlopen(f"{url}/").read().decode("utf-8")
    assert "vis.Network" in page and "Gemeente KG" in page
