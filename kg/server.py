"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint at ``/sparql`` and the HTML
explorer at ``/``, on one port.

Queries come as GET ``?query=`` or POST (``application/sparql-query`` or a form with
``query=``); results follow the ``Accept`` header (JSON, XML, CSV, TSV; Turtle,
N-Triples, JSON-LD for graphs). Updates are refused with 403.

Queries run in a few worker processes, each with the store open read-only, one query at a
time. A query that runs past the timeout is answered with 503, and one whose result grows
past the size cap with 400. Oxigraph evaluates a query while its results are written, so
a query that keeps producing rows (a cartesian product) is stopped there, by its worker;
one that computes long before its first row (a COUNT over a huge join, an unbounded
property path) cannot be stopped from inside, so its worker process is killed at the
deadline and a fresh one started: a runaway query holds no CPU, memory or worker after
its 503, and the other clients go on being answered.

The store is opened read-only, which shows it as it was when opened; when a build or a
removal has finished since (it rewrites ``.outputs-state`` last), the next request opens
it again, so a running server answers from the latest complete build.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .errors import QuerySyntaxError, StoreError
from .outputs import OUTPUTS_STATE
from .store import Store, store_path
from .store.results import is_graph_result, write_results

RESULT_TYPES = [  # (media type, format name) in order of preference
    ("application/sparql-results+json", "json"),
    ("application/json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
]
GRAPH_TYPES = [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "xml"),
]
MEDIA = {
    ("json", False): "application/sparql-results+json",
    ("xml", False): "application/sparql-results+xml",
    ("csv", False): "text/csv",
    ("tsv", False): "text/tab-separated-values",
    ("turtle", True): "text/turtle",
    ("nt", True): "application/n-triples",
    ("jsonld", True): "application/ld+json",
    ("xml", True): "application/rdf+xml",
}


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


MAX_RESULT_BYTES = 100 * 2**20
WORKERS = 4


