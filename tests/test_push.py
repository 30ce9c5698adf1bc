"""kg push: the store's graphs sent to a SPARQL Graph Store Protocol server."""

import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request

import pytest

from kg import store as kgstore
from kg.cli import main


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph_server(tmp_path):
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "remote"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D")
            break
        except OSError:
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def test_push_push_to_a_graph_store_server(runner, two_docs, oxigraph_server):
    _, out = two_docs
    result = runner.invoke(
        main, ["push", "--endpoint", f"{oxigraph_server}/store", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "pushed 2 graph(s)" in result.output
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    req = urllib.request.Request(
        f"{oxigraph_server}/query?query={urllib.parse.quote(query)}",
        headers={"Accept": "application/sparql-results+json"},
    )
    remote = {
        b["g"]["value"].rsplit("/", 1)[-1]: int(b["n"]["value"])
        for b in json.load(urllib.request.urlopen(req))["results"]["bindings"]
    }
    local = {r.id: r.triples for r in kgstore.documents(out)}
    assert remote == local
    again = runner.invoke(
        main, ["push", "--endpoint", f"{oxigraph_server}/store", "--out", str(out)]
    )
    assert again.exit_code == 0  # PUT replaces: pushing twice does not duplicate


def test_push_push_errors_are_clear(runner, two_docs):
    _, out = two_docs
    result = runner.invoke(
        main, ["push", "--endpoint", f"http://127.0.0.1:{_free_port()}/store", "--out", str(out)]
    )
    assert result.exit_code == 1 and "cannot reach the server" in result.output


def test_push_push_and_export_errors_are_one_line(runner, two_docs, tmp_path):
    _, out = two_docs
    bad_url = runner.invoke(main, ["push", "--endpoint", "localhost:7878/store", "--out", str(out)])
    assert bad_url.exit_code == 2 and "http:// or https:// URL" in bad_url.output
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    unwritable = runner.invoke(
        main, ["export", "--format", "nt", "-o", str(blocker / "x.nt"), "--out", str(out)]
    )
    assert unwritable.exit_code == 1 and unwritable.output.startswith("error: ")
    assert str(blocker) in unwritable.output and "Traceback" not in unwritable.output


def test_push_push_credentials_from_environment():
    from kg.push import auth_header

    assert auth_header({"KG_PUSH_TOKEN": "t"}) == "Bearer t"
    assert auth_header({"KG_PUSH_USER": "u", "KG_PUSH_PASSWORD": "p"}) == "Basic dTpw"
    assert auth_header({}) is None


@pytest.fixture
def guarded_store():
    """A Graph Store endpoint that wants basic auth (user "u", password "p") and records
    the graphs PUT to it."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self):  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers.get("Authorization") != "Basic dTpw":
                self.send_response(401)
            else:
                received[urllib.parse.unquote(self.path.split("graph=", 1)[1])] = body
                self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store", received
    server.shutdown()


def test_push_push_sends_credentials_and_says_when_refused(
    runner, two_docs, guarded_store, monkeypatch
):
    _, out = two_docs
    url, received = guarded_store
    monkeypatch.delenv("KG_PUSH_TOKEN", raising=False)
    monkeypatch.delenv("KG_PUSH_USER", raising=False)
    refused = runner.invoke(main, ["push", "--endpoint", url, "--out", str(out)])
    assert refused.exit_code == 1 and "HTTP 401" in refused.output
    assert "KG_PUSH_USER" in refused.output and not received
    monkeypatch.setenv("KG_PUSH_USER", "u")
    monkeypatch.setenv("KG_PUSH_PASSWORD", "p")
    result = runner.invoke(main, ["push", "--endpoint", url, "--out", str(out)])
    assert result.exit_code == 0, result.output
    with kgstore.open_store(out, read_only=True) as st:
        expected = {g: st.graph_ntriples(g) for g in st.graphs()}
    assert received == expected
