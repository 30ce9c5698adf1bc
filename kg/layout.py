"""A PDF's pages → the document model: text in reading order, cut into blocks with roles.

PDFium (``pypdfium2``, BSD/Apache) reads the text layer line by line with the font size,
weight and position of each line. From those:

- the **body size** is the size most characters are set in; a line set larger is a
  heading, its level the rank of its size among the heading sizes (1 the largest); a
  short bold line in the body size is a heading one level below those;
- **running headers and footers** (a line in the top or bottom margin that recurs on
  several pages, digits aside) and **page numbers** are dropped;
- lines of the **table of contents** (dot leaders, or a title then a page number) are
  kept as ``toc`` blocks, so the outline is never read as content;
- **table rows** (a line that is mostly numbers) stay one line each;
- the lines of a **paragraph** or a **list item** (same type, the next line just below)
  are joined into one line, so a sentence is not cut where the page wrapped it.

Every block records its page (counted from 1 at the PDF's first page) and its offsets in
the kept text; pages are separated by a blank line.
"""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extractors.annotations import Block

from .errors import InputError, NoTextLayerError

BULLET = re.compile(r"^[•·▪◦‣○■□●\uf0b7\uf0a7\-–*]\s+\S")
TOC_LINE = re.compile(r"(?:\.{4,}|(?:\. ){3,}|…{2,}|_{4,})\s*\d*\s*$|\s\.{2,}\s*\d+\s*$")
NUMBER = re.compile(r"^[-−–+(]?[€%]?\s?\d[\d.,]*%?\)?$|^[-−–]$")
WORD = re.compile(r"[^\W\d_]{2,}")
TOC_PAGE = re.compile(r"(\d{1,4})\s*$")
MARGIN = 0.08  # share of the page height at the top and bottom where headers and footers sit


@dataclass(frozen=True)
class Layout:
    """A read file: its kept text, its blocks and where each page starts."""

    text: str
    blocks: tuple[Block, ...] = ()
    pages: tuple[tuple[int, int], ...] = ()  # (page number, offset of its first character)
    ocr_pages: int = 0  # pages read by OCR
    ocr_seconds: float = 0.0  # and the time it took

    def page_at(self, offset: int) -> int:
        """The page that holds ``offset`` (0 for a file without pages)."""
        return page_at(self.pages, offset)


def page_at(pages: tuple[tuple[int, int], ...], offset: int) -> int:
    if not pages:
        return 0
    i = bisect_right([start for _, start in pages], offset) - 1
    return pages[max(i, 0)][0]


@dataclass
class PdfLine:
    page: int
    text: str
    size: float
    bold: bool
    x: float
    top: float
    height: float  # the page's height
    role: str = "paragraph"
    level: int = 0


@dataclass
class _Block:
    page: int
    role: str
    level: int
    lines: list[PdfLine] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


def parse_pages(spec: str | None, count: int) -> range:
    """``"25-40"``, ``"7"`` or ``"30-"`` as a range of page numbers within ``count``."""
    if not spec:
        return range(1, count + 1)
    m = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d*)\s*)?", spec)
    if not m:
        raise InputError(f"--pages {spec!r}: give a page or a range, e.g. 25-40")
    first = int(m.group(1))
    last = int(m.group(2)) if m.group(2) else (count if "-" in spec else first)
    if first < 1 or last < first:
        raise InputError(f"--pages {spec!r}: pages are counted from 1, first before last")
    if first > count:
        raise InputError(f"--pages {spec!r}: the PDF has {count} page(s)")
    return range(first, min(last, count) + 1)


