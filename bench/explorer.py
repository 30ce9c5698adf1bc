"""Explorer at scale: a 5,000-node page in headless Chromium on this machine.

The shared corpus is copied under N municipality names (as in bench/build.py) and built;
``kg viz --limit 5000`` writes the page (timed: reading the store, the networkx layout,
pyvis). Chromium (Debian's, via Playwright, network off) then opens it several times:

- open: from navigation start to the first frame drawn (``performance.now()`` when
  vis-network's first ``afterDrawing`` fires) and the wall time Playwright sees;
- search: typing a name and Enter until the panel shows and the view has moved;
- click: clicking a node until its panel shows and the neighbours are highlighted;
- filter: unticking a type until the nodes are hidden and the frame is drawn;
- side by side: ticking a second municipality under "Side by side" until the columns are
  laid out, the shared nodes marked and the frame drawn; back: unticking it until every
  node is where it was.

Usage: python bench/explorer.py [--copies 40] [--nodes 5000] [--runs 3] [--work DIR]
Prints a Markdown table and writes bench/results/explorer.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def build(shared: Path, copies: int, work: Path) -> Path:
    from build import make_corpus

    out = work / "out"
    if (out / "store").is_dir():
        return out
    corpus = make_corpus(shared, copies, work / "corpus")
    subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


def render(out: Path, nodes: int) -> tuple[Path, float]:
    page = out / "explorer-bench.html"
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "viz",
            "--out",
            str(out),
            "-o",
            str(page),
            "--limit",
            str(nodes),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return page, time.perf_counter() - started


def measure(page: Path, chromium: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
            ],
        )
        context = browser.new_context(offline=True, viewport={"width": 1400, "height": 860})
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        started = time.perf_counter()
        tab.goto(page.resolve().as_uri())
        tab.wait_for_selector("body[data-kg-ready='1']", state="attached", timeout=120_000)
        wall = time.perf_counter() - started
        drawn = tab.evaluate("window.kgReadyAt")
        count = tab.evaluate("nodes.length")
        name = tab.evaluate("""() => { const ids = nodes.getIds();
            return nodes.get(ids[Math.floor(ids.length / 2)]).label; }""")

        def timed(action) -> float:
            t0 = tab.evaluate("performance.now()")
            action()
            tab.evaluate(NEXT_FRAME)
            return tab.evaluate("performance.now()") - t0

        def search():
            tab.fill("#kg-search", name)
            tab.press("#kg-search", "Enter")
            tab.wait_for_selector("#kg-panel:not([hidden])")

        search_ms = timed(search)
        tab.click("#kg-close")
        target = tab.evaluate("""() => { const id = nodes.getIds()[0];
            const p = network.getPositions([id])[id];
            network.moveTo({position: p, scale: 1.2});
            const d = network.canvasToDOM(p);
            const r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y]; }""")
        tab.evaluate(NEXT_FRAME)

        def click():
            tab.mouse.click(*target)
            tab.wait_for_selector("#kg-panel:not([hidden])")

        click_ms = timed(click)

        def filter_():
            tab.locator("#kg-types input[value='Initiative']").uncheck()

        filter_ms = timed(filter_)
        tab.locator("#kg-types input[value='Initiative']").check()
        boxes = tab.locator("#kg-compare input")
        boxes.nth(0).check()

        def side_by_side():
            boxes.nth(1).check()
            tab.wait_for_selector("body[data-kg-compare]", state="attached")

        compare_ms = timed(side_by_side)
        compared = tab.evaluate("nodes.get({filter: n => !n.hidden}).length")

        def back():
            boxes.nth(1).uncheck()
            tab.wait_for_selector("body:not([data-kg-compare])", state="attached")

        back_ms = timed(back)
        browser.close()
    return {
        "nodes": count,
        "open_ms": drawn,
        "open_wall_s": wall,
        "search_ms": search_ms,
        "click_ms": click_ms,
        "filter_ms": filter_ms,
        "compare_ms": compare_ms,
        "compared_nodes": compared,
        "back_ms": back_ms,
        "errors": errors,
        "page_mb": page.stat().st_size / 1e6,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-explorer-"))
    out = build(args.shared, args.copies, work)
    page, render_s = render(out, args.nodes)
    runs = [measure(page, args.chromium) for _ in range(args.runs)]
    median = {
        k: statistics.median(r[k] for r in runs)
        for k in (
            "open_ms",
            "open_wall_s",
            "search_ms",
            "click_ms",
            "filter_ms",
            "compare_ms",
            "back_ms",
        )
    }
    result = {
        "copies": args.copies,
        "nodes": runs[0]["nodes"],
        "render_s": render_s,
        "page_mb": runs[0]["page_mb"],
        "runs": runs,
        "median": median,
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "explorer.json").write_text(json.dumps(result, indent=2))
    print(
        f"| nodes | page | kg viz | open (first frame) | open (wall) | search | click "
        f"| filter | side by side (nodes) | back |\n|---|---|---|---|---|---|---|---|---|---|\n"
        f"| {result['nodes']} | {result['page_mb']:.1f} MB | {render_s:.1f} s "
        f"| {median['open_ms'] / 1000:.2f} s | {median['open_wall_s']:.2f} s "
        f"| {median['search_ms']:.0f} ms | {median['click_ms']:.0f} ms "
        f"| {median['filter_ms']:.0f} ms | {median['compare_ms']:.0f} ms "
        f"({runs[0]['compared_nodes']}) | {median['back_ms']:.0f} ms |"
    )
    if any(r["errors"] for r in runs):
        print("page errors:", runs[0]["errors"])


if __name__ == "__main__":
    main()
