"""The explorer in a real browser: Debian's Chromium, headless, driven by Playwright, with
the network switched off. The README's test command installs Chromium where it can; a
machine without it skips these tests, except in CI (``CI`` set), where that is a failure.
A screenshot of each page tested is kept in tests/artifacts/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from explorer_fixtures import PAYLOADS, hostile_facts

from kg import store as kgstore
from kg.compare import dutch_number
from kg.outputs.explorer import viz
from kg.rdf import document_graph
from kg.vocab import INITIATIVE_KINDS

ARTIFACTS = Path(__file__).parent / "artifacts"


def chromium_path() -> str | None:
    return (
        os.environ.get("KG_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is needed for the browser tests in CI (apt-get install chromium)")
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-extensions",
            ],
        )
        yield b
        b.close()


class Explorer:
    """One explorer page open offline, with everything it tried to do recorded."""

    def __init__(self, browser, html: Path | str):
        self.context = browser.new_context(
            offline=isinstance(html, Path), viewport={"width": 1400, "height": 860}
        )
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else 0)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.origin = html if isinstance(html, str) else None
        self.page.goto(html if isinstance(html, str) else html.resolve().as_uri())
        self.page.wait_for_selector("body[data-kg-ready='1']", state="attached", timeout=30_000)

    def _route(self, route):
        own = self.origin is not None and route.request.url == self.origin
        if not (own or route.request.url.startswith(("file:", "data:", "blob:"))):
            self.requests.append(route.request.url)
            route.abort()
            return
        route.continue_()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def point_of(self, node_id: str) -> tuple[float, float]:
        """Move the view so the node sits mid-canvas; its position on the screen."""
        return tuple(
            self.js(
                """id => {
            const p = network.getPositions([id])[id];
            network.moveTo({position: p, scale: 1.4});
            const d = network.canvasToDOM(p);
            const r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y];
        }""",
                node_id,
            )
        )

    def panel_text(self) -> str:
        self.page.wait_for_selector("#kg-panel:not([hidden])", timeout=5_000)
        return self.page.inner_text("#kg-panel")

    def close(self):
        self.context.close()


@pytest.fixture
def open_page(browser):
    opened = []

    def open_(html: Path | str) -> Explorer:
        opened.append(Explorer(browser, html))
        return opened[-1]

    yield open_
    for explorer in opened:
        explorer.close()


def drawn_pixels(explorer: Explorer) -> int:
    return explorer.js("""() => {
        const c = document.querySelector('#mynetwork canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0) n++; }
        return n;
    }""")


def test_browser_page_loads_offline_and_draws(open_page, two_towns):
    html = two_towns / "graph.html"
    ex = open_page(html)
    graph = viz.to_networkx(kgstore.load_graph(two_towns))
    assert ex.requests == [] and ex.errors == []
    assert drawn_pixels(ex) > 5_000
    assert ex.js("nodes.length") == graph.number_of_nodes()
    assert ex.js("edges.length") == graph.number_of_edges()
    assert ex.page.inner_text("#kg-shown") == (
        f"Showing {graph.number_of_nodes()} of {graph.number_of_nodes()} nodes"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    ex.page.screenshot(path=str(ARTIFACTS / "explorer-two-towns.png"))


def test_browser_search_finds_and_opens_a_node(open_page, built):
    ex = open_page(built / "graph.html")
    ex.page.fill("#kg-search", "doorbraak")
    hits = ex.page.locator("#kg-results .kg-hit-name").all_inner_texts()
    assert hits[0] == "doorbraakteam"
    ex.page.press("#kg-search", "Enter")
    text = ex.panel_text()
    assert "doorbraakteam" in text and "Initiative" in text
    assert ex.js("network.getSelectedNodes().length") == 1
    ex.page.fill("#kg-search", "zzzz-not-there")
    assert ex.page.inner_text("#kg-results") == "no match"
    ARTIFACTS.mkdir(exist_ok=True)
    ex.page.screenshot(path=str(ARTIFACTS / "explorer-search.png"))


def test_browser_search_finds_a_node_by_alias(open_page, built):
    graph = viz.to_networkx(kgstore.load_graph(built))
    node, data = next(
        (n, d)
        for n, d in sorted(graph.nodes(data=True))
        if d["aliases"] and all(a.lower() not in d["name"].lower() for a in d["aliases"])
    )
    ex = open_page(built / "graph.html")
    ex.page.fill("#kg-search", data["aliases"][0].upper())
    ex.page.press("#kg-search", "Enter")
    assert data["name"] in ex.panel_text()
    assert ex.js("network.getSelectedNodes()") == [node]


def test_browser_click_opens_the_panel_with_the_right_facts(open_page, built):
    graph = viz.to_networkx(kgstore.load_graph(built))
    node, data = next((n, d) for n, d in graph.nodes(data=True) if d["name"] == "doorbraakteam")
    ex = open_page(built / "graph.html")
    x, y = ex.point_of(node)
    ex.page.mouse.click(x, y)
    text = ex.panel_text()
    assert data["name"] in text and "Initiative" in text and "Lindewaard" in text
    for ind in data["indicators"]:  # numbers in Dutch notation, with their kind
        shown = (
            f"{dutch_number(float(ind['value']))}\t{ind['unit']}\t{ind['period']}\t{ind['kind']}"
        )
        assert shown in text
    for sentence in data["sentences"]:
        assert sentence["text"] in text
    assert "lindewaard-2023.txt" in text
    for _, other in graph.out_edges(node):
        assert graph.nodes[other]["name"] in text
    # the neighbours stay in colour, everything else is dimmed
    dimmed = ex.js(
        "Object.keys(nodes.get({returnType: 'Object'})).filter("
        "id => nodes.get(id).color && nodes.get(id).color.background === '#e9ecef')"
        ".length"
    )
    assert dimmed == graph.number_of_nodes() - 1 - len(set(graph.to_undirected()[node]))
    # a relation in the panel leads to the other entity
    ex.page.get_by_role("button", name="Veilig Thuis", exact=True).click()
    assert "Organisation" in ex.panel_text() and "Veilig Thuis" in ex.panel_text()
    ex.page.click("#kg-close")
    assert ex.page.locator("#kg-panel").is_hidden()
    assert ex.errors == []


def test_browser_panel_numbers_have_dutch_separators(open_page, built):
    """2415 aanmeldingen read 2.415, 3.2 weeks 3,2; the measure name stands in the table."""
    graph = viz.to_networkx(kgstore.load_graph(built))
    node = next(n for n, d in graph.nodes(data=True) if d["name"] == "buurtteams")
    ex = open_page(built / "graph.html")
    ex.page.mouse.click(*ex.point_of(node))
    text = ex.panel_text()
    assert "aanmeldingen\t2.415\tcount\t2023" in text and "\t3,2\tweeks\t2023" in text
    assert ex.errors == []


def test_browser_filters_by_type_municipality_and_year(open_page, two_towns):
    graph = viz.to_networkx(kgstore.load_graph(two_towns))
    ex = open_page(two_towns / "graph.html")
    total = graph.number_of_nodes()

    def hidden() -> int:
        return ex.js("nodes.get({filter: n => n.hidden}).length")

    orgs = sum(1 for _, d in graph.nodes(data=True) if d["type"] == "Organisation")
    ex.page.locator("#kg-types input[value='Organisation']").uncheck()
    assert hidden() == orgs
    ex.page.locator("#kg-types input[value='Organisation']").check()
    ex.page.select_option("#kg-municipality", "Zwolle")
    zwolle = sum(1 for _, d in graph.nodes(data=True) if "Zwolle" in d["municipalities"])
    assert hidden() == total - zwolle
    ex.page.select_option("#kg-municipality", "")
    ex.page.select_option("#kg-year", "2023")
    in_2023 = sum(1 for _, d in graph.nodes(data=True) if "2023" in d["years"])
    assert hidden() == total - in_2023
    assert ex.page.inner_text("#kg-shown") == f"Showing {in_2023} of {total} nodes"
    ex.page.click("#kg-reset")
    assert hidden() == 0


def test_browser_hostile_report_runs_no_code(open_page, tmp_path):
    html = tmp_path / "hostile.html"
    html.write_text(viz.page(document_graph(hostile_facts())), encoding="utf-8")
    ex = open_page(html)
    for node in ex.js("nodes.getIds()"):
        x, y = ex.point_of(node)
        ex.page.mouse.move(x, y)
        ex.page.wait_for_timeout(300)  # the tooltip shows after 150 ms
        ex.page.mouse.click(x, y)
        ex.panel_text()
        for button in ex.page.locator("#kg-panel .kg-link").all():
            button.hover()
    ex.page.fill("#kg-search", "script")
    ex.page.press("#kg-search", "Enter")
    text = ex.panel_text()
    assert PAYLOADS[0] in text or PAYLOADS[1] in text  # shown as text
    assert ex.js("window.__xss === undefined")
    assert ex.dialogs == [] and ex.errors == [] and ex.requests == []
    assert (
        ex.js("document.querySelectorAll('#kg-app img, #kg-app svg, #kg-app script').length") == 0
    )


def test_browser_explorer_served_by_kg_serve(open_page, two_towns, tmp_path):
    """`kg serve` at /: the page comes from the server and asks it for nothing else; with
    no graph.html in the folder, the page is rendered from the store."""
    import threading

    from kg.server import make_server

    out = tmp_path / "out"
    shutil.copytree(two_towns, out)
    (out / "graph.html").unlink()
    server = make_server(out, "127.0.0.1", 0, timeout=5.0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        ex = open_page(url)
        assert ex.requests == [] and ex.errors == []
        assert ex.js("nodes.length") == viz.to_networkx(kgstore.load_graph(out)).number_of_nodes()
        ex.page.fill("#kg-search", "Buurtkamer")
        ex.page.press("#kg-search", "Enter")
        assert "Zwolle" in ex.panel_text()
    finally:
        server.shutdown()
        server.server_close()


def _expected_comparison(graph, towns):
    """What the side-by-side view should mark, computed from the graph: the entities of
    two or more of ``towns``, and the initiative kinds run in two or more of them."""
    shared = {
        n for n, d in graph.nodes(data=True) if len(set(d["municipalities"]) & set(towns)) > 1
    }
    where = {}
    for _, d in graph.nodes(data=True):
        if d["type"] == "Initiative" and d["kind"]:
            where.setdefault(d["kind"], set()).update(set(d["municipalities"]) & set(towns))
    return shared, {k for k, ms in where.items() if len(ms) > 1}


def test_browser_side_by_side_from_the_page(open_page, built_default):
    graph = viz.to_networkx(kgstore.load_graph(built_default))
    towns = ["Beekdal", "Lindewaard"]
    shared, kinds = _expected_comparison(graph, towns)
    assert shared and kinds  # the bundled samples share organisations and kinds
    ex = open_page(built_default / "graph.html")
    before = ex.js("network.getPositions()")
    for town in towns:
        ex.page.locator(f"#kg-compare input[value='{town}']").check()
    assert ex.page.get_attribute("body", "data-kg-compare") == "Beekdal|Lindewaard"
    assert ex.errors == []
    text = ex.page.inner_text("#kg-compare-summary")
    assert f"Shared ({len(shared)})" in text
    for node in shared:
        assert graph.nodes[node]["name"] in text
    assert f"Initiatives of the same kind ({len(kinds)})" in text
    names = ex.page.locator("#kg-compare-summary dt").all_inner_texts()
    assert names == sorted(INITIATIVE_KINDS[k][0] for k in kinds)
    # columns: Beekdal's own left of Lindewaard's own, what they share above both
    at = ex.js("network.getPositions()")
    own = {
        t: [n for n, d in graph.nodes(data=True) if set(d["municipalities"]) & set(towns) == {t}]
        for t in towns
    }
    assert max(at[n]["x"] for n in own["Beekdal"]) < min(at[n]["x"] for n in own["Lindewaard"])
    lowest_shared = max(at[n]["y"] for n in shared)
    assert all(at[n]["y"] > lowest_shared for t in towns for n in own[t])
    # the shared ones and the initiatives of a shared kind are marked, nothing else
    borders = ex.js("Object.fromEntries(nodes.get().map(n => [n.id, n.borderWidth || 1]))")
    same_kind = {
        n
        for n, d in graph.nodes(data=True)
        if d["type"] == "Initiative"
        and d["kind"] in kinds
        and set(d["municipalities"]) & set(towns)
    }
    assert {n for n, w in borders.items() if w > 1} == shared | same_kind
    dashed = ex.js(
        "nodes.get({filter: n => n.shapeProperties && n.shapeProperties.borderDashes})"
        ".map(n => n.id)"
    )
    assert set(dashed) == same_kind - shared  # a shared kind: a dashed ring, shared: solid
    # a kind in the summary shows its initiatives only; a second click shows all again
    kind = sorted(kinds)[0]
    label = INITIATIVE_KINDS[kind][0]
    ex.page.locator("#kg-compare-summary .kg-kind", has_text=label).click()
    lit = ex.js(
        "nodes.get({filter: n => !n.hidden && !(n.color && n.color.background === '#e9ecef')})"
        ".map(n => n.id)"
    )
    assert set(lit) == {n for n in same_kind if graph.nodes[n]["kind"] == kind}
    ex.page.locator("#kg-compare-summary .kg-kind", has_text=label).click()
    assert (
        ex.js("nodes.get({filter: n => n.color && n.color.background === '#e9ecef'}).length") == 0
    )
    # a link in the summary opens the entity, with why it is marked
    name = graph.nodes[sorted(shared)[0]]["name"]
    ex.page.locator("#kg-compare-summary .kg-link", has_text=name).first.click()
    assert "in the reports of Beekdal and Lindewaard" in ex.panel_text()
    ARTIFACTS.mkdir(exist_ok=True)
    ex.page.screenshot(path=str(ARTIFACTS / "explorer-side-by-side.png"))
    # one municipality less: the ordinary view, every node back where it was
    ex.page.locator("#kg-compare input[value='Beekdal']").uncheck()
    assert ex.page.get_attribute("body", "data-kg-compare") is None
    assert ex.page.locator("#kg-compare-summary").is_hidden()
    back = ex.js("network.getPositions()")
    assert all(
        abs(back[n]["x"] - before[n]["x"]) < 1 and abs(back[n]["y"] - before[n]["y"]) < 1
        for n in before
    )
    assert ex.js("nodes.get({filter: n => n.hidden}).length") == 0
    assert ex.errors == []


def test_browser_side_by_side_from_kg_viz(open_page, built_default, runner, tmp_path):
    from kg.cli import main

    target = tmp_path / "compare.html"
    args = ["viz", "--out", str(built_default), "-o", str(target)]
    result = runner.invoke(main, [*args, "--compare", "lindewaard", "--compare", "beekdal"])
    assert result.exit_code == 0, result.output
    ex = open_page(target)
    assert ex.page.get_attribute("body", "data-kg-compare") == "Lindewaard|Beekdal"
    assert ex.page.locator("#kg-compare input:checked").count() == 2
    assert ex.page.is_disabled("#kg-municipality")
    assert "Lindewaard | Beekdal" in ex.page.inner_text("#kg-count")
    assert ex.errors == [] and ex.requests == []
    one = runner.invoke(main, [*args, "--compare", "Lindewaard"])
    assert one.exit_code == 2 and "two or more" in one.output


@pytest.fixture(scope="module")
def whole_report(tmp_path_factory):
    """The build of a whole report (a PDF written from the bundled sample)."""
    from report_fixtures import write_whole_report

    from kg import pipeline

    folder = tmp_path_factory.mktemp("whole")
    pdf = write_whole_report(folder / "lindewaard-2023.pdf")
    out = folder / "out"
    assert not pipeline.build([pdf], out).failed
    return out


def test_browser_whole_report_opens_on_its_programme_tree(open_page, whole_report):
    """The page of a whole report lays it out as its outline, left to right: the
    municipality, its programmes, their sections, the initiatives, their partners; it
    opens fitted on the municipality and the programmes."""
    ex = open_page(whole_report / "graph.html")
    assert ex.errors == [] and ex.requests == []
    graph = viz.to_networkx(kgstore.load_graph(whole_report))
    by_name = {d["name"]: n for n, d in graph.nodes(data=True)}
    outline = ex.js("JSON.parse(document.getElementById('kg-data').textContent).outline")
    programmes = ["Veiligheid", "Economie", "Sociaal domein"]
    sections = ["Welzijn en Wmo", "Jeugd", "Werk en inkomen", "Openbare orde en veiligheid"]
    sections += ["Economische ontwikkeling"]
    assert {by_name[n] for n in ["Lindewaard", *programmes, *sections]} == set(outline)
    x = ex.js(
        "ids => ids.map(id => network.getPositions([id])[id].x)",
        [by_name[n] for n in ["Lindewaard", "Sociaal domein", "Welzijn en Wmo", "buurtteams"]],
    )
    assert x[0] < x[1] < x[2] < x[3]  # municipality → programme → section → initiative
    inside = ex.js(
        """ids => {
        const r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
        return ids.every(id => {
            const d = network.canvasToDOM(network.getPositions([id])[id]);
            return d.x >= 0 && d.y >= 0 && d.x <= r.width && d.y <= r.height;
        });
    }""",
        outline,
    )
    assert inside
    ARTIFACTS.mkdir(exist_ok=True)
    ex.page.screenshot(path=str(ARTIFACTS / "explorer-whole-report.png"))