class QueryStopped(Exception):
    """Raised from the result writer to stop a query: past its deadline or its size cap."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "timeout" or "size"


class CappedBuffer:
    """A write target that refuses to grow past ``max_bytes`` or to be written after
    ``deadline`` (time.monotonic): the way a running query is stopped."""

    def __init__(self, deadline: float, max_bytes: int) -> None:
        self.deadline, self.max_bytes = deadline, max_bytes
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        if time.monotonic() > self.deadline:
            raise QueryStopped("timeout")
        self.size += len(data)
        if self.size > self.max_bytes:
            raise QueryStopped("size")
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def evaluate(
    store: Store, sparql: str, accept: str, deadline: float, max_bytes: int
) -> tuple[bytes, str]:
    """Run one query and serialize its result, stopping at ``deadline`` (time.monotonic,
    the same clock in every process) or at ``max_bytes`` of result."""
    # Oxigraph's result objects must be dropped on the thread that made them: an
    # exception raised from under them keeps their frames, so it is replaced by a fresh
    # one, raised once they are gone
    results = store.query(sparql)
    graph = is_graph_result(results)
    fmt = negotiate(accept, graph)
    body = CappedBuffer(deadline, max_bytes)
    stopped = failed = None
    try:
        write_results(results, fmt, body)
    except QueryStopped as err:
        stopped = err.reason
    except OSError as err:  # the writer's exception, as Oxigraph may pass it on
        cause = err.__cause__ or err.__context__
        if isinstance(cause, QueryStopped):
            stopped = cause.reason
        else:
            failed = str(err)
    del results
    if stopped:
        raise QueryStopped(stopped)
    if failed is not None:
        raise OSError(failed)
    return body.getvalue(), MEDIA[(fmt, graph)]


def _worker_main(conn, path: str) -> None:
    """A worker process: jobs (query, accept, build stamp, deadline, size cap) in,
    ("ok", body, media) or (error kind, message) out, until its pipe closes (Ctrl-C is
    the server's to handle: it closes the workers)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    store, stamp = None, object()
    while True:
        try:
            sparql, accept, job_stamp, deadline, max_bytes = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            if store is None or job_stamp != stamp:
                store, stamp = Store.read_only(Path(path)), job_stamp
            conn.send(("ok", *evaluate(store, sparql, accept, deadline, max_bytes)))
        except QueryStopped as err:
            conn.send(("stopped", err.reason))
        except QuerySyntaxError as err:
            conn.send(("syntax", str(err.__cause__ or err)))
        except Exception as err:  # noqa: BLE001  (sent to the handler, which answers 500)
            conn.send(("error", f"{type(err).__name__}: {err}"))


GRACE = 0.25  # seconds a worker has past the deadline to say it stopped by itself


class QueryWorkers:
    """Worker processes, each with the store open read-only, one query at a time; a
    worker that does not answer by the deadline is killed and replaced."""

    def __init__(self, path: Path, n: int) -> None:
        self.path = str(path)
        self.ctx = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self.idle: queue.Queue = queue.Queue()
        self.live: set = set()
        self.lock = threading.Lock()
        self.closed = False
        for _ in range(n):
            self.idle.put(self._start())

    def _start(self):
        mine, theirs = self.ctx.Pipe()
        proc = self.ctx.Process(
            target=_worker_main, args=(theirs, self.path), daemon=True, name="kg-query-worker"
        )
        proc.start()
        theirs.close()
        with self.lock:
            self.live.add(proc)
        return proc, mine

    def _kill(self, worker) -> None:
        proc, conn = worker
        proc.kill()
        proc.join()
        conn.close()
        with self.lock:
            self.live.discard(proc)

    def _replace(self, worker) -> None:
        """Kill a worker and put a fresh one in the pool, off the request's thread."""
        self._kill(worker)

        def start() -> None:
            if self.closed:
                return
            fresh = self._start()
            if self.closed:  # closed while it started
                self._kill(fresh)
            else:
                self.idle.put(fresh)

        threading.Thread(target=start, daemon=True).start()

    def run(self, job: tuple, deadline: float) -> tuple[bytes, str]:
        try:
            worker = self.idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise QueryStopped("timeout") from None
        _, conn = worker
        try:
            conn.send(job)
            if not conn.poll(max(0.0, deadline - time.monotonic()) + GRACE):
                self._replace(worker)
                raise QueryStopped("timeout")
            answer = conn.recv()
        except (EOFError, OSError) as err:  # the worker died (killed, out of memory)
            self._replace(worker)
            raise OSError(f"the query's worker process stopped ({err or 'no answer'})") from None
        self.idle.put(worker)
        kind, *rest = answer
        if kind == "ok":
            return rest[0], rest[1]
        if kind == "stopped":
            raise QueryStopped(rest[0])
        if kind == "syntax":
            raise SyntaxError(rest[0])
        raise OSError(rest[0])

    def processes(self) -> list:
        with self.lock:
            return list(self.live)

    def close(self) -> None:
        self.closed = True
        for proc in self.processes():
            proc.kill()
            proc.join()
        self.live.clear()


class KGServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        out: Path,
        host: str,
        port: int,
        timeout: float,
        max_result_bytes: int = MAX_RESULT_BYTES,
    ) -> None:
        self.path = store_path(out)
        if not self.path.exists():
            raise StoreError(f"no graph store in {self.path}; run 'kg build' first")
        self.out = Path(out)
        self._lock = threading.Lock()
        self._stamp: int | None = None
        self._page: bytes | None = None
        self.store = self._open()
        self.query_timeout = timeout
        self.max_result_bytes = max_result_bytes
        self.workers = QueryWorkers(self.path, WORKERS)
        super().__init__((host, port), Handler)

    def _open(self) -> Store:
        self._stamp = self._build_stamp()
        return Store.read_only(self.path)

    def _build_stamp(self) -> int | None:
        try:
            return (self.out / OUTPUTS_STATE).stat().st_mtime_ns
        except OSError:
            return None

    def current(self) -> Store:
        """The store, opened again if a build or removal has finished since it was opened
        (queries still running keep the store they started on)."""
        with self._lock:
            if self._build_stamp() != self._stamp:
                self.store = self._open()
                self._page = None
            return self.store

    def server_close(self) -> None:
        super().server_close()
        self.workers.close()

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
                    from .outputs import explorer

                    self._page = explorer.page(store).encode()
            return self._page

    def run_query(self, sparql: str, accept: str) -> tuple[bytes, str]:
        """The serialized result and its media type. Raises QueryStopped (deadline, size
        cap, or every worker busy till the deadline), SyntaxError or OSError."""
        self.current()  # the build stamp the workers open the store at
        deadline = time.monotonic() + self.query_timeout
        return self.workers.run(
            (sparql, accept, self._stamp, deadline, self.max_result_bytes), deadline
        )


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
                return self._send(
                    HTTPStatus.BAD_REQUEST, b"give a SPARQL query: /sparql?query=...", "text/plain"
                )
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
        except QueryStopped as err:
            if err.reason == "timeout":
                return self._send(HTTPStatus.SERVICE_UNAVAILABLE, b"query timed out", "text/plain")
            limit = self.server.max_result_bytes / 2**20
            return self._send(
                HTTPStatus.BAD_REQUEST,
                f"the result is over {limit:g} MB: narrow the query or add a LIMIT".encode(),
                "text/plain",
            )
        except SyntaxError as err:
            return self._send(HTTPStatus.BAD_REQUEST, f"bad query: {err}".encode(), "text/plain")
        except OSError as err:
            return self._send(
                HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {err}".encode(), "text/plain"
            )
        self._send(HTTPStatus.OK, body, media)

    def _refuse_update(self) -> None:
        self._send(
            HTTPStatus.FORBIDDEN, b"this endpoint is read-only: updates are refused", "text/plain"
        )

    def _send(self, status: HTTPStatus, body: bytes, media: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(body)


def make_server(
    out: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 10.0,
    max_result_bytes: int = MAX_RESULT_BYTES,
) -> KGServer:
    """A server ready to ``serve_forever()`` (port 0 picks a free one)."""
    try:
        return KGServer(out, host, port, timeout, max_result_bytes)
    except OSError as err:
        raise StoreError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
