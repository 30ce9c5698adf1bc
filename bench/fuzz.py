"""Fuzz the whole path of a report: read → extract → mint → validate.

Inputs are generated from the bundled sample report and, where it lies beside the
repository, ``../shared/corpus``: byte flips, cuts, repeated and shuffled lines, other
encodings, the text wrapped as HTML or Markdown, and PDFs (made with reportlab, streams
uncompressed) whose structure is then damaged: bytes flipped, the file cut, the xref
offset or a stream length made wrong, the trailer dropped, garbage spliced into a
content stream, two files glued together, or encrypted with an unknown password; and,
where ``../shared/reports`` holds real whole reports, runs of 1 to 6 of their pages cut
out as PDFs of their own (real fonts, compressed streams, tables) and damaged the same
ways (the one without a usable text layer among them). Each
one is read from a file as a user's file would be, extracted within a time budget,
minted to N-Triples (every literal checked for its datatype) and, one in
``--validate-every``, validated with the SHACL shapes. A whole input (reading included)
that runs past twice the budget is stopped by an alarm and counted as a hang. Reported:
inputs run, refused with a clear error (a KGError: empty, binary, unreadable PDF, ...),
crashes (any other exception), hangs and invalid output; the last three must be zero.

    python bench/fuzz.py --inputs 2000 --seed 1            # a few minutes
    python bench/fuzz.py --inputs 100000 --seed 1 --jobs 2  # the long form
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import signal
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rdflib import Literal

HERE = Path(__file__).resolve().parent
KINDS = ("flip", "cut", "repeat", "shuffle", "encoding", "html", "markdown", "splice", "pdf")
_REPORTS: dict[str, object] = {}  # a worker's open shared reports (PDFium documents)
PDF_DAMAGE = ("intact", "flip", "cut", "xref", "length", "trailer", "stream", "glued", "encrypted")


def make_pdf(rng: random.Random, lines: list[str], encrypt: str | None = None) -> bytes:
    """A PDF of up to 120 of the lines, 45 a page, in Helvetica (Latin-1 text)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=0, encrypt=encrypt)
    start = rng.randrange(max(1, len(lines)))
    for i, line in enumerate(lines[start : start + rng.randint(1, 120)]):
        if i and i % 45 == 0:
            c.showPage()
        c.drawString(40, 800 - 17 * (i % 45), line[:110])
    c.save()
    return buf.getvalue()


def damage_pdf(rng: random.Random, data: bytes, other: bytes) -> tuple[str, bytes]:
    how = rng.choice(PDF_DAMAGE[:-1])
    if how == "flip":
        b = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        return how, bytes(b)
    if how == "cut":
        return how, data[: rng.randrange(len(data))]
    if how == "xref":
        return how, re.sub(
            rb"startxref\s+\d+",
            b"startxref\n" + str(rng.randrange(10 ** rng.randint(1, 12))).encode(),
            data,
        )
    if how == "length":
        return how, re.sub(
            rb"/Length \d+",
            lambda _: b"/Length " + str(rng.choice([0, 1, 10**9, rng.randrange(5000)])).encode(),
            data,
        )
    if how == "trailer":
        return how, data[: data.rfind(b"trailer")] if b"trailer" in data else data
    if how == "stream":
        at = data.find(b"stream", rng.randrange(len(data)))
        junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 400)))
        return how, data if at < 0 else data[: at + 7] + junk + data[at + 7 :]
    if how == "glued":
        return how, data + other
    return how, data


def report_pages(rng: random.Random, path: str) -> bytes:
    """A run of 1 to 6 pages of a real report, as a PDF of its own."""
    import pypdfium2 as pdfium

    src = _REPORTS.get(path)
    if src is None:
        src = _REPORTS[path] = pdfium.PdfDocument(path)
    first = rng.randrange(len(src))
    part = pdfium.PdfDocument.new()
    part.import_pages(src, list(range(first, min(len(src), first + rng.randint(1, 6)))))
    buf = io.BytesIO()
    part.save(buf)
    part.close()
    return buf.getvalue()


def reports(shared: Path | None) -> list[str]:
    if shared and (shared / "reports").is_dir():
        return [str(p) for p in sorted((shared / "reports").glob("*.pdf"))]
    return []


def seeds(shared: Path | None) -> list[str]:
    from kg import pipeline

    texts = [pipeline.sample_path().read_text(encoding="utf-8")]
    if shared and (shared / "corpus").is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted((shared / "corpus").glob("*.txt"))]
    return texts


