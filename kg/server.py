"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint at ``/sparql`` and the HTML
explorer at ``/``, on one port.

Queries come as GET ``?query=`` or POST (``application/sparql-query`` or a form with
``query=``); results follow the ``Accept`` header (JSON, XML, CSV, TSV; Turtle,
N-Triples, JSON-LD for graphs). Updates are refused with 403. A query that runs longer
than the timeout is answered with 503 (Oxigraph cannot cancel it; it finishes in the
background, bounded by the worker pool).

The store is opened read-only, which shows it as it was when opened; when a build or a
removal has finished since (it rewrites ``.outputs-state`` last), the next request opens
it again, so a running server answers from the latest complete build.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from . import store as kgstore
from .db import OUTPUTS_STATE
from .errors import StoreError

RESULT_TYPES = [  # (media type, format name) in order of preference
    ("application/sparql-results+json", "json"), ("application/json", "json"),
    ("application/sparql-results+xml", "xml"), ("application/xml", "xml"),
    ("text/csv", "csv"), ("text/tab-separated-values", "tsv"),
]
GRAPH_TYPES = [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "xml"),
]
MEDIA = {("json", False): "application/sparql-results+json",
         ("xml", False): "application/sparql-results+xml", ("csv", False): "text/csv",
         ("tsv", False): "text/tab-separated-values", ("turtle", True): "text/turtle",
         ("nt", True): "application/n-triples", ("jsonld", True): "application/ld+json",
         ("xml", True): "application/rdf+xml"}


def negotiate(accept: str, graph: bool) -> str:
    """The format for an ``Accept`` header (q-values honoured; JSON or Turtle if none fit)."""
    offers = GRAPH_TYPES if graph else RESULT_TYPES
    wanted = []
    for i, part in enumerate((accept or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        wanted.append((-q, i, fields[0].lower()))
    for _, _, media in sorted(wanted):
        for offer, name in offers:
            if media in (offer, "*/*", offer.split("/")[0] + "/*"):
                return name
    return offers[0][1]


class KGServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, out: Path, host: str, port: int, timeout: float) -> None:
        self.path = Path(out) / kgstore.STORE_DIR
        if not self.path.exists():
            raise StoreError(f"no graph store in {self.path}; run 'kg build' first")
        self.out = Path(out)
        self._lock = threading.Lock()
        self._stamp: int | None = None
        self._page: bytes | None = None
        self.store = self._open()
        self.query_timeout = timeout
        self.pool = ThreadPoolExecutor(max_workers=4)
        super().__init__((host, port), Handler)

    def _open(self) -> ox.Store:
        self._stamp = self._build_stamp()
        try:
            return ox.Store.read_only(str(self.path))
        except OSError as err:
            raise StoreError(f"cannot open the store in {self.path}: {err}") from err

    def _build_stamp(self) -> int | None:
        try:
            return (self.out / OUTPUTS_STATE).stat().st_mtime_ns
        except OSError:
            return None

    def current(self) -> ox.Store:
        """The store, opened again if a build or removal has finished since it was opened
        (queries still running keep the store they started on)."""
        with self._lock:
            if self._build_stamp() != self._stamp:
                self.store = self._open()
                self._page = None
            return self.store

    def server_close(self) -> None:
        super().server_close()
        self.pool.shutdown(wait=False, cancel_futures=True)

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up early is not an error worth a traceback."""
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)

    def page(self) -> bytes:
        """The explorer page: the built graph.html, or rendered once from the store."""
        store = self.current()
        with self._lock:
            if self._page is None:
                html_file = self.out / "graph.html"
                if html_file.is_file():
                    self._page = html_file.read_bytes()
                else:
                    from .db import explorer_page

                    self._page = explorer_page(store).encode()
            return self._page

    def run_query(self, sparql: str, accept: str) -> tuple[bytes, str]:
        store = self.current()

        def work():
            results = store.query(sparql, use_default_graph_as_union=True)
            graph = kgstore.is_graph_result(results)
            fmt = negotiate(accept, graph)
            return kgstore.serialize_results(results, fmt).encode("utf-8"), MEDIA[(fmt, graph)]

        return self.pool.submit(work).result(timeout=self.query_timeout)


class Handler(BaseHTTPRequestHandler):
    server: KGServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002  (quiet by default)
        pass

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, self.server.page(), "text/html; charset=utf-8")
        elif url.path == "/sparql":
            params = parse_qs(url.query)
            if "update" in params:
                return self._refuse_update()
            if "query" not in params:
                return self._send(HTTPStatus.BAD_REQUEST,
                                  b"give a SPARQL query: /sparql?query=...", "text/plain")
            self._query(params["query"][0])
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return self._refuse_update()
        if ctype == "application/sparql-query":
            return self._query(body)
        params = parse_qs(body)
        if "update" in params:
            return self._refuse_update()
        if "query" in params:
            return self._query(params["query"][0])
        self._send(HTTPStatus.BAD_REQUEST, b"no query in the request", "text/plain")

    def _query(self, sparql: str) -> None:
        try:
            body, media = self.server.run_query(sparql, self.headers.get("Accept", ""))
        except FutureTimeout:
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, b"query timed out", "text/plain")
        except SyntaxError as err:
            return self._send(HTTPStatus.BAD_REQUEST, f"bad query: {err}".encode(),
                              "text/plain")
        except OSError as err:
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {err}".encode(),
                              "text/plain")
        self._send(HTTPStatus.OK, body, media)

    def _refuse_update(self) -> None:
        self._send(HTTPStatus.FORBIDDEN, b"this endpoint is read-only: updates are refused",
                   "text/plain")

    def _send(self, status: HTTPStatus, body: bytes, media: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(body)


def make_server(out: Path, host: str = "127.0.0.1", port: int = 8000,
                timeout: float = 10.0) -> KGServer:
    """A server ready to ``serve_forever()`` (port 0 picks a free one)."""
    try:
        return KGServer(out, host, port, timeout)
    except OSError as err:
        raise StoreError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
