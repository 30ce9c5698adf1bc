"""Named queries: templates, parameters, and answers checked against the graph itself."""

from collections import defaultdict

import pytest
from rdflib import RDF
from rdflib.namespace import SKOS

from kg import queries as named
from kg import store as kgstore
from kg.namespace import GKG
from kg.search import longest_word, search_key, search_words


def run(out, name, **params):
    variables, rows = kgstore.query_table(out, named.fill(named.get(name).text, params))
    return [dict(zip(variables, row, strict=True)) for row in rows]


def test_fill_sections_keys_and_escaping():
    template = 'A {{#m}}M="{{m|key}}"{{/m}}{{^m}}ALL{{/m}} E="{{e}}"'
    assert named.fill(template, {"m": "Súdwest  Fryslân"}) == 'A M="sudwest fryslan" E=""'
    assert named.fill(template, {}) == 'A ALL E=""'
    assert named.fill(template, {"m": ""}) == 'A ALL E=""'
    assert named.fill(template, {"m": "  "}) == 'A ALL E=""'
    assert (
        named.fill(template, {"e": 'x" } DROP ALL ; # \\\n'})
        == 'A ALL E="x\\" } DROP ALL ; # \\\\ "'
    )
    assert named.NamedQuery("q", "", template).parameters == ["e", "m"]
    assert named.fill('W="{{e|word}}"', {"e": "Het Sociaal WIJKTEAM"}) == 'W="wijkteam"'
    assert named.NamedQuery("q", "", 'W="{{e|word}}"').parameters == ["e"]
    nested = "{{#e}}E{{#m}}M{{/m}}{{/e}}{{^e}}{{#m}}m{{/m}}{{^m}}-{{/m}}{{/e}}"
    assert [named.fill(nested, p) for p in ({}, {"m": "x"}, {"e": "x"}, {"e": "x", "m": "x"})] == [
        "-",
        "m",
        "E",
        "EM",
    ]


def test_rows_without_order_by_come_sorted(two_towns):
    _, rows = kgstore.query_table(two_towns, named.fill(named.get("initiatives-partners").text, {}))
    assert len(rows) > 10 and rows == sorted(rows)
    ordered = "SELECT ?n WHERE { VALUES ?n { 1 3 2 } } ORDER BY DESC(?n)"
    assert kgstore.query_table(two_towns, ordered)[1] == [["3"], ["2"], ["1"]]


@pytest.mark.parametrize("name", ["programmes", "initiatives-partners"])
def test_municipality_parameter_narrows_listings(two_towns, name):
    everything = run(two_towns, name)
    assert {r["municipality"] for r in everything} == {"Lindewaard", "Zwolle"}
    zwolle = run(two_towns, name, municipality="ZWOLLE")
    assert zwolle and {r["municipality"] for r in zwolle} == {"Zwolle"}
    assert sorted(map(str, zwolle)) == sorted(
        str(r) for r in everything if r["municipality"] == "Zwolle"
    )
    assert run(two_towns, name, municipality="Atlantis") == []


def test_initiatives_partners_takes_an_entity_and_a_municipality(two_towns):
    """The brief's question, "which municipalities run a doorbraakteam, with which
    partners", for projects: the entity narrows the listing to the initiatives named so,
    the municipality to one town, and both together to the rows that both keep."""
    everything = run(two_towns, "initiatives-partners")
    projects = [r for r in everything if "project" in r["initiative"].lower().split()]
    assert {r["municipality"] for r in projects} == {"Lindewaard", "Zwolle"}
    found = run(two_towns, "initiatives-partners", entity="PROJECT")
    assert sorted(map(str, found)) == sorted(map(str, projects))
    both = run(two_towns, "initiatives-partners", entity="project", municipality="zwolle")
    assert both and sorted(map(str, both)) == sorted(
        str(r) for r in projects if r["municipality"] == "Zwolle"
    )
    assert run(two_towns, "initiatives-partners", entity="project", municipality="Atlantis") == []


def test_initiatives_partners_agrees_with_the_graph(built):
    graph = kgstore.load_graph(built)
    expected = defaultdict(set)
    for i in graph.subjects(RDF.type, GKG.Initiative):
        name = str(graph.value(i, SKOS.prefLabel))
        links = [
            ("partner", str(graph.value(o, SKOS.prefLabel)))
            for o in graph.objects(i, GKG.hasPartner)
        ]
        links += [
            ("programme", str(graph.value(p, SKOS.prefLabel)))
            for p in graph.objects(i, GKG.partOfProgramme)
        ]
        expected[name] |= set(links) or {("none", "")}
    got = defaultdict(set)
    for r in run(built, "initiatives-partners"):
        if r["partner"]:
            got[r["initiative"]].add(("partner", r["partner"]))
        elif r["programme"]:
            got[r["initiative"]].add(("programme", r["programme"]))
        else:
            got[r["initiative"]].add(("none", ""))
    assert got == expected


