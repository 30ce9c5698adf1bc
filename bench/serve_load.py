"""``kg serve`` under load, on loopback: many clients asking named queries while one
client keeps sending queries that never end.

A store is built from the shared corpus copied under ``--copies`` municipality names (see
build.py), ``kg serve`` is started on it in its own process, and ``--clients`` threads each
send ``--requests`` named queries (every named query, in its broad and narrowed forms, see
query.py, in a random order), one after another. Meanwhile one more client sends, over
and over, queries that would run for hours: a cartesian product of all triples with
themselves three times, and an unbounded property path (every node reachable from every
node). Those must be answered 503 at the server's ``--timeout`` while the others go on
being answered.

    python bench/serve_load.py [--copies 5] [--clients 20] [--requests 200] [--timeout 2]

Prints a Markdown summary and writes bench/results/serve_load.json.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

HOSTILE = {
    "cartesian product": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "unbounded path": "SELECT * WHERE { ?x (<http://www.w3.org/2004/02/skos/core#broader>|"
    "!<urn:x:none>)* ?y }",
}


def ask(url: str, sparql: str, timeout: float = 120.0) -> tuple[int, float, int]:
    """(HTTP status, seconds, body bytes) of one query by GET."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(
            f"{url}/sparql?query={urllib.parse.quote(sparql)}", timeout=timeout
        ) as r:
            body = r.read()
            status = r.status
    except urllib.error.HTTPError as err:
        body, status = err.read(), err.code
    except OSError:  # refused, reset, timed out on the client side
        body, status = b"", 0
    return status, time.perf_counter() - started, len(body)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """The resident memory of a process and its children (the query workers), now."""
    total = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:  # gone meanwhile (a worker killed at its deadline)
            continue
        line = next(x for x in status.splitlines() if x.startswith("VmRSS"))
        total += int(line.split()[1]) / 1024
        todo += [int(c) for c in children]
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=5)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=200, help="named queries per client")
    ap.add_argument("--timeout", type=float, default=2.0, help="kg serve --timeout")
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    from query import cases

    from build import make_corpus
    from kg import pipeline
    from kg import queries as named
    from kg import store as kgstore

    work = args.work or Path(tempfile.mkdtemp(prefix="kg-load-"))
    out = work / "out"
    report = pipeline.build([make_corpus(args.shared, args.copies, work / "corpus")], out)
    municipality = kgstore.documents(out)[0].municipality  # for the narrowed forms
    todo = [
        (label, named.fill(named.get(name).text, params))
        for label, name, params in cases(municipality)
    ]

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    serve = subprocess.Popen(
        ["kg", "serve", "--out", str(out), "--port", str(port), "--timeout", str(args.timeout)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        serve.stdout.readline()  # "serving ..." once it listens
        for _, text in todo:  # warm-up: every query once
            ask(url, text)

        normal: list[tuple[str, int, float]] = []
        hostile: list[tuple[str, int, float]] = []
        lock = threading.Lock()
        done = threading.Event()

        def client(k: int) -> None:
            rng = random.Random(args.seed * 1000 + k)
            mine = []
            for _ in range(args.requests):
                label, text = rng.choice(todo)
                status, seconds, _ = ask(url, text)
                mine.append((label, status, seconds))
            with lock:
                normal.extend(mine)

        def attacker() -> None:
            while not done.is_set():
                for label, text in HOSTILE.items():
                    status, seconds, _ = ask(url, text)
                    hostile.append((label, status, seconds))

        peak = [0.0]

        def sample() -> None:  # the server's memory with its workers, every 0.1 s
            while not done.is_set():
                peak[0] = max(peak[0], rss_mb(serve.pid))
                time.sleep(0.1)

        threading.Thread(target=sample, daemon=True).start()
        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        bad = threading.Thread(target=attacker)
        started = time.perf_counter()
        bad.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        done.set()
        bad.join()
        rss = peak[0]
    finally:
        serve.terminate()
        serve.wait()

    ok = [s for _, status, s in normal if status == 200]
    errors = len(normal) - len(ok)
    per_query: dict[str, list[float]] = {}
    for label, status, s in normal:
        if status == 200:
            per_query.setdefault(label, []).append(s)
    results = {
        "documents": report.documents,
        "triples": report.triples,
        "clients": args.clients,
        "requests": len(normal),
        "seconds": wall,
        "throughput_per_s": len(normal) / wall,
        "p50_ms": statistics.median(ok) * 1000 if ok else None,
        "p99_ms": percentile(ok, 99) * 1000 if ok else None,
        "max_ms": max(ok) * 1000 if ok else None,
        "errors": errors,
        "statuses": sorted({status for _, status, _ in normal}),
        "hostile": {
            label: {
                "sent": sum(1 for h in hostile if h[0] == label),
                "statuses": sorted({h[1] for h in hostile if h[0] == label}),
                "max_s": max((h[2] for h in hostile if h[0] == label), default=None),
            }
            for label in HOSTILE
        },
        "timeout_s": args.timeout,
        "serve_max_rss_mb": rss,
        "per_query_p50_ms": {k: statistics.median(v) * 1000 for k, v in per_query.items()},
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "serve_load.json").write_text(json.dumps(results, indent=1))
    print(
        f"{report.triples:,} triples in {report.documents} documents; {args.clients} "
        f"clients × {args.requests} named queries ({len(todo)} forms), server timeout "
        f"{args.timeout:g} s\n"
    )
    print("| requests | seconds | per second | p50 ms | p99 ms | max ms | errors |")
    print("|---|---|---|---|---|---|---|")
    print(
        f"| {len(normal):,} | {wall:.1f} | {results['throughput_per_s']:.1f} | "
        f"{results['p50_ms']:.1f} | {results['p99_ms']:.1f} | {results['max_ms']:.0f} | "
        f"{errors} |\n"
    )
    print("| endless query (other client) | sent | answers | slowest answer s |")
    print("|---|---|---|---|")
    for label, h in results["hostile"].items():
        print(
            f"| {label} | {h['sent']} | {', '.join(map(str, h['statuses']))} | {h['max_s']:.2f} |"
        )
    print(f"\nkg serve with its query workers: at most {rss:.0f} MB resident (sampled every 0.1 s)")


if __name__ == "__main__":
    main()
