"""``kg push``: load the graph into any SPARQL 1.1 Graph Store HTTP Protocol server, one
named graph per document (Oxigraph's ``/store``, Fuseki's ``/ds/data``, GraphDB,
Virtuoso, QLever). Credentials come from the environment: ``KG_PUSH_TOKEN`` (a bearer
token) or ``KG_PUSH_USER`` and ``KG_PUSH_PASSWORD`` (basic auth)."""

from __future__ import annotations

import base64
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .errors import StoreError, UsageError
from .iris import document_id
from .store import open_store


@dataclass(frozen=True)
class PushReport:
    graphs: int
    triples: int


def auth_header(env=os.environ) -> str | None:
    if env.get("KG_PUSH_TOKEN"):
        return f"Bearer {env['KG_PUSH_TOKEN']}"
    if env.get("KG_PUSH_USER"):
        pair = f"{env['KG_PUSH_USER']}:{env.get('KG_PUSH_PASSWORD', '')}".encode()
        return "Basic " + base64.b64encode(pair).decode()
    return None


def push(out: Path, endpoint: str, timeout: float = 60.0, on_graph=None) -> PushReport:
    """PUT every document graph to ``endpoint?graph=<iri>`` (replacing what was there), one
    graph at a time, so memory stays that of one document. ``on_graph(doc_id)`` follows
    each graph sent. A failure stops the push with the graph it failed on; pushing again
    replaces what was sent."""
    if not endpoint.startswith(("http://", "https://")):
        raise UsageError(f"--endpoint must be an http:// or https:// URL, not {endpoint!r}")
    auth = auth_header()
    graphs = triples = 0
    with open_store(out, read_only=True) as st:
        for g in st.graphs():
            body = st.graph_ntriples(g)
            _put(
                f"{endpoint}{'&' if '?' in endpoint else '?'}graph={quote(g, safe='')}",
                body,
                auth,
                timeout,
                f"{endpoint}: graph {g}",
            )
            graphs += 1
            triples += body.count(b"\n")
            if on_graph:
                on_graph(document_id(g))
    return PushReport(graphs, triples)


def _put(url: str, body: bytes, auth: str | None, timeout: float, what: str) -> None:
    request = urllib.request.Request(
        url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"}
    )
    if auth:
        request.add_header("Authorization", auth)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as err:
        hint = (
            " (credentials: KG_PUSH_TOKEN, or KG_PUSH_USER and KG_PUSH_PASSWORD)"
            if err.code in (401, 403)
            else ""
        )
        raise StoreError(
            f"{what}: the server refused it (HTTP {err.code} {err.reason}){hint}"
        ) from err
    except urllib.error.URLError as err:
        raise StoreError(f"{what}: cannot reach the server ({err.reason})") from err
    except (TimeoutError, ConnectionError) as err:
        raise StoreError(f"{what}: the connection failed ({err})") from err
