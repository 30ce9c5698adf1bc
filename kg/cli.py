"""The ``kg`` command: a thin layer over :mod:`kg.pipeline`.

Each command calls one library function and turns the project's own errors into one
clear line on stderr and an exit code: 0 success, 1 some inputs failed or a check did
not pass, 2 usage errors (click's own).
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import __version__, settings, store
from . import queries as named
from .errors import KGError, UsageError
from .vocab import ENTITY_TYPES

out_option = click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=settings.DEFAULT_OUT,
    show_default=True,
    help="Output folder (graph.ttl, graph.html, store/).",
)
model_option = click.option(
    "--model",
    default=settings.DEFAULT_MODEL,
    show_default=True,
    help="spaCy pipeline: 'blank' (rules only) or an installed "
    "nl_core_news_* model used on top of the rules.",
)


def _console(stderr: bool = False) -> Console:
    """A console for tables: on a terminal as wide as it is; into a file or a pipe as wide
    as the table (rich would otherwise assume 80 columns and cut values short)."""
    console = Console(stderr=stderr, highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console.width = 100_000
    return console


def _row(table: Table, *cells: str) -> None:
    """Add a row of plain text: file names and report text are not rich markup (a
    "[/]" in a literal would stop the command, "[Jeugd]" would vanish), and a value too
    long for a narrow terminal wraps instead of being cut."""
    table.add_row(*(Text(cell, overflow="fold") for cell in cells))


def handle_errors(fn):
    """Turn the project's errors into one line on stderr: exit 2 for usage errors, 1 for
    the others, 130 when interrupted."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except UsageError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(2)
        except KGError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(1)
        except OSError as err:  # the machine said no: a folder, a permission, a full disk
            where = f": {err.filename}" if err.filename else ""
            click.echo(f"error: {err.strerror or err}{where}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo(
                "interrupted: the store keeps every document built so far; the "
                "previous graph.ttl and graph.html are unchanged",
                err=True,
            )
            sys.exit(130)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Gemeente KG: Dutch municipal annual reports → a knowledge graph you can query."""
    logging.basicConfig(format="warning: %(message)s", level=logging.WARNING, force=True)


pages_option = click.option(
    "--pages",
    metavar="RANGE",
    help="Read only these pages of a PDF, counted from 1 at its first page (25-40, 7, 30-).",
)
ocr_option = click.option(
    "--ocr",
    is_flag=True,
    help="Read a PDF without a usable text layer (scanned, or glyph codes) with Tesseract's "
    "Dutch model (apt-get install tesseract-ocr tesseract-ocr-nld).",
)

include_option = click.option(
    "--include",
    "include",
    multiple=True,
    metavar="PATTERN",
    help="File-name patterns to read in folders (repeatable; default: "
    + ", ".join(settings.DEFAULT_INCLUDE)
    + ").",
)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@out_option
@click.option("--municipality", help="Reporting municipality (default: from the file name).")
@click.option("--year", type=int, help="Report year (default: from the file name).")
@model_option
@include_option
@click.option("--force", is_flag=True, help="Rebuild documents even when unchanged.")
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes for extraction (default: the CPU count, up to 4, for 8 files or more).",
)
@click.option(
    "--time-budget",
    type=click.FloatRange(min=0),
    default=60.0,
    show_default=True,
    help="Seconds a document's extraction may take, plus one per 5,000 "
    "characters; a slower document fails with a clear line and the others "
    "are built (0: no limit).",
)
@pages_option
@ocr_option
@click.option("--debug", is_flag=True, help="Show a traceback for unexpected errors.")
@handle_errors
def build(
    paths, out, municipality, year, model, include, force, jobs, time_budget, pages, ocr, debug
):
    """Build the graph from report files (default: the bundled sample report).

    PATHS are .txt, .md, .html or .pdf files, or folders searched recursively. Each
    document replaces its own named graph; unchanged documents are skipped."""
    from . import pipeline

    err = _console(stderr=True)
    with _progress(err) as on_document:
        options = pipeline.BuildOptions(
            municipality=municipality,
            year=year,
            model=model,
            force=force,
            jobs=jobs,
            time_budget=time_budget or None,
            debug=debug,
            pages=pages,
            ocr=ocr,
        )
        report = pipeline.build(
            list(paths) or None,
            out,
            options,
            on_document=on_document,
            include=include or settings.DEFAULT_INCLUDE,
        )
    for _, reason in report.failed:
        click.echo(f"error: {reason}", err=True)
    if report.ignored:
        kinds = ", ".join(f"{ext} {n}" for ext, n in report.ignored.items())
        click.echo(
            f"note: {sum(report.ignored.values())} file(s) in the folders were not "
            f"read ({kinds}); --include chooses which files are",
            err=True,
        )
    title = f"Built {len(report.built)} document(s) into {out}"
    if report.skipped:
        title += f" ({len(report.skipped)} unchanged, skipped)"
    table = Table(title=Text(title), show_header=False)
    _row(table, "documents in store", str(report.documents))
    for name, n in report.entities.items():
        _row(table, f"entities: {name}", str(n))
    _row(table, "relations", str(report.relations))
    _row(table, "indicators", str(report.indicators))
    _row(table, "triples", str(report.triples))
    _row(table, "seconds", f"{report.seconds:.2f}")
    if report.ocr_pages:
        rate = report.ocr_seconds / report.ocr_pages
        _row(table, "pages read by OCR", f"{report.ocr_pages} ({rate:.2f} s a page)")
    if report.failed:
        _row(table, "failed files", str(len(report.failed)))
    for kind, path in report.outputs.items():
        _row(table, kind, str(path))
    _console().print(table)
    sys.exit(1 if report.failed else 0)


@contextlib.contextmanager
def _progress(console: Console, action: str = "building"):
    """A progress bar (documents done and failed, words/s when words are counted) on a
    terminal; silence otherwise. Yields ``on_document(name, error, words=0)``."""
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    started = time.perf_counter()
    counts = {"done": 0, "failed": 0, "words": 0}
    with Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[status]}", markup=False),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(action, total=None, status="")

        def on_document(name, error: str | None, words: int = 0) -> None:
            counts["failed" if error else "done"] += 1
            counts["words"] += words
            status = f"{counts['done']} done, {counts['failed']} failed"
            if counts["words"]:
                rate = counts["words"] / max(time.perf_counter() - started, 1e-6)
                status += f", {rate:,.0f} words/s"
            progress.update(
                task, advance=1, description=f"{action} {Path(name).name[:40]}", status=status
            )

        yield on_document


@main.command()
@click.argument("sparql", required=False)
@click.option("--name", "name", help="Run a named query (see --list).")
@click.option(
    "--file",
    "file",
    type=click.Path(exists=True, path_type=Path),
    help="Run the query in a .rq file.",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="Fill a {{KEY}} parameter of a named query.",
)
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@click.option(
    "--max-rows",
    type=click.IntRange(min=0),
    default=100,
    show_default=True,
    help="Rows the table shows (0: all); the other formats give every row.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld"]),
    default="table",
    show_default=True,
    help="Result format: json, xml, csv, tsv (SPARQL 1.1 results) for SELECT/ASK; "
    "turtle, nt, jsonld for CONSTRUCT/DESCRIBE.",
)
@out_option
@handle_errors
def query(sparql, name, file, params, list_, max_rows, fmt, out):
    """Query the store with SPARQL (text, a named query, or a file)."""
    if list_:
        for q in named.named_queries().values():
            extra = f" (parameters: {', '.join(q.parameters)})" if q.parameters else ""
            click.echo(f"{q.name}: {q.description}{extra}")
        return
    given = [x for x in (sparql, name, file) if x]
    if len(given) != 1:
        raise click.UsageError("give exactly one of SPARQL, --name or --file")
    bad = [p for p in params if "=" not in p]
    if bad:
        raise click.UsageError(f"--param takes KEY=VALUE, not {bad[0]!r}")
    values = dict(p.split("=", 1) for p in params)
    if sparql:
        if values:
            raise click.UsageError("--param fills a named query or a --file query")
        text = sparql
    else:
        template = named.get(name).text if name else file.read_text(encoding="utf-8")
        named.check(template, values)
        text = named.fill(template, values)
    if fmt != "table":
        click.echo(store.query_text(out, text, fmt), nl=False)
        return
    variables, rows = store.query_table(out, text)
    shown = rows[:max_rows] if max_rows else rows
    table = Table(*variables)
    for row in shown:
        _row(table, *row)
    _console().print(table)
    if len(shown) < len(rows):
        # a terminal table of thousands of rows takes seconds to lay out and is not read
        click.echo(
            f"{len(rows)} row(s), the first {len(shown)} shown: --max-rows 0 shows "
            "them all, --format csv (or tsv, json) writes them all"
        )
    else:
        click.echo(f"{len(rows)} row(s)")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--json-out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder for <stem>.json files in the annotation format.",
)
@click.option("--municipality", help="Reporting municipality (default: from the file name).")
@click.option("--year", type=int, help="Report year (default: from the file name).")
@model_option
@include_option
@pages_option
@ocr_option
@handle_errors
def extract(paths, json_out, municipality, year, model, include, pages, ocr):
    """Extract facts to JSON in the shape of shared/ANNOTATION.md."""
    from . import pipeline

    written, failed = pipeline.extract(
        paths,
        json_out,
        municipality,
        year,
        model,
        include or settings.DEFAULT_INCLUDE,
        pages=pages,
        ocr=ocr,
    )
    for path in written:
        click.echo(f"wrote {path}")
    for _, reason in failed:
        click.echo(f"error: {reason}", err=True)
    sys.exit(1 if failed else 0)


def _default_shared(sub: str) -> Path:
    for base in (Path("../shared"), Path("shared")):
        if (base / sub).is_dir():
            return base / sub
    return Path("../shared") / sub


@main.command()
@click.option(
    "--corpus",
    type=click.Path(path_type=Path),
    default=None,
    help="Corpus folder (default: ../shared/corpus).",
)
@click.option(
    "--gold",
    type=click.Path(path_type=Path),
    default=None,
    help="Gold folder (default: ../shared/gold).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", is_flag=True, help="List false positives and misses per document.")
@click.option(
    "--by-document",
    is_flag=True,
    help="Also score each document alone (entities, relations, indicators, about).",
)
@click.option(
    "--reports",
    type=click.Path(path_type=Path),
    default=None,
    help="Score whole PDF reports instead: the folder of the PDFs, with their gold in "
    "its gold/ (*.structure.json: the programme tree; *.chapter.json: one chapter).",
)
@click.option(
    "--by-rule",
    is_flag=True,
    help="Also list each rule: what it found, how much of that gold holds, its precision.",
)
@click.option(
    "--disable-rule",
    "disabled",
    multiple=True,
    metavar="NAME",
    help="Leave out this entity rule (repeatable), to measure what it is worth.",
)
@model_option
@handle_errors
def evaluate(corpus, gold, as_json, errors, by_document, reports, by_rule, disabled, model):
    """Score extraction against gold annotations (rules of ANNOTATION.md)."""
    from . import pipeline

    disabled = tuple(disabled)
    if reports is not None:
        structure, chapters = pipeline.evaluate_reports(reports, model, disabled)
        parts = {"structure": structure, "chapters": chapters}
        if as_json:
            out = {k: _scores_json(v, by_rule) for k, v in parts.items()}
            click.echo(json.dumps(out, indent=1))
            return
        for title, part in (
            ("whole reports: programme tree", structure),
            ("whole reports: chapters", chapters),
        ):
            _print_errors(part, errors)
            _console().print(scores_table(part, title))
            if by_rule:
                _console().print(rules_table(part, f"{title}, by rule"))
        return
    scores = pipeline.evaluate(
        corpus or _default_shared("corpus"), gold or _default_shared("gold"), model, disabled
    )
    _print_errors(scores, errors)
    if as_json:
        out = _scores_json(scores, by_rule)
        if by_document:
            out["by_document"] = scores.document_summary()
        click.echo(json.dumps(out, indent=1))
        return
    if by_document:
        _console().print(documents_table(scores))
    _console().print(scores_table(scores))
    if by_rule:
        _console().print(rules_table(scores))


def _scores_json(scores, by_rule: bool) -> dict:
    out = scores.as_dict()
    if by_rule:
        out["by_rule"] = {
            name: {"found": c.found, "right": c.right, "precision": round(c.precision, 4)}
            for name, c in _rules_in_order(scores)
        }
    return out


def _rules_in_order(scores) -> list:
    """Entities, indicators, relations; in each, the rules that found most first."""
    order = {"entity": 0, "indicator": 1, "relation": 2}
    return sorted(
        scores.rules.items(), key=lambda kv: (order.get(kv[0].split()[0], 3), -kv[1].found, kv[0])
    )


def rules_table(scores, title: str = "kg evaluate, by rule") -> Table:
    table = Table("rule", "found", "right", "precision", title=title)
    for name, c in _rules_in_order(scores):
        _row(table, name, str(c.found), str(c.right), f"{c.precision:.2f}")
    return table


def _print_errors(scores, errors: bool) -> None:
    if errors:
        for e in scores.errors:
            click.echo(f"== {e.document}")
            for line in e.false_positives:
                click.echo(f"  FP   {line}")
            for line in e.misses:
                click.echo(f"  MISS {line}")
            for line in e.wrong_about:
                click.echo(f"  ABOUT {line}")


def documents_table(scores) -> Table:
    table = Table(
        "document", "entities", "relations", "indicators", "about", title="F1 per document (typed)"
    )
    for doc, row in scores.document_summary().items():
        _row(table, doc, *("–" if v is None else f"{v:.3f}" for v in row.values()))
    return table


def scores_table(scores, title: str = "kg evaluate") -> Table:
    table = Table("score", "P", "R", "F1", "pred", "gold", title=title)
    for name, c in scores.rows.items():
        _row(
            table,
            name,
            f"{c.precision:.3f}",
            f"{c.recall:.3f}",
            f"{c.f1:.3f}",
            str(c.pred),
            str(c.gold),
        )
    _row(
        table,
        "indicators.about_accuracy",
        "",
        "",
        f"{scores.about_accuracy:.3f}",
        str(scores.about_matched),
        "",
    )
    return table


@main.command()
@out_option
@handle_errors
def validate(out):
    """Validate the built graph against the SHACL shapes, document by document."""
    from .outputs.validation import validate_store

    with _progress(_console(stderr=True), "validating") as on_document:
        result = validate_store(out, on_document=on_document)
    if result.conforms:
        click.echo(
            f"conforms: the graph of each of {result.documents} document(s) satisfies every shape"
        )
        return
    for doc_id, text in result.failures:
        click.echo(f"document {doc_id}:\n{text}")
    click.echo(f"{len(result.failures)} of {result.documents} document(s) do not conform")
    sys.exit(1)


@main.command()
@out_option
@click.option(
    "-o",
    "target",
    type=click.Path(path_type=Path),
    default=None,
    help="HTML file to write (default: OUT/graph.html).",
)
@click.option("--municipality", help="Only what the reports of this municipality mention.")
@click.option(
    "--compare",
    multiple=True,
    help="Put these municipalities side by side (repeatable, two or more): shared "
    "entities and initiatives of the same kind are marked.",
)
@click.option("--focus", help="Centre on the entity with this name or alias (ego graph).")
@click.option(
    "--depth",
    type=click.IntRange(0, 10),
    default=1,
    show_default=True,
    help="With --focus: how many relation steps around it.",
)
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice(list(ENTITY_TYPES), case_sensitive=False),
    help="Only entities of this type (repeatable).",
)
@click.option(
    "--indicators",
    type=click.Choice(["properties", "nodes"]),
    default="properties",
    show_default=True,
    help="Indicators in the entity's panel, or one node per value (within --limit).",
)
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=5000,
    show_default=True,
    help="At most this many entities (the most connected ones).",
)
@handle_errors
def viz(out, target, municipality, compare, focus, depth, types, indicators, limit):
    """Write the interactive HTML explorer of the built graph (or a view of it)."""
    from .outputs import explorer
    from .outputs.explorer import View

    if len(compare) == 1:
        raise click.UsageError("--compare needs two or more municipalities (repeat it)")
    canonical = {n.lower(): n for n in ENTITY_TYPES}
    view = View(
        municipality=municipality,
        compare=tuple(compare),
        focus=focus,
        depth=depth,
        types=tuple(canonical[t.lower()] for t in types),
        indicators=indicators,
        limit=limit,
    )
    click.echo(f"wrote {explorer.write(out, target, view)}")


@main.command()
@out_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (only this machine by default).",
)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=float,
    help="Seconds a query may run before the endpoint answers 503.",
)
@click.option(
    "--max-result-mb",
    default=100.0,
    show_default=True,
    type=float,
    help="Largest result sent; a query whose result grows past it is stopped.",
)
@handle_errors
def serve(out, host, port, timeout, max_result_mb):
    """Serve a read-only SPARQL endpoint at /sparql and the explorer at /."""
    from .server import make_server

    server = make_server(out, host, port, timeout, int(max_result_mb * 2**20))
    click.echo(
        f"serving http://{host}:{server.server_address[1]}/ "
        f"(SPARQL endpoint at /sparql; Ctrl-C stops)"
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.server_close()


@main.command()
@click.option(
    "--endpoint", required=True, help="Graph Store Protocol URL, e.g. http://localhost:7878/store."
)
@out_option
@handle_errors
def push(endpoint, out):
    """Load the graph into a SPARQL Graph Store server, one named graph per document.

    Credentials: KG_PUSH_TOKEN, or KG_PUSH_USER and KG_PUSH_PASSWORD."""
    from .push import push as push_graphs

    with _progress(_console(stderr=True), "pushing") as on_graph:
        report = push_graphs(
            out, endpoint, on_graph=on_graph and (lambda doc_id: on_graph(doc_id, None))
        )
    click.echo(f"pushed {report.graphs} graph(s), {report.triples} triples to {endpoint}")


@main.command()
@click.option(
    "--measure",
    "measures",
    multiple=True,
    help="A common measure: its id (kg compare --list), name or word (repeatable).",
)
@click.option("--initiative", help="Who runs an initiative of this name, with which partners.")
@click.option("--kind", help="Who runs initiatives of this kind (team, pilot, regeling, ...).")
@click.option("--taakveld", help="The programmes on an Iv3 taakveld (6.1; 6 for all of 6.x).")
@click.option("--municipality", "municipalities", multiple=True, help="Only these (repeatable).")
@click.option("--year", "years", multiple=True, help="Only these years (repeatable).")
@click.option("--trace", is_flag=True, help="Also list each value with its sentence.")
@click.option("--list", "list_", is_flag=True, help="List the common measures.")
@click.option(
    "-o",
    "target",
    type=click.Path(path_type=Path),
    default=None,
    help="Write what is shown to a .csv file or an Excel .xlsx workbook.",
)
@out_option
@handle_errors
def compare(measures, initiative, kind, taakveld, municipalities, years, trace, list_, target, out):
    """Municipalities side by side: a measure per municipality and period, who runs an
    initiative or initiatives of a kind with which partners, the programmes on a taakveld."""
    from . import compare as cmp

    if list_:
        table = Table("measure", "name", "units")
        for mid, (label, units, _) in cmp.MEASURES.items():
            _row(table, mid, label, ", ".join(units))
        _console().print(table)
        kinds = Table("kind", "name", "head words")
        for code, (label, words) in cmp.INITIATIVE_KINDS.items():
            _row(kinds, code, label, ", ".join(words))
        _console().print(kinds)
        return
    if sum(map(bool, (measures, initiative, kind, taakveld))) != 1:
        raise UsageError(
            "give one of --measure, --initiative, --kind, --taakveld "
            "(kg compare --list shows measures and kinds)"
        )
    if target and Path(target).suffix.lower() not in (".csv", ".xlsx"):
        raise UsageError(f"-o {target}: write a .csv or an .xlsx file")
    if taakveld:
        header = ("municipality", "year", "programme", "code", "taakveld", "rule")
        rows = cmp.compare_taakveld(out, taakveld)
        _rows_out(header, rows, f"{len(rows)} programme link(s)", target)
        return
    if initiative or kind:
        rows = (
            cmp.compare_initiative(out, initiative) if initiative else cmp.compare_kind(out, kind)
        )
        header = ("municipality", "initiative", "partner", "programme")
        _rows_out(header, rows, f"{len(rows)} row(s)", target)
        return
    # every measure named before any is compared: a wrong second name fails at once
    ids = list(dict.fromkeys(cmp.resolve_measure(m) for m in measures))
    comparisons = [cmp.compare_measure(out, mid, municipalities, years) for mid in ids]
    for comparison in comparisons:
        table = Table("municipality", *comparison.periods, title=comparison.label)
        for muni in comparison.municipalities:
            cells = [
                "\n".join(v.shown(named=len(cell) > 1) for v in cell)  # one value a line
                for cell in (comparison.cell(muni, p) for p in comparison.periods)
            ]
            _row(table, muni, *cells)
        _console().print(table)
        if trace:
            for v in comparison.values:
                click.echo(f"{v.municipality} {v.period} {v.shown()}: {v.where}: {v.sentence}")
        click.echo(f"{len(comparison.values)} value(s) of {comparison.measure}")
    if target:
        write = cmp.write_xlsx if Path(target).suffix.lower() == ".xlsx" else cmp.write_csv
        written = write(comparisons, target)
        click.echo(f"wrote {written}")


def _rows_out(header: tuple[str, ...], rows: list, summary: str, target: Path | None) -> None:
    """Print rows as a table, say how many, and write them to ``target`` when given."""
    from . import compare as cmp

    table = Table(*header)
    for row in rows:
        _row(table, *row)
    _console().print(table)
    click.echo(summary)
    if target:
        click.echo(f"wrote {cmp.write_rows(header, rows, target)}")


@main.command("list")
@out_option
@handle_errors
def list_(out):
    """List the documents in the store: municipality, year, triples, build time."""
    rows = store.documents(out)
    table = Table("document", "file", "municipality", "year", "triples", "built at", "seconds")
    for r in rows:
        _row(table, r.id, r.file, r.municipality, r.year, str(r.triples), r.built_at, r.seconds)
    _console().print(table)
    click.echo(f"{len(rows)} document(s)")


@main.command()
@click.argument("documents", nargs=-1, required=True)
@out_option
@handle_errors
def remove(documents, out):
    """Remove documents (by id, see kg list) from the store and the outputs."""
    from . import pipeline

    for doc_id in pipeline.remove(out, list(documents)):
        click.echo(f"removed {doc_id}")


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(store.EXPORT_FORMATS)),
    default="turtle",
    show_default=True,
    help="turtle, nt, jsonld (merged) or trig, nquads (one named graph per document).",
)
@click.option(
    "-o",
    "target",
    type=click.Path(path_type=Path),
    default=None,
    help="File to write (default: OUT/graph.<ext>).",
)
@out_option
@handle_errors
def export(fmt, target, out):
    """Export the graph in Turtle, N-Triples, TriG, N-Quads or JSON-LD."""
    from .outputs import turtle

    target = target or Path(out) / f"graph.{turtle.EXPORT_SUFFIX[fmt]}"
    turtle.export(out, fmt, target)
    click.echo(f"wrote {target}")


if __name__ == "__main__":  # pragma: no cover
    main()
