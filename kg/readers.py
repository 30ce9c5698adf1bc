"""Report files → plain text: ``.txt``/``.md`` in any common encoding, ``.html`` (main
content, navigation dropped, tables as rows) and ``.pdf`` (the text layer).

The plain text returned here is what every character offset in the graph refers to; the
build keeps a copy of it beside the graph (``<out>/text/<doc>.txt``).
"""

from __future__ import annotations

import re
from pathlib import Path

from extractors.annotations import Block
from extractors.gazetteer import words

from .errors import InputError, NoTextLayerError
from .layout import Layout, pdf_layout

MAX_BYTES = 50 * 1024 * 1024
SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf")
_WORDS = words()
DUTCH = set(_WORDS["dutch_function_words"])
OTHER = {lang: set(ws) for lang, ws in _WORDS["other_function_words"].items()}


def read_report(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The plain text of a report file; :class:`InputError` with a clear reason if it
    cannot be read or is not a Dutch report."""
    return read_layout(path, max_bytes).text


def read_layout(
    path: Path, max_bytes: int = MAX_BYTES, pages: str | None = None, ocr: bool = False
) -> Layout:
    """A report file as the document model: its kept text and, for a PDF, its blocks
    (headings with their level, paragraphs, list items, table rows, contents) and pages.
    ``pages`` (``"25-40"``) reads part of a PDF; ``ocr`` reads a PDF without a usable
    text layer with Tesseract. :class:`InputError` with a clear reason if the file cannot
    be read or is not a Dutch report."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            f"{path}: unsupported file type {suffix or '(none)'!r} (expected {', '.join(SUFFIXES)})"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{path}: file too large ({size / 2**20:.1f} MB; the limit is "
                f"{max_bytes / 2**20:.0f} MB)"
            )
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read file ({err.strerror or err})") from err
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    layout: Layout | None = None
    if pages and suffix != ".pdf":
        raise InputError(f"{path}: --pages reads part of a PDF; this is a {suffix} file")
    if suffix == ".pdf":
        layout = read_pdf(data, path, pages, ocr)
        text = layout.text
    else:
        if _looks_binary(data):
            raise InputError(f"{path}: looks like a binary file, not report text")
        text = decode(data)
        if suffix in (".html", ".htm"):
            layout = html_layout(text)
            text = layout.text
        elif suffix in (".md", ".markdown"):
            layout = markdown_layout(text)
            text = layout.text
    text = normalise_text(text)
    if not text.strip():
        raise InputError(f"{path}: no text found")
    check_dutch(text, path)
    if layout is None:
        return Layout(text)
    return Layout(text, layout.blocks, layout.pages, layout.ocr_pages, layout.ocr_seconds)


def read_pdf(data: bytes, path: Path, pages: str | None, ocr: bool) -> Layout:
    """The text layer through PDFium; with ``ocr``, a PDF without a usable one is read by
    Tesseract instead."""
    try:
        return pdf_layout(data, path, pages)
    except NoTextLayerError:
        if not ocr:
            raise
    from .ocr import ocr_layout

    return ocr_layout(data, path, pages)