def test_entity_parameter_ignores_case_and_matches_aliases(built):
    rows = run(built, "trace", entity="DOORBRAAKTEAM")
    assert rows and all("doorbraakteam" in (r["subject"] + r["object"]).lower() for r in rows)
    assert all(r["sentence"] and r["document"] == "lindewaard-2023.txt" for r in rows)
    assert {r["predicate"] for r in rows} >= {"hasPartner", "partOfProgramme"}
    graph = kgstore.load_graph(built)
    alias, entity = next(
        (str(a), e)
        for e, a in graph.subject_objects(SKOS.altLabel)
        if (None, GKG.about, e) in graph
    )
    series = run(built, "indicator-series", entity=alias.upper())
    assert str(graph.value(entity, SKOS.prefLabel)) in {r["entity"] for r in series}


@pytest.mark.parametrize(
    "typed",
    [
        "doorbraakteam",
        "Buurtteam",
        "WERK",
        "Veilig Thuis",
        "thuis",
        "stichting",
        "IJsselland",
        "werk en",
        "doorbraak",
    ],
)
def test_entity_parameter_finds_names_by_whole_words(built, typed):
    """indicator-series and trace find the entities whose search key contains what was
    typed and has its longest word as a whole word, computed here from the graph."""
    graph = kgstore.load_graph(built)
    wanted = set()
    for e in set(graph.subjects(SKOS.hiddenLabel, None)):
        keys = [str(k) for k in graph.objects(e, SKOS.hiddenLabel)]
        if any(search_key(typed) in k and longest_word(typed) in search_words(k) for k in keys):
            wanted.add(e)
    about = {str(graph.value(e, SKOS.prefLabel)) for e in wanted if (None, GKG.about, e) in graph}
    assert {r["entity"] for r in run(built, "indicator-series", entity=typed)} == about
    label = {e: str(graph.value(e, SKOS.prefLabel)) for e in graph.subjects(SKOS.prefLabel)}
    pairs = {
        (label[s], label[o])
        for a in graph.subjects(GKG.mention, None)
        for s in graph.objects(a, RDF.subject)
        for o in graph.objects(a, RDF.object)
        if s in wanted or o in wanted
    }
    traced = {(r["subject"], r["object"]) for r in run(built, "trace", entity=typed)}
    assert traced == pairs
    initiatives = {label[e] for e in wanted if (e, RDF.type, GKG.Initiative) in graph}
    rows = run(built, "initiatives-partners", entity=typed)
    assert {r["initiative"] for r in rows} == initiatives
    assert sorted(map(str, rows)) == sorted(
        str(r) for r in run(built, "initiatives-partners") if r["initiative"] in initiatives
    )


def test_entity_parameter_needs_a_whole_word(built):
    """Part of a word is not enough (the index holds words): "doorbraak" finds nothing
    though "doorbraakteam" is in the graph."""
    assert run(built, "trace", entity="doorbraakteam")
    assert run(built, "trace", entity="doorbraak") == []


def test_shared_organisations_agrees_with_the_documents(two_towns):
    """Computed in Python from the quads: the organisations named (by the same label) in
    the reports of more than one municipality."""
    from rdflib import Dataset

    with kgstore.open_store(two_towns, read_only=True) as st:
        data = "\n".join(st.quads()) + "\n"
    ds = Dataset()
    ds.parse(data=data, format="nquads")
    where = defaultdict(set)
    for graph in ds.graphs():
        home = {
            str(graph.value(m, SKOS.prefLabel))
            for r in graph.subjects(RDF.type, GKG.Report)
            for m in graph.objects(r, GKG.municipality)
        }
        for o in graph.subjects(RDF.type, GKG.Organisation):
            for label in graph.objects(o, SKOS.prefLabel):
                where[str(label)] |= home
    expected = {name: len(towns) for name, towns in where.items() if len(towns) > 1}
    rows = run(two_towns, "shared-organisations")
    assert {r["organisation"]: int(r["municipalities"]) for r in rows} == expected
    assert {"Veilig Thuis", "GGD"} <= set(expected)
    assert all(set(r["where"].split(", ")) == where[r["organisation"]] for r in rows)


def test_entity_parameters_fold_dutch_plurals(built):
    """``entity=buurtteam`` finds "buurtteams" and the other way round (Snowball stems
    minted as search words and hidden labels)."""
    plural = run(built, "indicator-series", entity="buurtteams")
    assert plural and {r["entity"] for r in plural} == {"buurtteams"}
    assert sorted(map(str, run(built, "indicator-series", entity="Buurtteam"))) == sorted(
        map(str, plural)
    )
    assert run(built, "indicator-series", entity="buurt") == []
