import csv
import io
import json
import re

import pytest

from kg import store as kgstore
from kg.cli import main
from kg.facts import ENTITY_TYPES, PREDICATES, UNITS

PERIOD = re.compile(r"^\d{4}(-(Q[1-4]|H[12]|\d{2}))?$|^\d{4}/\d{4}$")


def test_cli_build_default_sample(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    for part in (
        "documents in store",
        "entities: Initiative",
        "relations",
        "indicators",
        "triples",
        "seconds",
    ):
        assert part in result.output
    assert (out / "graph.ttl").stat().st_size > 0
    assert (out / "graph.html").stat().st_size > 0
    assert (out / "store").is_dir()


def test_cli_build_bad_file_reports_and_builds_the_rest(runner, tmp_path):
    good = tmp_path / "zwolle-2022.txt"
    good.write_text("Zorg\n\nHet doorbraakteam hielp 12 gezinnen.\n", encoding="utf-8")
    bad = tmp_path / "leeg-2022.txt"
    bad.write_text("", encoding="utf-8")
    result = runner.invoke(main, ["build", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "leeg-2022.txt: file is empty" in result.output
    assert "Traceback" not in result.output
    assert "Built 1 document(s)" in result.output


def test_cli_build_missing_path_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(main, ["build", str(tmp_path / "nope.txt"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_cli_query_list(runner):
    result = runner.invoke(main, ["query", "--list"])
    assert result.exit_code == 0
    for name in (
        "programmes",
        "initiatives-partners",
        "shared-organisations",
        "indicator-series",
        "trace",
    ):
        assert name in result.output


@pytest.mark.parametrize(
    "name",
    ["programmes", "initiatives-partners", "shared-organisations", "indicator-series", "trace"],
)
def test_cli_query_named_json_is_sparql_results(runner, built, name):
    result = runner.invoke(main, ["query", "--name", name, "--format", "json", "--out", str(built)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "vars" in data["head"] and "bindings" in data["results"]


def test_cli_query_series_with_parameter(runner, built):
    result = runner.invoke(
        main,
        [
            "query",
            "--name",
            "indicator-series",
            "--param",
            "entity=doorbraakteam",
            "--format",
            "csv",
            "--out",
            str(built),
        ],
    )
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and all(r["entity"] == "doorbraakteam" for r in rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--name", "initiatives-partners", "--param", "entiy=doorbraakteam"],
            "no parameter entiy; it takes entity, municipality",
        ),
        (
            ["--name", "shared-organisations", "--param", "municipality=Zwolle"],
            "no parameter municipality; it takes none",
        ),
        (["--name", "trace", "--param", "entity=-"], "has no word to look up"),
        (["--name", "trace", "--param", "entity"], "--param takes KEY=VALUE"),
        (["SELECT * WHERE { ?s ?p ?o }", "--param", "entity=x"], "fills a named query"),
    ],
)
def test_cli_query_refuses_parameters_that_would_change_the_answer(runner, built, args, message):
    """A misspelt parameter used to be ignored: initiatives-partners then listed every
    initiative instead of the ones asked for."""
    result = runner.invoke(main, ["query", *args, "--out", str(built)])
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_cli_query_file_parameters(runner, built, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text(
        "SELECT ?n WHERE { ?m <http://www.w3.org/2004/02/skos/core#hiddenLabel> "
        '"{{town|key}}" ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?n }',
        encoding="utf-8",
    )
    ok = runner.invoke(
        main,
        [
            "query",
            "--file",
            str(query),
            "--param",
            "town=LINDEWAARD",
            "--format",
            "csv",
            "--out",
            str(built),
        ],
    )
    assert ok.exit_code == 0 and ok.output.split() == ["n", "Lindewaard"]
    typo = runner.invoke(
        main, ["query", "--file", str(query), "--param", "twon=Lindewaard", "--out", str(built)]
    )
    assert typo.exit_code == 2 and "it takes town" in typo.output


def test_cli_query_text_table_and_tsv(runner, built):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    table = runner.invoke(main, ["query", q, "--out", str(built)])
    assert table.exit_code == 0 and "1 row(s)" in table.output
    tsv = runner.invoke(main, ["query", q, "--format", "tsv", "--out", str(built)])
    assert tsv.output.splitlines()[0] == "?n"


def test_cli_query_table_shows_the_first_rows(runner, built):
    q = "SELECT ?s WHERE { ?s a ?type }"
    capped = runner.invoke(main, ["query", q, "--max-rows", "2", "--out", str(built)])
    assert capped.exit_code == 0, capped.output
    total = int(capped.output.split("\n")[-2].split()[0])
    assert total > 2 and f"{total} row(s), the first 2 shown" in capped.output
    everything = runner.invoke(main, ["query", q, "--max-rows", "0", "--out", str(built)])
    assert f"{total} row(s)\n" in everything.output and "shown" not in everything.output
    assert capped.output.count("│ https://") == 2
    assert everything.output.count("│ https://") == total


def test_cli_query_table_shows_values_as_they_are(runner, built):
    """Values are text, not markup; commas, quotes and line breaks survive; an unbound
    variable is an empty cell."""
    q = (
        'SELECT ?a ?b ?c WHERE { VALUES (?a ?b) { ("[Jeugd] en [/] zorg" UNDEF) '
        '("x, \\"y\\"\\nz" "2") } }'
    )
    result = runner.invoke(main, ["query", q, "--out", str(built)])
    assert result.exit_code == 0, result.output
    assert "[Jeugd] en [/] zorg" in result.output
    assert 'x, "y"' in result.output and "2 row(s)" in result.output
    variables, rows = kgstore.query_table(built, q)
    assert variables == ["a", "b", "c"]
    assert rows == [["[Jeugd] en [/] zorg", "", ""], ['x, "y"\nz', "2", ""]]


def test_cli_query_errors(runner, built, tmp_path):
    bad = runner.invoke(main, ["query", "SELEKT nothing", "--out", str(built)])
    assert bad.exit_code == 1 and "SPARQL syntax error" in bad.output
    nostore = runner.invoke(main, ["query", "--name", "programmes", "--out", str(tmp_path)])
    assert nostore.exit_code == 1 and "run 'kg build' first" in nostore.output
    unknown = runner.invoke(main, ["query", "--name", "nope", "--out", str(built)])
    assert unknown.exit_code == 1 and "no named query" in unknown.output
    usage = runner.invoke(main, ["query", "--out", str(built)])
    assert usage.exit_code == 2


def test_cli_extract_writes_annotation_json(runner, tmp_path):
    from kg.pipeline import sample_path

    result = runner.invoke(main, ["extract", str(sample_path()), "--json-out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "lindewaard-2023.json").read_text(encoding="utf-8"))
    assert data["municipality"] == "Lindewaard" and data["year"] == 2023
    names = {e["name"] for e in data["entities"]}
    assert all(e["type"] in ENTITY_TYPES for e in data["entities"])
    assert all(
        r["predicate"] in PREDICATES and r["subject"] in names and r["object"] in names
        for r in data["relations"]
    )
    for i in data["indicators"]:
        assert i["unit"] in UNITS and PERIOD.match(i["period"])
        assert isinstance(i["value"], (int, float))
        assert i["about"] is None or i["about"] in names


def _tiny_corpus(tmp_path):
    corpus, gold = tmp_path / "corpus", tmp_path / "gold"
    corpus.mkdir()
    gold.mkdir()
    (corpus / "zwolle-2022.txt").write_text(
        "Zorg\n\nHet doorbraakteam werkt samen met Veilig Thuis en hielp 12 gezinnen.\n",
        encoding="utf-8",
    )
    (gold / "zwolle-2022.json").write_text(
        json.dumps(
            {
                "document": "zwolle-2022.txt",
                "municipality": "Zwolle",
                "year": 2022,
                "entities": [
                    {"type": "Municipality", "name": "Zwolle", "aliases": []},
                    {"type": "Programme", "name": "Zorg", "aliases": []},
                    {"type": "Initiative", "name": "doorbraakteam", "aliases": []},
                    {"type": "Organisation", "name": "Veilig Thuis", "aliases": []},
                ],
                "relations": [
                    {
                        "subject": "doorbraakteam",
                        "predicate": "hasPartner",
                        "object": "Veilig Thuis",
                    }
                ],
                "indicators": [
                    {
                        "label": "gezinnen",
                        "value": 12,
                        "unit": "count",
                        "period": "2022",
                        "about": "doorbraakteam",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    return corpus, gold


def test_cli_evaluate_on_a_tiny_corpus(runner, tmp_path):
    corpus, gold = _tiny_corpus(tmp_path)
    result = runner.invoke(
        main, ["evaluate", "--corpus", str(corpus), "--gold", str(gold), "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["entities.core.typed"]["f1"] == 1.0
    assert scores["relations.hasPartner"]["f1"] == 1.0
    assert scores["indicators"]["f1"] == 1.0
    errors = runner.invoke(
        main, ["evaluate", "--corpus", str(corpus), "--gold", str(gold), "--errors"]
    )
    assert "== zwolle-2022.txt" in errors.output and "entities.core.typed" in errors.output
    per_doc = runner.invoke(
        main, ["evaluate", "--corpus", str(corpus), "--gold", str(gold), "--json", "--by-document"]
    )
    assert json.loads(per_doc.output)["by_document"] == {
        "zwolle-2022.txt": {
            "entities": 1.0,
            "relations": round(scores["relations.typed"]["f1"], 3),
            "indicators": 1.0,
            "about": 1.0,
        }
    }


def test_cli_evaluate_by_rule_and_without_a_rule(runner, tmp_path):
    corpus, gold = _tiny_corpus(tmp_path)
    args = ["evaluate", "--corpus", str(corpus), "--gold", str(gold), "--json", "--by-rule"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    rules = json.loads(result.output)["by_rule"]
    assert rules["entity Initiative entities.compound"] == {
        "found": 1,
        "right": 1,
        "precision": 1.0,
    }
    assert rules["indicator prose.count"]["right"] == 1
    assert rules["relation hasPartner relations.partner_cue"]["found"] == 1
    without = runner.invoke(main, [*args, "--disable-rule", "compound"])
    assert without.exit_code == 0, without.output
    scores = json.loads(without.output)
    assert not [r for r in scores["by_rule"] if r.endswith("entities.compound")]
    assert scores["entities.Initiative"]["recall"] == 0.0
    table = runner.invoke(main, args[:-2] + ["--by-rule"])
    assert "entity Initiative entities.compound" in table.output


def test_cli_evaluate_disabling_an_unknown_rule_is_a_clear_error(runner, tmp_path):
    corpus, gold = _tiny_corpus(tmp_path)
    result = runner.invoke(
        main,
        ["evaluate", "--corpus", str(corpus), "--gold", str(gold), "--disable-rule", "nope"],
    )
    assert result.exit_code == 1
    assert "no entity rule ['nope'] to disable" in result.output
    assert "Traceback" not in result.output


def test_cli_evaluate_missing_gold_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(
        main, ["evaluate", "--gold", str(tmp_path / "none"), "--corpus", str(tmp_path)]
    )
    assert result.exit_code == 1 and "gold folder" in result.output


def test_cli_validate(runner, built, tmp_path):
    result = runner.invoke(main, ["validate", "--out", str(built)])
    assert result.exit_code == 0 and "conforms" in result.output
    missing = runner.invoke(main, ["validate", "--out", str(tmp_path)])
    assert missing.exit_code == 1


def test_cli_viz(runner, built, tmp_path):
    target = tmp_path / "x.html"
    result = runner.invoke(main, ["viz", "--out", str(built), "-o", str(target)])
    assert result.exit_code == 0 and target.stat().st_size > 10_000


def test_cli_viz_views(runner, built, tmp_path):
    import json
    import re

    target = tmp_path / "v.html"
    result = runner.invoke(
        main,
        [
            "viz",
            "--out",
            str(built),
            "-o",
            str(target),
            "--focus",
            "Veilig Thuis",
            "--depth",
            "1",
            "--type",
            "initiative",
            "--type",
            "Organisation",
        ],
    )
    assert result.exit_code == 0, result.output
    blob = re.search(
        r'id="kg-data" type="application/json">(.*?)</script>',
        target.read_text(encoding="utf-8"),
        re.S,
    ).group(1)
    names = {(n["type"], n["name"]) for n in json.loads(blob)["nodes"].values()}
    assert ("Organisation", "Veilig Thuis") in names and ("Initiative", "doorbraakteam") in names
    assert {t for t, _ in names} == {"Organisation", "Initiative"}
    assert json.loads(blob)["view"] == "around Veilig Thuis (1 step) · Initiative, Organisation"
    bad = runner.invoke(
        main, ["viz", "--out", str(built), "-o", str(target), "--municipality", "Atlantis"]
    )
    assert bad.exit_code == 2 and "no municipality 'Atlantis'" in bad.output
    assert "Traceback" not in bad.output
    bad_type = runner.invoke(main, ["viz", "--out", str(built), "--type", "Planet"])
    assert bad_type.exit_code == 2


def test_cli_unknown_model_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(main, ["build", "--out", str(tmp_path), "--model", "nl_core_news_zz"])
    assert result.exit_code == 1 and "not installed" in result.output


def test_cli_progress_shows_on_a_terminal_only():
    import io
    from pathlib import Path

    from rich.console import Console

    from kg.cli import _progress

    quiet = Console(file=io.StringIO(), force_terminal=False)
    with _progress(quiet) as on_document:
        assert on_document is None
    buf = io.StringIO()
    loud = Console(file=buf, force_terminal=True, width=120)
    with _progress(loud) as on_document:
        on_document(Path("a.txt"), None, 1000)
        on_document(Path("b.txt"), "bad", 0)
        loud.print("done")  # force a refresh of the live display
    assert "1 done, 1 failed" in buf.getvalue()
