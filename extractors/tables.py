"""Tables in report text: flattened (one cell per line) and pipe tables.

Pure helpers over :class:`~extractors.text.Line` lists: they return table cells with
their row label, column header, period and unit, so the indicator component can turn
each cell into an indicator. A table stated "x € 1.000" is multiplied out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .numbers import parse_number, period_in
from .text import Line, is_numeric_cell, lines_of, memo

_FLAG = re.compile(r"^(?:V|N|-|–|x|nvt|n\.v\.t\.)$", re.IGNORECASE)
_MULTIPLIER = re.compile(r"x\s*(€\s*)?1(?:\.000(?:\.000)?|\s*(?:miljoen|mln\.?|duizend))", re.I)
_YEAR_CELL = re.compile(r"^(?:19|20)\d{2}$")
_CELL_PERIOD = re.compile(r"\(((?:19|20)\d{2})\)")


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    value: float
    unit: str
    period: str | None  # None: the report year
    row: str
    column: str
    title: str
    title_span: tuple[int, int] | None  # offsets of the table's title line
    context_start: int
    context_end: int
    rule: str


def multiplier_of(text: str) -> int:
    """``x € 1.000`` → 1000, ``x 1 miljoen`` → 1,000,000; 1 when there is none."""
    m = _MULTIPLIER.search(text)
    if not m:
        return 1
    t = m.group(0).lower()
    if "miljoen" in t or "mln" in t or "1.000.000" in t:
        return 1_000_000
    return 1000


def _is_cell_line(line: Line) -> bool:
    if "|" in line.text:
        return False
    if is_numeric_cell(line.text) or _FLAG.match(line.text) or _MULTIPLIER.search(line.text):
        return True
    return len(line.words) <= 10 and line.text[-1] not in ".!?"


def _is_value(text: str) -> bool:
    return is_numeric_cell(text) and not _YEAR_CELL.match(text.strip())


# a row that names a share: its bare numbers are percentages ("Percentage jongeren met
# jeugdhulp | 9,5 | 10,1")
_SHARE_ROW = re.compile(r"(?i)^\s*(?:percentage|aandeel|%)\b|\((?:in\s*)?%\)|\bin %")


def _is_header(text: str) -> bool:
    if _YEAR_CELL.match(text.strip()):
        return True
    return period_in(text) is not None and not _is_value(text)


def _unit(cell: str, header: str, context: str, row: str = "") -> str:
    if "%" in cell or "%" in header or "procent" in header.lower() or _SHARE_ROW.match(row):
        return "percent"
    if "€" in cell or "€" in header or "€" in context or "bedragen" in context.lower():
        return "EUR"
    return "count"


def flat_tables(all_lines: list[Line]) -> tuple[list[Cell], set[int]]:
    """Cells of flattened tables, and the indices of the lines they use."""
    cells: list[Cell] = []
    used: set[int] = set()
    i, n = 0, len(all_lines)
    while i < n:
        if not _is_cell_line(all_lines[i]):
            i += 1
            continue
        j = i
        while j < n and _is_cell_line(all_lines[j]):
            j += 1
        block = list(range(i, j))
        used.update(k for k in block if _MULTIPLIER.search(all_lines[k].text))
        inline, inline_used = _inline_rows(all_lines, block)
        cells += inline
        used |= inline_used
        values = sum(_is_value(all_lines[k].text) for k in block)
        framed = any(
            _is_header(all_lines[k].text) or _MULTIPLIER.search(all_lines[k].text) for k in block
        )
        if values >= 2 or (values == 1 and framed):
            found, uses = _read_block(all_lines, block)
            cells += found
            used |= uses
        i = j
    return cells, used


def _read_block(all_lines: list[Line], block: list[int]) -> tuple[list[Cell], set[int]]:
    texts = [all_lines[k].text for k in block]
    cells: list[Cell] = []
    used: set[int] = set()
    # the first value cell; the header run sits between the title and the first row label
    first = next(p for p, t in enumerate(texts) if _is_value(t))
    k = _count_values(texts, first)
    if first > 0 and _is_header(texts[first - 1]) and not _is_value(texts[first - 1]):
        # values straight after period headers: the title is the row label
        h_end = first
        h_start = first
        while h_start > 0 and _is_header(texts[h_start - 1]):
            h_start -= 1
        headers = texts[h_start:h_end]
        t_pos = h_start - 1
        label_pos = None
    else:
        label_pos = first - 1 if first > 0 else None
        h_end = label_pos if label_pos is not None else 0
        h_start = max(0, h_end - k)
        headers = texts[h_start:h_end]
        if headers and not any(_is_header(h) for h in headers) and len(headers) < k:
            headers = []
        t_pos = (h_start if headers else h_end) - 1
    title = texts[t_pos] if t_pos >= 0 else ""
    t_line = all_lines[block[t_pos]] if t_pos >= 0 else None
    title_span = (t_line.start, t_line.end) if t_line else None
    context = " ".join([*texts[: max(t_pos, 0) + 1], *headers])
    mult = multiplier_of(context)
    p = first if label_pos is None else label_pos
    while p < len(texts):
        if label_pos is None and p == first:
            row, q = title, p
        elif _is_value(texts[p]):
            p += 1
            continue
        else:
            row, q = texts[p], p + 1
        col = 0
        while q < len(texts) and (
            _is_value(texts[q]) or _FLAG.match(texts[q]) or _MULTIPLIER.search(texts[q])
        ):
            t = texts[q]
            line = all_lines[block[q]]
            if _is_value(t):
                header = headers[col] if col < len(headers) else ""
                value = parse_number(
                    _CELL_PERIOD.sub("", t).replace("Complete", "").strip().rstrip("VN").strip()
                )
                if value is not None:
                    unit = _unit(t, header, context, row)
                    factor = mult
                    nxt = texts[q + 1] if q + 1 < len(texts) else ""
                    if _MULTIPLIER.fullmatch(nxt.strip()) and unit in ("EUR", "count"):
                        factor, unit = multiplier_of(nxt), "EUR"
                        used.add(block[q + 1])
                    if unit == "EUR":
                        value *= factor
                    period = _cell_period(t) or (period_in(header) if header else None)
                    row_start = all_lines[block[max(p, 0)]].start
                    cells.append(
                        Cell(
                            line.start,
                            line.end,
                            value,
                            unit,
                            period,
                            row,
                            header,
                            title,
                            title_span,
                            row_start,
                            line.end,
                            "tables.flat",
                        )
                    )
                    used.add(block[q])
                col += 1
            q += 1
        used.update(block[x] for x in range(h_start, h_end))
        if label_pos is not None or p != first:
            used.add(block[p])
        p = q if q > p else p + 1
    return cells, used


_INLINE = re.compile(
    r"^(?P<label>[A-Za-zÀ-ÿ][^\d€%]*?)\s+(?P<value>€\s*[-−]?[\d.,]+|[-−]?[\d.,]+\s*%)$"
)


def _inline_rows(all_lines: list[Line], block: list[int]) -> tuple[list[Cell], set[int]]:
    """Rows written ``Begroot € 246`` on one line, under a ``x 1 miljoen`` line."""
    cells, used = [], set()
    mult, title = 1, ""
    for k in block:
        line = all_lines[k]
        if _MULTIPLIER.search(line.text):
            mult = multiplier_of(line.text)
            continue
        m = _INLINE.match(line.text)
        if not m or mult == 1:
            if not m:
                title = line.text
            continue
        value = parse_number(m.group("value").replace("€", ""))
        if value is None:
            continue
        unit = "percent" if "%" in m.group("value") else "EUR"
        factor = mult if unit == "EUR" else 1
        cells.append(
            Cell(
                line.start,
                line.end,
                value * factor,
                unit,
                None,
                m.group("label"),
                "",
                title,
                None,
                line.start,
                line.end,
                "tables.inline",
            )
        )
        used.add(k)
    return cells, used


def _count_values(texts: list[str], first: int) -> int:
    k, q = 0, first
    while q < len(texts) and (
        _is_value(texts[q]) or _FLAG.match(texts[q]) or _MULTIPLIER.search(texts[q])
    ):
        k += _is_value(texts[q])
        q += 1
    return k


def _cell_period(text: str) -> str | None:
    m = _CELL_PERIOD.search(text)
    return m.group(1) if m else None


SUB_COLUMN = 24  # characters: the labels of a second header row are short


def pipe_tables(all_lines: list[Line]) -> tuple[list[Cell], set[int]]:
    """Cells of pipe tables (``a | b | c``): row label from the first text cell; the
    header row's other text (``Programma (bedragen x € 1.000)``) says the unit and the
    multiplier of the cells under it. A second header row of short labels, one for each
    value of a row (``Gemeente | NL | Gemeente | NL`` under two years), names the cells'
    columns further."""
    cells: list[Cell] = []
    used: set[int] = set()
    headers: list[str] = []
    caption = ""  # the header row's text that is not a period
    subs: list[str] = []  # a second header row under the periods: "BD | NL | BD | NL"
    seen_values = False
    above = ""  # the line above the table: "Bedragen x € 1.000" may stand there
    for idx, line in enumerate(all_lines):
        if line.text.count("|") < 2:
            if "|" not in line.text:
                headers, caption, subs, seen_values = [], "", [], False
                above = line.text
            continue
        parts = [c.strip() for c in line.text.split("|")]
        values = [c for c in parts if c and _is_value(c)]
        if not values:
            texts = [c for c in parts if c and not set(c) <= set("-: ")]
            if texts:
                if not headers:
                    headers = [c for c in parts if period_in(c)]
                    caption = " ".join(c for c in parts if c and not period_in(c))
                    if _MULTIPLIER.search(above) and not _MULTIPLIER.search(caption):
                        caption = f"{caption} {above}".strip()
                elif not seen_values and not subs and all(len(c) <= SUB_COLUMN for c in texts):
                    subs = texts
            used.add(idx)
            continue
        seen_values = True
        texts = [c for c in parts if c and not _is_value(c) and not re.fullmatch(r"\d+\.?", c)]
        row = texts[0] if texts else ""
        offset = 0
        col = 0
        for c in parts:
            pos = line.text.find(c, offset) if c else -1
            if c and pos >= 0:
                offset = pos + len(c)
            if not c or not _is_value(c):
                continue
            value = parse_number(_CELL_PERIOD.sub("", c).strip())
            if value is None:
                continue
            if "%" not in c and _MULTIPLIER.search(caption):
                value *= multiplier_of(caption)
            header = (
                headers[min(col * len(headers) // max(len(values), 1), len(headers) - 1)]
                if headers
                else ""
            )
            sub = subs[col] if len(subs) == len(values) else ""
            column = " ".join(x for x in (header, sub, f"[{col + 1}]") if x)
            period = _cell_period(c) or period_in(header)
            unit = _unit(c, header, caption, row)
            start = line.start + pos
            cells.append(
                Cell(
                    start,
                    start + len(c),
                    value,
                    unit,
                    period,
                    row,
                    column,
                    "",
                    None,
                    line.start,
                    line.end,
                    "tables.pipe",
                )
            )
            col += 1
        used.add(idx)
    return cells, used


# A table whose cells lost their separators in the export: a header of glued column
# names ("BegrotingRekeningResultaat", then "lastenbatensaldolastenbatensaldo..."),
# rows of a label glued to its numbers ("Sociale basis59.299.3218.581.783-50.717.538...").
# Numbers in thousands notation split where the next one starts: a dot is always followed
# by exactly three digits, so "59.299.3218.581.783" is 59.299.321 and 8.581.783.
_GLUED_GROUPS = re.compile(r"^(?:[A-Z][a-zà-ÿ]+){2,6}$")
_GLUED_NUMBER = re.compile(r"[-−]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_GLUED_ROW = re.compile(
    r"^(?P<label>[A-Za-zÀ-ÿ][^\d€%|]*?[A-Za-zÀ-ÿ.)])\s*(?P<cells>[-−]?\d[\d.,\-−]*)$"
)


def glued_of(doc: Doc, sub_columns: tuple[str, ...]) -> tuple[list[Cell], set[int]]:
    """:func:`glued_tables` of a ``Doc``'s lines, found once per Doc (the section finder
    reads its cost rows, the indicator finder its cells)."""
    return memo(doc, ("glued", sub_columns), lambda: glued_tables(lines_of(doc), sub_columns))


def glued_tables(
    all_lines: list[Line], sub_columns: tuple[str, ...]
) -> tuple[list[Cell], set[int]]:
    """Cells of glued tables, and the indices of the lines they use. ``sub_columns`` are
    the words a second header line may repeat glued (``lasten``, ``baten``, ``saldo``)."""
    cells: list[Cell] = []
    used: set[int] = set()
    sub_rx = re.compile(
        "|".join(re.escape(w) for w in sorted(sub_columns, key=len, reverse=True)) or "(?!)"
    )
    i = 0
    while i < len(all_lines):
        header = all_lines[i].text
        if not _GLUED_GROUPS.match(header):
            i += 1
            continue
        groups = re.findall(r"[A-Z][a-zà-ÿ]+", header)
        j = i + 1
        columns = groups
        subs = sub_rx.findall(all_lines[j].text) if j < len(all_lines) else []
        if subs and "".join(subs) == all_lines[j].text and len(subs) % len(groups) == 0:
            per = len(subs) // len(groups)
            columns = [f"{subs[k]} ({groups[k // per]})" for k in range(len(subs))]
            j += 1
        rows = []
        while j < len(all_lines):
            m = _GLUED_ROW.match(all_lines[j].text)
            numbers = list(_GLUED_NUMBER.finditer(m.group("cells"))) if m else []
            if (
                not m
                or len(numbers) != len(columns)
                or "".join(n.group(0) for n in numbers) != m.group("cells")
            ):
                break
            rows.append((j, m, numbers))
            j += 1
        if not rows:
            i += 1
            continue
        money = bool(subs) or any(w.lower() in ("begroting", "rekening") for w in groups)
        title_line = all_lines[i]
        for k, m, numbers in rows:
            line = all_lines[k]
            base = line.start + m.start("cells")
            for n, column in zip(numbers, columns, strict=True):
                value = parse_number(n.group(0).replace("−", "-"))
                if value is None:
                    continue
                cells.append(
                    Cell(
                        base + n.start(),
                        base + n.end(),
                        value,
                        "EUR" if money else "count",
                        period_in(column),
                        m.group("label").strip(),
                        column,
                        header,
                        (title_line.start, title_line.end),
                        line.start,
                        line.end,
                        "tables.glued",
                    )
                )
            used.add(k)
        used.update(range(i, rows[0][0]))
        i = rows[-1][0] + 1
    return cells, used
