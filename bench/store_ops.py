"""The whole-store commands at about a million triples: every ``kg export`` format,
``kg validate`` and ``kg push`` (to an ``oxigraph serve`` started here), each in its
own process, with its wall time and peak memory (maximum resident set).

The store is the one bench/query.py builds (the shared corpus copied under enough
municipality names to reach the target triple count); an existing build in ``--work`` is
reused. Usage:

    python bench/store_ops.py [--triples 1000000] [--shared ../shared] [--work DIR]

Prints a Markdown table and writes bench/results/store_ops.json.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def run(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one command, which must succeed. GNU time reports the
    peak: a child forked from this process (which built the store) would count this
    process's memory in its own maximum."""
    time_bin = shutil.which("time") or "/usr/bin/time"
    t = time.perf_counter()
    proc = subprocess.run(
        [time_bin, "-f", "%M", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr[-2000:]}")
    return seconds, int(proc.stderr.strip().splitlines()[-1]) / 1024


def oxigraph_server(location: Path) -> tuple[subprocess.Popen, str]:
    binary = shutil.which("oxigraph")
    if binary is None:
        raise SystemExit("the oxigraph server is needed: pip install oxigraph")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D")
            return proc, url
        except OSError:
            time.sleep(0.1)
    raise SystemExit("oxigraph serve did not start")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--work", type=Path, default=None)
    args = ap.parse_args()

    from build import make_corpus
    from kg import pipeline
    from kg.outputs import turtle

    work = args.work or Path(tempfile.mkdtemp(prefix="kg-opsbench-"))
    one = pipeline.build([make_corpus(args.shared, 1, work / "c1")], work / "o1")
    copies = math.ceil(args.triples / one.triples)
    out = work / "out"
    report = pipeline.build([make_corpus(args.shared, copies, work / "cN")], out)

    rows = []
    for fmt in turtle.EXPORT_FORMATS:
        target = work / f"export.{turtle.EXPORT_SUFFIX[fmt]}"
        seconds, mb = run(["kg", "export", "--format", fmt, "-o", str(target), "--out", str(out)])
        rows.append(
            {
                "command": f"kg export --format {fmt}",
                "seconds": seconds,
                "peak_rss_mb": mb,
                "output_mb": target.stat().st_size / 2**20,
            }
        )
        target.unlink()
    seconds, mb = run(["kg", "validate", "--out", str(out)])
    rows.append({"command": "kg validate", "seconds": seconds, "peak_rss_mb": mb})
    remote = work / "remote"
    shutil.rmtree(remote, ignore_errors=True)
    server, url = oxigraph_server(remote)
    try:
        seconds, mb = run(["kg", "push", "--endpoint", f"{url}/store", "--out", str(out)])
    finally:
        server.terminate()
        server.wait()
    rows.append({"command": "kg push (to oxigraph serve)", "seconds": seconds, "peak_rss_mb": mb})

    results = {
        "copies": copies,
        "documents": report.documents,
        "triples": report.triples,
        "commands": rows,
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "store_ops.json").write_text(json.dumps(results, indent=1))
    print(f"{report.triples:,} triples in {report.documents} documents ({copies} copies)\n")
    print("| command | seconds | peak RSS MB | output MB |")
    print("|---|---|---|---|")
    for r in rows:
        size = f"{r['output_mb']:.0f}" if "output_mb" in r else "-"
        print(f"| `{r['command']}` | {r['seconds']:.1f} | {r['peak_rss_mb']:.0f} | {size} |")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
