"""Query latency at about a million triples: Oxigraph (our store) against plain in-memory
rdflib, in the same run; ``kg query`` end to end; ``kg serve`` memory.

The synthetic corpus is the shared corpus copied under enough municipality names to reach
the target triple count (see build.py). Usage:

    python bench/query.py [--triples 1000000] [--shared ../shared] [--work DIR]

Prints a Markdown table and writes bench/results/query.json.
"""

from __future__ import annotations

import json
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

BROAD = {"entity": "wijkteam"}  # a common word: hundreds of entities match


def cases(municipality: str) -> list[tuple[str, str, dict]]:
    """(label, named query, parameters): every named query as listed by default (broad),
    and narrowed the way an analyst asks (one municipality, one named entity). A query
    about an entity (trace, indicator-series) has no listing without one: its broad form
    is a common word. One that lists everything without it (its text has an
    ``{{^entity}}`` section) is measured without parameters too."""
    from kg import queries as named

    def label(name: str, params: dict) -> str:
        return " ".join([name, *(f"{k}={v}" for k, v in params.items())])

    out = []
    for q in named.named_queries().values():
        about_entity = "entity" in q.parameters and "{{^entity}}" not in q.text
        forms = [] if about_entity else [{}]
        if "entity" in q.parameters:
            forms += [BROAD, {"entity": "doorbraakteam"}]
        if "measure" in q.parameters:  # a series of one common measure
            forms = [{"measure": "wachttijd"}]
            if "municipality" in q.parameters:
                forms.append({"measure": "wachttijd", "municipality": municipality})
        elif "kind" in q.parameters:  # the initiatives of one kind, everywhere and in one
            forms = [{"kind": "team"}, {"kind": "team", "municipality": municipality}]
        elif "municipality" in q.parameters:
            forms.append({**(BROAD if about_entity else {}), "municipality": municipality})
        if "taakveld" in q.parameters:  # every programme on any taakveld, and on one
            forms.append({"taakveld": "6.1"})
        out += [(label(q.name, params), q.name, params) for params in forms]
    return out


def timed(fn, repeat: int) -> float:
    """Median seconds of ``repeat`` runs (after one warm-up)."""
    fn()
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


RDFLIB_CHILD = """
import json, signal, sys, time
from rdflib import Dataset
sys.path.insert(0, sys.argv[2])
from kg import queries as named


class Over(Exception):
    pass


def stop(*_):
    raise Over


signal.signal(signal.SIGALRM, stop)
t = time.perf_counter()
ds = Dataset(default_union=True)
ds.parse(sys.argv[1], format="nquads")
print(json.dumps({"_load": time.perf_counter() - t}), flush=True)
for label, name, params in json.loads(sys.argv[3]):
    text = named.fill(named.get(name).text, params)
    t = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, float(sys.argv[4]))
    try:
        list(ds.query(text))
        took = time.perf_counter() - t
    except Over:
        took = None
    signal.setitimer(signal.ITIMER_REAL, 0)
    print(json.dumps({label: took}), flush=True)
"""