def pdf_layout(data: bytes, path: Path, pages: str | None = None) -> Layout:
    """Read a PDF's text layer into a :class:`Layout`; :class:`InputError` for a file
    PDFium cannot open, an encrypted one, or one without text, and
    :class:`NoTextLayerError` for one whose text layer is glyph codes, not letters."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if "password" in str(err).lower():
            raise InputError(f"{path}: the PDF is encrypted") from err
        raise InputError(f"{path}: not a readable PDF ({err})") from err
    try:
        wanted = parse_pages(pages, len(pdf))
        lines: list[PdfLine] = []
        unusable = with_text = 0
        for number in wanted:
            page_lines = _page_lines(pdf, number)
            chars = "".join(line.text for line in page_lines)
            if len(chars.replace(" ", "")) >= 20:
                with_text += 1
                unusable += not _usable(chars)
            lines.extend(page_lines)
    except InputError:
        raise
    except Exception as err:  # noqa: BLE001  PDFium on a damaged page raises its own errors
        raise InputError(f"{path}: not a readable PDF ({type(err).__name__}: {err})") from err
    finally:
        pdf.close()
    if with_text and unusable > with_text / 2:
        raise NoTextLayerError(
            f"{path}: the PDF has no usable text layer ({unusable} of {with_text} pages give "
            "glyph codes, not letters); run again with --ocr to read its pages with Tesseract"
        )
    if not any(line.text.strip() for line in lines):
        raise NoTextLayerError(
            f"{path}: the PDF has no text layer (scanned pages); run again with --ocr to "
            "read its pages with Tesseract"
        )
    return assemble(lines, list(wanted))


def _usable(text: str) -> bool:
    """Letters, not glyph codes: at least half the visible characters are letters and
    some are words of two letters or more."""
    visible = [c for c in text if not c.isspace()]
    letters = sum(c.isalpha() for c in visible)
    return letters >= 0.5 * len(visible) and len(WORD.findall(text)) >= 3


def _page_lines(pdf, number: int) -> list[PdfLine]:
    import pypdfium2.raw as raw

    page = pdf[number - 1]
    try:
        height = page.get_height() or 842.0
        textpage = page.get_textpage()
        try:
            count = textpage.count_chars()
            text = textpage.get_text_range() if count > 0 else ""
            aligned = len(text) == count  # char i of the text is char i of the page
            out = []
            left, right = ctypes.c_double(), ctypes.c_double()
            bottom, top = ctypes.c_double(), ctypes.c_double()
            for m in re.finditer(r"[^\r\n]+", text):
                raw_line = m.group(0)
                stripped = " ".join(raw_line.split())
                if not stripped:
                    continue
                size, bold, x, y = 0.0, False, 0.0, 0.0
                if aligned:
                    first = m.start() + next(
                        (k for k, c in enumerate(raw_line) if c.isalnum()),
                        len(raw_line) - len(raw_line.lstrip()),
                    )
                    size = round(raw.FPDFText_GetFontSize(textpage, first) * 2) / 2
                    weight = raw.FPDFText_GetFontWeight(textpage, first)
                    bold = weight >= 600 or (weight <= 0 and _bold_name(raw, textpage, first))
                    if raw.FPDFText_GetCharBox(textpage, first, left, right, bottom, top):
                        x, y = left.value, top.value
                out.append(PdfLine(number, stripped, size, bold, x, y, height))
            return out
        finally:
            textpage.close()
    finally:
        page.close()


def _bold_name(raw, textpage, index: int) -> bool:
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(textpage, index, buf, 128, ctypes.byref(flags))
    return b"bold" in buf.value.lower() or b"black" in buf.value.lower()


# -- from lines to blocks ------------------------------------------------------------------


def assemble(lines: list[PdfLine], numbers: Iterable[int]) -> Layout:
    """Classify the lines, join them into blocks and lay out the kept text."""
    shift = _page_shift(lines)
    lines = _drop_margins(lines)
    body = _body_size(lines)
    _classify(lines, body)
    gap = _line_gap(lines, body)
    blocks = _blocks(lines, body, gap)
    parts: list[str] = []
    out: list[Block] = []
    pages: list[tuple[int, int]] = []
    pos = 0
    by_page: dict[int, list[_Block]] = {}
    for b in blocks:
        by_page.setdefault(b.page, []).append(b)
    for number in numbers:
        if pages:
            parts.append("\n")
            pos += 1
        pages.append((number, pos))
        for b in by_page.get(number, []):
            text = _clean(b.text)
            if not text:
                continue
            target = 0
            if b.role == "toc":
                m = TOC_PAGE.search(text)
                target = int(m.group(1)) + shift if m else 0
            out.append(Block(pos, pos + len(text), b.role, number, b.level, target))
            parts.append(text + "\n")
            pos += len(text) + 1
    return Layout("".join(parts), tuple(out), tuple(pages))


def _clean(text: str) -> str:
    text = text.replace("\xad ", "").replace("\xad", "")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", " ", text)
    return " ".join(text.split())


def _in_margin(line: PdfLine) -> bool:
    return line.height > 0 and (
        line.top > line.height * (1 - MARGIN) or line.top < line.height * MARGIN
    )


def _page_shift(lines: list[PdfLine]) -> int:
    """PDF page minus printed page number, as most pages' margins say (0 if none say)."""
    shifts = Counter(
        ln.page - int(ln.text)
        for ln in lines
        if _in_margin(ln) and ln.text.isdigit() and len(ln.text) <= 4
    )
    return shifts.most_common(1)[0][0] if shifts else 0


