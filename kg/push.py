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

from . import store as kgstore
from .errors import StoreError


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


def push(out: Path, endpoint: str, timeout: float = 60.0) -> PushReport:
    """PUT every document graph to ``endpoint?graph=<iri>`` (replacing what was there)."""
    with kgstore.open_store(out, read_only=True) as st:
        graph_iris = kgstore.graphs(st)
        bodies = []
        for g in graph_iris:
            data = st.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
            bodies.append((g, kgstore.serialize_results(data, "nt")))
    auth = auth_header()
    triples = 0
    for g, body in bodies:
        url = f"{endpoint}{'&' if '?' in endpoint else '?'}graph={quote(g, safe='')}"
        request = urllib.request.Request(url, data=body.encode("utf-8"), method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        if auth:
            request.add_header("Authorization", auth)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as err:
            raise StoreError(f"{endpoint}: the server refused graph {g} "
                             f"(HTTP {err.code} {err.reason})") from err
        except urllib.error.URLError as err:
            raise StoreError(f"{endpoint}: cannot reach the server ({err.reason})") from err
        triples += sum(1 for line in body.splitlines() if line.strip())
    return PushReport(len(bodies), triples)