def normalise_text(text: str) -> str:
    """One newline convention, no NUL or control characters (offsets count characters)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text)


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > len(head) * 0.05


def decode(data: bytes) -> str:
    """Detect the encoding: a BOM (UTF-8, UTF-16), else valid UTF-8, else Windows-1252
    (the 8-bit encoding of Dutch legacy files, a superset of latin-1's printable range)
    when every byte is defined there, else charset-normalizer's best guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("latin-1")


def check_dutch(text: str, path: Path) -> None:
    """Refuse text that is clearly in another language (function-word counts)."""
    words = re.findall(r"[a-zà-ÿ]+", text[:20000].lower())
    if len(words) < 40:
        return
    dutch = sum(w in DUTCH for w in words)
    scores = {lang: sum(w in ws for w in words) for lang, ws in OTHER.items()}
    lang, other = max(scores.items(), key=lambda kv: kv[1])
    if other > 2 * dutch and other > len(words) * 0.08:
        raise InputError(f"{path}: the text is not Dutch (it looks like {lang})")


# -- HTML -------------------------------------------------------------------------------

DROP = (
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "noscript",
    "svg",
    "iframe",
    "template",
)
BLOCKS = (
    "p",
    "div",
    "section",
    "article",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "dd",
    "dt",
    "figcaption",
    "caption",
    "br",
    "tr",
)


def html_text(markup: str) -> str:
    """The main content of a report page: headings and paragraphs one per line, list
    items as bullets, table rows as ``label | cell | cell``; navigation dropped."""
    return html_layout(markup).text


def html_layout(markup: str) -> Layout:
    """:func:`html_text` with its blocks: the page's own headings (``h1``–``h6``, their
    level from the tag), list items, table rows and paragraphs."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(DROP):
        tag.decompose()
    for tag in soup.select('[role="navigation"], [aria-hidden="true"], .menu, .navigation'):
        tag.decompose()
    root = (
        soup.find("main")
        or soup.select_one('[role="main"]')
        or soup.find("article")
        or soup.body
        or soup
    )
    for table in root.find_all("table"):
        rows = []
        for tr in table.find_all("tr"):
            cells = [
                " ".join(c.get_text(" ", strip=True).split()) for c in tr.find_all(["th", "td"])
            ]
            if any(cells):
                rows.append(" | ".join(cells) + " |")
        table.replace_with(soup.new_string("\n" + "\n".join(rows) + "\n"))
    headings = [
        (int(h.name[1]), " ".join(h.get_text(" ", strip=True).split()))
        for h in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    ]
    for li in root.find_all("li"):
        li.insert(0, soup.new_string("• "))
    for tag in root.find_all(BLOCKS):
        tag.insert_before(soup.new_string("\n"))
        tag.insert_after(soup.new_string("\n"))
    text = root.get_text()
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
    return Layout(text, tuple(_line_blocks(text, headings)))


def _line_blocks(text: str, headings: list[tuple[int, str]]) -> list[Block]:
    """A block per line of converted text: a heading where the next of ``headings``
    (level, text, in document order) stands, else a list item (``• ``), a table row
    (``… |``) or a paragraph."""
    out = []
    pending = list(headings)
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            if pending and line.strip() == pending[0][1]:
                out.append(Block(pos, end, "heading", 0, pending.pop(0)[0]))
            else:
                out.append(Block(pos, end, _role(line), 0, 0))
        pos = end + 1
    return out


def _role(line: str) -> str:
    stripped = line.strip()
    if stripped.startswith("• "):
        return "list_item"
    if stripped.endswith("|") or stripped.startswith("|"):
        return "table_row"
    return "paragraph"


# -- Markdown -----------------------------------------------------------------------------


def markdown_text(text: str) -> str:
    """Markdown without its markup: ``## Kop`` → ``Kop``, ``- item`` → ``• item``,
    emphasis and link syntax removed, pipe tables kept as rows."""
    return markdown_layout(text).text


def markdown_layout(text: str) -> Layout:
    """:func:`markdown_text` with its blocks: ``#`` headings with their level, list
    items, pipe table rows and paragraphs."""
    out = []
    headings = []
    for line in text.splitlines():
        m = re.match(r"^\s{0,3}(#{1,6})\s+", line)
        if m:
            line = line[m.end() :]
        line = re.sub(r"^(\s*)[-*+]\s+", r"\1• ", line)
        line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
        line = re.sub(r"(?<![\w*])[*_](\S.*?)[*_](?![\w*])", r"\1", line)
        line = line.replace("`", "")
        if m and line.strip():
            headings.append((len(m.group(1)), line.strip()))
        out.append(line)
    converted = "\n".join(out) + "\n"
    return Layout(converted, tuple(_line_blocks(converted, headings)))
