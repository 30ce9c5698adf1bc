"""Municipalities side by side: the values of one common measure per municipality and
period, each traceable to its sentence, and who runs an initiative with which partners.
Shown as a table, written as CSV or as an Excel workbook (typed numbers, a header row, a
sheet of sources)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import queries as named
from .errors import UsageError
from .outputs.files import atomic_stream, atomic_write
from .search import search_key
from .store import open_store
from .store.results import solution_rows
from .vocab import INITIATIVE_KINDS, MEASURES

COLUMNS = (
    "municipality",
    "period",
    "value",
    "unit",
    "kind",
    "measure name",
    "document",
    "page",
    "sentence",
)


@dataclass(frozen=True)
class Value:
    """One reported value of a measure, with where it stands."""

    municipality: str
    period: str
    value: float
    unit: str
    kind: str
    name: str  # the report's own measure name
    document: str
    sentence: str
    page: int = 0  # the PDF page of the sentence; 0 for a file without pages

    @property
    def where(self) -> str:
        """``report.pdf, p. 27``, or the file alone where it has no pages."""
        return f"{self.document}, p. {self.page}" if self.page else self.document

    @property
    def row(self) -> list[object]:
        """The value as a row of :data:`COLUMNS` (numbers as numbers, no page: empty)."""
        return [
            self.municipality,
            self.period,
            self.value,
            self.unit,
            self.kind,
            self.name,
            self.document,
            self.page or None,
            self.sentence,
        ]

    def shown(self, named: bool = False) -> str:
        """``3,2 weeks``, ``4 weeks (target)``: the number in Dutch notation; ``named``
        adds the report's own measure name, to tell apart the values of one cell
        (``9 days: wachttijd doorbraakteam``)."""
        kind = "" if self.kind == "realised" else f" ({self.kind})"
        name = ""
        if named and self.name:
            name = f": {self.name if len(self.name) <= 40 else self.name[:39] + '…'}"
        return f"{dutch_number(self.value)} {self.unit}{kind}{name}"


@dataclass(frozen=True)
class Comparison:
    measure: str  # the common measure's id
    label: str  # its Dutch label
    values: tuple[Value, ...]

    @property
    def municipalities(self) -> list[str]:
        return sorted({v.municipality for v in self.values})

    @property
    def periods(self) -> list[str]:
        return sorted({v.period for v in self.values})

    def cell(self, municipality: str, period: str) -> list[Value]:
        """The values of one municipality and period, realised values first."""
        found = [v for v in self.values if (v.municipality, v.period) == (municipality, period)]
        return sorted(found, key=lambda v: (v.kind != "realised", v.unit, v.kind, v.value))


def resolve_measure(text: str) -> str:
    """The id of the common measure that ``text`` names: its id, its label, or one of the
    words reports use for it (case and accents ignored); else an everyday word that is a
    word or the end of a word of one measure's names (``uitkeringen`` is bijstand's
    ``bijstandsuitkeringen``). A word of several measures (``wmo``) is an error that
    lists them."""
    key = search_key(text)
    for mid, (label, _, words) in MEASURES.items():
        if key in (mid, search_key(label), *(search_key(w) for w in words)):
            return mid
    partial = [
        mid
        for mid, (label, _, words) in MEASURES.items()
        if key and any(_ends_a_word(key, search_key(n)) for n in (mid, label, *words))
    ]
    if len(partial) == 1:
        return partial[0]
    if partial:
        choices = ", ".join(f"{mid} ({MEASURES[mid][0]})" for mid in partial)
        raise UsageError(f"{text!r} names several measures: {choices}; give one")
    known = ", ".join(MEASURES)
    raise UsageError(f"no common measure {text!r}; choose from {known}")


def _ends_a_word(key: str, name: str) -> bool:
    """Whether ``key`` is a word of ``name`` or the end of one (a compound's head)."""
    return any(len(key) >= 3 and w.endswith(key) for w in re.split(r"[\s\-/]+", name))


def compare_measure(
    out: Path, measure: str, municipalities: Iterable[str] = (), years: Iterable[str] = ()
) -> Comparison:
    """The values of ``measure`` (see :func:`resolve_measure`) in the store of ``out``,
    for the given municipalities and years (all when none are given)."""
    mid = resolve_measure(measure)
    wanted = {search_key(m) for m in municipalities}
    years = {str(y) for y in years}
    text = named.fill(named.get("measure-series").text, {"measure": mid})
    with open_store(out, read_only=True) as st:
        rows = solution_rows(st.query(text))
    values = []
    for muni, period, value, unit, kind, name, document, sentence, page in sorted(set(rows)):
        if wanted and search_key(muni) not in wanted:
            continue
        if years and period[:4] not in years:
            continue
        number = int(page) if page else 0  # "" where the file has no pages
        values.append(
            Value(muni, period, float(value), unit, kind, name, document, sentence, number)
        )
    if wanted and not values:
        raise UsageError(f"no values of {mid} for {', '.join(sorted(municipalities))}")
    return Comparison(mid, MEASURES[mid][0], tuple(values))


def compare_initiative(out: Path, initiative: str) -> list[tuple[str, ...]]:
    """(municipality, initiative, partner, programme) rows for the initiatives whose name
    contains ``initiative`` (the named query initiatives-partners)."""
    template = named.get("initiatives-partners").text
    params = {"entity": initiative}
    named.check(template, params)
    with open_store(out, read_only=True) as st:
        return sorted(set(solution_rows(st.query(named.fill(template, params)))))


def compare_kind(out: Path, kind: str) -> list[tuple[str, ...]]:
    """(municipality, initiative, partner, programme) rows for the initiatives of the kind
    ``kind`` (a code or Dutch name of :data:`kg.vocab.INITIATIVE_KINDS`; the named query
    initiatives-by-kind)."""
    wanted = kind.strip().lower()
    code = next(
        (c for c, (label, _) in INITIATIVE_KINDS.items() if wanted in (c, label.lower())), None
    )
    if code is None:
        raise UsageError(f"--kind {kind!r}: one of {', '.join(INITIATIVE_KINDS)}")
    text = named.fill(named.get("initiatives-by-kind").text, {"kind": code})
    with open_store(out, read_only=True) as st:
        return sorted(set(solution_rows(st.query(text))))


def compare_taakveld(out: Path, taakveld: str) -> list[tuple[str, ...]]:
    """(municipality, year, programme, code, taakveld, rule) rows for the programmes that
    cover the Iv3 taakveld ``taakveld`` or one under it (the named query
    programmes-per-taakveld)."""
    code = taakveld.strip()
    if not code or not all(part.isalnum() for part in code.split(".")):
        raise UsageError(f"--taakveld {taakveld!r}: give an Iv3 code such as 6.1, 6.71 or 6")
    text = named.fill(named.get("programmes-per-taakveld").text, {"taakveld": code})
    with open_store(out, read_only=True) as st:
        return sorted(set(solution_rows(st.query(text))))


def dutch_number(value: float) -> str:
    """``1234567.5`` → ``1.234.567,5``: Dutch thousands and decimal separators."""
    text = f"{value:,.10f}".rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def write_csv(comparisons: Comparison | Sequence[Comparison], target: Path) -> Path:
    """Every value of each comparison as one row of :data:`COLUMNS` and its measure's id
    (numbers as numbers)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow((*COLUMNS, "measure"))
    for comparison in _several(comparisons):
        for v in comparison.values:
            writer.writerow([*v.row, comparison.measure])
    atomic_write(target, buffer.getvalue())
    return target


def write_xlsx(comparisons: Comparison | Sequence[Comparison], target: Path) -> Path:
    """An Excel workbook: a sheet per measure (``comparison`` where there is one, else the
    measure's id: municipalities × periods, one typed number per value, a value of another
    kind in a column of its own) and the sheet ``sources`` (every value with its document,
    page, sentence and measure)."""
    from openpyxl import Workbook

    several = _several(comparisons)
    book = Workbook()
    for i, comparison in enumerate(several):
        sheet = book.active if i == 0 else book.create_sheet()
        sheet.title = "comparison" if len(several) == 1 else comparison.measure[:31]
        columns = sorted({(v.period, v.unit, v.kind) for v in comparison.values})
        sheet.append(["municipality", *(_header(c) for c in columns)])
        for muni in comparison.municipalities:
            row: list[object] = [muni]
            for period, unit, kind in columns:
                found = [
                    v for v in comparison.cell(muni, period) if (v.unit, v.kind) == (unit, kind)
                ]
                row.append(found[0].value if found else None)
            sheet.append(row)
    sources = book.create_sheet("sources")
    sources.append([*COLUMNS, "measure"])
    for comparison in several:
        for v in comparison.values:
            sources.append([*v.row, comparison.measure])
    _bold_headers(book)
    book.properties.title = ", ".join(f"{c.label} ({c.measure})" for c in several)
    atomic_stream(Path(target), book.save)
    return target


def write_rows(header: Sequence[str], rows: Iterable[Sequence[object]], target: Path) -> Path:
    """A table of rows (who runs an initiative, the programmes on a taakveld) as CSV or
    as an Excel workbook of one sheet, by ``target``'s suffix."""
    rows = [list(r) for r in rows]
    if Path(target).suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "rows"
        sheet.append(list(header))
        for row in rows:
            sheet.append(row)
        _bold_headers(book)
        atomic_stream(Path(target), book.save)
        return target
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    atomic_write(target, buffer.getvalue())
    return target


def _several(comparisons: Comparison | Sequence[Comparison]) -> list[Comparison]:
    return [comparisons] if isinstance(comparisons, Comparison) else list(comparisons)


def _bold_headers(book) -> None:
    from openpyxl.styles import Font

    for ws in book.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "B2"


def _header(column: tuple[str, str, str]) -> str:
    period, unit, kind = column
    return f"{period} ({unit}{'' if kind == 'realised' else ', ' + kind})"