def _drop_margins(lines: list[PdfLine]) -> list[PdfLine]:
    """Without running headers, footers and page numbers: lines in the top or bottom
    margin that are a bare page number, or recur (digits aside) on several pages."""
    pages = {line.page for line in lines}
    in_margin = _in_margin

    def key(line: PdfLine) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    recurring = Counter(key(line) for line in lines if in_margin(line))
    often = max(3, len(pages) // 5)
    kept = []
    for line in lines:
        if in_margin(line):
            k = key(line)
            if recurring[k] >= often or re.fullmatch(
                r"[-–\s]*(?:pagina|blz\.?|page)?\s*#(?:\s*(?:van|/)\s*#)?[-–\s]*", k
            ):
                continue
        kept.append(line)
    return kept


def _body_size(lines: list[PdfLine]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.size:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _is_table_row(text: str) -> bool:
    words = text.split()
    numbers = sum(bool(NUMBER.match(w)) for w in words)
    return numbers >= 2 and numbers >= 0.4 * len(words)


def _classify(lines: list[PdfLine], body: float) -> None:
    heading_sizes = sorted(
        {ln.size for ln in lines if body and ln.size >= body + 0.75}, reverse=True
    )
    rank = {size: i + 1 for i, size in enumerate(heading_sizes)}
    leaders = Counter(ln.page for ln in lines if TOC_LINE.search(ln.text))
    per_page = Counter(ln.page for ln in lines)
    # a page of contents: every line of it is the outline (OCR loses some dot leaders)
    toc_pages = {p for p, n in leaders.items() if n >= 5 and n >= 0.3 * per_page[p]}
    for ln in lines:
        words = ln.text.split()
        has_letters = bool(WORD.search(ln.text))
        if TOC_LINE.search(ln.text) or ln.page in toc_pages:
            ln.role = "toc"
        elif _is_table_row(ln.text):
            ln.role = "table_row"
        elif BULLET.match(ln.text):
            ln.role = "list_item"
        elif has_letters and ln.size in rank and len(words) <= 20:
            ln.role, ln.level = "heading", rank[ln.size]
        elif (
            has_letters
            and ln.bold
            and body
            and abs(ln.size - body) < 0.75
            and len(words) <= 14
            and ln.text[-1] not in ".,;"
        ):
            ln.role, ln.level = "heading", len(rank) + 1


def _line_gap(lines: list[PdfLine], body: float) -> float:
    """The usual distance between two lines of body text (their tops)."""
    gaps: Counter[float] = Counter()
    for a, b in zip(lines, lines[1:], strict=False):
        if a.page == b.page and a.size == b.size == body and a.role == b.role == "paragraph":
            d = round(a.top - b.top)
            if 0 < d < 4 * body:
                gaps[d] += 1
    return float(gaps.most_common(1)[0][0]) if gaps else 1.6 * (body or 10)


def _blocks(lines: list[PdfLine], body: float, gap: float) -> list[_Block]:
    blocks: list[_Block] = []
    for ln in lines:
        prev = blocks[-1] if blocks else None
        if prev is not None and _continues(prev, ln, body, gap):
            prev.lines.append(ln)
            continue
        blocks.append(_Block(ln.page, ln.role, ln.level, [ln]))
    for b in blocks:  # text set large (an introduction, a quote) is not a heading
        if b.role == "heading" and (
            len(b.lines) > 2 or len(b.text.split()) > 20 or b.text[-1] in ".,;"
        ):
            b.role, b.level = "paragraph", 0
    return blocks


def _continues(block: _Block, ln: PdfLine, body: float, gap: float) -> bool:
    """Whether ``ln`` carries on ``block``: the next line of a paragraph, a list item or a
    heading set over two lines."""
    last = block.lines[-1]
    if ln.page != block.page or abs(ln.size - last.size) > 0.6 or ln.bold != last.bold:
        return False
    scale = (ln.size / body) if body and ln.size else 1.0
    down = last.top - ln.top
    if not 0 < down <= 1.35 * gap * scale:
        return False
    first = block.lines[0]
    if block.role == "heading":
        return (
            ln.role == "heading"
            and ln.level == block.level
            and last.text[-1] not in "?:"
            and abs(ln.x - first.x) < 12
            and not re.match(r"\d", ln.text)
        )
    if block.role == "paragraph":
        return ln.role == "paragraph" and abs(ln.x - first.x) < 12 and _wrapped(last.text, ln.text)
    if block.role == "list_item":
        return (
            ln.role == "paragraph"
            and first.x - 3 <= ln.x <= first.x + 40
            and _wrapped(last.text, ln.text)
        )
    return False


def _wrapped(last: str, text: str) -> bool:
    """Whether ``text`` carries on the sentence or paragraph of ``last``: it starts in
    lower case, or ``last`` ends a sentence, or ``last`` is a full line; a short line
    without closing punctuation before a capital is a title of its own."""
    return not text[:1].isupper() or last[-1:] in ".!?;:,)" or len(last) >= 50
