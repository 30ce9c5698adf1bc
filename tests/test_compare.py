"""kg.compare and ``kg compare``: municipalities side by side, end to end on two reports
of our own (the sample, Lindewaard 2023, and a short Zwolle 2022), the xlsx read back."""

import csv

import pytest

from kg import compare
from kg.cli import main
from kg.errors import UsageError

ZWOLLE = """Jaarverslag 2022 gemeente Zwolle

Programma Zorg en welzijn

De gemiddelde wachttijd voor een eerste gesprek was 5,1 weken.
We streven naar een wachttijd van hooguit 4 weken.
Via de mantelzorgwaardering ontvingen 2.340 mantelzorgers een waardebon.
Het jeugdteam werkt samen met Stichting Kompaan. De pilot Thuisraam is in mei gestart.
"""


@pytest.fixture(scope="module")
def towns(sample_and_zwolle):
    return sample_and_zwolle(ZWOLLE, "compare-out")


def test_compare_measure_lines_up_municipalities_and_periods(towns):
    result = compare.compare_measure(towns, "wachttijd")
    assert result.municipalities == ["Lindewaard", "Zwolle"]
    zwolle = {(v.value, v.unit, v.kind) for v in result.cell("Zwolle", "2022")}
    assert zwolle == {(5.1, "weeks", "realised"), (4.0, "weeks", "target")}
    assert all(v.sentence and v.document for v in result.values)  # each value traceable
    assert {v.period for v in result.values if v.municipality == "Lindewaard"} >= {"2022", "2023"}


def test_compare_measure_is_named_by_id_label_or_word(towns):
    assert compare.resolve_measure("Mantelzorgers") == "mantelzorg"
    assert compare.resolve_measure("wachttijden") == "wachttijd"
    with pytest.raises(UsageError, match="choose from"):
        compare.resolve_measure("geluk")


def test_compare_measure_narrows_to_municipalities_and_years(towns):
    only = compare.compare_measure(towns, "wachttijd", municipalities=["zwolle"])
    assert only.municipalities == ["Zwolle"]
    years = compare.compare_measure(towns, "wachttijd", years=["2022"])
    assert years.periods == ["2022"] and years.municipalities == ["Lindewaard", "Zwolle"]


def test_compare_cli_table_trace_and_csv(towns, runner, tmp_path):
    target = tmp_path / "mantelzorg.csv"
    result = runner.invoke(
        main,
        ["compare", "--measure", "mantelzorg", "--trace", "-o", str(target), "--out", str(towns)],
    )
    assert result.exit_code == 0, result.output
    assert "2.340 count" in result.output  # Dutch thousands separator
    assert "ontvingen 2.340 mantelzorgers" in result.output  # --trace: the sentence
    with target.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {(r["municipality"], float(r["value"])) for r in rows} >= {("Zwolle", 2340.0)}


def test_compare_cli_cell_of_several_values_names_each(towns, runner):
    """Zwolle 2022 has a waiting time and a target: one a line, each with its name; a
    cell of one value is the value alone."""
    result = runner.invoke(main, ["compare", "--measure", "wachttijd", "--out", str(towns)])
    assert result.exit_code == 0, result.output
    assert "5,1 weeks: gemiddelde wachttijd voor een eerste ge…" in result.output
    assert "4 weeks (target): wachttijd" in result.output
    assert " / " not in result.output
    value = compare.Value("Zwolle", "2022", 5.1, "weeks", "realised", "x" * 60, "", "")
    assert value.shown() == "5,1 weeks"
    assert value.shown(named=True) == "5,1 weeks: " + "x" * 39 + "…"