def _rdflib_timings(dump: Path, budget: float, limit: float, todo: list) -> dict:
    """Load the same N-Quads into in-memory rdflib and time each named query once, in a
    child process: a query is stopped after ``limit`` seconds (stored as None) and the
    child after ``budget`` (rdflib's engine is slow at this size: the queries it did not
    finish or reach are left out of the dict)."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            RDFLIB_CHILD,
            str(dump),
            str(HERE.parent),
            json.dumps(todo),
            str(limit),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    times: dict = {}
    deadline = time.time() + budget
    import selectors

    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    while time.time() < deadline and proc.poll() is None or sel.select(timeout=0):
        if not sel.select(timeout=max(0.0, min(5.0, deadline - time.time()))):
            continue
        line = proc.stdout.readline()
        if not line:
            break
        times.update(json.loads(line))
    proc.kill()
    proc.wait()
    return times


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument(
        "--rdflib-budget",
        type=float,
        default=1500,
        help="seconds for the rdflib comparison (load and all queries)",
    )
    ap.add_argument(
        "--rdflib-limit",
        type=float,
        default=120,
        help="seconds for one query in the rdflib comparison",
    )
    args = ap.parse_args()

    import pyoxigraph as ox

    from build import make_corpus
    from kg import pipeline
    from kg import queries as named
    from kg import store as kgstore

    work = args.work or Path(tempfile.mkdtemp(prefix="kg-qbench-"))
    one = pipeline.build([make_corpus(args.shared, 1, work / "c1")], work / "o1")
    copies = math.ceil(args.triples / one.triples)
    out = work / "out"
    t = time.perf_counter()
    # an existing build of the same corpus is reused (unchanged documents are skipped)
    report = pipeline.build([make_corpus(args.shared, copies, work / "cN")], out)
    build_seconds = time.perf_counter() - t

    dump = work / "dump.nq"
    with kgstore.open_store(out, read_only=True) as st, dump.open("wb") as f:
        st.stream_graphs(f, "nquads")
    fresh = work / "fresh"
    t = time.perf_counter()
    target = ox.Store(str(fresh))
    target.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    target.flush()
    ox_load = time.perf_counter() - t
    del target
    with kgstore.open_store(out, read_only=True) as st:
        some = next(
            iter(
                st.query(
                    "PREFIX gkg: <https://w3id.org/gemeente-kg/def#> "
                    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                    "SELECT ?n WHERE { GRAPH ?g "
                    "{ ?r a gkg:Report ; gkg:municipality ?m . ?m skos:prefLabel ?n } } LIMIT 1"
                )
            )
        )
    todo = cases(some["n"].value)
    rdflib_times = _rdflib_timings(dump, args.rdflib_budget, args.rdflib_limit, todo)
    rdflib_load = rdflib_times.get("_load")
    store_mb = sum(f.stat().st_size for f in (out / "store").rglob("*") if f.is_file()) / 2**20

    rows = []
    for label, name, params in todo:
        text = named.fill(named.get(name).text, params)
        with kgstore.open_store(out, read_only=True) as st:
            ox_s = timed(lambda st=st, text=text: list(st.query(text)), 5)
            n_rows = len(list(st.query(text)))
        rdf_s = rdflib_times.get(label, "unreached")
        cmd = ["kg", "query", "--name", name, "--format", "csv", "--out", str(out)]
        for k, v in params.items():
            cmd += ["--param", f"{k}={v}"]
        cli_s = timed(lambda cmd=cmd: subprocess.run(cmd, capture_output=True, check=True), 3)
        table = [c for c in cmd if c not in ("--format", "csv")]  # the default: a table
        table_s = timed(lambda cmd=table: subprocess.run(cmd, capture_output=True, check=True), 3)
        rows.append(
            {
                "query": label,
                "rows": n_rows,
                "oxigraph_ms": ox_s * 1000,
                "rdflib_ms": rdf_s if rdf_s in (None, "unreached") else rdf_s * 1000,
                "kg_query_s": cli_s,
                "kg_query_table_s": table_s,
            }
        )

    serve = subprocess.Popen(
        ["kg", "serve", "--out", str(out), "--port", "8791"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    serve.stdout.readline()
    for _ in range(3):
        for _, name, params in todo:
            url = "http://127.0.0.1:8791/sparql?query=" + urllib.parse.quote(
                named.fill(named.get(name).text, params)
            )
            urllib.request.urlopen(url).read()
        urllib.request.urlopen("http://127.0.0.1:8791/").read()
    status = Path(f"/proc/{serve.pid}/status").read_text()
    peak = next(line for line in status.splitlines() if line.startswith("VmHWM"))
    serve_peak_mb = int(peak.split()[1]) / 1024
    serve.terminate()
    serve.wait()

    results = {
        "copies": copies,
        "documents": report.documents,
        "triples": report.triples,
        "build_seconds": build_seconds,
        "oxigraph_bulk_load_s": ox_load,
        "rdflib_load_s": rdflib_load,
        "store_mb": store_mb,
        "serve_peak_rss_mb": serve_peak_mb,
        "queries": rows,
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "query.json").write_text(json.dumps(results, indent=1))
    print(
        f"{report.triples:,} triples in {report.documents} documents ({copies} copies); "
        f"store {store_mb:.0f} MB; load: Oxigraph bulk {ox_load:.1f} s, rdflib "
        f"{'not within the budget' if rdflib_load is None else f'{rdflib_load:.1f} s'}; "
        f"kg serve peak RSS {serve_peak_mb:.0f} MB\n"
    )
    print(
        "| named query | rows | Oxigraph ms | rdflib in-memory ms | `kg query` s (csv) "
        "| `kg query` s (table) |"
    )
    print("|---|---|---|---|---|---|")
    for r in rows:
        rdf = {None: f"over {args.rdflib_limit:.0f} s", "unreached": "not reached (budget)"}.get(
            r["rdflib_ms"]
        ) or f"{r['rdflib_ms']:,.0f}"
        print(
            f"| {r['query']} | {r['rows']} | {r['oxigraph_ms']:.1f} | {rdf} "
            f"| {r['kg_query_s']:.2f} | {r['kg_query_table_s']:.2f} |"
        )
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
