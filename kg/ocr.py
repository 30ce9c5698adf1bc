"""Pages without a usable text layer → the document model, by OCR (``--ocr``).

PDFium renders each page in grey at 200 dpi and Tesseract (Debian's ``tesseract-ocr``
with its Dutch model ``tesseract-ocr-nld``) reads it, one process per page, as many at
once as the machine has cores. Tesseract's TSV gives every line with its box; the height
of a line stands in for its font size, so :func:`kg.layout.assemble` finds headings,
margins, the contents and paragraphs as it does for a text layer. Dot leaders, which OCR
reads as rows of nonsense letters, are put back as dots.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from .errors import InputError
from .layout import Layout, PdfLine, assemble, parse_pages

DPI = 200
LANGUAGE = "nld"
INSTALL = "install it with: apt-get install tesseract-ocr tesseract-ocr-nld"


def tesseract() -> str:
    """The Tesseract program with its Dutch model; :class:`InputError` in one line when
    either is missing."""
    program = shutil.which("tesseract")
    if program is None:
        raise InputError(f"--ocr needs Tesseract, which is not installed; {INSTALL}")
    langs = subprocess.run(
        [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    )
    if LANGUAGE not in langs.stdout.split():
        raise InputError(f"--ocr needs Tesseract's Dutch model ({LANGUAGE}); {INSTALL}")
    return program


def ocr_layout(data: bytes, path: Path, pages: str | None = None) -> Layout:
    """Read the pages of a PDF by OCR into a :class:`Layout`."""
    import pypdfium2 as pdfium

    program = tesseract()
    started = time.perf_counter()
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise InputError(f"{path}: not a readable PDF ({err})") from err
    try:
        wanted = parse_pages(pages, len(pdf))
        lines: list[PdfLine] = []
        with tempfile.TemporaryDirectory(prefix="kg-ocr-") as tmp:
            for page_lines in _read(pdf, wanted, program, Path(tmp)):
                lines.extend(page_lines)
    finally:
        pdf.close()
    if not any(line.text for line in lines):
        raise InputError(f"{path}: OCR found no text on its pages")
    layout = assemble(lines, list(wanted))
    seconds = time.perf_counter() - started
    return Layout(layout.text, layout.blocks, layout.pages, len(wanted), seconds)


def _read(pdf, numbers: range, program: str, tmp: Path) -> Iterator[list[PdfLine]]:
    """Each page's lines in page order; pages are rendered here (PDFium is not
    thread-safe) and read by Tesseract processes in parallel."""
    workers = max(1, os.cpu_count() or 1)
    with ThreadPoolExecutor(workers) as pool:
        pending: list[Future] = []
        for number in numbers:
            image, height = _render(pdf, number, tmp)
            pending.append(pool.submit(_ocr, program, image, number, height))
            while len(pending) > 2 * workers:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


def _render(pdf, number: int, tmp: Path) -> tuple[Path, float]:
    page = pdf[number - 1]
    try:
        height = page.get_height() or 842.0
        bitmap = page.render(scale=DPI / 72, grayscale=True)
        pixels = bitmap.to_numpy()
        h, w = pixels.shape[:2]
        image = tmp / f"page-{number}.pgm"
        image.write_bytes(f"P5 {w} {h} 255\n".encode() + pixels.reshape(h, w).tobytes())
        return image, height
    finally:
        page.close()


def _ocr(program: str, image: Path, number: int, height: float) -> list[PdfLine]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per page, pages in parallel
    try:
        out = subprocess.run(
            [program, str(image), "stdout", "-l", LANGUAGE, "--dpi", str(DPI), "tsv"],
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise InputError(f"OCR of page {number} took over 5 minutes") from err
    finally:
        image.unlink(missing_ok=True)
    return tsv_lines(out.stdout, number, height)


def tsv_lines(tsv: str, number: int, height: float) -> list[PdfLine]:
    """Tesseract's TSV → lines with a size (the line's height in points), a left edge and
    a top (in PDF points from the bottom, as PDFium gives them)."""
    scale = 72 / DPI
    boxes: dict[tuple[str, str, str], list[int]] = {}
    words: dict[tuple[str, str, str], list[str]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        key = (cols[2], cols[3], cols[4])
        left, top, w, h = (int(c) for c in cols[6:10])
        if cols[0] == "4":
            boxes[key] = [left, top, w, h]
        elif cols[0] == "5" and cols[11].strip():
            line_h = boxes.get(key, [0, 0, 0, h])[3]
            # dots read as letters: a "word" a third of the line's height or less
            words.setdefault(key, []).append("....." if h * 3 <= line_h else cols[11].strip())
    out = []
    for key, box in boxes.items():
        text = " ".join(words.get(key, []))
        text = " ".join(text.split())
        if not text:
            continue
        size = float(round(box[3] * scale))
        out.append(
            PdfLine(number, text, size, False, box[0] * scale, height - box[1] * scale, height)
        )
    return out