def test_compare_cli_xlsx_read_back(towns, runner, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "wachttijd.xlsx"
    result = runner.invoke(
        main, ["compare", "--measure", "wachttijd", "-o", str(target), "--out", str(towns)]
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(target)
    assert book.sheetnames == ["comparison", "sources"]
    sheet = book["comparison"]
    header = [c.value for c in sheet[1]]
    assert header[0] == "municipality" and "2022 (weeks)" in header
    assert "2022 (weeks, target)" in header
    zwolle = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "Zwolle")
    assert zwolle[header.index("2022 (weeks)")] == 5.1  # a number, not text
    assert zwolle[header.index("2022 (weeks, target)")] == 4
    sources = list(book["sources"].iter_rows(values_only=True))
    expected = compare.compare_measure(towns, "wachttijd")
    assert sources[0][:3] == ("municipality", "period", "value")
    assert len(sources) - 1 == len(expected.values)
    sentence = sources[0].index("sentence")
    assert sources[0][sentence - 1] == "page"  # empty for text files, the PDF page otherwise
    assert all(isinstance(row[2], (int, float)) and row[sentence] for row in sources[1:])


def test_compare_cli_initiative_and_errors(towns, runner):
    result = runner.invoke(main, ["compare", "--initiative", "doorbraakteam", "--out", str(towns)])
    assert result.exit_code == 0, result.output
    assert "Veilig Thuis" in result.output and "Lindewaard" in result.output
    neither = runner.invoke(main, ["compare", "--out", str(towns)])
    assert (
        neither.exit_code == 2 and "--measure, --initiative, --kind, --taakveld" in neither.output
    )
    bad = runner.invoke(
        main, ["compare", "--measure", "wachttijd", "-o", "x.pdf", "--out", str(towns)]
    )
    assert bad.exit_code == 2 and ".xlsx" in bad.output


def test_compare_kind_lists_initiatives_of_a_kind(towns, runner):
    teams = compare.compare_kind(towns, "team")
    assert {(m, i) for m, i, *_ in teams} >= {
        ("Lindewaard", "doorbraakteam"),
        ("Lindewaard", "buurtteams"),
        ("Zwolle", "jeugdteam"),
    }
    assert ("Zwolle", "jeugdteam", "Stichting Kompaan", "") in teams
    assert all(m != "Zwolle" or i == "jeugdteam" for m, i, *_ in teams)  # not the pilot
    pilots = compare.compare_kind(towns, "PILOT")  # code or name, any case
    assert ("Zwolle", "pilot Thuisraam") in {(m, i) for m, i, *_ in pilots}
    result = runner.invoke(main, ["compare", "--kind", "team", "--out", str(towns)])
    assert result.exit_code == 0 and "Stichting Kompaan" in result.output
    with pytest.raises(UsageError, match="one of team, project"):
        compare.compare_kind(towns, "fiets")
    listed = runner.invoke(main, ["compare", "--list", "--out", str(towns)])
    assert "regeling" in listed.output and "wachttijd" in listed.output


@pytest.mark.parametrize(
    "value,shown",
    [(1234567.5, "1.234.567,5"), (3.2, "3,2"), (48, "48"), (-72468000, "-72.468.000")],
)
def test_compare_dutch_number(value, shown):
    assert compare.dutch_number(value) == shown


def test_compare_cli_taakveld(towns, runner):
    """Programmes of two municipalities on one taakveld axis: 6.1 (Samenkracht)."""
    rows = compare.compare_taakveld(towns, "6.1")
    assert {r[0] for r in rows} >= {"Lindewaard", "Zwolle"}
    assert all(r[3].startswith("6.1") and r[5].startswith("taakveld.") for r in rows)
    result = runner.invoke(main, ["compare", "--taakveld", "6", "--out", str(towns)])
    assert result.exit_code == 0 and "programme link(s)" in result.output
    bad = runner.invoke(main, ["compare", "--taakveld", "x y", "--out", str(towns)])
    assert bad.exit_code == 2


def test_compare_measure_everyday_words():
    assert compare.resolve_measure("uitkeringen") == "bijstand"  # bijstandsuitkeringen
    assert compare.resolve_measure("Jeugdhulp") == "jeugdhulp"
    with pytest.raises(UsageError, match="several measures: wmo-meldingen .*wmo-clienten"):
        compare.resolve_measure("wmo")


def test_compare_cli_several_measures(towns, runner, tmp_path):
    from openpyxl import load_workbook

    csv_target = tmp_path / "two.csv"
    args = ["compare", "--measure", "wachttijd", "--measure", "mantelzorgers"]
    result = runner.invoke(main, [*args, "-o", str(csv_target), "--out", str(towns)])
    assert result.exit_code == 0, result.output
    assert "value(s) of wachttijd" in result.output and "value(s) of mantelzorg" in result.output
    with csv_target.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["measure"] for r in rows} == {"wachttijd", "mantelzorg"}
    assert ("Zwolle", 2340.0, "mantelzorg") in {
        (r["municipality"], float(r["value"]), r["measure"]) for r in rows
    }
    xlsx_target = tmp_path / "two.xlsx"
    result = runner.invoke(main, [*args, "-o", str(xlsx_target), "--out", str(towns)])
    assert result.exit_code == 0, result.output
    book = load_workbook(xlsx_target)
    assert book.sheetnames == ["wachttijd", "mantelzorg", "sources"]
    measures = {row[-1] for row in book["sources"].iter_rows(min_row=2, values_only=True)}
    assert measures == {"wachttijd", "mantelzorg"}
    # a wrong name among them fails before anything is written
    bad = tmp_path / "bad.csv"
    failed = runner.invoke(main, [*args, "--measure", "geluk", "-o", str(bad), "--out", str(towns)])
    assert failed.exit_code == 2 and "geluk" in failed.output and not bad.exists()


@pytest.mark.parametrize(
    "view,suffix,column",
    [
        (["--initiative", "doorbraakteam"], ".csv", "partner"),
        (["--kind", "team"], ".xlsx", "partner"),
        (["--taakveld", "6"], ".csv", "taakveld"),
    ],
)
def test_compare_cli_every_view_writes_its_rows(towns, runner, tmp_path, view, suffix, column):
    from openpyxl import load_workbook

    target = tmp_path / f"rows{suffix}"
    result = runner.invoke(main, ["compare", *view, "-o", str(target), "--out", str(towns)])
    assert result.exit_code == 0, result.output
    if suffix == ".csv":
        with target.open(encoding="utf-8", newline="") as f:
            rows = [list(r.values()) for r in csv.DictReader(f)]
            f.seek(0)
            header = next(csv.reader(f))
    else:
        sheet = load_workbook(target)["rows"]
        header = [c.value for c in sheet[1]]
        rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert header[0] == "municipality" and column in header
    shown = int(result.output.split(" row(s)")[0].split()[-1]) if "row(s)" in result.output else 0
    assert rows and (not shown or len(rows) == shown)
    assert {r[0] for r in rows} <= {"Lindewaard", "Zwolle"}
