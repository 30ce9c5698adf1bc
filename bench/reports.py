"""Whole PDF reports: reading speed of the PDF libraries and ``kg build`` end to end.

For each PDF of ``../shared/reports`` with a text layer:

- read: pages per second of the text layer through PDFium (``pypdfium2``, our reader's
  library: text alone, and ``kg.layout``'s whole document model with fonts, positions,
  margins and blocks), and, where installed, pypdf and pdfplumber (``extract_text``);
  best of ``--repeat`` runs, one process;
- build: ``kg build`` of the report alone into a fresh folder (a new process, wall time
  and peak memory), and its extraction alone (``kg extract``'s path, no RDF or store).

Usage: python bench/reports.py [--shared ../shared] [--repeat 3] [--no-others]
Prints a Markdown table and writes bench/results/reports.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def read_pdfium_text(path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    for page in pdf:
        page.get_textpage().get_text_range()
    pdf.close()


def read_layout(path: Path) -> None:
    from kg.layout import pdf_layout

    pdf_layout(path.read_bytes(), path)


def read_pypdf(path: Path) -> None:
    from pypdf import PdfReader

    for page in PdfReader(str(path)).pages:
        page.extract_text()


def read_pdfplumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()


def build(path: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        done = subprocess.run(
            [sys.executable, "-m", "kg.cli", "build", str(path), "--out", tmp],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode:
        raise SystemExit(f"kg build {path} failed: {done.stderr[-500:]}")
    return {"build_s": round(seconds, 2), "build_peak_mb": round(max(peak, before) / 1024)}


def extract(path: Path) -> float:
    from kg.document import read_document
    from kg.extraction import extract_document

    started = time.perf_counter()
    extract_document(read_document(path))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-others", action="store_true", help="PDFium only")
    args = parser.parse_args()
    import pypdfium2 as pdfium

    from kg.errors import NoTextLayerError

    readers = {"pdfium text": read_pdfium_text, "kg.layout": read_layout}
    if not args.no_others:
        for name, fn, module in (
            ("pypdf", read_pypdf, "pypdf"),
            ("pdfplumber", read_pdfplumber, "pdfplumber"),
        ):
            try:
                __import__(module)
                readers[name] = fn
            except ImportError:
                print(f"({name} not installed: skipped)", file=sys.stderr)
    rows = []
    for path in sorted((args.shared / "reports").glob("*.pdf")):
        pages = len(pdfium.PdfDocument(str(path)))
        try:
            read_layout(path)
        except NoTextLayerError:
            print(f"({path.name}: no usable text layer, skipped)", file=sys.stderr)
            continue
        row: dict = {"report": path.name, "pages": pages}
        for name, fn in readers.items():
            runs = 1 if name == "pdfplumber" else args.repeat
            seconds = _best(lambda fn=fn, path=path: fn(path), runs)
            row[f"{name} pages/s"] = round(pages / seconds)
        extract(path)  # the pipeline's first build is not the report's
        row["extract_s"] = round(min(extract(path) for _ in range(args.repeat)), 2)
        row.update(build(path))
        rows.append(row)
    columns = list(rows[0]) if rows else []
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row.get(c, "")) for c in columns) + " |")
    out = HERE / "results" / "reports.json"
    out.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