def mutate(rng: random.Random, texts: list[str], pdfs: list[str]) -> tuple[str, bytes, str]:
    """(kind, file bytes, file suffix) of one generated input."""
    text = rng.choice(texts)
    kind = rng.choice(KINDS + (("report",) * 3 if pdfs else ()))
    if kind == "report":
        how, data = damage_pdf(
            rng, report_pages(rng, rng.choice(pdfs)), report_pages(rng, rng.choice(pdfs))
        )
        return f"report:{how}", data, ".pdf"
    if kind == "flip":
        data = bytearray(text.encode("utf-8"))
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return kind, bytes(data), ".txt"
    if kind == "cut":
        a = rng.randrange(len(text))
        return kind, text[a : a + rng.randint(1, 4000)].encode("utf-8"), ".txt"
    lines = text.splitlines()
    if kind == "repeat":
        line = rng.choice(lines) if lines else text
        return kind, ("\n".join([line] * rng.randint(2, 300))).encode("utf-8"), ".txt"
    if kind == "shuffle":
        rng.shuffle(lines)
        return kind, "\n".join(lines[: rng.randint(1, max(1, len(lines)))]).encode("utf-8"), ".txt"
    if kind == "encoding":
        enc = rng.choice(["utf-16", "cp1252", "latin-1", "utf-8-sig"])
        return kind, text.encode(enc, errors="replace"), ".txt"
    if kind == "html":
        body = "".join(
            f"<p>{line}</p>" if rng.random() < 0.7 else f"<h2>{line}</h2>" for line in lines[:200]
        )
        if rng.random() < 0.5:
            body = body.replace("</p>", "", rng.randint(0, 20))  # broken markup
        return kind, f"<html><body><main>{body}</main></body></html>".encode(), ".html"
    if kind == "markdown":
        return (
            kind,
            "\n\n".join(
                ("## " if rng.random() < 0.2 else "") + line for line in lines[:300]
            ).encode("utf-8"),
            ".md",
        )
    other = rng.choice(texts)
    if kind == "pdf":
        latin = [line.encode("latin-1", "replace").decode("latin-1") for line in lines]
        if rng.random() < 0.05:
            return "pdf:encrypted", make_pdf(rng, latin, encrypt="secret"), ".pdf"
        how, data = damage_pdf(
            rng, make_pdf(rng, latin), make_pdf(rng, other.splitlines() or [other])
        )
        return f"pdf:{how}", data, ".pdf"
    a, b = rng.randrange(len(text)), rng.randrange(len(other))
    return kind, (text[:a] + other[b:]).encode("utf-8"), ".txt"


def run_one(args: tuple[int, int, list[str], list[str], int, float]) -> dict:
    n, seed, texts, pdfs, validate_every, budget = args
    rng = random.Random(seed * 1_000_003 + n)
    kind, data, suffix = mutate(rng, texts, pdfs)
    out = {"kind": kind, "outcome": "ok", "n": n}

    def alarm(*_):
        raise Stalled

    signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, 2 * budget)
    try:
        return _check(
            path_data=(data, suffix), budget=budget, n=n, validate_every=validate_every, out=out
        )
    except Stalled:
        return {**out, "outcome": "hang", "detail": f"over {2 * budget:g} s in all"}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


class Stalled(BaseException):
    """The alarm: an input ran past twice its budget (reading included)."""


def _check(
    path_data: tuple[bytes, str], budget: float, n: int, validate_every: int, out: dict
) -> dict:
    from kg import pipeline
    from kg.document import read_document
    from kg.errors import KGError, TimeBudgetError
    from kg.outputs.validation import validate
    from kg.rdf import document_graph

    data, suffix = path_data
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"zwolle-2022{suffix}"
        path.write_bytes(data)
        started = time.perf_counter()
        try:
            facts = pipeline.extract_document(read_document(path), time_budget=budget)
            g = document_graph(facts)
            bad = [o for o in g.objects() if isinstance(o, Literal) and o.ill_typed]
            if bad:
                return {**out, "outcome": "invalid", "detail": repr(bad[:2])}
            if validate_every and n % validate_every == 0:
                conforms, _, report = validate(g)
                if not conforms:
                    return {**out, "outcome": "invalid", "detail": report[:500]}
        except TimeBudgetError as err:
            return {**out, "outcome": "hang", "detail": str(err)}
        except KGError:
            out["outcome"] = "refused"
        except Exception as err:  # a crash is what this harness looks for
            return {**out, "outcome": "crash", "detail": f"{type(err).__name__}: {err}"}
        out["seconds"] = time.perf_counter() - started
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--validate-every", type=int, default=20)
    parser.add_argument("--time-budget", type=float, default=20.0)
    args = parser.parse_args()
    texts = seeds(args.shared)
    pdfs = reports(args.shared)
    started = time.perf_counter()
    counts: dict[str, int] = {}
    by_kind: dict[str, dict[str, int]] = {}
    failures = []
    work = [
        (n, args.seed, texts, pdfs, args.validate_every, args.time_budget)
        for n in range(args.inputs)
    ]
    with ProcessPoolExecutor(args.jobs) as pool:
        for r in pool.map(run_one, work, chunksize=20):
            counts[r["outcome"]] = counts.get(r["outcome"], 0) + 1
            if (r["n"] + 1) % 1000 == 0:  # progress, on stderr
                print(
                    f"{r['n'] + 1:,} inputs, {time.perf_counter() - started:.0f} s: {counts}",
                    file=sys.stderr,
                    flush=True,
                )
            kind = by_kind.setdefault(r["kind"], {})
            kind[r["outcome"]] = kind.get(r["outcome"], 0) + 1
            if r["outcome"] in ("crash", "hang", "invalid"):
                failures.append(r)
    summary = {
        "inputs": args.inputs,
        "seed": args.seed,
        "seconds": round(time.perf_counter() - started, 1),
        "seed_texts": len(texts),
        "seed_reports": len(pdfs),
        **counts,
        "by_kind": dict(sorted(by_kind.items())),
        "failures": failures[:20],
    }
    print(json.dumps(summary, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
